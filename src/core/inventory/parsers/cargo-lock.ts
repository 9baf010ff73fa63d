import { z } from 'zod';
import { LockfileError, type LockfileParser, type ParsedLockfile, type ParsedPackage, type RootDependency } from '../types.js';
import { findArrayTableLines, parseTomlDocument } from './toml-document.js';

/**
 * Cargo.lock, versions 1 to 4. Every `[[package]]` is one crate; those
 * without a `source` are the workspace's own members, and what they depend on
 * are the direct dependencies. Cargo.lock does not say which of those are
 * dev-dependencies (Cargo.toml does), so they are all runtime.
 */
export const cargoLockParser: LockfileParser = { format: 'Cargo.lock', parse: parseCargoLock };

/** The newest lockfile version this reader knows (Cargo 1.78+ writes 4). */
const NEWEST_VERSION = 4;

const packageSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  source: z.string().min(1).optional(),
  checksum: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
});
type CargoPackage = z.infer<typeof packageSchema>;

const lockSchema = z.object({
  version: z.number().optional(),
  package: z.array(z.unknown()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const SHA256_HEX = /^[0-9a-f]{64}$/i;

function parseCargoLock(text: string): ParsedLockfile {
  const lock = lockSchema.safeParse(parseTomlDocument(text, 'Cargo.lock'));
  if (!lock.success) throw new LockfileError('not a Cargo.lock: expected [[package]] tables and a version number');
  const warnings: string[] = [];
  const { version = 1, metadata = {} } = lock.data;
  if (version > NEWEST_VERSION) warnings.push(`Cargo.lock version ${version} is newer than this reader knows; read as version ${NEWEST_VERSION}`);

  const headerLines = findArrayTableLines(text, 'package');
  const v1Checksums = readV1Checksums(metadata);
  const entries: Array<{ cargo: CargoPackage; pkg: ParsedPackage }> = [];
  const usedIds = new Set<string>();
  for (const [index, raw] of (lock.data.package ?? []).entries()) {
    const line = headerLines[index] ?? 1;
    const parsed = packageSchema.safeParse(raw);
    if (!parsed.success) {
      warnings.push(`line ${line}: [[package]] without a name and version skipped`);
      continue;
    }
    const cargo = parsed.data;
    // Two crates of one name and version can come from two sources (crates.io and a git fork).
    let id = `${cargo.name}@${cargo.version}`;
    if (usedIds.has(id)) id = `${id} (${cargo.source ?? 'local'})`;
    for (let copy = 2; usedIds.has(id); copy++) id = `${cargo.name}@${cargo.version} #${copy}`;
    usedIds.add(id);
    const checksum = cargo.checksum ?? v1Checksums.get(`${cargo.name} ${cargo.version} (${cargo.source ?? ''})`);
    const pkg: ParsedPackage = {
      id,
      ecosystem: 'crates.io',
      name: cargo.name,
      version: cargo.version,
      line,
      dependencies: [],
      ...(checksum !== undefined && SHA256_HEX.test(checksum) ? { hashes: [{ algorithm: 'SHA-256', hex: checksum.toLowerCase() }] } : {}),
      ...(cargo.source ? { resolved: cargo.source } : { local: true }),
    };
    entries.push({ cargo, pkg });
  }

  const index = indexPackages(entries);
  for (const { cargo, pkg } of entries) {
    const linked = new Set<string>();
    for (const reference of cargo.dependencies ?? []) {
      const target = resolveDependency(reference, index);
      if (target === undefined) {
        warnings.push(`line ${pkg.line}: ${cargo.name} depends on "${reference}", which is not in the lockfile`);
      } else if (!linked.has(target)) {
        linked.add(target);
        pkg.dependencies.push(target);
      }
    }
  }

  const roots: RootDependency[] = [];
  const rootIds = new Set<string>();
  const localIds = new Set(entries.filter((e) => e.pkg.local).map((e) => e.pkg.id));
  for (const { pkg } of entries) {
    if (!pkg.local) continue;
    for (const dependency of pkg.dependencies) {
      if (localIds.has(dependency) || rootIds.has(dependency)) continue;
      rootIds.add(dependency);
      roots.push({ id: dependency, scope: 'runtime' });
    }
  }

  const members = entries.filter((e) => e.pkg.local);
  return {
    format: 'Cargo.lock',
    packages: entries.map((e) => e.pkg),
    roots,
    ...(members.length === 1 ? { project: { name: members[0]!.pkg.name, version: members[0]!.pkg.version } } : {}),
    warnings,
  };
}

/** The first package of each name, of each name and version, and of each name, version and source. */
function indexPackages(entries: Array<{ cargo: CargoPackage; pkg: ParsedPackage }>): Map<string, string> {
  const index = new Map<string, string>();
  const add = (key: string, id: string) => {
    if (!index.has(key)) index.set(key, id);
  };
  for (const { cargo, pkg } of entries) {
    add(cargo.name, pkg.id);
    add(`${cargo.name} ${cargo.version}`, pkg.id);
    add(`${cargo.name} ${cargo.version} (${cargo.source ?? ''})`, pkg.id);
  }
  return index;
}

/**
 * A dependency is written `name`, or `name version` when several versions
 * are locked, or `name version (source)` when one version comes from
 * several sources: each form is a key of the index.
 */
function resolveDependency(reference: string, index: Map<string, string>): string | undefined {
  return index.get(reference.trim());
}

/** Version 1 keeps checksums apart: `"checksum name version (source)" = "hex"` under `[metadata]`. */
function readV1Checksums(metadata: Record<string, unknown>): Map<string, string> {
  const checksums = new Map<string, string>();
  for (const [key, value] of Object.entries(metadata)) {
    if (!key.startsWith('checksum ') || typeof value !== 'string') continue;
    const match = /^checksum (\S+) (\S+) \((.*)\)$/.exec(key);
    if (match) checksums.set(`${match[1]} ${match[2]} (${match[3]})`, value);
  }
  return checksums;
}
