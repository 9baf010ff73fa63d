import { z } from 'zod';
import { child, parseJsonObject, plainValue, properties } from './json-tree.js';
import { LineIndex } from './line-index.js';
import { LockfileError, type LockfileParser, type ParsedLockfile, type ParsedPackage, type RootDependency } from '../types.js';

/**
 * packages.lock.json (NuGet's `RestorePackagesWithLockFile`), versions 1 and
 * 2. It locks each target framework (`net8.0`, and `net8.0/win-x64` for a
 * runtime) apart; a package resolved to one version in several of them is
 * one package here. `Direct` packages are the project's PackageReferences,
 * `Project` entries are other projects of the solution (local), and
 * `Transitive`/`CentralTransitive` ones come in through others.
 *
 * The lock does not say which references are build-only (analyzers with
 * PrivateAssets), so every package is runtime.
 */
export const nugetLockParser: LockfileParser = { format: 'packages.lock.json', parse: parseNugetLock };

const entrySchema = z.object({
  type: z.string().optional(),
  requested: z.string().optional(),
  resolved: z.string().optional(),
  contentHash: z.string().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
});
type LockEntry = z.infer<typeof entrySchema>;

const KNOWN_TYPES = new Set(['Direct', 'Transitive', 'Project', 'CentralTransitive']);

/** 64 bytes in base64: a SHA-512 digest, which is what NuGet's contentHash is. */
const SHA512_BASE64 = /^[A-Za-z0-9+/]{86}==$/;

function parseNugetLock(text: string): ParsedLockfile {
  const lines = new LineIndex(text);
  const root = parseJsonObject(text, lines, 'packages.lock.json');
  const warnings: string[] = [];
  const version = child(root, 'version');
  if (version !== undefined && version.type === 'number' && version.value !== 1 && version.value !== 2) {
    warnings.push(`lock file version ${String(version.value)} is not one this reader knows (1 or 2); read as version 2`);
  }
  const frameworks = child(root, 'dependencies');
  if (frameworks === undefined || frameworks.type !== 'object') {
    throw new LockfileError('not a packages.lock.json: no "dependencies" object of target frameworks', lines.lineAt(root.offset));
  }

  const packages: ParsedPackage[] = [];
  const byKey = new Map<string, ParsedPackage>();
  const rootIds = new Set<string>();
  /** Per target framework section: lower-cased name → package id, to resolve edges within it. */
  const sections = new Map<string, Map<string, string>>();
  const pendingEdges: Array<{ pkg: ParsedPackage; section: string; names: string[] }> = [];

  for (const { key: framework, value: section } of properties(frameworks)) {
    if (section.type !== 'object') continue;
    const names = new Map<string, string>();
    sections.set(framework, names);
    for (const { key: name, keyOffset, value } of properties(section)) {
      const line = lines.lineAt(keyOffset);
      const parsed = entrySchema.safeParse(plainValue(value));
      if (!parsed.success) {
        warnings.push(`line ${line}: ${name} in ${framework} is not a lock entry; skipped`);
        continue;
      }
      const entry = parsed.data;
      const type = entry.type ?? 'Transitive';
      if (!KNOWN_TYPES.has(type)) warnings.push(`line ${line}: ${name} has the unknown type "${type}"; read as Transitive`);
      const isProject = type === 'Project';
      if (!isProject && entry.resolved === undefined) {
        warnings.push(`line ${line}: ${name} in ${framework} has no resolved version; skipped`);
        continue;
      }
      const version = entry.resolved ?? '';
      // NuGet ids are case-insensitive; the first spelling met is kept.
      const key = `${name}@${version}`.toLowerCase();
      let pkg = byKey.get(key);
      if (!pkg) {
        pkg = toPackage(name, version, line, entry, isProject, warnings);
        byKey.set(key, pkg);
        packages.push(pkg);
      }
      names.set(name.toLowerCase(), pkg.id);
      if (type === 'Direct') rootIds.add(pkg.id);
      if (entry.dependencies) pendingEdges.push({ pkg, section: framework, names: Object.keys(entry.dependencies) });
    }
  }

  // A package met in several frameworks gathers its edges from each, once.
  const linked = new Map<ParsedPackage, Set<string>>(pendingEdges.map(({ pkg }) => [pkg, new Set<string>()]));
  for (const { pkg, section, names } of pendingEdges) {
    // A runtime section (`net8.0/win-x64`) adds to its framework's packages.
    const own = sections.get(section);
    const base = section.includes('/') ? sections.get(section.slice(0, section.indexOf('/'))) : undefined;
    for (const name of names) {
      const target = own?.get(name.toLowerCase()) ?? base?.get(name.toLowerCase());
      // Packages the framework itself provides are not locked; nothing to link to.
      if (target === undefined || target === pkg.id || linked.get(pkg)!.has(target)) continue;
      linked.get(pkg)!.add(target);
      pkg.dependencies.push(target);
    }
  }

  const roots: RootDependency[] = [...rootIds].map((id) => ({ id, scope: 'runtime' }));
  return { format: 'packages.lock.json', packages, roots, warnings };
}

function toPackage(name: string, version: string, line: number, entry: LockEntry, isProject: boolean, warnings: string[]): ParsedPackage {
  const pkg: ParsedPackage = { id: `${name}@${version}`, ecosystem: 'NuGet', name, version, line, dependencies: [] };
  if (isProject) pkg.local = true;
  if (entry.contentHash !== undefined) {
    if (SHA512_BASE64.test(entry.contentHash)) {
      pkg.hashes = [{ algorithm: 'SHA-512', hex: Buffer.from(entry.contentHash, 'base64').toString('hex') }];
    } else {
      warnings.push(`line ${line}: ${name} has a contentHash that is not a base64 SHA-512; not used`);
    }
  }
  return pkg;
}
