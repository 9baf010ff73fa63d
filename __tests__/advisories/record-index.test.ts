import { afterEach, describe, expect, it } from '@jest/globals';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Ecosystem } from '../../src/core/inventory/types.js';
import { AdvisoryDatabase } from '../../src/scanners/dependencies/advisories/database.js';
import { loadAdvisories } from '../../src/scanners/dependencies/advisories/load-advisories.js';
import { indexFileFor } from '../../src/scanners/dependencies/advisories/record-index.js';
import { loadDirectory } from '../../src/scanners/dependencies/advisories/source-directory.js';
import { makeTempDir } from '../support/temp-repo.js';
import { allFixtures, fixtureIndex, fixtureJson, fixtureText, OSV_FIXTURES } from './fixtures.js';

const temporary: string[] = [];
function tempDir(): string {
  const dir = makeTempDir('advisory-index-');
  temporary.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

/** Sets every folder's mtime an hour back: an index is only stored for folders that have not just changed. */
function settle(root: string): void {
  const folders = [root, ...readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(e.parentPath, e.name))];
  for (const folder of folders) utimesSync(folder, AN_HOUR_AGO, AN_HOUR_AGO);
}

/** A copy of the fixture folder whose folders last changed an hour ago. */
function fixtureCopy(): string {
  const dir = path.join(tempDir(), 'osv');
  cpSync(OSV_FIXTURES, dir, { recursive: true });
  settle(dir);
  return dir;
}

const PACKAGES = [
  { ecosystem: 'npm' as const, name: 'lodash', version: '4.17.20' },
  { ecosystem: 'npm' as const, name: 'minimist', version: '1.2.5' },
  { ecosystem: 'PyPI' as const, name: 'Flask', version: '2.2.4' },
  { ecosystem: 'crates.io' as const, name: 'tokio', version: '1.20.2' },
];

/** What the database answers for each package: affected record ids. */
function answers(database: AdvisoryDatabase, packages: ReadonlyArray<{ ecosystem: Ecosystem; name: string; version: string }> = PACKAGES): string[][] {
  return packages.map((pkg) => database.lookup(pkg).records.map((r) => r.id).sort());
}

describe('the stored index of a folder source', () => {
  it('a first read stores it; a later run reads only the files naming its packages, with the same answers', async () => {
    const dir = fixtureCopy();
    const cacheDir = tempDir();
    const first = await loadAdvisories(dir, PACKAGES, { cacheDir });
    expect(first.read).toEqual({ files: 263, read: 263, parsed: 12, index: 'written' });
    const second = await loadAdvisories(dir, PACKAGES, { cacheDir });
    expect(second.read).toEqual({ files: 263, read: 12, parsed: 12, index: 'used' });
    expect(answers(second.database)).toEqual(answers(first.database));
    expect(answers(second.database)).toEqual([
      ['GHSA-35jh-r3h4-6jhm'],
      ['GHSA-xvch-5gv4-984h'],
      ['GHSA-m2qf-hxjv-5gpq', 'PYSEC-2023-62'],
      ['RUSTSEC-2023-0001', 'RUSTSEC-2023-0005', 'RUSTSEC-2025-0023'],
    ]);
    // Other packages than the first run's are served from the same index.
    const other: Array<{ ecosystem: Ecosystem; name: string; version: string }> = [{ ecosystem: 'Go', name: 'golang.org/x/net', version: 'v0.17.0' }];
    const third = await loadAdvisories(dir, other, { cacheDir });
    expect(third.read?.index).toBe('used');
    expect(answers(third.database, other)[0]).toContain('GO-2024-3333');
  });

  it('a file added to or removed from a folder makes the whole folder be read again', async () => {
    const dir = fixtureCopy();
    const cacheDir = tempDir();
    await loadAdvisories(dir, PACKAGES, { cacheDir });
    const record = { ...fixtureJson('GHSA-xvch-5gv4-984h'), id: 'GHSA-test-0001', aliases: [] };
    writeFileSync(path.join(dir, 'npm', 'GHSA-test-0001.json'), JSON.stringify(record));
    const added = await loadAdvisories(dir, PACKAGES, { cacheDir });
    // npm/ just changed: read whole, and not indexed until it has settled.
    expect(added.read).toEqual({ files: 264, read: 264, parsed: 13, index: 'not-written' });
    expect(answers(added.database)[1]).toEqual(['GHSA-test-0001', 'GHSA-xvch-5gv4-984h']);

    settle(dir);
    expect((await loadAdvisories(dir, PACKAGES, { cacheDir })).read?.index).toBe('written');
    unlinkSync(path.join(dir, 'npm', 'GHSA-xvch-5gv4-984h.json'));
    const removed = await loadAdvisories(dir, PACKAGES, { cacheDir });
    expect(removed.read?.index).toBe('not-written');
    expect(answers(removed.database)[1]).toEqual(['GHSA-test-0001']);
  });

  it('a record rewritten in place is read as it now is', async () => {
    const dir = fixtureCopy();
    const cacheDir = tempDir();
    await loadAdvisories(dir, PACKAGES, { cacheDir });
    const file = path.join(dir, 'npm', 'GHSA-xvch-5gv4-984h.json');
    writeFileSync(file, JSON.stringify({ ...fixtureJson('GHSA-xvch-5gv4-984h'), summary: 'rewritten' }));
    const loaded = await loadAdvisories(dir, PACKAGES, { cacheDir });
    expect(loaded.read?.index).toBe('used');
    expect(loaded.database.get('GHSA-xvch-5gv4-984h')?.summary).toBe('rewritten');
  });

  it('a damaged index file is ignored and written anew', async () => {
    const dir = fixtureCopy();
    const cacheDir = tempDir();
    await loadAdvisories(dir, PACKAGES, { cacheDir });
    const indexFile = indexFileFor(cacheDir, 'directory', dir);
    const written = JSON.parse(readFileSync(indexFile, 'utf8')) as Record<string, unknown>;
    const damages = [
      '{"format":2',
      '[]',
      JSON.stringify({ ...written, stamp: {} }),
      JSON.stringify({ ...written, locations: 'x\ty' }),
      JSON.stringify({ ...written, source: '/elsewhere' }),
      // An index never leads out of the source, whatever its times say.
      JSON.stringify({ ...written, stamp: { folders: [['..', 0, 0]] } }),
      JSON.stringify({ ...written, locations: String(written['locations']).replace(/\tGHSA-xvch-5gv4-984h\.json/, '\t../../GHSA-xvch-5gv4-984h.json') }),
    ];
    for (const damage of damages) {
      writeFileSync(indexFile, damage);
      const loaded = await loadAdvisories(dir, PACKAGES, { cacheDir });
      expect(loaded.read?.index).toBe('written');
      expect(answers(loaded.database)[1]).toEqual(['GHSA-xvch-5gv4-984h']);
    }
  });

  it('a folder that has just changed is read but not indexed', async () => {
    const dir = path.join(tempDir(), 'osv');
    cpSync(OSV_FIXTURES, dir, { recursive: true });
    const loaded = await loadAdvisories(dir, PACKAGES, { cacheDir: tempDir() });
    expect(loaded.read?.index).toBe('not-written');
    expect(statSync(dir).isDirectory()).toBe(true);
  });
});

describe('the stored index of a zip source', () => {
  function writeZip(file: string, files: Zippable): void {
    writeFileSync(file, zipSync(files));
    utimesSync(file, AN_HOUR_AGO, AN_HOUR_AGO);
  }

  const records = (ids: string[]): Zippable => Object.fromEntries(ids.map((id) => [`${id}.json`, strToU8(fixtureText(id))]));

  it('a later run inflates only the entries naming its packages, with the same answers', async () => {
    const file = path.join(tempDir(), 'npm.zip');
    writeZip(file, records(['GHSA-35jh-r3h4-6jhm', 'GHSA-jf85-cpcp-j695', 'GHSA-xvch-5gv4-984h', 'GHSA-c2qf-rxjj-qqgw', 'GHSA-27h2-hvpr-p74q']));
    const cacheDir = tempDir();
    const first = await loadAdvisories(file, PACKAGES, { cacheDir });
    expect(first.read).toEqual({ files: 5, read: 5, parsed: 3, index: 'written' });
    const second = await loadAdvisories(file, PACKAGES, { cacheDir });
    expect(second.read).toEqual({ files: 5, read: 3, parsed: 3, index: 'used' });
    expect(answers(second.database)).toEqual(answers(first.database));
    expect(answers(second.database).slice(0, 2)).toEqual([['GHSA-35jh-r3h4-6jhm'], ['GHSA-xvch-5gv4-984h']]);
  });

  it('a zip with an entry it cannot read is not indexed, so every run still says so', async () => {
    const file = path.join(tempDir(), 'npm.zip');
    const zip = Buffer.from(zipSync(records(['GHSA-35jh-r3h4-6jhm', 'GHSA-xvch-5gv4-984h'])));
    // The first central directory entry's compression method: 12 (bzip2) is not read.
    const central = zip.readUInt32LE(zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 16);
    zip.writeUInt16LE(12, central + 10);
    writeFileSync(file, zip);
    utimesSync(file, AN_HOUR_AGO, AN_HOUR_AGO);
    const cacheDir = tempDir();
    for (let run = 0; run < 2; run += 1) {
      const loaded = await loadAdvisories(file, PACKAGES, { cacheDir });
      expect(loaded.read?.index).toBe('not-written');
      expect(loaded.warnings).toEqual([`${file}: GHSA-35jh-r3h4-6jhm.json: skipped: compression method 12 is not supported`]);
    }
  });

  it('a zip replaced by another is read whole again', async () => {
    const file = path.join(tempDir(), 'npm.zip');
    const cacheDir = tempDir();
    writeZip(file, records(['GHSA-35jh-r3h4-6jhm']));
    await loadAdvisories(file, PACKAGES, { cacheDir });
    writeZip(file, records(['GHSA-35jh-r3h4-6jhm', 'GHSA-xvch-5gv4-984h']));
    const loaded = await loadAdvisories(file, PACKAGES, { cacheDir });
    expect(loaded.read).toMatchObject({ files: 2, read: 2, index: 'written' });
    expect(answers(loaded.database)[1]).toEqual(['GHSA-xvch-5gv4-984h']);
  });
});

describe('records are read with the schema when a lookup needs them', () => {
  const broken = (id: string, name: string) => ({ id, modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name }, ranges: 'none' }] });

  it('a refused record naming an audited package costs the same one line as before, at load time', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'GHSA-xvch-5gv4-984h.json'), fixtureText('GHSA-xvch-5gv4-984h'));
    writeFileSync(path.join(dir, 'bad-ranges.json'), JSON.stringify(broken('X-2', 'minimist')));
    writeFileSync(path.join(dir, 'not-audited.json'), JSON.stringify(broken('X-3', 'left-pad')));
    const loaded = await loadAdvisories(dir, PACKAGES);
    expect(loaded.warnings).toEqual(['bad-ranges.json (X-2): not an OSV record: affected[0].ranges: Invalid input: expected array, received string']);
    expect(answers(loaded.database)[1]).toEqual(['GHSA-xvch-5gv4-984h']);
  });

  it('without a package list, the first lookup meeting a refused record reports it, once', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bad-ranges.json'), JSON.stringify(broken('X-2', 'minimist')));
    const loaded = await loadDirectory(dir);
    expect(loaded.warnings).toEqual([]);
    const database = new AdvisoryDatabase(loaded.records);
    const minimist = { ecosystem: 'npm' as Ecosystem, name: 'minimist', version: '1.2.5' };
    expect(database.lookup(minimist)).toEqual({
      records: [],
      warnings: ['bad-ranges.json (X-2): not an OSV record: affected[0].ranges: Invalid input: expected array, received string'],
    });
    expect(database.lookup(minimist)).toEqual({ records: [], warnings: [] });
    expect(database.size).toBe(1);
  });
});

describe('reading only the records that name an audited package', () => {
  it('answers every package of the fixtures as the whole database does', async () => {
    const whole = new AdvisoryDatabase(allFixtures());
    const packages = fixtureIndex().flatMap((row) =>
      row.packages.map((name) => ({ ecosystem: row.ecosystem as Ecosystem, name, version: '0.0.1' })),
    );
    const filtered = await loadAdvisories(OSV_FIXTURES, packages);
    expect(filtered.database.size).toBe(whole.size);
    for (const pkg of packages) {
      expect(filtered.database.candidates(pkg.ecosystem, pkg.name).map((r) => r.id)).toEqual(whole.candidates(pkg.ecosystem, pkg.name).map((r) => r.id));
    }
    // Each package on its own: only its records are kept.
    const flask = await loadAdvisories(OSV_FIXTURES, [{ ecosystem: 'PyPI', name: 'flask', version: '2.2.4' }]);
    expect([...flask.database.records()].map((r) => r.id).sort()).toEqual(whole.candidates('PyPI', 'flask').map((r) => r.id).sort());
  });
});
