/**
 * package-lock.json and npm-shrinkwrap.json (the same format), lockfile
 * versions 1 to 3. https://docs.npmjs.com/cli/configuring-npm/package-lock-json
 *
 * Versions 2 and 3 describe the installed tree in `packages`, keyed by the
 * folder each package lands in (`node_modules/a/node_modules/b`); version 1
 * nests the same tree in `dependencies`. Both are turned into install paths,
 * and a dependency is found the way Node finds it: in the dependent's own
 * node_modules, then in each folder above it.
 */
import {
  type DependencyScope,
  type LockfileParser,
  type ParseContext,
  type ParsedLockfile,
  type ParsedPackage,
  type RootDependency,
} from '../types.js';
import { classifySource, parseNpmRange } from './js-descriptor.js';
import { guardParse } from './js-guard.js';
import { collectDeclared, MissingDependencies, normaliseFolder, readManifest, stringEntries, type DeclaredDependency } from './js-manifest.js';
import { field, isTrueField as isTrue, parseJsonData, scanJsonKeys, stringField as stringAt } from './json-data.js';
import { LineIndex } from './line-index.js';
import { parseIntegrity } from './sri.js';

type NpmFormat = 'package-lock.json' | 'npm-shrinkwrap.json';

function createParser(format: NpmFormat): LockfileParser {
  return { format, parse: (text, context) => guardParse(format, () => parseNpmLock(text, context, format)) };
}

export const packageLockParser = createParser('package-lock.json');
export const shrinkwrapParser = createParser('npm-shrinkwrap.json');

/** Beyond this many folders up, a lookup jumps to the project root (real trees are far shallower). */
const MAX_LOOKUP_DEPTH = 200;
const NODE_MODULES = 'node_modules/';

interface Installed {
  /** The install path, which is the package's id. */
  key: string;
  line: number;
  /** The entry's value, an object. */
  node: Record<string, unknown>;
}

/** The Node module lookup over a set of install paths. */
class InstallTree {
  /** folder → package name → install path of that name in folder/node_modules. */
  private readonly children = new Map<string, Map<string, string>>();
  private readonly ancestors = new Map<string, string[]>();

  add(folder: string, name: string, key: string): void {
    let names = this.children.get(folder);
    if (!names) this.children.set(folder, (names = new Map()));
    names.set(name, key);
  }

  /** The install path `name` resolves to when required from `folder`. */
  resolve(folder: string, name: string): string | undefined {
    for (const ancestor of this.ancestorsOf(folder)) {
      const key = this.children.get(ancestor)?.get(name);
      if (key !== undefined) return key;
    }
    return undefined;
  }

  private ancestorsOf(folder: string): string[] {
    const cached = this.ancestors.get(folder);
    if (cached) return cached;
    const found: string[] = [];
    let current = folder;
    for (let depth = 0; ; depth += 1) {
      if (this.children.has(current)) found.push(current);
      if (current === '') break;
      if (depth >= MAX_LOOKUP_DEPTH) {
        if (this.children.has('')) found.push('');
        break;
      }
      const slash = current.lastIndexOf('/');
      current = slash === -1 ? '' : current.slice(0, slash);
    }
    this.ancestors.set(folder, found);
    return found;
  }
}

/** `a/node_modules/@s/b` → folder `a`, name `@s/b`; undefined for a path outside any node_modules. */
function splitInstallPath(key: string): { folder: string; name: string } | undefined {
  const at = key.lastIndexOf(NODE_MODULES);
  if (at === -1 || (at > 0 && key[at - 1] !== '/')) return undefined;
  const name = key.slice(at + NODE_MODULES.length);
  if (name === '') return undefined;
  return { folder: at === 0 ? '' : key.slice(0, at - 1), name };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseNpmLock(text: string, context: ParseContext, format: NpmFormat): ParsedLockfile {
  const root = parseJsonData(text, new LineIndex(text), format);
  const warnings: string[] = [];
  const version = field(root, 'lockfileVersion');
  if (version !== undefined && !(typeof version === 'number' && [1, 2, 3].includes(version))) {
    warnings.push(`lockfileVersion ${JSON.stringify(version)} is not one this reader knows (1-3); read as the closest`);
  }
  const project = projectOf(stringAt(root, 'name'), stringAt(root, 'version'));
  const packages = field(root, 'packages');
  // Version 2 files carry both sections for old npm; `packages` is the complete one.
  if (isObject(packages)) return readPackagesSection(text, packages, format, project, warnings);
  const dependencies = field(root, 'dependencies');
  if (dependencies !== undefined && !isObject(dependencies)) {
    warnings.push('"dependencies" is not an object; no packages were read');
  }
  return readDependencyTree(text, isObject(dependencies) ? dependencies : undefined, format, context, project, warnings);
}

function projectOf(name: string | undefined, version: string | undefined): ParsedLockfile['project'] {
  if (name === undefined) return undefined;
  return version === undefined ? { name } : { name, version };
}

/**
 * The keys of the top-level `packages` object with their lines, in document
 * order; a key written twice keeps its first place and its last line, as the
 * value JSON.parse keeps is the last.
 */
function packageKeyLines(text: string): Map<string, number> {
  const found = new Map<string, number>();
  scanJsonKeys(text, (path, key, line) => {
    if (path.length === 1 && path[0] === 'packages') found.set(key, line);
  });
  return found;
}

/** Lockfile versions 2 and 3. */
function readPackagesSection(
  text: string,
  packagesValue: Record<string, unknown>,
  format: NpmFormat,
  fileProject: ParsedLockfile['project'],
  warnings: string[],
): ParsedLockfile {
  const entries = new Map<string, Installed>();
  for (const [key, line] of packageKeyLines(text)) {
    // A key of an earlier, overridden `packages` object (a key path written twice) is not in the value.
    if (!Object.hasOwn(packagesValue, key)) continue;
    const value = packagesValue[key];
    if (!isObject(value)) {
      warnings.push(`line ${line}: entry "${key}" is not an object and was skipped`);
      continue;
    }
    entries.set(key, { key, line, node: value });
  }

  const tree = new InstallTree();
  /** Link entries (`node_modules/x` → a workspace folder) mapped to the folder's entry. */
  const links = new Map<string, string>();
  const workspaces: string[] = [];
  for (const entry of entries.values()) {
    const path = splitInstallPath(entry.key);
    if (path) tree.add(path.folder, path.name, entry.key);
    if (!isTrue(entry.node, 'link')) continue;
    const target = normaliseFolder(stringAt(entry.node, 'resolved') ?? '');
    // A link back to the project itself ("" ) is not a package of its own inventory.
    if (target !== '' && entries.has(target) && !isTrue(entries.get(target)!.node, 'link')) {
      links.set(entry.key, target);
      // npm links both workspaces and `file:` folders; a folder outside the project is no workspace of it.
      if (!splitInstallPath(target) && !target.startsWith('../') && !workspaces.includes(target)) workspaces.push(target);
    } else {
      warnings.push(`line ${entry.line}: link "${entry.key}" points at "${target}", which has no entry`);
    }
  }
  const resolve = (folder: string, name: string): string | undefined => {
    const key = tree.resolve(folder, name);
    if (key === undefined) return undefined;
    return isTrue(entries.get(key)?.node, 'link') ? links.get(key) : key;
  };

  const unresolved = new MissingDependencies();
  const packages: ParsedPackage[] = [];
  const roots: RootDependency[] = [];
  for (const entry of entries.values()) {
    if (entry.key === '' || isTrue(entry.node, 'link')) continue;
    const path = splitInstallPath(entry.key);
    const local = path === undefined;
    const declared = declaredOf(entry.node, local);
    const dependencies = new Set<string>();
    for (const dependency of declared) {
      const id = resolve(entry.key, dependency.name);
      if (id !== undefined && id !== entry.key) dependencies.add(id);
      else if (id === undefined && isRequired(dependency)) unresolved.note(`${dependency.name} (needed by ${entry.key})`);
      if (local && id !== undefined) roots.push({ id, scope: dependency.scope, workspace: entry.key });
    }
    packages.push(
      buildPackage(entry, {
        name: stringAt(entry.node, 'name') ?? path?.name ?? entry.key.slice(entry.key.lastIndexOf('/') + 1),
        version: stringAt(entry.node, 'version') ?? '',
        dependencies: [...dependencies],
        ...(local ? { local: true } : { scope: flagScope(entry.node) }),
      }),
    );
  }

  const rootEntry = entries.get('');
  if (rootEntry) {
    for (const dependency of declaredOf(rootEntry.node, true)) {
      const id = resolve('', dependency.name);
      if (id !== undefined) roots.push({ id, scope: dependency.scope, workspace: '.' });
      else if (isRequired(dependency)) unresolved.note(`${dependency.name} (needed by the project)`);
    }
  } else {
    warnings.push('"packages" has no "" entry for the project, so its direct dependencies are unknown');
  }
  unresolved.report(warnings, format);

  const project = rootEntry
    ? (projectOf(stringAt(rootEntry.node, 'name'), stringAt(rootEntry.node, 'version')) ?? fileProject)
    : fileProject;
  return {
    format,
    packages,
    roots,
    ...(project ? { project } : {}),
    ...(workspaces.length > 0 ? { workspaces } : {}),
    warnings,
  };
}

/**
 * What an entry depends on. Installed packages bring their dependencies,
 * optional and peer dependencies (npm 7+ installs peers); the project and its
 * workspaces also bring their devDependencies.
 */
function declaredOf(node: Record<string, unknown>, withDev: boolean): DeclaredDependency[] {
  return collectDeclared((section) => (section === 'devDependencies' && !withDev ? undefined : field(node, section)));
}

/** Optional and peer dependencies may be absent on purpose (another platform, not wanted). */
function isRequired(dependency: DeclaredDependency): boolean {
  return dependency.scope === 'runtime' || dependency.scope === 'development';
}

/** npm's per-package flags; an entry without any is in the production tree. */
function flagScope(node: Record<string, unknown>): DependencyScope {
  // devOptional: optional in production but needed by a dev dependency, so installed for development.
  if (isTrue(node, 'dev') || isTrue(node, 'devOptional')) return 'development';
  if (isTrue(node, 'optional')) return 'optional';
  if (isTrue(node, 'peer')) return 'peer';
  return 'runtime';
}

function buildPackage(
  entry: Installed,
  fields: Pick<ParsedPackage, 'name' | 'version' | 'dependencies' | 'scope' | 'local' | 'resolved'>,
): ParsedPackage {
  const integrity = stringAt(entry.node, 'integrity');
  const hashes = integrity ? parseIntegrity(integrity) : [];
  const resolved = stringAt(entry.node, 'resolved') ?? fields.resolved;
  const license = licenseOf(field(entry.node, 'license'));
  return {
    id: entry.key,
    ecosystem: 'npm',
    name: fields.name,
    version: fields.version,
    line: entry.line,
    dependencies: fields.dependencies,
    ...(fields.scope ? { scope: fields.scope } : {}),
    ...(hashes.length > 0 ? { hashes } : {}),
    ...(license ? { license } : {}),
    ...(resolved ? { resolved } : {}),
    ...(fields.local ? { local: true } : {}),
  };
}

/** npm copies package.json's `license`; very old packages use `{ "type": "MIT" }`. */
function licenseOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return stringAt(value, 'type');
}

/**
 * Version 1's entries by install path (`node_modules/a/node_modules/b`), with
 * the line of each key: keys of `dependencies`, of each entry's own
 * `dependencies`, and so on down.
 */
function treeKeyLines(text: string): Map<string, number> {
  const found = new Map<string, number>();
  scanJsonKeys(text, (path, key, line) => {
    // The path alternates: dependencies, a name, dependencies, a name, ..., dependencies.
    if (path.length % 2 === 0) return;
    let folder = '';
    for (let i = 0; i < path.length; i += 2) {
      if (path[i] !== 'dependencies') return;
      const name = path[i + 1];
      if (i + 1 < path.length) {
        if (typeof name !== 'string') return;
        folder = folder === '' ? `${NODE_MODULES}${name}` : `${folder}/${NODE_MODULES}${name}`;
      }
    }
    found.set(folder === '' ? `${NODE_MODULES}${key}` : `${folder}/${NODE_MODULES}${key}`, line);
  });
  return found;
}

/** Lockfile version 1: the tree nested in `dependencies`, edges in `requires`. */
function readDependencyTree(
  text: string,
  dependenciesValue: Record<string, unknown> | undefined,
  format: NpmFormat,
  context: ParseContext,
  project: ParsedLockfile['project'],
  warnings: string[],
): ParsedLockfile {
  const lines = dependenciesValue ? treeKeyLines(text) : new Map<string, number>();
  const entries: Installed[] = [];
  const tree = new InstallTree();
  // An explicit stack: the nesting depth is the input's to choose.
  const pending: Array<{ folder: string; value: unknown }> = [{ folder: '', value: dependenciesValue }];
  while (pending.length > 0) {
    const { folder, value } = pending.pop()!;
    if (!isObject(value)) continue;
    for (const [name, entry] of Object.entries(value)) {
      const key = folder === '' ? `${NODE_MODULES}${name}` : `${folder}/${NODE_MODULES}${name}`;
      const line = lines.get(key) ?? 1;
      if (!isObject(entry)) {
        warnings.push(`line ${line}: entry "${name}" is not an object and was skipped`);
        continue;
      }
      tree.add(folder, name, key);
      entries.push({ key, line, node: entry });
      pending.push({ folder: key, value: field(entry, 'dependencies') });
    }
  }
  entries.sort((a, b) => a.line - b.line);

  const unresolved = new MissingDependencies();
  const packages = entries.map((entry) => {
    const dependencies = new Set<string>();
    for (const [name] of stringEntries(field(entry.node, 'requires'))) {
      const id = tree.resolve(entry.key, name);
      if (id !== undefined && id !== entry.key) dependencies.add(id);
      else if (id === undefined) unresolved.note(`${name} (needed by ${entry.key})`);
    }
    const installedAs = splitInstallPath(entry.key)!.name;
    const { name, version, local, resolved } = describeV1Version(installedAs, stringAt(entry.node, 'version') ?? '');
    return buildPackage(entry, {
      name,
      version,
      dependencies: [...dependencies],
      ...(resolved ? { resolved } : {}),
      ...(local ? { local: true } : { scope: flagScope(entry.node) }),
    });
  });

  // Version 1 has no entry for the project: which packages are direct only package.json says.
  const roots: RootDependency[] = [];
  const manifest = readManifest(context, 'package.json', warnings);
  if (manifest) {
    for (const dependency of manifest.dependencies) {
      const id = tree.resolve('', dependency.name);
      if (id !== undefined) roots.push({ id, scope: dependency.scope, workspace: '.' });
      else if (isRequired(dependency)) unresolved.note(`${dependency.name} (needed by the project)`);
    }
  } else {
    warnings.push(`${format} version 1 does not record the direct dependencies and no package.json was found beside it`);
  }
  unresolved.report(warnings, format);
  const named = project ?? projectOf(manifest?.name, manifest?.version);
  return { format, packages, roots, ...(named ? { project: named } : {}), warnings };
}

/**
 * Version 1 writes the source into `version` for anything not from the
 * registry: `npm:real@1.2.3` for an alias, `file:` for a folder, a git URL.
 */
function describeV1Version(
  installedAs: string,
  version: string,
): { name: string; version: string; local: boolean; resolved?: string } {
  const alias = parseNpmRange(version);
  if (alias?.name) return { name: alias.name, version: alias.range, local: false };
  const source = classifySource(version);
  if (source.kind === 'folder') return { name: installedAs, version: '', local: true, resolved: version };
  if (source.kind === 'registry') return { name: installedAs, version, local: false };
  return { name: installedAs, version: source.version ?? '', local: false, resolved: version };
}
