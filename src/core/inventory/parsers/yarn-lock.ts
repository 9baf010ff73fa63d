/**
 * yarn.lock, both the classic format (yarn 1) and yarn berry's YAML (2+),
 * read with yarn's own `parseSyml`, which already knows both dialects
 * (https://github.com/yarnpkg/berry/tree/master/packages/yarnpkg-parsers).
 *
 * Every entry is keyed by the descriptors (`name@range`) it satisfies, and a
 * dependency `name: range` points at the entry whose key lists `name@range`.
 * Neither dialect says which packages are direct: that comes from
 * package.json (classic) or from the workspace entries (berry).
 */
import { parseSyml } from '@yarnpkg/parsers';
import type { DependencyScope, LockfileParser, ParseContext, ParsedLockfile, ParsedPackage, RootDependency } from '../types.js';
import { LockfileError } from '../types.js';
import { classifySource, parseNpmRange, splitDescriptor } from './js-descriptor.js';
import { firstLine, guardParse } from './js-guard.js';
import { isRecord, manifestPath, MissingDependencies, readManifest, stringEntries, stringField, type Manifest } from './js-manifest.js';
import { forEachLine, LineIndex } from './line-index.js';
import { hashFromHex, parseIntegrity, pushUnique } from './sri.js';

export const yarnLockParser: LockfileParser = {
  // The format reported is decided per file (`yarn.lock@v1` or `yarn.lock@berry`).
  format: 'yarn.lock@v1',
  parse: (text, context) => guardParse('yarn.lock', () => parseYarnLock(text, context)),
};

/** yarn's grammar picks the classic parser only when the file opens with this comment. */
const CLASSIC_HEADER = /^(#.*(\r?\n))*?#\s+yarn\s+lockfile\s+v1\r?\n/i;
const BERRY_METADATA = /^__metadata:/m;

interface Entry {
  descriptors: string[];
  fields: Record<string, unknown>;
  line: number;
}

function parseYarnLock(text: string, context: ParseContext): ParsedLockfile {
  const berry = BERRY_METADATA.test(text);
  const document = readDocument(text, berry);
  const headers = headerLines(text);
  const lines = new LineIndex(text);
  const entries: Entry[] = [];
  const warnings: string[] = [];
  const byObject = new Map<object, Entry>();
  for (const [key, value] of Object.entries(document)) {
    if (key === '__metadata') continue;
    if (!isRecord(value)) {
      warnings.push(`entry "${key.slice(0, 100)}" is not a mapping and was skipped`);
      continue;
    }
    // The classic parser repeats one entry object under each of its descriptors.
    const known = byObject.get(value);
    const descriptors = berry ? key.split(',').map((part) => part.trim()).filter(Boolean) : [key];
    if (known) {
      known.descriptors.push(...descriptors);
      continue;
    }
    const line = headers.get(descriptors[0]!) ?? lines.lineOf(descriptors[0]!) ?? 1;
    const entry: Entry = { descriptors, fields: value, line };
    byObject.set(value, entry);
    entries.push(entry);
  }
  entries.sort((a, b) => a.line - b.line);
  return berry ? readBerry(entries, context, warnings) : readClassic(entries, context, warnings);
}

function readDocument(text: string, berry: boolean): Record<string, unknown> {
  // A classic file without yarn's banner would go to the YAML reader and fail on its syntax.
  const prefixed = !berry && !CLASSIC_HEADER.test(text);
  try {
    const document: unknown = parseSyml(prefixed ? `# yarn lockfile v1\n${text}` : text);
    if (!isRecord(document)) throw new LockfileError('yarn.lock does not hold a mapping of entries', 1);
    return document;
  } catch (error) {
    if (error instanceof LockfileError || error instanceof RangeError) throw error;
    const line = errorLine(error);
    const reason = firstLine(error instanceof Error ? error.message : String(error));
    throw new LockfileError(
      `not a valid ${berry ? 'yarn berry' : 'yarn v1'} lockfile: ${reason}`,
      line === undefined ? undefined : Math.max(1, line - (prefixed ? 1 : 0)),
    );
  }
}

/** The line a grammar (`location.start.line`) or YAML (`mark.line`, 0-based) error names. */
function errorLine(error: unknown): number | undefined {
  if (!isRecord(error)) return undefined;
  const location = error.location;
  if (isRecord(location) && isRecord(location.start) && typeof location.start.line === 'number') return location.start.line;
  const mark = error.mark;
  if (isRecord(mark) && typeof mark.line === 'number') return mark.line + 1;
  return undefined;
}

/**
 * The line of each descriptor's entry. parseSyml keeps no positions, but
 * every entry opens with an unindented `descriptor, descriptor:` line.
 */
function headerLines(text: string): Map<string, number> {
  const found = new Map<string, number>();
  forEachLine(text, (raw, lineNumber) => {
    const line = raw.replace(/\r$/, '');
    if (line !== '' && !/^[\s#]/.test(line) && line.endsWith(':')) {
      for (const descriptor of splitHeader(line.slice(0, -1))) if (!found.has(descriptor)) found.set(descriptor, lineNumber);
    }
  });
  return found;
}

/** `"a@^1", a@~1.1` (classic) or `"a@npm:^1, a@npm:~1.1"` (berry) → the descriptors. */
function splitHeader(header: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < header.length) {
    while (header[i] === ' ' || header[i] === ',') i += 1;
    if (i >= header.length) break;
    if (header[i] === '"') {
      let value = '';
      let j = i + 1;
      for (; j < header.length && header[j] !== '"'; j += 1) {
        if (header[j] === '\\' && j + 1 < header.length) j += 1;
        value += header[j];
      }
      parts.push(value);
      i = j + 1;
    } else {
      const comma = header.indexOf(',', i);
      const end = comma === -1 ? header.length : comma;
      parts.push(header.slice(i, end));
      i = end;
    }
  }
  return parts.flatMap((part) => part.split(',')).map((part) => part.trim()).filter(Boolean);
}

/** Gives each package `name@version`, or a line-qualified id when that is taken. */
class IdAllocator {
  private readonly used = new Set<string>();

  allocate(name: string, version: string, line: number): string {
    const base = `${name}@${version}`;
    const id = this.used.has(base) ? `${base} (line ${line})` : base;
    this.used.add(id);
    return id;
  }
}

/** Yarn 1. */
function readClassic(entries: Entry[], context: ParseContext, warnings: string[]): ParsedLockfile {
  const ids = new IdAllocator();
  const byDescriptor = new Map<string, string>();
  const built: Array<{ entry: Entry; pkg: ParsedPackage }> = [];
  for (const entry of entries) {
    const { name: declaredAs, range } = splitDescriptor(entry.descriptors[0]!);
    const name = parseNpmRange(range)?.name ?? declaredAs;
    const version = stringField(entry.fields, 'version') ?? '';
    if (version === '') warnings.push(`line ${entry.line}: entry ${entry.descriptors[0]} has no version`);
    const resolved = stringField(entry.fields, 'resolved');
    const integrity = stringField(entry.fields, 'integrity');
    const hashes = integrity ? parseIntegrity(integrity) : [];
    const tarballSha1 = resolved ? tarballFragmentSha1(resolved) : undefined;
    if (tarballSha1) pushUnique(hashes, tarballSha1);
    const local = entry.descriptors.some((descriptor) => {
      const kind = classifySource(splitDescriptor(descriptor).range).kind;
      return kind === 'folder' || kind === 'workspace';
    });
    const id = ids.allocate(name, version, entry.line);
    for (const descriptor of entry.descriptors) byDescriptor.set(descriptor, id);
    built.push({
      entry,
      pkg: {
        id,
        ecosystem: 'npm',
        name,
        version,
        line: entry.line,
        dependencies: [],
        ...(hashes.length > 0 ? { hashes } : {}),
        ...(resolved ? { resolved } : {}),
        ...(local ? { local: true } : {}),
      },
    });
  }

  const unmatched = new MissingDependencies();
  const onlyVersion = onlyVersionOf(built.map(({ pkg }) => pkg));
  const lookup = (name: string, range: string): string | undefined =>
    byDescriptor.get(`${name}@${range}`) ?? onlyVersion.get(name);
  for (const { entry, pkg } of built) {
    const dependencies = new Set<string>();
    for (const [section, required] of [['dependencies', true], ['optionalDependencies', false]] as const) {
      for (const [name, range] of stringEntries(entry.fields[section])) {
        const id = lookup(name, range);
        if (id !== undefined && id !== pkg.id) dependencies.add(id);
        else if (id === undefined && required) unmatched.note(`${name}@${range}`);
      }
    }
    pkg.dependencies = [...dependencies];
  }

  const roots: RootDependency[] = [];
  const workspaces: string[] = [];
  const manifest = readManifest(context, 'package.json', warnings);
  if (manifest) {
    const addRoots = (member: Manifest, workspace: string): void => {
      for (const dependency of member.dependencies) {
        const id = lookup(dependency.name, dependency.range);
        if (id !== undefined) roots.push({ id, scope: dependency.scope, workspace });
        else if (dependency.scope === 'runtime' || dependency.scope === 'development') {
          unmatched.note(`${dependency.name}@${dependency.range}`);
        }
      }
    };
    addRoots(manifest, '.');
    readClassicWorkspaces(manifest, context, warnings, (folder, member) => {
      workspaces.push(folder);
      addRoots(member, folder);
    });
  } else {
    warnings.push('yarn.lock does not record the direct dependencies and no package.json was found beside it');
  }
  unmatched.report(warnings, 'yarn.lock');
  const project = manifest?.name ? { name: manifest.name, ...(manifest.version ? { version: manifest.version } : {}) } : undefined;
  return {
    format: 'yarn.lock@v1',
    packages: built.map(({ pkg }) => pkg),
    roots,
    ...(project ? { project } : {}),
    ...(workspaces.length > 0 ? { workspaces } : {}),
    warnings,
  };
}

/**
 * Yarn 1 keeps workspaces out of the lockfile; package.json lists them, as
 * folders or globs. Folders are read; globs would need a directory listing,
 * which a parser does not have.
 */
function readClassicWorkspaces(
  manifest: Manifest,
  context: ParseContext,
  warnings: string[],
  visit: (folder: string, member: Manifest) => void,
): void {
  const globs: string[] = [];
  for (const pattern of manifest.workspaces) {
    if (/[*?{}[\]!]/.test(pattern)) {
      globs.push(pattern);
      continue;
    }
    const folder = pattern.replace(/^\.\/+/, '').replace(/\/+$/, '');
    const member = readManifest(context, manifestPath(folder), warnings);
    if (member) visit(folder, member);
    else warnings.push(`workspace ${folder} has no readable package.json; its direct dependencies are unknown`);
  }
  if (globs.length > 0) {
    warnings.push(`workspace patterns ${globs.join(', ')} are not expanded; their members' direct dependencies are unknown`);
  }
}

/**
 * For each name locked at a single version, that package. A `resolutions`
 * override in package.json leaves dependents asking for the original range
 * (`trim@0.0.1`) while the lockfile only holds the forced one, and when there
 * is only one candidate it is the one installed.
 */
function onlyVersionOf(packages: ParsedPackage[]): Map<string, string> {
  const ids = new Map<string, string | null>();
  for (const pkg of packages) ids.set(pkg.name, ids.has(pkg.name) ? null : pkg.id);
  const single = new Map<string, string>();
  for (const [name, id] of ids) if (id !== null) single.set(name, id);
  return single;
}

/** Yarn 1 appends the tarball's SHA-1 to registry URLs (`…/lodash-4.17.21.tgz#679591c5…`). */
function tarballFragmentSha1(resolved: string) {
  const match = /^https?:\/\/[^#]+\.tgz#([0-9a-fA-F]{40})$/.exec(resolved);
  return match ? hashFromHex('SHA-1', match[1]!) : undefined;
}

interface BerryResolution {
  name: string;
  /** The resolution this one duplicates (`patch:` and `virtual:` entries), as yarn writes it. */
  base?: string;
  workspace?: string;
  resolved?: string;
  local: boolean;
}

/**
 * What a berry `resolution` says: `lodash@npm:4.17.21`, `app@workspace:packages/app`,
 * `typescript@patch:typescript@npm%3A5.0.4#…`, `react-dom@virtual:…#npm:18.2.0`.
 */
function describeResolution(resolution: string): BerryResolution {
  const { name, range: spec } = splitDescriptor(resolution);
  if (spec.startsWith('npm:')) return { name, local: false };
  if (spec.startsWith('patch:')) {
    // The patched descriptor is URL-encoded up to the `#` that starts the patch path.
    const inner = spec.slice('patch:'.length).split('#')[0]!;
    let base: string | undefined;
    try {
      base = decodeURIComponent(inner);
    } catch {
      base = undefined;
    }
    return { name, local: false, ...(base ? { base } : {}) };
  }
  if (spec.startsWith('virtual:')) {
    const hash = spec.indexOf('#');
    return { name, local: false, ...(hash === -1 ? {} : { base: `${name}@${spec.slice(hash + 1)}` }) };
  }
  const source = classifySource(spec);
  if (source.kind === 'workspace') return { name, local: true, workspace: source.folder ?? '.' };
  return {
    name,
    local: source.kind === 'folder',
    ...(source.resolved && source.kind !== 'folder' ? { resolved: source.resolved } : {}),
  };
}

/** Yarn 2+. */
function readBerry(entries: Entry[], context: ParseContext, warnings: string[]): ParsedLockfile {
  const ids = new IdAllocator();
  const byDescriptor = new Map<string, string>();
  const byResolution = new Map<string, string>();
  const built: Array<{ entry: Entry; pkg: ParsedPackage; workspace?: string }> = [];
  const duplicates: Array<{ entry: Entry; base: string; description: BerryResolution }> = [];
  let project: ParsedLockfile['project'];
  const manifests = new Map<string, Manifest | undefined>();
  const manifestOf = (folder: string): Manifest | undefined => {
    const path = manifestPath(folder);
    if (!manifests.has(path)) manifests.set(path, readManifest(context, path, warnings));
    return manifests.get(path);
  };

  for (const entry of entries) {
    const resolution = stringField(entry.fields, 'resolution') ?? entry.descriptors[0]!;
    const description = describeResolution(resolution);
    if (description.base) {
      duplicates.push({ entry, base: description.base, description });
      continue;
    }
    if (description.workspace !== undefined) {
      const version = manifestOf(description.workspace)?.version ?? '';
      if (isRootFolder(description.workspace)) {
        project = { name: description.name, ...(version ? { version } : {}) };
      }
      const id = resolution;
      for (const descriptor of entry.descriptors) byDescriptor.set(descriptor, id);
      byResolution.set(resolution, id);
      built.push({
        entry,
        workspace: description.workspace,
        pkg: { id, ecosystem: 'npm', name: description.name, version, line: entry.line, dependencies: [], local: true },
      });
      continue;
    }
    built.push({ entry, pkg: buildBerryPackage(entry, description, ids) });
    const id = built.at(-1)!.pkg.id;
    for (const descriptor of entry.descriptors) byDescriptor.set(descriptor, id);
    byResolution.set(resolution, id);
  }
  // A patched or virtual entry is the same published package as its base, so
  // it points at the base's package; only a base missing from the file makes it one of its own.
  for (const { entry, base, description } of duplicates) {
    let id = byResolution.get(base);
    if (id === undefined) {
      built.push({ entry, pkg: buildBerryPackage(entry, description, ids) });
      id = built.at(-1)!.pkg.id;
    }
    for (const descriptor of entry.descriptors) byDescriptor.set(descriptor, id);
  }

  const unmatched = new MissingDependencies();
  const onlyVersion = onlyVersionOf(built.map(({ pkg }) => pkg));
  const lookup = (name: string, range: string): string | undefined =>
    // Files before berry's metadata version 6 leave out the default `npm:` protocol.
    byDescriptor.get(`${name}@${range}`) ?? byDescriptor.get(`${name}@npm:${range}`) ?? onlyVersion.get(name);
  const roots: RootDependency[] = [];
  const workspaces: string[] = [];
  for (const { entry, pkg, workspace } of built) {
    const dependencies = new Set<string>();
    const declared = stringEntries(entry.fields.dependencies);
    const scopes =
      workspace === undefined || declared.length === 0
        ? undefined
        : workspaceScopes(workspace, manifestOf(workspace), warnings);
    for (const [name, range] of declared) {
      const id = lookup(name, range);
      if (id === undefined) {
        unmatched.note(`${name}@${range}`);
        continue;
      }
      if (id !== pkg.id) dependencies.add(id);
      if (workspace !== undefined) {
        roots.push({ id, scope: scopes?.get(name) ?? 'runtime', workspace: isRootFolder(workspace) ? '.' : workspace });
      }
    }
    pkg.dependencies = [...dependencies];
    if (workspace !== undefined && !isRootFolder(workspace)) workspaces.push(workspace);
  }
  unmatched.report(warnings, 'yarn.lock');

  // The project itself is not a package of its own inventory, nor a dependency of its workspaces.
  const packages = built.filter(({ workspace }) => workspace === undefined || !isRootFolder(workspace)).map(({ pkg }) => pkg);
  const kept = new Set(packages.map((pkg) => pkg.id));
  for (const pkg of packages) pkg.dependencies = pkg.dependencies.filter((id) => kept.has(id));
  return {
    format: 'yarn.lock@berry',
    packages,
    ...(project ? { project } : {}),
    ...(workspaces.length > 0 ? { workspaces } : {}),
    roots: roots.filter((root) => kept.has(root.id)),
    warnings,
  };
}

function isRootFolder(folder: string): boolean {
  return folder === '.' || folder === '';
}

/**
 * Which of a workspace's dependencies are dev dependencies: berry's entry
 * merges all sections, so only the workspace's package.json can tell.
 */
function workspaceScopes(
  folder: string,
  manifest: Manifest | undefined,
  warnings: string[],
): Map<string, DependencyScope> | undefined {
  if (!manifest) {
    warnings.push(`${manifestPath(folder)} was not readable, so the dependencies of workspace ${folder} count as runtime`);
    return undefined;
  }
  return new Map(manifest.dependencies.map((dependency) => [dependency.name, dependency.scope]));
}

function buildBerryPackage(entry: Entry, description: BerryResolution, ids: IdAllocator): ParsedPackage {
  const version = stringField(entry.fields, 'version') ?? '';
  // No hashes: berry's `checksum` is the SHA-512 of the zip archive yarn
  // repacks each package into (prefixed with the cache key), not of the
  // published tarball, so it can be compared with nothing a registry or an
  // advisory states.
  return {
    id: ids.allocate(description.name, version, entry.line),
    ecosystem: 'npm',
    name: description.name,
    version,
    line: entry.line,
    dependencies: [],
    ...(description.resolved ? { resolved: description.resolved } : {}),
    ...(description.local ? { local: true } : {}),
  };
}
