import { XMLParser, XMLValidator } from 'fast-xml-parser';
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
 * pom.xml: the dependencies the project declares. A pom is a manifest, not a
 * lockfile: the transitive closure needs Maven's resolver and a repository,
 * so only the declared dependencies are reported, each a direct one.
 *
 * Versions come from the dependency, else from `<dependencyManagement>`;
 * `${property}` references are resolved from `<properties>` and the project
 * model, merged with those of parent poms found on disk through
 * `<relativePath>` (Maven's inheritance, without the network).
 */
export const mavenPomParser: LockfileParser = { format: 'pom.xml', parse: parseMavenPom };

/** How many parent poms are followed up the tree (a real hierarchy is rarely deeper than 4). */
const MAX_PARENT_DEPTH = 10;
/** An interpolated value longer than this is taken as a runaway chain of properties and left unresolved. */
const MAX_INTERPOLATED_LENGTH = 10_000;

type XmlObject = Record<string, unknown>;

const ARRAY_PATHS = new Set([
  'project.dependencies.dependency',
  'project.dependencyManagement.dependencies.dependency',
  'project.profiles.profile',
]);

// Typed as the Symbol wrapper object; it is a primitive symbol at run time.
const metadata = XMLParser.getMetaDataSymbol() as unknown as symbol;

interface ManagedVersion {
  version?: string;
  scope?: string;
}

interface PomModel {
  project: XmlObject;
  /** Path of the pom relative to the parsed file's folder (`''` for the file itself). */
  path: string;
}

function parseMavenPom(text: string, context: ParseContext): ParsedLockfile {
  const project = readProject(text, (message, line) => {
    throw new LockfileError(message, line);
  });
  const warnings: string[] = [];
  const lines = new LineIndex(text);
  const parents = readParents(project, context, warnings);

  const ownParent = objectAt(project, 'parent');
  const groupId = textAt(project, 'groupId') ?? textAt(ownParent, 'groupId');
  const artifactId = textAt(project, 'artifactId');
  const version = textAt(project, 'version') ?? textAt(ownParent, 'version');
  const interpolate = makeInterpolator(project, parents, { groupId, artifactId, version });

  // Inheritance first, interpolation after, as Maven builds the effective model:
  // a parent's managed `${x.version}` takes the child's `x.version` when it sets one.
  const managed = new Map<string, ManagedVersion>();
  const importedBoms: string[] = [];
  for (const model of [...parents].reverse().concat({ project, path: '' })) {
    for (const dependency of arrayAt(objectAt(objectAt(model.project, 'dependencyManagement'), 'dependencies'), 'dependency')) {
      const key = managementKey(dependency, interpolate);
      if (!key) continue;
      const scope = textAt(dependency, 'scope');
      if (scope === 'import') {
        importedBoms.push(key.split(':').slice(0, 2).join(':'));
        continue;
      }
      const entry: ManagedVersion = {};
      const managedVersion = textAt(dependency, 'version');
      if (managedVersion !== undefined) entry.version = managedVersion;
      if (scope !== undefined) entry.scope = scope;
      managed.set(key, entry);
    }
  }

  const packages: ParsedPackage[] = [];
  const byId = new Map<string, ParsedPackage>();
  for (const dependency of arrayAt(objectAt(project, 'dependencies'), 'dependency')) {
    const line = lineOf(dependency, lines) ?? lines.lineOf('<dependencies') ?? 1;
    const group = interpolate(textAt(dependency, 'groupId') ?? '');
    const artifact = interpolate(textAt(dependency, 'artifactId') ?? '');
    if (!group || !artifact) {
      warnings.push(`line ${line}: a dependency without groupId or artifactId skipped`);
      continue;
    }
    const name = `${group}:${artifact}`;
    const key = managementKey(dependency, interpolate);
    const fromManagement = key ? managed.get(key) : undefined;
    const rawScope = textAt(dependency, 'scope') ?? fromManagement?.scope;
    const rawVersion = textAt(dependency, 'version') ?? fromManagement?.version;
    if (rawVersion === undefined) {
      const where = importedBoms.length > 0 ? `an imported BOM (${importedBoms.join(', ')}) or a parent pom` : 'a parent pom';
      warnings.push(`line ${line}: ${name} has no version here (managed by ${where} that is not on disk); not audited`);
      continue;
    }
    const resolvedVersion = readVersion(interpolate(rawVersion));
    if ('problem' in resolvedVersion) {
      warnings.push(`line ${line}: ${name} ${resolvedVersion.problem}; not audited`);
      continue;
    }
    const scope = scopeOf(interpolate(rawScope ?? 'compile'), textAt(dependency, 'optional') === 'true');
    if (scope === undefined) {
      warnings.push(`line ${line}: ${name} has scope "${rawScope}", which only <dependencyManagement> may use; skipped`);
      continue;
    }
    const id = `${name}@${resolvedVersion.version}`;
    const known = byId.get(id);
    if (known) {
      // Declared twice (say with two classifiers): one package, the scope that matters most.
      known.scope = strongerScope(known.scope!, scope);
      continue;
    }
    const pkg: ParsedPackage = { id, ecosystem: 'Maven', name, version: resolvedVersion.version, line, dependencies: [], scope };
    byId.set(id, pkg);
    packages.push(pkg);
  }

  if (arrayAt(objectAt(project, 'profiles'), 'profile').some((profile) => objectAt(profile, 'dependencies') !== undefined)) {
    warnings.push('dependencies declared inside <profiles> are not read (they apply only when the profile is active)');
  }

  const roots: RootDependency[] = packages.map((pkg) => ({ id: pkg.id, scope: pkg.scope! }));
  const projectName = artifactId ? interpolate(groupId ? `${groupId}:${artifactId}` : artifactId) : undefined;
  const projectVersion = version !== undefined ? interpolate(version) : undefined;
  return {
    format: 'pom.xml',
    packages,
    roots,
    ...(projectName ? { project: { name: projectName, ...(projectVersion ? { version: projectVersion } : {}) } } : {}),
    warnings,
  };
}

/** Parses a pom and returns its `<project>`; `fail` is called with a one-line reason. */
function readProject(text: string, fail: (message: string, line?: number) => never): XmlObject {
  let validation: ReturnType<typeof XMLValidator.validate>;
  try {
    validation = XMLValidator.validate(text, { allowBooleanAttributes: true });
  } catch {
    return fail('not well-formed XML');
  }
  if (validation !== true) {
    return fail(`not well-formed XML (line ${validation.err.line}: ${validation.err.msg})`, validation.err.line);
  }
  let document: unknown;
  try {
    document = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      trimValues: true,
      removeNSPrefix: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      captureMetaData: true,
      isArray: (_name, jPath) => typeof jPath === 'string' && ARRAY_PATHS.has(jPath),
    }).parse(text);
  } catch (error) {
    return fail(`not readable XML (${error instanceof Error ? error.message.split('\n')[0] : 'parser error'})`);
  }
  const project = objectAt(document, 'project');
  if (!project) {
    const root = isObject(document) ? Object.keys(document)[0] : undefined;
    return fail(root ? `not a Maven pom: the root element is <${root}>, not <project>` : 'not a Maven pom: no <project> element');
  }
  return project;
}

/**
 * Parent poms on disk, nearest first. Maven uses a parent at `relativePath`
 * (default `../pom.xml`) only when its groupId and artifactId match the
 * declared parent; otherwise it fetches the parent from a repository, which
 * this reader does not.
 */
function readParents(project: XmlObject, context: ParseContext, warnings: string[]): PomModel[] {
  const parents: PomModel[] = [];
  const seen = new Set<string>(['pom.xml']);
  let child: PomModel = { project, path: '' };
  for (let depth = 0; depth < MAX_PARENT_DEPTH; depth++) {
    const declared = objectAt(child.project, 'parent');
    if (!declared) break;
    const relativePath = 'relativePath' in declared ? (textAt(declared, 'relativePath') ?? '') : '../pom.xml';
    if (relativePath === '') break;
    let path = joinPath(dirname(child.path), relativePath);
    if (!path.endsWith('.xml')) path = joinPath(path, 'pom.xml');
    if (seen.has(path)) break;
    seen.add(path);
    const text = context.readRelative(path);
    if (text === undefined) break;
    let parent: XmlObject;
    try {
      parent = readProject(text, (message) => {
        throw new LockfileError(message);
      });
    } catch (error) {
      warnings.push(`parent pom ${path} not read: ${error instanceof LockfileError ? error.message : 'unreadable'}`);
      break;
    }
    const parentGroup = textAt(parent, 'groupId') ?? textAt(objectAt(parent, 'parent'), 'groupId');
    if (parentGroup !== textAt(declared, 'groupId') || textAt(parent, 'artifactId') !== textAt(declared, 'artifactId')) break;
    child = { project: parent, path };
    parents.push(child);
  }
  return parents;
}

/**
 * `${name}` resolution over the merged properties (the nearest pom wins) and
 * the project model. Each property is expanded once and remembered, so a
 * chain of properties costs its length, and a cycle stays unresolved.
 */
function makeInterpolator(
  project: XmlObject,
  parents: PomModel[],
  model: { groupId: string | undefined; artifactId: string | undefined; version: string | undefined },
): (value: string) => string {
  const raw = new Map<string, string>();
  for (const { project: pom } of [...parents].reverse().concat({ project, path: '' })) {
    const properties = objectAt(pom, 'properties');
    if (!properties) continue;
    for (const [name, value] of Object.entries(properties)) {
      const valueText = typeof value === 'string' ? value : undefined;
      if (valueText !== undefined) raw.set(name, valueText);
    }
  }
  const parent = objectAt(project, 'parent');
  const builtIns: Array<[string, string | undefined]> = [
    ['project.groupId', model.groupId],
    ['project.artifactId', model.artifactId],
    ['project.version', model.version],
    ['pom.groupId', model.groupId],
    ['pom.artifactId', model.artifactId],
    ['pom.version', model.version],
    ['groupId', model.groupId],
    ['artifactId', model.artifactId],
    ['version', model.version],
    ['project.parent.groupId', textAt(parent, 'groupId')],
    ['project.parent.version', textAt(parent, 'version')],
    ['parent.groupId', textAt(parent, 'groupId')],
    ['parent.version', textAt(parent, 'version')],
  ];
  for (const [name, value] of builtIns) if (value !== undefined) raw.set(name, value);

  const expanded = new Map<string, string | undefined>();
  const inProgress = new Set<string>();
  const expandProperty = (name: string): string | undefined => {
    if (expanded.has(name)) return expanded.get(name);
    const value = raw.get(name);
    if (value === undefined || inProgress.has(name)) return undefined;
    inProgress.add(name);
    const result = expand(value);
    inProgress.delete(name);
    const settled = result.length > MAX_INTERPOLATED_LENGTH ? undefined : result;
    expanded.set(name, settled);
    return settled;
  };
  const expand = (value: string): string =>
    value.includes('${') ? value.replace(/\$\{([^{}]+)\}/g, (reference: string, name: string) => expandProperty(name.trim()) ?? reference) : value;
  return expand;
}

/** Maven's management key: groupId:artifactId:type:classifier (type `jar` unless said). */
function managementKey(dependency: XmlObject, interpolate: (value: string) => string): string | undefined {
  const group = textAt(dependency, 'groupId');
  const artifact = textAt(dependency, 'artifactId');
  if (!group || !artifact) return undefined;
  const type = textAt(dependency, 'type') ?? 'jar';
  const classifier = textAt(dependency, 'classifier') ?? '';
  return [group, artifact, type, classifier].map(interpolate).join(':');
}

/** A concrete version, or why there is none: an unresolved property or a version range. */
function readVersion(version: string): { version: string } | { problem: string } {
  if (version.includes('${')) return { problem: `version "${version}" uses a property that is not defined in this pom or a parent on disk` };
  // `[1.2.3]` pins exactly one version; anything else in brackets is a range Maven resolves against a repository.
  const pinned = /^\[\s*([^,[\]()\s]+)\s*\]$/.exec(version);
  if (pinned) return { version: pinned[1]! };
  if (/[[\]()]/.test(version) || version.includes(',')) return { problem: `version is the range "${version}"` };
  if (version === '') return { problem: 'has an empty version' };
  return { version };
}

/** test → development; provided and system are on the runtime classpath of whoever runs the code. */
function scopeOf(scope: string, optional: boolean): DependencyScope | undefined {
  if (scope === 'import') return undefined;
  if (scope === 'test') return 'development';
  return optional ? 'optional' : 'runtime';
}

const SCOPE_PRIORITY: Record<DependencyScope, number> = { runtime: 0, optional: 1, peer: 2, development: 3 };

function strongerScope(a: DependencyScope, b: DependencyScope): DependencyScope {
  return SCOPE_PRIORITY[b] < SCOPE_PRIORITY[a] ? b : a;
}

function lineOf(node: XmlObject, lines: LineIndex): number | undefined {
  const meta = (node as Record<symbol, unknown>)[metadata];
  if (isObject(meta) && typeof meta.startIndex === 'number') return lines.lineAt(meta.startIndex);
  return undefined;
}

function isObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(node: unknown, key: string): XmlObject | undefined {
  if (!isObject(node)) return undefined;
  const value = node[key];
  return isObject(value) ? value : undefined;
}

/** The trimmed text of a child element (`<version>1.0</version>`), `''` for an empty one. */
function textAt(node: unknown, key: string): string | undefined {
  if (!isObject(node)) return undefined;
  const value = node[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Children that are elements with content; an empty `<dependency/>` has nothing to read. */
function arrayAt(node: XmlObject | undefined, key: string): XmlObject[] {
  const value = node?.[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(isObject);
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Joins and normalises a relative path; `..` past the start is kept for readRelative to refuse. */
function joinPath(base: string, relative: string): string {
  const parts: string[] = [];
  for (const part of `${base}/${relative.replace(/\\/g, '/')}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
