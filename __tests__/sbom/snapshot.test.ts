import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workingTree } from '../../src/core/inventory/file-tree.js';
import { buildInventory, toInventoryLockfile, type Inventory } from '../../src/core/inventory/inventory.js';
import type { ParsedLockfile } from '../../src/core/inventory/types.js';
import {
  buildLockfileSnapshots,
  buildSnapshot,
  snapshotCorrelator,
  type BuildSnapshotOptions,
  type SnapshotManifest,
} from '../../src/scanners/sbom/snapshot.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/lockfiles/', import.meta.url));
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** An inventory of a temp tree holding fixture folders at the given places (`''` is the root). */
async function inventoryOf(layout: Record<string, string>): Promise<Inventory> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'snapshot-'));
  temps.push(root);
  for (const [at, fixture] of Object.entries(layout)) {
    const target = path.join(root, at);
    mkdirSync(target, { recursive: true });
    cpSync(path.join(FIXTURES, fixture), target, { recursive: true });
  }
  const inventory = await buildInventory({ tree: workingTree(root), pathPrefix: '' });
  expect(inventory.errors).toEqual([]);
  return inventory;
}

const SHA = 'f'.repeat(40);
const options: BuildSnapshotOptions = {
  sha: SHA,
  ref: 'refs/heads/main',
  job: { correlator: 'CI sbom package-lock.json', id: '4242', html_url: 'https://github.com/octo-org/octo-repo/actions/runs/4242' },
  detector: { name: 'devsecops-actions', version: '0.1.0', url: 'https://github.com/devsecops/devsecops-actions' },
  scanned: '2026-11-23T14:00:00Z',
};

const entries = (manifest: SnapshotManifest) => Object.values(manifest.resolved);
const only = (inventory: Pick<Inventory, 'lockfiles'>) => {
  const { snapshot } = buildSnapshot(inventory, options);
  const manifests = Object.values(snapshot.manifests);
  expect(manifests).toHaveLength(1);
  return manifests[0]!;
};

describe('buildSnapshot on a real npm lockfile (v3)', () => {
  let inventory: Inventory;
  beforeAll(async () => {
    inventory = await inventoryOf({ '': 'npm-package-lock-v3' });
  });

  it('carries the run, the commit and the detector as given, and format version 0', () => {
    const { snapshot } = buildSnapshot(inventory, options);
    expect(snapshot).toMatchObject({
      version: 0,
      sha: SHA,
      ref: 'refs/heads/main',
      scanned: '2026-11-23T14:00:00Z',
      job: options.job,
      detector: options.detector,
    });
    expect(Object.keys(snapshot).sort()).toEqual(['detector', 'job', 'manifests', 'ref', 'scanned', 'sha', 'version']);
  });

  it('has one manifest named and located by the lockfile path', () => {
    const { snapshot } = buildSnapshot(inventory, options);
    expect(Object.keys(snapshot.manifests)).toEqual(['package-lock.json']);
    expect(snapshot.manifests['package-lock.json']).toMatchObject({ name: 'package-lock.json', file: { source_location: 'package-lock.json' } });
  });

  it('lists each name@version once: 761 tree entries are 732 packages, 32 direct, 252 development-only', () => {
    const manifest = only(inventory);
    expect(inventory.lockfiles[0]!.packages).toHaveLength(761);
    expect(entries(manifest)).toHaveLength(732);
    expect(entries(manifest).filter((e) => e.relationship === 'direct')).toHaveLength(32);
    expect(entries(manifest).filter((e) => e.relationship === 'indirect')).toHaveLength(700);
    expect(entries(manifest).filter((e) => e.scope === 'development')).toHaveLength(252);
  });

  it('gives a direct runtime package its dependencies as the purls the tree resolves them to (nested copies included)', () => {
    const manifest = only(inventory);
    // package-lock.json line 57: @actions/artifact 5.0.3 resolves @actions/core and @octokit/plugin-retry to its own nested copies.
    expect(manifest.resolved['pkg:npm/%40actions/artifact@5.0.3']).toEqual({
      package_url: 'pkg:npm/%40actions/artifact@5.0.3',
      relationship: 'direct',
      scope: 'runtime',
      dependencies: [
        'pkg:npm/%40actions/core@2.0.1',
        'pkg:npm/%40actions/github@6.0.1',
        'pkg:npm/%40actions/http-client@3.0.2',
        'pkg:npm/%40azure/storage-blob@12.29.1',
        'pkg:npm/%40octokit/core@5.2.2',
        'pkg:npm/%40octokit/plugin-request-log@1.0.4',
        'pkg:npm/%40octokit/plugin-retry@3.0.9',
        'pkg:npm/%40octokit/request-error@5.1.1',
        'pkg:npm/%40octokit/request@8.4.1',
        'pkg:npm/%40protobuf-ts/plugin@2.11.1',
        'pkg:npm/archiver@7.0.1',
        'pkg:npm/jwt-decode@3.1.2',
        'pkg:npm/unzip-stream@0.3.4',
      ],
    });
  });

  it('marks a package development only when every copy of it is dev-only', () => {
    const manifest = only(inventory);
    expect(manifest.resolved['pkg:npm/%40aashutoshrathi/word-wrap@1.2.6']).toEqual({
      package_url: 'pkg:npm/%40aashutoshrathi/word-wrap@1.2.6',
      relationship: 'indirect',
      scope: 'development',
      dependencies: [],
    });
    // semver 6.3.1 sits at four places; the copy under eslint-plugin-import is `"dev": true` (line 4932), the others ship.
    expect(manifest.resolved['pkg:npm/semver@6.3.1']).toMatchObject({ relationship: 'indirect', scope: 'runtime' });
    // A direct devDependency (`"dev": true`, line 2970); typescript is one too, but a runtime package needs it, so it ships.
    expect(manifest.resolved['pkg:npm/%40vercel/ncc@0.38.3']).toEqual({
      package_url: 'pkg:npm/%40vercel/ncc@0.38.3',
      relationship: 'direct',
      scope: 'development',
      dependencies: [],
    });
    expect(manifest.resolved['pkg:npm/typescript@5.9.2']).toMatchObject({ relationship: 'direct', scope: 'runtime' });
  });

  it('points every dependency at an entry of the same manifest, never at the package itself', () => {
    const manifest = only(inventory);
    for (const [key, entry] of Object.entries(manifest.resolved)) {
      expect(entry.package_url).toBe(key);
      for (const dependency of entry.dependencies) {
        expect(manifest.resolved[dependency]).toBeDefined();
        expect(dependency).not.toBe(key);
      }
    }
  });

  it('is byte-identical for the same inventory, keys in code-unit order', () => {
    const first = JSON.stringify(buildSnapshot(inventory, options).snapshot);
    const second = JSON.stringify(buildSnapshot({ lockfiles: [...inventory.lockfiles].reverse() }, options).snapshot);
    expect(second).toBe(first);
    const keys = Object.keys(only(inventory).resolved);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe('buildSnapshot on a real poetry lockfile', () => {
  let inventory: Inventory;
  beforeAll(async () => {
    // With its pyproject.toml, which names the direct dependencies.
    inventory = await inventoryOf({ '': 'poetry' });
  });

  it('leaves out the path dependency of the repository itself (osv, develop = true) and every edge to it', () => {
    const manifest = only(inventory);
    expect(inventory.lockfiles[0]!.packages).toHaveLength(74);
    expect(entries(manifest)).toHaveLength(73);
    expect(Object.keys(manifest.resolved).filter((k) => k.startsWith('pkg:pypi/osv@'))).toEqual([]);
    expect(entries(manifest).flatMap((e) => e.dependencies).filter((d) => d.startsWith('pkg:pypi/osv@'))).toEqual([]);
  });

  it('has the 16 project dependencies and the 2 of the dev group as direct, the 8 dev-group packages as development', () => {
    const manifest = only(inventory);
    expect(entries(manifest).filter((e) => e.relationship === 'direct')).toHaveLength(18);
    expect(entries(manifest).filter((e) => e.scope === 'development')).toHaveLength(8);
  });

  it('gives flask (line 722) its six locked dependencies', () => {
    expect(only(inventory).resolved['pkg:pypi/flask@3.1.3']).toEqual({
      package_url: 'pkg:pypi/flask@3.1.3',
      relationship: 'direct',
      scope: 'runtime',
      dependencies: [
        'pkg:pypi/blinker@1.9.0',
        'pkg:pypi/click@8.4.2',
        'pkg:pypi/itsdangerous@2.2.0',
        'pkg:pypi/jinja2@3.1.6',
        'pkg:pypi/markupsafe@3.0.3',
        'pkg:pypi/werkzeug@3.1.8',
      ],
    });
  });

  it('gives pylint (dev group, line 1751) direct development with its dependencies', () => {
    expect(only(inventory).resolved['pkg:pypi/pylint@4.0.7']).toEqual({
      package_url: 'pkg:pypi/pylint@4.0.7',
      relationship: 'direct',
      scope: 'development',
      dependencies: [
        'pkg:pypi/astroid@4.0.4',
        'pkg:pypi/colorama@0.4.6',
        'pkg:pypi/dill@0.4.1',
        'pkg:pypi/isort@8.0.1',
        'pkg:pypi/mccabe@0.7.0',
        'pkg:pypi/platformdirs@4.11.3',
        'pkg:pypi/tomlkit@0.15.1',
      ],
    });
    // attrs is needed by the local osv package only: indirect, and it ships.
    expect(only(inventory).resolved['pkg:pypi/attrs@26.1.0']).toMatchObject({ relationship: 'indirect', scope: 'runtime' });
  });
});

describe('several lockfiles', () => {
  it('are one manifest each, by repository-relative path, in path order', async () => {
    const inventory = await inventoryOf({ 'web': 'npm-package-lock-v3', 'services/api': 'poetry' });
    const { snapshot, packageCount } = buildSnapshot(inventory, options);
    expect(Object.keys(snapshot.manifests)).toEqual(['services/api/poetry.lock', 'web/package-lock.json']);
    expect(snapshot.manifests['services/api/poetry.lock']!.file).toEqual({ source_location: 'services/api/poetry.lock' });
    expect(packageCount).toBe(73 + 732);
  });

  it('become one snapshot per lockfile, each correlated by workflow, job and its path', async () => {
    const inventory = await inventoryOf({ 'web': 'npm-package-lock-v3', 'services/api': 'poetry' });
    const built = buildLockfileSnapshots(inventory, {
      sha: SHA,
      ref: 'refs/heads/main',
      run: { workflow: 'CI', job: 'sbom', id: '4242', htmlUrl: 'https://github.com/octo-org/octo-repo/actions/runs/4242' },
      detector: options.detector,
      scanned: options.scanned,
    });
    expect(built.map((b) => [b.manifest, b.snapshot.job, Object.keys(b.snapshot.manifests), b.packageCount])).toEqual([
      [
        'services/api/poetry.lock',
        { correlator: 'CI sbom services/api/poetry.lock', id: '4242', html_url: 'https://github.com/octo-org/octo-repo/actions/runs/4242' },
        ['services/api/poetry.lock'],
        73,
      ],
      [
        'web/package-lock.json',
        { correlator: 'CI sbom web/package-lock.json', id: '4242', html_url: 'https://github.com/octo-org/octo-repo/actions/runs/4242' },
        ['web/package-lock.json'],
        732,
      ],
    ]);
  });
});

describe('snapshotCorrelator', () => {
  it('joins workflow, job and path with spaces, so a later run of the same job replaces the same lockfile only', () => {
    expect(snapshotCorrelator('CI', 'sbom', 'package-lock.json')).toBe('CI sbom package-lock.json');
    expect(snapshotCorrelator('CI', 'sbom', 'web/package-lock.json')).not.toBe(snapshotCorrelator('CI', 'sbom', 'package-lock.json'));
  });

  it('drops empty parts (a run outside a workflow)', () => {
    expect(snapshotCorrelator('', ' ', 'poetry.lock')).toBe('poetry.lock');
  });
});

describe('packages the dependency graph cannot use', () => {
  const parsed: ParsedLockfile = {
    format: 'requirements.txt',
    packages: [
      { id: 'app', ecosystem: 'PyPI', name: 'app', version: '1.0.0', line: 1, dependencies: ['requests@2.32.3'], local: true },
      { id: 'requests@2.32.3', ecosystem: 'PyPI', name: 'requests', version: '2.32.3', line: 2, dependencies: ['urllib3', 'app', 'idna@3.7'] },
      { id: 'urllib3', ecosystem: 'PyPI', name: 'urllib3', version: '', line: 3, dependencies: [] },
      { id: 'idna@3.7', ecosystem: 'PyPI', name: 'idna', version: '3.7', line: 4, dependencies: [] },
      { id: 'certifi', ecosystem: 'PyPI', name: 'certifi', version: '', line: 5, dependencies: [] },
    ],
    roots: [{ id: 'app', scope: 'runtime' }],
    warnings: [],
  };

  it('leaves out packages without a version, with one warning naming them, and the edges to them', () => {
    const { snapshot, warnings, packageCount } = buildSnapshot({ lockfiles: [toInventoryLockfile(parsed, 'requirements.txt')] }, options);
    const manifest = snapshot.manifests['requirements.txt']!;
    expect(Object.keys(manifest.resolved)).toEqual(['pkg:pypi/idna@3.7', 'pkg:pypi/requests@2.32.3']);
    expect(manifest.resolved['pkg:pypi/requests@2.32.3']!.dependencies).toEqual(['pkg:pypi/idna@3.7']);
    expect(packageCount).toBe(2);
    expect(warnings).toEqual([
      'requirements.txt: 2 packages without a locked version left out of the dependency submission (GitHub matches advisories by version): certifi, urllib3.',
    ]);
  });

  it('says nothing of relationship when the lockfile cannot tell direct from transitive', () => {
    const { snapshot } = buildSnapshot({ lockfiles: [toInventoryLockfile({ ...parsed, roots: [] }, 'requirements.txt')] }, options);
    expect(snapshot.manifests['requirements.txt']!.resolved['pkg:pypi/idna@3.7']).toEqual({
      package_url: 'pkg:pypi/idna@3.7',
      scope: 'runtime',
      dependencies: [],
    });
  });

  it('lists at most five names in the warning', () => {
    const many: ParsedLockfile = {
      format: 'requirements.txt',
      packages: 'abcdefg'.split('').map((name, i) => ({ id: name, ecosystem: 'PyPI' as const, name, version: '', line: i + 1, dependencies: [] })),
      roots: [],
      warnings: [],
    };
    const { warnings } = buildSnapshot({ lockfiles: [toInventoryLockfile(many, 'requirements.txt')] }, options);
    expect(warnings[0]).toMatch(/7 packages without a locked version .*: a, b, c, d, e and 2 more\.$/);
  });

  it('still sends a manifest with nothing resolved, so an emptied lockfile replaces its earlier snapshot', () => {
    const { snapshot } = buildSnapshot({ lockfiles: [toInventoryLockfile({ ...parsed, packages: [parsed.packages[0]!] }, 'requirements.txt')] }, options);
    expect(snapshot.manifests['requirements.txt']).toEqual({ name: 'requirements.txt', file: { source_location: 'requirements.txt' }, resolved: {} });
  });
});
