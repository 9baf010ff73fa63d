import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { workingTree } from '../../src/core/inventory/file-tree.js';
import { buildInventory, type Inventory, type InventoryLockfile } from '../../src/core/inventory/inventory.js';
import { buildComponentGraph, splitByWorkspace } from '../../src/scanners/sbom/components.js';
import { buildSpdx } from '../../src/scanners/sbom/spdx.js';
import type { SbomContext } from '../../src/scanners/sbom/types.js';
import { validateSpdx, type SpdxJson } from '../support/spdx-schema.js';
import { makeTempDir } from '../support/temp-repo.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/lockfiles');
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

const CONTEXT: SbomContext = {
  subject: { name: 'demo-repo', version: '2.1.0', repositoryUrl: 'https://github.com/octo-org/demo-repo', commit: COMMIT },
  tool: { name: 'devsecops-actions', version: '0.1.0' },
  timestamp: '2026-11-23T14:00:00Z',
  reproducible: true,
};

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const inventories = new Map<string, Promise<Inventory>>();

/** The inventory of fixture folders copied into one temp tree (`folder` → `target` inside it). */
function inventoryOf(...folders: Array<string | [folder: string, target: string]>): Promise<Inventory> {
  const cacheKey = JSON.stringify(folders);
  let inventory = inventories.get(cacheKey);
  if (!inventory) {
    const dir = makeTempDir('spdx-');
    tempDirs.push(dir);
    for (const entry of folders) {
      const [folder, target] = typeof entry === 'string' ? [entry, ''] : entry;
      mkdirSync(join(dir, target), { recursive: true });
      cpSync(join(FIXTURES, folder), join(dir, target), { recursive: true, filter: (source) => !source.endsWith('SOURCE.md') });
    }
    inventory = buildInventory({ tree: workingTree(dir), pathPrefix: '' });
    inventories.set(cacheKey, inventory);
  }
  return inventory;
}

function parse(text: string): SpdxJson {
  return JSON.parse(text) as SpdxJson;
}

async function documentOf(fixture: string, context: SbomContext = CONTEXT): Promise<SpdxJson> {
  return parse(buildSpdx({ inventory: await inventoryOf(fixture), context }).text);
}

function packageNamed(document: SpdxJson, name: string, version?: string): SpdxJson['packages'][number] {
  const found = document.packages.find((pkg) => pkg.name === name && (version === undefined || pkg.versionInfo === version));
  if (!found) throw new Error(`no package ${name}@${version ?? '*'}`);
  return found;
}

/** The packages reached from the root along the dependency relationships, each in its own direction. */
function reachedFromRoot(document: SpdxJson): Set<string> {
  const root = document.relationships.find((r) => r.relationshipType === 'DESCRIBES')!.relatedSpdxElement;
  const next = new Map<string, string[]>();
  for (const r of document.relationships) {
    const [from, to] =
      r.relationshipType === 'DEV_DEPENDENCY_OF' ? [r.relatedSpdxElement, r.spdxElementId] : [r.spdxElementId, r.relatedSpdxElement];
    if (!['DEPENDS_ON', 'DEV_DEPENDENCY_OF', 'CONTAINS', 'DESCRIBES'].includes(r.relationshipType)) throw new Error(r.relationshipType);
    if (r.relationshipType === 'DESCRIBES') continue;
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const seen = new Set([root]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const id of next.get(queue[i]!) ?? []) {
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  return seen;
}

function relationsOf(document: SpdxJson, type: string, related: string): string[] {
  const names = new Map(document.packages.map((pkg) => [pkg.SPDXID, pkg.name]));
  return document.relationships
    .filter((r) => r.relationshipType === type && r.relatedSpdxElement === related)
    .map((r) => names.get(r.spdxElementId)!)
    .sort();
}

function dependenciesOf(document: SpdxJson, subject: string): string[] {
  const names = new Map(document.packages.map((pkg) => [pkg.SPDXID, pkg.name]));
  return document.relationships
    .filter((r) => r.relationshipType === 'DEPENDS_ON' && r.spdxElementId === subject)
    .map((r) => names.get(r.relatedSpdxElement)!)
    .sort();
}

describe('SPDX documents of real lockfiles', () => {
  // Package counts: the distinct purls of each lockfile, plus the repository (checked by hand: e.g. 63
  // `[[package]]` entries in the Cargo.lock, 732 distinct name/version pairs among npm's 761 entries).
  const FIXTURE_PACKAGES: Array<[fixture: string, packages: number]> = [
    ['npm-package-lock-v3', 733],
    ['npm-package-lock-v2-workspaces', 4],
    ['yarn-berry-workspaces', 41],
    ['pnpm-v9', 417],
    ['cargo-lock', 64],
    ['poetry', 75],
    ['composer-lock', 37],
    ['maven-pom', 8],
    ['uv-lock-workspace', 8],
    ['gemfile-lock', 52],
    ['nuget-lock', 16],
    ['go-mod', 74],
  ];

  it.each(FIXTURE_PACKAGES)('%s gives a document valid against the SPDX 2.3 schema and rules, with %i packages', async (fixture, count) => {
    const document = await documentOf(fixture);
    expect(validateSpdx(document)).toEqual([]);
    expect(document.packages).toHaveLength(count);
    for (const pkg of document.packages) {
      expect(pkg.SPDXID).toMatch(/^SPDXRef-Package-[A-Za-z0-9.-]+$/);
      expect(pkg.name).not.toBe('');
      expect(pkg.versionInfo).toEqual(expect.any(String));
      expect(pkg.externalRefs?.filter((ref) => ref.referenceCategory === 'PACKAGE-MANAGER' && ref.referenceType === 'purl')).toHaveLength(1);
    }
  });

  it.each(FIXTURE_PACKAGES)('%s: every package is reached from the root, which the document DESCRIBES', async (fixture) => {
    const document = await documentOf(fixture);
    const describes = document.relationships.filter((r) => r.relationshipType === 'DESCRIBES');
    expect(describes).toEqual([{ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: document.packages[0]!.SPDXID }]);
    expect(document.relationships[0]).toEqual(describes[0]);
    const reached = reachedFromRoot(document);
    expect(document.packages.filter((pkg) => !reached.has(pkg.SPDXID)).map((pkg) => `${pkg.name}@${pkg.versionInfo}`)).toEqual([]);
  });

  it('ties a package nothing is recorded as depending on to the repository with CONTAINS, saying why', async () => {
    // go.mod lists indirect requirements without saying what needs them.
    const goMod = await documentOf('go-mod');
    const root = goMod.packages[0]!.SPDXID;
    const contained = goMod.relationships.filter((r) => r.relationshipType === 'CONTAINS');
    expect(contained.length).toBeGreaterThan(40);
    expect(contained.every((r) => r.spdxElementId === root && r.comment === 'Listed in go.mod, which records nothing here that depends on it.')).toBe(true);
    // npm's lockfile keeps a hoisted lodash the workspace no longer uses (it has its own copy).
    const npm = await documentOf('npm-package-lock-v2-workspaces');
    expect(npm.relationships.filter((r) => r.relationshipType === 'CONTAINS').map((r) => npm.packages.find((p) => p.SPDXID === r.relatedSpdxElement)!.name)).toEqual(['lodash']);
    // A complete graph needs none.
    expect((await documentOf('npm-package-lock-v3')).relationships.some((r) => r.relationshipType === 'CONTAINS')).toBe(false);
  });

  it('writes each graph edge once, as a relationship in SPDX direction', async () => {
    const inventory = await inventoryOf('npm-package-lock-v3');
    const graph = buildComponentGraph(inventory, CONTEXT);
    const built = buildSpdx({ inventory, context: CONTEXT });
    const document = parse(built.text);
    expect(document.relationships).toHaveLength(graph.edges.length + 1);
    expect(built.relationshipCount).toBe(graph.edges.length + 1);
    expect(built.componentCount).toBe(732);
    const keys = new Set(document.relationships.map((r) => `${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`));
    expect(keys.size).toBe(document.relationships.length);
  });
});

describe('the validator used here', () => {
  it('rejects what the schema or the specification forbids', async () => {
    const document = await documentOf('cargo-lock');
    const broken = structuredClone(document);
    broken.packages[1]!.SPDXID = 'SPDXRef-Package_with_underscores';
    broken.packages[2]!.licenseDeclared = 'MIT AND LicenseRef-Undeclared';
    broken.packages[3]!.checksums = [{ algorithm: 'SHA256', checksumValue: 'ABC' }];
    broken.relationships.push({ spdxElementId: 'SPDXRef-Nowhere', relationshipType: 'DEPENDS_ON', relatedSpdxElement: document.packages[0]!.SPDXID });
    broken.creationInfo.created = '2026-11-23T14:00:00.000Z';
    // Every relationship of the renamed package names an unknown id: each problem once here.
    expect([...new Set(validateSpdx(broken))]).toEqual([
      'created 2026-11-23T14:00:00.000Z is not YYYY-MM-DDThh:mm:ssZ',
      'package SPDXRef-Package_with_underscores: invalid SPDXID',
      `package ${document.packages[2]!.SPDXID} licenseDeclared: LicenseRef-Undeclared is not in hasExtractedLicensingInfos`,
      `package ${document.packages[3]!.SPDXID}: checksum SHA256 ABC`,
      `relationship DEPENDS_ON names unknown ${document.packages[1]!.SPDXID}`,
      'relationship DEPENDS_ON names unknown SPDXRef-Nowhere',
    ]);
    const { dataLicense: _dataLicense, ...withoutDataLicense } = document;
    expect(validateSpdx({ ...withoutDataLicense, packages: [{ name: 'x' }] })).toEqual([
      "/ must have required property 'dataLicense'",
      "/packages/0 must have required property 'SPDXID'",
      "/packages/0 must have required property 'downloadLocation'",
    ]);
  });
});

describe('the repository as the root package', () => {
  it('names the repository, its version, commit, owner and purl', async () => {
    const document = await documentOf('cargo-lock');
    expect(document.name).toBe('demo-repo@2.1.0');
    expect(document.packages[0]).toEqual({
      SPDXID: expect.stringMatching(/^SPDXRef-Package-github-octo-org-demo-repo-/),
      name: 'demo-repo',
      versionInfo: '2.1.0',
      supplier: 'Organization: octo-org',
      downloadLocation: `git+https://github.com/octo-org/demo-repo@${COMMIT}`,
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      comment: `The repository https://github.com/octo-org/demo-repo at commit ${COMMIT}, described from its lockfiles.`,
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: expect.stringMatching(/^pkg:github\/octo-org\/demo-repo@/) }],
      primaryPackagePurpose: 'APPLICATION',
    });
  });

  it('without a repository URL: no VCS location, the namespace under spdx.org, only the tool as creator (and a warning)', async () => {
    const inventory = await inventoryOf('cargo-lock');
    const context: SbomContext = { ...CONTEXT, subject: { name: 'ripgrep' } };
    const built = buildSpdx({ inventory, context });
    const document = parse(built.text);
    expect(document.documentNamespace).toMatch(/^https:\/\/spdx\.org\/spdxdocs\/ripgrep-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(document.creationInfo.creators).toEqual(['Tool: devsecops-actions-0.1.0']);
    expect(document.packages[0]!.downloadLocation).toBe('NOASSERTION');
    expect(document.packages[0]!.supplier).toBe('NOASSERTION');
    expect(built.warnings).toContain('SPDX: no repository owner is known, so the document names only the tool as its creator');
    expect(validateSpdx(document)).toEqual([]);
  });
});

describe('packages', () => {
  it('carry the lockfile integrity as SPDX checksums in lower-case hex', async () => {
    const npm = await documentOf('npm-package-lock-v3');
    const integrity = 'hXJCSrkwfA46Vd9Z3q4cpEpHB1rL5NG04+/rbqW9d3+CSvtB1tYe8UTpAlixa1vj0m/ULglfEK2UKxMGxCxv5A==';
    expect(packageNamed(npm, '@actions/core').checksums).toEqual([
      { algorithm: 'SHA512', checksumValue: Buffer.from(integrity, 'base64').toString('hex') },
    ]);
    const cargo = await documentOf('cargo-lock');
    expect(packageNamed(cargo, 'aho-corasick', '1.1.5').checksums).toEqual([
      { algorithm: 'SHA256', checksumValue: 'c982642fa9e8606056828ee9a8505737230110bb1099153c79efe865c59d12ba' },
    ]);
  });

  it('name their download location, supplier, purl, purpose and the lockfile they come from', async () => {
    const document = await documentOf('npm-package-lock-v3');
    expect(packageNamed(document, '@actions/core')).toEqual({
      SPDXID: expect.stringMatching(/^SPDXRef-Package-npm-actions-core-1\.11\.1-[0-9a-f]{16}$/),
      name: '@actions/core',
      versionInfo: '1.11.1',
      supplier: 'Organization: registry.npmjs.org',
      downloadLocation: 'https://registry.npmjs.org/@actions/core/-/core-1.11.1.tgz',
      filesAnalyzed: false,
      checksums: [expect.objectContaining({ algorithm: 'SHA512' })],
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'MIT',
      copyrightText: 'NOASSERTION',
      comment: 'Declared in package-lock.json.',
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/%40actions/core@1.11.1' }],
      primaryPackagePurpose: 'LIBRARY',
    });
    expect(packageNamed(document, 'eslint').comment).toBe('Declared in package-lock.json. Needed only for development (not shipped with demo-repo).');
  });

  it('declare the lockfile licences as SPDX expressions, legacy spellings translated', async () => {
    const document = await documentOf('npm-package-lock-v3');
    expect(packageNamed(document, '@bufbuild/protobuf').licenseDeclared).toBe('Apache-2.0 AND BSD-3-Clause');
    expect(packageNamed(document, 'chainsaw').licenseDeclared).toBe('MIT'); // "MIT/X11" in the lockfile
    expect(packageNamed(document, 'type-fest', '4.41.0').licenseDeclared).toBe('MIT OR CC0-1.0');
    expect(packageNamed(document, '@aashutoshrathi/word-wrap').licenseDeclared).toBe('NOASSERTION'); // none in the lockfile
    expect(document.hasExtractedLicensingInfos).toBeUndefined();
  });

  it('declare a licence that is no SPDX expression as a LicenseRef described in the document, with a warning', async () => {
    const inventory = structuredClone(await inventoryOf('npm-package-lock-v3'));
    const setLicense = (name: string, license: string) => {
      // Every copy: @actions/core is also nested under @actions/artifact.
      for (const pkg of inventory.lockfiles[0]!.packages) if (pkg.name === name) pkg.license = license;
    };
    setLicense('chainsaw', 'SEE LICENSE IN LICENSE.md');
    setLicense('traverse', 'UNLICENSED');
    setLicense('@actions/core', 'MIT AND LicenseRef-Acme-Internal');
    setLicense('@actions/github', 'mit and licenseref-acme-internal');
    // A licence found in installed metadata, for a package the lockfile says nothing about.
    const context: SbomContext = { ...CONTEXT, extraLicenses: new Map([['pkg:npm/%40aashutoshrathi/word-wrap@1.2.6', 'Apache 2.0']]) };
    const built = buildSpdx({ inventory, context });
    const document = parse(built.text);
    expect(validateSpdx(document)).toEqual([]);

    const seeLicense = packageNamed(document, 'chainsaw').licenseDeclared!;
    expect(seeLicense).toMatch(/^LicenseRef-SEE-LICENSE-IN-LICENSE.md-[0-9a-f]{12}$/);
    expect(packageNamed(document, 'traverse').licenseDeclared).toBe('LicenseRef-UNLICENSED');
    expect(packageNamed(document, '@actions/core').licenseDeclared).toBe('MIT AND LicenseRef-Acme-Internal');
    // Refs are matched case-insensitively and written as first spelled.
    expect(packageNamed(document, '@actions/github').licenseDeclared).toBe('MIT AND LicenseRef-Acme-Internal');
    expect(packageNamed(document, '@aashutoshrathi/word-wrap').licenseDeclared).toBe('Apache-2.0');
    expect(document.hasExtractedLicensingInfos).toEqual([
      {
        licenseId: 'LicenseRef-Acme-Internal',
        extractedText: 'MIT AND LicenseRef-Acme-Internal',
        name: 'MIT AND LicenseRef-Acme-Internal',
        comment:
          'The package metadata names LicenseRef-Acme-Internal in the expression "MIT AND LicenseRef-Acme-Internal" without its text; used by @actions/core@1.11.1, @actions/core@2.0.1, @actions/github@6.0.1.',
      },
      {
        licenseId: seeLicense,
        extractedText: 'SEE LICENSE IN LICENSE.md',
        name: 'SEE LICENSE IN LICENSE.md',
        comment: 'Declared in the package metadata as this text, which is not an SPDX licence expression; used by chainsaw@0.1.0.',
      },
      {
        licenseId: 'LicenseRef-UNLICENSED',
        extractedText: 'UNLICENSED',
        name: 'UNLICENSED',
        comment: 'Declared in the package metadata as this text, which is not an SPDX licence expression; used by traverse@0.3.9.',
      },
    ]);
    expect(built.warnings.filter((warning) => warning.includes('licence'))).toEqual([
      expect.stringMatching(/^chainsaw@0\.1\.0: .*"SEE LICENSE IN LICENSE\.md"/),
      expect.stringMatching(/^traverse@0\.3\.9: .*"UNLICENSED"/),
    ]);
  });
});

describe('dependency relationships', () => {
  it("are DEPENDS_ON for the project's dependencies and DEV_DEPENDENCY_OF, dependency first, for its dev dependencies", async () => {
    const document = await documentOf('npm-package-lock-v3');
    const root = document.packages[0]!.SPDXID;
    const manifest = JSON.parse(readFileSync(join(FIXTURES, 'npm-package-lock-v3/package-lock.json'), 'utf8')) as {
      packages: { '': { dependencies: Record<string, string>; devDependencies: Record<string, string> } };
    };
    expect(dependenciesOf(document, root)).toEqual(Object.keys(manifest.packages[''].dependencies).sort());
    expect(relationsOf(document, 'DEV_DEPENDENCY_OF', root)).toEqual(Object.keys(manifest.packages[''].devDependencies).sort());
    expect(relationsOf(document, 'DEV_DEPENDENCY_OF', root)).toHaveLength(15);
    // Between packages: DEPENDS_ON, whatever the scope of the packages.
    const core = packageNamed(document, '@actions/core').SPDXID;
    expect(dependenciesOf(document, core)).toEqual(['@actions/exec', '@actions/http-client']);
    expect(dependenciesOf(document, packageNamed(document, 'eslint').SPDXID)).toContain('@eslint/js');
  });

  it('put workspaces under the repository, each with its own dependencies and its folder as download location', async () => {
    const document = await documentOf('yarn-berry-workspaces');
    const root = document.packages[0]!.SPDXID;
    const pkgA = packageNamed(document, 'pkg-a');
    const pkgB = packageNamed(document, 'pkg-b');
    expect(dependenciesOf(document, root)).toEqual(['pkg-a', 'pkg-b']);
    expect(dependenciesOf(document, pkgA.SPDXID)).toEqual(['express', 'pkg-b']);
    expect(dependenciesOf(document, pkgB.SPDXID)).toEqual(['accepts']);
    expect(pkgA).toMatchObject({
      versionInfo: '1.0.0',
      supplier: 'Organization: octo-org',
      downloadLocation: `git+https://github.com/octo-org/demo-repo@${COMMIT}#packages/pkg-a`,
      comment: 'Part of this repository at packages/pkg-a. Declared in yarn.lock.',
      primaryPackagePurpose: 'APPLICATION',
    });
    // pkg-a depends on pkg-b: a library of the repository.
    expect(pkgB.primaryPackagePurpose).toBe('LIBRARY');
  });

  it('one document per workspace is valid and complete too', async () => {
    const inventory = await inventoryOf('yarn-berry-workspaces');
    const graphs = splitByWorkspace(buildComponentGraph(inventory, CONTEXT));
    expect(graphs.map((g) => g.workspace)).toEqual(['packages/pkg-a', 'packages/pkg-b']);
    for (const { graph } of graphs) {
      const document = parse(buildSpdx({ inventory, context: CONTEXT }, { graph }).text);
      expect(validateSpdx(document)).toEqual([]);
      expect(reachedFromRoot(document).size).toBe(document.packages.length);
      expect(document.packages[0]!.downloadLocation).toBe(`git+https://github.com/octo-org/demo-repo@${COMMIT}#${graph.root.workspacePath}`);
    }
  });
});

describe('NTIA minimum elements', () => {
  it('are all present: supplier, name, version, identifiers, relationships, author and timestamp', async () => {
    const document = await documentOf('npm-package-lock-v3');
    expect(document.creationInfo.created).toBe('2026-11-23T14:00:00Z');
    // Author of the SBOM data: the tool, run by the repository's owner.
    expect(document.creationInfo.creators).toEqual(['Tool: devsecops-actions-0.1.0', 'Organization: octo-org']);
    for (const pkg of document.packages) {
      expect(pkg.supplier).toMatch(/^Organization: \S+$/);
      expect(pkg.name).not.toBe('');
      expect(pkg.versionInfo).not.toBe('');
      expect(pkg.SPDXID).toBeDefined();
      expect(pkg.externalRefs?.[0]?.referenceLocator).toMatch(/^pkg:/);
    }
    expect(document.relationships.filter((r) => r.relationshipType !== 'DESCRIBES').length).toBeGreaterThan(document.packages.length - 1);
  });
});

describe('reproducible mode', () => {
  function shuffled<T>(items: readonly T[], seed: number): T[] {
    const copy = [...items];
    let state = seed;
    for (let i = copy.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const j = state % (i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  function shuffledInventory(inventory: Inventory, seed: number): Inventory {
    const lockfiles = inventory.lockfiles.map(
      (lockfile): InventoryLockfile => ({
        ...lockfile,
        packages: shuffled(lockfile.packages, seed).map((pkg) => ({ ...pkg, dependencies: shuffled(pkg.dependencies, seed + 1) })),
        roots: shuffled(lockfile.roots, seed + 2),
      }),
    );
    return { ...inventory, lockfiles: shuffled(lockfiles, seed + 3) };
  }

  const MONOREPO: Array<[string, string]> = [
    ['cargo-lock', ''],
    ['npm-package-lock-v3', 'web'],
    ['poetry', 'api'],
  ];

  it('gives byte-identical documents for the same inventory, however its lockfiles and packages are ordered', async () => {
    const inventory = await inventoryOf(...MONOREPO);
    expect(inventory.lockfiles.map((l) => l.path)).toEqual(['Cargo.lock', 'api/poetry.lock', 'web/package-lock.json']);
    const first = buildSpdx({ inventory, context: CONTEXT });
    const again = buildSpdx({ inventory, context: CONTEXT });
    expect(again.text).toBe(first.text);
    for (const seed of [1, 2, 3]) {
      expect(buildSpdx({ inventory: shuffledInventory(inventory, seed), context: CONTEXT }).text).toBe(first.text);
    }
    const document = parse(first.text);
    expect(validateSpdx(document)).toEqual([]);
    expect(reachedFromRoot(document).size).toBe(document.packages.length);
    expect(first.text.endsWith('}\n')).toBe(true);
    expect(first.text).toContain('\n  "spdxVersion": "SPDX-2.3",\n');
  });

  it('derives the namespace from the content, ignoring a seed', async () => {
    const inventory = await inventoryOf('cargo-lock');
    const a = parse(buildSpdx({ inventory, context: CONTEXT }, { documentNamespaceSeed: 'one' }).text);
    const b = parse(buildSpdx({ inventory, context: CONTEXT }, { documentNamespaceSeed: 'two' }).text);
    expect(a.documentNamespace).toBe(b.documentNamespace);
    expect(a.documentNamespace).toMatch(/^https:\/\/github\.com\/octo-org\/demo-repo\/spdx\/demo-repo-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const later = parse(buildSpdx({ inventory, context: { ...CONTEXT, timestamp: '2026-11-24T09:30:00Z' } }).text);
    expect(later.documentNamespace).not.toBe(a.documentNamespace);
  });

  it('outside it, the namespace comes from the caller’s seed and nothing else changes', async () => {
    const inventory = await inventoryOf('cargo-lock');
    const context = { ...CONTEXT, reproducible: false };
    const one = buildSpdx({ inventory, context }, { documentNamespaceSeed: 'c0ffee-1' }).text;
    const two = buildSpdx({ inventory, context }, { documentNamespaceSeed: 'c0ffee-2' }).text;
    expect(buildSpdx({ inventory, context }, { documentNamespaceSeed: 'c0ffee-1' }).text).toBe(one);
    expect(parse(one).documentNamespace).toMatch(/-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parse(one).documentNamespace).not.toBe(parse(two).documentNamespace);
    const withoutNamespace = (text: string) => ({ ...parse(text), documentNamespace: '' });
    expect(withoutNamespace(one)).toEqual(withoutNamespace(two));
  });

  it('writes the timestamp at seconds precision in UTC', async () => {
    const inventory = await inventoryOf('cargo-lock');
    const document = parse(buildSpdx({ inventory, context: { ...CONTEXT, timestamp: '2026-11-23T15:00:00.123+01:00' } }).text);
    expect(document.creationInfo.created).toBe('2026-11-23T14:00:00Z');
    expect(() => buildSpdx({ inventory, context: { ...CONTEXT, timestamp: 'yesterday' } })).toThrow('SBOM timestamp "yesterday" is not an ISO 8601 date-time');
  });
});
