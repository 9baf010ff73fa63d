import { posix } from 'node:path';
import ignore from 'ignore';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FileTree } from './file-tree.js';
import { analyseGraph, pathsTo } from './graph.js';
import { lockfileFormatOf } from './lockfile-names.js';
import { loadParser } from './parsers/index.js';
import { purlOf } from './purl.js';
import {
  LockfileError,
  type DependencyScope,
  type Ecosystem,
  type LockfileFormat,
  type PackageHash,
  type ParsedLockfile,
  type RootDependency,
} from './types.js';

/** One step on the way from a direct dependency to a package. */
export interface PathStep {
  name: string;
  version: string;
}

/** A package as the audit and the SBOM see it. */
export interface InventoryPackage {
  /** Unique within its lockfile (see ParsedPackage.id). */
  id: string;
  ecosystem: Ecosystem;
  name: string;
  version: string;
  purl: string;
  direct: boolean;
  scope: DependencyScope;
  /** The lockfile (repository-relative) and the line that declares the package. */
  location: { path: string; line: number };
  dependencies: string[];
  hashes: PackageHash[];
  license?: string;
  resolved?: string;
  /** Part of this repository (a workspace, a path dependency): listed, never audited. */
  local: boolean;
}

export interface InventoryLockfile {
  /** Repository-relative path. */
  path: string;
  format: LockfileFormat;
  packages: InventoryPackage[];
  /** False when the format cannot tell direct from transitive (every package counts as direct). */
  rootsKnown: boolean;
  project?: { name: string; version?: string };
  workspaces: string[];
  /** The direct dependencies as the parser found them (package ids, scope, declaring workspace). */
  roots: RootDependency[];
  warnings: string[];
  /** Shortest-path predecessors, for dependencyPaths(). */
  predecessors: ReadonlyMap<string, readonly string[]>;
}

const byIdCache = new WeakMap<InventoryLockfile, Map<string, InventoryPackage>>();

/** The lockfile's packages by id, built once per lockfile (a report asks for paths once per finding). */
function packagesById(lockfile: InventoryLockfile): Map<string, InventoryPackage> {
  let byId = byIdCache.get(lockfile);
  if (!byId) {
    byId = new Map(lockfile.packages.map((p) => [p.id, p]));
    byIdCache.set(lockfile, byId);
  }
  return byId;
}

/** How a package is pulled in: from a direct dependency down to it (at most MAX_PATHS ways). */
export function dependencyPaths(lockfile: InventoryLockfile, pkg: InventoryPackage): PathStep[][] {
  const byId = packagesById(lockfile);
  return pathsTo(lockfile.predecessors, pkg.id).map((ids) =>
    ids.map((id) => {
      const step = byId.get(id);
      return { name: step?.name ?? id, version: step?.version ?? '' };
    }),
  );
}

/** A lockfile that could not be read: named, never fatal to the others. */
export interface InventoryError {
  path: string;
  line?: number;
  message: string;
}

export interface Inventory {
  lockfiles: InventoryLockfile[];
  errors: InventoryError[];
}

export interface BuildInventoryOptions {
  tree: FileTree;
  /** Where the tree's root is inside the repository (`''` at the root), to report repository-relative paths. */
  pathPrefix: string;
  /** gitignore-style globs (repository-relative) of paths not to read. */
  ignore?: readonly string[];
  logger?: Logger;
}

/** The lockfiles of a tree, in path order. */
export async function discoverLockfiles(
  tree: FileTree,
  isIgnored: (path: string) => boolean = () => false,
): Promise<Array<{ path: string; format: LockfileFormat }>> {
  const found: Array<{ path: string; format: LockfileFormat }> = [];
  const paths = new Set(await tree.list());
  for (const path of paths) {
    const format = lockfileFormatOf(path);
    if (!format || isIgnored(path)) continue;
    // npm reads npm-shrinkwrap.json instead of package-lock.json when both exist.
    if (format === 'package-lock.json' && paths.has(siblingPath(path, 'npm-shrinkwrap.json'))) continue;
    found.push({ path, format });
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function siblingPath(path: string, name: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? name : `${path.slice(0, slash + 1)}${name}`;
}

/** A path relative to a file's folder, as a path relative to the repository (`..` resolved, never above the root). */
function siblingOf(file: string, relativePath: string): string {
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const joined = posix.normalize(folder ? `${folder}/${relativePath}` : relativePath);
  return joined.startsWith('../') ? file : joined;
}

function joinPath(prefix: string, path: string): string {
  return prefix === '' ? path : `${prefix.replace(/\/+$/, '')}/${path}`;
}

/**
 * Every lockfile under the tree, parsed. A lockfile that cannot be read is
 * one error naming it; the others are still read.
 */
export async function buildInventory(options: BuildInventoryOptions): Promise<Inventory> {
  const { tree, pathPrefix } = options;
  const matcher = options.ignore && options.ignore.length > 0 ? ignore().add([...options.ignore]) : undefined;
  const isIgnored = (path: string) => matcher?.ignores(joinPath(pathPrefix, path)) ?? false;
  const lockfiles: InventoryLockfile[] = [];
  const errors: InventoryError[] = [];

  for (const { path, format } of await discoverLockfiles(tree, isIgnored)) {
    const reportedPath = joinPath(pathPrefix, path);
    const text = tree.read(path);
    if (text === undefined) {
      errors.push({ path: reportedPath, message: `could not be read from ${tree.description} (missing, a link leaving the workspace, or too large)` });
      continue;
    }
    try {
      const parser = await loadParser(format);
      const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
      const parsed = parser.parse(text, {
        path: reportedPath,
        readRelative: (relativePath) => tree.read(`${folder}${relativePath}`),
      });
      lockfiles.push(toInventoryLockfile(parsed, reportedPath));
    } catch (error) {
      if (!(error instanceof LockfileError)) {
        // A parser bug must not hide the other lockfiles either; say it is ours.
        options.logger?.debug(`${reportedPath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      errors.push({
        path: reportedPath,
        ...(error instanceof LockfileError && error.line !== undefined ? { line: error.line } : {}),
        message: error instanceof LockfileError ? error.message : `could not be parsed (internal error: ${describeError(error)})`,
      });
    }
  }
  return { lockfiles, errors };
}

/** Adds what the graph tells (direct, scope, paths) and the purl to each parsed package. */
export function toInventoryLockfile(parsed: ParsedLockfile, path: string): InventoryLockfile {
  const { facts, predecessors } = analyseGraph(parsed);
  const packages = parsed.packages.map((pkg): InventoryPackage => {
    const fact = facts.get(pkg.id)!;
    return {
      id: pkg.id,
      ecosystem: pkg.ecosystem,
      name: pkg.name,
      version: pkg.version,
      purl: purlOf(pkg.ecosystem, pkg.name, pkg.version),
      direct: fact.direct,
      scope: fact.scope,
      location: { path: pkg.sourcePath ? siblingOf(path, pkg.sourcePath) : path, line: pkg.line },
      dependencies: pkg.dependencies,
      hashes: pkg.hashes ?? [],
      ...(pkg.license ? { license: pkg.license } : {}),
      ...(pkg.resolved ? { resolved: pkg.resolved } : {}),
      local: pkg.local === true,
    };
  });
  return {
    path,
    format: parsed.format,
    packages,
    rootsKnown: parsed.roots.length > 0,
    ...(parsed.project ? { project: parsed.project } : {}),
    workspaces: parsed.workspaces ?? [],
    roots: parsed.roots,
    warnings: parsed.warnings,
    predecessors,
  };
}
