import { UsageError, describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { ensureCommitsAvailable, findMergeBase, isShallowRepository, short } from './fetch-history.js';
import { runGit } from './run-git.js';

/**
 * The commits a change-only scan compares. `base` is already the merge base
 * (GitHub's three-dot view of a pull request), so a plain `base..head` diff of
 * it shows exactly what the change adds.
 */
export interface ChangeRange {
  base: string;
  head: string;
  kind: 'pull_request' | 'push';
}

export interface ResolveChangeRangeOptions {
  root: string;
  /** GITHUB_EVENT_NAME. */
  eventName: string;
  /** From the event payload: pull_request.base.sha / head.sha (or merge_group's base_sha / head_sha). */
  pullRequest?: { baseSha: string; headSha: string };
  /** From a push payload: `before` is all zeros for a new branch. */
  push?: { before?: string; after: string };
  /** repository.default_branch from the payload; otherwise origin/HEAD is tried. */
  defaultBranch?: string;
  /** Remote to fetch missing history from (default `origin`). */
  remote?: string;
  logger: Logger;
  signal?: AbortSignal;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);
/** Git writes a missing side of a ref update as all zeros (40 for SHA-1, 64 for SHA-256). */
const NULL_SHA = /^0+$/;

/**
 * Decides which commits to compare for this event, fetching what a shallow
 * checkout lacks. Returns undefined when there is no meaningful range (another
 * event, a new branch with no resolvable default branch, a deleted branch):
 * the caller scans everything, and the reason has been logged.
 */
export async function resolveChangeRange(options: ResolveChangeRangeOptions): Promise<ChangeRange | undefined> {
  const { eventName, logger } = options;
  if (PULL_REQUEST_EVENTS.has(eventName)) {
    if (!options.pullRequest) {
      logger.info(`The ${eventName} event carries no base and head commits: scanning everything`);
      return undefined;
    }
    return resolvePullRequest(options, options.pullRequest);
  }
  if (eventName === 'push' && options.push) return resolvePush(options, options.push);
  logger.info(`The ${eventName} event has no change range: scanning everything`);
  return undefined;
}

async function resolvePullRequest(
  options: ResolveChangeRangeOptions,
  pr: { baseSha: string; headSha: string },
): Promise<ChangeRange | undefined> {
  const { root, logger } = options;
  const fetchOptions = { remote: options.remote, signal: options.signal };
  await ensureCommitsAvailable(root, [pr.baseSha, pr.headSha], logger, fetchOptions);
  const mergeBase = await findMergeBase(root, { base: pr.baseSha, head: pr.headSha }, logger, fetchOptions);
  if (!mergeBase) {
    logger.warning(`The pull request head ${short(pr.headSha)} shares no history with its base ${short(pr.baseSha)}: scanning everything`);
    return undefined;
  }
  logger.debug(`Pull request range: ${short(mergeBase)} (merge base of ${short(pr.baseSha)}) .. ${short(pr.headSha)}`);
  return { base: mergeBase, head: pr.headSha, kind: 'pull_request' };
}

async function resolvePush(
  options: ResolveChangeRangeOptions,
  push: { before?: string; after: string },
): Promise<ChangeRange | undefined> {
  const { root, logger } = options;
  const fetchOptions = { remote: options.remote, signal: options.signal };
  if (NULL_SHA.test(push.after)) {
    logger.info('The push deleted the branch: there is no new commit to compare, scanning everything checked out');
    return undefined;
  }
  await ensureCommitsAvailable(root, [push.after], logger, fetchOptions);

  if (push.before && !NULL_SHA.test(push.before)) {
    let beforeAvailable = true;
    try {
      await ensureCommitsAvailable(root, [push.before], logger, fetchOptions);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      beforeAvailable = false;
      logger.warning(
        `The commit before the push (${short(push.before)}) cannot be fetched, as after a force push that dropped it: comparing with the default branch instead`,
      );
    }
    if (beforeAvailable) {
      const mergeBase = await findMergeBase(root, { base: push.before, head: push.after }, logger, fetchOptions);
      if (mergeBase) {
        if (mergeBase !== push.before) {
          // A force push rewrote history: what the branch now adds starts at the common ancestor.
          logger.info(
            `The push rewrote history (${short(push.before)} is not an ancestor of ${short(push.after)}): comparing with their common ancestor ${short(mergeBase)}`,
          );
        }
        return { base: mergeBase, head: push.after, kind: 'push' };
      }
      logger.warning(`The pushed commit ${short(push.after)} shares no history with ${short(push.before)}: comparing with the default branch instead`);
    }
  } else {
    logger.info('The push created a new branch: comparing with the default branch');
  }
  return resolveAgainstDefaultBranch(options, push.after);
}

/** A new branch (or an unusable `before`): compare with where it forked from the default branch. */
async function resolveAgainstDefaultBranch(options: ResolveChangeRangeOptions, head: string): Promise<ChangeRange | undefined> {
  const { root, logger } = options;
  const remote = options.remote ?? 'origin';
  const branch = options.defaultBranch ?? (await readRemoteHead(root, remote));
  if (!branch) {
    logger.info('The default branch is unknown (no repository.default_branch, no origin/HEAD): scanning everything');
    return undefined;
  }
  const trackingRef = `refs/remotes/${remote}/${branch}`;
  try {
    const depth = (await isShallowRepository(root)) ? ['--depth=50'] : [];
    await runGit(
      ['fetch', '--no-tags', '--no-recurse-submodules', ...depth, remote, `+refs/heads/${branch}:${trackingRef}`],
      { cwd: root, ...(options.signal ? { signal: options.signal } : {}) },
    );
  } catch (error) {
    logger.info(`Could not fetch the default branch ${branch} (${describeError(error)}): scanning everything`);
    return undefined;
  }
  const { stdout } = await runGit(['rev-parse', '--verify', `${trackingRef}^{commit}`], { cwd: root });
  const branchTip = stdout.trim();
  let mergeBase: string | undefined;
  try {
    mergeBase = await findMergeBase(root, { base: branchTip, head }, logger, { remote, signal: options.signal });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    logger.info(`${error.message.replace(/: set `fetch-depth.*$/, '')}: scanning everything`);
    return undefined;
  }
  if (!mergeBase) {
    logger.info(`The pushed commit shares no history with ${branch}: scanning everything`);
    return undefined;
  }
  if (mergeBase === head) {
    // Nothing beyond the default branch, or this is the default branch's first push: we cannot
    // tell whether that history was ever scanned, so scan it all rather than nothing.
    logger.info(`The pushed commit ${short(head)} is already on ${branch}: scanning everything`);
    return undefined;
  }
  logger.info(`Comparing with ${short(mergeBase)}, where the branch forked from ${branch}`);
  return { base: mergeBase, head, kind: 'push' };
}

async function readRemoteHead(root: string, remote: string): Promise<string | undefined> {
  const { stdout, exitCode } = await runGit(['symbolic-ref', '--quiet', `refs/remotes/${remote}/HEAD`], {
    cwd: root,
    okExitCodes: [1, 128],
  });
  if (exitCode !== 0) return undefined;
  return stdout.trim().replace(`refs/remotes/${remote}/`, '') || undefined;
}
