import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { workingTree } from '../../src/core/inventory/file-tree.js';
import { buildInventory, toInventoryLockfile, type Inventory, type InventoryLockfile } from '../../src/core/inventory/inventory.js';
import type { LockfileFormat, ParsedLockfile, ParsedPackage, RootDependency } from '../../src/core/inventory/types.js';
import { buildComponentGraph, splitByWorkspace, type ComponentGraph } from '../../src/scanners/sbom/components.js';
import type { SbomContext } from '../../src/scanners/sbom/types.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/lockfiles');
const COMMIT = 'fedcba9876543210fedcba9876543210fedcba98';

async function fixtureInventory(folder: string): Promise<Inventory> {
  const inventory = await buildInventory({ tree: workingTree(path.join(FIXTURES, folder)), pathPrefix: '' });
  expect(inventory.errors).toEqual([]);
  return inventory;
}

function contextFor(subject: Partial<SbomContext['subject']> = {}, extraLicenses?: Map<string, string>): SbomContext {
  return {
    subject: { name: 'octo-repo', repositoryUrl: 'https://github.com/octo-org/octo-repo', commit: COMMIT, ...subject },
    tool: { name: 'devsecops-actions', version: '0.1.0' },
    timestamp: '2026-11-23T14:00:00Z',
    reproducible: true,
    ...(extraLicenses ? { extraLicenses } : {}),
  };
}

type PackageSpec = Partial<ParsedPackage> & Pick<ParsedPackage, 'id' | 'name' | 'version'>;

/** A lockfile as a parser would return it, through the same step the inventory uses. */
function lockfile(
  filePath: string,
  packages: PackageSpec[],
  roots: RootDependency[],
  extra: Partial<Pick<ParsedLockfile, 'project' | 'workspaces'>> & { format?: LockfileFormat } = {},
): InventoryLockfile {
  const parsed: ParsedLockfile = {
    format: extra.format ?? 'package-lock.json',
    packages: packages.map((pkg, index) => ({ ecosystem: 'npm', line: index + 2, dependencies: [], ...pkg })),
    roots,
    warnings: [],
    ...(extra.project ? { project: extra.project } : {}),
    ...(extra.workspaces ? { workspaces: extra.workspaces } : {}),
  };
  return toInventoryLockfile(parsed, filePath);
}

function entry(graph: ComponentGraph, key: string) {
  const found = graph.entries.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no entry ${key} in ${graph.entries.map((e) => e.key).join(', ')}`);
  return found;
}

function targets(graph: ComponentGraph, from: string): string[] {
  return graph.edges.filter((edge) => edge.from === from).map((edge) => edge.to);
}

describe('buildComponentGraph', () => {
  it('merges copies of a package at several places of an npm tree into one entry with the union of their edges', () => {
    const lock = lockfile(
      'package-lock.json',
      [
        { id: 'node_modules/a', name: 'a', version: '1.0.0', dependencies: ['node_modules/ms'] },
        { id: 'node_modules/b', name: 'b', version: '1.0.0', dependencies: ['node_modules/b/node_modules/ms'] },
        { id: 'node_modules/ms', name: 'ms', version: '2.1.3', dependencies: ['node_modules/x'], hashes: [{ algorithm: 'SHA-512', hex: 'ab'.repeat(64) }] },
        { id: 'node_modules/b/node_modules/ms', name: 'ms', version: '2.1.3', dependencies: ['node_modules/y'] },
        { id: 'node_modules/x', name: 'x', version: '1.0.0' },
        { id: 'node_modules/y', name: 'y', version: '1.0.0' },
      ],
      [
        { id: 'node_modules/a', scope: 'runtime', workspace: '.' },
        { id: 'node_modules/b', scope: 'development', workspace: '.' },
      ],
      { project: { name: 'octo-repo', version: '2.0.0' } },
    );
    const graph = buildComponentGraph({ lockfiles: [lock] }, contextFor());
    expect(graph.root.key).toBe('pkg:npm/octo-repo@2.0.0');
    expect(graph.entries.map((e) => e.key)).toEqual(['pkg:npm/a@1.0.0', 'pkg:npm/b@1.0.0', 'pkg:npm/ms@2.1.3', 'pkg:npm/x@1.0.0', 'pkg:npm/y@1.0.0']);
    expect(targets(graph, 'pkg:npm/ms@2.1.3')).toEqual(['pkg:npm/x@1.0.0', 'pkg:npm/y@1.0.0']);
    expect(targets(graph, 'pkg:npm/a@1.0.0')).toEqual(['pkg:npm/ms@2.1.3']);
    expect(targets(graph, 'pkg:npm/b@1.0.0')).toEqual(['pkg:npm/ms@2.1.3']);
    expect(graph.edges.filter((edge) => edge.from === graph.root.key)).toEqual([
      { from: 'pkg:npm/octo-repo@2.0.0', to: 'pkg:npm/a@1.0.0', scope: 'runtime' },
      { from: 'pkg:npm/octo-repo@2.0.0', to: 'pkg:npm/b@1.0.0', scope: 'development' },
    ]);
    // ms is reached from a (runtime) and b (development): required.
    expect(entry(graph, 'pkg:npm/ms@2.1.3')).toMatchObject({ scope: 'required', hashes: [{ algorithm: 'SHA-512', hex: 'ab'.repeat(64) }] });
    expect(entry(graph, 'pkg:npm/b@1.0.0').scope).toBe('excluded');
    expect(entry(graph, 'pkg:npm/y@1.0.0').scope).toBe('excluded');
    expect(graph.warnings).toEqual([]);
  });

  it('is required if any lockfile needs it at run time, optional if only optional or peer, excluded if only for development', () => {
    const pkg = (scope: ParsedPackage['scope']): PackageSpec => ({ id: 'p', name: 'p', version: '1.0.0', ...(scope ? { scope } : {}) });
    const graphOf = (...scopes: Array<ParsedPackage['scope']>) =>
      buildComponentGraph({ lockfiles: scopes.map((scope, i) => lockfile(`app${i}/package-lock.json`, [pkg(scope)], [{ id: 'p', scope: 'runtime' }])) }, contextFor());
    expect(entry(graphOf('development', 'runtime'), 'pkg:npm/p@1.0.0').scope).toBe('required');
    expect(entry(graphOf('development', 'peer'), 'pkg:npm/p@1.0.0').scope).toBe('optional');
    expect(entry(graphOf('optional', 'development'), 'pkg:npm/p@1.0.0').scope).toBe('optional');
    expect(entry(graphOf('development', 'development'), 'pkg:npm/p@1.0.0')).toMatchObject({
      scope: 'excluded',
      lockfiles: ['app0/package-lock.json', 'app1/package-lock.json'],
    });
  });

  it('makes a lockfile in a subfolder a sub-project of the repository', () => {
    const web = lockfile('web/package-lock.json', [{ id: 'node_modules/a', name: 'a', version: '1.0.0' }], [{ id: 'node_modules/a', scope: 'runtime', workspace: '.' }], {
      project: { name: 'web', version: '0.3.0' },
    });
    const graph = buildComponentGraph({ lockfiles: [web] }, contextFor());
    expect(graph.root).toMatchObject({ key: `pkg:github/octo-org/octo-repo@${COMMIT}`, version: COMMIT, workspacePath: '.' });
    expect(entry(graph, 'pkg:npm/web@0.3.0')).toMatchObject({
      kind: 'workspace',
      purpose: 'application',
      name: 'web',
      version: '0.3.0',
      workspacePath: 'web',
      supplier: { name: 'octo-org', url: 'https://github.com/octo-org' },
    });
    expect(graph.edges).toEqual([
      { from: 'pkg:github/octo-org/octo-repo@' + COMMIT, to: 'pkg:npm/web@0.3.0' },
      { from: 'pkg:npm/web@0.3.0', to: 'pkg:npm/a@1.0.0', scope: 'runtime' },
    ]);
  });

  it('keeps a workspace apart from a registry package of the same purl, with keys that say which is which', () => {
    const workspace = lockfile(
      'package-lock.json',
      [{ id: 'packages/foo', name: 'foo', version: '1.0.0', local: true }],
      [{ id: 'packages/foo', scope: 'runtime', workspace: '.' }],
      { workspaces: ['packages/foo'] },
    );
    const other = lockfile('legacy/package-lock.json', [{ id: 'node_modules/foo', name: 'foo', version: '1.0.0', resolved: 'https://registry.npmjs.org/foo/-/foo-1.0.0.tgz' }], [
      { id: 'node_modules/foo', scope: 'runtime' },
    ]);
    const graph = buildComponentGraph({ lockfiles: [other, workspace] }, contextFor());
    expect(graph.entries.map((e) => e.key)).toEqual(['pkg:generic/legacy', 'pkg:npm/foo@1.0.0#package', 'pkg:npm/foo@1.0.0#workspace:packages/foo']);
    expect(entry(graph, 'pkg:npm/foo@1.0.0#package')).toMatchObject({
      kind: 'package',
      purl: 'pkg:npm/foo@1.0.0',
      distributionUrl: 'https://registry.npmjs.org/foo/-/foo-1.0.0.tgz',
      supplier: { name: 'registry.npmjs.org' },
    });
    expect(entry(graph, 'pkg:npm/foo@1.0.0#workspace:packages/foo')).toMatchObject({ kind: 'workspace', purl: 'pkg:npm/foo@1.0.0', purpose: 'library' });
  });

  it('names the root by its project when the subject is that project, else by its GitHub repository, else generically', () => {
    const lock = lockfile('Cargo.lock', [{ id: 'serde@1.0.0', ecosystem: 'crates.io', name: 'serde', version: '1.0.0' }], [], {
      format: 'Cargo.lock',
      project: { name: 'tool', version: '0.9.0' },
    });
    expect(buildComponentGraph({ lockfiles: [lock] }, contextFor({ name: 'tool' })).root).toMatchObject({ key: 'pkg:cargo/tool@0.9.0', version: '0.9.0' });
    expect(buildComponentGraph({ lockfiles: [lock] }, contextFor({ name: 'other' })).root.key).toBe(`pkg:github/octo-org/octo-repo@${COMMIT}`);
    const bare = contextFor({ name: 'octo repo', version: '1.0', repositoryUrl: 'https://git.example.com/octo/repo' });
    expect(buildComponentGraph({ lockfiles: [] }, bare).root).toMatchObject({
      key: 'pkg:generic/octo%20repo@1.0',
      supplier: { name: 'octo', url: 'https://git.example.com/octo' },
      vcsUrl: 'https://git.example.com/octo/repo',
    });
  });

  it('links every package to the project when the format cannot tell direct from transitive', () => {
    const lock = lockfile(
      'requirements.txt',
      [
        { id: 'flask@3.0.0', ecosystem: 'PyPI', name: 'flask', version: '3.0.0' },
        { id: 'click@8.1.7', ecosystem: 'PyPI', name: 'click', version: '8.1.7' },
      ],
      [],
      { format: 'requirements.txt' },
    );
    const graph = buildComponentGraph({ lockfiles: [lock] }, contextFor());
    expect(targets(graph, graph.root.key)).toEqual(['pkg:pypi/click@8.1.7', 'pkg:pypi/flask@3.0.0']);
  });

  it('normalizes licences, falls back to installed metadata, and warns about what cannot be used', () => {
    const lock = lockfile(
      'package-lock.json',
      [
        { id: 'node_modules/a', name: 'a', version: '1.0.0', license: '(MIT OR Apache-2.0)' },
        { id: 'node_modules/b', name: 'b', version: '1.0.0', license: 'SEE LICENSE IN LICENSE.md' },
        { id: 'node_modules/c', name: 'c', version: '1.0.0' },
        { id: 'node_modules/d', name: 'd', version: '' },
      ],
      [],
    );
    const graph = buildComponentGraph({ lockfiles: [lock] }, contextFor({}, new Map([['pkg:npm/c@1.0.0', 'ISC']])));
    expect(entry(graph, 'pkg:npm/a@1.0.0').license).toEqual({ expression: 'MIT OR Apache-2.0' });
    expect(entry(graph, 'pkg:npm/b@1.0.0').license).toEqual({ name: 'SEE LICENSE IN LICENSE.md' });
    expect(entry(graph, 'pkg:npm/c@1.0.0').license).toEqual({ expression: 'ISC' });
    expect(graph.warnings).toHaveLength(2);
    expect(graph.warnings[0]).toMatch(/^b@1\.0\.0: .*SEE LICENSE IN LICENSE\.md/);
    expect(graph.warnings[1]).toBe('d: no version in package-lock.json');
  });

  it('keeps the first hash of an algorithm when lockfiles disagree, and says so', () => {
    const make = (file: string, hex: string) =>
      lockfile(file, [{ id: 'p', name: 'p', version: '1.0.0', hashes: [{ algorithm: 'SHA-1', hex }] }], [{ id: 'p', scope: 'runtime' }]);
    const graph = buildComponentGraph({ lockfiles: [make('b/package-lock.json', '2'.repeat(40)), make('a/package-lock.json', '1'.repeat(40))] }, contextFor());
    expect(entry(graph, 'pkg:npm/p@1.0.0').hashes).toEqual([{ algorithm: 'SHA-1', hex: '1'.repeat(40) }]);
    expect(graph.warnings).toEqual(['p@1.0.0: lockfiles disagree on its SHA-1 hash; the first one (by path) is kept']);
  });

  it('sends a workspace it cannot find to the project, with a warning', () => {
    const lock = lockfile('package-lock.json', [{ id: 'node_modules/a', name: 'a', version: '1.0.0' }], [{ id: 'node_modules/a', scope: 'runtime', workspace: 'packages/gone' }]);
    const graph = buildComponentGraph({ lockfiles: [lock] }, contextFor());
    expect(targets(graph, graph.root.key)).toEqual(['pkg:npm/a@1.0.0']);
    expect(graph.warnings).toEqual(['package-lock.json: workspace packages/gone has no package entry of its own; its dependencies are listed under the project.']);
  });
});

describe('buildComponentGraph on real workspaces', () => {
  it('npm workspaces (snyk/nodejs-lockfile-parser): the workspace is a library the root project declares', async () => {
    const graph = buildComponentGraph(await fixtureInventory('npm-package-lock-v2-workspaces'), contextFor({ name: 'root-workspace', version: '1.0.0' }));
    expect(graph.root.key).toBe('pkg:npm/root-workspace@1.0.0');
    expect(entry(graph, 'pkg:npm/%40test/workspace-pkg@1.0.0')).toMatchObject({ kind: 'workspace', purpose: 'library', workspacePath: 'packages/workspace-pkg' });
    expect(graph.edges).toEqual([
      { from: 'pkg:npm/%40test/workspace-pkg@1.0.0', to: 'pkg:npm/lodash@4.17.21', scope: 'runtime' },
      { from: 'pkg:npm/root-workspace@1.0.0', to: 'pkg:npm/%40test/workspace-pkg@1.0.0', scope: 'runtime' },
    ]);
  });

  it('pnpm workspaces (v5 importers): link packages found by folder, versioned by the commit', async () => {
    const graph = buildComponentGraph(await fixtureInventory('pnpm-v5-workspaces'), contextFor());
    expect(entry(graph, 'pkg:npm/pkg-a')).toMatchObject({ workspacePath: 'packages/pkg-a', version: COMMIT, purpose: 'application' });
    expect(entry(graph, 'pkg:npm/package-b')).toMatchObject({ workspacePath: 'packages/pkg-b', version: COMMIT, purpose: 'library' });
    expect(targets(graph, 'pkg:npm/pkg-a')).toEqual(['pkg:npm/ms@2.1.2', 'pkg:npm/package-b']);
    expect(targets(graph, 'pkg:npm/package-b')).toEqual(['pkg:npm/accepts@1.3.7']);
    expect(targets(graph, graph.root.key)).toEqual(['pkg:npm/package-b', 'pkg:npm/pkg-a']);
    expect(graph.warnings).toEqual([]);
  });

  it('uv workspace: the root project is the root, a member found by name, declared scopes on the root edges', async () => {
    const graph = buildComponentGraph(await fixtureInventory('uv-lock-workspace'), contextFor({ name: 'app' }));
    expect(graph.root).toMatchObject({ key: 'pkg:pypi/app', name: 'app', version: COMMIT });
    expect(graph.entries.map((e) => e.key)).toEqual([
      'pkg:pypi/anyio@4.4.0',
      'pkg:pypi/click@8.1.7',
      'pkg:pypi/idna@3.7',
      'pkg:pypi/internal-tools@0.2.0',
      'pkg:pypi/pytest@8.2.0',
      'pkg:pypi/shared@1.0.0',
      'pkg:pypi/sniffio@1.3.1',
    ]);
    expect(graph.edges.filter((edge) => edge.from === 'pkg:pypi/app')).toEqual([
      { from: 'pkg:pypi/app', to: 'pkg:pypi/anyio@4.4.0', scope: 'runtime' },
      { from: 'pkg:pypi/app', to: 'pkg:pypi/click@8.1.7', scope: 'optional' },
      { from: 'pkg:pypi/app', to: 'pkg:pypi/pytest@8.2.0', scope: 'development' },
      { from: 'pkg:pypi/app', to: 'pkg:pypi/shared@1.0.0', scope: 'runtime' },
    ]);
    expect(entry(graph, 'pkg:pypi/shared@1.0.0')).toMatchObject({ kind: 'workspace', purpose: 'library', workspacePath: 'packages/shared' });
    expect(entry(graph, 'pkg:pypi/click@8.1.7')).toMatchObject({
      scope: 'optional',
      vcsUrl: 'git+https://github.com/pallets/click?rev=8.1.7#874ca2bc1c30d1e4d1e4b1f1d4a8b1cde1a6f1b2',
      supplier: { name: 'github.com', url: 'https://github.com' },
    });
    expect(entry(graph, 'pkg:pypi/pytest@8.2.0').scope).toBe('excluded');
  });

  it('splits by workspace: each workspace its own root with only what it reaches; the root project when it has dependencies of its own', async () => {
    const graphs = splitByWorkspace(buildComponentGraph(await fixtureInventory('uv-lock-workspace'), contextFor({ name: 'app' })));
    expect(graphs.map((g) => g.workspace)).toEqual(['.', 'packages/shared']);
    const [root, shared] = graphs.map((g) => g.graph);
    // The root's document leaves the workspace to its own document.
    expect(root!.entries.map((e) => e.key)).toEqual([
      'pkg:pypi/anyio@4.4.0',
      'pkg:pypi/click@8.1.7',
      'pkg:pypi/idna@3.7',
      'pkg:pypi/internal-tools@0.2.0',
      'pkg:pypi/pytest@8.2.0',
      'pkg:pypi/sniffio@1.3.1',
    ]);
    expect(root!.edges.some((edge) => edge.to === 'pkg:pypi/shared@1.0.0')).toBe(false);
    expect(shared!.root).toMatchObject({ key: 'pkg:pypi/shared@1.0.0', kind: 'root', commit: COMMIT, vcsUrl: 'https://github.com/octo-org/octo-repo' });
    expect(shared!.root.scope).toBeUndefined();
    expect(shared!.entries.map((e) => e.key)).toEqual(['pkg:pypi/idna@3.7']);
    expect(shared!.edges).toEqual([{ from: 'pkg:pypi/shared@1.0.0', to: 'pkg:pypi/idna@3.7', scope: 'runtime' }]);
  });

  it('keeps one graph when there are no workspaces', async () => {
    const whole = buildComponentGraph(await fixtureInventory('poetry'), contextFor());
    const graphs = splitByWorkspace(whole);
    expect(graphs).toHaveLength(1);
    expect(graphs[0]!.workspace).toBe('.');
    // Everything the root reaches: one locked package (a leftover no one requires) is not.
    expect(graphs[0]!.graph.entries).toHaveLength(whole.entries.length - 1);
  });
});
