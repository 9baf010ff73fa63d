import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ECOSYSTEMS, type Ecosystem } from '../../src/core/inventory/types.js';
import { compareVersions, InvalidVersionError, isValidVersion } from '../../src/core/versions/index.js';

const NUM_RUNS = 150;

/** Pieces real versions are made of, so random joins hit valid versions often and collide. */
const number = fc.oneof(
  fc.constantFrom('0', '1', '2', '10', '01', '00', '007'),
  fc.nat({ max: 30 }).map(String),
  fc.constantFrom('2147483648', '9223372036854775808', '99999999999999999999', '20191109021931'),
);
const word = fc.constantFrom(
  'alpha', 'beta', 'a', 'b', 'c', 'm', 'rc', 'RC', 'cr', 'pre', 'preview', 'dev', 'post', 'r', 'rev',
  'snapshot', 'SNAPSHOT', 'ga', 'final', 'Final', 'release', 'sp', 'patch', 'pl', 'p', 'stable',
  'x', 'X', 'incompatible', 'jre', 'android', 'daa7c04131f5', 'ubuntu', 'nullsafety', 'abc', 'Z', 'é',
);
const separator = fc.constantFrom('.', '.', '.', '-', '-', '+', '_', '', '!');
const versionLike = fc
  .tuple(
    fc.constantFrom('', '', '', 'v', '=', ' ', '1!'),
    fc.array(fc.tuple(separator, fc.oneof(number, number, word)), { minLength: 1, maxLength: 7 }),
  )
  .map(([prefix, parts]) => prefix + parts.map(([sep, part], i) => (i === 0 ? part : sep + part)).join(''));
/** SemVer-shaped text, so the strict orderings see many valid versions too. */
const semverLike = fc
  .tuple(
    fc.constantFrom('', '', 'v'),
    fc.array(number, { minLength: 3, maxLength: 4 }),
    fc.option(fc.array(fc.oneof(number, word), { minLength: 1, maxLength: 3 })),
    fc.option(fc.array(fc.oneof(number, word), { minLength: 1, maxLength: 2 })),
  )
  .map(
    ([v, core, pre, build]) =>
      `${v}${core.join('.')}${pre ? `-${pre.join('.')}` : ''}${build ? `+${build.join('.')}` : ''}`,
  );
/** Valid SemVer 2, which every SemVer-based ordering reads. */
const cleanNumber = fc.oneof(fc.constantFrom('0', '1', '2', '10', '99999999999999999999'), fc.nat({ max: 12 }).map(String));
const strictSemver = fc
  .tuple(
    fc.array(cleanNumber, { minLength: 3, maxLength: 3 }),
    fc.option(fc.array(fc.oneof(cleanNumber, word.filter((w) => /^[0-9A-Za-z-]+$/.test(w))), { minLength: 1, maxLength: 3 })),
    fc.option(fc.array(fc.oneof(cleanNumber, fc.constantFrom('build', '001', 'x')), { minLength: 1, maxLength: 2 })),
  )
  .map(([core, pre, build]) => `${core.join('.')}${pre ? `-${pre.join('.')}` : ''}${build ? `+${build.join('.')}` : ''}`);
/** Few small pieces, so that generated versions often tie or differ by one piece: where orderings break. */
const tightVersion = fc
  .array(
    fc.tuple(
      fc.constantFrom('.', '-', ''),
      fc.constantFrom('0', '1', '2', 'a', 'b', 'alpha', 'rc', 'ga', 'final', 'sp', 'snapshot', 'x', 'dev', 'p', 'pl'),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.map(([sep, part], i) => (i === 0 ? part : sep + part)).join(''));
const anyVersion = fc.oneof(
  versionLike,
  semverLike,
  strictSemver,
  strictSemver,
  tightVersion,
  tightVersion,
  fc.string({ maxLength: 12 }),
);
/** Several versions at once; the order properties are checked over every pair and triple of the valid ones. */
const versionSet = fc.array(anyVersion, { minLength: 4, maxLength: 20 });

/** compareVersions' result, or the error it threw. */
function outcome(ecosystem: Ecosystem, a: string, b: string): number | Error {
  try {
    return compareVersions(ecosystem, a, b);
  } catch (error) {
    return error as Error;
  }
}

describe.each([...ECOSYSTEMS])('%s version ordering, on generated versions', (ecosystem) => {
  it('returns -1, 0 or 1, or throws a one-line InvalidVersionError, and agrees with isValidVersion', () => {
    fc.assert(
      fc.property(anyVersion, anyVersion, (a, b) => {
        const result = outcome(ecosystem, a, b);
        const valid = isValidVersion(ecosystem, a) && isValidVersion(ecosystem, b);
        if (result instanceof Error) {
          expect(result).toBeInstanceOf(InvalidVersionError);
          expect(result.message).not.toMatch(/[\r\n]/);
          expect(valid).toBe(false);
        } else {
          expect([-1, 0, 1]).toContain(result);
          expect(valid).toBe(true);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('is reflexive and antisymmetric', () => {
    fc.assert(
      fc.property(versionSet, (versions) => {
        const valid = versions.filter((v) => isValidVersion(ecosystem, v));
        for (const a of valid) {
          expect(compareVersions(ecosystem, a, a)).toBe(0);
          for (const b of valid) expect(compareVersions(ecosystem, b, a)).toBe(-compareVersions(ecosystem, a, b) || 0);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('is transitive: sorting leaves every earlier version at most every later one, and equality chains', () => {
    fc.assert(
      fc.property(versionSet, (versions) => {
        const valid = versions.filter((v) => isValidVersion(ecosystem, v));
        const sorted = [...valid].sort((a, b) => compareVersions(ecosystem, a, b));
        for (let i = 0; i < sorted.length; i++) {
          for (let j = i + 1; j < sorted.length; j++) {
            const order = compareVersions(ecosystem, sorted[i] as string, sorted[j] as string);
            if (order > 0) throw new Error(`${sorted[i]} > ${sorted[j]} after sorting ${JSON.stringify(valid)}`);
          }
        }
        for (const a of valid) {
          for (const b of valid) {
            if (compareVersions(ecosystem, a, b) > 0) continue;
            for (const c of valid) {
              if (compareVersions(ecosystem, b, c) > 0) continue;
              const ac = compareVersions(ecosystem, a, c);
              if (ac > 0) throw new Error(`${a} <= ${b} <= ${c} but ${a} > ${c}`);
            }
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reads long adversarial versions quickly', () => {
    const long = [
      '1'.repeat(5000) + 'x',
      '1.'.repeat(3000) + '!',
      '1-'.repeat(3000) + '!',
      '1.0.0-' + 'a.'.repeat(3000) + '!',
      '1.0-beta' + '1'.repeat(5000) + 'x',
      '1.0-beta' + '.1'.repeat(3000) + '!',
      '1.0' + 'a1'.repeat(3000),
      'v' + '9'.repeat(4000),
      ' '.repeat(5000) + '1',
      '1.0+' + 'a-'.repeat(3000) + '+',
      'dev'.repeat(3000),
      '1.0-' + '-dev'.repeat(2000) + 'x',
    ];
    const started = Date.now();
    for (const version of long) outcome(ecosystem, version, '1.0.0');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
