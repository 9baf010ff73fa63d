import { z } from 'zod';
import type { GitHubClient } from '../github/client.js';
import type { GitHubContext } from '../github/context.js';
import { httpStatusOf } from '../github/client.js';
import type { Logger } from '../logger.js';
import { describeError } from '../errors.js';
import { describeApiFailure } from './api-failure.js';

/** The login GITHUB_TOKEN writes as; installation tokens cannot ask GET /user who they are. */
export const GITHUB_ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/** The most characters GitHub accepts in an issue comment body (its 422 says "maximum is 65536 characters"). */
export const MAX_COMMENT_BODY_CHARS = 65_536;

/** The largest page GitHub serves, so a long thread costs as few requests as possible. */
const PER_PAGE = 100;

const FEATURE = 'Pull request comment';
const PERMISSION = 'pull-requests: write';
const UNAVAILABLE_HINT = 'the pull request or repository was not found with this token';

const commentSchema = z.object({
  id: z.number(),
  html_url: z.string(),
  body: z.string().nullish(),
  user: z.object({ login: z.string() }).nullish(),
  created_at: z.string(),
});
/** The fields of an issue comment this module relies on. */
export type IssueComment = z.infer<typeof commentSchema>;
const userSchema = z.object({ login: z.string() });

export interface UpsertStickyCommentOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  issueNumber: number;
  /** A hidden HTML comment that identifies our comment, e.g. `<!-- devsecops:secrets -->`. */
  marker: string;
  /** The comment; the marker is put on its first line when it is not there already. */
  body: string;
  logger: Logger;
}

export interface StickyCommentResult {
  action: 'created' | 'updated' | 'unchanged' | 'skipped';
  commentId?: number;
  url?: string;
  /** Why it was skipped: one line for the log or the summary. */
  reason?: string;
}

/** The body as it is sent: marker first, within GitHub's limit. */
export function composeStickyBody(marker: string, body: string): string {
  const full = body.startsWith(marker) ? body : `${marker}\n${body}`;
  if (full.length <= MAX_COMMENT_BODY_CHARS) return full;
  const note = '\n\n… truncated: the full report is in the job summary.';
  return full.slice(0, MAX_COMMENT_BODY_CHARS - note.length) + note;
}

/**
 * Finds our comment: it starts with the marker (a quote of it starts with `>`,
 * a mention has text before it) and was written by us. When a bug of the past
 * left several, the newest is ours to keep.
 */
export function findStickyComment(comments: readonly IssueComment[], marker: string, login: string): { comment?: IssueComment; count: number } {
  const ours = comments.filter((c) => (c.body ?? '').startsWith(marker) && c.user?.login === login);
  const newest = ours.reduce<IssueComment | undefined>(
    (best, c) => (best === undefined || c.created_at > best.created_at || (c.created_at === best.created_at && c.id > best.id) ? c : best),
    undefined,
  );
  return { ...(newest ? { comment: newest } : {}), count: ours.length };
}

/** Who the token writes as. GET /user answers 403 to installation tokens (GITHUB_TOKEN), which write as github-actions[bot]. */
async function resolveOwnLogin(client: GitHubClient, logger: Logger): Promise<string> {
  try {
    const response = await client.request('GET /user');
    return userSchema.parse(response.data).login;
  } catch (error) {
    if (httpStatusOf(error) !== 403) {
      logger.debug(`GET /user failed (${describeError(error)}); assuming the token writes as ${GITHUB_ACTIONS_BOT_LOGIN}.`);
    }
    return GITHUB_ACTIONS_BOT_LOGIN;
  }
}

const sameText = (a: string, b: string) => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');

/**
 * Keeps one comment of ours on a pull request: creates it the first time,
 * updates it in place on re-runs, leaves it alone when nothing changed. A
 * missing permission or any API failure is a warning and `skipped`, never a throw.
 */
export async function upsertStickyComment(options: UpsertStickyCommentOptions): Promise<StickyCommentResult> {
  const { client, owner, repo, issueNumber, marker, logger } = options;
  if (marker.trim() === '') throw new Error('upsertStickyComment needs a non-empty marker to find its comment again.');
  const body = composeStickyBody(marker, options.body);
  const intendedLength = options.body.length + (options.body.startsWith(marker) ? 0 : marker.length + 1);
  if (intendedLength > MAX_COMMENT_BODY_CHARS) {
    logger.warning(`The pull request comment was cut to GitHub's limit of ${MAX_COMMENT_BODY_CHARS} characters.`);
  }

  const skip = (error: unknown): StickyCommentResult => {
    const failure = describeApiFailure(error, FEATURE, PERMISSION, UNAVAILABLE_HINT);
    logger.warning(failure.message);
    return { action: 'skipped', reason: failure.message };
  };

  try {
    const login = await resolveOwnLogin(client, logger);
    const raw = await client.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: issueNumber,
      per_page: PER_PAGE,
    });
    const comments = z.array(commentSchema).parse(raw);
    const { comment, count } = findStickyComment(comments, marker, login);
    if (count > 1) {
      logger.debug(`Found ${count} comments of ${login} starting with ${marker}; updating the newest (${comment?.id}) and leaving the others.`);
    }

    if (comment !== undefined) {
      if (sameText(comment.body ?? '', body)) {
        logger.debug(`The pull request comment ${comment.id} is already up to date.`);
        return { action: 'unchanged', commentId: comment.id, url: comment.html_url };
      }
      const response = await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        owner,
        repo,
        comment_id: comment.id,
        body,
      });
      const updated = commentSchema.parse(response.data);
      logger.info(`Updated the pull request comment: ${updated.html_url}`);
      return { action: 'updated', commentId: updated.id, url: updated.html_url };
    }

    const response = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: issueNumber,
      body,
    });
    const created = commentSchema.parse(response.data);
    logger.info(`Commented on the pull request: ${created.html_url}`);
    return { action: 'created', commentId: created.id, url: created.html_url };
  } catch (error) {
    // An unexpected answer (a ZodError) is skipped too: publishing never decides the run's outcome.
    return skip(error);
  }
}

/**
 * The sticky comment of a step on the pull request of `context`, or the line
 * saying why not: a read-only token (a fork's pull request) or a refused call
 * adds a note to `notes` and the run goes on.
 */
export async function publishStickyComment(options: {
  client: GitHubClient | undefined;
  context: Pick<GitHubContext, 'owner' | 'repo' | 'pullRequest' | 'readOnlyReason'>;
  marker: string;
  body: string;
  logger: Logger;
  notes: string[];
}): Promise<void> {
  const { context, notes } = options;
  if (!context.pullRequest) return;
  if (context.readOnlyReason) {
    notes.push(`Pull request comment skipped: ${context.readOnlyReason}. The job summary carries the same report.`);
    return;
  }
  if (!options.client) return;
  const outcome = await upsertStickyComment({
    client: options.client,
    owner: context.owner,
    repo: context.repo,
    issueNumber: context.pullRequest.number,
    marker: options.marker,
    body: options.body,
    logger: options.logger,
  });
  if (outcome.action === 'skipped' && outcome.reason) notes.push(outcome.reason);
}
