import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compileCondition, type CompiledCondition } from '../../src/scanners/policy/cel.js';
import { PolicyError } from '../../src/scanners/policy/policy-error.js';
import type { PolicyFinding } from '../../src/scanners/policy/policy-finding.js';

const WHERE = 'policy.rules[0] (fuzz).when.cel';

/** Compiles or returns the PolicyError; any other throw fails the property. */
function tryCompile(text: string): CompiledCondition | PolicyError {
  try {
    return compileCondition(text, WHERE);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    expect(error.message.startsWith(`${WHERE}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
    return error;
  }
}

/** Pieces of CEL, so generated text reaches the type checker and evaluator, not only the tokenizer. */
const token = fc.constantFrom(
  'finding', '.', 'ruleId', 'severity', 'line', 'tags', 'path', 'properties', 'package', 'name', 'advisory', 'aliases', 'new',
  'x', 'startsWith', 'endsWith', 'contains', 'matches', 'size', 'exists', 'all', 'map', 'filter', 'has', 'timestamp',
  'duration', 'int', 'double', 'string', 'dyn', 'in', '(', ')', '[', ']', '{', '}', ',', ':', '?', '!', '-', '+', '*', '/', '%',
  '==', '!=', '<', '<=', '>', '>=', '&&', '||', '"a"', '"^legacy/"', '"(a+)+$"', '"2027-03-31T00:00:00Z"', '"1h"', '0', '1', '5.0',
  '-1', '9223372036854775807', '1u', 'true', 'false', 'null', "'x'", 'b"x"', ' ',
);
const celLike = fc.array(token, { maxLength: 24 }).map((parts) => parts.join(''));

/** Well-typed conditions built from the finding's fields, so evaluation itself is exercised (random tokens rarely compile). */
const stringLiteral = fc.string({ maxLength: 8 }).map((text) => JSON.stringify(text));
const stringField = fc.constantFrom(
  'finding.tool', 'finding.ruleId', 'finding.level', 'finding.path', 'finding.message', 'finding.fingerprint',
  'finding.package.name', 'finding.package.purl', 'finding.advisory.id',
);
const propertyKey = fc.constantFrom('precision', 'rank', 'flag', 'a', '');
const comparison = fc.constantFrom('==', '!=', '<', '<=', '>', '>=');
const typedCondition: fc.Arbitrary<string> = fc.letrec<{ condition: string }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(stringField, fc.constantFrom('startsWith', 'endsWith', 'contains'), stringLiteral).map(([f, m, l]) => `${f}.${m}(${l})`),
    fc.tuple(stringField, fc.constantFrom('"^legacy/"', '"(a|b)+$"', '"^(.*/)*x"', '"[0-9]{4}"')).map(([f, p]) => `${f}.matches(${p})`),
    fc.tuple(comparison, fc.double({ min: -20, max: 20, noNaN: true })).map(([op, n]) => `finding.severity ${op} ${n.toFixed(2)}`),
    fc.tuple(comparison, fc.integer({ min: -5, max: 5000 })).map(([op, n]) => `finding.line ${op} ${n}`),
    stringLiteral.map((l) => `${l} in finding.tags`),
    propertyKey.map((k) => `${JSON.stringify(k)} in finding.properties`),
    fc.tuple(propertyKey, fc.constantFrom('"high"', '1', '7.0', 'true', 'null', '[1]')).map(([k, v]) => `finding.properties[${JSON.stringify(k)}] == ${v}`),
    fc.constantFrom(
      'finding.new',
      'has(finding.properties.precision)',
      'finding.properties.flag',
      'size(finding.tags) > 1',
      'finding.tags.exists(t, t.startsWith("cwe-"))',
      'finding.advisory.aliases.all(a, a.size() > 3)',
      '100 / finding.line > 1',
      'int(finding.severity) == 7',
      'double(finding.properties.rank) > 3.0',
      'string(finding.properties.precision).size() > 2',
      'timestamp(finding.message) < timestamp("2030-01-01T00:00:00Z")',
      'duration(finding.path) > duration("1h")',
      'finding.ruleId.substring(2).size() < finding.line',
    ),
    tie('condition').map((c) => `!(${c})`),
    fc.tuple(tie('condition'), fc.constantFrom('&&', '||'), tie('condition')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(tie('condition'), tie('condition'), tie('condition')).map(([a, b, c]) => `(${a}) ? (${b}) : (${c})`),
  ),
})).condition;

const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const wellFormedFinding: fc.Arbitrary<PolicyFinding> = fc.record({
  tool: fc.string(),
  ruleId: fc.string({ minLength: 1 }),
  severity: fc.double({ min: 0, max: 10, noNaN: true }),
  level: fc.constantFrom('critical', 'high', 'medium', 'low', 'note'),
  tags: fc.array(fc.string(), { maxLength: 4 }),
  path: fc.string(),
  line: fc.nat(),
  new: fc.boolean(),
  message: fc.string(),
  fingerprint: fc.string(),
  package: fc.record({ ecosystem: fc.string(), name: fc.string(), version: fc.string(), purl: fc.string() }),
  advisory: fc.record({ id: fc.string(), aliases: fc.array(fc.string(), { maxLength: 3 }) }),
  properties: fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 }) as fc.Arbitrary<PolicyFinding['properties']>,
});

/** Objects that break the documented shape: wrong types, missing fields, anything at all. */
const malformedFinding = fc.oneof(
  fc.anything(),
  fc.record({ ...Object.fromEntries(['tool', 'ruleId', 'severity', 'line', 'tags', 'path', 'properties', 'package'].map((k) => [k, fc.anything()])) }),
  wellFormedFinding.map((f) => ({ ...f, line: 1.5 })),
  wellFormedFinding.map((f) => ({ ...f, severity: 'high' })),
) as fc.Arbitrary<PolicyFinding>;

const conditions = [
  'finding.ruleId.startsWith("python.") && finding.severity >= 5.0',
  '"cwe-79" in finding.tags',
  'finding.path.matches("^legacy/")',
  'finding.package.name == "lodash" && finding.new',
  'finding.properties.precision == "high"',
  'finding.properties.rank > 3',
  'finding.properties.flag',
  'finding.tags.exists(t, t.matches("^cwe-[0-9]+$")) || size(finding.advisory.aliases) > 1',
  '100 / finding.line > 2',
  'finding.message.split(" ").size() > 3 && int(finding.severity) >= 5',
  'timestamp(finding.message) > timestamp("2020-01-01T00:00:00Z")',
];

describe('compileCondition on arbitrary text', () => {
  it('returns a condition or throws a one-line PolicyError for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), celLike), (text) => {
        tryCompile(text);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws when evaluating whatever compiled, and always answers a bool', () => {
    let compiledCount = 0;
    fc.assert(
      fc.property(
        fc.oneof(typedCondition, celLike),
        fc.array(fc.oneof(wellFormedFinding, malformedFinding), { minLength: 1, maxLength: 4 }),
        (text, findings) => {
          const compiled = tryCompile(text);
          if (compiled instanceof PolicyError) return;
          compiledCount++;
          for (const f of findings) expect(typeof compiled.evaluate(f)).toBe('boolean');
        },
      ),
      { numRuns: 400 },
    );
    // The typed half must mostly compile, or this property tests nothing.
    expect(compiledCount).toBeGreaterThan(120);
  });
});

describe('compiled conditions on arbitrary findings', () => {
  it('never throw, answer a bool, and count every failure', () => {
    const compiled = conditions.map((text) => compileCondition(text, WHERE));
    fc.assert(
      fc.property(fc.oneof(wellFormedFinding, malformedFinding), (f) => {
        for (const condition of compiled) {
          const before = condition.failures;
          const result = condition.evaluate(f);
          expect(typeof result).toBe('boolean');
          if (condition.failures > before) expect(result).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
    for (const condition of compiled) {
      if (condition.failures > 0) expect(condition.warning).toMatch(new RegExp(`^${WHERE.replace(/[.()[\]]/g, '\\$&')}: the CEL condition failed on \\d+ findings?`));
      else expect(condition.warning).toBeUndefined();
    }
  });
});
