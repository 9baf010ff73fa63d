import { describe, expect, it } from '@jest/globals';
import { compareVersions, isValidVersion } from '../../src/core/versions/index.js';
import { expectAscending, expectEqual } from './helpers.js';

describe('npm version ordering (node-semver, loose)', () => {
  it('orders pre-releases by SemVer 2 precedence, before their release', () => {
    expectAscending('npm', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0-0',
      '2.0.0',
      '10.0.0',
    ]);
  });

  it('ignores build metadata', () => {
    expectEqual('npm', [
      ['1.0.0+build.1', '1.0.0'],
      ['1.0.0-rc.1+a', '1.0.0-rc.1+b'],
    ]);
  });

  it('reads a leading v or =, spaces and loose spellings as npm does', () => {
    expectEqual('npm', [
      ['v1.2.3', '1.2.3'],
      ['=1.2.3', '1.2.3'],
      [' 1.2.3 ', '1.2.3'],
      ['1.2.3beta', '1.2.3-beta'],
    ]);
  });

  it('refuses what is not a version, with a one-line message', () => {
    expect(isValidVersion('npm', '1.2')).toBe(false);
    expect(isValidVersion('npm', 'latest')).toBe(false);
    expect(isValidVersion('npm', '')).toBe(false);
    expect(() => compareVersions('npm', '1.0.0', 'not\na version')).toThrow(
      /^npm version "not\\na version" is not valid: .+$/,
    );
  });
});
