import { describe, expect, it } from '@jest/globals';
import { isValidVersion } from '../../src/core/versions/index.js';
import { expectAscending, expectEqual } from './helpers.js';

describe('crates.io version ordering (Cargo semver)', () => {
  it('orders by SemVer 2 precedence', () => {
    expectAscending('crates.io', [
      '0.1.0',
      '0.9.9',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '18446744073709551615.0.0',
    ]);
  });

  it('does not let build metadata decide', () => {
    expectEqual('crates.io', [['1.0.0+20240101', '1.0.0']]);
  });

  it('refuses what the semver crate refuses', () => {
    for (const bad of ['v1.0.0', '1.0', '01.0.0', '1.0.0-01', '1.0.0-', '1.0.0-a..b', ' 1.0.0', '18446744073709551616.0.0']) {
      expect(isValidVersion('crates.io', bad)).toBe(false);
    }
  });
});
