import { describe, expect, it } from '@jest/globals';
import type { Ecosystem } from '../../src/core/inventory/types.js';
import { fixedVersionFor } from '../../src/scanners/dependencies/advisories/fixed-version.js';
import { parseOsvRecord } from '../../src/scanners/dependencies/advisories/osv-schema.js';
import { fixture } from './fixtures.js';

type Row = [id: string, ecosystem: Ecosystem, name: string, installed: string, fix: string | undefined];

describe('the version that fixes a record for the installed version', () => {
  it.each<Row>([
    // The fix of the interval holding the installed version, not the record's smallest.
    ['GHSA-c2qf-rxjj-qqgw', 'npm', 'semver', '7.5.1', '7.5.2'],
    ['GHSA-c2qf-rxjj-qqgw', 'npm', 'semver', '6.2.0', '6.3.1'],
    ['GHSA-c2qf-rxjj-qqgw', 'npm', 'semver', '5.0.0', '5.7.2'],
    ['GHSA-xvch-5gv4-984h', 'npm', 'minimist', '0.2.1', '0.2.4'],
    ['GHSA-xvch-5gv4-984h', 'npm', 'minimist', '1.2.5', '1.2.6'],
    ['GHSA-hrpp-h998-j3pp', 'npm', 'qs', '6.9.4', '6.9.7'],
    ['GHSA-hrpp-h998-j3pp', 'npm', 'qs', '6.0.0', '6.2.4'],
    ['GHSA-rv95-896h-c2vc', 'npm', 'express', '4.18.2', '4.19.2'],
    ['GHSA-rv95-896h-c2vc', 'npm', 'express', '5.0.0-beta.1', '5.0.0-beta.3'],
    ['GHSA-qw6h-vgh9-j6wx', 'npm', 'express', '5.0.0-beta.3', '5.0.0'],
    ['GHSA-67hx-6x53-jw92', 'npm', '@babel/traverse', '8.0.0-alpha.1', '8.0.0-alpha.4'],
    ['GHSA-pjwm-rvh2-c87w', 'npm', 'ua-parser-js', '0.8.0', '0.8.1'],
    // No fix: last_affected ranges and open ranges.
    ['GHSA-78xj-cgh5-2h22', 'npm', 'ip', '1.1.8', undefined],
    ['GHSA-w573-4hg7-7wgq', 'npm', 'decode-uri-component', '0.2.0', undefined],
    ['GHSA-67hx-6x53-jw92', 'npm', 'babel-traverse', '6.26.0', undefined],
    ['GO-2026-5932', 'Go', 'golang.org/x/crypto', 'v0.50.0', undefined],
    // Not affected: nothing to fix.
    ['GHSA-c2qf-rxjj-qqgw', 'npm', 'semver', '7.5.2', undefined],
    // Go: spelled with the `v` of go.mod when the installed version has one.
    ['GO-2023-2402', 'Go', 'golang.org/x/crypto', 'v0.16.0', 'v0.17.0'],
    ['GO-2023-2402', 'Go', 'golang.org/x/crypto', '0.16.0', '0.17.0'],
    ['GO-2022-0969', 'Go', 'golang.org/x/net', 'v0.0.0-20220805013720-a33c5aa5df48', 'v0.0.0-20220906165146-f3363e06e74c'],
    ['RUSTSEC-2021-0124', 'crates.io', 'tokio', '1.10.0', '1.13.1'],
    ['RUSTSEC-2021-0124', 'crates.io', 'tokio', '0.2.0', '1.8.4'],
    ['RUSTSEC-2023-0001', 'crates.io', 'tokio', '1.20.2', '1.20.3'],
  ])('%s for %s %s@%s: %s', (id, ecosystem, name, installed, fix) => {
    expect(fixedVersionFor(fixture(id), { ecosystem, name, version: installed })).toBe(fix);
  });

  it.each<Row>([
    ['PYSEC-2023-62', 'PyPI', 'flask', '2.2.4', '2.2.5'],
    ['PYSEC-2023-62', 'PyPI', 'flask', '2.3.1', '2.3.2'],
    ['PYSEC-2024-70', 'PyPI', 'django', '4.2.3', '4.2.15'],
    ['PYSEC-2024-70', 'PyPI', 'django', '5.0', '5.0.8'],
    ['GHSA-xj5v-6v4g-jfw6', 'RubyGems', 'rack', '2.2.8', '2.2.8.1'],
    ['GHSA-xj5v-6v4g-jfw6', 'RubyGems', 'rack', '3.0.0', '3.0.9.1'],
    ['GHSA-3pxv-7cmr-fjr4', 'Maven', 'org.apache.logging.log4j:log4j-core', '2.17.1', '2.25.4'],
    // The 3.x line is closed by last_affected: no fix, though 2.25.4 is a fix of another line.
    ['GHSA-3pxv-7cmr-fjr4', 'Maven', 'org.apache.logging.log4j:log4j-core', '3.0.0-beta2', undefined],
    ['GHSA-9f46-5r25-5wfm', 'Packagist', 'league/flysystem', '2.0.5', '2.1.1'],
    ['GHSA-9f46-5r25-5wfm', 'Packagist', 'league/flysystem', '1.0.70', '1.1.4'],
  ])('%s for %s %s@%s: %s (ecosystem ordering)', (id, ecosystem, name, installed, fix) => {
    expect(fixedVersionFor(fixture(id), { ecosystem, name, version: installed })).toBe(fix);
  });

  it('when the first fix is itself affected by another range, the search moves on to a version that clears the record', () => {
    const record = parseOsvRecord(
      {
        id: 'TEST-3',
        modified: '2024-01-01T00:00:00Z',
        affected: [
          { package: { ecosystem: 'crates.io', name: 'demo' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.2.0' }] }] },
          { package: { ecosystem: 'crates.io', name: 'demo' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.1.0' }, { fixed: '1.3.0' }] }] },
          { package: { ecosystem: 'crates.io', name: 'demo' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.3.0' }, { fixed: '1.4.0' }] }] },
        ],
      },
      'inline',
    );
    expect(fixedVersionFor(record, { ecosystem: 'crates.io', name: 'demo', version: '1.0.5' })).toBe('1.4.0');
    expect(fixedVersionFor(record, { ecosystem: 'crates.io', name: 'demo', version: '1.1.5' })).toBe('1.4.0');
  });

  it('a version matched only by the explicit versions list gets the smallest fix above it that clears the record', () => {
    const record = parseOsvRecord(
      {
        id: 'TEST-4',
        modified: '2024-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'demo' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { fixed: '2.0.3' }] }],
            versions: ['1.9.9', '2.0.0', '2.0.1', '2.0.2'],
          },
        ],
      },
      'inline',
    );
    expect(fixedVersionFor(record, { ecosystem: 'npm', name: 'demo', version: '1.9.9' })).toBe('2.0.3');
  });
});
