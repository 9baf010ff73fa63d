// Cases from Maven's own ComparableVersionTest (apache/maven,
// compat/maven-artifact/.../versioning/ComparableVersionTest.java), rewritten as
// assertions on compareVersions.
import { describe, expect, it } from '@jest/globals';
import { compareVersions, isValidVersion } from '../../src/core/versions/index.js';
import { expectAscending, expectEqual } from './helpers.js';

describe('Maven version ordering (ComparableVersion)', () => {
  it('orders qualifiers alpha < beta < milestone < rc < snapshot < release < sp < other words < numbers', () => {
    expectAscending('Maven', [
      '1-alpha2snapshot',
      '1-alpha2',
      '1-alpha-123',
      '1-beta-2',
      '1-beta123',
      '1-m2',
      '1-m11',
      '1-rc',
      '1-cr2',
      '1-rc123',
      '1-SNAPSHOT',
      '1',
      '1-sp',
      '1-sp2',
      '1-sp123',
      '1-abc',
      '1-def',
      '1-pom-1',
      '1-1-snapshot',
      '1-1',
      '1-2',
      '1-123',
    ]);
  });

  it('orders numbers and the letters that follow them', () => {
    expectAscending('Maven', [
      '2.0',
      '2.0.a',
      '2-1',
      '2.0.2',
      '2.0.123',
      '2.1.0',
      '2.1-a',
      '2.1b',
      '2.1-c',
      '2.1-1',
      '2.1.0.1',
      '2.2',
      '2.123',
      '11.a2',
      '11.a11',
      '11.b2',
      '11.b11',
      '11.m2',
      '11.m11',
      '11',
      '11.a',
      '11b',
      '11c',
      '11m',
    ]);
  });

  it('treats trailing zeros, missing separators, aliases and case as equal', () => {
    expectEqual('Maven', [
      ['1', '1'],
      ['1', '1.0'],
      ['1', '1.0.0'],
      ['1.0', '1.0.0'],
      ['1', '1-0'],
      ['1', '1.0-0'],
      ['1.0', '1.0-0'],
      ['1a', '1-a'],
      ['1a', '1.0-a'],
      ['1a', '1.0.0-a'],
      ['1.0a', '1-a'],
      ['1.0.0a', '1-a'],
      ['1x', '1-x'],
      ['1x', '1.0-x'],
      ['1x', '1.0.0-x'],
      ['1.0x', '1-x'],
      ['1.0.0x', '1-x'],
      ['1cr', '1rc'],
      ['1a1', '1-alpha-1'],
      ['1b2', '1-beta-2'],
      ['1m3', '1-milestone-3'],
      ['1X', '1x'],
      ['1A', '1a'],
      ['1B', '1b'],
      ['1M', '1m'],
      ['1Cr', '1Rc'],
      ['1cR', '1rC'],
      ['1m3', '1Milestone3'],
      ['1m3', '1MileStone3'],
      ['1m3', '1MILESTONE3'],
    ]);
  });

  it('orders ga, final and release like no qualifier', () => {
    expectEqual('Maven', [
      ['1ga', '1'],
      ['1release', '1'],
      ['1final', '1'],
      ['1Ga', '1'],
      ['1GA', '1'],
      ['1RELEASE', '1'],
      ['1RELeaSE', '1'],
      ['1Final', '1'],
      ['1FinaL', '1'],
      ['1FINAL', '1'],
    ]);
  });

  it('orders the pairs of testVersionComparing', () => {
    const pairs: [string, string][] = [
      ['1', '2'],
      ['1.5', '2'],
      ['1', '2.5'],
      ['1.0', '1.1'],
      ['1.1', '1.2'],
      ['1.0.0', '1.1'],
      ['1.0.1', '1.1'],
      ['1.1', '1.2.0'],
      ['1.0-alpha-1', '1.0'],
      ['1.0-alpha-1', '1.0-alpha-2'],
      ['1.0-alpha-1', '1.0-beta-1'],
      ['1.0-beta-1', '1.0-SNAPSHOT'],
      ['1.0-SNAPSHOT', '1.0'],
      ['1.0-alpha-1-SNAPSHOT', '1.0-alpha-1'],
      ['1.0', '1.0-1'],
      ['1.0-1', '1.0-2'],
      ['1.0.0', '1.0-1'],
      ['2.0-1', '2.0.1'],
      ['2.0.1-klm', '2.0.1-lmn'],
      ['2.0.1', '2.0.1-xyz'],
      ['2.0.1', '2.0.1-123'],
      ['2.0.1-xyz', '2.0.1-123'],
      ['0.7', '2'],
      ['0.2', '1.0.7'],
    ];
    for (const pair of pairs) expectAscending('Maven', pair);
  });

  it('puts digits above letters, ASCII or not, and compares other words lexically', () => {
    expectAscending('Maven', ['é', '1']);
    expectAscending('Maven', ['\uD835\uDFE4', '1']); // MATHEMATICAL SANS-SERIF DIGIT TWO is not a digit
    expectAscending('Maven', ['J', '7']);
    expectAscending('Maven', ['c', '7']);
    expectAscending('Maven', ['\u0668', '1']); // ARABIC-INDIC DIGIT EIGHT is not a digit either
    expectAscending('Maven', ['\u0668', '9']);
    expectAscending('Maven', ['aardvark', 'zebra', 'ζέβρα']);
    expectEqual('Maven', [
      ['1.0.0-ALPHA1', '1.0.0-alpha1'],
      ['1.A', '1.a'],
      ['1.É', '1.é'],
      ['1-abcdefghijklmnopqrstuvwxyz', '1-ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
    ]);
  });

  it('keeps the orders of MNG-5568, MNG-6572 and MNG-6964 transitive', () => {
    expectAscending('Maven', ['6.1.0rc3', '6.1.0', '6.1H.5-beta']);
    expectAscending('Maven', [
      '20190126.230843',
      '1234567890.12345',
      '123456789012345.1H.5-beta',
      '12345678901234567890.1H.5-beta',
    ]);
    expectAscending('Maven', ['1-0.alpha', '1']);
    expectAscending('Maven', ['1-0.beta', '1']);
    expectAscending('Maven', ['1-0.alpha', '1-0.beta']);
  });

  it('reads numbers with any number of leading zeros by value', () => {
    const ones = Array.from({ length: 19 }, (_, i) => `${'0'.repeat(i)}1`);
    const zeros = Array.from({ length: 19 }, (_, i) => '0'.repeat(i + 1));
    expectEqual('Maven', ones.map((v) => [v, '1'] as [string, string]));
    expectEqual('Maven', zeros.map((v) => [v, '0'] as [string, string]));
  });

  it('orders 1.0.0.X1 before 1.0.0-X2 and reads 2-X, 2.0.X and 2.0.0.X alike (MNG-7644)', () => {
    for (const x of ['abc', 'alpha', 'a', 'beta', 'b', 'def', 'milestone', 'm', 'RC']) {
      expectAscending('Maven', [`1.0.0.${x}1`, `1.0.0-${x}2`]);
      expectEqual('Maven', [
        [`2-${x}`, `2.0.${x}`],
        [`2-${x}`, `2.0.0.${x}`],
        [`2.0.${x}`, `2.0.0.${x}`],
      ]);
    }
  });

  it('orders a service pack after final (MNG-7714)', () => {
    expectAscending('Maven', ['1.0.final-redhat', '1.0-sp1-redhat']);
    expectAscending('Maven', ['1.0.final-redhat', '1.0-sp-1-redhat']);
    expectAscending('Maven', ['1.0.final-redhat', '1.0-sp.1-redhat']);
  });

  it('orders the versions real Maven Central artifacts use', () => {
    expectAscending('Maven', ['2.9.10', '2.9.10.1', '2.9.10.8', '2.10.0-rc1', '2.10.0', '2.10.5.1']);
    expectAscending('Maven', ['5.3.0.Beta1', '5.3.0.CR1', '5.3.0.Final', '5.3.1.Final']);
    expectAscending('Maven', ['31.1-android', '31.1-jre', '32.0.0-android']);
    expectAscending('Maven', ['1.2.3-SNAPSHOT', '1.2.3', '1.2.4-M1', '1.2.4-RC1', '1.2.4']);
  });

  it('puts an unknown qualifier such as jackson-databind 2.10.0.pr1 after the release, as Maven does', () => {
    expectAscending('Maven', ['2.10.0-rc1', '2.10.0', '2.10.0.pr1', '2.10.0.1']);
  });

  it('refuses an empty version and one longer than Maven accepts', () => {
    expect(isValidVersion('Maven', '')).toBe(false);
    expect(isValidVersion('Maven', '1.'.repeat(200))).toBe(false);
    expect(() => compareVersions('Maven', '1.0', 'x'.repeat(300))).toThrow(/longer than Maven's 256 characters/);
    expect(isValidVersion('Maven', 'anything at all-1')).toBe(true);
  });
});
