import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { AdvisorySourceError } from '../../src/scanners/dependencies/advisories/advisory-source.js';
import { AdvisoryDatabase } from '../../src/scanners/dependencies/advisories/database.js';
import { advisorySourceKind, loadAdvisories } from '../../src/scanners/dependencies/advisories/load-advisories.js';
import { loadDirectory } from '../../src/scanners/dependencies/advisories/source-directory.js';
import { loadZip, readZipRecords } from '../../src/scanners/dependencies/advisories/source-zip.js';
import { makeTempDir } from '../support/temp-repo.js';
import { fixtureText, OSV_FIXTURES } from './fixtures.js';

const temporary: string[] = [];
function tempDir(): string {
  const dir = makeTempDir('advisories-');
  temporary.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a rejection');
}

describe('a folder of OSV JSON files', () => {
  it('loads the whole fixture tree recursively; index.json (an array) costs one warning line', async () => {
    const loaded = await loadDirectory(OSV_FIXTURES);
    expect(loaded.records).toHaveLength(262);
    expect(loaded.warnings).toEqual(['index.json: holds a JSON array, not one OSV record']);
    expect(loaded.records.map((r) => r.id)).toContain('GHSA-m2qf-hxjv-5gpq');
  });

  it('skips malformed files with one line each and loads the rest; hidden folders and other files are ignored', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'npm', 'deep', 'er'), { recursive: true });
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, 'npm', 'deep', 'er', 'GHSA-35jh-r3h4-6jhm.json'), fixtureText('GHSA-35jh-r3h4-6jhm'));
    writeFileSync(path.join(dir, 'npm', 'GHSA-xvch-5gv4-984h.json'), fixtureText('GHSA-xvch-5gv4-984h'));
    writeFileSync(path.join(dir, 'npm', 'broken.json'), '{"id": "GHSA-broken", ');
    writeFileSync(path.join(dir, 'npm', 'no-affected-shape.json'), JSON.stringify({ id: 'X-1', modified: 'm', affected: [{ ranges: 'none' }] }));
    writeFileSync(path.join(dir, '.git', 'HEAD.json'), '{}');
    writeFileSync(path.join(dir, 'README.md'), '# not a record');
    const loaded = await loadDirectory(dir);
    // X-1's ranges are not read on loading (the schema reads a record when a lookup first needs it), and it names no package to look up.
    expect(loaded.records.map((r) => r.id)).toEqual(['GHSA-xvch-5gv4-984h', 'GHSA-35jh-r3h4-6jhm', 'X-1']);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/^npm\/broken\.json: not valid JSON: /);
    expect(new AdvisoryDatabase(loaded.records).get('X-1')).toBeUndefined();
  });

  it('a missing folder is one clear error', async () => {
    const error = await rejection(loadDirectory('/nonexistent/advisories'));
    expect(error).toBeInstanceOf(AdvisorySourceError);
    expect(error.message).toBe('advisory folder /nonexistent/advisories does not exist (use "osv" for the OSV API, or a path relative to the repository root)');
  });
});

describe('a zip of OSV records', () => {
  function zipOf(files: Zippable): Uint8Array {
    return zipSync(files);
  }

  it('reads records at the top level (osv.dev all.zip) and at any depth', () => {
    const data = zipOf({
      'GHSA-35jh-r3h4-6jhm.json': strToU8(fixtureText('GHSA-35jh-r3h4-6jhm')),
      'PyPI/PYSEC-2023-62.json': strToU8(fixtureText('PYSEC-2023-62')),
      'a/b/c/GO-2024-3333.json': strToU8(fixtureText('GO-2024-3333')),
      'a/notes.txt': strToU8('not a record'),
      'bad.json': strToU8('{'),
    });
    const loaded = readZipRecords(data, 'all.zip');
    expect(loaded.records.map((r) => r.id).sort()).toEqual(['GHSA-35jh-r3h4-6jhm', 'GO-2024-3333', 'PYSEC-2023-62']);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/^all\.zip: bad\.json: not valid JSON: /);
  });

  it('reads a zip in several inflate passes when it holds more entries than one pass', () => {
    const record = JSON.parse(fixtureText('GHSA-35jh-r3h4-6jhm')) as Record<string, unknown>;
    const files: Zippable = {};
    for (let i = 0; i < 120; i += 1) files[`GHSA-${i}.json`] = strToU8(JSON.stringify({ ...record, id: `GHSA-${i}` }));
    const loaded = readZipRecords(zipOf(files), 'big.zip');
    expect(loaded.records.map((r) => r.id)).toEqual(Array.from({ length: 120 }, (_, i) => `GHSA-${i}`).sort());
    expect(loaded.warnings).toEqual([]);
  });

  it('a file that is not a zip is one clear error', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'all.zip');
    writeFileSync(file, 'PK not really');
    const error = await rejection(loadZip(file));
    expect(error).toBeInstanceOf(AdvisorySourceError);
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not a readable zip: `));
  });
});

describe('choosing the source from the setting', () => {
  it.each([
    ['osv', 'osv-api'],
    [' osv ', 'osv-api'],
    ['./osv', 'directory'],
    ['advisories/npm-all.ZIP', 'zip'],
    ['/data/advisory-database', 'directory'],
  ])('%j is read as %s', (spec, kind) => {
    expect(advisorySourceKind(spec)).toBe(kind);
  });

  it('loads a zip into an indexed database and matches against it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'npm.zip');
    writeFileSync(
      file,
      zipSync({
        'GHSA-c2qf-rxjj-qqgw.json': strToU8(fixtureText('GHSA-c2qf-rxjj-qqgw')),
        'GHSA-27h2-hvpr-p74q.json': strToU8(fixtureText('GHSA-27h2-hvpr-p74q')),
      }),
    );
    const loaded = await loadAdvisories(file, [
      { ecosystem: 'npm', name: 'semver', version: '7.5.1' },
      { ecosystem: 'npm', name: 'jsonwebtoken', version: '8.5.1' },
    ]);
    expect(loaded.kind).toBe('zip');
    expect(loaded.database.size).toBe(1);
    expect(loaded.database.withdrawn).toBe(1);
    expect(loaded.database.lookup({ ecosystem: 'npm', name: 'semver', version: '7.5.1' }).records.map((r) => r.id)).toEqual([
      'GHSA-c2qf-rxjj-qqgw',
    ]);
  });

  it('loads a folder: every file is read, only the records naming an audited package are parsed', async () => {
    const loaded = await loadAdvisories(OSV_FIXTURES, [
      { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
      { ecosystem: 'npm', name: 'jsonwebtoken', version: '8.5.1' },
      { ecosystem: 'PyPI', name: 'Flask', version: '2.2.4' },
      { ecosystem: 'crates.io', name: 'tokio', version: '1.20.2' },
      { ecosystem: 'npm', name: 'ip', version: '1.1.8', local: true },
    ]);
    // lodash 2, jsonwebtoken 3 (and one withdrawn), flask 4, tokio 5; index.json names no package, so it is not parsed and costs no warning.
    expect([loaded.kind, loaded.database.size, loaded.database.withdrawn, loaded.warnings]).toEqual(['directory', 14, 1, []]);
    expect(loaded.read).toEqual({ files: 263, read: 263, parsed: 15, index: 'none' });
    const flask = loaded.database.lookup({ ecosystem: 'PyPI', name: 'flask', version: '2.2.4' });
    expect(flask.records.map((r) => r.id).sort()).toEqual(['GHSA-m2qf-hxjv-5gpq', 'PYSEC-2023-62']);
    expect(loaded.database.candidates('npm', 'ip')).toEqual([]);
  });

  it('an empty setting is one clear error', async () => {
    const error = await rejection(loadAdvisories('  ', []));
    expect(error).toBeInstanceOf(AdvisorySourceError);
    expect(error.message).toBe('advisory source is empty: use "osv", a folder of OSV JSON files or a .zip');
  });

  it('a path that is a file but not a zip is refused', async () => {
    const error = await rejection(loadAdvisories(path.join(OSV_FIXTURES, 'README.md'), []));
    expect(error.message).toBe(`advisory source ${path.join(OSV_FIXTURES, 'README.md')} is not a folder`);
  });
});
