import { describe, expect, it } from '@jest/globals';
import { compareVersions, isValidVersion } from '../../src/core/versions/index.js';
import { expectAscending, expectEqual } from './helpers.js';

describe('Go version ordering (golang.org/x/mod/semver)', () => {
  it('compares go.mod versions with a v and OSV versions without one', () => {
    expectEqual('Go', [
      ['v1.2.3', '1.2.3'],
      ['v0.0.0-20191109021931-daa7c04131f5', '0.0.0-20191109021931-daa7c04131f5'],
    ]);
    expect(compareVersions('Go', 'v0.3.7', '0.3.8')).toBe(-1);
    expect(compareVersions('Go', '0.17.0', 'v0.16.0')).toBe(1);
  });

  it('orders pseudo-versions as pre-releases of the version they precede', () => {
    expectAscending('Go', [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.0-20200101000000-aaaaaaaaaaaa',
      'v0.1.0',
      'v1.2.3',
      'v1.2.4-0.20191109021931-daa7c04131f5',
      'v1.2.4-pre',
      'v1.2.4-pre.0.20191109021931-daa7c04131f5',
      'v1.2.4',
    ]);
  });

  it('ignores +incompatible and other build metadata', () => {
    expectEqual('Go', [
      ['v2.0.0+incompatible', 'v2.0.0'],
      ['v4.1.0+incompatible', '4.1.0'],
    ]);
    expectAscending('Go', ['v2.0.0+incompatible', 'v2.0.1+incompatible', 'v3.0.0']);
  });

  it('reads the v1 and v1.2 shorthands as Go does', () => {
    expectEqual('Go', [
      ['v1', 'v1.0.0'],
      ['v1.2', '1.2.0'],
    ]);
  });

  it('keeps numbers exact past 2^53', () => {
    expectAscending('Go', ['v1.0.0-99999999999999999998', 'v1.0.0-99999999999999999999', 'v99999999999999999999.0.0']);
  });

  it('refuses what x/mod/semver refuses', () => {
    for (const bad of ['', 'v', 'v01.0.0', 'v1.2-pre', 'v1.0.0-', 'v1.0.0-01', 'v1.0.0+', 'V1.0.0', 'vv1.0.0', 'latest']) {
      expect(isValidVersion('Go', bad)).toBe(false);
    }
  });
});
