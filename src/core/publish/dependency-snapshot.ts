import { z } from 'zod';
import type { GitHubClient } from '../github/client.js';
import { httpStatusOf } from '../github/client.js';
import type { Logger } from '../logger.js';
import { skipAfterApiFailure, type ApiFailureReason } from './api-failure.js';

/**
 * The request body of POST /repos/{owner}/{repo}/dependency-graph/snapshots
 * (REST docs: "Create a snapshot of dependencies for a repository"). GitHub's
 * description declares `additionalProperties: false` at every level, so these
 * fields and no others.
 */
export interface DependencySnapshot {
  /** The snapshot format; GitHub knows only 0. */
  version: 0;
  job: SnapshotJob;
  /** The commit the dependencies were resolved at (40 hex, 64 for SHA-256 repositories). */
  sha: string;
  /** `refs/heads/main`, `refs/pull/1/merge`… (GitHub requires the `refs/` form). */
  ref: string;
  detector: SnapshotDetector;
  /** ISO 8601 time of the scan. */
  scanned: string;
  /** Keyed by manifest name. */
  manifests: Record<string, SnapshotManifest>;
}

export interface SnapshotJob {
  /**
   * GitHub keeps only the latest snapshot per `job.correlator` + `detector.name`
   * (REST docs), so it must be the same on every run that describes the same
   * thing, and differ between things that must not replace each other.
   */
  correlator: string;
  /** The run that produced it (GITHUB_RUN_ID). */
  id: string;
  html_url?: string;
}

export interface SnapshotDetector {
  name: string;
  version: string;
  url: string;
}

export interface SnapshotManifest {
  name: string;
  /** `source_location`: the file's repository-relative path, which the dependency graph shows and deduplicates by. */
  file: { source_location: string };
  resolved: Record<string, ResolvedDependency>;
}

export interface ResolvedDependency {
  package_url: string;
  relationship?: 'direct' | 'indirect';
  scope?: 'runtime' | 'development';
  /** Keys of other entries of the same `resolved`. */
  dependencies: string[];
}

const FEATURE = 'Dependency submission';
const PERMISSION = 'contents: write';
const UNAVAILABLE_HINT =
  'the dependency graph is not enabled for this repository (Settings > Advanced Security > Dependency graph), or the token cannot see it';

/** The HTTP status GitHub answers a body larger than it accepts. */
const PAYLOAD_TOO_LARGE = 413;

// What we rely on from GitHub's answer: `result` is SUCCESS, ACCEPTED (queued) or INVALID.
const snapshotResponseSchema = z.object({
  id: z.number(),
  created_at: z.string(),
  result: z.string(),
  message: z.string().optional(),
});
const ACCEPTED_RESULTS = new Set(['SUCCESS', 'ACCEPTED']);

/**
 * `submitted`: GitHub took the snapshot (`result` SUCCESS or ACCEPTED);
 * `skipped`: not sent, refused or failed. `reason` is the one line already logged.
 */
export type SnapshotSubmission =
  | { status: 'submitted'; id: number; result: string }
  | { status: 'skipped'; reason: string; cause: ApiFailureReason | 'read-only' | 'too-large' | 'rejected'; httpStatus?: number };

export interface SubmitDependencySnapshotOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  snapshot: DependencySnapshot;
  logger: Logger;
  /** Set when the run's token cannot write (a fork's pull request): nothing is sent. */
  readOnlyReason?: string;
}

/** What the snapshot covers, for messages: its manifests' names. */
function describeSnapshot(snapshot: DependencySnapshot): string {
  const names = Object.keys(snapshot.manifests);
  return names.length === 0 ? 'the dependency snapshot' : `the dependency snapshot of ${names.join(', ')}`;
}

/**
 * Sends one snapshot to the dependency submission API. Never throws for a
 * missing permission, a disabled dependency graph, a refused or failed
 * request: it logs one warning and returns `skipped`, because the SBOM's
 * files and outputs do not depend on it.
 */
export async function submitDependencySnapshot(options: SubmitDependencySnapshotOptions): Promise<SnapshotSubmission> {
  const { client, owner, repo, snapshot, logger } = options;
  const what = describeSnapshot(snapshot);
  if (options.readOnlyReason) {
    const reason = `${FEATURE} skipped: ${options.readOnlyReason}; the dependency graph needs \`${PERMISSION}\`. The SBOM files are still written.`;
    logger.warning(reason);
    return { status: 'skipped', cause: 'read-only', reason };
  }

  let data: z.infer<typeof snapshotResponseSchema>;
  try {
    const response = await client.request('POST /repos/{owner}/{repo}/dependency-graph/snapshots', { owner, repo, ...snapshot });
    data = snapshotResponseSchema.parse(response.data);
  } catch (error) {
    if (httpStatusOf(error) === PAYLOAD_TOO_LARGE) {
      const bytes = Buffer.byteLength(JSON.stringify(snapshot), 'utf8');
      const reason =
        `${FEATURE} skipped: GitHub refused ${what} (${bytes.toLocaleString('en-US')} bytes) as too large (413). ` +
        'The SBOM files still list every package.';
      logger.warning(reason);
      return { status: 'skipped', cause: 'too-large', reason, httpStatus: PAYLOAD_TOO_LARGE };
    }
    return skipAfterApiFailure(error, FEATURE, PERMISSION, UNAVAILABLE_HINT, logger);
  }

  if (!ACCEPTED_RESULTS.has(data.result)) {
    const reason = `${FEATURE}: GitHub did not accept ${what} (result ${data.result}${data.message ? `: ${data.message}` : ''}).`;
    logger.warning(reason);
    return { status: 'skipped', cause: 'rejected', reason };
  }
  logger.info(`Submitted ${what} to the dependency graph for ${snapshot.ref} at ${snapshot.sha} (snapshot ${data.id}, ${data.result}).`);
  return { status: 'submitted', id: data.id, result: data.result };
}

export interface SubmitDependencySnapshotsOptions extends Omit<SubmitDependencySnapshotOptions, 'snapshot'> {
  snapshots: ReadonlyArray<{ manifest: string; snapshot: DependencySnapshot }>;
}

/** Failures that will be the same for every other snapshot of the run. */
const STOPS_THE_REST = new Set<string>(['read-only', 'missing-permission', 'feature-disabled']);

/**
 * Sends snapshots one after the other (one per lockfile). A failure that will
 * repeat for every one (a read-only token, no `contents: write`, no dependency
 * graph) is logged once and the others are not sent; any other failure skips
 * that snapshot only.
 */
export async function submitDependencySnapshots(
  options: SubmitDependencySnapshotsOptions,
): Promise<Array<{ manifest: string } & SnapshotSubmission>> {
  const { snapshots, ...rest } = options;
  const results: Array<{ manifest: string } & SnapshotSubmission> = [];
  let stopped: Extract<SnapshotSubmission, { status: 'skipped' }> | undefined;
  for (const { manifest, snapshot } of snapshots) {
    if (stopped) {
      results.push({ manifest, ...stopped });
      continue;
    }
    const result = await submitDependencySnapshot({ ...rest, snapshot });
    results.push({ manifest, ...result });
    if (result.status === 'skipped' && STOPS_THE_REST.has(result.cause)) stopped = result;
  }
  return results;
}

export interface SnapshotTargetInput {
  eventName: string;
  /** GITHUB_SHA. */
  sha: string;
  /** GITHUB_REF. */
  ref: string;
  pullRequest?: { headSha: string };
}

/** Pull request events whose GITHUB_SHA is the test merge commit, not the commit the lockfiles were read at. */
const HEAD_SHA_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

/**
 * The commit and ref a snapshot is attributed to. On `pull_request` events
 * GITHUB_SHA is a merge commit no one pushed; dependency review compares the
 * pull request's head, so the head SHA goes with GITHUB_REF (what
 * github/dependency-submission-toolkit does). `pull_request_target` runs on
 * the base, so its GITHUB_SHA is right as it is.
 */
export function resolveSnapshotTarget(input: SnapshotTargetInput): { sha: string; ref: string } {
  if (HEAD_SHA_EVENTS.has(input.eventName) && input.pullRequest) return { sha: input.pullRequest.headSha, ref: input.ref };
  return { sha: input.sha, ref: input.ref };
}
