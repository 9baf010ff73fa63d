import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';

const CLI = path.resolve('dist/cli/index.js');
const OSV = path.resolve('__tests__/fixtures/osv');

function cargoLock(packages: Array<[string, string]>): string {
  const entries = packages.map(
    ([name, version]) => `[[package]]\nname = "${name}"\nversion = "${version}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`,
  );
  const deps = packages.map(([name]) => `  "${name}",`).join('\n');
  return `version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n${deps}\n]\n\n${entries.join('\n')}`;
}

function cli(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'dependency-audit', ...args, '--no-color'], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd },
  });
}

describe('devsecops dependency-audit on a laptop', () => {
  let repo: TempRepo;
  let base: string;

  beforeAll(() => {
    repo = createTempRepo(makeTempDir('dependency-cli-'));
    repo.write('Cargo.lock', cargoLock([['smallvec', '1.13.2']]));
    base = repo.commit('base');
    repo.write('Cargo.lock', cargoLock([['smallvec', '1.13.2'], ['tokio', '1.18.0']]));
    repo.commit('adds tokio 1.18.0');
  });
  afterAll(() => removeDir(path.dirname(repo.dir)));

  it('audits offline from a folder of OSV records, reporting the package line and the fix', () => {
    const jsonFile = path.join(repo.dir, '..', 'report.json');
    const run = cli(repo.dir, '.', '--advisories', OSV, '--scope', 'all', '--fail-on-severity', 'none', '--json', jsonFile);
    expect(run.status).toBe(0);
    const tokioLine = readFileSync(path.join(repo.dir, 'Cargo.lock'), 'utf8').split('\n').indexOf('name = "tokio"');
    expect(run.stdout).toMatch(new RegExp(`Cargo\\.lock:${tokioLine}:1 {2}RUSTSEC-\\d{4}-\\d{4} {2}tokio 1\\.18\\.0`));
    const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
    const tokio = report.findings.filter((f: any) => f.package?.name === 'tokio');
    expect(tokio.length).toBeGreaterThan(0);
    expect(tokio[0].package.purl).toBe('pkg:cargo/tokio@1.18.0');
  });

  it('with --scope changes marks only what HEAD added since --base as new', () => {
    const run = cli(repo.dir, '.', '--advisories', OSV, '--scope', 'changes', '--base', base, '--fail-on-severity', 'none');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Dependency changes');
    expect(run.stdout).toMatch(/\+ tokio 1\.18\.0 \(direct, runtime, Cargo\.lock\)/);
    const findingLines = run.stdout.split('\n').filter((l) => /^ {2}Cargo\.lock:/.test(l));
    expect(findingLines.length).toBeGreaterThan(0);
    expect(findingLines.every((l) => l.includes('tokio') && l.endsWith('[new]'))).toBe(true);
  });

  it('says in one line when the advisory source cannot be used, and exits 2', () => {
    const run = cli(repo.dir, '.', '--advisories', 'missing-folder');
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/missing-folder/);
  });

  it('reads a .zip of OSV records (the all.zip export format) the same way', () => {
    // The fixture folder zipped as OSV's all.zip exports are: records at the top level.
    cpSync(path.join(OSV, 'crates.io'), path.join(repo.dir, '..', 'crates'), { recursive: true });
    const zip = spawnSync('zip', ['-qr', '../crates.zip', '.'], { cwd: path.join(repo.dir, '..', 'crates') });
    if (zip.status !== 0) return; // no zip tool on this machine: the zip reader has its own unit tests
    const run = cli(repo.dir, '.', '--advisories', path.join(repo.dir, '..', 'crates.zip'), '--scope', 'all', '--fail-on-severity', 'none');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/RUSTSEC-\d{4}-\d{4} {2}tokio 1\.18\.0/);
  });
});
