import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startApiDouble, type ApiDouble } from '../support/api-double.js';
import { runBundledAction, type RunActionOptions } from '../support/runner-harness.js';
import { validateSarif } from '../support/sarif-schema.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';

const ACTION_YML = path.resolve('actions/dependency-audit/action.yml');
const OSV = path.resolve('__tests__/fixtures/osv');
const MERGE_SHA = 'e'.repeat(40);

/** Real OSV records the project's lockfile meets: qs (high), minimist (critical), express (medium, low). */
const RECORDS = [
  'npm/GHSA-hrpp-h998-j3pp.json',
  'npm/GHSA-xvch-5gv4-984h.json',
  'npm/GHSA-rv95-896h-c2vc.json',
  'npm/GHSA-qw6h-vgh9-j6wx.json',
];

interface LockEntry {
  path: string;
  version: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
}

function packageLock(entries: LockEntry[], direct: Record<string, string>, devDirect: Record<string, string> = {}): string {
  const packages: Record<string, unknown> = {
    '': { name: 'shop', version: '1.0.0', dependencies: direct, devDependencies: devDirect },
  };
  for (const entry of entries) {
    packages[entry.path] = {
      version: entry.version,
      ...(entry.dev ? { dev: true } : {}),
      ...(entry.dependencies ? { dependencies: entry.dependencies } : {}),
    };
  }
  return `${JSON.stringify({ name: 'shop', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

const BASE_ENTRIES: LockEntry[] = [
  { path: 'node_modules/express', version: '4.17.1', dependencies: { qs: '6.7.0' } },
  { path: 'node_modules/qs', version: '6.7.0' },
];

function loadEvent(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.resolve('__tests__/fixtures/events', name), 'utf8')) as Record<string, any>;
}

function pullRequestEvent(base: string, head: string) {
  const payload = loadEvent('pull_request.synchronize.json');
  payload['number'] = 7;
  payload['pull_request'].number = 7;
  payload['pull_request'].base.sha = base;
  payload['pull_request'].head.sha = head;
  payload['pull_request'].base.repo.full_name = 'octo-org/octo-repo';
  payload['pull_request'].head.repo.full_name = 'octo-org/octo-repo';
  return { name: 'pull_request', payload };
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('dependency-audit, run as the runner runs it', () => {
  let repo: TempRepo;
  let base: string;
  let vulnerableHead: string;
  let unrelatedHead: string;
  let headLock: string;
  let double: ApiDouble;

  beforeAll(() => {
    repo = createTempRepo(makeTempDir('dependency-action-'));
    for (const record of RECORDS) cpSync(path.join(OSV, record), path.join(repo.dir, 'advisories', record));
    repo.write('package-lock.json', packageLock(BASE_ENTRIES, { express: '^4.17.1' }));
    repo.write('README.md', '# shop\n');
    base = repo.commit('main: express 4.17.1 with qs 6.7.0');
    repo.git('checkout', '-q', '-b', 'docs');
    repo.write('README.md', '# shop\n\nNow with docs.\n');
    unrelatedHead = repo.commit('docs only');
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'feature');
    headLock = packageLock([...BASE_ENTRIES, { path: 'node_modules/minimist', version: '1.2.5', dev: true }], { express: '^4.17.1' }, { minimist: '^1.2.5' });
    repo.write('package-lock.json', headLock);
    vulnerableHead = repo.commit('adds minimist 1.2.5');
  });
  afterAll(() => removeDir(path.dirname(repo.dir)));
  beforeEach(async () => {
    double = await startApiDouble();
  });
  afterEach(async () => {
    await double.close();
  });

  function run(head: string, overrides: Partial<RunActionOptions> = {}) {
    repo.git('checkout', '-q', head);
    return runBundledAction({
      actionYml: ACTION_YML,
      workspace: repo.dir,
      event: pullRequestEvent(base, head),
      apiUrl: double.url,
      token: double.token,
      sha: MERGE_SHA,
      ref: 'refs/pull/7/merge',
      with: { advisories: 'advisories' },
      ...overrides,
    });
  }

  it('fails a pull request that adds a vulnerable package, at its lockfile line, and does not blame what main has', async () => {
    const result = await run(vulnerableHead);
    expect(result.exitCode).toBe(1);
    expect(result.outputs['result']).toBe('fail');
    expect(Number(result.outputs['findings'])).toBeGreaterThanOrEqual(4);
    expect(result.outputs['new-findings']).toBe('1');
    const errors = result.annotations.filter((a) => a.command === 'error');
    expect(errors.map((a) => [a.properties['file'], a.properties['line'], a.properties['title']])).toEqual([
      ['package-lock.json', String(lineOf(headLock, '"node_modules/minimist"')), expect.stringContaining('GHSA-xvch-5gv4-984h')],
    ]);
    expect(errors[0]!.message).toContain('Upgrade minimist to 1.2.6');
    // The summary lists what the change did to the dependencies.
    expect(result.summary).toContain('Dependency changes');
    expect(result.summary).toMatch(/added \| `minimist`/);
    // qs comes in through express: drawn as a graph GitHub renders.
    expect(result.summary).toContain('### How the vulnerable packages are pulled in');
    expect(result.summary).toMatch(/```mermaid\ngraph LR\n {2}p0\["express@4\.17\.1"\]\n {2}p1\["qs@6\.7\.0"\]\n {2}p0 --> p1/);
    double.assertNoViolations();
  });

  it('writes valid SARIF with a rule per advisory and package data on each result', async () => {
    const result = await run(vulnerableHead);
    const sarif = JSON.parse(readFileSync(result.outputs['sarif-file']!, 'utf8'));
    expect(validateSarif(sarif)).toBe(true);
    const upload = double.requestsTo('code-scanning/upload-sarif')[0]!.body as Record<string, string>;
    const sent = JSON.parse(gunzipSync(Buffer.from(upload['sarif']!, 'base64')).toString('utf8'));
    const run0 = sent.runs[0];
    expect(run0.automationDetails.id).toBe('devsecops/dependency-audit/');
    const minimist = run0.results.find((r: any) => r.ruleId === 'GHSA-xvch-5gv4-984h');
    expect(minimist.baselineState).toBe('new');
    expect(minimist.properties).toEqual(
      expect.objectContaining({ ecosystem: 'npm', name: 'minimist', version: '1.2.5', purl: 'pkg:npm/minimist@1.2.5', scope: 'development' }),
    );
    const qs = run0.results.find((r: any) => r.ruleId === 'GHSA-hrpp-h998-j3pp');
    expect(qs.baselineState).toBe('unchanged');
    const rule = run0.tool.driver.rules.find((r: any) => r.id === 'GHSA-xvch-5gv4-984h');
    expect(rule.properties['security-severity']).toBe('9.8');
    expect(rule.help.markdown).toContain('CVE-2021-44906');
    expect(rule.properties.aliases).toEqual(['CVE-2021-44906']);
  });

  it('passes a pull request that only touches unrelated files, and keeps one comment on re-runs', async () => {
    const first = await run(unrelatedHead);
    expect(first.exitCode).toBe(0);
    expect(first.outputs['new-findings']).toBe('0');
    const second = await run(vulnerableHead);
    expect(second.exitCode).toBe(1);
    const comments = double.state.comments(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('minimist');
    expect(comments[0]!.body).toContain('1.2.6');
    await run(vulnerableHead);
    expect(double.state.comments(7)).toHaveLength(1);
  });

  it('on a schedule reports every vulnerable package, and a missing advisory folder is one clear error', async () => {
    const all = await run(vulnerableHead, { event: { name: 'schedule', payload: {} }, sha: vulnerableHead, ref: 'refs/heads/feature' });
    expect(all.exitCode).toBe(1);
    expect(all.outputs['new-findings']).toBe(all.outputs['findings']);
    const missing = await run(vulnerableHead, { with: { advisories: 'no-such-folder' } });
    expect(missing.exitCode).toBe(2);
    expect(missing.stdout + missing.stderr).toMatch(/advisories \(no-such-folder\)/);
  });
});
