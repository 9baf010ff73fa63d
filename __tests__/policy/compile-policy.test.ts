import { describe, expect, it } from '@jest/globals';
import { policySectionSchema, type PolicySection } from '../../src/core/config/sections/policy.js';
import { UsageError } from '../../src/core/errors.js';
import { compilePolicy } from '../../src/scanners/policy/compile-policy.js';
import { PolicyError } from '../../src/scanners/policy/policy-error.js';
import { compileYaml } from './policy-fixtures.js';

function errorOf(yaml: string, where?: string): PolicyError {
  try {
    compileYaml(yaml, where ? { where } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    expect(error).toBeInstanceOf(UsageError);
    return error as PolicyError;
  }
  throw new Error('expected a PolicyError');
}

describe('compilePolicy errors name the key path', () => {
  it('a glob in a rule', () => {
    const error = errorOf(`
rules:
  - { id: a, when: { severity: high }, action: fail }
  - { id: b, when: { tool: semgrep }, action: warn }
  - { id: c, when: { ruleId: "js/[xss" }, action: fail }
`);
    expect(error.message).toBe('policy.rules[2] (c).when.ruleId: "js/[xss" has a "[" without its closing "]"');
    expect(error.where).toBe('policy.rules[2] (c).when.ruleId');
  });

  it('a glob in an exception', () => {
    expect(
      errorOf(`
exceptions:
  - { match: { path: "legacy/{a,b" }, reason: r, owner: "@o", expires: 2027-01-01 }
`).message,
    ).toBe('policy.exceptions[0].match.path: "legacy/{a,b" has a "{" without its closing "}"');
  });

  it('a package condition', () => {
    expect(errorOf('rules: [{ id: old-lodash, when: { package: "lodash@^4.0.0" }, action: fail }]').message).toBe(
      'policy.rules[0] (old-lodash).when.package: "^4.0.0" in "^4.0.0": write the bounds with <, <=, >, >= (the ^, ~ and x shorthands mean different things in each ecosystem)',
    );
    expect(errorOf('exceptions: [{ match: { package: "pkg:pypi/django@<4.2.x7" }, reason: r, owner: "@o", expires: 2027-01-01 }]').message).toBe(
      'policy.exceptions[0].match.package: "4.2.x7" in "pkg:pypi/django@<4.2.x7" is not a valid PyPI version',
    );
  });

  it('a CEL condition, as the CEL compiler words it', () => {
    const error = errorOf(`
rules:
  - { id: a, when: { severity: high }, action: fail }
  - id: python-injection
    when: { tool: semgrep, cel: 'finding.ruleId.startsWith("python.") && finding.sevrity >= 5.0' }
    action: fail
`);
    expect(error.message).toMatch(/^policy\.rules\[1\] \(python-injection\)\.when\.cel: .*unknown field "sevrity"/);
  });

  it('a licence id', () => {
    expect(errorOf('licenses: { allow: [MIT, MTI] }').message).toBe('policy.licenses.allow[1]: "MTI" is not an SPDX licence id');
    expect(errorOf('licenses: { deny: [apache2] }').message).toBe(
      'policy.licenses.deny[0]: "apache2" is not an SPDX licence id (did you mean Apache-2.0?)',
    );
  });

  it('a policy test finding', () => {
    expect(
      errorOf(`
tests:
  - name: ok
    findings: [{ ruleId: a, severity: high }, { ruleId: b, severity: low, package: "pkg:npm" }]
    expect: pass
`).message,
    ).toMatch(/^policy\.tests\[0\]\.findings\[1\]\.package: "pkg:npm" is not a valid purl/);
  });

  it('starts key paths where the policy is, for a separate policy file', () => {
    expect(errorOf('rules: [{ id: a, when: { path: "[" }, action: fail }]', '.github/policy.yml').message).toBe(
      '.github/policy.yml.rules[0] (a).when.path: "[" has a "[" without its closing "]"',
    );
  });

  it('rejects an exception built in code without an owner or an expiry date', () => {
    const section = policySectionSchema.parse({});
    const bad = { ...section, exceptions: [{ match: { ruleId: 'x' }, reason: 'because', owner: ' ', expires: '2027-01-01' }] } as PolicySection;
    expect(() => compilePolicy(bad)).toThrow(
      new PolicyError('policy.exceptions[0].owner', 'is required: every exception needs a reason, an owner and an expiry date'),
    );
    const noDate = { ...section, exceptions: [{ match: { ruleId: 'x' }, reason: 'because', owner: '@o' }] } as unknown as PolicySection;
    expect(() => compilePolicy(noDate)).toThrow('policy.exceptions[0].expires: is required');
  });
});

describe('compilePolicy', () => {
  it('keeps the rules in order with their actions and messages', () => {
    const policy = compileYaml(`
rules:
  - { id: no-new-high, when: { severity: high, new: true }, action: fail, message: Fix it. }
  - { id: quiet, when: { tags: [test] }, action: ignore }
`);
    expect(policy.rules.map((r) => [r.id, r.where, r.action, r.message])).toEqual([
      ['no-new-high', 'policy.rules[0] (no-new-high)', 'fail', 'Fix it.'],
      ['quiet', 'policy.rules[1] (quiet)', 'ignore', undefined],
    ]);
    expect(policy.rules[0]!.matcher.label).toBe('new, severity high or worse');
  });

  it('takes fail-on-severity from the options, else the section, else none; mode from the options, else the section', () => {
    expect(compileYaml('{}').failOnSeverity).toBe('none');
    expect(compileYaml('fail-on-severity: medium').failOnSeverity).toBe('medium');
    expect(compileYaml('fail-on-severity: medium', { failOnSeverity: 'critical' }).failOnSeverity).toBe('critical');
    expect(compileYaml('{}').mode).toBe('enforce');
    expect(compileYaml('mode: warn').mode).toBe('warn');
    expect(compileYaml('mode: warn', { mode: 'enforce' }).mode).toBe('enforce');
  });

  it('puts licence ids in their SPDX case', () => {
    expect(compileYaml('licenses: { allow: [mit, apache-2.0], deny: [gpl-3.0-only] }').licenses?.lists).toEqual({
      allow: ['MIT', 'Apache-2.0'],
      deny: ['GPL-3.0-only'],
    });
    expect(compileYaml('{}').licenses).toBeUndefined();
  });

  it('keeps the CEL compiler\'s warnings with their key path', () => {
    const policy = compileYaml('rules: [{ id: always, when: { cel: "has(finding.ruleId)" }, action: warn }]');
    expect(policy.warnings).toHaveLength(1);
    expect(policy.warnings[0]).toMatch(/^policy\.rules\[0\] \(always\)\.when\.cel: has\(finding\.ruleId\) is always true/);
  });

  it('turns test findings into findings: a score gives the band, a purl the package', () => {
    const policy = compileYaml(`
tests:
  - name: a new critical fails
    findings:
      - { tool: gitleaks, ruleId: aws-access-token, severity: 9.5, new: true, path: src/a.js }
      - { ruleId: dep, severity: high, package: "pkg:npm/lodash@4.17.20", advisory: GHSA-jf85-cpcp-j695, aliases: [CVE-2021-23337] }
    expect: fail
`);
    const [secret, dependency] = policy.tests[0]!.findings;
    expect(secret).toMatchObject({
      tool: 'gitleaks',
      ruleId: 'aws-access-token',
      severity: 'critical',
      score: 9.5,
      isNew: true,
      location: { path: 'src/a.js', startLine: 1 },
      tags: [],
    });
    expect(dependency).toMatchObject({
      tool: 'devsecops',
      severity: 'high',
      score: 8,
      package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
      advisory: { id: 'GHSA-jf85-cpcp-j695', aliases: ['CVE-2021-23337'] },
    });
    expect(dependency!.isNew).toBeUndefined();
    expect(secret!.fingerprint).not.toBe(dependency!.fingerprint);
  });
});
