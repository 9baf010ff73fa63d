import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import { z } from 'zod';
import type { GitHubClient } from '../github/client.js';
import { httpStatusOf } from '../github/client.js';
import type { Logger } from '../logger.js';
import { describeApiFailure, skipAfterApiFailure, type ApiFailureReason } from './api-failure.js';
import type { UploadTarget } from './upload-target.js';

export { resolveUploadTarget, type UploadTarget, type UploadTargetInput } from './upload-target.js';
import { hasUploadedCategory, normalizeCategory, recordUploadedCategory } from './uploaded-categories.js';

// GitHub's limits (sarif/limits.ts, with their sources) are checked again just
// before sending: past them GitHub rejects the whole analysis, and only says so
// later as a failed processing status.
export {
  MAX_UPLOAD_GZIPPED_BYTES as MAX_SARIF_GZIPPED_BYTES,
  MAX_RUNS_PER_FILE as MAX_SARIF_RUNS,
  MAX_RESULTS_PER_RUN as MAX_SARIF_RESULTS_PER_RUN,
} from '../sarif/limits.js';
import { MAX_RESULTS_PER_RUN as MAX_SARIF_RESULTS_PER_RUN, MAX_RUNS_PER_FILE as MAX_SARIF_RUNS, MAX_UPLOAD_GZIPPED_BYTES as MAX_SARIF_GZIPPED_BYTES } from '../sarif/limits.js';

/** codeql-action polls every 5 s for up to 2 min; processing usually takes seconds. */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;
export const DEFAULT_MAX_WAIT_MS = 2 * 60_000;

const FEATURE = 'Code scanning upload';
const PERMISSION = 'security-events: write';
const UNAVAILABLE_HINT =
  'code scanning is not enabled for this repository (private repositories need GitHub Advanced Security / Code Security)';

/** The request body of POST /repos/{owner}/{repo}/code-scanning/sarifs: these fields and no others. */
export interface UploadPayload {
  commit_sha: string;
  ref: string;
  /** gzip, then base64, of the SARIF JSON. */
  sarif: string;
  checkout_uri: string;
  tool_name: string;
}

export class SarifLimitError extends Error {
  override readonly name = 'SarifLimitError';
}

export interface BuildUploadPayloadOptions {
  sarif: Log;
  target: UploadTarget;
  /** The workspace, as a path or a `file://` URI: code scanning uses it to make absolute paths relative. */
  checkoutUri: string;
  /** Defaults to the first run's driver name. */
  toolName?: string;
}

/** A workspace path as the file URI GitHub expects in `checkout_uri`; a URI is returned as it is. */
export function toCheckoutUri(pathOrUri: string): string {
  return pathOrUri.startsWith('file:') ? pathOrUri : pathToFileURL(pathOrUri).href;
}

/** Every way the log breaks GitHub's limits, as sentences; empty when it fits. */
export function checkSarifLimits(sarif: Log, gzippedBytes: number): string[] {
  const problems: string[] = [];
  if (sarif.runs.length > MAX_SARIF_RUNS) {
    problems.push(`it has ${sarif.runs.length} runs; GitHub accepts at most ${MAX_SARIF_RUNS} per file`);
  }
  sarif.runs.forEach((run, index) => {
    const results = run.results?.length ?? 0;
    if (results > MAX_SARIF_RESULTS_PER_RUN) {
      problems.push(
        `run ${index} (${run.tool.driver.name}) has ${results} results; GitHub accepts at most ${MAX_SARIF_RESULTS_PER_RUN.toLocaleString('en-US')} per run`,
      );
    }
  });
  if (gzippedBytes > MAX_SARIF_GZIPPED_BYTES) {
    problems.push(
      `it is ${gzippedBytes.toLocaleString('en-US')} bytes gzipped; GitHub accepts at most ${MAX_SARIF_GZIPPED_BYTES.toLocaleString('en-US')}`,
    );
  }
  return problems;
}

/**
 * Builds the upload body: gzip + base64 of the SARIF, and exactly the fields
 * GitHub's description allows (it declares `additionalProperties: false`, so
 * the category cannot travel as a field; it is `runs[].automationDetails.id`).
 * Throws SarifLimitError, naming every limit broken, instead of building a body
 * GitHub would reject.
 */
export function buildUploadPayload(options: BuildUploadPayloadOptions): UploadPayload {
  const gzipped = gzipSync(Buffer.from(JSON.stringify(options.sarif), 'utf8'));
  const problems = checkSarifLimits(options.sarif, gzipped.length);
  if (problems.length > 0) {
    throw new SarifLimitError(`The SARIF was not uploaded because ${problems.join('; ')}. Narrow the scan or split it into categories.`);
  }
  return {
    commit_sha: options.target.commitSha,
    ref: options.target.ref,
    sarif: gzipped.toString('base64'),
    checkout_uri: toCheckoutUri(options.checkoutUri),
    tool_name: options.toolName ?? options.sarif.runs[0]?.tool.driver.name ?? 'devsecops',
  };
}

/**
 * Puts the category into every run's `automationDetails.id` as `category/`
 * (the part before the last slash is the category; docs: "SARIF support for code
 * scanning", runAutomationDetails). Runs that already carry this category keep
 * their id. Returns a copy.
 */
export function applyCategory(sarif: Log, category: string): Log {
  const prefix = `${normalizeCategory(category)}/`;
  return {
    ...sarif,
    runs: sarif.runs.map((run) =>
      run.automationDetails?.id?.startsWith(prefix) ? run : { ...run, automationDetails: { ...run.automationDetails, id: prefix } },
    ),
  };
}

/**
 * `uploaded`: accepted (and processed, unless `processingStatus` says otherwise);
 * `failed`: accepted but code scanning could not process it;
 * `skipped`: never sent or refused. `reason` is the one line already logged as a warning.
 */
export type SarifUploadResult =
  | {
      status: 'uploaded';
      sarifId: string;
      /** `not-checked` when waitForProcessing was off; `pending` when the wait ended first. */
      processingStatus: 'complete' | 'pending' | 'not-checked';
      analysesUrl?: string;
    }
  | { status: 'failed'; sarifId: string; reason: string; errors: string[] }
  | {
      status: 'skipped';
      reason: string;
      cause: ApiFailureReason | 'over-limit' | 'duplicate-category';
      httpStatus?: number;
    };

export interface UploadSarifOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  target: UploadTarget;
  sarif: Log;
  /** The workspace path or its file URI. */
  checkoutUri: string;
  /** Code scanning's category for this analysis, e.g. `devsecops/secrets`. */
  category: string;
  logger: Logger;
  /** Poll GET .../sarifs/{id} until processing ends; default true. */
  waitForProcessing?: boolean;
  pollIntervalMs?: number;
  maxWaitMs?: number;
  /** JSON file recording the categories this job uploaded (under RUNNER_TEMP, keyed by job); none: no check. */
  uploadedCategoriesFile?: string;
  toolName?: string;
}

// Parse what we rely on from GitHub's answers at the edge.
const uploadResponseSchema = z.object({ id: z.string().min(1) });
const processingResponseSchema = z.object({
  processing_status: z.enum(['pending', 'complete', 'failed']).optional(),
  analyses_url: z.string().nullish(),
  errors: z.array(z.string()).nullish(),
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Uploads one SARIF log to code scanning and, by default, waits for GitHub to
 * process it. Never throws for a missing permission, a disabled feature, a
 * broken limit or an API failure: it logs one warning and returns `skipped`,
 * because whether the run fails is decided by the findings, not by publishing.
 */
export async function uploadSarif(options: UploadSarifOptions): Promise<SarifUploadResult> {
  const { client, owner, repo, logger, category } = options;
  const ledger = options.uploadedCategoriesFile;

  if (ledger !== undefined && hasUploadedCategory(ledger, category)) {
    const message =
      `${FEATURE} skipped: category "${normalizeCategory(category)}" was already uploaded in this job, and a second upload ` +
      `would replace the first one's results. Run each scanner once per job, or give each run its own \`path\` (the category includes it).`;
    logger.warning(message);
    return { status: 'skipped', cause: 'duplicate-category', reason: message };
  }

  let payload: UploadPayload;
  try {
    payload = buildUploadPayload({
      sarif: applyCategory(options.sarif, category),
      target: options.target,
      checkoutUri: options.checkoutUri,
      ...(options.toolName !== undefined ? { toolName: options.toolName } : {}),
    });
  } catch (error) {
    if (!(error instanceof SarifLimitError)) throw error;
    logger.warning(error.message);
    return { status: 'skipped', cause: 'over-limit', reason: error.message };
  }

  let sarifId: string;
  try {
    const response = await client.request('POST /repos/{owner}/{repo}/code-scanning/sarifs', { owner, repo, ...payload });
    sarifId = uploadResponseSchema.parse(response.data).id;
  } catch (error) {
    return skipAfterApiFailure(error, FEATURE, PERMISSION, UNAVAILABLE_HINT, logger);
  }
  if (ledger !== undefined) recordUploadedCategory(ledger, category);
  logger.info(`Uploaded SARIF for category "${normalizeCategory(category)}" to ${payload.ref} at ${payload.commit_sha} (id ${sarifId}).`);

  if (options.waitForProcessing === false) {
    return { status: 'uploaded', sarifId, processingStatus: 'not-checked' };
  }
  return waitForProcessing({ ...options, sarifId });
}

async function waitForProcessing(options: UploadSarifOptions & { sarifId: string }): Promise<SarifUploadResult> {
  const { client, owner, repo, logger, sarifId } = options;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const deadline = Date.now() + maxWaitMs;
  const pending = { status: 'uploaded', sarifId, processingStatus: 'pending' } as const;

  for (;;) {
    try {
      const response = await client.request('GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}', {
        owner,
        repo,
        sarif_id: sarifId,
      });
      const status = processingResponseSchema.parse(response.data);
      const analysesUrl = status.analyses_url ?? undefined;
      if (status.processing_status === 'complete') {
        logger.info(`Code scanning processed the SARIF upload ${sarifId}.`);
        return { status: 'uploaded', sarifId, processingStatus: 'complete', ...(analysesUrl ? { analysesUrl } : {}) };
      }
      if (status.processing_status === 'failed') {
        const errors = status.errors ?? [];
        const reason = `Code scanning could not process the SARIF upload ${sarifId}${errors.length > 0 ? `: ${errors.join('; ')}` : '.'}`;
        logger.warning(reason);
        return { status: 'failed', sarifId, reason, errors };
      }
    } catch (error) {
      // Right after the upload the id may not be visible yet: GitHub answers 404 for a while.
      if (httpStatusOf(error) !== 404) {
        logger.warning(
          `Could not check the processing of SARIF upload ${sarifId}: ${describeApiFailure(error, 'Checking the upload', PERMISSION).message}`,
        );
        return pending;
      }
    }
    if (Date.now() + pollIntervalMs > deadline) {
      logger.warning(
        `Code scanning had not finished processing SARIF upload ${sarifId} after ${Math.round(maxWaitMs / 1000)}s; ` +
          'the results will appear once it does.',
      );
      return pending;
    }
    await sleep(pollIntervalMs);
  }
}
