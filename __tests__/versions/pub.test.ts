import { describe, expect, it } from '@jest/globals';
import { isValidVersion } from '../../src/core/versions/index.js';
import { expectAscending, expectEqual } from './helpers.js';

describe('Pub version ordering (pub_semver)', () => {
  it('orders pre-releases before their release by SemVer rules', () => {
    expectAscending('Pub', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0-nullsafety.0',
      '1.2.0',
    ]);
  });

  it('orders build metadata too: after no build, then part by part', () => {
    // Version.compareTo: "Builds always come after no build string."
    expectAscending('Pub', ['1.0.0', '1.0.0+1', '1.0.0+2', '1.0.0+10', '1.0.0+a', '1.0.0+a.1', '1.0.1-dev']);
    expectAscending('Pub', ['1.0.0-dev', '1.0.0-dev+1', '1.0.0']);
  });

  it('reads numbers with leading zeros, and identifiers as Dart int.tryParse does', () => {
    expectEqual('Pub', [
      ['01.02.03', '1.2.3'],
      ['1.0.0-01', '1.0.0-1'],
      ['1.0.0-0x10', '1.0.0-16'],
    ]);
    expectAscending('Pub', ['1.0.0--1', '1.0.0-0', '1.0.0-99999999999999999999']);
  });

  it('refuses what Version.parse refuses', () => {
    for (const bad of ['1.0', 'v1.0.0', '1.0.0-', '1.0.0+', ' 1.0.0', '1.0.0-a..b', '99999999999999999999.0.0']) {
      expect(isValidVersion('Pub', bad)).toBe(false);
    }
  });
});
