/**
 * pnpm-lock.yaml, lockfile versions 5.x (pnpm 5-7), 6.0 (pnpm 8) and 9.0
 * (pnpm 9+). https://github.com/pnpm/spec/tree/master/lockfile
 *
 * The three differ mostly in how a package is keyed:
 *   5.x  `/name/1.0.0` and `/name/1.0.0_react@17.0.2` (one key per peer set)
 *   6.0  `/name@1.0.0` and `/name@1.0.0(react@17.0.2)`
 *   9.0  `name@1.0.0` in `packages` (metadata, once per version) and
 *        `name@1.0.0(react@17.0.2)` in `snapshots` (the graph, once per peer set)
 * `importers` (or, for a single project before 9.0, the top-level
 * dependency sections) say what each workspace depends on directly.
 */
import type { DependencyScope, LockfileParser, ParseContext, ParsedLockfile, ParsedPackage, RootDependency } from '../types.js';
import { LockfileError } from '../types.js';
import { classifySource, splitDescriptor } from './js-descriptor.js';
import { guardParse } from './js-guard.js';
import { isRecord, manifestPath, MissingDependencies, normaliseFolder, readManifest, stringField } from './js-manifest.js';
import { LineIndex } from './line-index.js';
import { parseIntegrity } from './sri.js';
import { YamlLockfile } from './yaml-data.js';

export const pnpmLockParser: LockfileParser = {
  format: 'pnpm-lock.yaml',
  parse: (text, context) => guardParse('pnpm-lock.yaml', () => parsePnpmLock(text, context)),
};

type Layout = 'v5' | 'v6' | 'v9';

/** The importer sections and the scope each gives (pnpm lists peers under dependencies). */
const IMPORTER_SECTIONS = [
  ['dependencies', 'runtime'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'development'],
] as const satisfies ReadonlyArray<readonly [string, DependencyScope]>;

interface KeyedEntry {
  key: string;
  line: number;
  fields: Record<string, unknown>;
}

function parsePnpmLock(text: string, context: ParseContext): ParsedLockfile {
  const document = YamlLockfile.parse(text, new LineIndex(text), 'pnpm-lock.yaml');
  const data = document.data;
  if (!isRecord(data)) throw new LockfileError('pnpm-lock.yaml must be a mapping', 1);
  const warnings: string[] = [];
  const layout = layoutOf(data, warnings);

  const packages = keyedEntries(document, data, 'packages', warnings);
  const snapshots = layout === 'v9' ? keyedEntries(document, data, 'snapshots', warnings) : new Map<string, KeyedEntry>();
  // The graph lives in `snapshots` from 9.0 on; before, every `packages` key is a node.
  const nodes = layout === 'v9' ? graphNodesV9(packages, snapshots) : packages;

  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of nodes.values()) {
    let id = idOf(node.key, layout);
    if (used.has(id)) id = node.key;
    used.add(id);
    ids.set(node.key, id);
  }
  const unresolved = new MissingDependencies();
  const resolveRef = (name: string, ref: string): string | undefined => {
    for (const candidate of refCandidates(name, ref, layout)) {
      const id = ids.get(candidate);
      if (id !== undefined) return id;
    }
    return undefined;
  };

  const built: ParsedPackage[] = [];
  for (const node of nodes.values()) {
    const metadata = layout === 'v9' ? (packages.get(baseKey(node.key))?.fields ?? node.fields) : node.fields;
    const dependencies = new Set<string>();
    for (const [section, required] of [['dependencies', true], ['optionalDependencies', false]] as const) {
      for (const [name, ref] of refEntries(node.fields[section])) {
        if (ref.startsWith('link:')) continue;
        const id = resolveRef(name, ref);
        if (id !== undefined && id !== ids.get(node.key)) dependencies.add(id);
        else if (id === undefined && required) unresolved.note(`${name}@${ref}`);
      }
    }
    built.push(buildPackage(node, metadata, ids.get(node.key)!, [...dependencies], layout));
  }

  const { roots, workspaces, locals, project } = readImporters(document, data, context, resolveRef, unresolved, warnings);
  unresolved.report(warnings, 'pnpm-lock.yaml');
  return {
    format: 'pnpm-lock.yaml',
    packages: [...locals, ...built].sort((a, b) => a.line - b.line),
    roots,
    ...(project ? { project } : {}),
    ...(workspaces.length > 0 ? { workspaces } : {}),
    warnings,
  };
}

function layoutOf(data: Record<string, unknown>, warnings: string[]): Layout {
  const declared = typeof data.lockfileVersion === 'string' ? data.lockfileVersion : undefined;
  const major = declared === undefined ? NaN : Number.parseInt(declared.replace(/^'|'$/g, ''), 10);
  if (!Number.isFinite(major) || major < 5 || major > 9) {
    warnings.push(`lockfileVersion ${declared ?? '(missing)'} is not one this reader knows (5.x-9.0); read by its layout`);
  }
  // pnpm 9 pre-releases wrote `7.0` with the 9.0 layout, so the sections decide, not the number alone.
  if (isRecord(data.snapshots) || major >= 9) return 'v9';
  if (major >= 6) return 'v6';
  if (Number.isFinite(major)) return 'v5';
  return anyKey(data.packages, (key) => key.includes('(') || /^\/(@[^/]+\/)?[^/@]+@/.test(key)) ? 'v6' : 'v5';
}

function anyKey(value: unknown, test: (key: string) => boolean): boolean {
  return isRecord(value) && Object.keys(value).some(test);
}

/** The entries of a top-level mapping with the line of each key. */
function keyedEntries(
  document: YamlLockfile,
  data: Record<string, unknown>,
  section: string,
  warnings: string[],
): Map<string, KeyedEntry> {
  const entries = new Map<string, KeyedEntry>();
  const values = data[section];
  if (!isRecord(values)) return entries;
  for (const [key, line] of document.keyLines(section)) {
    const fields = values[key];
    // `foo@1.0.0: {}` is a valid empty entry; anything not a mapping is not.
    if (fields !== undefined && fields !== '' && !isRecord(fields)) {
      warnings.push(`line ${line}: ${section} entry "${key}" is not a mapping and was skipped`);
      continue;
    }
    entries.set(key, { key, line, fields: isRecord(fields) ? fields : {} });
  }
  return entries;
}

/** `name@1.0.0(peer@1)(other@2)` → `name@1.0.0`. */
function baseKey(key: string): string {
  const paren = key.indexOf('(');
  return paren === -1 ? key : key.slice(0, paren);
}

/**
 * 9.0: one node per snapshot, placed at its `packages` entry's line; a
 * `packages` entry no snapshot uses still counts as installed.
 */
function graphNodesV9(packages: Map<string, KeyedEntry>, snapshots: Map<string, KeyedEntry>): Map<string, KeyedEntry> {
  const nodes = new Map<string, KeyedEntry>();
  const covered = new Set<string>();
  for (const snapshot of snapshots.values()) {
    const base = packages.get(baseKey(snapshot.key));
    if (base) covered.add(base.key);
    nodes.set(snapshot.key, { key: snapshot.key, line: base?.line ?? snapshot.line, fields: snapshot.fields });
  }
  for (const entry of packages.values()) {
    if (!covered.has(entry.key) && !nodes.has(entry.key)) nodes.set(entry.key, { ...entry, fields: {} });
  }
  return nodes;
}

/** A package's name, version and peer suffix from its key; undefined for keys that are not `name@version`. */
function parsePackageKey(key: string, layout: Layout): { name: string; version: string; peers: string } | undefined {
  const path = key.startsWith('/') ? key.slice(1) : key;
  if (layout === 'v5') {
    const segments = path.split('/');
    const scoped = segments[0]?.startsWith('@') ?? false;
    const nameLength = scoped ? 2 : 1;
    if (segments.length !== nameLength + 1) return undefined;
    const name = segments.slice(0, nameLength).join('/');
    const [version = '', ...peers] = segments[nameLength]!.split('_');
    return version === '' || name === '' ? undefined : { name, version, peers: peers.join('_') };
  }
  const base = baseKey(path);
  const { name, range } = splitDescriptor(base);
  if (name === '' || range === '') return undefined;
  return { name, version: range, peers: path.slice(base.length) };
}

function idOf(key: string, layout: Layout): string {
  const parsed = parsePackageKey(key, layout);
  if (!parsed) return key.replace(/^\//, '');
  if (layout === 'v5') return `${parsed.name}@${parsed.version}${parsed.peers ? `_${parsed.peers}` : ''}`;
  return key.replace(/^\//, '');
}

/** The keys a dependency reference may name, most specific first. */
function refCandidates(name: string, ref: string, layout: Layout): string[] {
  switch (layout) {
    case 'v5':
      // `1.0.0`, `1.0.0_react@17.0.2`, or a full key for aliases and non-registry packages.
      return [`/${name}/${ref}`, ref, `/${ref}`];
    case 'v6':
      return [`/${name}@${ref}`, ref, `/${ref}`];
    case 'v9':
      // Aliases point at `real-name@version` directly.
      return [`${name}@${ref}`, ref];
  }
}

/** A dependency section as name → reference; 6.0+ importers wrap the reference in `{ specifier, version }`. */
function refEntries(section: unknown): Array<[string, string]> {
  if (!isRecord(section)) return [];
  const refs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(section)) {
    if (typeof value === 'string') refs.push([name, value]);
    else if (isRecord(value) && typeof value.version === 'string') refs.push([name, value.version]);
  }
  return refs;
}

function buildPackage(
  node: KeyedEntry,
  metadata: Record<string, unknown>,
  id: string,
  dependencies: string[],
  layout: Layout,
): ParsedPackage {
  const parsed = parsePackageKey(baseKey(node.key), layout);
  const name = stringField(metadata, 'name') ?? parsed?.name ?? node.key;
  const keyVersion = parsed?.version ?? '';
  const source = classifySource(keyVersion);
  const version = stringField(metadata, 'version') ?? (source.kind === 'registry' ? keyVersion : (source.version ?? ''));
  const resolution = isRecord(metadata.resolution) ? metadata.resolution : {};
  const integrity = stringField(resolution, 'integrity');
  const hashes = integrity ? parseIntegrity(integrity) : [];
  const resolved = resolvedOf(resolution) ?? source.resolved;
  const local = typeof resolution.directory === 'string';
  const scope = local ? undefined : scopeOf(node.fields, metadata);
  return {
    id,
    ecosystem: 'npm',
    name,
    version,
    line: node.line,
    dependencies,
    ...(scope ? { scope } : {}),
    ...(hashes.length > 0 ? { hashes } : {}),
    ...(resolved ? { resolved } : {}),
    ...(local ? { local: true } : {}),
  };
}

function resolvedOf(resolution: Record<string, unknown>): string | undefined {
  const tarball = stringField(resolution, 'tarball');
  if (tarball) return tarball;
  const repo = stringField(resolution, 'repo');
  const commit = stringField(resolution, 'commit');
  return repo ? (commit ? `${repo}#${commit}` : repo) : undefined;
}

/**
 * pnpm 5-8 mark packages only the dev tree needs `dev: true`, and only the
 * production tree `dev: false`; without the flag a package is in both, and
 * its scope is left to the graph.
 */
function scopeOf(...sources: Array<Record<string, unknown>>): DependencyScope | undefined {
  for (const fields of sources) {
    if (fields.dev === 'true') return 'development';
    if (fields.optional === 'true') return 'optional';
    if (fields.dev === 'false') return 'runtime';
  }
  return undefined;
}

interface ImporterResult {
  roots: RootDependency[];
  workspaces: string[];
  locals: ParsedPackage[];
  project?: { name: string; version?: string };
}

/**
 * The direct dependencies of each importer (workspace). Workspaces other than
 * the root, and folders reached through `link:`, become local packages so
 * that links between workspaces stay edges of the graph.
 */
function readImporters(
  document: YamlLockfile,
  data: Record<string, unknown>,
  context: ParseContext,
  resolveRef: (name: string, ref: string) => string | undefined,
  unresolved: MissingDependencies,
  warnings: string[],
): ImporterResult {
  const importers = isRecord(data.importers)
    ? keyedEntries(document, data, 'importers', warnings)
    : new Map([['.', { key: '.', line: 1, fields: data }]]);
  const importerLines = new Map([...importers.values()].map((importer) => [importerFolder(importer.key), importer.line]));
  const lineOfFolder = (folder: string): number | undefined => importerLines.get(folder);
  const locals = new Map<string, ParsedPackage>();
  const localOf = (folder: string, fallbackName: string, line: number): ParsedPackage => {
    let local = locals.get(folder);
    if (!local) {
      const manifest = readManifest(context, manifestPath(folder), warnings);
      local = {
        id: `${manifest?.name ?? fallbackName}@link:${folder}`,
        ecosystem: 'npm',
        name: manifest?.name ?? fallbackName,
        version: manifest?.version ?? '',
        line,
        dependencies: [],
        local: true,
      };
      locals.set(folder, local);
    }
    return local;
  };

  // A workspace is named by the package.json in its folder or, failing that,
  // by the name other workspaces link it under; the folder name is the last resort.
  const linkedAs = new Map<string, string>();
  for (const importer of importers.values()) {
    for (const [section] of IMPORTER_SECTIONS) {
      for (const [name, ref] of refEntries(importer.fields[section])) {
        const target = ref.startsWith('link:') ? joinFolder(importerFolder(importer.key), ref.slice('link:'.length)) : '';
        if (target && !linkedAs.has(target)) linkedAs.set(target, name);
      }
    }
  }
  const roots: RootDependency[] = [];
  const workspaces: string[] = [];
  for (const importer of importers.values()) {
    const folder = importerFolder(importer.key);
    const isRoot = folder === '.';
    if (!isRoot) workspaces.push(folder);
    const fallbackName = linkedAs.get(folder) ?? folder.slice(folder.lastIndexOf('/') + 1);
    const self = isRoot ? undefined : localOf(folder, fallbackName, importer.line);
    const dependencies = new Set<string>();
    for (const [section, scope] of IMPORTER_SECTIONS) {
      for (const [name, ref] of refEntries(importer.fields[section])) {
        let id: string | undefined;
        if (ref.startsWith('link:')) {
          const target = joinFolder(folder, ref.slice('link:'.length));
          id = localOf(target, name, lineOfFolder(target) ?? importer.line).id;
        } else {
          id = resolveRef(name, ref);
        }
        if (id === undefined) {
          if (scope !== 'optional') unresolved.note(`${name}@${ref}`);
          continue;
        }
        dependencies.add(id);
        roots.push({ id, scope, workspace: folder });
      }
    }
    if (self) self.dependencies = [...dependencies];
  }
  const manifest = readManifest(context, 'package.json', warnings);
  const project = manifest?.name ? { name: manifest.name, ...(manifest.version ? { version: manifest.version } : {}) } : undefined;
  return { roots, workspaces, locals: [...locals.values()], ...(project ? { project } : {}) };
}

/** pnpm keys the project's own importer `.`. */
function importerFolder(key: string): string {
  const folder = normaliseFolder(key);
  return folder === '' ? '.' : folder;
}

/** `packages/a` + `../b` → `packages/b`; a path above the lockfile keeps its `..`. */
function joinFolder(from: string, relative: string): string {
  const parts = from === '.' ? [] : from.split('/');
  for (const part of relative.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}
