import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { findingSchema, ruleDescriptorSchema, type Finding } from '../../src/core/findings.js';
import { buildSarifLog } from '../../src/core/sarif/writer.js';
import { evaluatePolicy } from '../../src/scanners/policy/evaluate-policy.js';
import { loadSarifInputs } from '../../src/scanners/policy/sarif-inputs.js';
import { compileYaml, TODAY } from './policy-fixtures.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sarif');
const fixture = (name: string): string => path.join(fixtures, name);

const THIRD_PARTY = [
  'codeql-valid-sarif.sarif',
  'codeql-tool-names.sarif',
  'gitleaks-sarif-simple.sarif',
  'osv-scanner-vuln-results-a.sarif',
  'semgrep-with-source.sarif',
  'semgrep-when-errors.sarif',
  'trivy-alpine-310.sarif',
].map(fixture);

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sarif-inputs-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function byRule(findings: readonly Finding[], tool: string, ruleId: string): Finding[] {
  return findings.filter((f) => f.tool.toLowerCase() === tool && f.ruleId === ruleId);
}

describe('loadSarifInputs on real tools’ SARIF', () => {
  it('reads every tool’s findings, keeps the tool of each and counts them per tool', async () => {
    const out = await loadSarifInputs(THIRD_PARTY);
    expect(out.warnings).toEqual([]);
    expect(out.tools.map((t) => [t.name, t.findings])).toEqual([
      ['LGTM.com', 1],
      ['CodeQL command-line toolchain', 2],
      ['ESLint', 0],
      ['unknown', 0],
      ['gitleaks', 1],
      ['osv-scanner', 2],
      ['Semgrep OSS', 2],
      ['Trivy', 4],
    ]);
    expect(out.tools.find((t) => t.name === 'CodeQL command-line toolchain')?.files).toEqual([fixture('codeql-valid-sarif.sarif'), fixture('codeql-tool-names.sarif')]);
    expect(out.tools.find((t) => t.name === 'Semgrep OSS')?.files).toHaveLength(2);
    expect(out.findings).toHaveLength(12);
    // osv-scanner repeats its regex result word for word in the one file.
    expect(out.duplicates).toBe(1);
  });

  it('takes severity from security-severity (Trivy) and from level (osv-scanner, Semgrep)', async () => {
    const { findings } = await loadSarifInputs(THIRD_PARTY);
    expect(byRule(findings, 'trivy', 'CVE-2019-1549')[0]).toMatchObject({ severity: 'medium', score: 5.3 });
    expect(byRule(findings, 'osv-scanner', 'CVE-2021-3121')[0]).toMatchObject({ severity: 'medium' });
    expect(byRule(findings, 'semgrep oss', 'rules.eqeq-is-bad')[0]).toMatchObject({
      severity: 'high',
      location: { path: 'targets/basic/stupid.py', startLine: 3 },
    });
    expect(byRule(findings, 'gitleaks', 'test-rule')[0]).toMatchObject({ severity: 'medium', location: { path: 'auth.py', startLine: 1 } });
  });

  it('reads results without baselineState as not new', async () => {
    const { findings } = await loadSarifInputs(THIRD_PARTY);
    expect(findings.every((f) => f.isNew !== true)).toBe(true);
  });

  it('reads osv-scanner’s package, version and advisory ids from its message, the ecosystem from the lockfile', async () => {
    const { findings } = await loadSarifInputs([fixture('osv-scanner-vuln-results-a.sarif')], { checkoutRoot: '/path/to' });
    expect(findings.map((f) => [f.ruleId, f.location?.path, f.location?.startLine])).toEqual([
      ['CVE-2022-24713', 'sub-rust-project/Cargo.lock', 1],
      ['CVE-2021-3121', 'go.mod', 1],
    ]);
    expect(findings[0]).toMatchObject({
      package: { ecosystem: 'crates.io', name: 'regex', version: '1.5.1', purl: 'pkg:cargo/regex@1.5.1' },
      advisory: { id: 'CVE-2022-24713', aliases: ['RUSTSEC-2022-0013', 'GHSA-m5pq-gvj9-9vr8'] },
    });
    expect(findings[1]).toMatchObject({
      package: { ecosystem: 'Go', name: 'github.com/gogo/protobuf', version: '1.3.1', purl: 'pkg:golang/github.com/gogo/protobuf@1.3.1' },
      advisory: { id: 'CVE-2021-3121', aliases: ['GO-2021-0053', 'GHSA-c3h9-896r-86jm'] },
    });
  });

  it('finds osv-scanner’s ecosystem from the artifact URI when the file lies outside the checkout', async () => {
    const { findings } = await loadSarifInputs([fixture('osv-scanner-vuln-results-a.sarif')]);
    expect(findings[0]?.location).toBeUndefined();
    expect(findings[0]?.package?.ecosystem).toBe('crates.io');
  });

  it('reads Trivy’s package, installed and fixed version and CVE from its message; an OS package has no ecosystem', async () => {
    const { findings } = await loadSarifInputs([fixture('trivy-alpine-310.sarif')]);
    expect(findings.map((f) => [f.ruleId, f.package?.name, f.location?.path, f.location?.startLine])).toEqual([
      ['CVE-2019-1549', 'libcrypto1.1', 'testdata/fixtures/images/alpine-310.tar.gz', 1],
      ['CVE-2019-1551', 'libcrypto1.1', 'testdata/fixtures/images/alpine-310.tar.gz', 1],
      ['CVE-2019-1549', 'libssl1.1', 'testdata/fixtures/images/alpine-310.tar.gz', 1],
      ['CVE-2019-1551', 'libssl1.1', 'testdata/fixtures/images/alpine-310.tar.gz', 1],
    ]);
    expect(findings[3]).toMatchObject({
      tool: 'Trivy',
      severity: 'medium',
      package: { ecosystem: '', name: 'libssl1.1', version: '1.1.1c-r0', fixedVersion: '1.1.1d-r2' },
      advisory: { id: 'CVE-2019-1551', aliases: [] },
    });
    expect(findings[3]?.package?.purl).toBeUndefined();
  });

  it('leaves findings that are not about packages without one', async () => {
    const { findings } = await loadSarifInputs(THIRD_PARTY);
    const withPackage = findings.filter((f) => f.package).map((f) => f.tool);
    expect(withPackage).toEqual(['osv-scanner', 'osv-scanner', 'Trivy', 'Trivy', 'Trivy', 'Trivy']);
  });

  it('lets package and advisory exceptions and conditions match third-party dependency findings', async () => {
    const { findings } = await loadSarifInputs([fixture('osv-scanner-vuln-results-a.sarif'), fixture('trivy-alpine-310.sarif')]);
    const policy = compileYaml(`
rules:
  - { id: no-vulnerable-openssl, when: { package: libssl1.1 }, action: fail }
  - { id: go-protobuf, when: { package: "pkg:golang/github.com/gogo/protobuf@<1.3.2" }, action: fail }
exceptions:
  - match: { advisory: GHSA-m5pq-gvj9-9vr8 }
    reason: regex is only fed trusted patterns.
    owner: "@octo-org/platform"
    expires: 2026-12-31
`);
    const result = evaluatePolicy(findings, policy, { today: TODAY });
    const outcome = (tool: string, ruleId: string, name: string): string | undefined =>
      result.findings.find((d) => d.finding.tool === tool && d.finding.ruleId === ruleId && d.finding.package?.name === name)?.outcome;
    expect(outcome('osv-scanner', 'CVE-2022-24713', 'regex')).toBe('excepted');
    expect(outcome('osv-scanner', 'CVE-2021-3121', 'github.com/gogo/protobuf')).toBe('fail');
    expect(outcome('Trivy', 'CVE-2019-1549', 'libssl1.1')).toBe('fail');
  });
});

describe('loadSarifInputs on SARIF this suite writes', () => {
  const rule = ruleDescriptorSchema.parse({ id: 'dep/vuln', name: 'VulnerableDependency', shortDescription: 'A vulnerable dependency', score: 9.8 });
  const base = {
    tool: 'devsecops',
    ruleId: 'dep/vuln',
    severity: 'critical',
    score: 9.8,
    location: { path: 'package-lock.json', startLine: 42 },
    package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' },
    advisory: { id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'] },
  };
  const newOne = findingSchema.parse({ ...base, message: 'lodash 4.17.20 is vulnerable', fingerprint: 'fp-new', isNew: true });
  const oldOne = findingSchema.parse({ ...base, message: 'minimist 1.2.5 is vulnerable', fingerprint: 'fp-old', isNew: false, location: { path: 'package-lock.json', startLine: 90 } });

  function ours(findings: Finding[], baselineCompared: boolean): string {
    return JSON.stringify(
      buildSarifLog({ tool: { name: 'devsecops', version: '0.1.0', informationUri: 'https://example.com' }, rules: [rule], findings, category: 'devsecops/dependency-audit/', skipped: [], executionSuccessful: true, baselineCompared }),
    );
  }

  it('keeps new from baselineState, and the package and advisory from result properties', async () => {
    const file = write('ours.sarif', ours([newOne, oldOne], true));
    const { findings, tools } = await loadSarifInputs([file]);
    expect(tools).toEqual([{ name: 'devsecops', versions: ['0.1.0'], files: [file], findings: 2 }]);
    expect(findings[0]).toMatchObject({ severity: 'critical', score: 9.8, isNew: true, fingerprint: 'fp-new', package: base.package, advisory: base.advisory });
    expect(findings[1]).toMatchObject({ isNew: false, location: { path: 'package-lock.json', startLine: 90 } });
  });

  it('reads a file written without a base comparison as not new', async () => {
    const file = write('ours-no-base.sarif', ours([newOne], false));
    const { findings } = await loadSarifInputs([file]);
    expect(findings[0]?.isNew).toBeUndefined();
    const result = evaluatePolicy(findings, compileYaml('rules: [{ id: new-only, when: { new: true }, action: fail }]\nfail-on-severity: none'), { today: TODAY });
    expect(result.findings[0]?.outcome).toBe('pass');
  });

  it('keeps one finding when two files report the same one (same tool, rule, place, fingerprint)', async () => {
    const a = write('a.sarif', ours([newOne, oldOne], true));
    const b = write('b.sarif', ours([newOne], true));
    const out = await loadSarifInputs([a, b]);
    expect(out.findings.map((f) => f.fingerprint)).toEqual(['fp-new', 'fp-old']);
    expect(out.duplicates).toBe(1);
    expect(out.tools[0]?.files).toEqual([a, b]);
  });
});

describe('loadSarifInputs on files it cannot read', () => {
  it('warns once per missing, malformed or non-SARIF file and reads the rest', async () => {
    const missing = path.join(dir, 'missing.sarif');
    const broken = write('broken.sarif', '{"version": "2.1.0", "runs": [');
    const notSarif = write('not-sarif.json', '{"hello": "world"}');
    const out = await loadSarifInputs([missing, fixture('gitleaks-sarif-simple.sarif'), broken, notSarif, dir]);
    expect(out.findings.map((f) => f.tool)).toEqual(['gitleaks']);
    expect(out.warnings).toHaveLength(4);
    expect(out.warnings[0]).toBe(`Skipped ${missing}: no such file`);
    expect(out.warnings[1]).toMatch(new RegExp(`^Skipped ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not SARIF: not valid JSON`));
    expect(out.warnings[2]).toContain(notSarif);
    expect(out.warnings[3]).toBe(`Skipped ${dir}: not a file`);
    for (const warning of out.warnings) expect(warning).not.toContain('\n');
  });

  it('warns about a file over the size limit without reading it', async () => {
    const out = await loadSarifInputs([fixture('trivy-alpine-310.sarif'), fixture('gitleaks-sarif-simple.sarif')], { maxFileBytes: 4096 });
    expect(out.findings.map((f) => f.tool)).toEqual(['gitleaks']);
    expect(out.warnings).toEqual([`Skipped ${fixture('trivy-alpine-310.sarif')}: 7070 bytes is over the 4096-byte limit for a SARIF input`]);
  });

  it('never throws on arbitrary JSON text', async () => {
    const file = path.join(dir, 'arbitrary.sarif');
    const sarifLike = fc.record({
      version: fc.oneof(fc.constant('2.1.0'), fc.string()),
      runs: fc.array(fc.record({ tool: fc.record({ driver: fc.record({ name: fc.oneof(fc.string(), fc.constant('Trivy'), fc.constant('osv-scanner')) }) }), results: fc.array(fc.jsonValue(), { maxLength: 4 }) }), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), sarifLike.map((v) => JSON.stringify(v)), fc.string()), async (text) => {
        writeFileSync(file, text);
        const out = await loadSarifInputs([file]);
        expect(out.warnings.length).toBeLessThanOrEqual(1);
        for (const warning of out.warnings) expect(warning).not.toMatch(/[\r\n]/);
        for (const finding of out.findings) expect(findingSchema.safeParse(finding).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on osv-scanner and Trivy messages of any shape', async () => {
    const file = path.join(dir, 'messages.sarif');
    const message = fc.oneof(
      fc.string(),
      fc.tuple(fc.string(), fc.string(), fc.string()).map(([a, b, c]) => `Package '${a}' is vulnerable to '${b}' (also known as ${c})`),
      fc.tuple(fc.string(), fc.string()).map(([a, b]) => `Package: ${a}\nInstalled Version: ${b}\nVulnerability ${a}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('Trivy', 'osv-scanner'), message, async (tool, text) => {
        writeFileSync(file, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: tool } }, results: [{ ruleId: 'r', message: { text } }] }] }));
        const out = await loadSarifInputs([file]);
        expect(out.warnings).toEqual([]);
        for (const finding of out.findings) expect(findingSchema.safeParse(finding).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
