import { describe, expect, it } from '@jest/globals';
import { AdvisoryDatabase } from '../../src/scanners/dependencies/advisories/database.js';
import { findVulnerabilities } from '../../src/scanners/dependencies/advisories/find-vulnerabilities.js';
import type { OsvRecord } from '../../src/scanners/dependencies/advisories/osv-schema.js';
import { allFixtures, fixture } from './fixtures.js';

describe('the in-memory advisory database', () => {
  const database = new AdvisoryDatabase(allFixtures());

  it('holds every fixture record but the withdrawn one', () => {
    expect(database.size).toBe(261);
    expect(database.withdrawn).toBe(1);
    expect(database.get('GHSA-27h2-hvpr-p74q')).toBeUndefined();
  });

  it('indexes records under each package they name, once per package', () => {
    expect(database.candidates('npm', 'lodash').map((r) => r.id).sort()).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-jf85-cpcp-j695']);
    // semver's record names semver three times: one candidate.
    expect(database.candidates('npm', 'semver').map((r) => r.id)).toEqual(['GHSA-c2qf-rxjj-qqgw']);
    expect(database.candidates('PyPI', 'Flask').length).toBe(database.candidates('PyPI', 'flask').length);
    expect(database.candidates('npm', 'left-pad')).toEqual([]);
    // jsonwebtoken: 4 fixture records, one withdrawn.
    expect(database.candidates('npm', 'jsonwebtoken')).toHaveLength(3);
  });

  it('looks up the records affecting a package version (tokio 1.20.2: three RUSTSEC records)', () => {
    const lookup = database.lookup({ ecosystem: 'crates.io', name: 'tokio', version: '1.20.2' });
    expect(lookup.records.map((r) => r.id).sort()).toEqual(['RUSTSEC-2023-0001', 'RUSTSEC-2023-0005', 'RUSTSEC-2025-0023']);
    expect(lookup.warnings).toEqual([]);
  });

  it('looks up Go modules by go.mod version (golang.org/x/net v0.17.0)', () => {
    const ids = database
      .lookup({ ecosystem: 'Go', name: 'golang.org/x/net', version: 'v0.17.0' })
      .records.map((r) => r.id)
      .sort();
    expect(ids).toContain('GO-2024-2687');
    expect(ids).toContain('GO-2024-3333');
    expect(ids).not.toContain('GO-2023-2102'); // fixed in 0.17.0
    expect(ids).not.toContain('GO-2023-1571'); // fixed in 0.7.0
  });

  it('keeps the later copy when two sources hold the same id', () => {
    const older = fixture('GHSA-35jh-r3h4-6jhm');
    const newer: OsvRecord = { ...older, modified: '2099-01-01T00:00:00Z', summary: 'newer copy' };
    const db = new AdvisoryDatabase([newer, older]);
    expect(db.size).toBe(1);
    expect(db.get('GHSA-35jh-r3h4-6jhm')?.summary).toBe('newer copy');
  });
});

describe('finding the vulnerabilities of installed packages', () => {
  const database = new AdvisoryDatabase(allFixtures());

  it('groups aliases, skips local packages, evaluates a repeated name and version once', () => {
    const packages = [
      { ecosystem: 'PyPI' as const, name: 'Flask', version: '2.2.4', id: 'a' },
      { ecosystem: 'npm' as const, name: 'lodash', version: '4.17.21', id: 'b' },
      { ecosystem: 'npm' as const, name: 'minimist', version: '1.2.5', id: 'c' },
      { ecosystem: 'npm' as const, name: 'minimist', version: '1.2.5', id: 'd' },
      { ecosystem: 'npm' as const, name: 'ip', version: '1.1.8', id: 'e', local: true },
    ];
    const report = findVulnerabilities(database, packages);
    expect(report.affected.map((entry) => [entry.package.id, entry.vulnerabilities.map((v) => v.displayId)])).toEqual([
      ['a', ['GHSA-m2qf-hxjv-5gpq']],
      ['c', ['GHSA-xvch-5gv4-984h']],
      ['d', ['GHSA-xvch-5gv4-984h']],
    ]);
    expect(report.affected[1]?.vulnerabilities[0]).toMatchObject({ fixedVersion: '1.2.6', severity: { band: 'critical', score: 9.8 } });
    expect(report.warnings).toEqual([]);
  });

  it('reports each unreadable range once, however many packages meet it', () => {
    const report = findVulnerabilities(database, [
      { ecosystem: 'npm', name: 'node-fetch', version: '3.0.0' },
      { ecosystem: 'npm', name: 'node-fetch', version: '3.1.0' },
    ]);
    expect(report.warnings.filter((w) => w.includes('GHSA-r683-j2x4-v87g'))).toHaveLength(1);
  });
});

describe('matching speed', () => {
  it('matches 10,000 packages against 100,000 records in well under a second on an idle machine', () => {
    const records: OsvRecord[] = [];
    const PACKAGES = 10_000;
    for (let i = 0; i < 100_000; i += 1) {
      const name = `pkg-${i % (PACKAGES * 2)}`;
      // Built as the schema would return them: parsing 100,000 records is not what is measured.
      records.push({
        id: `GHSA-test-${i}`,
        modified: '2024-01-01T00:00:00Z',
        aliases: [`CVE-2024-${i}`],
        related: [],
        severity: [],
        references: [],
        affected: [
          {
            package: { ecosystem: 'npm', name },
            severity: [],
            versions: [],
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: `${i % 7}.0.0` }, { fixed: `${(i % 7) + 1}.2.${i % 5}` }] }],
          },
        ],
      });
    }
    const database = new AdvisoryDatabase(records);
    const packages = Array.from({ length: PACKAGES }, (_, i) => ({ ecosystem: 'npm' as const, name: `pkg-${i}`, version: `${i % 9}.1.0` }));
    const started = performance.now();
    const report = findVulnerabilities(database, packages);
    const elapsedMs = performance.now() - started;
    if (process.env['ADVISORY_BENCH']) console.log(`matched ${packages.length} packages against ${database.size} records in ${elapsedMs.toFixed(0)} ms`);
    expect(report.affected.length).toBeGreaterThan(1000);
    // About 0.4 s in plain node and 0.7 s under jest here; the bound leaves room for a loaded CI machine.
    expect(elapsedMs).toBeLessThan(2500);
  });
});
