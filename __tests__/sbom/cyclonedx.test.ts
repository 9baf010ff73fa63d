import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { workingTree } from '../../src/core/inventory/file-tree.js';
import { buildInventory, type Inventory } from '../../src/core/inventory/inventory.js';
import { buildComponentGraph, splitByWorkspace } from '../../src/scanners/sbom/components.js';
import { buildCycloneDx } from '../../src/scanners/sbom/cyclonedx.js';
import type { SbomContext } from '../../src/scanners/sbom/types.js';
import { cyclonedxSchemaErrors } from '../support/cyclonedx-schema.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/lockfiles');
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const REPOSITORY = 'https://github.com/octo-org/octo-repo';

async function fixtureInventory(folder: string, pathPrefix = ''): Promise<Inventory> {
  const inventory = await buildInventory({ tree: workingTree(path.join(FIXTURES, folder)), pathPrefix });
  expect(inventory.errors).toEqual([]);
  return inventory;
}

function contextFor(subject: Partial<SbomContext['subject']> = {}, overrides: Partial<SbomContext> = {}): SbomContext {
  return {
    subject: { name: 'octo-repo', repositoryUrl: REPOSITORY, commit: COMMIT, ...subject },
    tool: { name: 'devsecops-actions', version: '0.1.0', informationUri: 'https://github.com/octo-org/devsecops-actions' },
    timestamp: '2026-11-23T14:00:00Z',
    reproducible: true,
    ...overrides,
  };
}

interface CdxComponent {
  type: string;
  name: string;
  group?: string;
  version?: string;
  'bom-ref': string;
  purl: string;
  scope?: string;
  supplier?: { name: string; url?: string[] };
  hashes?: Array<{ alg: string; content: string }>;
  licenses?: Array<{ expression?: string; license?: { id?: string; name?: string } }>;
  externalReferences?: Array<{ type: string; url: string }>;
  properties?: Array<{ name: string; value: string }>;
}
interface CdxDocument {
  $schema: string;
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    lifecycles: Array<{ phase: string }>;
    tools: { components: CdxComponent[] };
    authors: Array<{ name: string }>;
    supplier?: { name: string };
    component: CdxComponent;
  };
  components: CdxComponent[];
  dependencies: Array<{ ref: string; dependsOn: string[] }>;
}

function parse(text: string): CdxDocument {
  return JSON.parse(text) as CdxDocument;
}

function componentByPurl(document: CdxDocument, purl: string): CdxComponent {
  const found = document.components.find((component) => component.purl === purl);
  if (!found) throw new Error(`no component ${purl}`);
  return found;
}

function dependsOn(document: CdxDocument, ref: string): string[] {
  const found = document.dependencies.find((dependency) => dependency.ref === ref);
  if (!found) throw new Error(`no dependency entry for ${ref}`);
  return found.dependsOn;
}

function propertyValues(component: CdxComponent, name: string): string[] {
  return (component.properties ?? []).filter((property) => property.name === name).map((property) => property.value);
}

/** The checks every document must pass, whatever it describes. */
function expectWellFormed(text: string): CdxDocument {
  expect(text.endsWith('}\n')).toBe(true);
  const document = parse(text);
  expect(`${JSON.stringify(document, null, 2)}\n`).toBe(text);
  expect(cyclonedxSchemaErrors(document)).toEqual([]);

  const refs = [document.metadata.component['bom-ref'], ...document.components.map((component) => component['bom-ref'])];
  expect(new Set(refs).size).toBe(refs.length);
  for (const component of document.components) {
    expect(component.purl).toMatch(/^pkg:[a-z]+\//);
    expect(component['bom-ref']).toBeTruthy();
  }
  // The graph is complete: the root and every component exactly once, every target a known ref.
  expect(document.dependencies.map((dependency) => dependency.ref)).toEqual(refs);
  const known = new Set(refs);
  for (const dependency of document.dependencies) {
    expect(Array.isArray(dependency.dependsOn)).toBe(true);
    for (const target of dependency.dependsOn) expect(known.has(target)).toBe(true);
    expect([...dependency.dependsOn].sort()).toEqual(dependency.dependsOn);
  }
  return document;
}

/** The NTIA minimum elements (July 2021): supplier, name, version, identifiers, relationships, SBOM author, timestamp. */
function expectNtiaElements(document: CdxDocument): void {
  expect(document.metadata.authors.length).toBeGreaterThan(0);
  expect(document.metadata.authors[0]!.name).toBe('devsecops-actions');
  expect(document.metadata.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  for (const component of [document.metadata.component, ...document.components]) {
    expect(component.supplier?.name).toBeTruthy();
    expect(component.name).toBeTruthy();
    expect(component.version).toBeTruthy();
    expect(component.purl).toBeTruthy();
  }
  expect(document.dependencies.length).toBe(document.components.length + 1);
}

describe('CycloneDX of package-lock.json v3 (actions/dependency-review-action)', () => {
  let inventory: Inventory;
  let document: CdxDocument;
  let text: string;
  beforeAll(async () => {
    inventory = await fixtureInventory('npm-package-lock-v3');
    text = buildCycloneDx({ inventory, context: contextFor({ name: 'dependency-review-action', version: '4.9.0' }) }, { specVersion: '1.6' }).text;
    document = parse(text);
  });

  it('is a valid CycloneDX 1.6 document with a complete dependency graph', () => {
    expectWellFormed(text);
    expect(document.$schema).toBe('http://cyclonedx.org/schema/bom-1.6.schema.json');
    expect(document.specVersion).toBe('1.6');
    expect(document.version).toBe(1);
  });

  it('has one component per distinct package URL: the 761 tree entries hold 732', () => {
    expect(inventory.lockfiles[0]!.packages).toHaveLength(761);
    expect(new Set(inventory.lockfiles[0]!.packages.map((pkg) => pkg.purl)).size).toBe(732);
    expect(document.components).toHaveLength(732);
  });

  it('describes the repository as metadata.component, named by its package.json', () => {
    const root = document.metadata.component;
    expect(root).toMatchObject({
      type: 'application',
      name: 'dependency-review-action',
      version: '4.9.0',
      'bom-ref': 'pkg:npm/dependency-review-action@4.9.0',
      purl: 'pkg:npm/dependency-review-action@4.9.0',
      supplier: { name: 'octo-org', url: ['https://github.com/octo-org'] },
      externalReferences: [{ type: 'vcs', url: REPOSITORY }],
      properties: [{ name: 'devsecops:commit', value: COMMIT }],
    });
    expect(document.metadata.supplier).toEqual({ name: 'octo-org', url: ['https://github.com/octo-org'] });
    expect(document.metadata.lifecycles).toEqual([{ phase: 'pre-build' }]);
    expect(document.metadata.tools.components).toEqual([
      {
        type: 'application',
        name: 'devsecops-actions',
        version: '0.1.0',
        externalReferences: [{ type: 'website', url: 'https://github.com/octo-org/devsecops-actions' }],
      },
    ]);
  });

  it('makes the root depend on the 32 direct dependencies of package.json', () => {
    const lockfile = inventory.lockfiles[0]!;
    const byId = new Map(lockfile.packages.map((pkg) => [pkg.id, pkg]));
    const direct = [...new Set(lockfile.roots.map((root) => byId.get(root.id)!.purl))].sort();
    expect(direct).toHaveLength(32);
    expect(dependsOn(document, 'pkg:npm/dependency-review-action@4.9.0')).toEqual(direct);
    expect(direct).toContain('pkg:npm/%40actions/artifact@5.0.3');
  });

  it('writes a package with group, scope, hash, licence, supplier, download URL and lockfile', () => {
    const artifact = componentByPurl(document, 'pkg:npm/%40actions/artifact@5.0.3');
    expect(artifact).toEqual({
      type: 'library',
      name: 'artifact',
      group: '@actions',
      version: '5.0.3',
      'bom-ref': 'pkg:npm/%40actions/artifact@5.0.3',
      supplier: { name: 'registry.npmjs.org', url: ['https://registry.npmjs.org'] },
      scope: 'required',
      // package-lock.json line 60: sha512-FIEG8Kum0wABZnktJvFi1xuVPc31xrunhZwLCvjrCGISQOm0ifyo7cjqf6PHiEeqoWMa5HIGOsB+lGM4aKCseA==
      // base64 decoded: 14 81 06 f0 ab a6 d3 00 01 66 79 2d 26 f1 62 d7 … a0 ac 78 (64 bytes)
      hashes: [
        {
          alg: 'SHA-512',
          content:
            '148106f0aba6d3000166792d26f162d71b953dcdf5c6bba7859c0b0af8eb08621240e9b489fca8edc8ea7fa3c78847aaa1631ae472063ac07e94633868a0ac78',
        },
      ],
      licenses: [{ license: { id: 'MIT' } }],
      purl: 'pkg:npm/%40actions/artifact@5.0.3',
      externalReferences: [{ type: 'distribution', url: 'https://registry.npmjs.org/@actions/artifact/-/artifact-5.0.3.tgz' }],
      properties: [
        { name: 'devsecops:ecosystem', value: 'npm' },
        { name: 'devsecops:lockfile', value: 'package-lock.json' },
      ],
    });
    const integrity = 'FIEG8Kum0wABZnktJvFi1xuVPc31xrunhZwLCvjrCGISQOm0ifyo7cjqf6PHiEeqoWMa5HIGOsB+lGM4aKCseA==';
    expect(Buffer.from(integrity, 'base64').toString('hex')).toBe(artifact.hashes![0]!.content);
  });

  it('writes compound licences as expressions', () => {
    // line 886: "(Apache-2.0 AND BSD-3-Clause)"; line 8901: "(MIT OR CC0-1.0)"
    expect(componentByPurl(document, 'pkg:npm/%40bufbuild/protobuf@2.9.0').licenses).toEqual([{ expression: 'Apache-2.0 AND BSD-3-Clause' }]);
    expect(componentByPurl(document, 'pkg:npm/type-fest@4.41.0').licenses).toEqual([{ expression: 'MIT OR CC0-1.0' }]);
  });

  it('scopes dev-only packages as excluded, optional ones as optional, the rest as required', () => {
    expect(componentByPurl(document, 'pkg:npm/%40aashutoshrathi/word-wrap@1.2.6').scope).toBe('excluded');
    expect(componentByPurl(document, 'pkg:npm/fsevents@2.3.3').scope).toBe('optional');
    expect(componentByPurl(document, 'pkg:npm/%40actions/core@2.0.1').scope).toBe('required');
    const counts: Record<string, number> = {};
    for (const component of document.components) counts[component.scope!] = (counts[component.scope!] ?? 0) + 1;
    const lockfile = inventory.lockfiles[0]!;
    const devOnly = new Set(lockfile.packages.map((pkg) => pkg.purl));
    for (const pkg of lockfile.packages) if (pkg.scope !== 'development') devOnly.delete(pkg.purl);
    expect(counts.excluded).toBe(devOnly.size);
    expect(counts.required! + counts.optional! + counts.excluded!).toBe(732);
  });

  it('gives a package met at several places of the tree the union of their dependencies', () => {
    const lockfile = inventory.lockfiles[0]!;
    const byId = new Map(lockfile.packages.map((pkg) => [pkg.id, pkg]));
    const copies = new Map<string, string[]>();
    for (const pkg of lockfile.packages) copies.set(pkg.purl, [...(copies.get(pkg.purl) ?? []), pkg.id]);
    const repeated = [...copies].filter(([, ids]) => ids.length > 1);
    expect(repeated.length).toBeGreaterThan(0);
    for (const [purl, ids] of repeated) {
      const union = new Set(ids.flatMap((id) => byId.get(id)!.dependencies.map((dep) => byId.get(dep)!.purl)));
      union.delete(purl);
      expect(dependsOn(document, purl)).toEqual([...union].sort());
    }
  });

  it('has every NTIA minimum element', () => {
    expectNtiaElements(document);
  });

  it('writes CycloneDX 1.5 on request, valid against the 1.5 schema', () => {
    const built = buildCycloneDx({ inventory, context: contextFor({ name: 'dependency-review-action', version: '4.9.0' }) }, { specVersion: '1.5' });
    const v15 = expectWellFormed(built.text);
    expect(v15.specVersion).toBe('1.5');
    expect(v15.$schema).toBe('http://cyclonedx.org/schema/bom-1.5.schema.json');
    expect(v15.components).toHaveLength(732);
    expect(built.specVersion).toBe('1.5');
  });
});

describe('CycloneDX of other ecosystems', () => {
  it('pnpm v9 (google/osv.dev): dev tooling excluded, the root on its 20 importers entries', async () => {
    const inventory = await fixtureInventory('pnpm-v9');
    const built = buildCycloneDx({ inventory, context: contextFor() }, { specVersion: '1.6' });
    const document = expectWellFormed(built.text);
    expectNtiaElements(document);
    expect(document.components).toHaveLength(416);
    expect(built.componentCount).toBe(416);
    // No project name in pnpm-lock.yaml: the repository is identified by its GitHub purl at the commit.
    expect(document.metadata.component['bom-ref']).toBe(`pkg:github/octo-org/octo-repo@${COMMIT}`);
    expect(document.metadata.component.version).toBe(COMMIT);
    expect(dependsOn(document, document.metadata.component['bom-ref'])).toHaveLength(20);
    expect(componentByPurl(document, 'pkg:npm/%40discoveryjs/json-ext@0.6.3').scope).toBe('excluded');
    expect(componentByPurl(document, 'pkg:npm/lit@3.3.3').scope).toBe('required');
    // pnpm records no tarball URL for registry packages: no distribution reference, the default registry supplies it.
    expect(componentByPurl(document, 'pkg:npm/lit@3.3.3')).toMatchObject({ supplier: { name: 'registry.npmjs.org' } });
    expect(componentByPurl(document, 'pkg:npm/lit@3.3.3').externalReferences).toBeUndefined();
  });

  it('yarn berry workspaces: each workspace a component with its own dependencies', async () => {
    const inventory = await fixtureInventory('yarn-berry-workspaces');
    const document = expectWellFormed(buildCycloneDx({ inventory, context: contextFor() }, { specVersion: '1.6' }).text);
    expectNtiaElements(document);
    expect(document.components).toHaveLength(40);
    const pkgA = componentByPurl(document, 'pkg:npm/pkg-a@1.0.0');
    const pkgB = componentByPurl(document, 'pkg:npm/pkg-b@1.0.1');
    // pkg-a is used by nothing in the repository; pkg-b is a library pkg-a depends on.
    expect(pkgA).toMatchObject({ type: 'application', scope: 'required', supplier: { name: 'octo-org' } });
    expect(pkgB).toMatchObject({ type: 'library', scope: 'required' });
    expect(propertyValues(pkgA, 'devsecops:workspace')).toEqual(['packages/pkg-a']);
    expect(propertyValues(pkgB, 'devsecops:workspace')).toEqual(['packages/pkg-b']);
    expect(dependsOn(document, document.metadata.component['bom-ref'])).toEqual(['pkg:npm/pkg-a@1.0.0', 'pkg:npm/pkg-b@1.0.1']);
    expect(dependsOn(document, 'pkg:npm/pkg-a@1.0.0')).toEqual(['pkg:npm/express@4.12.4', 'pkg:npm/pkg-b@1.0.1']);
    expect(dependsOn(document, 'pkg:npm/pkg-b@1.0.1')).toEqual(['pkg:npm/accepts@1.3.7']);
    expect(dependsOn(document, 'pkg:npm/accepts@1.3.7')).toEqual(['pkg:npm/mime-types@2.1.35', 'pkg:npm/negotiator@0.6.2']);
    expect(dependsOn(document, 'pkg:npm/mime-db@1.52.0')).toEqual([]);
  });

  it('yarn berry workspaces, one document per workspace', async () => {
    const inventory = await fixtureInventory('yarn-berry-workspaces');
    const context = contextFor();
    const graphs = splitByWorkspace(buildComponentGraph(inventory, context));
    expect(graphs.map((entry) => entry.workspace)).toEqual(['packages/pkg-a', 'packages/pkg-b']);
    const [a, b] = graphs.map(({ graph }) => expectWellFormed(buildCycloneDx({ inventory, context }, { specVersion: '1.6', graph }).text));
    expect(a!.metadata.component).toMatchObject({ name: 'pkg-a', version: '1.0.0', 'bom-ref': 'pkg:npm/pkg-a@1.0.0', type: 'application' });
    expect(a!.components).toHaveLength(39);
    expect(b!.metadata.component).toMatchObject({ name: 'pkg-b', version: '1.0.1', 'bom-ref': 'pkg:npm/pkg-b@1.0.1' });
    expect(b!.components.map((component) => component.purl)).toEqual([
      'pkg:npm/accepts@1.3.7',
      'pkg:npm/mime-db@1.52.0',
      'pkg:npm/mime-types@2.1.35',
      'pkg:npm/negotiator@0.6.2',
    ]);
    expect(dependsOn(b!, 'pkg:npm/pkg-b@1.0.1')).toEqual(['pkg:npm/accepts@1.3.7']);
    // The workspace document still names the repository and commit it came from.
    expect(b!.metadata.component.externalReferences).toEqual([{ type: 'vcs', url: REPOSITORY }]);
    expect(propertyValues(b!.metadata.component, 'devsecops:commit')).toEqual([COMMIT]);
    expect(propertyValues(b!.metadata.component, 'devsecops:workspace')).toEqual(['packages/pkg-b']);
  });

  it('poetry (google/osv.dev website backend): dev group excluded, the path dependency a library of the repository', async () => {
    const inventory = await fixtureInventory('poetry');
    const document = expectWellFormed(buildCycloneDx({ inventory, context: contextFor() }, { specVersion: '1.6' }).text);
    expectNtiaElements(document);
    expect(document.components).toHaveLength(74);
    expect(componentByPurl(document, 'pkg:pypi/astroid@4.0.4').scope).toBe('excluded');
    expect(componentByPurl(document, 'pkg:pypi/flask@3.1.3')).toMatchObject({ scope: 'required', supplier: { name: 'pypi.org' } });
    // `osv` is a path dependency (part of the repository): supplied by the repository's owner.
    expect(componentByPurl(document, 'pkg:pypi/osv@0.1.2')).toMatchObject({ type: 'library', supplier: { name: 'octo-org' } });
    expect(dependsOn(document, document.metadata.component['bom-ref'])).toHaveLength(19);
    expect(dependsOn(document, document.metadata.component['bom-ref'])).toContain('pkg:pypi/flask@3.1.3');
  });

  it('Cargo (BurntSushi/ripgrep): SHA-256 checksums, crates.io as supplier, the root crate is the repository', async () => {
    const inventory = await fixtureInventory('cargo-lock');
    const document = expectWellFormed(buildCycloneDx({ inventory, context: contextFor({ name: 'ripgrep' }) }, { specVersion: '1.6' }).text);
    expectNtiaElements(document);
    // 63 packages, the ripgrep crate itself being the root.
    expect(document.components).toHaveLength(62);
    expect(document.metadata.component).toMatchObject({ name: 'ripgrep', version: '15.2.0', purl: 'pkg:cargo/ripgrep@15.2.0' });
    expect(componentByPurl(document, 'pkg:cargo/aho-corasick@1.1.5')).toMatchObject({
      // Cargo.lock line 9: checksum = "c982642f…"
      hashes: [{ alg: 'SHA-256', content: 'c982642fa9e8606056828ee9a8505737230110bb1099153c79efe865c59d12ba' }],
      supplier: { name: 'crates.io', url: ['https://crates.io'] },
    });
    expect(componentByPurl(document, 'pkg:cargo/aho-corasick@1.1.5').externalReferences).toBeUndefined();
    // Workspace crates are the repository's own.
    expect(componentByPurl(document, 'pkg:cargo/grep@0.4.1')).toMatchObject({ type: 'library', supplier: { name: 'octo-org' } });
    expect(dependsOn(document, 'pkg:cargo/ripgrep@15.2.0')).toContain('pkg:cargo/grep@0.4.1');
  });
});

describe('reproducible documents', () => {
  let inventories: Inventory[];
  beforeAll(async () => {
    inventories = [await fixtureInventory('npm-package-lock-v3'), await fixtureInventory('pnpm-v9', 'frontend'), await fixtureInventory('cargo-lock', 'tools/rg')];
  });
  const combined = (order: number[]): Inventory => ({ lockfiles: order.map((i) => inventories[i]!.lockfiles[0]!), errors: [] });

  it('are byte-identical across builds and whatever the order of the lockfiles and their packages', () => {
    const context = contextFor({ name: 'dependency-review-action', version: '4.9.0' });
    const first = buildCycloneDx({ inventory: combined([0, 1, 2]), context }, { specVersion: '1.6' }).text;
    expect(buildCycloneDx({ inventory: combined([0, 1, 2]), context }, { specVersion: '1.6' }).text).toBe(first);
    const shuffled = combined([2, 0, 1]);
    shuffled.lockfiles = shuffled.lockfiles.map((lockfile) => ({
      ...lockfile,
      packages: [...lockfile.packages].reverse(),
      roots: [...lockfile.roots].reverse(),
    }));
    expect(buildCycloneDx({ inventory: shuffled, context }, { specVersion: '1.6' }).text).toBe(first);
    expectWellFormed(first);
  });

  it('derive the serial number from the content, as an RFC 4122 UUID', () => {
    const context = contextFor({ name: 'dependency-review-action', version: '4.9.0' });
    const a = parse(buildCycloneDx({ inventory: combined([0]), context }, { specVersion: '1.6', serialSeed: 'ignored in reproducible mode' }).text);
    const b = parse(buildCycloneDx({ inventory: combined([0]), context: { ...context, timestamp: '2026-11-24T14:00:00Z' } }, { specVersion: '1.6' }).text);
    expect(a.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(b.metadata.timestamp).toBe('2026-11-24T14:00:00Z');
  });

  it('take the serial number from the caller’s seed outside reproducible mode', () => {
    const context = contextFor({}, { reproducible: false });
    const build = (seed: string) => parse(buildCycloneDx({ inventory: combined([1]), context }, { specVersion: '1.6', serialSeed: seed }).text).serialNumber;
    expect(build('seed-1')).toBe(build('seed-1'));
    expect(build('seed-1')).not.toBe(build('seed-2'));
    expect(build('seed-1')).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('merge a package of several lockfiles into one component naming each lockfile', () => {
    const context = contextFor({ name: 'dependency-review-action', version: '4.9.0' });
    const document = expectWellFormed(buildCycloneDx({ inventory: combined([0, 1, 2]), context }, { specVersion: '1.6' }).text);
    expectNtiaElements(document);
    // ansi-regex 5.0.1 is a runtime dependency in package-lock.json and a dev-only one in frontend/pnpm-lock.yaml.
    const ansiRegex = componentByPurl(document, 'pkg:npm/ansi-regex@5.0.1');
    expect(ansiRegex.scope).toBe('required');
    expect(propertyValues(ansiRegex, 'devsecops:lockfile')).toEqual(['frontend/pnpm-lock.yaml', 'package-lock.json']);
    expect(componentByPurl(document, 'pkg:npm/%40types/json-schema@7.0.15').scope).toBe('excluded');
    // 732 + 416 + 63 packages, 52 of them in both npm lockfiles; each subfolder lockfile is a sub-project.
    expect(document.components.filter((component) => component.purl !== 'pkg:generic/frontend' && component.purl !== 'pkg:generic/tools/rg')).toHaveLength(732 + 416 - 52 + 63);
    const frontend = componentByPurl(document, 'pkg:generic/frontend');
    // No name or version in pnpm-lock.yaml: named by its folder, versioned by the commit.
    expect(frontend).toMatchObject({ type: 'application', name: 'frontend', version: COMMIT });
    expect(propertyValues(frontend, 'devsecops:workspace')).toEqual(['frontend']);
    expect(dependsOn(document, 'pkg:npm/dependency-review-action@4.9.0')).toEqual(
      expect.arrayContaining(['pkg:generic/frontend', 'pkg:generic/tools/rg', 'pkg:npm/%40actions/artifact@5.0.3']),
    );
    expect(dependsOn(document, 'pkg:generic/frontend')).toHaveLength(20);
  });
});

describe('licences and warnings', () => {
  it('writes a licence that is not an SPDX expression as a named licence and says so', async () => {
    const inventory = await fixtureInventory('yarn-berry-workspaces');
    const extraLicenses = new Map([
      ['pkg:npm/accepts@1.3.7', 'MIT'],
      ['pkg:npm/mime-db@1.52.0', 'Apache 2.0 / see LICENSE.txt'],
      ['pkg:npm/negotiator@0.6.2', 'Apache-2.0 OR MIT'],
    ]);
    const built = buildCycloneDx({ inventory, context: contextFor({}, { extraLicenses }) }, { specVersion: '1.6' });
    const document = expectWellFormed(built.text);
    expect(componentByPurl(document, 'pkg:npm/accepts@1.3.7').licenses).toEqual([{ license: { id: 'MIT' } }]);
    expect(componentByPurl(document, 'pkg:npm/mime-db@1.52.0').licenses).toEqual([{ license: { name: 'Apache 2.0 / see LICENSE.txt' } }]);
    expect(componentByPurl(document, 'pkg:npm/negotiator@0.6.2').licenses).toEqual([{ expression: 'Apache-2.0 OR MIT' }]);
    expect(built.warnings).toHaveLength(1);
    expect(built.warnings[0]).toMatch(/^mime-db@1\.52\.0: .*Apache 2\.0 \/ see LICENSE\.txt/);
  });

  it('counts components and dependency edges for the summary', async () => {
    const inventory = await fixtureInventory('npm-package-lock-v2-workspaces');
    const built = buildCycloneDx({ inventory, context: contextFor({ name: 'root-workspace', version: '1.0.0' }) }, { specVersion: '1.6' });
    const document = expectWellFormed(built.text);
    expect(built.componentCount).toBe(3);
    // root → @test/workspace-pkg → lodash 4.17.21 (the hoisted 4.17.20 is depended on by nothing).
    expect(built.relationshipCount).toBe(2);
    expect(document.dependencies).toEqual([
      { ref: 'pkg:npm/root-workspace@1.0.0', dependsOn: ['pkg:npm/%40test/workspace-pkg@1.0.0'] },
      { ref: 'pkg:npm/%40test/workspace-pkg@1.0.0', dependsOn: ['pkg:npm/lodash@4.17.21'] },
      { ref: 'pkg:npm/lodash@4.17.20', dependsOn: [] },
      { ref: 'pkg:npm/lodash@4.17.21', dependsOn: [] },
    ]);
  });

  it('refuses a timestamp that is not a date', () => {
    const context = contextFor({}, { timestamp: 'yesterday' });
    expect(() => buildCycloneDx({ inventory: { lockfiles: [], errors: [] }, context }, { specVersion: '1.6' })).toThrow(
      'SBOM timestamp "yesterday" is not an ISO 8601 date-time',
    );
  });

  it('describes a repository without lockfiles as a root with no components', () => {
    const built = buildCycloneDx({ inventory: { lockfiles: [], errors: [] }, context: contextFor() }, { specVersion: '1.6' });
    const document = expectWellFormed(built.text);
    expect(document.components).toEqual([]);
    expect(document.dependencies).toEqual([{ ref: `pkg:github/octo-org/octo-repo@${COMMIT}`, dependsOn: [] }]);
  });
});
