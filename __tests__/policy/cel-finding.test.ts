import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { findingSchema, type Finding } from '../../src/core/findings.js';
import { readSarif } from '../../src/core/sarif/reader.js';
import { compileCondition } from '../../src/scanners/policy/cel.js';
import {
  POLICY_FINDING_CEL_TYPES,
  policyFindingSchema,
  toPolicyFinding,
} from '../../src/scanners/policy/policy-finding.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sarifFixture = (name: string) => readFileSync(path.join(here, '../fixtures/sarif', name), 'utf8');

function readFindings(name: string): Finding[] {
  return readSarif(sarifFixture(name), name, { checkoutRoot: '/path/to' }).findings;
}

/** osv-scanner's first result (regex@1.5.1, CVE-2022-24713) with the package and advisory our own audit would attach. */
const osvFinding = (): Finding => {
  const [first] = readFindings('osv-scanner-vuln-results-a.sarif');
  return findingSchema.parse({
    ...first,
    isNew: true,
    package: { ecosystem: 'crates.io', name: 'regex', version: '1.5.1', purl: 'pkg:cargo/regex@1.5.1' },
    advisory: { id: 'CVE-2022-24713', aliases: ['RUSTSEC-2022-0013', 'GHSA-m5pq-gvj9-9vr8'] },
  });
};

describe('toPolicyFinding', () => {
  it('turns a real Semgrep result into the documented object, with empty package and advisory', () => {
    const [finding] = readFindings('semgrep-with-source.sarif');
    expect(toPolicyFinding(finding!)).toEqual({
      tool: 'semgrep oss',
      ruleId: 'rules.javascript-basic-eqeq-bad',
      severity: 8,
      level: 'high',
      tags: [],
      path: 'targets/basic/stupid.js',
      line: 3,
      new: false,
      message: 'useless comparison',
      fingerprint: '620e9bdb18f786603f98372379784a1c',
      package: { ecosystem: '', name: '', version: '', purl: '' },
      advisory: { id: '', aliases: [] },
      properties: {},
    });
  });

  it('keeps the score as a double, the band, the tags and new from a Trivy result', () => {
    const [finding] = readFindings('trivy-alpine-310.sarif');
    const view = toPolicyFinding({ ...finding!, isNew: true });
    expect(view).toMatchObject({
      tool: 'trivy',
      ruleId: 'CVE-2019-1549',
      severity: 5.3,
      level: 'medium',
      tags: ['vulnerability', 'security', 'MEDIUM'],
      path: 'testdata/fixtures/images/alpine-310.tar.gz',
      line: 1,
      new: true,
    });
  });

  it('fills package and advisory when the finding has them', () => {
    const view = toPolicyFinding(osvFinding());
    expect(view.package).toEqual({ ecosystem: 'crates.io', name: 'regex', version: '1.5.1', purl: 'pkg:cargo/regex@1.5.1' });
    expect(view.advisory).toEqual({ id: 'CVE-2022-24713', aliases: ['RUSTSEC-2022-0013', 'GHSA-m5pq-gvj9-9vr8'] });
    expect(view.path).toBe('sub-rust-project/Cargo.lock');
    expect(view.new).toBe(true);
  });

  it('gives a finding with no file an empty path and line 0, and a finding never compared with a base new = false', () => {
    const finding = findingSchema.parse({ ruleId: 'r', severity: 'low', score: 2, message: 'm', fingerprint: 'f' });
    const view = toPolicyFinding(finding);
    expect(view.path).toBe('');
    expect(view.line).toBe(0);
    expect(view.new).toBe(false);
    expect(view.tool).toBe('devsecops');
  });

  it('merges the SARIF properties under the finding\'s own, keeping only JSON data', () => {
    const finding = findingSchema.parse({
      ruleId: 'r',
      severity: 'low',
      score: 2,
      message: 'm',
      fingerprint: 'f',
      properties: { primaryLocationLineHash: 'abc:1', precision: 'from-finding' },
    });
    const view = toPolicyFinding(finding, {
      sarifProperties: {
        precision: 'very-high',
        'problem.severity': 'error',
        rank: 7,
        nested: { list: [1, 'a', null, Number.NaN, () => 0], when: new Date(0) },
        skipped: undefined,
        infinite: Number.POSITIVE_INFINITY,
      },
    });
    expect({ ...view.properties }).toEqual({
      precision: 'from-finding',
      'problem.severity': 'error',
      rank: 7,
      nested: { list: [1, 'a', null] },
      primaryLocationLineHash: 'abc:1',
    });
  });

  it('keeps a "__proto__" key of a tool\'s JSON as plain data', () => {
    const sarifProperties = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>;
    const finding = findingSchema.parse({ ruleId: 'r', severity: 'low', score: 2, message: 'm', fingerprint: 'f' });
    const view = toPolicyFinding(finding, { sarifProperties });
    expect(Object.keys(view.properties).sort()).toEqual(['__proto__', 'ok']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const condition = compileCondition('"__proto__" in finding.properties && finding.properties.ok == 1.0', 'w');
    expect(condition.evaluate(view)).toBe(true);
  });

  it('drops properties nested deeper than 8 levels instead of recursing without end', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    const finding = findingSchema.parse({ ruleId: 'r', severity: 'low', score: 2, message: 'm', fingerprint: 'f' });
    const view = toPolicyFinding(finding, { sarifProperties: { cyclic } });
    let depth = 0;
    let node: unknown = view.properties['cyclic'];
    while (typeof node === 'object' && node !== null && 'self' in node) {
      node = (node as Record<string, unknown>)['self'];
      depth++;
    }
    expect(depth).toBe(7);
  });

  it('produces objects the zod schema accepts, for every fixture result', () => {
    for (const name of ['semgrep-with-source.sarif', 'trivy-alpine-310.sarif', 'osv-scanner-vuln-results-a.sarif', 'gitleaks-sarif-simple.sarif', 'codeql-valid-sarif.sarif']) {
      for (const finding of readFindings(name)) {
        expect(policyFindingSchema.safeParse(toPolicyFinding(finding)).success).toBe(true);
      }
    }
    expect(policyFindingSchema.safeParse(toPolicyFinding(osvFinding())).success).toBe(true);
  });
});

describe('the CEL type declaration of the finding', () => {
  it('names exactly the fields of the zod schema, nested objects included', () => {
    const shape = policyFindingSchema.shape;
    expect(Object.keys(POLICY_FINDING_CEL_TYPES).sort()).toEqual(Object.keys(shape).sort());
    expect(Object.keys(POLICY_FINDING_CEL_TYPES.package).sort()).toEqual(Object.keys(shape.package.shape).sort());
    expect(Object.keys(POLICY_FINDING_CEL_TYPES.advisory).sort()).toEqual(Object.keys(shape.advisory.shape).sort());
  });

  it('declares each scalar with the CEL type of its zod type', () => {
    const celTypeOf = (schema: z.ZodType): string => {
      if (schema instanceof z.ZodString || schema instanceof z.ZodEnum) return 'string';
      if (schema instanceof z.ZodBoolean) return 'bool';
      if (schema instanceof z.ZodNumber) return schema.format === 'safeint' ? 'int' : 'double';
      if (schema instanceof z.ZodArray) return `list<${celTypeOf(schema.element as z.ZodType)}>`;
      return 'other';
    };
    for (const [key, type] of Object.entries(POLICY_FINDING_CEL_TYPES)) {
      if (typeof type !== 'string' || key === 'properties') continue;
      expect(`${key}: ${celTypeOf(policyFindingSchema.shape[key as keyof typeof policyFindingSchema.shape] as z.ZodType)}`).toBe(`${key}: ${type}`);
    }
  });

  it('lets conditions read every field of real findings', () => {
    const osv = toPolicyFinding(osvFinding());
    const conditions: Array<[string, boolean]> = [
      ['finding.tool == "osv-scanner"', true],
      ['finding.ruleId == "CVE-2022-24713" && finding.level == "medium" && finding.severity == 5.5', true],
      ['finding.path.endsWith("Cargo.lock") && finding.line == 1', true],
      ['finding.new && finding.message.contains("regex@1.5.1")', true],
      ['finding.package.ecosystem == "crates.io" && finding.package.name == "regex" && finding.package.version == "1.5.1"', true],
      ['finding.package.purl.startsWith("pkg:cargo/")', true],
      ['finding.advisory.id == "CVE-2022-24713" && "GHSA-m5pq-gvj9-9vr8" in finding.advisory.aliases', true],
      ['size(finding.fingerprint) == 32 && size(finding.tags) == 0 && size(finding.properties) == 0', true],
      ['finding.package.name == "lodash"', false],
    ];
    for (const [text, expected] of conditions) {
      const condition = compileCondition(text, 'test');
      expect(`${text} → ${condition.evaluate(osv)}`).toBe(`${text} → ${expected}`);
      expect(condition.warning).toBeUndefined();
    }
    const semgrep = toPolicyFinding(readFindings('semgrep-with-source.sarif')[0]!);
    const noPackage = compileCondition('finding.package.name == "lodash" || finding.advisory.id != ""', 'test');
    expect(noPackage.evaluate(semgrep)).toBe(false);
    expect(noPackage.warning).toBeUndefined();
  });
});
