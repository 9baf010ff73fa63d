import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startApiDouble, type ApiDouble } from '../support/api-double.js';
import { runBundledAction, type RunActionOptions, type RunActionResult } from '../support/runner-harness.js';
import { validateSarif } from '../support/sarif-schema.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';
import { fakeGitHubToken } from '../secrets/support/fake-secrets.js';

const ACTION_YML = path.resolve('actions/secrets-scan/action.yml');
const OLD_TOKEN = fakeGitHubToken('old-token-on-main');
const NEW_TOKEN = fakeGitHubToken('token-added-by-the-pr');
const ALLOWED_TOKEN = fakeGitHubToken('token-allowed-inline');
const MERGE_SHA = 'e'.repeat(40);

function loadEvent(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.resolve('__tests__/fixtures/events', name), 'utf8')) as Record<string, any>;
}

function pullRequestEvent(base: string, head: string, fork = false) {
  const payload = loadEvent('pull_request.synchronize.json');
  payload['number'] = 12;
  payload['pull_request'].number = 12;
  payload['pull_request'].base.sha = base;
  payload['pull_request'].head.sha = head;
  payload['pull_request'].base.repo.full_name = 'octo-org/octo-repo';
  payload['pull_request'].head.repo.full_name = fork ? 'contributor/octo-repo' : 'octo-org/octo-repo';
  return { name: 'pull_request', payload };
}

/** Everything a run wrote that a person or a machine could read. */
function everythingWritten(result: RunActionResult, double: ApiDouble): string {
  const sarif = readFileSync(result.outputs['sarif-file']!, 'utf8');
  const uploads = double.state.sarifUploads.map((u) => JSON.stringify(u.sarif));
  const comments = double.requests.map((r) => JSON.stringify(r.body ?? ''));
  return [result.stdout, result.stderr, result.summary, JSON.stringify(result.outputs), sarif, ...uploads, ...comments].join('\n');
}

describe('secrets-scan, run as the runner runs it', () => {
  let repo: TempRepo;
  let base: string;
  let head: string;
  let double: ApiDouble;

  beforeAll(() => {
    repo = createTempRepo(makeTempDir('secrets-action-'));
    repo.write('config/legacy.env', `GITHUB_TOKEN=${OLD_TOKEN}\n`);
    repo.write('README.md', '# demo\n');
    base = repo.commit('main with an old token');
    repo.write(
      'src/deploy.js',
      [
        "const client = require('./client');",
        '',
        `const token = "${NEW_TOKEN}";`,
        `const fixture = "${ALLOWED_TOKEN}"; // devsecops:allow test fixture`,
        "const docs = 'AKIAIOSFODNN7EXAMPLE'; // AWS's documented example key",
        "const password = process.env.DB_PASSWORD;",
        '',
      ].join('\r\n'),
    );
    head = repo.commit('pull request adds a token');
  });
  afterAll(() => removeDir(path.dirname(repo.dir)));
  beforeEach(async () => {
    double = await startApiDouble();
  });
  afterEach(async () => {
    await double.close();
  });

  function run(overrides: Partial<RunActionOptions> = {}) {
    return runBundledAction({
      actionYml: ACTION_YML,
      workspace: repo.dir,
      event: pullRequestEvent(base, head),
      apiUrl: double.url,
      token: double.token,
      sha: MERGE_SHA,
      ref: 'refs/pull/12/merge',
      ...overrides,
    });
  }

  it('finds the token the pull request adds, at its line, and does not blame the one already on main', async () => {
    const result = await run();
    expect(result.exitCode).toBe(1);
    expect(result.outputs['findings']).toBe('1');
    expect(result.outputs['new-findings']).toBe('1');
    expect(result.outputs['result']).toBe('fail');
    const errors = result.annotations.filter((a) => a.command === 'error');
    expect(errors.map((a) => [a.properties['file'], a.properties['line'], a.properties['col']])).toEqual([['src/deploy.js', '3', '16']]);
    expect(errors[0]!.message).toContain('Revoke');
    double.assertNoViolations();
  });

  it('never writes a found secret in full: not in logs, SARIF, summary, outputs, comment or upload', async () => {
    const result = await run();
    const written = everythingWritten(result, double);
    for (const token of [NEW_TOKEN, OLD_TOKEN, ALLOWED_TOKEN]) {
      expect(written).not.toContain(token);
      expect(written).not.toContain(token.slice(4, 24));
    }
    expect(written).toContain('ghp_…(40 chars)');
  });

  it('uploads valid SARIF with the rule help and the fingerprint keyed on the value', async () => {
    const result = await run();
    const sarif = JSON.parse(readFileSync(result.outputs['sarif-file']!, 'utf8'));
    expect(validateSarif(sarif)).toBe(true);
    const upload = double.requestsTo('code-scanning/upload-sarif')[0]!.body as Record<string, string>;
    expect(upload['ref']).toBe('refs/pull/12/head');
    const sent = JSON.parse(gunzipSync(Buffer.from(upload['sarif']!, 'base64')).toString('utf8'));
    const run0 = sent.runs[0];
    expect(run0.automationDetails.id).toBe('devsecops/secrets-scan/');
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['github-pat-classic']);
    expect(run0.tool.driver.rules[0].help.markdown).toMatch(/Revoke and rotate it now/);
    expect(run0.results[0].partialFingerprints['devsecops/v1']).toMatch(/^[0-9a-f]+$/);
  });

  it('keeps one comment on the pull request and leaves it alone on a re-run', async () => {
    await run();
    await run();
    const comments = double.state.comments(12);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('src/deploy.js');
    expect(double.requestsTo('issues/update-comment')).toHaveLength(0);
  });

  it('on a fork pull request still finds and fails, skipping upload and comment with a warning', async () => {
    const result = await run({ event: pullRequestEvent(base, head, true) });
    expect(result.exitCode).toBe(1);
    expect(double.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(result.commands.some((c) => c.command === 'warning' && c.message.includes('fork'))).toBe(true);
  });

  it('on a schedule scans every file and finds the old token as well', async () => {
    const result = await run({ event: { name: 'schedule', payload: {} }, sha: head, ref: 'refs/heads/main' });
    expect(result.outputs['findings']).toBe('2');
    const files = result.annotations.map((a) => a.properties['file']).sort();
    expect(files).toEqual(['config/legacy.env', 'src/deploy.js']);
  });

  it('on a push scans what the push added', async () => {
    const payload = loadEvent('push.json');
    Object.assign(payload, { before: base, after: head, created: false, forced: false });
    const result = await run({ event: { name: 'push', payload }, sha: head, ref: 'refs/heads/main' });
    expect(result.outputs['findings']).toBe('1');
    expect(result.annotations[0]!.properties['file']).toBe('src/deploy.js');
    // Only the pushed lines were scanned: as main's whole analysis it would close every other alert.
    expect(double.requestsTo('code-scanning/upload-sarif')).toHaveLength(0);
    expect(result.summary).toContain('Code scanning upload skipped: this push scan covers only the lines the change added');
  });

  it('on a push with scope all uploads the full analysis for the branch', async () => {
    const payload = loadEvent('push.json');
    Object.assign(payload, { before: base, after: head, created: false, forced: false });
    const result = await run({ event: { name: 'push', payload }, sha: head, ref: 'refs/heads/main', with: { scope: 'all' } });
    expect(result.outputs['findings']).toBe('2');
    expect(double.requestsTo('code-scanning/upload-sarif')).toHaveLength(1);
  });

  it('with scan-history on a pull request, reports old secrets from the history as existing, not new', async () => {
    const result = await run({ with: { 'scan-history': 'true' } });
    expect(result.outputs['findings']).toBe('2');
    expect(result.outputs['new-findings']).toBe('1');
    const sarif = JSON.parse(readFileSync(result.outputs['sarif-file']!, 'utf8'));
    const states = Object.fromEntries(
      sarif.runs[0].results.map((r: any) => [r.locations[0].physicalLocation.artifactLocation.uri, r.baselineState]),
    );
    expect(states).toEqual({ 'config/legacy.env': 'unchanged', 'src/deploy.js': 'new' });
    expect(result.summary).toMatch(/Introduced in commit [0-9a-f]{12}/);
  });
});
