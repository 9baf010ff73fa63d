import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateCycloneDx } from '../support/cyclonedx-schema.js';
import { validateSpdx } from '../support/spdx-schema.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';

const CLI = path.resolve('dist/cli/index.js');
const LOCKFILES = path.resolve('__tests__/fixtures/lockfiles');

function cli(cwd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, 'sbom', ...args, '--no-color'], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd, ...env },
  });
}

describe('devsecops sbom on a laptop', () => {
  let repo: TempRepo;

  beforeAll(() => {
    repo = createTempRepo(makeTempDir('sbom-cli-'));
    cpSync(path.join(LOCKFILES, 'poetry'), path.join(repo.dir, 'api'), { recursive: true });
    cpSync(path.join(LOCKFILES, 'pnpm-v9', 'pnpm-lock.yaml'), path.join(repo.dir, 'web', 'pnpm-lock.yaml'));
    repo.git('remote', 'add', 'origin', 'git@github.com:octo-org/shop.git');
    repo.commit('a Python API and a web front end');
  });
  afterAll(() => removeDir(path.dirname(repo.dir)));

  it('writes both documents into a folder, valid, naming the repository from its origin', () => {
    const run = cli(repo.dir, ['.', '--format', 'cyclonedx-json,spdx-json', '-o', 'out']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/out\/sbom\.cdx\.json: cyclonedx-json 1\.6, \d+ components/);
    const cdx = JSON.parse(readFileSync(path.join(repo.dir, 'out', 'sbom.cdx.json'), 'utf8'));
    const spdx = JSON.parse(readFileSync(path.join(repo.dir, 'out', 'sbom.spdx.json'), 'utf8'));
    expect(validateCycloneDx(cdx, '1.6')).toEqual([]);
    expect(validateSpdx(spdx)).toEqual([]);
    expect(cdx.metadata.component.externalReferences).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'vcs', url: 'https://github.com/octo-org/shop' })]),
    );
    const lockfiles = new Set(cdx.components.flatMap((c: any) => (c.properties ?? []).filter((p: any) => p.name === 'devsecops:lockfile').map((p: any) => p.value)));
    expect(lockfiles).toEqual(new Set(['api/poetry.lock', 'web/pnpm-lock.yaml']));
  });

  it('is byte-identical across runs with SOURCE_DATE_EPOCH, and writes CycloneDX 1.5 on request', () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    expect(cli(repo.dir, ['.', '-o', 'a.json', '--cyclonedx-version', '1.5'], env).status).toBe(0);
    expect(cli(repo.dir, ['.', '-o', 'b.json', '--cyclonedx-version', '1.5'], env).status).toBe(0);
    const a = readFileSync(path.join(repo.dir, 'a.json'), 'utf8');
    expect(readFileSync(path.join(repo.dir, 'b.json'), 'utf8')).toBe(a);
    const document = JSON.parse(a);
    expect(document.specVersion).toBe('1.5');
    expect(document.metadata.timestamp).toBe('2023-11-14T22:13:20Z');
    expect(validateCycloneDx(document, '1.5')).toEqual([]);
  });

  it('refuses a bad --format in one line with exit 2', () => {
    const run = cli(repo.dir, ['.', '--format', 'spdx-tag-value']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--format: expected cyclonedx-json and\/or spdx-json, got "spdx-tag-value"/);
  });
});
