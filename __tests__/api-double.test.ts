import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startApiDouble, type ApiDouble } from './support/api-double.js';

let double: ApiDouble;

beforeEach(async () => {
  double = await startApiDouble();
});
afterEach(async () => {
  await double.close();
});

/** A plain fetch, so these tests check the double itself and not our client. */
async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${double.url}${path}`, {
    method,
    headers: { authorization: `token ${double.token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const sarifBody = (extra: Record<string, unknown> = {}) => ({
  commit_sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  sarif: gzipSync(JSON.stringify({ version: '2.1.0', runs: [] })).toString('base64'),
  ...extra,
});

describe('the API double checks requests against GitHub\'s description', () => {
  it('answers 404 and records a violation for a route the description does not have', async () => {
    const response = await send('GET', '/repos/o/r/code-scanning/nonsense');
    expect(response.status).toBe(404);
    expect(double.violations).toEqual([
      expect.objectContaining({ kind: 'unknown-route', method: 'GET', path: '/repos/o/r/code-scanning/nonsense' }),
    ]);
    expect(() => double.assertNoViolations()).toThrow(/unknown-route/);
  });

  it('treats a known path with the wrong method as an unknown route', async () => {
    const response = await send('DELETE', '/repos/o/r/issues/1/comments');
    expect(response.status).toBe(404);
    expect(double.violations[0]?.message).toMatch(/DELETE is not an operation/);
  });

  it('answers 422 and records a violation for a body missing a required field', async () => {
    const response = await send('POST', '/repos/o/r/issues/1/comments', { text: 'hello' });
    expect(response.status).toBe(422);
    expect(double.violations).toEqual([expect.objectContaining({ kind: 'invalid-body', operationId: 'issues/create-comment' })]);
    expect(double.state.comments(1, 'o/r')).toEqual([]);
  });

  it('rejects an extra top-level property where the description says additionalProperties: false', async () => {
    const response = await send('POST', '/repos/o/r/code-scanning/sarifs', sarifBody({ category: 'secrets' }));
    expect(response.status).toBe(422);
    expect(double.violations[0]?.message).toMatch(/does not allow: category/);
    expect(double.state.sarifUploads).toHaveLength(0);
  });

  it('rejects a value that breaks a pattern (a ref outside refs/heads|tags|pull)', async () => {
    const response = await send('POST', '/repos/o/r/code-scanning/sarifs', sarifBody({ ref: 'main' }));
    expect(response.status).toBe(422);
    expect(double.violations[0]?.message).toMatch(/body\/ref must match pattern/);
  });

  it('rejects a query parameter of the wrong type (per_page must be an integer)', async () => {
    const response = await send('GET', '/repos/o/r/issues/1/comments?per_page=ten');
    expect(response.status).toBe(422);
    expect(double.violations[0]?.kind).toBe('invalid-query');
  });

  it('rejects a request without a token', async () => {
    const response = await fetch(`${double.url}/user`);
    expect(response.status).toBe(401);
    expect(double.violations[0]?.kind).toBe('missing-auth');
  });

  it('accepts a valid SARIF upload, decodes it and records nothing as a violation', async () => {
    const response = await send('POST', '/repos/o/r/code-scanning/sarifs', sarifBody({ tool_name: 'devsecops' }));
    expect(response.status).toBe(202);
    expect(double.state.sarifUploads[0]?.sarif).toEqual({ version: '2.1.0', runs: [] });
    expect(double.requests[0]).toEqual(
      expect.objectContaining({ method: 'POST', operationId: 'code-scanning/upload-sarif', status: 202 }),
    );
    double.assertNoViolations();
  });
});

describe('the API double behaves like GitHub', () => {
  it('paginates list endpoints with a Link header', async () => {
    for (let i = 0; i < 5; i += 1) double.state.addComment({ issueNumber: 7, body: `c${i}` });
    const first = await send('GET', '/repos/octo-org/octo-repo/issues/7/comments?per_page=2');
    expect((first.body as unknown[]).length).toBe(2);
    expect(first.headers.get('link')).toContain('page=2');
    expect(first.headers.get('link')).toContain('rel="next"');
    const last = await send('GET', '/repos/octo-org/octo-repo/issues/7/comments?per_page=2&page=3');
    expect((last.body as Array<{ body: string }>).map((c) => c.body)).toEqual(['c4']);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    double.assertNoViolations();
  });

  it('answers GET /user with 403 for an installation token, as GitHub does for GITHUB_TOKEN', async () => {
    expect((await send('GET', '/user')).status).toBe(403);
  });

  it('answers GET /user for a user token', async () => {
    const user = await startApiDouble({ identity: { login: 'octocat', kind: 'user' } });
    try {
      const response = await fetch(`${user.url}/user`, { headers: { authorization: 'token x' } });
      expect(((await response.json()) as { login: string }).login).toBe('octocat');
      user.assertNoViolations();
    } finally {
      await user.close();
    }
  });

  it('reports SARIF processing as pending the configured number of times, then failed with errors', async () => {
    double.state.sarifProcessing = { pendingPolls: 1, outcome: { failed: ['bad location'] } };
    const upload = (await send('POST', '/repos/o/r/code-scanning/sarifs', sarifBody())).body as { id: string };
    const poll = async () => (await send('GET', `/repos/o/r/code-scanning/sarifs/${upload.id}`)).body;
    expect(await poll()).toEqual(expect.objectContaining({ processing_status: 'pending' }));
    expect(await poll()).toEqual(expect.objectContaining({ processing_status: 'failed', errors: ['bad location'] }));
    double.assertNoViolations();
  });

  it('injects faults per route, in order, then answers normally', async () => {
    double.fail('issues/create-comment', { kind: 'server-error', times: 2 });
    double.fail('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { kind: 'rate-limit', retryAfterSeconds: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await send('POST', '/repos/o/r/issues/1/comments', { body: 'x' })).status);
    expect(statuses).toEqual([502, 502, 429, 201]);
    expect(double.requestsTo('issues/create-comment')[2]?.fault).toBe('rate-limit');
  });

  it('refuses to fail a route it does not know, so a typo cannot make a test pass', () => {
    expect(() => double.fail('issues/create-coment', { kind: 'forbidden' })).toThrow(/no route/);
  });
});

describe('the API double serves a child process', () => {
  it('answers a child pointed at it through GITHUB_API_URL and records what it sent', async () => {
    // Asynchronous on purpose: the double answers on this process's event loop.
    const script = `
      const res = await fetch(process.env.GITHUB_API_URL + '/repos/o/r/issues/3/comments', {
        method: 'POST',
        headers: { authorization: 'token ' + process.env.GITHUB_TOKEN, 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'from the child' }),
      });
      console.log(res.status);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...double.env },
    });
    expect(stdout.trim()).toBe('201');
    expect(double.state.comments(3, 'o/r').map((c) => c.body)).toEqual(['from the child']);
    expect(double.requests[0]?.headers.authorization).toBe(`token ${double.token}`);
    double.assertNoViolations();
  });
});

describe('the API double keeps code-scanning alerts', () => {
  it('lists alerts by ref (a bare branch name meaning refs/heads/), tool and state, with their location', async () => {
    double.state.addAlert({ ruleId: 'r1', toolName: 'Semgrep OSS', path: 'src/a.js', startLine: 7, commitSha: 'b'.repeat(40) }, 'o/r');
    double.state.addAlert({ ruleId: 'r2', toolName: 'Semgrep OSS', ref: 'refs/pull/3/merge' }, 'o/r');
    double.state.addAlert({ ruleId: 'r3', toolName: 'CodeQL', state: 'dismissed', dismissedReason: "won't fix" }, 'o/r');
    const list = async (query: string) =>
      ((await send('GET', `/repos/o/r/code-scanning/alerts?${query}`)).body as Array<{ rule: { id: string } }>).map((a) => a.rule.id);

    expect(await list('ref=main')).toEqual(['r1', 'r3']);
    expect(await list('ref=refs/pull/3/merge')).toEqual(['r2']);
    expect(await list('tool_name=CodeQL')).toEqual(['r3']);
    expect(await list('ref=refs/heads/main&state=open')).toEqual(['r1']);
    const [first] = (await send('GET', '/repos/o/r/code-scanning/alerts?ref=main&state=open')).body as Array<{ most_recent_instance: unknown }>;
    expect(first?.most_recent_instance).toEqual(
      expect.objectContaining({
        ref: 'refs/heads/main',
        commit_sha: 'b'.repeat(40),
        location: { path: 'src/a.js', start_line: 7, end_line: 7, start_column: 1, end_column: 2 },
      }),
    );
    double.assertNoViolations();
  });

  it('answers a reopened alert with null dismissal fields, as GitHub does, without a violation', async () => {
    double.state.addAlert({ ruleId: 'r1', state: 'dismissed', dismissedReason: "won't fix", dismissedComment: 'by hand' }, 'o/r');
    const response = await send('PATCH', '/repos/o/r/code-scanning/alerts/1', { state: 'open' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ state: 'open', dismissed_reason: null, dismissed_comment: null }));
    expect(double.state.alerts('o/r')[0]).toEqual(expect.objectContaining({ state: 'open', dismissedReason: null, dismissedComment: null }));
    double.assertNoViolations();
  });
});
