import { describe, expect, it } from '@jest/globals';
import {
  packageMatches,
  packageRefFromText,
  PackageSpecError,
  parsePackageSpec,
  viewPackage,
} from '../../src/scanners/policy/package-spec.js';
import { parseVersionRange } from '../../src/scanners/policy/version-range.js';

function matches(spec: string, pkg: { ecosystem: string; name: string; version?: string; purl?: string }): boolean {
  return packageMatches(parsePackageSpec(spec), viewPackage(pkg));
}

describe('parsePackageSpec', () => {
  it('reads a name, with the version range after the last "@"', () => {
    expect(parsePackageSpec('lodash')).toEqual({ text: 'lodash', name: 'lodash' });
    expect(parsePackageSpec('@babel/core')).toEqual({ text: '@babel/core', name: '@babel/core' });
    const scoped = parsePackageSpec('@babel/core@>=7.0.0 <7.24.0');
    expect(scoped.name).toBe('@babel/core');
    expect(scoped.range?.alternatives).toEqual([
      [
        { operator: '>=', version: '7.0.0' },
        { operator: '<', version: '7.24.0' },
      ],
    ]);
  });

  it('reads a purl as its ecosystem and a normalized name, dropping qualifiers', () => {
    expect(parsePackageSpec('pkg:pypi/Django_Rest@>=4.0, <4.2.7')).toMatchObject({
      purl: 'pkg:pypi/django-rest',
      ecosystem: 'PyPI',
      range: { alternatives: [[{ operator: '>=', version: '4.0' }, { operator: '<', version: '4.2.7' }]] },
    });
    expect(parsePackageSpec('pkg:npm/@babel/core').purl).toBe('pkg:npm/%40babel/core');
    expect(parsePackageSpec('pkg:maven/org.yaml/snakeyaml?type=jar').purl).toBe('pkg:maven/org.yaml/snakeyaml');
  });

  it('reads unions, bare versions and operators with spaces after them', () => {
    expect(parseVersionRange('1.0.0 || >= 2.0.0 < 2.0.4').alternatives).toEqual([
      [{ operator: '=', version: '1.0.0' }],
      [
        { operator: '>=', version: '2.0.0' },
        { operator: '<', version: '2.0.4' },
      ],
    ]);
    expect(parseVersionRange('==1.2').alternatives).toEqual([[{ operator: '=', version: '1.2' }]]);
  });

  it.each([
    ['lodash@', '"lodash@" has an "@" but no version range after it'],
    ['lodash@^4.0.0', '"^4.0.0" in "^4.0.0": write the bounds with <, <=, >, >= (the ^, ~ and x shorthands mean different things in each ecosystem)'],
    ['lodash@1.x', '"1.x" in "1.x": write the bounds with <, <=, >, >= (the ^, ~ and x shorthands mean different things in each ecosystem)'],
    ['lodash@<', 'cannot read "<" in the version range "<"'],
    ['lodash@1.0 ||', 'the version range "1.0 ||" has an empty alternative'],
    ['pkg:npm/lodash@<four', '"four" in "pkg:npm/lodash@<four" is not a valid npm version'],
    [
      'pkg:deb/debian/curl@<7.0',
      '"pkg:deb/debian/curl@<7.0": purl type "deb" has no version ordering here (use one of npm, pypi, golang, cargo, gem, composer, maven, nuget, pub, hex), so a version range cannot be checked',
    ],
  ])('refuses %s', (text, message) => {
    expect(() => parsePackageSpec(text)).toThrow(new PackageSpecError(message));
  });

  it('refuses a purl the purl library cannot read', () => {
    expect(() => parsePackageSpec('pkg:npm')).toThrow(PackageSpecError);
    expect(() => parsePackageSpec('pkg:npm')).toThrow(/^"pkg:npm" is not a valid purl/);
  });
});

describe('packageMatches', () => {
  it('compares versions in the ecosystem\'s own order', () => {
    expect(matches('lodash@<4.17.21', { ecosystem: 'npm', name: 'lodash', version: '4.17.20' })).toBe(true);
    expect(matches('lodash@<4.17.21', { ecosystem: 'npm', name: 'lodash', version: '4.17.21' })).toBe(false);
    // node-semver: a pre-release is before its release.
    expect(matches('lodash@<4.17.21', { ecosystem: 'npm', name: 'lodash', version: '4.17.21-rc.1' })).toBe(true);
    // PEP 440: 4.2.10 is after 4.2.7 (a string comparison says otherwise).
    expect(matches('pkg:pypi/django@<4.2.7', { ecosystem: 'PyPI', name: 'Django', version: '4.2.10' })).toBe(false);
    expect(matches('pkg:pypi/django@<4.2.7', { ecosystem: 'PyPI', name: 'Django', version: '4.2.6' })).toBe(true);
    expect(matches('a@1.0.0 || >=2.0.0 <2.0.4', { ecosystem: 'npm', name: 'a', version: '2.0.3' })).toBe(true);
    expect(matches('a@1.0.0 || >=2.0.0 <2.0.4', { ecosystem: 'npm', name: 'a', version: '1.5.0' })).toBe(false);
  });

  it('compares names as the ecosystem does, and a purl only within its ecosystem', () => {
    expect(matches('Django_Rest', { ecosystem: 'PyPI', name: 'django-rest' })).toBe(true);
    expect(matches('Lodash', { ecosystem: 'npm', name: 'lodash' })).toBe(false);
    expect(matches('pkg:npm/lodash', { ecosystem: 'npm', name: 'lodash' })).toBe(true);
    expect(matches('pkg:npm/lodash', { ecosystem: 'PyPI', name: 'lodash' })).toBe(false);
    expect(matches('pkg:maven/org.yaml/snakeyaml@<2.0', { ecosystem: 'Maven', name: 'org.yaml:snakeyaml', version: '1.33' })).toBe(true);
    expect(matches('pkg:npm/%40babel/core', { ecosystem: 'npm', name: '@babel/core' })).toBe(true);
  });

  it('takes the ecosystem from how other tools spell it, or from the finding\'s purl', () => {
    expect(matches('pkg:pypi/django@<4.2.7', { ecosystem: 'pypi', name: 'django', version: '4.2.6' })).toBe(true);
    expect(matches('django@<4.2.7', { ecosystem: '', name: 'django', version: '4.2.6', purl: 'pkg:pypi/django@4.2.6' })).toBe(true);
  });

  it('never matches a range when the version or its ordering is unknown', () => {
    expect(matches('lodash@<5', { ecosystem: 'npm', name: 'lodash' })).toBe(false);
    expect(matches('lodash@<5', { ecosystem: 'bower', name: 'lodash', version: '4.0.0' })).toBe(false);
    expect(matches('lodash@<5', { ecosystem: 'npm', name: 'lodash', version: 'not-a-version' })).toBe(false);
    expect(matches('lodash', { ecosystem: 'bower', name: 'lodash', version: '4.0.0' })).toBe(true);
  });
});

describe('packageRefFromText (policy test findings)', () => {
  it('reads a purl with its version, or a name@version with the ecosystem beside it', () => {
    expect(packageRefFromText('pkg:npm/%40babel/core@7.23.0', undefined)).toEqual({
      ecosystem: 'npm',
      name: '@babel/core',
      version: '7.23.0',
      purl: 'pkg:npm/%40babel/core@7.23.0',
    });
    expect(packageRefFromText('pkg:maven/org.yaml/snakeyaml@1.33', undefined)).toMatchObject({ ecosystem: 'Maven', name: 'org.yaml:snakeyaml' });
    expect(packageRefFromText('lodash@4.17.20', 'npm')).toEqual({ ecosystem: 'npm', name: 'lodash', version: '4.17.20' });
    expect(packageRefFromText('@scope/x', undefined)).toEqual({ ecosystem: '', name: '@scope/x' });
  });
});
