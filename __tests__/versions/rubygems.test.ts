import { describe, expect, it } from '@jest/globals';
import { compareVersions, isValidVersion } from '../../src/core/versions/index.js';
import { expectAscending, expectEqual } from './helpers.js';

describe('RubyGems version ordering (Gem::Version)', () => {
  it('puts a version with letters before the release it leads to', () => {
    expectAscending('RubyGems', [
      '1.0.0.a',
      '1.0.0.a1',
      '1.0.0.b1',
      '1.0.0.pre',
      '1.0.0.pre.1',
      '1.0.0.rc1',
      '1.0.0',
      '1.0.1',
    ]);
  });

  it('compares four-part and longer versions segment by segment, numerically', () => {
    expectAscending('RubyGems', ['2.2.8', '2.2.8.1', '2.2.9', '2.2.10', '2.10', '7.0.8.1', '7.0.8.4', '10.0']);
  });

  it('ignores trailing zeros and reads "-" as ".pre."', () => {
    expectEqual('RubyGems', [
      ['1.0', '1'],
      ['1.0.0.0', '1'],
      ['1.0.a', '1.a'],
      ['1.0-beta', '1.0.pre.beta'],
      [' 1.2 ', '1.2'],
      ['1.0.0.a.0', '1.0.0.a'],
    ]);
    expectAscending('RubyGems', ['1.0-1', '1.0']);
  });

  it('compares letters byte by byte, capitals first, as Ruby strings do', () => {
    expectAscending('RubyGems', ['1.0.RC', '1.0.alpha', '1.0.beta']);
    expectAscending('RubyGems', ['1.0.B', '1.0.a']);
  });

  it('keeps numbers exact past 2^53', () => {
    expectAscending('RubyGems', ['1.12345678901234567890', '1.12345678901234567891']);
  });

  it('refuses versions Gem::Version cannot read', () => {
    for (const bad of ['', '   ', 'a1.0', '1.0_1', '1..0', 'v1.0', '1.0 beta']) {
      expect(isValidVersion('RubyGems', bad)).toBe(false);
    }
    expect(() => compareVersions('RubyGems', '1.0', 'v1.0')).toThrow(/^RubyGems version "v1.0" is not valid/);
  });
});
