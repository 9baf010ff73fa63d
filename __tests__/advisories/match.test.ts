import { describe, expect, it } from '@jest/globals';
import type { Ecosystem } from '../../src/core/inventory/types.js';
import { isValidVersion } from '../../src/core/versions/index.js';
import { matchRecord } from '../../src/scanners/dependencies/advisories/match.js';
import { parseOsvRecord } from '../../src/scanners/dependencies/advisories/osv-schema.js';
import { normalizePackageName } from '../../src/scanners/dependencies/advisories/package-key.js';
import { fixture, fixtureJson } from './fixtures.js';

type Row = [id: string, ecosystem: Ecosystem, name: string, version: string, affected: boolean];

function affects(id: string, ecosystem: Ecosystem, name: string, version: string): boolean {
  const result = matchRecord(fixture(id), { ecosystem, name, version });
  return result.affected;
}

describe('matching real npm GHSA records', () => {
  it.each<Row>([
    // lodash: introduced 0, fixed 4.17.21 (and lodash-es in the same record).
    ['GHSA-35jh-r3h4-6jhm', 'npm', 'lodash', '4.17.20', true],
    ['GHSA-35jh-r3h4-6jhm', 'npm', 'lodash', '4.17.21', false],
    ['GHSA-35jh-r3h4-6jhm', 'npm', 'lodash', '0.1.0', true],
    ['GHSA-35jh-r3h4-6jhm', 'npm', 'lodash-es', '4.17.15', true],
    ['GHSA-35jh-r3h4-6jhm', 'npm', 'lodash.template', '4.5.0', false],
    ['GHSA-jf85-cpcp-j695', 'npm', 'lodash', '4.17.11', true],
    ['GHSA-jf85-cpcp-j695', 'npm', 'lodash', '4.17.12', false],
    ['GHSA-jf85-cpcp-j695', 'npm', 'lodash-es', '4.17.13', true],
    // minimist: two affected entries, [1.0.0, 1.2.6) and [0, 0.2.4).
    ['GHSA-xvch-5gv4-984h', 'npm', 'minimist', '1.2.5', true],
    ['GHSA-xvch-5gv4-984h', 'npm', 'minimist', '1.2.6', false],
    ['GHSA-xvch-5gv4-984h', 'npm', 'minimist', '0.2.1', true],
    ['GHSA-xvch-5gv4-984h', 'npm', 'minimist', '0.2.4', false],
    ['GHSA-xvch-5gv4-984h', 'npm', 'minimist', '0.9.0', false],
    // semver: three entries, one per release line.
    ['GHSA-c2qf-rxjj-qqgw', 'npm', 'semver', '7.5.1', true],
    ['GHSA-c2qf-rxjj-qqgw', 'npm', 'semver', '7.5.2', false],
    ['GHSA-c2qf-rxjj-qqgw', 'npm', 'semver', '6.3.0', true],
    ['GHSA-c2qf-rxjj-qqgw', 'npm', 'semver', '6.3.1', false],
    ['GHSA-c2qf-rxjj-qqgw', 'npm', 'semver', '5.7.1', true],
    ['GHSA-c2qf-rxjj-qqgw', 'npm', 'semver', '5.7.2', false],
    // express: [0, 4.19.2) and the pre-release line [5.0.0-alpha.1, 5.0.0-beta.3).
    ['GHSA-rv95-896h-c2vc', 'npm', 'express', '4.19.1', true],
    ['GHSA-rv95-896h-c2vc', 'npm', 'express', '4.19.2', false],
    ['GHSA-rv95-896h-c2vc', 'npm', 'express', '5.0.0-alpha.0', false],
    ['GHSA-rv95-896h-c2vc', 'npm', 'express', '5.0.0-alpha.1', true],
    ['GHSA-rv95-896h-c2vc', 'npm', 'express', '5.0.0-beta.1', true],
    ['GHSA-rv95-896h-c2vc', 'npm', 'express', '5.0.0-beta.3', false],
    ['GHSA-rv95-896h-c2vc', 'npm', 'express', '5.0.0', false],
    ['GHSA-qw6h-vgh9-j6wx', 'npm', 'express', '5.0.0-beta.3', true],
    ['GHSA-qw6h-vgh9-j6wx', 'npm', 'express', '5.0.0', false],
    // last_affected: the named version is affected, the next one is not.
    ['GHSA-78xj-cgh5-2h22', 'npm', 'ip', '1.1.8', true],
    ['GHSA-78xj-cgh5-2h22', 'npm', 'ip', '1.1.9', false],
    ['GHSA-78xj-cgh5-2h22', 'npm', 'ip', '2.0.0', false],
    ['GHSA-w573-4hg7-7wgq', 'npm', 'decode-uri-component', '0.2.0', true],
    ['GHSA-w573-4hg7-7wgq', 'npm', 'decode-uri-component', '0.2.1', false],
    ['GHSA-wm7h-9275-46v2', 'npm', 'dicer', '0.3.1', true],
    ['GHSA-wm7h-9275-46v2', 'npm', 'dicer', '0.3.2', false],
    // babel-traverse has an open range (introduced 0, nothing after).
    ['GHSA-67hx-6x53-jw92', 'npm', 'babel-traverse', '6.26.0', true],
    ['GHSA-67hx-6x53-jw92', 'npm', 'babel-traverse', '99.0.0', true],
    ['GHSA-67hx-6x53-jw92', 'npm', '@babel/traverse', '7.23.1', true],
    ['GHSA-67hx-6x53-jw92', 'npm', '@babel/traverse', '7.23.2', false],
    ['GHSA-67hx-6x53-jw92', 'npm', '@babel/traverse', '8.0.0-alpha.3', true],
    ['GHSA-67hx-6x53-jw92', 'npm', '@babel/traverse', '8.0.0-alpha.4', false],
    // ua-parser-js: explicit versions beside one-version ranges.
    ['GHSA-pjwm-rvh2-c87w', 'npm', 'ua-parser-js', '0.7.29', true],
    ['GHSA-pjwm-rvh2-c87w', 'npm', 'ua-parser-js', '0.7.28', false],
    ['GHSA-pjwm-rvh2-c87w', 'npm', 'ua-parser-js', '0.7.30', false],
    ['GHSA-pjwm-rvh2-c87w', 'npm', 'ua-parser-js', '0.8.0', true],
    ['GHSA-pjwm-rvh2-c87w', 'npm', 'ua-parser-js', '1.0.0', true],
    ['GHSA-pjwm-rvh2-c87w', 'npm', 'ua-parser-js', '1.0.1', false],
    // yaml: pre-release lower bound 2.0.0-5.
    ['GHSA-f9xv-q969-pqx4', 'npm', 'yaml', '2.0.0-4', false],
    ['GHSA-f9xv-q969-pqx4', 'npm', 'yaml', '2.0.0-5', true],
    ['GHSA-f9xv-q969-pqx4', 'npm', 'yaml', '2.2.1', true],
    ['GHSA-f9xv-q969-pqx4', 'npm', 'yaml', '1.10.2', false],
    // qs: nine affected entries.
    ['GHSA-hrpp-h998-j3pp', 'npm', 'qs', '6.10.2', true],
    ['GHSA-hrpp-h998-j3pp', 'npm', 'qs', '6.10.3', false],
    ['GHSA-hrpp-h998-j3pp', 'npm', 'qs', '6.2.3', true],
    ['GHSA-hrpp-h998-j3pp', 'npm', 'qs', '6.3.3', false],
    ['GHSA-hrpp-h998-j3pp', 'npm', 'qs', '6.11.0', false],
    // node-fetch GHSA-w7rc: [3.0.0-beta.1, 3.0.0-beta.9).
    ['GHSA-w7rc-rwvf-8q5r', 'npm', 'node-fetch', '3.0.0-beta.8', true],
    ['GHSA-w7rc-rwvf-8q5r', 'npm', 'node-fetch', '3.0.0-beta.9', false],
    ['GHSA-w7rc-rwvf-8q5r', 'npm', 'node-fetch', '2.6.0', true],
  ])('%s affects %s %s@%s: %s', (id, ecosystem, name, version, expected) => {
    expect(affects(id, ecosystem, name, version)).toBe(expected);
  });

  it('a withdrawn record never matches, though its range covers the version', () => {
    const record = fixture('GHSA-27h2-hvpr-p74q');
    expect(record.withdrawn).toBe('2023-01-27T21:51:55Z');
    expect(matchRecord(record, { ecosystem: 'npm', name: 'jsonwebtoken', version: '8.5.1' })).toEqual({
      affected: false,
      warnings: [],
    });
    const unwithdrawn = { ...record };
    delete unwithdrawn.withdrawn;
    expect(matchRecord(unwithdrawn, { ecosystem: 'npm', name: 'jsonwebtoken', version: '8.5.1' }).affected).toBe(true);
  });

  it('npm names compare exactly, as osv-scanner does: the `Axios` record does not match axios', () => {
    expect(affects('GHSA-8hc4-vh64-cxmj', 'npm', 'axios', '1.7.2')).toBe(false);
    expect(affects('GHSA-8hc4-vh64-cxmj', 'npm', 'Axios', '1.7.2')).toBe(true);
    expect(affects('GHSA-wf5p-g6vw-rhxx', 'npm', 'axios', '1.5.1')).toBe(true);
  });

  it('entries of other ecosystems inside an npm record only match their own ecosystem', () => {
    // moment's record also names NuGet `Moment.js`; handlebars' names Maven webjars.
    expect(affects('GHSA-8hfj-j24r-96c4', 'npm', 'Moment.js', '2.29.1')).toBe(false);
    expect(affects('GHSA-8hfj-j24r-96c4', 'npm', 'moment', '2.29.1')).toBe(true);
    expect(affects('GHSA-f2jv-r9rf-7988', 'npm', 'org.webjars.npm:handlebars', '4.7.6')).toBe(false);
    expect(affects('GHSA-f2jv-r9rf-7988', 'npm', 'handlebars', '4.7.6')).toBe(true);
  });

  it('a bound the npm ordering cannot read skips that range with a warning, and the other ranges still count', () => {
    // node-fetch GHSA-r683: entry 0 is [1.0, 3.1.1) (not SemVer), entry 1 is [0, 2.6.7).
    const record = fixture('GHSA-r683-j2x4-v87g');
    const inSecond = matchRecord(record, { ecosystem: 'npm', name: 'node-fetch', version: '2.6.5' });
    expect(inSecond.affected).toBe(true);
    const onlyFirst = matchRecord(record, { ecosystem: 'npm', name: 'node-fetch', version: '3.0.0' });
    if (isValidVersion('npm', '1.0')) {
      // An ordering that reads `1.0` as 1.0.0 (as osv-scanner's does) covers 3.0.0.
      expect(onlyFirst).toEqual({ affected: true, warnings: [] });
    } else {
      expect(onlyFirst.affected).toBe(false);
      expect(onlyFirst.warnings).toEqual([
        'GHSA-r683-j2x4-v87g: npm/node-fetch: affected[0].ranges[0] skipped: introduced "1.0" is not a readable npm version',
      ]);
    }
  });

  it('an installed version the ordering cannot read is a warning, not a match and not a crash', () => {
    const result = matchRecord(fixture('GHSA-35jh-r3h4-6jhm'), { ecosystem: 'npm', name: 'lodash', version: 'github:lodash/lodash#abc' });
    expect(result.affected).toBe(false);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /^GHSA-35jh-r3h4-6jhm: npm\/lodash@github:lodash\/lodash#abc: ECOSYSTEM ranges not evaluated: /,
    );
  });

  it('the explicit versions list matches by exact string even when the version is not orderable', () => {
    const json = fixtureJson('GHSA-pjwm-rvh2-c87w');
    json['affected'][0]['versions'] = ['0.7.29', 'weird-build'];
    const record = parseOsvRecord(json, 'mutated');
    expect(matchRecord(record, { ecosystem: 'npm', name: 'ua-parser-js', version: 'weird-build' }).affected).toBe(true);
  });
});

describe('the evaluation algorithm on edge cases of the schema', () => {
  function record(ranges: unknown[], extra: Record<string, unknown> = {}) {
    return parseOsvRecord(
      {
        id: 'TEST-1',
        modified: '2024-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'crates.io', name: 'demo' }, ranges, ...extra }],
      },
      'inline',
    );
  }
  const at = (rec: ReturnType<typeof record>, version: string) =>
    matchRecord(rec, { ecosystem: 'crates.io', name: 'demo', version }).affected;

  it('sorts events by version before walking them, so a record listing newer lines first still matches', () => {
    const rec = record([
      { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.1.0' }, { introduced: '0' }, { fixed: '1.0.5' }] },
    ]);
    expect([at(rec, '1.0.4'), at(rec, '1.0.5'), at(rec, '1.9.0'), at(rec, '2.0.3'), at(rec, '2.1.0')]).toEqual([
      true,
      false,
      false,
      true,
      false,
    ]);
  });

  it('adjacent intervals sharing a bound (fixed X, introduced X) keep X affected', () => {
    const rec = record([{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '2.0.0' }, { introduced: '2.0.0' }, { fixed: '3.0.0' }] }]);
    expect([at(rec, '2.0.0'), at(rec, '2.5.0'), at(rec, '3.0.0')]).toEqual([true, true, false]);
  });

  it('limit events bound the range: versions at or past every limit are unaffected; "*" is infinity', () => {
    const limited = record([{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '1.5.0' }] }]);
    expect([at(limited, '0.9.0'), at(limited, '1.4.9'), at(limited, '1.5.0'), at(limited, '9.0.0')]).toEqual([false, true, false, false]);
    const star = record([{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '*' }] }]);
    expect(at(star, '9.0.0')).toBe(true);
  });

  it('GIT ranges are ignored for package matching; the ECOSYSTEM range beside them decides', () => {
    const rec = record([
      { type: 'GIT', repo: 'https://example.invalid/demo', events: [{ introduced: '0' }, { fixed: 'abc123' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.0' }] },
    ]);
    expect([at(rec, '1.1.0'), at(rec, '1.2.0')]).toEqual([true, false]);
    expect(matchRecord(rec, { ecosystem: 'crates.io', name: 'demo', version: '1.1.0' }).warnings).toEqual([]);
  });

  it('an entry with neither ranges nor versions matches nothing', () => {
    expect(at(record([]), '1.0.0')).toBe(false);
  });

  it('several ranges of one entry are OR-ed', () => {
    const rec = record([
      { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.1.0' }] },
      { type: 'SEMVER', events: [{ introduced: '3.0.0' }, { last_affected: '3.2.0' }] },
    ]);
    expect([at(rec, '1.0.5'), at(rec, '2.0.0'), at(rec, '3.2.0'), at(rec, '3.2.1')]).toEqual([true, false, true, false]);
  });

  it('ecosystems with a suffix (Debian:11, Packagist:<repo>) never match ours', () => {
    const rec = parseOsvRecord(
      {
        id: 'TEST-2',
        modified: '2024-01-01T00:00:00Z',
        affected: [
          { package: { ecosystem: 'Debian:11', name: 'demo' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] },
          { package: { ecosystem: 'crates.io:mirror', name: 'demo' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] },
        ],
      },
      'inline',
    );
    expect(matchRecord(rec, { ecosystem: 'crates.io', name: 'demo', version: '1.0.0' }).affected).toBe(false);
  });
});

describe('matching SEMVER ranges of Go and crates.io', () => {
  it.each<Row>([
    // Go vulndb versions have no `v`; go.mod versions do.
    ['GO-2024-3333', 'Go', 'golang.org/x/net', 'v0.32.0', true],
    ['GO-2024-3333', 'Go', 'golang.org/x/net', 'v0.33.0', false],
    ['GO-2024-3333', 'Go', 'golang.org/x/net', '0.32.0', true],
    ['GO-2023-1571', 'Go', 'golang.org/x/net', 'v0.6.0', true],
    ['GO-2023-1571', 'Go', 'golang.org/x/net', 'v0.7.0', false],
    // A pseudo-version fix: earlier commits are affected, later ones and releases are not.
    ['GO-2022-0969', 'Go', 'golang.org/x/net', 'v0.0.0-20220805013720-a33c5aa5df48', true],
    ['GO-2022-0969', 'Go', 'golang.org/x/net', 'v0.0.0-20220906165146-f3363e06e74c', false],
    ['GO-2022-0969', 'Go', 'golang.org/x/net', 'v0.1.0', false],
    ['GO-2022-0969', 'Go', 'stdlib', 'v1.18.5', true],
    ['GO-2023-2402', 'Go', 'golang.org/x/crypto', 'v0.16.0', true],
    ['GO-2023-2402', 'Go', 'golang.org/x/crypto', 'v0.17.0', false],
    ['GO-2023-2402', 'Go', 'golang.org/x/crypto', 'v0.0.0-20231218163308-9d2ee975ef9f', true],
    ['GO-2026-5932', 'Go', 'golang.org/x/crypto', 'v0.50.0', true],
    ['GO-2023-2402', 'Go', 'golang.org/x/net', 'v0.16.0', false],
    // tokio: several intervals per range.
    ['RUSTSEC-2021-0124', 'crates.io', 'tokio', '0.1.13', false],
    ['RUSTSEC-2021-0124', 'crates.io', 'tokio', '0.1.14', true],
    ['RUSTSEC-2021-0124', 'crates.io', 'tokio', '1.8.3', true],
    ['RUSTSEC-2021-0124', 'crates.io', 'tokio', '1.8.4', false],
    ['RUSTSEC-2021-0124', 'crates.io', 'tokio', '1.9.0', true],
    ['RUSTSEC-2021-0124', 'crates.io', 'tokio', '1.13.1', false],
    ['RUSTSEC-2023-0001', 'crates.io', 'tokio', '1.20.2', true],
    ['RUSTSEC-2023-0001', 'crates.io', 'tokio', '1.20.3', false],
    ['RUSTSEC-2023-0001', 'crates.io', 'tokio', '1.20.4', false],
    ['RUSTSEC-2023-0001', 'crates.io', 'tokio', '1.22.0', true],
  ])('%s affects %s %s@%s: %s', (id, ecosystem, name, version, expected) => {
    expect(affects(id, ecosystem, name, version)).toBe(expected);
  });
});

describe('matching ECOSYSTEM ranges of PyPI, RubyGems, Maven, Packagist and NuGet (their own orderings)', () => {
  it.each<Row>([
    // flask: versions list plus an ECOSYSTEM range [0, 2.2.5) ∪ [2.3.0, 2.3.2).
    ['PYSEC-2023-62', 'PyPI', 'flask', '2.2.4', true],
    ['PYSEC-2023-62', 'PyPI', 'Flask', '2.2.4', true],
    ['PYSEC-2023-62', 'PyPI', 'flask', '2.2.5', false],
    ['PYSEC-2023-62', 'PyPI', 'flask', '2.3.1', true],
    ['PYSEC-2023-62', 'PyPI', 'flask', '2.3.2', false],
    // An epoch sorts after every epoch-0 version: 1!0.1 is past every fix.
    ['PYSEC-2023-62', 'PyPI', 'flask', '1!0.1', false],
    // Not in the versions list, inside the range: only the ordering can tell.
    ['PYSEC-2023-62', 'PyPI', 'flask', '2.2.4.post1', true],
    ['PYSEC-2023-62', 'PyPI', 'flask', '2.2.5rc1', true],
    ['GHSA-m2qf-hxjv-5gpq', 'PyPI', 'flask', '2.3.0', true],
    ['PYSEC-2019-179', 'PyPI', 'flask', '0.12.4', true],
    ['PYSEC-2019-179', 'PyPI', 'flask', '1.0', false],
    ['PYSEC-2019-179', 'PyPI', 'flask', '1.0.0', false],
    ['PYSEC-2024-70', 'PyPI', 'Django', '4.2.14', true],
    ['PYSEC-2024-70', 'PyPI', 'django', '4.2.15', false],
    ['PYSEC-2024-70', 'PyPI', 'django', '5.0.7', true],
    ['PYSEC-2024-70', 'PyPI', 'django', '4.1', false],
    // rack: four-part versions.
    ['GHSA-xj5v-6v4g-jfw6', 'RubyGems', 'rack', '2.2.8', true],
    ['GHSA-xj5v-6v4g-jfw6', 'RubyGems', 'rack', '2.2.8.1', false],
    ['GHSA-xj5v-6v4g-jfw6', 'RubyGems', 'rack', '3.0.9', true],
    ['GHSA-xj5v-6v4g-jfw6', 'RubyGems', 'rack', '3.0.9.1', false],
    ['GHSA-xj5v-6v4g-jfw6', 'RubyGems', 'rack', '1.2.0', false],
    // log4j: Maven qualifiers, and a last_affected line for 3.x.
    ['GHSA-3pxv-7cmr-fjr4', 'Maven', 'org.apache.logging.log4j:log4j-core', '2.25.3', true],
    ['GHSA-3pxv-7cmr-fjr4', 'Maven', 'org.apache.logging.log4j:log4j-core', '2.25.4', false],
    ['GHSA-3pxv-7cmr-fjr4', 'Maven', 'org.apache.logging.log4j:log4j-core', '2.17.1', true],
    ['GHSA-3pxv-7cmr-fjr4', 'Maven', 'org.apache.logging.log4j:log4j-core', '3.0.0-beta3', true],
    ['GHSA-3pxv-7cmr-fjr4', 'Maven', 'org.apache.logging.log4j:log4j-core', '3.0.0', false],
    ['GHSA-3pxv-7cmr-fjr4', 'Maven', 'org.apache.logging.log4j:log4j-api', '2.17.1', false],
    ['GHSA-269g-pwp5-87pp', 'Maven', 'junit:junit', '4.13', true],
    ['GHSA-269g-pwp5-87pp', 'Maven', 'junit:junit', '4.13.1', false],
    ['GHSA-269g-pwp5-87pp', 'Maven', 'junit:junit', '4.6', false],
    ['GHSA-wm7h-9275-46v2', 'Maven', 'org.webjars.npm:dicer', '0.3.0', true],
    ['GHSA-wm7h-9275-46v2', 'Maven', 'org.webjars.npm:dicer', '0.3.1', false],
    // Packagist: names compare case-insensitively.
    ['GHSA-9f46-5r25-5wfm', 'Packagist', 'league/flysystem', '1.1.3', true],
    ['GHSA-9f46-5r25-5wfm', 'Packagist', 'League/Flysystem', '1.1.3', true],
    ['GHSA-9f46-5r25-5wfm', 'Packagist', 'league/flysystem', '1.1.4', false],
    ['GHSA-9f46-5r25-5wfm', 'Packagist', 'league/flysystem', '2.0.5', true],
    ['GHSA-9f46-5r25-5wfm', 'Packagist', 'league/flysystem', '2.1.1', false],
    ['GHSA-9f46-5r25-5wfm', 'Packagist', 'league/flysystem', '3.0.0', false],
    ['DRUPAL-CORE-2025-005', 'Packagist', 'drupal/core', '10.5.5', true],
    ['DRUPAL-CORE-2025-005', 'Packagist', 'drupal/core', '10.5.6', false],
    // NuGet ids are case-insensitive.
    ['GHSA-8hfj-j24r-96c4', 'NuGet', 'moment.js', '2.29.1', true],
    ['GHSA-8hfj-j24r-96c4', 'NuGet', 'Moment.js', '2.29.2', false],
  ])('%s affects %s %s@%s: %s', (id, ecosystem, name, version, expected) => {
    expect(affects(id, ecosystem, name, version)).toBe(expected);
  });

  it('django PYSEC-2024-70 lists its 5.0 line before its 4.2 line; with the versions list removed the sorted ranges still match', () => {
    const json = fixtureJson('PYSEC-2024-70');
    json['affected'][0]['versions'] = [];
    const record = parseOsvRecord(json, 'PYSEC-2024-70 without versions');
    const at = (version: string) => matchRecord(record, { ecosystem: 'PyPI', name: 'django', version });
    expect(at('4.2.14')).toEqual({ affected: true, warnings: [] });
    expect(at('4.2.15').affected).toBe(false);
    expect(at('4.3').affected).toBe(false);
    expect(at('5.0.7').affected).toBe(true);
    expect(at('5.0.8').affected).toBe(false);
  });
});

describe('package names per ecosystem', () => {
  it.each<[Ecosystem, string, string]>([
    ['PyPI', 'Django', 'django'],
    ['PyPI', 'zope.interface', 'zope-interface'],
    ['PyPI', 'Typing__Extensions', 'typing-extensions'],
    ['PyPI', 'a-_.-b', 'a-b'],
    ['Packagist', 'League/Flysystem', 'league/flysystem'],
    ['NuGet', 'Newtonsoft.Json', 'newtonsoft.json'],
    ['npm', 'JSONStream', 'JSONStream'],
    ['Maven', 'org.Apache:Foo', 'org.Apache:Foo'],
    ['Go', 'github.com/BurntSushi/toml', 'github.com/BurntSushi/toml'],
  ])('%s normalises %s to %s', (ecosystem, name, normalized) => {
    expect(normalizePackageName(ecosystem, name)).toBe(normalized);
  });
});
