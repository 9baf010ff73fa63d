import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import { LineIndex } from './line-index.js';
import {
  LockfileError,
  type DependencyScope,
  type LockfileParser,
  type ParseContext,
  type ParsedLockfile,
  type ParsedPackage,
  type RootDependency,
} from '../types.js';

/**
 * pubspec.lock (Dart and Flutter). Each package says whether the project
 * depends on it directly (`direct main`, `direct dev`, `direct overridden`)
 * or not (`transitive`), but not through what: there are no edges, so a
 * transitive package's scope cannot be derived and is left open. Packages
 * from the SDK (`flutter`, `flutter_test`) and from paths are local.
 */
export const pubspecLockParser: LockfileParser = { format: 'pubspec.lock', parse: parsePubspecLock };

const ROOT_SCOPES: Record<string, DependencyScope> = {
  'direct main': 'runtime',
  'direct dev': 'development',
  // dependency_overrides: the project pins it itself, so it is a direct dependency.
  'direct overridden': 'runtime',
};

const SHA256_HEX = /^[0-9a-f]{64}$/i;

function parsePubspecLock(text: string, context: ParseContext): ParsedLockfile {
  const lines = new LineIndex(text);
  const document = readYaml(text);
  const packagesNode = isMap(document.contents) ? document.contents.get('packages', true) : undefined;
  if (document.contents !== null && !isMap(document.contents)) throw new LockfileError('not a pubspec.lock: expected a mapping at the top');
  if (packagesNode !== undefined && !isMap(packagesNode)) throw new LockfileError('not a pubspec.lock: "packages" is not a mapping');

  const warnings: string[] = [];
  const packages: ParsedPackage[] = [];
  const roots: RootDependency[] = [];
  const usedIds = new Set<string>();
  for (const pair of (packagesNode as YAMLMap | undefined)?.items ?? []) {
    const name = scalarText(pair.key);
    const line = isScalar(pair.key) && pair.key.range ? lines.lineAt(pair.key.range[0]) : 1;
    if (name === undefined || !isMap(pair.value)) {
      warnings.push(`line ${line}: a package entry that is not "name: {…}" skipped`);
      continue;
    }
    const entry = pair.value;
    const version = scalarText(entry.get('version', true));
    const source = scalarText(entry.get('source', true));
    const dependency = scalarText(entry.get('dependency', true));
    if (version === undefined) {
      warnings.push(`line ${line}: ${name} has no version; skipped`);
      continue;
    }
    const description = entry.get('description', true);
    const details = isMap(description) ? readStrings(description) : {};
    // Pub names have no `@`, but a hand-edited file could make two ids meet.
    let id = `${name}@${version}`;
    for (let copy = 2; usedIds.has(id); copy++) id = `${name}@${version} #${copy}`;
    usedIds.add(id);
    const pkg: ParsedPackage = { id, ecosystem: 'Pub', name, version, line, dependencies: [] };
    if (source === 'sdk' || source === 'path') {
      pkg.local = true;
    } else if (source === 'git') {
      const ref = details['resolved-ref'] ?? details.ref;
      if (details.url) pkg.resolved = `git+${details.url}${ref ? `#${ref}` : ''}`;
    } else if (source === 'hosted') {
      if (details.url) pkg.resolved = details.url;
    } else {
      warnings.push(`line ${line}: ${name} comes from the unknown source "${source ?? ''}"`);
    }
    const sha256 = details.sha256;
    if (sha256 !== undefined && SHA256_HEX.test(sha256)) pkg.hashes = [{ algorithm: 'SHA-256', hex: sha256.toLowerCase() }];

    const scope = dependency === undefined ? undefined : ROOT_SCOPES[dependency];
    if (scope) {
      pkg.scope = scope;
      roots.push({ id: pkg.id, scope });
    } else if (dependency !== 'transitive') {
      warnings.push(`line ${line}: ${name} has the unknown dependency kind "${dependency ?? ''}"; read as transitive`);
    }
    packages.push(pkg);
  }

  const project = readProject(context);
  return { format: 'pubspec.lock', packages, roots, ...(project ? { project } : {}), warnings };
}

function readYaml(text: string): ReturnType<typeof parseDocument> {
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text);
  } catch {
    throw new LockfileError('not valid YAML');
  }
  const first = document.errors[0];
  if (first) {
    const line = first.linePos?.[0].line;
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new LockfileError(`not valid YAML (${line !== undefined ? `line ${line}: ` : ''}${reason})`, line);
  }
  return document;
}

/** The project's name and version from the pubspec.yaml beside the lock, when there is one. */
function readProject(context: ParseContext): { name: string; version?: string } | undefined {
  const manifest = context.readRelative('pubspec.yaml');
  if (manifest === undefined) return undefined;
  try {
    const document = parseDocument(manifest);
    if (document.errors.length > 0 || !isMap(document.contents)) return undefined;
    const name = scalarText(document.contents.get('name', true));
    const version = scalarText(document.contents.get('version', true));
    return name ? { name, ...(version ? { version } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A scalar as written: an unquoted `sha256: 0123…` or `version: 1.10` would
 * otherwise come back as a number with its digits changed.
 */
function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (node.value === null || node.value === undefined) return undefined;
  return typeof node.source === 'string' ? node.source : String(node.value);
}

function readStrings(map: YAMLMap): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of map.items) {
    const key = scalarText(pair.key);
    const value = scalarText(pair.value);
    if (key !== undefined && value !== undefined) result[key] = value;
  }
  return result;
}
