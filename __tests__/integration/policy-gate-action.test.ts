import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { startApiDouble, type ApiDouble } from '../support/api-double.js';
import { runBundledAction, type RunActionOptions } from '../support/runner-harness.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';

const GATE_YML = path.resolve('actions/policy-gate/action.yml');
const AUDIT_YML = path.resolve('actions/dependency-audit/action.yml');
const FIXTURES = path.resolve('__tests__/fixtures/policy-gate');
const OSV = path.resolve('__tests__/fixtures/osv');
const MERGE_SHA = 'e'.repeat(40);

/** Real OSV records: qs 6.7.0 (high), minimist 1.2.5 (critical), express 4.17.1 (medium, low). */
const RECORDS = ['npm/GHSA-hrpp-h998-j3pp.json', 'npm/GHSA-xvch-5gv4-984h.json', 'npm/GHSA-rv95-896h-c2vc.json', 'npm/GHSA-qw6h-vgh9-j6wx.json'];

/** A day relative to today (UTC), as YYYY-MM-DD: exceptions must stay valid or expired whenever the suite runs. */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

function packageLock(withMinimist: boolean): string {
  const packages: Record<string, unknown> = {
    '': { name: 'shop', version: '1.0.0', dependencies: { express: '^4.17.1', ...(withMinimist ? { minimist: '^1.2.5' } : {}) } },
    'node_modules/express': { version: '4.17.1', dependencies: { qs: '6.7.0' } },
    'node_modules/qs': { version: '6.7.0' },
    ...(withMinimist ? { 'node_modules/minimist': { version: '1.2.5' } } : {}),
  };
  return `${JSON.stringify({ name: 'shop', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

/** The policy, plus a gitleaks rule, licence lists and exceptions in each state the report must tell apart. */
function policyConfig(): string {
  return `policy:
  mode: enforce
  rules:
    - id: no-new-high
      when: { severity: high, new: true }
      action: fail
      message: New high-severity findings must be fixed before merge.
    - id: python-injection
      when: { tool: semgrep, cel: 'finding.ruleId.startsWith("python.") && finding.severity >= 5.0 && finding.properties.precision == "very-high"' }
      action: fail
    - id: no-secrets
      when: { tool: gitleaks }
      action: fail
      message: Rotate the credential at its issuer, then remove it from the code.
  thresholds:
    - { severity: high, max: 5 }
  licenses:
    allow: [MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC]
    deny: [GPL-3.0-only, AGPL-3.0-only]
  exceptions:
    - match: { ruleId: "javascript.express.security.audit.xss", path: "legacy/**" }
      reason: Legacy admin UI, replaced in Q1.
      owner: "@octo-org/web"
      expires: ${day(120)}
    - match: { tool: gitleaks, path: src/config.js }
      reason: Test key, rotated by the vendor.
      owner: "@octo-org/platform"
      expires: ${day(-3)}
    - match: { advisory: CVE-2022-24999, package: "qs@<6.7.3" }
      reason: Only reachable from the admin API behind the VPN; upgrade planned.
      owner: "@octo-org/api"
      expires: ${day(7)}
    - match: { package: "pkg:npm/copyleft-lib" }
      reason: Used only by the build script, never shipped.
      owner: "@octo-org/legal"
      expires: ${day(60)}
    - match: { ruleId: "java.*" }
      reason: The Java service was removed.
      owner: "@octo-org/old"
      expires: ${day(30)}
`;
}

function loadEvent(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.resolve('__tests__/fixtures/events', name), 'utf8')) as Record<string, any>;
}

function pullRequestEvent(base: string, head: string, fork = false) {
  const payload = loadEvent('pull_request.synchronize.json');
  payload['number'] = 7;
  payload['pull_request'].number = 7;
  payload['pull_request'].base.sha = base;
  payload['pull_request'].head.sha = head;
  payload['pull_request'].base.repo.full_name = 'octo-org/octo-repo';
  payload['pull_request'].head.repo.full_name = fork ? 'contributor/octo-repo' : 'octo-org/octo-repo';
  return { name: 'pull_request', payload };
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('policy-gate, run as the runner runs it, after dependency-audit and two third-party tools', () => {
  let repo: TempRepo;
  let base: string;
  let head: string;
  let double: ApiDouble;
  let runnerTemp: string;

  beforeAll(async () => {
    repo = createTempRepo(makeTempDir('policy-gate-action-'));
    for (const record of RECORDS) cpSync(path.join(OSV, record), path.join(repo.dir, 'advisories', record));
    repo.write('package-lock.json', packageLock(false));
    repo.write('src/app.py', 'import subprocess\n\ndef run(command):\n    subprocess.call(command, shell=True)\n');
    repo.write('src/server.js', 'app.get("/", (req, res) => {\n  // greet\n  res.write(req.query.name);\n});\n');
    repo.write('legacy/admin.js', 'module.exports = (req, res) => {\n  res.write(req.query.name);\n};\n');
    repo.write('src/config.js', 'module.exports = {\n  uploadKeyId: process.env.UPLOAD_KEY_ID,\n};\n');
    repo.write('.github/devsecops.yml', policyConfig());
    base = repo.commit('main');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('package-lock.json', packageLock(true));
    head = repo.commit('adds minimist 1.2.5');
    for (const name of ['semgrep.sarif', 'gitleaks.sarif', 'sbom.cdx.json']) cpSync(path.join(FIXTURES, name), path.join(repo.dir, 'reports', name));

    // The job's first step: dependency-audit writes its SARIF under RUNNER_TEMP, where the gate finds it.
    runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'policy-gate-runner-'));
    const audit = await runBundledAction({
      actionYml: AUDIT_YML,
      workspace: repo.dir,
      event: pullRequestEvent(base, head),
      sha: MERGE_SHA,
      ref: 'refs/pull/7/merge',
      runnerTemp,
      with: { advisories: 'advisories', 'upload-sarif': 'false', comment: 'false' },
    });
    expect(audit.exitCode).toBe(1);
  }, 120_000);
  afterAll(() => {
    removeDir(path.dirname(repo.dir));
    removeDir(runnerTemp);
  });
  beforeEach(async () => {
    double = await startApiDouble();
  });
  afterEach(async () => {
    await double.close();
  });

  function gate(overrides: Partial<RunActionOptions> & { with?: Record<string, string> } = {}) {
    return runBundledAction({
      actionYml: GATE_YML,
      workspace: repo.dir,
      event: pullRequestEvent(base, head),
      apiUrl: double.url,
      token: double.token,
      sha: MERGE_SHA,
      ref: 'refs/pull/7/merge',
      runnerTemp,
      ...overrides,
      with: {
        sarif: `reports/*.sarif\n${runnerTemp}/devsecops/*.sarif`,
        sbom: 'reports/sbom.cdx.json',
        'upload-artifact': 'false',
        ...overrides.with,
      },
    });
  }

  it('decides each finding by the first matching rule, new against existing, and says why in the summary, comment and annotations', async () => {
    const result = await gate();
    double.assertNoViolations();
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.outputs['result']).toBe('fail');

    const evidence = JSON.parse(readFileSync(result.outputs['evidence-file']!, 'utf8')) as Record<string, any>;
    const outcome = (tool: string, ruleId: string, file?: string) =>
      (evidence['findings'] as any[]).find((f) => f.tool === tool && f.ruleId === ruleId && (file === undefined || f.path === file));
    // Blocked: the new critical minimist advisory, the Python rule through CEL (tool properties included), the leaked key.
    expect(outcome('devsecops', 'GHSA-xvch-5gv4-984h')).toMatchObject({ outcome: 'fail', new: true, rule: 'policy.rules[0] (no-new-high)' });
    expect(outcome('Semgrep OSS', 'python.lang.security.audit.subprocess-shell-true.subprocess-shell-true')).toMatchObject({
      outcome: 'fail',
      rule: 'policy.rules[1] (python-injection)',
    });
    expect(outcome('gitleaks', 'aws-access-token')).toMatchObject({ outcome: 'fail', rule: 'policy.rules[2] (no-secrets)', expiredExceptions: ['policy.exceptions[1]'] });
    // qs was on the base: high but not new, so no rule blocks it, and the soon-expiring exception holds it anyway.
    expect(outcome('devsecops', 'GHSA-hrpp-h998-j3pp')).toMatchObject({ outcome: 'excepted', new: false, exception: 'policy.exceptions[2]' });
    expect(outcome('Semgrep OSS', 'javascript.express.security.audit.xss', 'legacy/admin.js')).toMatchObject({ outcome: 'excepted', exception: 'policy.exceptions[0]' });
    // The same rule outside legacy/ is medium, no rule matches, below fail-on-severity high: it passes.
    expect(outcome('Semgrep OSS', 'javascript.express.security.audit.xss', 'src/server.js')).toMatchObject({ outcome: 'pass' });
    expect(evidence['counts']).toMatchObject({ fail: 3, excepted: 2 });
    expect(result.outputs['blocked-findings']).toBe('3');
    expect(result.outputs['new-findings']).toBe(String(evidence['counts'].new));
    expect(evidence['counts'].new).toBeGreaterThanOrEqual(1);

    // Thresholds count what is neither excepted nor ignored: minimist (critical) and the Python finding (high).
    expect(evidence['thresholds']).toEqual([{ where: 'policy.thresholds[0]', severity: 'high', new: null, max: 5, count: 2, exceeded: false }]);
    // Licences: GPL and AGPL denied, one excepted; the dual licence allowed through MIT; none stated is unknown; the subject is not checked.
    expect(evidence['licenses'].counts).toEqual({ allowed: 4, denied: 2, unknown: 1, excepted: 1 });
    expect((evidence['licenses'].notAllowed as any[]).map((p) => [p.name, p.outcome])).toEqual([
      ['copyleft-lib', 'excepted'],
      ['agpl-tool', 'fail'],
      ['no-licence', 'warn'],
    ]);
    const exceptions = Object.fromEntries((evidence['exceptions'] as any[]).map((e) => [e.where, [e.status, e.expiringSoon]]));
    expect(exceptions).toEqual({
      'policy.exceptions[0]': ['applied', false],
      'policy.exceptions[1]': ['expired', false],
      'policy.exceptions[2]': ['applied', true],
      'policy.exceptions[3]': ['applied', false],
      'policy.exceptions[4]': ['stale', false],
    });
    // Inputs are pinned by hash; the policy is the config file's.
    const inputs = evidence['inputs'].sarif as { path: string; sha256: string }[];
    expect(inputs.find((i) => i.path === 'reports/semgrep.sarif')?.sha256).toBe(sha256(path.join(repo.dir, 'reports/semgrep.sarif')));
    expect(inputs.some((i) => i.path.endsWith('dependency-audit.sarif'))).toBe(true);
    expect(evidence['policy']).toMatchObject({ source: 'config', path: '.github/devsecops.yml', sha256: sha256(path.join(repo.dir, '.github/devsecops.yml')) });
    expect(evidence['commit']).toMatch(/^[0-9a-f]{40}$/);

    // The summary: the decision first, then what blocked (with the rule's message), excepted with expiry, exception states.
    const summary = result.summary;
    expect(summary.startsWith('## ❌ Policy gate: fail')).toBe(true);
    expect(summary.indexOf('### Blocked (3)')).toBeLessThan(summary.indexOf('### Excepted (2)'));
    expect(summary).toContain('New high-severity findings must be fixed before merge.');
    expect(summary).toContain(`⚠️ ${day(7)} (in 7 days)`);
    expect(summary).toContain(`expired on ${day(-3)} and no longer applies`);
    // Markdown-escaped as the summary writes it: no link brackets, no @-mention of the owning team.
    expect(summary).toContain('policy.exceptions&#91;4&#93; (owner @&#8203;octo-org/old) matches no finding');
    // One sticky comment with the same decision.
    const comments = double.state.comments(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith('<!-- devsecops:policy-gate -->\n## ❌ Policy gate: fail')).toBe(true);
    // Annotations beside the findings it blocked, carrying the rule's message.
    const errors = result.annotations.filter((a) => a.command === 'error');
    expect(errors.find((a) => a.properties['file'] === 'src/config.js')?.message).toContain('Rotate the credential at its issuer');
    expect(errors.find((a) => a.properties['file'] === 'src/app.py')?.properties['line']).toBe('4');

    // Gated copies: excepted results suppressed with the exception's justification; no snippet (gitleaks' is the secret).
    const copies = result.outputs['sarif-files']!.split('\n');
    expect(copies).toHaveLength(3);
    const semgrepCopy = JSON.parse(readFileSync(copies.find((c) => c.endsWith('semgrep.gated.sarif'))!, 'utf8')) as any;
    const [python, legacy, server] = semgrepCopy.runs[0].results;
    expect(legacy.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: `Legacy admin UI, replaced in Q1. (policy.exceptions[0], owner @octo-org/web, until ${day(120)})`,
        properties: { owner: '@octo-org/web', expires: day(120), exception: 'policy.exceptions[0]' },
      },
    ]);
    expect(python.suppressions).toBeUndefined();
    expect(python.properties['devsecops/policy']).toEqual({ outcome: 'fail', rule: 'python-injection' });
    expect(server.properties['devsecops/policy']).toEqual({ outcome: 'pass' });
    const gitleaksCopy = readFileSync(copies.find((c) => c.endsWith('gitleaks.gated.sarif'))!, 'utf8');
    expect(gitleaksCopy).not.toContain('AKIAQYLPMN5HFIQR7XYZ');
    expect(gitleaksCopy).not.toContain('snippet');
  }, 60_000);

  it('dismisses the open alerts of excepted findings, reopens its own dismissals whose exception expired, and leaves hand-dismissed ones', async () => {
    const legacy = double.state.addAlert({ ruleId: 'javascript.express.security.audit.xss', toolName: 'Semgrep OSS', path: 'legacy/admin.js', startLine: 2, ref: 'refs/pull/7/merge' });
    const elsewhere = double.state.addAlert({ ruleId: 'javascript.express.security.audit.xss', toolName: 'Semgrep OSS', path: 'src/server.js', startLine: 3, ref: 'refs/pull/7/merge' });
    const expired = double.state.addAlert({
      ruleId: 'aws-access-token',
      toolName: 'gitleaks',
      path: 'src/config.js',
      startLine: 2,
      ref: 'refs/pull/7/merge',
      state: 'dismissed',
      dismissedReason: "won't fix",
      dismissedComment: 'devsecops policy-gate: policy.exceptions[1] (owner @octo-org/platform, until 2026-01-01): Test key, rotated by the vendor.',
    });
    const byHand = double.state.addAlert({
      ruleId: 'python.lang.security.audit.subprocess-shell-true.subprocess-shell-true',
      toolName: 'Semgrep OSS',
      path: 'src/app.py',
      startLine: 4,
      ref: 'refs/pull/7/merge',
      state: 'dismissed',
      dismissedReason: 'false positive',
      dismissedComment: 'command is a constant',
    });
    const result = await gate({ with: { 'dismiss-alerts': 'true' } });
    double.assertNoViolations();
    expect(result.exitCode).toBe(1);
    const alerts = new Map(double.state.alerts().map((a) => [a.number, a]));
    expect(alerts.get(legacy.number)).toMatchObject({ state: 'dismissed', dismissedReason: "won't fix" });
    expect(alerts.get(legacy.number)!.dismissedComment).toContain('@octo-org/web');
    expect(alerts.get(legacy.number)!.dismissedComment!.length).toBeLessThanOrEqual(280);
    expect(alerts.get(elsewhere.number)!.state).toBe('open');
    expect(alerts.get(expired.number)!.state).toBe('open');
    expect(alerts.get(byHand.number)).toMatchObject({ state: 'dismissed', dismissedComment: 'command is a constant' });
    expect(result.summary).toContain(`Reopened code-scanning alert #${expired.number}`);
  }, 60_000);

  it('reports the same decisions without failing in warn mode', async () => {
    const result = await gate({ with: { mode: 'warn', comment: 'false' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs['result']).toBe('warn');
    expect(result.summary.startsWith('## ⚠️ Policy gate: warn (warn mode: the policy fails, the step does not)')).toBe(true);
    expect(result.annotations.filter((a) => a.command === 'error').length).toBeGreaterThan(0);
  }, 60_000);

  it('on a fork pull request decides as usual and says that the comment and alert dismissal were skipped', async () => {
    const result = await gate({ event: pullRequestEvent(base, head, true), with: { 'dismiss-alerts': 'true' } });
    expect(result.exitCode).toBe(1);
    expect(double.requests).toHaveLength(0);
    expect(result.summary).toContain('Alert dismissal skipped');
    expect(result.summary).toContain('Pull request comment skipped');
  }, 60_000);

  it('rejects an exception without an owner as an invalid policy: exit 2, one line naming the key', async () => {
    const policyFile = path.join(repo.dir, 'reports', 'bad-policy.yml');
    cpSync(path.join(repo.dir, '.github/devsecops.yml'), policyFile);
    const text = readFileSync(policyFile, 'utf8').replace(/^ *owner: "@octo-org\/web"\n/m, '');
    (await import('node:fs')).writeFileSync(policyFile, text);
    const result = await gate({ with: { policy: 'reports/bad-policy.yml' } });
    expect(result.exitCode).toBe(2);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^reports\/bad-policy\.yml:\d+:\d+: policy\.exceptions\[0\]\.owner: /);
  }, 60_000);

  it("refuses to decide when the policy's own tests fail: exit 2, naming the test", async () => {
    const policyFile = path.join(repo.dir, 'reports', 'untested-policy.yml');
    const broken = `${policyConfig()}  tests:\n    - name: a new medium passes\n      findings: [{ ruleId: x, severity: critical, new: true }]\n      expect: pass\n`;
    (await import('node:fs')).writeFileSync(policyFile, broken);
    const result = await gate({ with: { policy: 'reports/untested-policy.yml' } });
    expect(result.exitCode).toBe(2);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(`The policy's own tests fail (1 of 1): reports/untested-policy.yml.tests[0] "a new medium passes" expected pass, but the policy decided fail`);
  }, 60_000);

  it('finds the SBOM the sbom action wrote earlier in the job when the policy has licence lists', async () => {
    const sbom = await runBundledAction({
      actionYml: path.resolve('actions/sbom/action.yml'),
      workspace: repo.dir,
      event: pullRequestEvent(base, head),
      sha: MERGE_SHA,
      ref: 'refs/pull/7/merge',
      runnerTemp,
      with: { 'dependency-snapshot': 'false', 'upload-artifact': 'false' },
    });
    expect(sbom.exitCode).toBe(0);
    const result = await gate({ with: { sbom: '', comment: 'false' } });
    expect(result.exitCode).toBe(1);
    const evidence = JSON.parse(readFileSync(result.outputs['evidence-file']!, 'utf8')) as Record<string, any>;
    expect(evidence['inputs'].sbom).toHaveLength(1);
    expect(evidence['inputs'].sbom[0].path).toBe(sbom.outputs['cyclonedx-file']);
    // The lockfile states no licences: each of its three packages is unknown to the lists (a warning, not a failure).
    expect(evidence['licenses'].counts).toEqual({ allowed: 0, denied: 0, unknown: 3, excepted: 0 });
  }, 60_000);
});
