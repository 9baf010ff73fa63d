/**
 * bun.lock, bun's text lockfile (bun 1.2+): JSON with trailing commas.
 * https://bun.sh/docs/install/lockfile
 *
 * `workspaces` holds each workspace's declared dependencies (`""` is the
 * root), `packages` every installed package as an array:
 *   registry  ["name@1.0.0", "<registry or empty>", { dependencies, … }, "sha512-…"]
 *   workspace ["name@workspace:packages/a"]
 *   folder, tarball, git: ["name@<source>", { dependencies, … }, …]
 * A package installed twice is keyed by the path of packages that lead to
 * the nested copy (`serve-static/send`), and a dependency is found the way
 * bun places it: under the dependent's own path first, then further up.
 */
import type { LockfileParser, ParseContext, ParsedLockfile, ParsedPackage, RootDependency } from '../types.js';
import { classifySource, splitDescriptor, splitNamePath, type Source } from './js-descriptor.js';
import { guardParse } from './js-guard.js';
import { collectDeclared, isRecord, MissingDependencies, normaliseFolder, type DeclaredDependency } from './js-manifest.js';
import { child, parseJsonObject, plainValue, properties, type Node } from './json-tree.js';
import { LineIndex } from './line-index.js';
import { parseIntegrity } from './sri.js';

export const bunLockParser: LockfileParser = {
  format: 'bun.lock',
  parse: (text, context) => guardParse('bun.lock', () => parseBunLock(text, context)),
};

/** Beyond this nesting a lookup falls back to the top level (bun's real paths are a few levels deep). */
const MAX_LOOKUP_DEPTH = 64;

interface Workspace {
  folder: string;
  name?: string;
  version?: string;
  declared: DeclaredDependency[];
}

interface BunEntry {
  key: string;
  line: number;
  name: string;
  source: Source;
  info: Record<string, unknown>;
  integrity?: string;
}

function parseBunLock(text: string, _context: ParseContext): ParsedLockfile {
  const lines = new LineIndex(text);
  const root = parseJsonObject(text, lines, 'bun.lock', { jsonc: true });
  const warnings: string[] = [];
  const version = child(root, 'lockfileVersion');
  if (!version || version.type !== 'number' || ![0, 1].includes(Number(version.value))) {
    warnings.push(`lockfileVersion ${JSON.stringify(plainValue(version)) ?? '(missing)'} is not one this reader knows (0-1)`);
  }

  const workspaces = readWorkspaces(child(root, 'workspaces'), warnings);
  const entries = readEntries(child(root, 'packages'), lines, warnings);
  const byFolder = new Map(workspaces.map((workspace) => [workspace.folder, workspace]));

  const resolve = (fromKey: string | undefined, name: string): string | undefined => {
    if (fromKey !== undefined) {
      const path = splitNamePath(fromKey);
      const lowest = Math.max(1, path.length - MAX_LOOKUP_DEPTH);
      for (let depth = path.length; depth >= lowest; depth -= 1) {
        const candidate = `${path.slice(0, depth).join('/')}/${name}`;
        if (entries.has(candidate)) return candidate;
      }
    }
    return entries.has(name) ? name : undefined;
  };

  const missing = new MissingDependencies();

  const packages: ParsedPackage[] = [];
  for (const entry of entries.values()) {
    const workspace = entry.source.kind === 'workspace' ? byFolder.get(workspaceFolder(entry.source.folder ?? '')) : undefined;
    // A workspace's own dependencies (dev ones included) are in `workspaces`, not in its package entry.
    const declared = workspace
      ? workspace.declared
      : collectDeclared((section) => (section === 'devDependencies' ? undefined : entry.info[section]));
    const dependencies = new Set<string>();
    for (const dependency of declared) {
      // Workspace overrides are keyed under the workspace's package name.
      const id = resolve(workspace ? entry.name : entry.key, dependency.name);
      if (id !== undefined && id !== entry.key) dependencies.add(id);
      // A workspace's missing dependencies are counted once, with its roots below.
      else if (id === undefined && !workspace && (dependency.scope === 'runtime' || dependency.scope === 'development')) {
        missing.note(`${dependency.name} (needed by ${entry.key})`);
      }
    }
    packages.push(buildPackage(entry, [...dependencies], workspace));
  }

  const roots: RootDependency[] = [];
  for (const workspace of workspaces) {
    for (const dependency of workspace.declared) {
      const id = resolve(workspace.folder === '' ? undefined : workspace.name, dependency.name);
      if (id !== undefined) {
        roots.push({ id, scope: dependency.scope, workspace: workspace.folder === '' ? '.' : workspace.folder });
      } else if (dependency.scope === 'runtime' || dependency.scope === 'development') {
        missing.note(`${dependency.name} (needed by workspace ${workspace.folder || '.'})`);
      }
    }
  }
  missing.report(warnings, 'bun.lock');

  const rootWorkspace = byFolder.get('');
  const project = rootWorkspace?.name
    ? { name: rootWorkspace.name, ...(rootWorkspace.version ? { version: rootWorkspace.version } : {}) }
    : undefined;
  const members = workspaces.filter((workspace) => workspace.folder !== '').map((workspace) => workspace.folder);
  return {
    format: 'bun.lock',
    packages,
    roots,
    ...(project ? { project } : {}),
    ...(members.length > 0 ? { workspaces: members } : {}),
    warnings,
  };
}

function readWorkspaces(node: Node | undefined, warnings: string[]): Workspace[] {
  const workspaces: Workspace[] = [];
  for (const property of properties(node)) {
    const value = plainValue(property.value);
    if (!isRecord(value)) {
      warnings.push(`workspace "${property.key}" is not an object and was skipped`);
      continue;
    }
    workspaces.push({
      folder: workspaceFolder(property.key),
      ...(typeof value.name === 'string' ? { name: value.name } : {}),
      ...(typeof value.version === 'string' ? { version: value.version } : {}),
      declared: collectDeclared((section) => value[section]),
    });
  }
  return workspaces;
}

function readEntries(node: Node | undefined, lines: LineIndex, warnings: string[]): Map<string, BunEntry> {
  const entries = new Map<string, BunEntry>();
  for (const property of properties(node)) {
    const line = lines.lineAt(property.keyOffset);
    const value = property.value.type === 'array' ? (plainValue(property.value) as unknown[]) : undefined;
    const ident = value?.[0];
    if (typeof ident !== 'string') {
      warnings.push(`line ${line}: package "${property.key}" is not a ["name@version", …] array and was skipped`);
      continue;
    }
    const { name, range } = splitDescriptor(ident);
    const info = value!.slice(1).find(isRecord) ?? {};
    // The integrity, when there is one, is the last string after the metadata object.
    const integrity = value!.slice(2).findLast((item): item is string => typeof item === 'string' && /^(sha\d+|md5)-/i.test(item));
    entries.set(property.key, {
      key: property.key,
      line,
      name,
      source: classifySource(range),
      info,
      ...(integrity ? { integrity } : {}),
    });
  }
  return entries;
}

function buildPackage(entry: BunEntry, dependencies: string[], workspace: Workspace | undefined): ParsedPackage {
  const hashes = entry.integrity ? parseIntegrity(entry.integrity) : [];
  const local = entry.source.kind === 'workspace' || entry.source.kind === 'folder';
  const version = entry.source.kind === 'workspace' ? (workspace?.version ?? '') : (entry.source.version ?? '');
  return {
    id: entry.key,
    ecosystem: 'npm',
    name: entry.name,
    version,
    line: entry.line,
    dependencies,
    ...(hashes.length > 0 ? { hashes } : {}),
    ...(entry.source.resolved && !local ? { resolved: entry.source.resolved } : {}),
    ...(local ? { local: true } : {}),
  };
}

/** bun keys the root workspace `""`. */
function workspaceFolder(key: string): string {
  const folder = normaliseFolder(key);
  return folder === '.' ? '' : folder;
}
