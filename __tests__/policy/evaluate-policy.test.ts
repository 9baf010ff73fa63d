import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../src/core/findings.js';
import { readSarif } from '../../src/core/sarif/reader.js';
import { evaluatePolicy, EXPIRY_WARNING_DAYS } from '../../src/scanners/policy/evaluate-policy.js';
import { LICENSE_DENIED_RULE, LICENSE_UNKNOWN_RULE } from '../../src/scanners/policy/license-findings.js';
import { compileYaml, finding, TODAY } from './policy-fixtures.js';

function outcomes(yaml: string, findings: Finding[], options: Parameters<typeof compileYaml>[1] = {}) {
  return evaluatePolicy(findings, compileYaml(yaml, options), { today: TODAY }).findings.map((d) => d.outcome);
}

function exceptionYaml(match: string, expires = '2027-01-01'): string {
  return `exceptions: [{ match: ${match}, reason: Accepted for the test., owner: "@acme/sec", expires: ${expires} }]`;
}

function readFixture(name: string): Finding[] {
  const file = path.resolve('__tests__/fixtures/sarif', name);
  return readSarif(readFileSync(file, 'utf8'), name).findings;
}

describe('rules', () => {
  it('the first matching rule decides, whatever the rules after it say', () => {
    const high = finding({ severity: 'high', isNew: true });
    const warnFirst = `
rules:
  - { id: warn-high, when: { severity: high }, action: warn }
  - { id: fail-new, when: { new: true }, action: fail }
`;
    const failFirst = `
rules:
  - { id: fail-new, when: { new: true }, action: fail }
  - { id: warn-high, when: { severity: high }, action: warn }
`;
    const first = evaluatePolicy([high], compileYaml(warnFirst), { today: TODAY });
    expect(first.findings[0]).toMatchObject({ outcome: 'warn', action: 'warn', rule: { index: 0, id: 'warn-high', where: 'policy.rules[0] (warn-high)' } });
    expect(first.decision).toBe('warn');
    const second = evaluatePolicy([high], compileYaml(failFirst), { today: TODAY });
    expect(second.findings[0]).toMatchObject({ outcome: 'fail', rule: { id: 'fail-new' } });
    expect(second.decision).toBe('fail');
  });

  it('shows the rule\'s message beside the finding, or names the rule', () => {
    const result = evaluatePolicy(
      [finding({ severity: 'high', isNew: true }), finding({ severity: 'low' })],
      compileYaml(`
rules:
  - { id: no-new-high, when: { severity: high, new: true }, action: fail, message: New high-severity findings must be fixed before merge. }
  - { id: lows, when: { severity: low }, action: warn }
`),
      { today: TODAY },
    );
    expect(result.findings.map((d) => d.message)).toEqual([
      'New high-severity findings must be fixed before merge.',
      'Flagged by policy rule "lows".',
    ]);
    expect(result.findings[0]!.reasons).toEqual(['policy.rules[0] (no-new-high) decides it (fail): new, severity high or worse']);
  });

  it('an ignore rule takes the finding out of the decision and the thresholds', () => {
    const result = evaluatePolicy(
      [finding({ severity: 'critical', tags: ['test'] }), finding({ severity: 'critical' })],
      compileYaml(`
fail-on-severity: none
rules: [{ id: tests, when: { tags: [test] }, action: ignore }]
thresholds: [{ severity: critical, max: 1 }]
`),
      { today: TODAY },
    );
    expect(result.findings.map((d) => [d.outcome, d.counted])).toEqual([
      ['ignored', false],
      ['pass', true],
    ]);
    expect(result.thresholds[0]).toMatchObject({ count: 1, exceeded: false });
    expect(result.decision).toBe('pass');
  });
});

describe('every `when` key', () => {
  const cases: [string, string, Finding, Finding][] = [
    ['tool, case-insensitive', '{ tool: Gitleaks }', finding({ tool: 'gitleaks' }), finding({ tool: 'trufflehog' })],
    ['tool, with the driver\'s edition after it', '{ tool: semgrep }', finding({ tool: 'Semgrep OSS' }), finding({ tool: 'semgrep-lite' })],
    ['ruleId glob', '{ ruleId: "js/*" }', finding({ ruleId: 'js/xss' }), finding({ ruleId: 'py/xss' })],
    ['severity band: that band or worse', '{ severity: high }', finding({ severity: 'critical' }), finding({ severity: 'medium' })],
    ['severity score: at least that', '{ severity: 7.5 }', finding({ severity: 'high', score: 7.5 }), finding({ severity: 'high', score: 7.4 })],
    ['tags, all of them, any case', '{ tags: [security, CWE-79] }', finding({ tags: ['Security', 'cwe-79', 'x'] }), finding({ tags: ['security'] })],
    ['path glob', '{ path: "legacy/**" }', finding({ path: 'legacy/a/b.js' }), finding({ path: 'src/legacy.js' })],
    ['path never matches a finding without a file', '{ path: "**" }', finding({ path: 'a.js' }), finding()],
    ['new: true', '{ new: true }', finding({ isNew: true }), finding({ isNew: false })],
    ['new: false also matches findings never compared', '{ new: false }', finding(), finding({ isNew: true })],
    [
      'package with a version range',
      '{ package: "lodash@<4.17.21" }',
      finding({ package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20' } }),
      finding({ package: { ecosystem: 'npm', name: 'lodash', version: '4.17.21' } }),
    ],
    [
      'advisory, by any alias',
      '{ advisory: cve-2021-23337 }',
      finding({ advisory: { id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'] } }),
      finding({ advisory: { id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'] } }),
    ],
    [
      'cel',
      `{ cel: 'finding.ruleId.startsWith("python.") && finding.severity >= 5.0' }`,
      finding({ ruleId: 'python.flask.injection', severity: 'medium', score: 5.5 }),
      finding({ ruleId: 'python.flask.injection', severity: 'low', score: 2 }),
    ],
    [
      'several keys, all of which must hold',
      '{ tool: semgrep, severity: high, path: "src/**" }',
      finding({ tool: 'semgrep', severity: 'high', path: 'src/a.py' }),
      finding({ tool: 'semgrep', severity: 'high', path: 'test/a.py' }),
    ],
  ];

  it.each(cases)('%s', (_name, when, matching, other) => {
    const yaml = `rules: [{ id: r, when: ${when}, action: fail }]`;
    expect(outcomes(yaml, [matching, other])).toEqual(['fail', 'pass']);
  });

  it('{} matches every finding', () => {
    expect(outcomes('rules: [{ id: all, when: {}, action: warn }]', [finding(), finding({ severity: 'note' })])).toEqual(['warn', 'warn']);
  });

  it('gives CEL the SARIF properties of each finding', () => {
    const policy = compileYaml(`rules: [{ id: precise, when: { cel: 'has(finding.properties.precision) && finding.properties.precision == "high"' }, action: fail }]`);
    const findings = [finding(), finding()];
    const result = evaluatePolicy(findings, policy, {
      today: TODAY,
      contextOf: (_f, index) => ({ sarifProperties: { precision: index === 0 ? 'high' : 'low' } }),
    });
    expect(result.findings.map((d) => d.outcome)).toEqual(['fail', 'pass']);
  });

  it('a CEL condition that fails on a finding does not match it, and the run warns once with the count', () => {
    const policy = compileYaml(`
fail-on-severity: none
rules: [{ id: precise, when: { cel: 'finding.properties.precision == "high"' }, action: fail }]
`);
    const result = evaluatePolicy([finding({ properties: { precision: 'high' } }), finding(), finding()], policy, { today: TODAY });
    expect(result.findings.map((d) => d.outcome)).toEqual(['fail', 'pass', 'pass']);
    const line = result.warnings.find((w) => w.startsWith('policy.rules[0] (precise).when.cel could not be evaluated on 2 findings'));
    expect(line).toMatch(/no key "precision"/);
    // The compiled policy keeps no state: a second run counts its own failures.
    const again = evaluatePolicy([finding()], policy, { today: TODAY });
    expect(again.warnings.some((w) => w.startsWith('policy.rules[0] (precise).when.cel could not be evaluated on 1 finding ('))).toBe(true);
    // A condition that cannot be evaluated never passes silently.
    expect(again.decision).toBe('warn');
    const clean = evaluatePolicy([finding({ properties: { precision: 'low' } })], policy, { today: TODAY });
    expect(clean.warnings).toEqual([]);
    expect(clean.decision).toBe('pass');
  });
});

describe('findings no rule matches', () => {
  const findings = [
    finding({ severity: 'high', isNew: true }),
    finding({ severity: 'high', isNew: false }),
    finding({ severity: 'high' }),
    finding({ severity: 'medium', isNew: true }),
  ];

  it('fail when new (or never compared) and at or above fail-on-severity, as the scanners decide', () => {
    const result = evaluatePolicy(findings, compileYaml('{}', { failOnSeverity: 'high' }), { today: TODAY });
    expect(result.findings.map((d) => d.outcome)).toEqual(['fail', 'pass', 'fail', 'pass']);
    expect(result.findings.map((d) => d.message)).toEqual([
      'No policy rule matches this finding; it fails because it is new and its severity (high) reaches fail-on-severity high.',
      'No policy rule matches this finding; it passes because it was already on the base.',
      'No policy rule matches this finding; it fails because it is not compared with a base and its severity (high) reaches fail-on-severity high.',
      'No policy rule matches this finding; it passes because its severity (medium) is below fail-on-severity high.',
    ]);
    expect(result.findings.every((d) => d.rule === undefined)).toBe(true);
    expect(result.reasons).toEqual(['2 findings fail by default (no rule matches; fail-on-severity)']);
  });

  it('pass with fail-on-severity none, as in conftest where only deny rules fail', () => {
    const result = evaluatePolicy(findings, compileYaml('{}'), { today: TODAY });
    expect(result.findings.map((d) => d.outcome)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(result.findings[0]!.message).toBe('No policy rule matches this finding; it passes because fail-on-severity is none.');
    expect(result.decision).toBe('pass');
    expect(result.reasons).toEqual(['no finding, threshold or licence fails or warns']);
  });
});

describe('thresholds', () => {
  it('count the band and every band above it, and fail past max', () => {
    const policy = compileYaml('thresholds: [{ severity: high, max: 2 }]');
    const two = [finding({ severity: 'critical' }), finding({ severity: 'high' }), finding({ severity: 'medium' })];
    const pass = evaluatePolicy(two, policy, { today: TODAY });
    expect(pass.thresholds).toEqual([
      {
        index: 0,
        where: 'policy.thresholds[0]',
        severity: 'high',
        max: 2,
        count: 2,
        exceeded: false,
        message: 'policy.thresholds[0]: 2 findings of severity high or worse, at most 2 allowed (within the limit)',
      },
    ]);
    expect(pass.decision).toBe('pass');
    const fail = evaluatePolicy([...two, finding({ severity: 'high' })], policy, { today: TODAY });
    expect(fail.thresholds[0]).toMatchObject({ count: 3, exceeded: true, message: 'policy.thresholds[0]: 3 findings of severity high or worse, at most 2 allowed' });
    expect(fail.decision).toBe('fail');
    expect(fail.reasons).toEqual(['policy.thresholds[0]: 3 findings of severity high or worse, at most 2 allowed']);
    // Every finding passed on its own: only the threshold fails the run.
    expect(fail.findings.every((d) => d.outcome === 'pass')).toBe(true);
  });

  it('"no new critical, at most 5 high in total" (the issue\'s example)', () => {
    const policy = compileYaml('thresholds: [{ severity: critical, new: true, max: 0 }, { severity: high, max: 5 }]');
    const existingCriticals = [finding({ severity: 'critical', isNew: false }), finding({ severity: 'critical' })];
    const ok = evaluatePolicy([...existingCriticals, finding({ severity: 'high', isNew: true })], policy, { today: TODAY });
    expect(ok.thresholds.map((t) => [t.count, t.exceeded])).toEqual([
      [0, false],
      [3, false],
    ]);
    expect(ok.decision).toBe('pass');
    const newCritical = evaluatePolicy([finding({ severity: 'critical', isNew: true })], policy, { today: TODAY });
    expect(newCritical.thresholds[0]).toMatchObject({ count: 1, exceeded: true, message: 'policy.thresholds[0]: 1 new finding of severity critical, at most 0 allowed' });
    expect(newCritical.decision).toBe('fail');
    const sixHigh = evaluatePolicy(Array.from({ length: 6 }, () => finding({ severity: 'high', isNew: false })), policy, { today: TODAY });
    expect(sixHigh.thresholds.map((t) => t.exceeded)).toEqual([false, true]);
  });

  it('count only existing findings with new: false', () => {
    const policy = compileYaml('thresholds: [{ severity: low, new: false, max: 1 }]');
    const result = evaluatePolicy([finding({ severity: 'low' }), finding({ severity: 'low', isNew: false }), finding({ severity: 'low', isNew: true })], policy, { today: TODAY });
    expect(result.thresholds[0]).toMatchObject({ count: 2, exceeded: true });
  });

  it('do not count excepted findings', () => {
    const policy = compileYaml(`
thresholds: [{ severity: high, max: 0 }]
${exceptionYaml('{ ruleId: "legacy/*" }')}
`);
    const result = evaluatePolicy([finding({ severity: 'high', ruleId: 'legacy/xss' })], policy, { today: TODAY });
    expect(result.thresholds[0]).toMatchObject({ count: 0, exceeded: false });
    expect(result.decision).toBe('pass');
  });
});

describe('exceptions', () => {
  const failAll = 'rules: [{ id: all, when: {}, action: fail }]';

  it('apply before the rules: the finding is excepted, and the report keeps what the rule would have done', () => {
    const xss = finding({ ruleId: 'javascript.express.security.audit.xss', path: 'legacy/admin/ui.js', severity: 'high', isNew: true });
    const other = finding({ ruleId: 'javascript.express.security.audit.xss', path: 'src/ui.js' });
    const result = evaluatePolicy(
      [xss, other],
      compileYaml(`
${failAll}
exceptions:
  - match: { ruleId: "javascript.express.security.audit.xss", path: "legacy/**" }
    reason: Legacy admin UI, replaced in Q1.
    owner: "@octo-org/web"
    expires: 2027-03-31
`),
      { today: TODAY },
    );
    expect(result.findings[0]).toMatchObject({
      outcome: 'excepted',
      action: 'fail',
      rule: { id: 'all' },
      counted: false,
      exception: { index: 0, where: 'policy.exceptions[0]', reason: 'Legacy admin UI, replaced in Q1.', owner: '@octo-org/web', expires: '2027-03-31' },
    });
    expect(result.findings[0]!.reasons[0]).toBe(
      'excepted by policy.exceptions[0] (owner @octo-org/web, until 2027-03-31): Legacy admin UI, replaced in Q1.',
    );
    expect(result.findings[1]!.outcome).toBe('fail');
    expect(result.exceptions).toEqual([
      {
        index: 0,
        where: 'policy.exceptions[0]',
        reason: 'Legacy admin UI, replaced in Q1.',
        owner: '@octo-org/web',
        expires: '2027-03-31',
        status: 'applied',
        matched: 1,
        fingerprints: [xss.fingerprint],
        expiresInDays: 289,
        expiringSoon: false,
        message: 'policy.exceptions[0] (owner @octo-org/web) excepted 1 finding until 2027-03-31: Legacy admin UI, replaced in Q1.',
      },
    ]);
    expect(result.counts).toMatchObject({ findings: 2, fail: 1, excepted: 1 });
  });

  it.each([
    ['fingerprint', '{ fingerprint: fp-target }', { fingerprint: 'fp-target' }],
    ['rule', '{ ruleId: "secrets/aws-*" }', { ruleId: 'secrets/aws-access-key' }],
    ['path', '{ path: "test/fixtures/**" }', { location: { path: 'test/fixtures/keys.txt', startLine: 3 } }],
    ['package with a version range', '{ package: "pkg:npm/lodash@<4.17.21" }', { package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20' } }],
    ['advisory alias', '{ advisory: CVE-2021-23337 }', { advisory: { id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'] } }],
  ] as [string, string, Partial<Finding>][])('match by %s', (_name, match, fields) => {
    const policy = compileYaml(`${failAll}\n${exceptionYaml(match)}`);
    const result = evaluatePolicy([finding(fields), finding({ ruleId: 'other' })], policy, { today: TODAY });
    expect(result.findings.map((d) => d.outcome)).toEqual(['excepted', 'fail']);
  });

  it('an expired exception no longer applies, and the finding and the report say so', () => {
    const policy = compileYaml(`${failAll}\n${exceptionYaml('{ ruleId: legacy }', '2026-06-14')}`);
    const legacy = finding({ ruleId: 'legacy' });
    const result = evaluatePolicy([legacy], policy, { today: TODAY });
    expect(result.findings[0]).toMatchObject({
      outcome: 'fail',
      expiredExceptions: [{ index: 0, where: 'policy.exceptions[0]', expires: '2026-06-14' }],
    });
    expect(result.findings[0]!.exception).toBeUndefined();
    expect(result.findings[0]!.reasons).toContain('policy.exceptions[0] matches it but expired on 2026-06-14, so it no longer applies');
    expect(result.exceptions[0]).toMatchObject({
      status: 'expired',
      matched: 1,
      fingerprints: [legacy.fingerprint],
      expiresInDays: -1,
      expiringSoon: false,
      message:
        'policy.exceptions[0] (owner @acme/sec) expired on 2026-06-14 and no longer applies (it matches 1 finding, decided by the rules again); renew it with a new date or remove it. It said: Accepted for the test.',
    });
    expect(result.warnings).toContain(result.exceptions[0]!.message);
    expect(result.decision).toBe('fail');
  });

  it('an exception applies through its last day', () => {
    const result = evaluatePolicy([finding({ ruleId: 'legacy' })], compileYaml(`${failAll}\n${exceptionYaml('{ ruleId: legacy }', TODAY)}`), {
      today: TODAY,
    });
    expect(result.findings[0]!.outcome).toBe('excepted');
    expect(result.exceptions[0]).toMatchObject({ status: 'applied', expiresInDays: 0, expiringSoon: true });
    expect(result.exceptions[0]!.message).toContain('— it expires today');
  });

  it(`one expiring within ${EXPIRY_WARNING_DAYS} days applies with a warning, which makes the decision warn`, () => {
    const soon = evaluatePolicy([finding({ ruleId: 'legacy' })], compileYaml(`${failAll}\n${exceptionYaml('{ ruleId: legacy }', '2026-06-29')}`), {
      today: TODAY,
    });
    expect(soon.findings[0]!.outcome).toBe('excepted');
    expect(soon.exceptions[0]).toMatchObject({ status: 'applied', expiresInDays: 14, expiringSoon: true });
    const message = 'policy.exceptions[0] (owner @acme/sec) excepted 1 finding until 2026-06-29 — it expires in 14 days: Accepted for the test.';
    expect(soon.exceptions[0]!.message).toBe(message);
    expect(soon.warnings).toEqual([message]);
    expect(soon.decision).toBe('warn');
    expect(soon.reasons).toEqual([message]);

    const later = evaluatePolicy([finding({ ruleId: 'legacy' })], compileYaml(`${failAll}\n${exceptionYaml('{ ruleId: legacy }', '2026-06-30')}`), {
      today: TODAY,
    });
    expect(later.exceptions[0]).toMatchObject({ expiresInDays: 15, expiringSoon: false });
    expect(later.decision).toBe('pass');
  });

  it('one that matches nothing is stale; one whose findings an earlier exception already covers is redundant', () => {
    const policy = compileYaml(`
${failAll}
exceptions:
  - { match: { ruleId: "legacy/*" }, reason: first, owner: "@a", expires: 2027-01-01 }
  - { match: { path: "legacy/**" }, reason: second, owner: "@b", expires: 2027-01-01 }
  - { match: { ruleId: gone }, reason: third, owner: "@c", expires: 2026-06-20 }
`);
    const result = evaluatePolicy([finding({ ruleId: 'legacy/xss', path: 'legacy/a.js' })], policy, { today: TODAY });
    expect(result.exceptions.map((e) => [e.status, e.matched])).toEqual([
      ['applied', 1],
      ['redundant', 0],
      ['stale', 0],
    ]);
    expect(result.exceptions[1]!.message).toBe(
      'policy.exceptions[1] (owner @b) suppressed nothing: every finding it matches is already excepted by exceptions[0]; remove it or narrow the earlier one',
    );
    expect(result.exceptions[2]!.message).toBe('policy.exceptions[2] (owner @c) matches no finding; remove it if what it excepted is gone');
    expect(result.exceptions[2]!.expiringSoon).toBe(true);
    // Stale and redundant exceptions are reported, but only a used exception expiring soon makes the run warn.
    expect(result.warnings).toEqual([result.exceptions[1]!.message, result.exceptions[2]!.message]);
    expect(result.decision).toBe('pass');
  });

  it('is reported as applied only when it suppressed something in this run', () => {
    const policy = compileYaml(`${failAll}\n${exceptionYaml('{ ruleId: legacy }')}`);
    expect(evaluatePolicy([finding({ ruleId: 'legacy' })], policy, { today: TODAY }).exceptions[0]!.status).toBe('applied');
    expect(evaluatePolicy([finding({ ruleId: 'fresh' })], policy, { today: TODAY }).exceptions[0]!.status).toBe('stale');
    expect(evaluatePolicy([], policy, { today: TODAY }).exceptions[0]!.status).toBe('stale');
  });
});

describe('modes', () => {
  const failing = [finding({ severity: 'critical', isNew: true })];

  it('enforce fails; warn reports the same decisions without failing', () => {
    const enforce = evaluatePolicy(failing, compileYaml('rules: [{ id: c, when: { severity: critical }, action: fail }]'), { today: TODAY });
    expect([enforce.decision, enforce.outcome, enforce.mode]).toEqual(['fail', 'fail', 'enforce']);
    const warn = evaluatePolicy(failing, compileYaml('mode: warn\nrules: [{ id: c, when: { severity: critical }, action: fail }]'), { today: TODAY });
    expect([warn.decision, warn.outcome, warn.mode]).toEqual(['warn', 'fail', 'warn']);
    expect(warn.findings[0]!.outcome).toBe('fail');
    expect(warn.reasons[0]).toBe('mode is warn: the policy fails, but the gate only reports it');
  });

  it('warn mode still passes a clean run', () => {
    expect(evaluatePolicy([], compileYaml('mode: warn'), { today: TODAY }).decision).toBe('pass');
  });

  it('the action input overrides the section\'s mode', () => {
    expect(evaluatePolicy(failing, compileYaml('rules: [{ id: c, when: {}, action: fail }]', { mode: 'warn' }), { today: TODAY }).decision).toBe('warn');
  });
});

describe('licences', () => {
  const policyYaml = `
licenses:
  allow: [MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC]
  deny: [GPL-3.0-only, AGPL-3.0-only]
`;
  const sbom = [
    { name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0', license: 'MIT OR GPL-3.0-only' },
    { name: 'gpl-thing', version: '2.0.0', purl: 'pkg:npm/gpl-thing@2.0.0', license: 'MIT AND GPL-3.0-only' },
    { name: 'mystery', version: '0.1.0', ecosystem: 'npm', license: 'NOASSERTION' },
  ];

  it('fail on a denied licence and warn on an unknown one, each as a finding', () => {
    const result = evaluatePolicy([], compileYaml(policyYaml), { today: TODAY, sbomLicenses: sbom });
    expect(result.licenses?.counts).toEqual({ allowed: 1, denied: 1, unknown: 1, excepted: 0 });
    expect(result.licenses?.packages.map((p) => [p.package.name, p.verdict, p.outcome, p.finding?.ruleId])).toEqual([
      ['left-pad', 'allowed', 'pass', undefined],
      ['gpl-thing', 'denied', 'fail', LICENSE_DENIED_RULE],
      ['mystery', 'unknown', 'warn', LICENSE_UNKNOWN_RULE],
    ]);
    expect(result.licenses?.packages[1]!.finding).toMatchObject({
      tool: 'devsecops',
      severity: 'high',
      package: { ecosystem: 'npm', name: 'gpl-thing', version: '2.0.0', purl: 'pkg:npm/gpl-thing@2.0.0' },
      message:
        'gpl-thing@2.0.0 is licensed under a licence the policy does not allow: MIT AND GPL-3.0-only is not allowed: GPL-3.0-only is not in licenses.allow.',
    });
    expect(result.decision).toBe('fail');
    expect(result.reasons).toEqual(['1 package with a licence the policy does not allow', '1 package with a licence that cannot be checked']);
  });

  it('an unknown licence alone makes the run warn, never pass silently', () => {
    const result = evaluatePolicy([], compileYaml(policyYaml), { today: TODAY, sbomLicenses: [sbom[2]!] });
    expect(result.decision).toBe('warn');
  });

  it('exceptions apply to licence findings too', () => {
    const policy = compileYaml(`${policyYaml}\n${exceptionYaml(`{ ruleId: "${LICENSE_DENIED_RULE}", package: gpl-thing }`)}`);
    const result = evaluatePolicy([], policy, { today: TODAY, sbomLicenses: sbom.slice(0, 2) });
    expect(result.licenses?.packages[1]).toMatchObject({ outcome: 'excepted', exception: { where: 'policy.exceptions[0]' } });
    expect(result.licenses?.counts.excepted).toBe(1);
    expect(result.exceptions[0]).toMatchObject({ status: 'applied', matched: 1 });
    expect(result.decision).toBe('pass');
  });

  it('without an SBOM the licences are not checked, and the result says so', () => {
    const result = evaluatePolicy([], compileYaml(policyYaml), { today: TODAY });
    expect(result.licenses).toEqual({ checked: false, packages: [], counts: { allowed: 0, denied: 0, unknown: 0, excepted: 0 }, skippedDevelopment: 0 });
    expect(result.warnings).toEqual(['the policy has licence lists but no SBOM was given, so licences were not checked']);
  });

  it('without licence lists an SBOM is not judged', () => {
    expect(evaluatePolicy([], compileYaml('{}'), { today: TODAY, sbomLicenses: sbom }).licenses).toBeUndefined();
  });
});

describe('findings from real SARIF files', () => {
  it('decides Semgrep, Trivy and gitleaks results by tool, rule glob, tags and score', () => {
    const findings = [
      ...readFixture('semgrep-with-source.sarif'),
      ...readFixture('trivy-alpine-310.sarif'),
      ...readFixture('gitleaks-sarif-simple.sarif'),
    ];
    const policy = compileYaml(
      `
rules:
  - { id: eqeq-in-python, when: { tool: semgrep, ruleId: "rules.eqeq-*", path: "**/*.py" }, action: fail, message: Use is for None. }
  - { id: image-cves, when: { tool: trivy, tags: [vulnerability], severity: 5.0 }, action: warn }
  - { id: leaks, when: { tool: gitleaks }, action: fail }
thresholds: [{ severity: medium, max: 10 }]
exceptions:
  - { match: { tool: gitleaks, path: auth.py }, reason: Test key from the fixture., owner: "@acme/sec", expires: 2026-07-01 }
`,
      { failOnSeverity: 'high' },
    );
    const result = evaluatePolicy(findings, policy, { today: TODAY });
    expect(result.findings.map((d) => [d.finding.tool, d.finding.ruleId, d.outcome, d.rule?.id ?? null])).toEqual([
      ['Semgrep OSS', 'rules.javascript-basic-eqeq-bad', 'fail', null],
      ['Semgrep OSS', 'rules.eqeq-is-bad', 'fail', 'eqeq-in-python'],
      ['Trivy', 'CVE-2019-1549', 'warn', 'image-cves'],
      ['Trivy', 'CVE-2019-1551', 'warn', 'image-cves'],
      ['Trivy', 'CVE-2019-1549', 'warn', 'image-cves'],
      ['Trivy', 'CVE-2019-1551', 'warn', 'image-cves'],
      ['gitleaks', 'test-rule', 'excepted', 'leaks'],
    ]);
    expect(result.thresholds[0]).toMatchObject({ count: 6, exceeded: false });
    expect(result.decision).toBe('fail');
    expect(result.reasons).toEqual([
      '1 finding fails by default (no rule matches; fail-on-severity)',
      '1 finding fails by policy.rules[0] (eqeq-in-python)',
      '4 findings warn by policy.rules[1] (image-cves)',
    ]);
    expect(result.exceptions[0]).toMatchObject({ status: 'applied', expiresInDays: 16, expiringSoon: false });
  });
});

describe('evaluatePolicy input checks', () => {
  it('refuses a today that is not a date', () => {
    expect(() => evaluatePolicy([], compileYaml('{}'), { today: '2026-02-30' })).toThrow(new TypeError('today must be a date as YYYY-MM-DD, got "2026-02-30"'));
  });

  it('counts findings by outcome, age and (counted) band', () => {
    const result = evaluatePolicy(
      [finding({ severity: 'high', isNew: true }), finding({ severity: 'low', tags: ['x'] }), finding({ severity: 'low' })],
      compileYaml('rules: [{ id: x, when: { tags: [x] }, action: ignore }, { id: h, when: { severity: high }, action: warn }]'),
      { today: TODAY },
    );
    expect(result.counts).toEqual({
      findings: 3,
      fail: 0,
      warn: 1,
      pass: 1,
      ignored: 1,
      excepted: 0,
      new: 1,
      bySeverity: { critical: 0, high: 1, medium: 0, low: 1, note: 0 },
    });
  });
});
