import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { toInventoryLockfile, type Inventory } from '../../src/core/inventory/inventory.js';
import { ECOSYSTEMS, type LockfileFormat, type PackageHash, type ParsedLockfile, type ParsedPackage } from '../../src/core/inventory/types.js';
import { buildComponentGraph, splitByWorkspace } from '../../src/scanners/sbom/components.js';
import { buildCycloneDx } from '../../src/scanners/sbom/cyclonedx.js';
import type { SbomContext } from '../../src/scanners/sbom/types.js';
import { cyclonedxSchemaErrors } from '../support/cyclonedx-schema.js';

const HEX_LENGTH: Record<PackageHash['algorithm'], number> = { MD5: 32, 'SHA-1': 40, 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128 };

const oddText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', ' ', '@scope/name', '@', 'group:artifact', 'github.com/o/r/v2', 'vendor/pkg', 'Ünïcödé', 'a b', '../x', '%41', '#', '?q=1', 'pkg:npm/x'),
);
const version = fc.oneof(fc.constantFrom('1.0.0', 'v1.2.3-rc.1+build.5', '', '0', '1.0.0 || 2', '2:1.0-1', 'latest'), fc.string({ maxLength: 8 }));
const license = fc.oneof(
  fc.constantFrom(
    'MIT',
    '(MIT OR Apache-2.0)',
    'GPL-2.0+',
    'GPL-2.0-or-later WITH Classpath-exception-2.0',
    'LicenseRef-Custom',
    'MIT AND',
    'Apache 2.0',
    'UNLICENSED',
    'SEE LICENSE IN x',
    'mit',
    'BSD',
    'Public Domain',
  ),
  fc.string({ maxLength: 20 }),
);
const resolved = fc.oneof(
  fc.constantFrom(
    'https://registry.npmjs.org/a/-/a-1.0.0.tgz',
    'https://example.com/a b/ü.tgz#sha1',
    'git+https://github.com/o/r.git#abc',
    'git+ssh://git@github.com/o/r.git',
    'registry+https://github.com/rust-lang/crates.io-index',
    'file:../local',
    'http://[::1]:8080/x',
    'https://',
  ),
  fc.webUrl(),
  fc.string({ maxLength: 16 }),
);
const hash = fc.oneof(
  ...(Object.keys(HEX_LENGTH) as Array<PackageHash['algorithm']>).map((algorithm) =>
    fc
      .uint8Array({ minLength: HEX_LENGTH[algorithm] / 2, maxLength: HEX_LENGTH[algorithm] / 2 })
      .map((bytes): PackageHash => ({ algorithm, hex: Buffer.from(bytes).toString('hex') })),
  ),
);
const scope = fc.constantFrom<ParsedPackage['scope']>(undefined, 'runtime', 'development', 'optional', 'peer');
const workspaceFolder = fc.constantFrom<string | undefined>(undefined, '.', 'packages/a', 'packages/b', 'apps/x y');

const FORMATS: Array<[path: string, format: LockfileFormat]> = [
  ['package-lock.json', 'package-lock.json'],
  ['web/pnpm-lock.yaml', 'pnpm-lock.yaml'],
  ['svc/api/poetry.lock', 'poetry.lock'],
  ['Cargo.lock', 'Cargo.lock'],
  ['requirements/base.txt', 'requirements.txt'],
  ['tools/gradle/dependency-locks/compile.lockfile', 'gradle.lockfile'],
];

/** A small lockfile graph with odd names, versions, licences and links, as any parser might return. */
const parsedLockfile = fc
  .record({
    format: fc.constantFrom(...FORMATS),
    packages: fc.array(
      fc.record({
        ecosystem: fc.constantFrom(...ECOSYSTEMS),
        name: oddText,
        version,
        scope,
        license: fc.option(license, { nil: undefined }),
        resolved: fc.option(resolved, { nil: undefined }),
        hashes: fc.array(hash, { maxLength: 2 }),
        local: fc.boolean(),
        dependencies: fc.array(fc.nat(9), { maxLength: 4 }),
      }),
      { maxLength: 8 },
    ),
    roots: fc.array(fc.record({ index: fc.nat(9), scope: fc.constantFrom('runtime', 'development', 'optional', 'peer' as const), workspace: workspaceFolder }), {
      maxLength: 4,
    }),
    project: fc.option(fc.record({ name: oddText, version: fc.option(version, { nil: undefined }) }), { nil: undefined }),
    workspaces: fc.option(fc.uniqueArray(fc.constantFrom('.', 'packages/a', 'packages/b', 'apps/x y')), { nil: undefined }),
  })
  .map(({ format: [path, format], packages, roots, project, workspaces }) => {
    const ids = packages.map((pkg, index) => (index % 3 === 0 ? `node_modules/${pkg.name}#${index}` : `${pkg.name}@${pkg.version}#${index}`));
    const parsed: ParsedLockfile = {
      format,
      packages: packages.map(
        (pkg, index): ParsedPackage => ({
          id: ids[index]!,
          ecosystem: pkg.ecosystem,
          name: pkg.name,
          version: pkg.version,
          line: index + 1,
          dependencies: [...new Set(pkg.dependencies.filter((i) => i < ids.length).map((i) => ids[i]!))],
          hashes: pkg.hashes,
          ...(pkg.scope ? { scope: pkg.scope } : {}),
          ...(pkg.license !== undefined ? { license: pkg.license } : {}),
          ...(pkg.resolved !== undefined ? { resolved: pkg.resolved } : {}),
          ...(pkg.local ? { local: true } : {}),
        }),
      ),
      roots: roots
        .filter((root) => root.index < ids.length)
        .map((root) => ({ id: ids[root.index]!, scope: root.scope, ...(root.workspace !== undefined ? { workspace: root.workspace } : {}) })),
      warnings: [],
      ...(project ? { project: { name: project.name, ...(project.version !== undefined ? { version: project.version } : {}) } } : {}),
      ...(workspaces ? { workspaces } : {}),
    };
    return toInventoryLockfile(parsed, path);
  });

const inventory = fc
  .uniqueArray(parsedLockfile, { maxLength: 3, selector: (lockfile) => lockfile.path })
  .map((lockfiles): Inventory => ({ lockfiles, errors: [] }));

const context = fc.record({
  name: oddText.filter((name) => name !== ''),
  version: fc.option(version, { nil: undefined }),
  repositoryUrl: fc.option(fc.constantFrom('https://github.com/octo-org/octo-repo', 'https://gitlab.example.com/g/sub/r', 'not a url'), { nil: undefined }),
  commit: fc.option(fc.stringMatching(/^[0-9a-f]{40}$/), { nil: undefined }),
  reproducible: fc.boolean(),
  extra: fc.option(license, { nil: undefined }),
}).map(
  ({ name, version: subjectVersion, repositoryUrl, commit, reproducible, extra }): SbomContext => ({
    subject: { name, ...(subjectVersion !== undefined ? { version: subjectVersion } : {}), ...(repositoryUrl ? { repositoryUrl } : {}), ...(commit ? { commit } : {}) },
    tool: { name: 'devsecops-actions', version: '0.1.0' },
    timestamp: '2026-11-23T14:00:00Z',
    reproducible,
    ...(extra !== undefined ? { extraLicenses: new Map([['pkg:npm/a@1.0.0', extra]]) } : {}),
  }),
);

interface Document {
  metadata: { component: { 'bom-ref': string } };
  components: Array<{ 'bom-ref': string; purl: string }>;
  dependencies: Array<{ ref: string; dependsOn: string[] }>;
}

function expectValidAndComplete(text: string): void {
  const document = JSON.parse(text) as Document;
  expect(cyclonedxSchemaErrors(document)).toEqual([]);
  const refs = [document.metadata.component['bom-ref'], ...document.components.map((component) => component['bom-ref'])];
  expect(new Set(refs).size).toBe(refs.length);
  expect(document.dependencies.map((dependency) => dependency.ref)).toEqual(refs);
  const known = new Set(refs);
  for (const dependency of document.dependencies) for (const target of dependency.dependsOn) expect(known.has(target)).toBe(true);
  for (const component of document.components) expect(component.purl.startsWith('pkg:')).toBe(true);
}

describe('CycloneDX of arbitrary inventories', () => {
  it('the schema check can fail: a component with an unknown scope is rejected', () => {
    const built = buildCycloneDx({ inventory: { lockfiles: [], errors: [] }, context: { subject: { name: 'x' }, tool: { name: 't', version: '1' }, timestamp: '2026-01-01T00:00:00Z', reproducible: true } }, { specVersion: '1.6' });
    const document = JSON.parse(built.text) as { components: unknown[] };
    document.components.push({ type: 'library', name: 'y', scope: 'dev' });
    expect(cyclonedxSchemaErrors(document).join('\n')).toMatch(/scope/);
  });

  it('are always schema-valid 1.6 and 1.5 documents with a complete graph', () => {
    fc.assert(
      fc.property(inventory, context, fc.constantFrom('1.6' as const, '1.5' as const), (inv, ctx, specVersion) => {
        const built = buildCycloneDx({ inventory: inv, context: ctx }, { specVersion, serialSeed: 'seed' });
        expectValidAndComplete(built.text);
        expect(buildCycloneDx({ inventory: inv, context: ctx }, { specVersion, serialSeed: 'seed' }).text).toBe(built.text);
      }),
      { numRuns: 200 },
    );
  });

  it('split per workspace, every document is valid too', () => {
    fc.assert(
      fc.property(inventory, context, (inv, ctx) => {
        for (const { graph } of splitByWorkspace(buildComponentGraph(inv, ctx))) {
          expectValidAndComplete(buildCycloneDx({ inventory: inv, context: ctx }, { specVersion: '1.6', graph }).text);
        }
      }),
      { numRuns: 100 },
    );
  });
});
