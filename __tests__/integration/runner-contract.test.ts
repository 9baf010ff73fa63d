import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { validateSarif } from '../support/sarif-schema.js';
import { startApiDouble, type ApiDouble } from '../support/api-double.js';
import { runBundledAction, type RunActionOptions } from '../support/runner-harness.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';
import { PLANTED_FINDINGS_FILE } from '../support/test-action/planted-findings-scanner.js';

const ACTION_YML = path.resolve('__tests__/support/test-action/action.yml');
const MARKER = '<!-- devsecops:test-scan -->';

function loadEvent(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.resolve('__tests__/fixtures/events', name), 'utf8')) as Record<string, unknown>;
}

const RULES = [
  { id: 'test/high', name: 'HighThing', shortDescription: 'A high-severity test problem', score: 8.0, tags: ['security'] },
  { id: 'test/low', name: 'LowThing', shortDescription: 'A low-severity test problem', score: 2.0, tags: ['security'] },
];

function finding(ruleId: string, file: string, line: number, severity: 'high' | 'low', message: string) {
  return {
    ruleId,
    severity,
    score: severity === 'high' ? 8 : 2,
    message,
    location: { path: file, startLine: line, startColumn: 1, endLine: line, endColumn: 10 },
    fingerprint: `${ruleId}:${file}:${message}`,
    remediation: `Remove the ${severity} thing.`,
  };
}

/**
 * A repository with a base commit holding an old problem, and a pull request
 * head adding a new high and a new low one, plus a binary file to be skipped.
 */
function buildRepository(): { repo: TempRepo; base: string; head: string } {
  const repo = createTempRepo(makeTempDir('runner-contract-'));
  repo.write('src/old.js', 'const a = 1;\nconst legacy = "old problem";\n');
  repo.write(
    PLANTED_FINDINGS_FILE,
    JSON.stringify({
      rules: RULES,
      findings: [finding('test/high', 'src/old.js', 2, 'high', 'old problem on the base branch')],
    }),
  );
  const base = repo.commit('base');
  repo.write('src/new.js', 'line one\nconst fresh = "new problem";\nconst minor = "small";\n');
  repo.write('assets/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
  repo.write(
    PLANTED_FINDINGS_FILE,
    JSON.stringify({
      rules: RULES,
      findings: [
        finding('test/high', 'src/old.js', 2, 'high', 'old problem on the base branch'),
        finding('test/high', 'src/new.js', 2, 'high', 'new problem | with a pipe and @octo-org/team'),
        finding('test/low', 'src/new.js', 3, 'low', 'new minor problem'),
      ],
    }),
  );
  const head = repo.commit('head');
  return { repo, base, head };
}

function pullRequestEvent(base: string, head: string, options: { fork?: boolean; number?: number } = {}) {
  const payload = loadEvent('pull_request.synchronize.json');
  const pr = payload['pull_request'] as Record<string, Record<string, unknown>> & { number: number };
  pr.number = options.number ?? 7;
  payload['number'] = pr.number;
  pr['base']!['sha'] = base;
  pr['head']!['sha'] = head;
  const baseRepo = pr['base']!['repo'] as { full_name: string };
  baseRepo.full_name = 'octo-org/octo-repo';
  pr['head']!['repo'] = { ...(pr['head']!['repo'] as object), full_name: options.fork ? 'someone/octo-repo' : 'octo-org/octo-repo', fork: !!options.fork };
  return { name: 'pull_request', payload };
}

/** GitHub's merge commit for the PR: not checked out, since the tests check out the head. */
const MERGE_SHA = 'f'.repeat(40);

describe('the runner contract, through a bundled test-only action', () => {
  let double: ApiDouble;
  let fixture: { repo: TempRepo; base: string; head: string };

  beforeAll(() => {
    fixture = buildRepository();
  });
  afterAll(() => removeDir(path.dirname(fixture.repo.dir)));
  beforeEach(async () => {
    double = await startApiDouble();
  });
  afterEach(async () => {
    await double.close();
  });

  function run(overrides: Partial<RunActionOptions> = {}) {
    return runBundledAction({
      actionYml: ACTION_YML,
      workspace: fixture.repo.dir,
      event: pullRequestEvent(fixture.base, fixture.head),
      apiUrl: double.url,
      token: double.token,
      sha: MERGE_SHA,
      ref: 'refs/pull/7/merge',
      ...overrides,
    });
  }

  it('reports only what the pull request added, at the exact lines, and fails on a new high', async () => {
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toEqual({
      'sarif-file': path.join(result.runnerTemp, 'devsecops', 'test-scan.sarif'),
      findings: '2',
      'new-findings': '2',
      result: 'fail',
    });
    expect(result.annotations.map((a) => [a.command, a.properties['file'], a.properties['line']])).toEqual([
      ['error', 'src/new.js', '2'],
      ['notice', 'src/new.js', '3'],
    ]);
    expect(result.summary).toContain('src/new.js');
    expect(result.summary).not.toContain('old problem');
    double.assertNoViolations();
  });

  it('writes a schema-valid SARIF file and uploads it for the checked-out head with refs/pull/N/head', async () => {
    const result = await run();
    const sarif = JSON.parse(readFileSync(result.outputs['sarif-file']!, 'utf8')) as { runs: Array<Record<string, unknown>> };
    expect(validateSarif(sarif)).toBe(true);
    const uploads = double.requestsTo('code-scanning/upload-sarif');
    expect(uploads).toHaveLength(1);
    const body = uploads[0]!.body as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['checkout_uri', 'commit_sha', 'ref', 'sarif', 'tool_name']);
    expect(body['commit_sha']).toBe(fixture.head);
    expect(body['ref']).toBe('refs/pull/7/head');
    const sent = JSON.parse(gunzipSync(Buffer.from(body['sarif']!, 'base64')).toString('utf8')) as {
      runs: Array<{ automationDetails: { id: string }; results: Array<{ baselineState?: string; partialFingerprints: Record<string, string> }> }>;
    };
    expect(sent.runs[0]!.automationDetails.id).toBe('devsecops/test-scan/');
    expect(sent.runs[0]!.results.map((r) => r.baselineState)).toEqual(['new', 'new']);
    expect(sent.runs[0]!.results.every((r) => /^[0-9a-f]+:\d+$/.test(r.partialFingerprints['primaryLocationLineHash'] ?? ''))).toBe(true);
    // The skipped binary file is reported, not silently dropped.
    expect(JSON.stringify(sent.runs[0])).toContain('assets/logo.png');
  });

  it('keeps one sticky comment: created, left alone when unchanged, updated when the result changes', async () => {
    await run();
    const first = double.state.comments(7);
    expect(first).toHaveLength(1);
    expect(first[0]!.body.startsWith(MARKER)).toBe(true);
    // Untrusted text is escaped: the pipe cannot split the table, the team is not pinged.
    expect(first[0]!.body).not.toContain('new problem | with');
    expect(first[0]!.body).not.toMatch(/(^|[^\u200b])@octo-org\/team/);

    await run();
    expect(double.state.comments(7)).toHaveLength(1);
    expect(double.requestsTo('issues/update-comment')).toHaveLength(0);

    await run({ with: { 'fail-on-severity': 'none' } });
    const comments = double.state.comments(7);
    expect(comments).toHaveLength(1);
    expect(double.requestsTo('issues/update-comment')).toHaveLength(1);
    expect(double.requestsTo('issues/create-comment')).toHaveLength(1);
    double.assertNoViolations();
  });

  it('on a fork pull request makes no write call, says what it skipped, and still fails on the findings', async () => {
    const result = await run({ event: pullRequestEvent(fixture.base, fixture.head, { fork: true }) });
    expect(result.exitCode).toBe(1);
    expect(double.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.message);
    expect(warnings.some((w) => w.includes('Code scanning upload skipped') && w.includes('fork'))).toBe(true);
    expect(warnings.some((w) => w.includes('Pull request comment skipped'))).toBe(true);
    expect(result.summary).toContain('Code scanning upload skipped');
    expect(existsSync(result.outputs['sarif-file']!)).toBe(true);
  });

  it('turns a 403 from a token without security-events: write into a warning, not a failure of its own', async () => {
    double.fail('code-scanning/upload-sarif', { kind: 'forbidden' });
    double.fail('issues/create-comment', { kind: 'forbidden' });
    const result = await run({ with: { 'fail-on-severity': 'none' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs['result']).toBe('pass');
    const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.message);
    expect(warnings.some((w) => w.includes('security-events: write'))).toBe(true);
    expect(warnings.some((w) => w.includes('pull-requests: write'))).toBe(true);
  });

  it('does not upload the same category twice in one job', async () => {
    const runnerTemp = makeTempDir('runner-temp-shared-');
    await run({ runnerTemp });
    const second = await run({ runnerTemp });
    expect(double.requestsTo('code-scanning/upload-sarif')).toHaveLength(1);
    expect(second.commands.some((c) => c.command === 'warning' && c.message.includes('already uploaded in this job'))).toBe(true);
    removeDir(runnerTemp);
  });

  it('scans everything on a schedule event, finding the old problem too', async () => {
    const result = await run({ event: { name: 'schedule', payload: { schedule: '0 3 * * *' } }, sha: fixture.head, ref: 'refs/heads/main' });
    expect(result.outputs['findings']).toBe('3');
    expect(double.requestsTo('issues/create-comment')).toHaveLength(0);
    const body = double.requestsTo('code-scanning/upload-sarif')[0]!.body as Record<string, string>;
    expect(body['ref']).toBe('refs/heads/main');
    expect(body['commit_sha']).toBe(fixture.head);
  });

  it('scans what a push added, from before to after', async () => {
    const payload = loadEvent('push.json');
    Object.assign(payload, { before: fixture.base, after: fixture.head, created: false, forced: false });
    const result = await run({ event: { name: 'push', payload }, sha: fixture.head, ref: 'refs/heads/main' });
    expect(result.outputs['findings']).toBe('2');
    expect(result.outputs['new-findings']).toBe('2');
  });

  it('rejects a bad input with one line naming it and exit status 2', async () => {
    const result = await run({ with: { 'fail-on-severity': 'severe' } });
    expect(result.exitCode).toBe(2);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^Input "fail-on-severity" must be one of critical, high, medium, low, any, none \(got "severe"\)/);
    expect(double.requests).toHaveLength(0);
  });

  it('rejects a malformed config file naming the file and key, with exit status 2', async () => {
    const repo = createTempRepo(makeTempDir('runner-contract-config-'));
    repo.write('.github/devsecops.yml', 'secrets:\n  fail-on-severity: severe\n');
    repo.write(PLANTED_FINDINGS_FILE, JSON.stringify({ rules: [], findings: [] }));
    const sha = repo.commit('config');
    const result = await runBundledAction({
      actionYml: ACTION_YML,
      workspace: repo.dir,
      event: { name: 'workflow_dispatch', payload: {} },
      apiUrl: double.url,
      sha,
    });
    expect(result.exitCode).toBe(2);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors[0]!.message).toMatch(/^\.github\/devsecops\.yml:2:\d+: secrets\.fail-on-severity: /);
    removeDir(path.dirname(repo.dir));
  });
});
