import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { toInventoryLockfile, type Inventory } from '../../src/core/inventory/inventory.js';
import { ECOSYSTEMS, LOCKFILE_FORMATS, type PackageHash, type ParsedLockfile, type ParsedPackage } from '../../src/core/inventory/types.js';
import { buildComponentGraph } from '../../src/scanners/sbom/components.js';
import { buildSpdx } from '../../src/scanners/sbom/spdx.js';
import type { SbomContext } from '../../src/scanners/sbom/types.js';
import { validateSpdx, type SpdxJson } from '../support/spdx-schema.js';

/** Names and versions as odd as lockfiles get: scopes, slashes, `+` build metadata, spaces, unicode. */
const oddText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }),
  fc.constantFrom('@scope/name', 'group:artifact', 'github.com/o/r/v2', 'a b', 'ünïcödé', 'x/../y', '%41', '#frag', '()', 'LicenseRef-x'),
);
const version = fc.oneof(
  fc.constantFrom('1.0.0', '1.0.0+build.5', '2.0.0-rc.1+sha/abc', 'v1.2.3', '1.0 beta', 'ʌ1', ''),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const license = fc.oneof(
  fc.constantFrom('MIT', 'mit OR apache-2.0', '(MIT AND BSD-3-Clause)', 'MIT/Apache-2.0', 'Apache 2.0', 'UNLICENSED', 'SEE LICENSE IN x', 'BSD', 'LicenseRef-Acme', 'licenseref-ACME', 'GPL-2.0+ WITH Classpath-exception-2.0', 'Public Domain'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const HEX_LENGTH: Record<PackageHash['algorithm'], number> = { MD5: 32, 'SHA-1': 40, 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128 };
const hash = fc
  .constantFrom(...(Object.keys(HEX_LENGTH) as Array<PackageHash['algorithm']>))
  .chain((algorithm) => {
    const bytes = HEX_LENGTH[algorithm] / 2;
    return fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((data): PackageHash => ({ algorithm, hex: Buffer.from(data).toString('hex') }));
  });
const resolved = fc.oneof(
  fc.constantFrom('https://registry.npmjs.org/a/-/a-1.0.0.tgz', 'https://u:p@example.com/x.tgz?t=1#h', 'git+ssh://git@github.com/o/r.git#abc', 'registry+https://github.com/rust-lang/crates.io-index', 'file:../x'),
  fc.string({ maxLength: 20 }),
);
const scope = fc.constantFrom('runtime' as const, 'development' as const, 'optional' as const, 'peer' as const);

const parsedLockfile = fc.integer({ min: 0, max: 8 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, i) => `p${i}`);
  const someIds = ids.length > 0 ? fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 4 }) : fc.constant([] as string[]);
  const pkg = (id: string) =>
    fc.record({
      ecosystem: fc.constantFrom(...ECOSYSTEMS),
      name: oddText,
      version,
      line: fc.integer({ min: 1, max: 500 }),
      dependencies: someIds,
      scope: fc.option(scope, { nil: undefined }),
      hashes: fc.array(hash, { maxLength: 2 }),
      license: fc.option(license, { nil: undefined }),
      resolved: fc.option(resolved, { nil: undefined }),
      local: fc.boolean(),
    }).map(({ scope: s, license: l, resolved: r, ...fields }): ParsedPackage => ({
      id,
      ...fields,
      ...(s ? { scope: s } : {}),
      ...(l !== undefined ? { license: l } : {}),
      ...(r !== undefined ? { resolved: r } : {}),
    }));
  return fc.record({
    format: fc.constantFrom(...LOCKFILE_FORMATS),
    packages: fc.tuple(...ids.map(pkg)),
    roots: fc.array(
      fc.record({ id: ids.length > 0 ? fc.constantFrom(...ids) : fc.constant('p0'), scope, workspace: fc.constantFrom(undefined, '.', 'packages/a', 'b c') }).map(
        ({ workspace, ...root }) => ({ ...root, ...(workspace !== undefined ? { workspace } : {}) }),
      ),
      { maxLength: 4 },
    ),
    project: fc.option(fc.record({ name: oddText, version: fc.option(version, { nil: undefined }) }), { nil: undefined }),
    workspaces: fc.uniqueArray(fc.constantFrom('packages/a', 'b c', 'ünï'), { maxLength: 2 }),
    path: fc.constantFrom('package-lock.json', 'sub dir/Cargo.lock', 'ünï/yarn.lock', 'a/b/poetry.lock'),
  });
});

const inventory = fc.array(parsedLockfile, { minLength: 1, maxLength: 3 }).map(
  (lockfiles): Inventory => ({
    lockfiles: lockfiles.map(({ path, project, ...rest }, index) => {
      const parsed: ParsedLockfile = {
        ...rest,
        roots: rest.roots.filter((root) => rest.packages.some((pkg) => pkg.id === root.id)),
        ...(project ? { project: { name: project.name, ...(project.version !== undefined ? { version: project.version } : {}) } } : {}),
        warnings: [],
      };
      return toInventoryLockfile(parsed, `${index}/${path}`);
    }),
    errors: [],
  }),
);

const context = fc.record({
  name: oddText,
  version: fc.option(version, { nil: undefined }),
  repositoryUrl: fc.constantFrom(undefined, 'https://github.com/octo-org/octo-repo', 'https://gitlab.example.com/a/b c', 'https://github.com/(x)'),
  commit: fc.option(fc.stringMatching(/^[0-9a-f]{40}$/), { nil: undefined }),
  timestamp: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
  reproducible: fc.boolean(),
  extra: fc.array(fc.tuple(fc.constantFrom('pkg:npm/a@1.0.0', 'pkg:cargo/%C3%BC@1'), license), { maxLength: 2 }),
}).map(
  ({ name, version: v, repositoryUrl, commit, timestamp, reproducible, extra }): SbomContext => ({
    subject: { name, ...(v ? { version: v } : {}), ...(repositoryUrl ? { repositoryUrl } : {}), ...(commit ? { commit } : {}) },
    tool: { name: 'devsecops-actions', version: '0.1.0' },
    timestamp: timestamp.toISOString(),
    reproducible,
    extraLicenses: new Map(extra),
  }),
);

describe('buildSpdx on arbitrary inventories', () => {
  it('always gives a schema-valid document with valid, unique SPDXIDs and every package tied to the root', () => {
    fc.assert(
      fc.property(inventory, context, fc.option(fc.string(), { nil: undefined }), (inv, ctx, seed) => {
        const built = buildSpdx({ inventory: inv, context: ctx }, seed === undefined ? {} : { documentNamespaceSeed: seed });
        expect(built.text.endsWith('\n')).toBe(true);
        const document = JSON.parse(built.text) as SpdxJson;
        expect(validateSpdx(document)).toEqual([]);
        for (const pkg of document.packages) expect(pkg.SPDXID).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);

        const graph = buildComponentGraph(inv, ctx);
        expect(document.packages).toHaveLength(graph.entries.length + 1);
        const contains = document.relationships.filter((r) => r.relationshipType === 'CONTAINS').length;
        expect(document.relationships).toHaveLength(graph.edges.length + contains + 1);

        // Reached from the root, each relationship in its direction.
        const next = new Map<string, string[]>();
        for (const r of document.relationships) {
          if (r.relationshipType === 'DESCRIBES') continue;
          const [from, to] = r.relationshipType === 'DEV_DEPENDENCY_OF' ? [r.relatedSpdxElement, r.spdxElementId] : [r.spdxElementId, r.relatedSpdxElement];
          next.set(from, [...(next.get(from) ?? []), to]);
        }
        const seen = new Set([document.packages[0]!.SPDXID]);
        for (const id of seen) for (const to of next.get(id) ?? []) seen.add(to);
        expect(seen.size).toBe(document.packages.length);

        // The same input, the same bytes (in reproducible mode or with the same seed).
        expect(buildSpdx({ inventory: inv, context: ctx }, seed === undefined ? {} : { documentNamespaceSeed: seed }).text).toBe(built.text);
      }),
      { numRuns: 200 },
    );
  });
});
