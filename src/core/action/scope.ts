import type { Logger } from '../logger.js';
import type { Scope } from '../config/sections/common.js';
import type { GitHubContext } from '../github/context.js';
import { resolveChangeRange } from '../git/range.js';
import type { ScanScope } from './scanner.js';

const CHANGE_EVENTS = new Set(['pull_request', 'pull_request_target', 'push', 'merge_group']);

/**
 * Turns the `scope` setting into what to scan. `auto` means the change on
 * pull_request and push events and everything otherwise; `changes` on an event
 * without a change (schedule, workflow_dispatch) scans everything and says so,
 * rather than silently scanning nothing.
 */
export async function resolveScanScope(options: {
  requested: Scope;
  context: GitHubContext;
  repoRoot: string;
  logger: Logger;
}): Promise<ScanScope> {
  const { requested, context, logger } = options;
  if (requested === 'all') return { kind: 'all' };
  if (requested === 'auto' && !CHANGE_EVENTS.has(context.eventName)) return { kind: 'all' };
  const range = await resolveChangeRange({
    root: options.repoRoot,
    eventName: context.eventName,
    ...(context.pullRequest ? { pullRequest: { baseSha: context.pullRequest.baseSha, headSha: context.pullRequest.headSha } } : {}),
    ...(context.push ? { push: { ...(context.push.before ? { before: context.push.before } : {}), after: context.push.after } } : {}),
    ...(context.push?.defaultBranch ? { defaultBranch: context.push.defaultBranch } : {}),
    logger,
  });
  if (!range) {
    if (requested === 'changes') logger.warning(`scope is "changes", but the ${context.eventName} event has no change to compare: scanning everything.`);
    return { kind: 'all' };
  }
  return { kind: 'changes', base: range.base, head: range.head, source: range.kind };
}

/** One phrase for the summary: what was scanned. */
export function describeScope(scope: ScanScope, context: Pick<GitHubContext, 'pullRequest'>): string {
  if (scope.kind === 'all') return 'all files';
  if (scope.kind === 'staged') return 'the staged changes';
  const range = `${scope.base.slice(0, 7)}...${scope.head.slice(0, 7)}`;
  if (scope.source === 'pull_request') {
    return `lines added by ${context.pullRequest ? `pull request #${context.pullRequest.number}` : 'this pull request'} (${range})`;
  }
  if (scope.source === 'push') return `lines added by this push (${range})`;
  return `lines added since ${scope.base.slice(0, 7)} (${range})`;
}
