import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startApiDouble, type ApiDouble } from '../support/api-double.js';
import { runBundledAction, type RunActionOptions } from '../support/runner-harness.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';

const ROOT_ACTION = path.resolve('action.yml');
const OSV = path.resolve('__tests__/fixtures/osv');
const MERGE_SHA = 'e'.repeat(40);
const RECORDS = ['npm/GHSA-hrpp-h998-j3pp.json', 'npm/GHSA-xvch-5gv4-984h.json', 'npm/GHSA-rv95-896h-c2vc.json', 'npm/GHSA-qw6h-vgh9-j6wx.json'];

function packageLock(withMinimist: boolean): string {
  const packages: Record<string, unknown> = {
    '': { name: 'shop', version: '1.0.0', license: 'MIT', dependencies: { express: '^4.17.1', ...(withMinimist ? { minimist: '^1.2.5' } : {}) } },
    'node_modules/express': { version: '4.17.1', license: 'MIT', dependencies: { qs: '6.7.0' } },
    'node_modules/qs': { version: '6.7.0', license: 'BSD-3-Clause' },
    ...(withMinimist ? { 'node_modules/minimist': { version: '1.2.5', license: 'MIT' } } : {}),
  };
  return `${JSON.stringify({ name: 'shop', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

const CONFIG = `version: 1
policy:
  rules:
    - id: no-new-high
      when: { severity: high, new: true }
      action: fail
      message: New high-severity findings must be fixed before merge.
  licenses:
    allow: [MIT, BSD-3-Clause]
  tests:
    - name: a new critical fails
      findings: [{ ruleId: x, severity: critical, new: true }]
      expect: fail
`;

function pullRequestEvent(base: string, head: string) {
  const payload = JSON.parse(readFileSync(path.resolve('__tests__/fixtures/events/pull_request.synchronize.json'), 'utf8')) as Record<string, any>;
  payload['number'] = 9;
  payload['pull_request'].number = 9;
  payload['pull_request'].base.sha = base;
  payload['pull_request'].head.sha = head;
  payload['pull_request'].base.repo.full_name = 'octo-org/octo-repo';
  payload['pull_request'].head.repo.full_name = 'octo-org/octo-repo';
  return { name: 'pull_request', payload };
}

describe('the all-in-one action (action.yml at the root), run as the runner runs it', () => {
  let repo: TempRepo;
  let base: string;
  let head: string;
  let double: ApiDouble;

  beforeAll(() => {
    repo = createTempRepo(makeTempDir('suite-action-'));
    for (const record of RECORDS) cpSync(path.join(OSV, record), path.join(repo.dir, 'advisories', record));
    repo.write('package-lock.json', packageLock(false));
    repo.write('README.md', '# shop\n');
    repo.write('.github/devsecops.yml', CONFIG);
    base = repo.commit('main');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('package-lock.json', packageLock(true));
    cpSync(path.resolve('examples/demo-app/src/github-client.js'), path.join(repo.dir, 'src/github-client.js'));
    head = repo.commit('adds minimist and a GitHub client');
  });
  afterAll(() => removeDir(path.dirname(repo.dir)));
  beforeEach(async () => {
    double = await startApiDouble();
  });
  afterEach(async () => {
    await double.close();
  });

  function run(overrides: Partial<RunActionOptions> & { with?: Record<string, string> } = {}) {
    return runBundledAction({
      actionYml: ROOT_ACTION,
      workspace: repo.dir,
      event: pullRequestEvent(base, head),
      apiUrl: double.url,
      token: double.token,
      sha: MERGE_SHA,
      ref: 'refs/pull/9/merge',
      ...overrides,
      with: { advisories: 'advisories', 'upload-artifact': 'false', ...overrides.with },
    });
  }

  it('runs every scanner, uploads each under its category, decides with the gate and keeps one combined comment', async () => {
    double.state.sarifProcessing = { pendingPolls: 0, outcome: 'complete' };
    const result = await run();
    double.assertNoViolations();
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.outputs['result']).toBe('fail');

    // Each scanner's SARIF, uploaded under its own category.
    const categories = double.state.sarifUploads.map((upload) => upload.sarif.runs?.[0]?.automationDetails?.id).sort();
    expect(categories).toEqual(['devsecops/dependency-audit/', 'devsecops/secrets-scan/']);
    const uploaded = double.state.sarifUploads.find((u) => u.sarif.runs?.[0]?.automationDetails?.id === 'devsecops/secrets-scan/')!;
    expect(JSON.stringify(JSON.parse(gunzipSync(Buffer.from(uploaded.body['sarif'] as string, 'base64')).toString()))).not.toContain('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');
    expect(result.outputs['secrets-scan-sarif-file']).toMatch(/devsecops\/secrets-scan\.sarif$/);
    expect(result.outputs['dependency-audit-sarif-file']).toMatch(/devsecops\/dependency-audit\.sarif$/);
    expect(result.outputs['sbom-file']).not.toBe('');

    // The gate decided over both scanners: the new critical minimist advisory and the new token by the rule.
    const evidence = JSON.parse(readFileSync(result.outputs['evidence-file']!, 'utf8')) as Record<string, any>;
    const failing = (evidence['findings'] as any[]).filter((f) => f.outcome === 'fail').map((f) => [f.ruleId, f.path, f.rule ?? 'default']);
    expect(failing).toContainEqual(['GHSA-xvch-5gv4-984h', 'package-lock.json', 'policy.rules[0] (no-new-high)']);
    expect(failing).toContainEqual([expect.stringMatching(/github/), 'src/github-client.js', 'policy.rules[0] (no-new-high)']);
    // Licences from the SBOM written in the same run, on the inventory dependency-audit read.
    expect(evidence['licenses'].counts).toEqual({ allowed: 3, denied: 0, unknown: 0, excepted: 0 });

    // One comment, the decision first, a section per scanner; one summary likewise.
    const comments = double.state.comments(9);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.startsWith('<!-- devsecops:devsecops -->\n## ❌ devsecops: fail')).toBe(true);
    const at = (text: string) => body.indexOf(text);
    expect(at('### ❌ Policy gate: fail')).toBeGreaterThan(0);
    expect(at('### Secrets scan: failed')).toBeGreaterThan(at('### ❌ Policy gate: fail'));
    expect(at('### Dependency audit')).toBeGreaterThan(at('### Secrets scan'));
    expect(body).not.toContain('<!-- devsecops:secrets-scan -->');
    expect(result.summary.startsWith('## ❌ devsecops: fail')).toBe(true);

    // A second run updates the same comment.
    const again = await run();
    expect(again.exitCode).toBe(1);
    expect(double.state.comments(9)).toHaveLength(1);
  }, 120_000);

  it('without the gate, each scanner decides by its own threshold', async () => {
    const result = await run({ with: { policy: 'false', scanners: 'dependencies', comment: 'false', 'upload-sarif': 'false' } });
    expect(result.exitCode).toBe(1);
    expect(result.outputs['evidence-file']).toBe('');
    expect(result.outputs['secrets-scan-sarif-file']).toBeUndefined();
    expect(result.summary).toContain('no policy gate');
    expect(double.requests).toHaveLength(0);
  }, 60_000);

  it('names a bad input and still runs nothing it cannot: exit 2', async () => {
    const result = await run({ with: { scanners: 'secrets,licences' } });
    expect(result.exitCode).toBe(2);
    expect(result.commands.filter((c) => c.command === 'error').map((c) => c.message)).toEqual([
      'Input "scanners" must be a comma-separated list of secrets, dependencies, sbom, got "licences" (got "secrets,licences").',
    ]);
  }, 60_000);
});
