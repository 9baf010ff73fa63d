import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { policySectionSchema } from '../../src/core/config/sections/policy.js';
import type { Finding } from '../../src/core/findings.js';
import { FAIL_ON_VALUES, SEVERITIES } from '../../src/core/severity.js';
import { compilePolicy } from '../../src/scanners/policy/compile-policy.js';
import { evaluatePolicy } from '../../src/scanners/policy/evaluate-policy.js';
import { FindingView } from '../../src/scanners/policy/finding-view.js';
import { compileGlob } from '../../src/scanners/policy/glob.js';
import type { SbomPackage } from '../../src/scanners/policy/policy-result.js';
import { TODAY } from './policy-fixtures.js';

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const PATHS = ['legacy/admin/ui.js', 'src/app.py', './src/a.js', 'test\\win\\c.js', '../outside.js', '/abs/x.go', 'a b/ü.ts'];
const RULE_IDS = ['js/xss', 'python.flask.security.injection', 'secrets/aws-access-key', 'CVE-2021-23337', 'policy/license-denied'];
const GLOBS = ['legacy/**', '*.py', 'src/*', '**/test/**', '{src,lib}/**', 'js/*', 'python.*', '**', '[!a]*', 'secrets/aws-*', '/src'];
const PACKAGES = ['lodash', 'lodash@<4.17.21', 'pkg:pypi/django@>=4.0 <4.2.7', 'pkg:npm/lodash', 'django@4.2.10 || <1', 'pkg:maven/org.yaml/snakeyaml@<2.0'];
const CEL = [
  'finding.ruleId.startsWith("python.") && finding.severity >= 5.0',
  'finding.new && finding.level == "critical"',
  '"security" in finding.tags',
  'finding.properties.precision == "high"',
  'finding.package.name != "" && finding.path.endsWith(".js")',
];
const LICENSE_IDS = ['MIT', 'Apache-2.0', 'ISC', 'BSD-3-Clause', 'GPL-3.0-only', 'GPL-2.0-or-later', 'AGPL-3.0-only', 'LicenseRef-acme'];
const LICENSES = ['MIT', 'MIT OR GPL-3.0-only', 'MIT AND GPL-3.0-only', 'Apache-2.0 WITH LLVM-exception', 'NOASSERTION', 'BSD', 'LicenseRef-x', '(MIT OR ISC) AND GPL-2.0+'];

function compiles(pattern: string): boolean {
  try {
    compileGlob(pattern, 'path');
    return true;
  } catch {
    return false;
  }
}

const glob = fc.oneof(fc.constantFrom(...GLOBS), fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\0') && compiles(s)));

const findingArbitrary: fc.Arbitrary<Finding> = fc
  .record({
    tool: fc.constantFrom('devsecops', 'Semgrep OSS', 'gitleaks', 'Trivy', 'CodeQL command-line toolchain'),
    ruleId: fc.oneof(fc.constantFrom(...RULE_IDS), fc.string({ minLength: 1, maxLength: 20 })),
    severity: fc.constantFrom(...SEVERITIES),
    score: fc.double({ min: 0, max: 10, noNaN: true }),
    message: fc.string({ maxLength: 20 }),
    path: optional(fc.oneof(fc.constantFrom(...PATHS), fc.string({ minLength: 1, maxLength: 20 }))),
    fingerprint: fc.string({ minLength: 1, maxLength: 8 }),
    isNew: optional(fc.boolean()),
    tags: fc.array(fc.oneof(fc.constantFrom('security', 'Security', 'test', 'license'), fc.string({ maxLength: 6 })), { maxLength: 3 }),
    package: optional(
      fc.record({
        ecosystem: fc.constantFrom('npm', 'PyPI', 'pypi', 'Maven', 'bower', ''),
        name: fc.constantFrom('lodash', 'django', 'Django', 'org.yaml:snakeyaml', 'x'),
        version: optional(fc.oneof(fc.constantFrom('4.17.20', '4.2.10', '1.0.0-rc.1', '1.33'), fc.string({ maxLength: 8 }))),
      }),
    ),
    advisory: optional(fc.record({ id: fc.constantFrom('GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337', 'x'), aliases: fc.array(fc.constantFrom('cve-2021-23337', 'PYSEC-1'), { maxLength: 2 }) })),
    properties: optional(fc.dictionary(fc.constantFrom('precision', '__proto__', 'x'), fc.oneof(fc.string(), fc.double(), fc.boolean()))),
  })
  .map(({ path, package: pkg, advisory, properties, isNew, ...rest }) => ({
    ...rest,
    ...(path !== undefined ? { location: { path, startLine: 1 } } : {}),
    ...(isNew !== undefined ? { isNew } : {}),
    ...(pkg ? { package: pkg } : {}),
    ...(advisory ? { advisory } : {}),
    ...(properties ? { properties } : {}),
  }));

const whenArbitrary = fc.record(
  {
    tool: fc.constantFrom('semgrep', 'GITLEAKS', 'trivy', 'devsecops', 'codeql'),
    ruleId: glob,
    severity: fc.oneof(fc.constantFrom(...SEVERITIES), fc.double({ min: 0, max: 10, noNaN: true })),
    tags: fc.array(fc.constantFrom('security', 'test', 'license'), { minLength: 1, maxLength: 2 }),
    path: glob,
    new: fc.boolean(),
    package: fc.constantFrom(...PACKAGES),
    advisory: fc.constantFrom('CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm', 'PYSEC-1'),
    cel: fc.constantFrom(...CEL),
  },
  { requiredKeys: [] },
);

const day = fc.integer({ min: -20, max: 40 }).map((offset) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10));

const sectionArbitrary = fc.record({
  mode: fc.constantFrom('enforce', 'warn'),
  'fail-on-severity': optional(fc.constantFrom(...FAIL_ON_VALUES)),
  rules: fc.array(fc.record({ when: whenArbitrary, action: fc.constantFrom('fail', 'warn', 'ignore') }), { maxLength: 8 }),
  thresholds: fc.uniqueArray(fc.record({ severity: fc.constantFrom(...SEVERITIES), new: optional(fc.boolean()), max: fc.integer({ min: 0, max: 4 }) }), {
    maxLength: 3,
    selector: (t) => `${t.severity}/${String(t.new)}`,
  }),
  exceptions: fc.array(
    fc.record({
      match: fc.oneof(
        whenArbitrary.filter((m) => Object.keys(m).length > 0),
        fc.record({ fingerprint: fc.string({ minLength: 1, maxLength: 8 }) }),
        fc.record({ ruleId: fc.constantFrom('policy/license-*', 'policy/license-denied') }),
      ),
      expires: day,
    }),
    { maxLength: 5 },
  ),
  licenses: optional(fc.shuffledSubarray(LICENSE_IDS).chain((ids) => fc.integer({ min: 0, max: ids.length }).map((cut) => ({ allow: ids.slice(0, cut), deny: ids.slice(cut) })))),
});

const sbomArbitrary: fc.Arbitrary<SbomPackage[] | undefined> = optional(
  fc.array(
    fc.record({
      name: fc.constantFrom('lodash', 'gpl-thing', 'x'),
      version: optional(fc.constantFrom('1.0.0', '4.17.20')),
      purl: optional(fc.constantFrom('pkg:npm/lodash@4.17.20', 'pkg:pypi/django@4.2.6', 'not a purl')),
      license: optional(fc.oneof(fc.constantFrom(...LICENSES), fc.string({ maxLength: 30 }))),
    }),
    { maxLength: 6 },
  ).map((packages) => packages.map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as SbomPackage)),
);

describe('evaluatePolicy (property)', () => {
  it('random findings under random valid policies: never throws, and fails only when a finding, threshold or licence fails', () => {
    fc.assert(
      fc.property(sectionArbitrary, fc.array(findingArbitrary, { maxLength: 25 }), sbomArbitrary, (raw, findings, sbom) => {
        const section = policySectionSchema.parse({
          ...raw,
          ...(raw['fail-on-severity'] === undefined ? { 'fail-on-severity': undefined } : {}),
          rules: raw.rules.map((rule, index) => ({ id: `r${index}`, ...rule })),
          exceptions: raw.exceptions.map((e) => ({ ...e, reason: 'because', owner: '@o' })),
          ...(raw.licenses ? { licenses: raw.licenses } : { licenses: undefined }),
        });
        const policy = compilePolicy(section);
        const result = evaluatePolicy(findings, policy, { today: TODAY, ...(sbom ? { sbomLicenses: sbom } : {}) });

        const findingFails = result.findings.some((d) => d.outcome === 'fail');
        const thresholdFails = result.thresholds.some((t) => t.exceeded);
        const licenceFails = result.licenses?.packages.some((p) => p.outcome === 'fail') ?? false;
        if (policy.mode === 'enforce') {
          expect(result.decision === 'fail').toBe(findingFails || thresholdFails || licenceFails);
        } else {
          expect(result.decision).not.toBe('fail');
          expect(result.outcome === 'fail').toBe(findingFails || thresholdFails || licenceFails);
        }
        if (result.outcome === 'pass') {
          expect(result.findings.some((d) => d.outcome === 'warn')).toBe(false);
          expect(result.licenses?.packages.some((p) => p.outcome === 'warn') ?? false).toBe(false);
        }

        // Every finding is decided once, by the first rule that matches it (or the default).
        expect(result.findings).toHaveLength(findings.length);
        const { fail, warn, pass, ignored, excepted } = result.counts;
        expect(fail + warn + pass + ignored + excepted).toBe(findings.length);
        result.findings.forEach((decision, index) => {
          const view = new FindingView(findings[index]!);
          const first = policy.rules.findIndex((rule) => rule.matcher.matches(view));
          expect(decision.rule?.index ?? -1).toBe(first);
          expect(decision.outcome === 'excepted').toBe(decision.exception !== undefined);
          expect(decision.counted).toBe(['fail', 'warn', 'pass'].includes(decision.outcome));
        });

        // An exception is applied exactly when it suppressed something.
        const suppressed = new Map<number, number>();
        for (const holder of [...result.findings, ...(result.licenses?.packages ?? [])]) {
          if (holder.exception) suppressed.set(holder.exception.index, (suppressed.get(holder.exception.index) ?? 0) + 1);
        }
        for (const report of result.exceptions) {
          expect(report.status === 'applied').toBe(suppressed.has(report.index));
          if (report.status === 'applied') expect(report.matched).toBe(suppressed.get(report.index));
          expect(report.status === 'expired').toBe(report.expiresInDays < 0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
