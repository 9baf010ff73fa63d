import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, removeDir } from '../support/temp-repo.js';
import { indentYaml, ISSUE_POLICY_CORE } from '../policy/policy-fixtures.js';

const CLI = path.resolve('dist/cli/index.js');
const FIXTURES = path.resolve('__tests__/fixtures/policy-gate');
const REGO = path.resolve('__tests__/fixtures/rego');

function cli(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [CLI, 'policy-gate', ...args, '--no-color'], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd },
  });
}

const LICENSES = `licenses:
  allow: [MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC]
  deny: [GPL-3.0-only, AGPL-3.0-only]
`;

const TESTS = `tests:
  - name: a new critical fails
    findings: [{ tool: gitleaks, ruleId: aws-access-token, severity: 9.5, new: true, path: src/a.js }]
    expect: fail
  - name: the legacy XSS is excepted
    findings: [{ tool: semgrep, ruleId: javascript.express.security.audit.xss, severity: medium, path: legacy/admin.js }]
    expect: pass
`;

describe('devsecops policy-gate on a laptop', () => {
  let dir: string;

  beforeAll(() => {
    dir = makeTempDir('policy-gate-cli-');
    for (const name of ['semgrep.sarif', 'gitleaks.sarif', 'sbom.cdx.json']) cpSync(path.join(FIXTURES, name), path.join(dir, 'reports', name));
    cpSync(path.join(REGO, 'policy.wasm'), path.join(dir, 'rego', 'policy.wasm'));
    writeFileSync(path.join(dir, 'policy.yml'), `${ISSUE_POLICY_CORE}${LICENSES}${TESTS}`);
  });
  afterAll(() => removeDir(dir));

  it('runs the policy tests like opa test: exit 0 when each gets the decision it expects', () => {
    const run = cli(dir, ['--policy', 'policy.yml', '--test']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('PASS policy.yml.tests[0] "a new critical fails": decided fail, as expected');
    expect(run.stdout).toContain('2 of 2 policy tests passed.');
  });

  it('fails --test when a test gets another decision, and says why', () => {
    writeFileSync(path.join(dir, 'wrong.yml'), `${ISSUE_POLICY_CORE}${TESTS.replace('expect: pass', 'expect: fail')}`);
    const run = cli(dir, ['--policy', 'wrong.yml', '--test']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FAIL wrong.yml.tests[1] "the legacy XSS is excepted": expected fail, but the policy decided pass');
    expect(run.stdout).toMatch(/findings\[0\] javascript\.express\.security\.audit\.xss at legacy\/admin\.js: excepted/);
    expect(run.stdout).toContain('1 of 2 policy tests passed, 1 failed.');
  });

  it('reads the policy from the config file by default, under policy:', () => {
    writeFileSync(path.join(dir, '.github-devsecops.yml'), `policy:\n${indentYaml(`${ISSUE_POLICY_CORE}${TESTS}`)}`);
    const run = cli(dir, ['--config', '.github-devsecops.yml', '--test']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('PASS policy.tests[1]');
  });

  it('decides on SARIF of two tools and an SBOM, and writes the evidence', () => {
    const run = cli(dir, ['--policy', 'policy.yml', '-i', 'reports/*.sarif', '--sbom', 'reports/sbom.cdx.json', '--evidence', 'evidence.json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Decision: FAIL');
    expect(run.stdout).toContain('Inputs: 2 SARIF files (gitleaks 1, Semgrep OSS 3); SBOM reports/sbom.cdx.json (7 packages)');
    // The python rule fails through CEL; the XSS under legacy/ is excepted; GPL-3.0 and AGPL-3.0 are denied.
    expect(run.stdout).toMatch(/Blocked \(1\)\n\s+high\s+src\/app\.py:4/);
    expect(run.stdout).toContain('Licences: 4 allowed, 2 denied, 1 unknown');
    const evidence = JSON.parse(readFileSync(path.join(dir, 'evidence.json'), 'utf8')) as Record<string, any>;
    expect(evidence['decision']).toBe('fail');
    expect(evidence['licenses'].counts).toEqual({ allowed: 4, denied: 2, unknown: 1, excepted: 0 });
    expect(evidence['policy']).toMatchObject({ source: 'file', path: 'policy.yml' });
  });

  it('fails on a threshold and passes a lower fail-on-severity to findings no rule matches', () => {
    writeFileSync(path.join(dir, 'threshold.yml'), 'thresholds:\n  - { severity: medium, max: 2 }\n');
    const run = cli(dir, ['--policy', 'threshold.yml', '-i', 'reports/*.sarif', '--fail-on-severity', 'none']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('EXCEEDED threshold.yml.thresholds[0]: 4 findings of severity medium or worse, at most 2 allowed');
    const warn = cli(dir, ['--policy', 'threshold.yml', '-i', 'reports/*.sarif', '--fail-on-severity', 'none', '--mode', 'warn']);
    expect(warn.status).toBe(0);
    expect(warn.stdout).toContain('Decision: WARN (warn mode; the policy fails)');
  });

  it('evaluates a Rego rule compiled to WebAssembly', () => {
    writeFileSync(
      path.join(dir, 'rego.yml'),
      'fail-on-severity: none\nrules:\n  - id: rego-python\n    when: { rego: { wasm: rego/policy.wasm, entrypoint: devsecops/fail } }\n    action: fail\n    message: Decided by Rego.\n',
    );
    const run = cli(dir, ['--policy', 'rego.yml', '-i', 'reports/semgrep.sarif']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Blocked \(1\)\n\s+high\s+src\/app\.py:4 {2}Semgrep OSS: python\.lang[^\n]*\n\s+\[rego-python\] Decided by Rego\./);
  });

  it('rejects invalid policies with one line naming the key: a bad CEL condition, a missing owner, an unknown Rego entrypoint', () => {
    const cases: [string, RegExp][] = [
      ['rules:\n  - id: bad-cel\n    when: { cel: "finding.nope == 1" }\n    action: fail\n', /^devsecops: bad\.yml\.rules\[0\] \(bad-cel\)\.when\.cel: .*nope/],
      ['exceptions:\n  - match: { ruleId: x }\n    reason: r\n    expires: 2027-01-01\n', /^devsecops: bad\.yml:2:\d+: exceptions\[0\]\.owner: /],
      ['rules:\n  - id: r\n    when: { rego: { wasm: rego/policy.wasm, entrypoint: devsecops/nope } }\n    action: fail\n', /^devsecops: bad\.yml\.rules\[0\] \(r\)\.when\.rego\.entrypoint: .*devsecops\/nope/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(path.join(dir, 'bad.yml'), text);
      const run = cli(dir, ['--policy', 'bad.yml', '--test']);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  });

  it('says which input it could not read and decides on the rest', () => {
    writeFileSync(path.join(dir, 'reports', 'broken.sarif'), '{"version": "2.1.0", "runs": [');
    const run = cli(dir, ['--policy', 'policy.yml', '-i', 'reports/*.sarif']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/- Skipped reports\/broken\.sarif is not SARIF: not valid JSON/);
    expect(run.stdout).toContain('2 SARIF files (gitleaks 1, Semgrep OSS 3)');
  });
});
