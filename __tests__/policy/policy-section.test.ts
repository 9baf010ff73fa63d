import { describe, expect, it } from '@jest/globals';
import { parseConfigText } from '../../src/core/config/parse-config.js';
import { indentYaml, ISSUE_POLICY_CORE } from './policy-fixtures.js';

const FILE = '.github/devsecops.yml';

function errorOf(text: string): string {
  try {
    parseConfigText(text, FILE);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('the policy section (extended for the policy gate)', () => {
  it('reads the issue\'s policy as written', () => {
    const config = parseConfigText(
      `policy:
${indentYaml(ISSUE_POLICY_CORE)}  licenses:
    allow: [MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC]
    deny: [GPL-3.0-only, AGPL-3.0-only]
  tests:
    - name: a new critical fails
      findings: [{ tool: gitleaks, ruleId: aws-access-token, severity: 9.5, new: true, path: src/a.js }]
      expect: fail
`,
      FILE,
    );
    expect(config.policy.tests[0]?.findings[0]?.severity).toBe(9.5);
    expect(config.policy.exceptions[0]?.owner).toBe('@octo-org/web');
  });

  it('requires every exception to have an owner and an expiry date', () => {
    expect(errorOf('policy: {exceptions: [{match: {ruleId: x}, reason: ok, expires: 2027-01-31}]}\n')).toContain(
      'policy.exceptions[0].owner: is required (expected a string)',
    );
    expect(errorOf('policy: {exceptions: [{match: {ruleId: x}, reason: ok, owner: "@a"}]}\n')).toContain(
      'policy.exceptions[0].expires: is required',
    );
    expect(errorOf('policy: {exceptions: [{match: {ruleId: x}, reason: ok, owner: "  ", expires: 2027-01-31}]}\n')).toContain(
      'policy.exceptions[0].owner:',
    );
  });

  it('lets an exception match one finding by fingerprint, but not a rule', () => {
    const config = parseConfigText('policy: {exceptions: [{match: {fingerprint: abc123}, reason: ok, owner: "@a", expires: 2027-01-31}]}\n', FILE);
    expect(config.policy.exceptions[0]?.match.fingerprint).toBe('abc123');
    expect(errorOf('policy: {rules: [{id: a, when: {fingerprint: abc}, action: fail}]}\n')).toContain(
      'policy.rules[0].when.fingerprint: unknown key',
    );
  });

  it('counts new or existing findings in a threshold, one threshold per band and age', () => {
    const config = parseConfigText('policy: {thresholds: [{severity: critical, new: true, max: 0}, {severity: critical, max: 3}]}\n', FILE);
    expect(config.policy.thresholds).toEqual([
      { severity: 'critical', new: true, max: 0 },
      { severity: 'critical', max: 3 },
    ]);
    expect(errorOf('policy: {thresholds: [{severity: high, new: true, max: 0}, {severity: high, new: true, max: 3}]}\n')).toContain(
      'policy.thresholds[1].severity: duplicate threshold for severity "high" (new findings)',
    );
    expect(errorOf('policy: {thresholds: [{severity: high, max: 0}, {severity: high, max: 3}]}\n')).toContain(
      'policy.thresholds[1].severity: duplicate threshold for severity "high"',
    );
  });

  it('takes a test finding\'s ecosystem in OSV spelling', () => {
    expect(errorOf('policy: {tests: [{name: t, findings: [{ruleId: a, severity: low, package: "x@1", ecosystem: npmjs}], expect: pass}]}\n')).toContain(
      'policy.tests[0].findings[0].ecosystem: expected one of npm|PyPI',
    );
  });
});
