import { describe, expect, it } from '@jest/globals';
import { isValidVersion } from '../../src/core/versions/index.js';
import { expectAscending, expectEqual } from './helpers.js';

describe('Hex version ordering (Elixir Version)', () => {
  it('orders by SemVer 2 precedence, the examples of Version.compare/2 included', () => {
    expectAscending('Hex', ['2.0.0', '2.0.1-alpha1', '2.0.1']);
    expectAscending('Hex', ['1.0.0-beta', '1.0.0-rc1', '1.0.0']);
    expectAscending('Hex', ['1.0.0-2', '1.0.0-10', '1.0.0-a']);
    expectAscending('Hex', ['0.9.0', '1.0.0-rc.0', '1.0.0', '1.10.0', '99999999999999999999.0.0']);
  });

  it('ignores build metadata: versions that differ only there are equal', () => {
    expectEqual('Hex', [['2.0.1+build0', '2.0.1']]);
  });

  it('refuses what Version.parse/1 refuses', () => {
    for (const bad of ['2.0-alpha1', 'v1.0.0', '01.0.0', '1.0.0-01', '1.0.0.0', '1.0.0-', '1.0.0+', 'invalid']) {
      expect(isValidVersion('Hex', bad)).toBe(false);
    }
  });
});
