import { describe, expect, it } from '@jest/globals';
import { runPolicyTests } from '../../src/scanners/policy/run-policy-tests.js';
import { compileYaml, ISSUE_POLICY_CORE, TODAY } from './policy-fixtures.js';

const ISSUE_POLICY = `${ISSUE_POLICY_CORE}tests:
  - name: a new critical fails
    findings: [{ tool: gitleaks, ruleId: aws-access-token, severity: 9.5, new: true, path: src/a.js }]
    expect: fail
  - name: python injection from semgrep fails even when old
    findings: [{ tool: semgrep, ruleId: python.flask.security.injection, severity: 6.0, new: false, path: app.py }]
    expect: fail
  - name: legacy xss is excepted
    findings: [{ tool: semgrep, ruleId: javascript.express.security.audit.xss, severity: high, new: true, path: legacy/admin/ui.js }]
    expect: pass
  - name: six old highs exceed the threshold
    findings:
      - { ruleId: a, severity: high, new: false }
      - { ruleId: b, severity: high, new: false }
      - { ruleId: c, severity: high, new: false }
      - { ruleId: d, severity: high, new: false }
      - { ruleId: e, severity: high, new: false }
      - { ruleId: f, severity: critical, new: false }
    expect: fail
  - name: nothing passes
    findings: []
    expect: pass
`;

describe('runPolicyTests', () => {
  it('runs every test of the issue\'s policy and says why each passed', () => {
    const run = runPolicyTests(compileYaml(ISSUE_POLICY), { today: TODAY });
    expect(run.results.map((r) => [r.name, r.actual, r.passed])).toEqual([
      ['a new critical fails', 'fail', true],
      ['python injection from semgrep fails even when old', 'fail', true],
      ['legacy xss is excepted', 'pass', true],
      ['six old highs exceed the threshold', 'fail', true],
      ['nothing passes', 'pass', true],
    ]);
    expect([run.passed, run.failed]).toEqual([5, 0]);
    expect(run.results[0]!.why).toEqual([
      'decided fail, as expected',
      '1 finding fails by policy.rules[0] (no-new-high)',
      'findings[0] aws-access-token at src/a.js: fail — policy.rules[0] (no-new-high) decides it (fail): new, severity high or worse',
    ]);
    expect(run.results[2]!.why).toContain(
      'findings[0] javascript.express.security.audit.xss at legacy/admin/ui.js: excepted — excepted by policy.exceptions[0] (owner @octo-org/web, until 2027-03-31): Legacy admin UI, replaced in Q1.',
    );
    expect(run.results[3]!.why).toContain('policy.thresholds[0]: 6 findings of severity high or worse, at most 5 allowed');
  });

  it('reports a test the policy does not satisfy, with the policy\'s reasons', () => {
    const policy = compileYaml(`
rules: [{ id: warn-high, when: { severity: high }, action: warn }]
tests:
  - name: a new high fails
    findings: [{ ruleId: x, severity: high, new: true }]
    expect: fail
`);
    const run = runPolicyTests(policy, { today: TODAY });
    expect([run.passed, run.failed]).toEqual([0, 1]);
    expect(run.results[0]).toEqual({
      index: 0,
      where: 'policy.tests[0]',
      name: 'a new high fails',
      expected: 'fail',
      actual: 'warn',
      passed: false,
      why: [
        'expected fail, but the policy decided warn',
        '1 finding warns by policy.rules[0] (warn-high)',
        'findings[0] x: warn — policy.rules[0] (warn-high) decides it (warn): severity high or worse',
      ],
    });
  });

  it('decides tests in enforce mode, so moving a policy from warn to enforce keeps its tests', () => {
    const policy = compileYaml(`
mode: warn
rules: [{ id: crit, when: { severity: critical }, action: fail }]
tests: [{ name: a critical fails, findings: [{ ruleId: x, severity: critical }], expect: fail }]
`);
    expect(runPolicyTests(policy, { today: TODAY }).results[0]!.passed).toBe(true);
    expect(policy.mode).toBe('warn');
  });

  it('applies exceptions as of today, so a test relying on an expired one fails', () => {
    const policy = compileYaml(`
rules: [{ id: all, when: {}, action: fail }]
exceptions: [{ match: { package: "pkg:npm/lodash@<4.17.21" }, reason: r, owner: "@o", expires: 2026-06-30 }]
tests:
  - name: old lodash is excepted
    findings: [{ ruleId: dep, severity: high, package: "pkg:npm/lodash@4.17.20" }]
    expect: pass
  - name: a fixed lodash is not excepted
    findings: [{ ruleId: dep, severity: high, package: "lodash@4.17.21", ecosystem: npm }]
    expect: fail
`);
    expect(runPolicyTests(policy, { today: TODAY }).results.map((r) => r.passed)).toEqual([true, true]);
    const later = runPolicyTests(policy, { today: '2026-07-01' });
    expect(later.results.map((r) => [r.actual, r.passed])).toEqual([
      ['fail', false],
      ['fail', true],
    ]);
  });

  it('a policy without tests runs none', () => {
    expect(runPolicyTests(compileYaml('{}'), { today: TODAY })).toEqual({ passed: 0, failed: 0, results: [] });
  });
});
