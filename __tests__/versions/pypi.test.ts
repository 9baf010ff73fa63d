import { describe, expect, it } from '@jest/globals';
import { compareVersions, isValidVersion } from '../../src/core/versions/index.js';
import { expectAscending, expectEqual } from './helpers.js';

describe('PyPI version ordering (PEP 440)', () => {
  it('orders dev, pre, final, post and local releases as packaging does', () => {
    // The ordering example of PEP 440's "Summary of permitted suffixes and relative ordering".
    expectAscending('PyPI', [
      '1.dev0',
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
    ]);
  });

  it('puts any epoch above every version of a lower one', () => {
    expectAscending('PyPI', ['2024.1', '1!0.1', '1!1.0', '2!0.0.dev0']);
  });

  it('normalizes alternative spellings and implicit zeros', () => {
    expectEqual('PyPI', [
      ['1.0.0a1', '1.0.0-alpha.1'],
      ['1.0', '1.0.0'],
      ['1.0c1', '1.0rc1'],
      ['1.0-pre1', '1.0rc1'],
      ['1.0-1', '1.0.post1'],
      ['1.0-r1', '1.0.post1'],
      ['1.0.post', '1.0.post0'],
      ['v1.0', '1.0'],
      ['1.0RC1', '1.0rc1'],
      [' 1.0 ', '1.0'],
      ['1.0+ubuntu-1', '1.0+ubuntu.1'],
      ['1.0+UBUNTU1', '1.0+ubuntu1'],
    ]);
  });

  it('compares local segments that look like numbers but are not as text', () => {
    // packaging reads "1e5" as text (str.isdigit), so it sorts below any number.
    expectAscending('PyPI', ['1.0+1e5', '1.0+5', '1.0+100000']);
    expectAscending('PyPI', ['1.0+ubuntu1', '1.0+ubuntu1.1', '1.0+ubuntu2']);
  });

  it('refuses versions PEP 440 cannot read', () => {
    for (const bad of ['', 'latest', '1.0-beta-1-x', '1..0', 'dev', '1.0+', '1.0+a..b']) {
      expect(isValidVersion('PyPI', bad)).toBe(false);
    }
    expect(() => compareVersions('PyPI', 'garbage', '1.0')).toThrow(
      'PyPI version "garbage" is not valid: not a PEP 440 version',
    );
  });
});
