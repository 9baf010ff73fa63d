import { describe, expect, it } from '@jest/globals';
import { compareVersions, isValidVersion } from '../../src/core/versions/index.js';
import { expectAscending, expectEqual } from './helpers.js';

describe('NuGet version ordering (NuGet.Versioning)', () => {
  it('compares a fourth number, where 1.0.0.0 equals 1.0.0', () => {
    expectAscending('NuGet', ['1.0.0', '1.0.0.1', '1.0.0.10', '1.0.1', '4.5.0.1', '13.0.1']);
    expectEqual('NuGet', [
      ['1.0.0.0', '1.0.0'],
      ['1.0', '1.0.0'],
      ['1', '1.0.0.0'],
      ['01.02.03', '1.2.3'],
    ]);
  });

  it('orders release labels numbers first, text case-insensitively, before the release', () => {
    expectAscending('NuGet', [
      '1.0.0-1',
      '1.0.0-2',
      '1.0.0-10',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-Beta',
      '1.0.0-beta.2',
      '1.0.0-RC.1',
      '1.0.0',
      '1.0.0.1-preview',
      '1.0.0.1',
    ]);
    expectEqual('NuGet', [
      ['1.0.0-BETA', '1.0.0-beta'],
      ['1.0.0-Preview.1', '1.0.0-preview.1'],
    ]);
  });

  it('ignores metadata', () => {
    expectEqual('NuGet', [
      ['1.0.0+abc', '1.0.0'],
      ['1.0.0-beta+abc', '1.0.0-beta+def'],
    ]);
  });

  it('refuses a leading v and other text NuGetVersion.TryParse refuses', () => {
    for (const bad of ['v1.0.0', '', '1.0.0.0.0', '1.0.0-01', '1.0.0-', '1.0.0+', '1..0', '1.0.0-a_b', '2147483648.0']) {
      expect(isValidVersion('NuGet', bad)).toBe(false);
    }
    expect(() => compareVersions('NuGet', 'v1.0.0', '1.0.0')).toThrow(/^NuGet version "v1.0.0" is not valid/);
  });
});
