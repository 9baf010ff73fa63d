import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { UsageError } from '../../src/core/errors.js';
import { readSbomLicenses } from '../../src/scanners/policy/sbom-licenses.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sbom-inputs');
const SAMPLES = [
  'devsecops-cyclonedx-1.6.json',
  'devsecops-spdx-2.3.json',
  'cyclonedx-npm-1.5.json',
  'syft-spdx-2.3.json',
  'trivy-cyclonedx-1.5.json',
].map((name) => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')) as Json);

const SOURCE = 'input.json';

/** A result whose every package and warning is usable, or a one-line UsageError naming the source; anything else fails. */
function readsOrRefuses(text: string): void {
  let result;
  try {
    result = readSbomLicenses(text, SOURCE);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message.startsWith(`${SOURCE}: `)).toBe(true);
    return;
  }
  expect(['cyclonedx', 'spdx']).toContain(result.format);
  const keys = new Set<string>();
  for (const pkg of result.packages) {
    expect(typeof pkg.name).toBe('string');
    expect(pkg.name.trim()).not.toBe('');
    for (const field of [pkg.version, pkg.purl, pkg.ecosystem, pkg.license]) {
      if (field !== undefined) expect(field.trim()).not.toBe('');
    }
    const key = pkg.purl !== undefined ? `purl ${pkg.purl}` : `name ${pkg.name} ${pkg.version ?? ''}`;
    expect(keys.has(key)).toBe(false);
    keys.add(key);
  }
  for (const warning of result.warnings) {
    expect(warning).not.toMatch(/[\r\n]/);
    expect(warning.startsWith(`${SOURCE}: `)).toBe(true);
  }
}

/** Replaces the value at a path chosen by `picks` (indices taken modulo each level's size). */
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

/** The keys the reader looks at, plus ones that trip naive object handling. */
const KEYS = [
  'bomFormat', 'specVersion', 'metadata', 'component', 'components', 'name', 'group', 'version', 'purl', 'bom-ref', 'type',
  'licenses', 'license', 'id', 'expression', 'spdxVersion', 'SPDXID', 'packages', 'versionInfo', 'licenseConcluded',
  'licenseDeclared', 'externalRefs', 'referenceType', 'referenceLocator', 'relationships', 'documentDescribes',
  'spdxElementId', 'relationshipType', 'relatedSpdxElement', 'primaryPackagePurpose', '__proto__', 'constructor', '@context',
];
const VALUES = fc.oneof(
  fc.constantFrom('CycloneDX', '1.6', 'SPDX-2.3', 'SPDX-3.0', 'NOASSERTION', 'NONE', 'MIT OR ISC', 'pkg:npm/%40a/b@1', 'pkg:maven/g/a@1', 'pkg:constructor/x@1', 'pkg:', 'DESCRIBES', 'SPDXRef-DOCUMENT', 'application', 'file', '', ' '),
  fc.string({ maxLength: 8 }),
);

const sbomish: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    VALUES,
    fc.constantFrom(null, true, 0, -1.5),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('readSbomLicenses properties', () => {
  it('any string reads or is refused with a UsageError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), readsOrRefuses), { numRuns: 500 });
  });

  it('any JSON value reads or is refused with a UsageError', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => readsOrRefuses(JSON.stringify(value))), { numRuns: 500 });
  });

  it('any CycloneDX- or SPDX-shaped value reads or is refused with a UsageError', () => {
    const document = fc.oneof(
      fc.record({ bomFormat: fc.constant('CycloneDX'), specVersion: fc.constantFrom('1.5', '1.6', '2'), metadata: sbomish, components: fc.array(sbomish, { maxLength: 6 }) }),
      fc.record({ spdxVersion: fc.constantFrom('SPDX-2.3', 'SPDX-2.2'), documentDescribes: sbomish, packages: fc.array(sbomish, { maxLength: 6 }), relationships: fc.array(sbomish, { maxLength: 4 }) }),
      sbomish,
    );
    fc.assert(fc.property(document, (value) => readsOrRefuses(JSON.stringify(value))), { numRuns: 1000 });
  });

  it('any mutation of a real SBOM reads or is refused with a UsageError', () => {
    const mutation = fc.record({
      sample: fc.nat({ max: SAMPLES.length - 1 }),
      edits: fc.array(
        fc.record({ picks: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), value: fc.oneof(sbomish, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>) }),
        { minLength: 1, maxLength: 6 },
      ),
    });
    fc.assert(
      fc.property(mutation, ({ sample, edits }) => {
        const mutated = edits.reduce((value, edit) => mutate(value, edit.picks, edit.value), SAMPLES[sample] as Json);
        readsOrRefuses(JSON.stringify(mutated));
      }),
      { numRuns: 1000 },
    );
  });
});
