import { describe, expect, it } from '@jest/globals';
import { compareVersions, isValidVersion } from '../../src/core/versions/index.js';
import { normalizeComposerVersion } from '../../src/core/versions/packagist.js';
import { expectAscending, expectEqual } from './helpers.js';

describe('Packagist version ordering (Composer)', () => {
  it('normalizes versions as VersionParser::normalize does', () => {
    // Cases from composer/semver's VersionParserTest (successfulNormalizedVersions).
    const cases: [string, string][] = [
      ['1.0.0', '1.0.0.0'],
      ['1.2.3.4', '1.2.3.4'],
      ['1.0.0RC1dev', '1.0.0.0-RC1-dev'],
      ['1.0.0-rC15-dev', '1.0.0.0-RC15-dev'],
      ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev'],
      ['1.0.0-rc1', '1.0.0.0-RC1'],
      ['1.0.0.pl3-dev', '1.0.0.0-patch3-dev'],
      ['1.0-dev', '1.0.0.0-dev'],
      ['0', '0.0.0.0'],
      ['10.4.13-beta', '10.4.13.0-beta'],
      ['10.4.13beta2', '10.4.13.0-beta2'],
      ['10.4.13beta.2', '10.4.13.0-beta2'],
      ['10.4.13-b', '10.4.13.0-beta'],
      ['10.4.13-b5', '10.4.13.0-beta5'],
      ['v1.0.0', '1.0.0.0'],
      ['2010.01', '2010.01.0.0'],
      ['2010.01.02', '2010.01.02.0'],
      ['2010.1.555', '2010.1.555.0'],
      ['2010.10.200', '2010.10.200.0'],
      ['v20100102', '20100102'],
      ['2010-01-02', '2010.01.02'],
      ['2010-01-02.5', '2010.01.02.5'],
      ['20100102-203040', '20100102.203040'],
      ['20150920.0.0', '20150920.0.0'],
      ['20100102203040-10', '20100102203040.10'],
      ['20100102-203040-p1', '20100102.203040-patch1'],
      ['1.x-dev', '1.9999999.9999999.9999999-dev'],
      ['dev-feature-foo', 'dev-feature-foo'],
      ['DEV-FOOBAR', 'dev-FOOBAR'],
      ['1.0.0-beta.5+foo', '1.0.0.0-beta5'],
      ['1.0.0+foo', '1.0.0.0'],
      ['1.0.0-alpha.3.1+foo', '1.0.0.0-alpha3.1'],
      ['1.0.0-alpha2.1+foo', '1.0.0.0-alpha2.1'],
      ['1.0.0-alpha-2.1-3+foo', '1.0.0.0-alpha2.1-3'],
      ['1.0.0+foo as 2.0', '1.0.0.0'],
    ];
    expect(cases.map(([input]) => [input, normalizeComposerVersion(input)])).toEqual(cases);
  });

  it('orders stabilities dev < alpha < beta < RC < stable < patch', () => {
    expectAscending('Packagist', [
      '1.0.0-dev',
      '1.0.0-alpha-dev',
      '1.0.0-alpha1',
      '1.0.0-alpha2',
      '1.0.0-beta',
      '1.0.0-beta2',
      '1.0.0-beta10',
      '1.0.0-RC1',
      '1.0.0-RC2',
      '1.0.0',
      '1.0.0-patch1',
      '1.0.0-p2',
      '1.0.0.1',
      '1.0.1',
      '1.x-dev',
    ]);
  });

  it('reads shorthands, aliases and a leading v alike', () => {
    expectEqual('Packagist', [
      ['v1.2', '1.2.0.0'],
      ['1.2', '1.2.0'],
      ['1.0.0-a1', '1.0.0-alpha1'],
      ['1.0.0-b2', '1.0.0-beta2'],
      ['1.0.0-rc1', '1.0.0-RC1'],
      ['1.0.0-pl1', '1.0.0-patch1'],
      ['1.0.0+build', '1.0.0'],
      ['1.0.0-beta.2', '1.0.0-beta2'],
    ]);
  });

  it('refuses branches, which have no order, and what normalize refuses', () => {
    // The last six are VersionParserTest's failingNormalizedVersions.
    for (const bad of ['dev-main', 'dev-feature/x', 'master', '', 'a', '1.0.0-meh', '1.0.0.0.0', 'feature-foo', '1.0.0+foo bar']) {
      expect(isValidVersion('Packagist', bad)).toBe(false);
    }
    expect(() => compareVersions('Packagist', 'dev-main', '1.0.0')).toThrow(
      'Packagist version "dev-main" is not valid: a branch, which has no version order',
    );
  });
});
