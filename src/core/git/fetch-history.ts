import { UsageError, describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { assertRevision, runGit } from './run-git.js';

/**
 * How far to deepen a shallow clone, step by step, looking for a merge base:
 * most pull requests fork within 50 commits; the bound keeps a runaway branch
 * from turning into a full clone behind the user's back.
 */
export const DEEPEN_STEPS = [50, 200, 1000] as const;

/** How much history to take with a commit fetched into a shallow clone. */
const SHALLOW_FETCH_DEPTH = 50;

const FETCH_DEPTH_HINT = 'set `fetch-depth: 0` on actions/checkout so the history is available';

export interface FetchHistoryOptions {
  /** The remote to fetch from (default `origin`, as actions/checkout names it). */
  remote?: string;
  signal?: AbortSignal;
}

/** True when the object exists locally and is a commit. */
export async function hasCommit(root: string, sha: string): Promise<boolean> {
  assertRevision(sha, 'commit');
  const { exitCode } = await runGit(['cat-file', '-e', `${sha}^{commit}`], { cwd: root, okExitCodes: [1, 128] });
  return exitCode === 0;
}

export async function isShallowRepository(root: string): Promise<boolean> {
  const { stdout } = await runGit(['rev-parse', '--is-shallow-repository'], { cwd: root });
  return stdout.trim() === 'true';
}

/**
 * Makes sure every commit in `shas` is present, fetching the missing ones from
 * the remote (actions/checkout fetches one commit by default, so a PR's base
 * and head are usually missing). Throws UsageError, naming the fix, when they
 * cannot be fetched.
 */
export async function ensureCommitsAvailable(
  root: string,
  shas: readonly string[],
  logger: Logger,
  options: FetchHistoryOptions = {},
): Promise<void> {
  const missing: string[] = [];
  for (const sha of new Set(shas)) if (!(await hasCommit(root, sha))) missing.push(sha);
  if (missing.length === 0) return;

  const remote = options.remote ?? 'origin';
  const shallow = await isShallowRepository(root);
  logger.info(`Fetching ${missing.map(short).join(', ')} from ${remote}: not in the local clone`);
  // In a full clone a --depth fetch would make the repository shallow; only a shallow one gets it.
  const depth = shallow ? [`--depth=${SHALLOW_FETCH_DEPTH}`] : [];
  try {
    await runGit(['fetch', '--no-tags', '--no-recurse-submodules', ...depth, remote, ...missing], {
      cwd: root,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new UsageError(
      `Commit ${missing.map(short).join(', ')} is not in the clone and could not be fetched from ${remote} (${describeError(error)}): ${FETCH_DEPTH_HINT}`,
    );
  }
  for (const sha of missing) {
    if (!(await hasCommit(root, sha))) {
      throw new UsageError(`Commit ${short(sha)} is still missing after fetching from ${remote}: ${FETCH_DEPTH_HINT}`);
    }
  }
}

/**
 * The merge base of `base` and `head` (where a pull request's changes start).
 * In a shallow clone the fork point may be cut off, so the clone is deepened in
 * bounded steps until it appears. Returns undefined when a complete history
 * shows the two are unrelated; throws UsageError when the bounded deepening
 * runs out.
 */
export async function findMergeBase(
  root: string,
  commits: { base: string; head: string },
  logger: Logger,
  options: FetchHistoryOptions = {},
): Promise<string | undefined> {
  assertRevision(commits.base, 'base revision');
  assertRevision(commits.head, 'head revision');
  const remote = options.remote ?? 'origin';
  for (let step = 0; ; step += 1) {
    const found = await runMergeBase(root, commits.base, commits.head);
    if (found) return found;
    if (!(await isShallowRepository(root))) return undefined;
    const deepen = DEEPEN_STEPS[step];
    if (deepen === undefined) break;
    logger.info(
      `The shallow clone does not reach the merge base of ${short(commits.base)} and ${short(commits.head)}: fetching ${deepen} more commits`,
    );
    try {
      await runGit(
        ['fetch', '--no-tags', '--no-recurse-submodules', `--deepen=${deepen}`, remote, commits.base, commits.head],
        { cwd: root, ...(options.signal ? { signal: options.signal } : {}) },
      );
    } catch (error) {
      throw new UsageError(
        `Could not deepen the shallow clone to find where ${short(commits.head)} forked from ${short(commits.base)} (${describeError(error)}): ${FETCH_DEPTH_HINT}`,
      );
    }
  }
  const total = DEEPEN_STEPS.reduce((a, b) => a + b, 0);
  throw new UsageError(
    `No merge base of ${short(commits.base)} and ${short(commits.head)} within ${total} more commits of history in this shallow clone: ${FETCH_DEPTH_HINT}`,
  );
}

async function runMergeBase(root: string, base: string, head: string): Promise<string | undefined> {
  const { stdout, exitCode } = await runGit(['merge-base', base, head], { cwd: root, okExitCodes: [1] });
  return exitCode === 0 ? stdout.trim() || undefined : undefined;
}

export function short(sha: string): string {
  return /^[0-9a-f]{40,64}$/i.test(sha) ? sha.slice(0, 7) : sha;
}
