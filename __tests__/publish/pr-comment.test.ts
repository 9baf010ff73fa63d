import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createGitHubClient, type GitHubClient } from '../../src/core/github/client.js';
import { createRecordingLogger } from '../../src/core/logger.js';
import {
  MAX_COMMENT_BODY_CHARS,
  composeStickyBody,
  upsertStickyComment,
  type UpsertStickyCommentOptions,
} from '../../src/core/publish/pr-comment.js';
import { startApiDouble, type ApiDouble, type ApiDoubleOptions } from '../support/api-double.js';

const MARKER = '<!-- devsecops:secrets -->';
const ISSUE = 42;

let double: ApiDouble;
let client: GitHubClient;
let logger: ReturnType<typeof createRecordingLogger>;

async function start(options: ApiDoubleOptions = {}) {
  double = await startApiDouble(options);
  logger = createRecordingLogger();
  client = await createGitHubClient({ token: double.token, apiUrl: double.url, logger, retryAfterBaseMs: 5 });
}
beforeEach(() => start());
afterEach(async () => {
  await double.close();
});

const upsert = (body: string, overrides: Partial<UpsertStickyCommentOptions> = {}) =>
  upsertStickyComment({ client, owner: 'octo-org', repo: 'octo-repo', issueNumber: ISSUE, marker: MARKER, body, logger, ...overrides });
const bodies = () => double.state.comments(ISSUE).map((c) => `${c.login}: ${c.body}`);

describe('upsertStickyComment', () => {
  it('creates the comment, then updates it in place on a re-run, then leaves it alone when nothing changed', async () => {
    const created = await upsert('2 findings');
    expect(created).toEqual(expect.objectContaining({ action: 'created', url: expect.stringContaining('#issuecomment-') }));
    expect(bodies()).toEqual([`github-actions[bot]: ${MARKER}\n2 findings`]);

    const updated = await upsert('1 finding');
    expect(updated).toEqual(expect.objectContaining({ action: 'updated', commentId: created.commentId }));
    expect(bodies()).toEqual([`github-actions[bot]: ${MARKER}\n1 finding`]);

    const unchanged = await upsert('1 finding');
    expect(unchanged).toEqual(expect.objectContaining({ action: 'unchanged', commentId: created.commentId }));
    expect(double.requestsTo('issues/update-comment')).toHaveLength(1);
    expect(double.requestsTo('issues/create-comment')).toHaveLength(1);
    double.assertNoViolations();
  });

  it("ignores someone else's quote of the marker and someone else's copy of our comment", async () => {
    double.state.addComment({ issueNumber: ISSUE, login: 'octocat', body: `> ${MARKER}\n> 2 findings\n\nWhy?` });
    double.state.addComment({ issueNumber: ISSUE, login: 'octocat', body: `${MARKER}\ncopied` });
    double.state.addComment({ issueNumber: ISSUE, body: `See ${MARKER} above` });
    const result = await upsert('2 findings');
    expect(result.action).toBe('created');
    expect(double.requestsTo('issues/update-comment')).toHaveLength(0);
    expect(double.state.comments(ISSUE)).toHaveLength(4);
  });

  it('finds our comment on page 2 of a thread of more than 100 comments', async () => {
    for (let i = 0; i < 130; i += 1) double.state.addComment({ issueNumber: ISSUE, login: 'octocat', body: `comment ${i}` });
    const ours = double.state.addComment({ issueNumber: ISSUE, body: `${MARKER}\nold` });
    const result = await upsert('new');
    expect(result).toEqual(expect.objectContaining({ action: 'updated', commentId: ours.id }));
    const pages = double.requestsTo('issues/list-comments').map((r) => r.query);
    expect(pages).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }]);
    expect(double.requestsTo('issues/create-comment')).toHaveLength(0);
    double.assertNoViolations();
  });

  it('updates the newest of several of ours and notes it in the debug log', async () => {
    double.state.addComment({ issueNumber: ISSUE, body: `${MARKER}\nfirst` });
    const newest = double.state.addComment({ issueNumber: ISSUE, body: `${MARKER}\nsecond` });
    const result = await upsert('third');
    expect(result).toEqual(expect.objectContaining({ action: 'updated', commentId: newest.id }));
    expect(bodies()).toEqual([`github-actions[bot]: ${MARKER}\nfirst`, `github-actions[bot]: ${MARKER}\nthird`]);
    expect(logger.lines).toContainEqual({ level: 'debug', message: expect.stringContaining('Found 2 comments') });
  });

  it('recognises its comments by the login GET /user returns when the token is a user token', async () => {
    await double.close();
    await start({ identity: { login: 'octocat', kind: 'user' } });
    double.state.addComment({ issueNumber: ISSUE, login: 'github-actions[bot]', body: `${MARKER}\nby the bot` });
    const mine = double.state.addComment({ issueNumber: ISSUE, login: 'octocat', body: `${MARKER}\nby me` });
    const result = await upsert('updated');
    expect(result).toEqual(expect.objectContaining({ action: 'updated', commentId: mine.id }));
    expect(double.requestsTo('users/get-authenticated').map((r) => r.status)).toEqual([200]);
  });

  it('degrades a 403 to a warning naming pull-requests: write, without throwing', async () => {
    double.fail('issues/create-comment', { kind: 'forbidden' });
    const result = await upsert('2 findings');
    expect(result.action).toBe('skipped');
    expect(result.reason).toBe(
      'Pull request comment skipped: the token lacks `pull-requests: write` (add `permissions: pull-requests: write` to the job; ' +
        'fork pull requests never have it) (GitHub said: 403 Resource not accessible by integration).',
    );
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([result.reason]);
    expect(double.state.comments(ISSUE)).toEqual([]);
  });

  it('degrades a failure to list comments to a warning too', async () => {
    double.fail('issues/list-comments', { kind: 'not-found' });
    const result = await upsert('2 findings');
    expect(result).toEqual(expect.objectContaining({ action: 'skipped', reason: expect.stringContaining('not found') }));
    expect(double.requestsTo('issues/create-comment')).toHaveLength(0);
  });

  it('retries a 5xx while listing and still updates the comment', async () => {
    const ours = double.state.addComment({ issueNumber: ISSUE, body: `${MARKER}\nold` });
    double.fail('issues/list-comments', { kind: 'server-error', status: 503 });
    const result = await upsert('new');
    expect(result).toEqual(expect.objectContaining({ action: 'updated', commentId: ours.id }));
  });
});

describe('composeStickyBody', () => {
  it('puts the marker on the first line unless the body starts with it', () => {
    expect(composeStickyBody(MARKER, 'x')).toBe(`${MARKER}\nx`);
    expect(composeStickyBody(MARKER, `${MARKER}\nx`)).toBe(`${MARKER}\nx`);
  });

  it("cuts a body past GitHub's 65,536-character limit and says so", () => {
    const body = composeStickyBody(MARKER, 'x'.repeat(MAX_COMMENT_BODY_CHARS));
    expect(body).toHaveLength(MAX_COMMENT_BODY_CHARS);
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toMatch(/truncated/);
  });
});
