import { describe, expect, it } from '@jest/globals';
import { groupVulnerabilities } from '../../src/scanners/dependencies/advisories/aliases.js';
import { parseOsvRecord, type OsvRecord } from '../../src/scanners/dependencies/advisories/osv-schema.js';
import { fixture } from './fixtures.js';

function record(id: string, aliases: string[], extra: Record<string, unknown> = {}): OsvRecord {
  return parseOsvRecord(
    {
      id,
      modified: '2024-01-01T00:00:00Z',
      aliases,
      affected: [{ package: { ecosystem: 'crates.io', name: 'demo' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] }],
      ...extra,
    },
    id,
  );
}

describe('merging records that describe one vulnerability', () => {
  it('PYSEC-2023-62 and GHSA-m2qf-hxjv-5gpq (both CVE-2023-30861) are one finding for flask, shown under the GHSA id', () => {
    const pkg = { ecosystem: 'PyPI' as const, name: 'flask', version: '2.2.4' };
    const groups = groupVulnerabilities(pkg, [fixture('PYSEC-2023-62'), fixture('GHSA-m2qf-hxjv-5gpq')]);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group?.displayId).toBe('GHSA-m2qf-hxjv-5gpq');
    expect(group?.aliases).toEqual(['CVE-2023-30861', 'PYSEC-2023-62']);
    expect(group?.records.map((r) => r.id)).toEqual(['GHSA-m2qf-hxjv-5gpq', 'PYSEC-2023-62']);
    // PYSEC has no rating; the GHSA's CVSS 3.1 vector (7.5) is the group's.
    expect(group?.severity).toMatchObject({ score: 7.5, band: 'high', source: 'CVSS_V3', unknown: false });
    expect(group?.summary).toBe('Flask vulnerable to possible disclosure of permanent session cookie due to missing Vary: Cookie header');
  });

  it('the fix is the PYSEC/GHSA fix for the installed line (flask 2.2.4 → 2.2.5)', () => {
    const pkg = { ecosystem: 'PyPI' as const, name: 'flask', version: '2.2.4' };
    const [group] = groupVulnerabilities(pkg, [fixture('PYSEC-2023-62'), fixture('GHSA-m2qf-hxjv-5gpq')]);
    expect(group?.fixes).toEqual({ 'GHSA-m2qf-hxjv-5gpq': '2.2.5', 'PYSEC-2023-62': '2.2.5' });
    expect(group?.fixedVersion).toBe('2.2.5');
  });

  it('merges transitively (A lists B, C lists B) and keeps unrelated records apart; `related` never merges', () => {
    const pkg = { ecosystem: 'crates.io' as const, name: 'demo', version: '1.0.0' };
    const groups = groupVulnerabilities(pkg, [
      record('RUSTSEC-2024-0001', ['CVE-2024-1']),
      record('GHSA-aaaa-bbbb-cccc', ['CVE-2024-1']),
      record('OSV-2024-9', ['GHSA-aaaa-bbbb-cccc']),
      record('RUSTSEC-2024-0002', [], { related: ['CVE-2024-1'] }),
    ]);
    expect(groups.map((group) => [group.displayId, group.aliases])).toEqual([
      ['GHSA-aaaa-bbbb-cccc', ['CVE-2024-1', 'OSV-2024-9', 'RUSTSEC-2024-0001']],
      ['RUSTSEC-2024-0002', []],
    ]);
  });

  it('prefers GHSA, then the ecosystem database, then CVE for the display id, among records held', () => {
    const pkg = { ecosystem: 'crates.io' as const, name: 'demo', version: '1.0.0' };
    expect(groupVulnerabilities(pkg, [record('CVE-2024-5', ['RUSTSEC-2024-0005']), record('RUSTSEC-2024-0005', [])])[0]?.displayId).toBe(
      'RUSTSEC-2024-0005',
    );
    // A GHSA id only named as an alias is not shown: its severity is not in hand.
    expect(groupVulnerabilities(pkg, [record('GO-2024-0005', ['GHSA-zzzz-zzzz-zzzz'])])[0]?.displayId).toBe('GO-2024-0005');
  });

  it('severity is the most severe of the group; fix is the highest of the records\' minimal fixes', () => {
    const pkg = { ecosystem: 'crates.io' as const, name: 'demo', version: '1.0.0' };
    const low = record('RUSTSEC-2024-0007', ['CVE-2024-7'], { database_specific: { severity: 'LOW' } });
    const critical = parseOsvRecord(
      {
        id: 'GHSA-cccc-dddd-eeee',
        modified: '2024-01-01T00:00:00Z',
        aliases: ['CVE-2024-7'],
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
        affected: [{ package: { ecosystem: 'crates.io', name: 'demo' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.5.0' }] }] }],
      },
      'inline',
    );
    const [group] = groupVulnerabilities(pkg, [low, critical]);
    expect(group?.severity).toMatchObject({ score: 9.8, band: 'critical' });
    expect(group?.fixes).toEqual({ 'GHSA-cccc-dddd-eeee': '1.5.0', 'RUSTSEC-2024-0007': '2.0.0' });
    expect(group?.fixedVersion).toBe('2.0.0');
  });

  it('orders groups most severe first', () => {
    const pkg = { ecosystem: 'npm' as const, name: 'lodash', version: '4.17.11' };
    const groups = groupVulnerabilities(pkg, [fixture('GHSA-35jh-r3h4-6jhm'), fixture('GHSA-jf85-cpcp-j695')]);
    expect(groups.map((g) => [g.displayId, g.severity.score, g.fixedVersion])).toEqual([
      ['GHSA-jf85-cpcp-j695', 9.1, '4.17.12'],
      ['GHSA-35jh-r3h4-6jhm', 7.2, '4.17.21'],
    ]);
  });
});
