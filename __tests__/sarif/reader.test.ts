import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { UsageError } from '../../src/core/errors.js';
import { FINGERPRINT_KEY, computeFingerprint } from '../../src/core/fingerprint.js';
import { readSarif } from '../../src/core/sarif/reader.js';
import { buildSarifLog } from '../../src/core/sarif/writer.js';
import { findingSchema, ruleDescriptorSchema } from '../../src/core/findings.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sarif');
const fixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');

describe('readSarif on real tools’ SARIF', () => {
  it('reads CodeQL: rule index, level from the rule, line hash kept, one run per driver', () => {
    const out = readSarif(fixture('codeql-valid-sarif.sarif'), 'codeql.sarif');
    expect(out.runs.map((r) => r.tool.name)).toEqual(['LGTM.com', 'CodeQL command-line toolchain']);
    const [unused, inconsistent] = out.runs[1]?.findings ?? [];
    expect(unused).toMatchObject({
      tool: 'CodeQL command-line toolchain',
      ruleId: 'js/unused-local-variable',
      severity: 'low',
      location: { path: 'main.js', startLine: 2, startColumn: 7, endColumn: 10 },
      tags: ['maintainability'],
      properties: { primaryLocationLineHash: '39fa2ee980eb94b0:1' },
    });
    expect(unused?.fingerprint).toBe(
      computeFingerprint(['CodeQL command-line toolchain', 'js/unused-local-variable', 'main.js', 'primaryLocationLineHash', '39fa2ee980eb94b0:1']),
    );
    expect(inconsistent).toMatchObject({ ruleId: 'js/inconsistent-use-of-new', location: { path: 'src/promiseUtils.js', startLine: 2 } });
    expect(out.findings).toHaveLength(3);
  });

  it('reads runs whose driver has no name, an empty name or null as "unknown"', () => {
    const out = readSarif(fixture('codeql-tool-names.sarif'), 'tool-names.sarif');
    expect(out.runs.map((r) => r.tool.name)).toEqual([
      'CodeQL command-line toolchain',
      'CodeQL command-line toolchain',
      'ESLint',
      'unknown',
      'unknown',
    ]);
    expect(out.findings).toEqual([]);
  });

  it('reads Semgrep: rule default level, fingerprints (not partial) as identity', () => {
    const out = readSarif(fixture('semgrep-with-source.sarif'), 'semgrep.sarif');
    expect(out.runs[0]?.tool).toEqual({ name: 'Semgrep OSS', version: '<MASKED>' });
    expect(out.findings.map((f) => [f.ruleId, f.severity, f.location?.path, f.location?.startLine])).toEqual([
      ['rules.javascript-basic-eqeq-bad', 'high', 'targets/basic/stupid.js', 3],
      ['rules.eqeq-is-bad', 'high', 'targets/basic/stupid.py', 3],
    ]);
    const [first, second] = out.findings;
    expect(first?.fingerprint).not.toBe(second?.fingerprint);
    expect(first?.location).toEqual({ path: 'targets/basic/stupid.js', startLine: 3, startColumn: 13, endLine: 3, endColumn: 19 });
  });

  it('reads a Semgrep run that only carries an error notification as no findings', () => {
    expect(readSarif(fixture('semgrep-when-errors.sarif'), 'semgrep.sarif').findings).toEqual([]);
  });

  it('reads Trivy: security-severity from the rule, ROOTPATH file:/// base ignored for a relative uri', () => {
    const out = readSarif(fixture('trivy-alpine-310.sarif'), 'trivy.sarif');
    expect(out.findings).toHaveLength(4);
    expect(out.findings[0]).toMatchObject({
      tool: 'Trivy',
      ruleId: 'CVE-2019-1549',
      severity: 'medium',
      score: 5.3,
      location: { path: 'testdata/fixtures/images/alpine-310.tar.gz', startLine: 1 },
      tags: ['vulnerability', 'security', 'MEDIUM'],
    });
    // Same rule and file, different package: the message keeps them apart.
    expect(new Set(out.findings.map((f) => f.fingerprint)).size).toBe(4);
  });

  it('reads gitleaks: a rule missing from `rules`, default level warning, commit fingerprints', () => {
    const [finding] = readSarif(fixture('gitleaks-sarif-simple.sarif'), 'gitleaks.sarif').findings;
    expect(finding).toMatchObject({
      tool: 'gitleaks',
      ruleId: 'test-rule',
      severity: 'medium',
      location: { path: 'auth.py', startLine: 1, startColumn: 1, endLine: 2, endColumn: 2 },
    });
  });

  it('reads osv-scanner: absolute file:// URIs become repo-relative under the given root', () => {
    const out = readSarif(fixture('osv-scanner-vuln-results-a.sarif'), 'osv.sarif', { checkoutRoot: '/path/to' });
    expect(out.findings.map((f) => [f.ruleId, f.severity, f.location])).toEqual([
      ['CVE-2022-24713', 'medium', { path: 'sub-rust-project/Cargo.lock', startLine: 1 }],
      ['CVE-2021-3121', 'medium', { path: 'go.mod', startLine: 1 }],
      ['CVE-2022-24713', 'medium', { path: 'sub-rust-project/Cargo.lock', startLine: 1 }],
    ]);
  });

  it('keeps an absolute URI outside the root, or with no root, as a property instead of a location', () => {
    const out = readSarif(fixture('osv-scanner-vuln-results-a.sarif'), 'osv.sarif');
    expect(out.findings[1]?.location).toBeUndefined();
    expect(out.findings[1]?.properties).toEqual({ artifactUri: 'file:///path/to/go.mod' });
  });

  it('reads CodeQL rules from tool.extensions through rule.toolComponent', () => {
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: { name: 'CodeQL', rules: [] },
            extensions: [
              { name: 'codeql/javascript-queries', rules: [{ id: 'js/xss', properties: { 'security-severity': '6.1', tags: ['security', 'external/cwe/cwe-079'] } }] },
            ],
          },
          automationDetails: { id: '/language:javascript/' },
          results: [
            {
              ruleId: 'js/xss',
              ruleIndex: 0,
              rule: { id: 'js/xss', index: 0, toolComponent: { index: 0 } },
              message: { text: 'Cross-site scripting from [user input](1).' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'src/app.js', uriBaseId: '%SRCROOT%', index: 0 }, region: { startLine: 9 } } }],
              baselineState: 'unchanged',
            },
            { rule: { id: 'js/xss', index: 0, toolComponent: { index: 0 } }, message: { text: 'no ruleId' }, baselineState: 'new' },
            { ruleId: 'js/xss', message: { text: 'fixed' }, baselineState: 'absent' },
            { ruleId: 'js/xss', message: { text: 'suppressed' }, suppressions: [{ kind: 'inSource' }] },
          ],
        },
      ],
    };
    const out = readSarif(JSON.stringify(log), 'codeql.sarif');
    expect(out.runs[0]?.category).toBe('/language:javascript/');
    expect(out.runs[0]?.skippedResults).toBe(2);
    expect(out.findings.map((f) => [f.ruleId, f.severity, f.score, f.isNew, f.tags])).toEqual([
      ['js/xss', 'medium', 6.1, false, ['security', 'external/cwe/cwe-079']],
      ['js/xss', 'medium', 6.1, true, ['security', 'external/cwe/cwe-079']],
    ]);
  });

  it('resolves uriBaseId through originalUriBaseIds inside the root, and message arguments', () => {
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'x', rules: [{ id: 'R1', messageStrings: { default: { text: 'Found {0} in {1}' } } }] } },
          originalUriBaseIds: { SRC: { uri: 'file:///work/repo/packages/api/' } },
          results: [
            {
              ruleIndex: 0,
              level: 'error',
              message: { id: 'default', arguments: ['eval', 'handler'] },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'lib/a%20b.ts', uriBaseId: 'SRC' }, region: { startLine: 3 } } }],
            },
            { ruleId: 'R1', rank: 95, message: { text: 'ranked' } },
            { ruleId: 'R1', kind: 'pass', level: 'error', message: { text: 'passed' } },
          ],
        },
      ],
    };
    const out = readSarif(JSON.stringify(log), 'x.sarif', { checkoutRoot: '/work/repo' });
    expect(out.findings.map((f) => [f.ruleId, f.severity, f.message, f.location?.path])).toEqual([
      ['R1', 'high', 'Found eval in handler', 'packages/api/lib/a b.ts'],
      ['R1', 'critical', 'ranked', undefined],
      ['R1', 'note', 'passed', undefined],
    ]);
  });

  it('round-trips our own log: fingerprint, band, package and advisory, baseline state', () => {
    const rule = ruleDescriptorSchema.parse({ id: 'dep/vuln', name: 'VulnerableDependency', shortDescription: 'Vulnerable dependency', score: 9.8 });
    const finding = findingSchema.parse({
      ruleId: 'dep/vuln',
      severity: 'critical',
      score: 9.8,
      message: 'lodash 4.17.20 is vulnerable',
      location: { path: 'package-lock.json', startLine: 12 },
      fingerprint: 'abc123',
      isNew: false,
      package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
      advisory: { id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'] },
    });
    const log = buildSarifLog({
      tool: { name: 'devsecops', version: '0.1.0', informationUri: 'https://example.com' },
      rules: [rule],
      findings: [finding],
      category: 'devsecops/dependency-audit/',
      skipped: [],
      executionSuccessful: true,
      baselineCompared: true,
    });
    const [read] = readSarif(JSON.stringify(log), 'ours.sarif').findings;
    expect(read).toMatchObject({
      tool: 'devsecops',
      ruleId: 'dep/vuln',
      severity: 'critical',
      score: 9.8,
      fingerprint: 'abc123',
      isNew: false,
      package: finding.package,
      advisory: finding.advisory,
      location: finding.location,
    });
    expect(log.runs[0]?.results?.[0]?.partialFingerprints?.[FINGERPRINT_KEY]).toBe('abc123');
  });
});

describe('readSarif on what is not SARIF', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['not JSON', '{"version": "2.1.0", runs: []', /^bad\.sarif is not SARIF: not valid JSON \(/],
    ['no runs', '{"version":"2.1.0"}', /^bad\.sarif is not SARIF: expected a JSON object with "version": "2\.1\.0" and a "runs" array$/],
    ['an array', '[]', /is not SARIF/],
    ['SARIF 2.0', '{"version":"2.0.0","runs":[]}', /^bad\.sarif: SARIF version "2\.0\.0" is not supported; expected "2\.1\.0"$/],
    ['no driver', '{"version":"2.1.0","runs":[{"tool":{}}]}', /^bad\.sarif is not valid SARIF 2\.1\.0 at runs\.0\.tool\.driver: /],
  ];
  it.each(cases)('%s is a one-line UsageError naming the file', (_name, text, message) => {
    let error: unknown;
    try {
      readSarif(text, 'bad.sarif');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

/** Either a result or a UsageError, and quickly: anything else fails the property. */
function readsOrRefuses(text: string): void {
  const started = performance.now();
  try {
    const out = readSarif(text, 'input.sarif', { checkoutRoot: '/repo' });
    for (const finding of out.findings) findingSchema.parse(finding);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    expect(error.message).not.toContain('\n');
  }
  expect(performance.now() - started).toBeLessThan(1000);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces the value at a random path of `value` (chosen by `picks`) with `replacement`. */
function mutate(value: Json, picks: number[], replacement: Json): Json {
  const [pick, ...rest] = picks;
  if (pick === undefined || value === null || typeof value !== 'object') return replacement;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = pick % value.length;
    const copy = [...value];
    copy[i] = mutate(value[i] as Json, rest, replacement);
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[pick % keys.length] as string;
  return { ...value, [key]: mutate(value[key] as Json, rest, replacement) };
}

describe('readSarif properties', () => {
  const samples = [
    'codeql-valid-sarif.sarif',
    'codeql-tool-names.sarif',
    'semgrep-with-source.sarif',
    'trivy-alpine-310.sarif',
    'gitleaks-sarif-simple.sarif',
    'osv-scanner-vuln-results-a.sarif',
  ].map((name) => JSON.parse(fixture(name)) as Json);

  it('any string reads or is refused with a UsageError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), readsOrRefuses), { numRuns: 500 });
  });

  it('any JSON value reads or is refused with a UsageError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => readsOrRefuses(JSON.stringify(value))),
      { numRuns: 500 },
    );
  });

  it('any SARIF-shaped value reads or is refused with a UsageError', () => {
    const anything = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
    const sarifish = fc.record({
      version: fc.constantFrom('2.1.0', '2.1.0', '2.0.0'),
      runs: fc.array(
        fc.record({ tool: fc.record({ driver: fc.dictionary(fc.string(), anything) }), results: fc.array(anything, { maxLength: 5 }) }),
        { maxLength: 3 },
      ),
    });
    fc.assert(fc.property(sarifish, (value) => readsOrRefuses(JSON.stringify(value))), { numRuns: 500 });
  });

  it('any mutation of a real tool’s SARIF reads or is refused with a UsageError', () => {
    const mutation = fc.record({
      sample: fc.nat({ max: samples.length - 1 }),
      edits: fc.array(
        fc.record({ picks: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> }),
        { minLength: 1, maxLength: 6 },
      ),
    });
    fc.assert(
      fc.property(mutation, ({ sample, edits }) => {
        const mutated = edits.reduce((value, edit) => mutate(value, edit.picks, edit.value), samples[sample] as Json);
        readsOrRefuses(JSON.stringify(mutated));
      }),
      { numRuns: 1000 },
    );
  });
});
