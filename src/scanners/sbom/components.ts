import { PackageURL } from 'packageurl-js';
import type { Inventory, InventoryLockfile, InventoryPackage } from '../../core/inventory/inventory.js';
import { purlOf } from '../../core/inventory/purl.js';
import type { DependencyScope, Ecosystem, LockfileFormat, PackageHash } from '../../core/inventory/types.js';
import { normalizeLicense } from './licenses.js';
import type { SbomContext } from './types.js';

/**
 * The step both SBOM writers share: the inventory (one list of packages per
 * lockfile, keyed by lockfile-local ids) turned into one list of distinct
 * components and the edges between them, so that CycloneDX and SPDX documents
 * of the same commit describe the same things with the same identifiers.
 */

/** CycloneDX's scopes; SPDX writes `excluded` as a development dependency. */
export type ComponentScope = 'required' | 'optional' | 'excluded';

/** The organization a component is supplied by (see supplierOf). */
export interface ComponentSupplier {
  name: string;
  url?: string;
}

/** A valid SPDX expression, or the text as the lockfile gave it when it is not one. */
export type ComponentLicense = { expression: string } | { name: string };

export interface ComponentEntry {
  /**
   * Unique in the graph and stable between runs: the purl when no other entry
   * has it, else the purl with a suffix saying which one it is. Writers use it
   * as the bom-ref and derive the SPDXID from it.
   */
  key: string;
  /** `root`: the repository; `workspace`: a package of the repository (workspace, sub-project, path dependency). */
  kind: 'root' | 'workspace' | 'package';
  /**
   * What the component is used as: the root and top-level workspaces are
   * applications; a workspace another part of the repository depends on is a
   * library, as is every package.
   */
  purpose: 'application' | 'library';
  ecosystem?: Ecosystem;
  /** As the ecosystem names it (`@scope/name`, `group:artifact`, a Go module path). */
  name: string;
  /** Empty when no lockfile states one (a warning says so). */
  version: string;
  purl: string;
  /** Undefined for the root. */
  scope?: ComponentScope;
  /** One per algorithm, lower-case hex, sorted by algorithm. */
  hashes: PackageHash[];
  license?: ComponentLicense;
  /** An http(s) URL the package is downloaded from, when a lockfile records one. */
  distributionUrl?: string;
  /** A version-control URL it is fetched from (git dependencies), or the repository's URL for the root. */
  vcsUrl?: string;
  supplier?: ComponentSupplier;
  /** The files that declare it (lockfiles, or a requirements file they include), repository-relative, sorted. */
  lockfiles: string[];
  /** For the root and workspaces: the repository-relative folder (`.` for the root). */
  workspacePath?: string;
  /** The root only: the commit described. */
  commit?: string;
  /** Problems with this entry, one line each (unusable licence, no version, disagreeing hashes). */
  warnings: string[];
}

export interface ComponentEdge {
  from: string;
  to: string;
  /** For the direct dependencies of a project or workspace, how it declares them. */
  scope?: DependencyScope;
}

export interface ComponentGraph {
  root: ComponentEntry;
  /** Every other entry, sorted by key (code-unit order). */
  entries: ComponentEntry[];
  /** Sorted by `from`, then `to`; no self-edges, no duplicates; every key is the root's or an entry's. */
  edges: ComponentEdge[];
  /** Problems not tied to one entry, then every entry's warnings, in key order. */
  warnings: string[];
}

/** One graph of splitByWorkspace: a workspace (or `.`, the repository root's own project) as its own root. */
export interface WorkspaceGraph {
  workspace: string;
  graph: ComponentGraph;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** When a package is reached several ways, the scope that matters most wins (as in the inventory's graph analysis). */
const SCOPE_PRIORITY: Record<DependencyScope, number> = { runtime: 0, optional: 1, peer: 2, development: 3 };

function strongerScope(a: DependencyScope | undefined, b: DependencyScope | undefined): DependencyScope | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return SCOPE_PRIORITY[b] < SCOPE_PRIORITY[a] ? b : a;
}

/**
 * The ecosystem of each format, for a sub-project that only the lockfile
 * names (its own entry is not among the packages).
 */
const FORMAT_ECOSYSTEM: Record<LockfileFormat, Ecosystem> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'yarn.lock@v1': 'npm',
  'yarn.lock@berry': 'npm',
  'pnpm-lock.yaml': 'npm',
  'bun.lock': 'npm',
  'requirements.txt': 'PyPI',
  'poetry.lock': 'PyPI',
  'Pipfile.lock': 'PyPI',
  'uv.lock': 'PyPI',
  'pdm.lock': 'PyPI',
  'go.mod': 'Go',
  'Cargo.lock': 'crates.io',
  'Gemfile.lock': 'RubyGems',
  'composer.lock': 'Packagist',
  'pom.xml': 'Maven',
  'gradle.lockfile': 'Maven',
  'packages.lock.json': 'NuGet',
  'pubspec.lock': 'Pub',
  'mix.lock': 'Hex',
};

/**
 * Where each ecosystem's package manager downloads from unless configured
 * otherwise. CycloneDX's `supplier` "may also be a distributor" and SPDX's
 * PackageSupplier is "the actual distribution source", so the registry a
 * package comes from is its supplier; when the lockfile records the URL it
 * was fetched from, that URL's host is used instead (a mirror, a private
 * registry, a git host).
 */
const DEFAULT_REGISTRY: Record<Ecosystem, string> = {
  npm: 'https://registry.npmjs.org',
  PyPI: 'https://pypi.org',
  Go: 'https://proxy.golang.org',
  'crates.io': 'https://crates.io',
  RubyGems: 'https://rubygems.org',
  Packagist: 'https://packagist.org',
  Maven: 'https://repo.maven.apache.org',
  NuGet: 'https://www.nuget.org',
  Pub: 'https://pub.dev',
  Hex: 'https://hex.pm',
};

function originSupplier(url: string): ComponentSupplier | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host ? { name: parsed.host, url: `https://${parsed.host}` } : undefined;
  } catch {
    return undefined;
  }
}

/** The owner of a repository URL (`https://github.com/octo-org/octo-repo` → octo-org): who supplies the repository's own code. */
function repositoryOwner(repositoryUrl: string | undefined): ComponentSupplier | undefined {
  if (!repositoryUrl) return undefined;
  try {
    const url = new URL(repositoryUrl);
    const owner = url.pathname.split('/').find((part) => part !== '');
    if (!owner || !/^https?:$/.test(url.protocol)) return undefined;
    return { name: decodeURIComponent(owner), url: `${url.protocol}//${url.host}/${owner}` };
  } catch {
    return undefined;
  }
}

/** `https://github.com/<owner>/<repo>` as its purl (`pkg:github/owner/repo@commit`), else undefined. */
function githubPurl(repositoryUrl: string | undefined, commit: string | undefined): string | undefined {
  if (!repositoryUrl) return undefined;
  try {
    const url = new URL(repositoryUrl);
    if (url.host.toLowerCase() !== 'github.com') return undefined;
    const [owner, repo] = url.pathname.split('/').filter((part) => part !== '');
    if (!owner || !repo) return undefined;
    return new PackageURL('github', owner, repo.replace(/\.git$/, ''), commit || undefined, undefined, undefined).toString();
  } catch {
    return undefined;
  }
}

/** `pkg:generic/…`; a folder path (`tools/rg`) keeps its slashes as the purl's namespace. */
function genericPurl(name: string, version: string): string {
  const slash = name.lastIndexOf('/');
  const [namespace, shortName] = slash > 0 && slash < name.length - 1 ? [name.slice(0, slash), name.slice(slash + 1)] : [undefined, name];
  try {
    return new PackageURL('generic', namespace, shortName, version || undefined, undefined, undefined).toString();
  } catch {
    return `pkg:generic/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  }
}

/** `https://…` download URLs only: Cargo's `registry+…` source is the index, `file:`/`link:` are local. */
function distributionUrlOf(resolved: string | undefined): string | undefined {
  if (!resolved || !/^https?:\/\//i.test(resolved)) return undefined;
  try {
    new URL(resolved);
    return resolved;
  } catch {
    return undefined;
  }
}

function vcsUrlOf(resolved: string | undefined): string | undefined {
  if (!resolved || !/^(git\+[a-z]+:\/\/|git:\/\/)/i.test(resolved)) return undefined;
  try {
    new URL(resolved);
    return resolved;
  } catch {
    return undefined;
  }
}

/** The folder of a file, `''` at the repository root. */
function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * The folder of the project a lockfile belongs to: its own folder, except for
 * formats kept in a subfolder of the project (Gradle's older
 * `gradle/dependency-locks/`, a `requirements/` folder of requirement files).
 */
function projectFolderOf(lockfile: InventoryLockfile): string {
  const folder = folderOf(lockfile.path);
  const strip = (suffix: string) =>
    folder === suffix ? '' : folder.endsWith(`/${suffix}`) ? folder.slice(0, -suffix.length - 1) : undefined;
  if (lockfile.format === 'gradle.lockfile') return strip('gradle/dependency-locks') ?? folder;
  if (lockfile.format === 'requirements.txt') return strip('requirements') ?? folder;
  return folder;
}

function joinFolder(base: string, relative: string): string {
  const parts: string[] = base === '' ? [] : base.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

/** How names compare when a workspace folder is matched to its package (`packages/my_pkg` ↔ `@org/my-pkg`). */
function looseName(name: string): string {
  return (name.slice(name.lastIndexOf('/') + 1) || name).toLowerCase().replace(/[-_.]+/g, '-');
}

/** What the graph knows of one distinct component while it is being gathered. */
interface Builder {
  identity: string;
  kind: 'workspace' | 'package';
  ecosystem?: Ecosystem;
  name: string;
  version: string;
  purl: string;
  scope?: DependencyScope;
  scopes: Set<DependencyScope>;
  hashes: Map<PackageHash['algorithm'], string>;
  conflictingHashes: Set<PackageHash['algorithm']>;
  rawLicense?: string;
  resolved: string[];
  lockfiles: Set<string>;
  workspacePath?: string;
}

const ROOT = '\0root';

function identityOf(pkg: InventoryPackage): string {
  return `${pkg.local ? 'local' : 'package'}\0${pkg.purl}`;
}

/** Edges between identities, deduplicated, each with the strongest declared scope. */
class EdgeSet {
  readonly edges = new Map<string, { from: string; to: string; scope?: DependencyScope }>();
  readonly incoming = new Set<string>();
  /** Targets of a dependency, as opposed to a project holding its workspaces (see `hold`). */
  readonly dependedOn = new Set<string>();

  add(from: string, to: string, scope?: DependencyScope): void {
    if (this.put(from, to, scope)) this.dependedOn.add(to);
  }

  /** A project holding a workspace or sub-project: an edge, so it is reached, but not a dependency on it. */
  hold(from: string, to: string): void {
    this.put(from, to, undefined);
  }

  private put(from: string, to: string, scope: DependencyScope | undefined): boolean {
    if (from === to) return false;
    const id = `${from}\u0001${to}`;
    const existing = this.edges.get(id);
    if (existing) existing.scope = strongerScope(existing.scope, scope);
    else this.edges.set(id, { from, to, ...(scope ? { scope } : {}) });
    this.incoming.add(to);
    return true;
  }
}

class GraphGatherer {
  readonly builders = new Map<string, Builder>();
  readonly edges = new EdgeSet();
  readonly warnings: string[] = [];
  /** Root-level projects, for the root's purl. */
  readonly rootProjects: Array<{ ecosystem: Ecosystem; name: string; version?: string }> = [];

  constructor(private readonly context: SbomContext) {}

  private builderFor(pkg: InventoryPackage): Builder {
    const identity = identityOf(pkg);
    let builder = this.builders.get(identity);
    if (!builder) {
      builder = {
        identity,
        kind: pkg.local ? 'workspace' : 'package',
        ecosystem: pkg.ecosystem,
        name: pkg.name,
        version: pkg.version,
        purl: pkg.purl,
        scopes: new Set(),
        hashes: new Map(),
        conflictingHashes: new Set(),
        resolved: [],
        lockfiles: new Set(),
      };
      this.builders.set(identity, builder);
    }
    builder.scopes.add(pkg.scope);
    for (const hash of pkg.hashes) {
      const known = builder.hashes.get(hash.algorithm);
      if (known === undefined) builder.hashes.set(hash.algorithm, hash.hex);
      else if (known !== hash.hex) builder.conflictingHashes.add(hash.algorithm);
    }
    if (builder.rawLicense === undefined && pkg.license?.trim()) builder.rawLicense = pkg.license.trim();
    if (pkg.resolved) builder.resolved.push(pkg.resolved);
    builder.lockfiles.add(pkg.location.path);
    return builder;
  }

  /** A sub-project the lockfile names but does not list as a package of its own. */
  private projectBuilder(lockfile: InventoryLockfile, folder: string): Builder {
    const ecosystem = lockfile.packages[0]?.ecosystem ?? FORMAT_ECOSYSTEM[lockfile.format];
    const name = lockfile.project?.name ?? folder;
    const version = lockfile.project?.version ?? '';
    const identity = `project\0${folder}\0${ecosystem}\0${name}`;
    let builder = this.builders.get(identity);
    if (!builder) {
      builder = {
        identity,
        kind: 'workspace',
        ecosystem,
        name,
        version,
        purl: lockfile.project ? purlOf(ecosystem, name, version) : genericPurl(folder, ''),
        scopes: new Set(['runtime']),
        hashes: new Map(),
        conflictingHashes: new Set(),
        resolved: [],
        lockfiles: new Set(),
        workspacePath: folder,
      };
      this.builders.set(identity, builder);
    }
    builder.lockfiles.add(lockfile.path);
    return builder;
  }

  addLockfile(lockfile: InventoryLockfile): void {
    const packages = [...lockfile.packages].sort((a, b) => byCodeUnit(a.id, b.id));
    const folder = projectFolderOf(lockfile);
    const atRoot = folder === '';
    const ecosystem = packages[0]?.ecosystem ?? FORMAT_ECOSYSTEM[lockfile.format];
    if (atRoot && lockfile.project) this.rootProjects.push({ ecosystem, ...lockfile.project });

    // The project's own entry, when the lockfile lists it (uv, Cargo, pnpm
    // importers): at the repository root it is the root itself. Cargo.lock
    // names no project, so there the crate named like the repository is it.
    const locals = packages.filter((pkg) => pkg.local);
    const projectName = lockfile.project?.name ?? (atRoot ? this.context.subject.name : undefined);
    const projectPackage = projectName === undefined ? undefined : locals.find((pkg) => pkg.name === projectName);
    if (atRoot && projectPackage) {
      this.rootProjects.push({ ecosystem: projectPackage.ecosystem, name: projectPackage.name, ...(projectPackage.version ? { version: projectPackage.version } : {}) });
    }

    const node = new Map<string, string>();
    let projectNode: string;
    if (atRoot) {
      projectNode = ROOT;
      if (projectPackage) node.set(projectPackage.id, ROOT);
    } else if (projectPackage) {
      projectNode = identityOf(projectPackage);
    } else {
      projectNode = this.projectBuilder(lockfile, folder).identity;
    }

    for (const pkg of packages) {
      if (node.get(pkg.id) === ROOT) continue;
      const builder = this.builderFor(pkg);
      node.set(pkg.id, builder.identity);
      if (pkg === projectPackage) builder.workspacePath ??= folder;
    }

    // Workspace folders (relative to the lockfile's project) to their entries.
    const workspaceNodes = new Map<string, string>();
    const unmatched = new Set<string>();
    const workspaceNode = (relative: string | undefined): string => {
      if (relative === undefined || relative === '.' || relative === '') return projectNode;
      const known = workspaceNodes.get(relative);
      if (known) return known;
      const match = this.matchWorkspace(locals, relative);
      if (!match) {
        unmatched.add(relative);
        return projectNode;
      }
      const identity = node.get(match.id)!;
      workspaceNodes.set(relative, identity);
      const builder = this.builders.get(identity);
      if (builder) builder.workspacePath ??= joinFolder(folder, relative);
      return identity;
    };

    for (const pkg of packages) {
      const from = node.get(pkg.id)!;
      for (const dependency of pkg.dependencies) {
        const to = node.get(dependency);
        if (to !== undefined) this.edges.add(from, to);
      }
    }
    for (const root of lockfile.roots) {
      const to = node.get(root.id);
      if (to !== undefined) this.edges.add(workspaceNode(root.workspace), to, root.scope);
    }
    if (!lockfile.rootsKnown) {
      // The format cannot tell direct from transitive: every package is one of the project's.
      for (const pkg of packages) this.edges.add(projectNode, node.get(pkg.id)!);
    }
    // The repository holds its workspaces; one nothing else depends on is
    // still reached from the project, so every entry has a way in.
    for (const relative of lockfile.workspaces) this.edges.hold(projectNode, workspaceNode(relative));
    for (const pkg of locals) {
      const identity = node.get(pkg.id)!;
      if (!this.edges.incoming.has(identity)) this.edges.hold(projectNode, identity);
    }
    if (!atRoot) this.edges.hold(ROOT, projectNode);

    for (const relative of [...unmatched].sort(byCodeUnit)) {
      this.warnings.push(
        `${lockfile.path}: workspace ${joinFolder(folder, relative)} has no package entry of its own; its dependencies are listed under the project.`,
      );
    }
  }

  /**
   * The local package at a workspace folder. Lockfiles key workspaces by
   * folder (npm), `name@workspace:folder` (yarn), `name@link:folder` (pnpm)
   * or only by name (uv, Cargo): the folder's last part is then compared with
   * the name, and used only when exactly one package matches.
   */
  private matchWorkspace(locals: InventoryPackage[], relative: string): InventoryPackage | undefined {
    const folder = relative.replace(/^\.\//, '').replace(/\/+$/, '');
    const byId = locals.find((pkg) => pkg.id === folder || pkg.id.endsWith(`:${folder}`) || pkg.id.endsWith(`:./${folder}`));
    if (byId) return byId;
    const last = looseName(folder);
    const byName = locals.filter((pkg) => looseName(pkg.name) === last);
    return byName.length === 1 ? byName[0] : undefined;
  }
}

function scopeOf(scopes: ReadonlySet<DependencyScope>): ComponentScope {
  if (scopes.has('runtime')) return 'required';
  if (scopes.has('optional') || scopes.has('peer')) return 'optional';
  return 'excluded';
}

function licenseOf(raw: string | undefined, label: string, warnings: string[]): ComponentLicense | undefined {
  if (raw === undefined) return undefined;
  const normalized = normalizeLicense(raw);
  if (normalized.expression) return { expression: normalized.expression };
  if (!normalized.warning) return undefined;
  // The licence module's warning quotes the text and says what is wrong with it.
  warnings.push(`${label}: ${normalized.warning}; written as a licence name`);
  return { name: raw };
}

function labelOf(name: string, version: string): string {
  return version ? `${name}@${version}` : name;
}

/** The root's identifier: the root project's purl, else the GitHub repository's, else a generic one. */
function rootPurl(context: SbomContext, projects: GraphGatherer['rootProjects'], version: string): string {
  const { subject } = context;
  // Only the project the subject is named after: a purl naming something else would contradict the component's name.
  const project = projects.find((candidate) => candidate.name === subject.name);
  if (project) return purlOf(project.ecosystem, project.name, subject.version ?? project.version ?? '');
  return githubPurl(subject.repositoryUrl, subject.commit) ?? genericPurl(subject.name, version);
}

/**
 * One entry per distinct package of the inventory, the repository as the
 * root, and the edges between them.
 *
 * The same purl met in several lockfiles, or at several places of an npm
 * tree, is one entry: the union of its edges and lockfiles, `required` if any
 * occurrence is runtime, `optional` if it is only optional or peer,
 * `excluded` if only development. A package of the repository (a workspace,
 * a path dependency) stays apart from a published package of the same purl.
 * The root depends on the direct dependencies of the project at the
 * repository root; each workspace on its own direct dependencies; a lockfile
 * in a subfolder is a sub-project the root depends on. Lockfiles are taken in
 * path order and everything is sorted, so the order of the input never shows.
 */
export function buildComponentGraph(inventory: Pick<Inventory, 'lockfiles'>, context: SbomContext): ComponentGraph {
  const gatherer = new GraphGatherer(context);
  for (const lockfile of [...inventory.lockfiles].sort((a, b) => byCodeUnit(a.path, b.path))) gatherer.addLockfile(lockfile);

  const { subject } = context;
  const owner = repositoryOwner(subject.repositoryUrl);
  // A repository without a version of its own is identified by its commit.
  const projectVersion = gatherer.rootProjects.find((project) => project.name === subject.name && project.version)?.version;
  const rootVersion = subject.version ?? projectVersion ?? subject.commit ?? '';
  const rootWarnings: string[] = [];
  if (!rootVersion) rootWarnings.push(`${subject.name}: the repository has neither a version nor a commit to identify it`);
  const root: ComponentEntry = {
    key: rootPurl(context, gatherer.rootProjects, rootVersion),
    kind: 'root',
    purpose: 'application',
    name: subject.name,
    version: rootVersion,
    purl: '',
    hashes: [],
    lockfiles: [],
    workspacePath: '.',
    warnings: rootWarnings,
    ...(subject.repositoryUrl ? { vcsUrl: subject.repositoryUrl } : {}),
    ...(owner ? { supplier: owner } : {}),
    ...(subject.commit ? { commit: subject.commit } : {}),
  };
  root.purl = root.key;

  const builders = [...gatherer.builders.values()];
  const dependedOnByRepository = gatherer.edges.dependedOn;

  const entries = builders.map((builder): ComponentEntry & { identity: string } => {
    const warnings: string[] = [];
    // A part of the repository without a version of its own is, like the root, identified by the commit.
    if (!builder.version && builder.kind === 'workspace' && subject.commit) builder.version = subject.commit;
    const label = labelOf(builder.name, builder.version);
    if (!builder.version) warnings.push(`${label}: no version in ${[...builder.lockfiles].sort(byCodeUnit).join(', ')}`);
    for (const algorithm of [...builder.conflictingHashes].sort(byCodeUnit)) {
      warnings.push(`${label}: lockfiles disagree on its ${algorithm} hash; the first one (by path) is kept`);
    }
    const license = licenseOf(builder.rawLicense ?? context.extraLicenses?.get(builder.purl), label, warnings);
    const distributionUrl = builder.resolved.map(distributionUrlOf).find((url) => url !== undefined);
    const vcsUrl = builder.resolved.map(vcsUrlOf).find((url) => url !== undefined);
    const fetchedFrom = distributionUrl ?? vcsUrl;
    const supplier =
      builder.kind === 'workspace'
        ? owner
        : ((fetchedFrom ? originSupplier(fetchedFrom) : undefined) ??
          (builder.ecosystem ? originSupplier(DEFAULT_REGISTRY[builder.ecosystem]) : undefined));
    return {
      identity: builder.identity,
      key: builder.purl,
      kind: builder.kind,
      purpose: builder.kind === 'workspace' && !dependedOnByRepository.has(builder.identity) ? 'application' : 'library',
      ...(builder.ecosystem ? { ecosystem: builder.ecosystem } : {}),
      name: builder.name,
      version: builder.version,
      purl: builder.purl,
      scope: scopeOf(builder.scopes),
      hashes: [...builder.hashes]
        .sort(([a], [b]) => byCodeUnit(a, b))
        .map(([algorithm, hex]) => ({ algorithm, hex })),
      ...(license ? { license } : {}),
      ...(distributionUrl ? { distributionUrl } : {}),
      ...(vcsUrl ? { vcsUrl } : {}),
      ...(supplier ? { supplier } : {}),
      lockfiles: [...builder.lockfiles].sort(byCodeUnit),
      ...(builder.workspacePath ? { workspacePath: builder.workspacePath } : {}),
      warnings,
    };
  });

  assignKeys(root, entries);
  const keyOf = new Map<string, string>([[ROOT, root.key]]);
  for (const entry of entries) keyOf.set(entry.identity, entry.key);
  const edges = [...gatherer.edges.edges.values()]
    .map((edge): ComponentEdge => ({ from: keyOf.get(edge.from)!, to: keyOf.get(edge.to)!, ...(edge.scope ? { scope: edge.scope } : {}) }))
    .sort((a, b) => byCodeUnit(a.from, b.from) || byCodeUnit(a.to, b.to));

  const sorted = entries
    .map(({ identity: _identity, ...entry }): ComponentEntry => entry)
    .sort((a, b) => byCodeUnit(a.key, b.key));
  return {
    root,
    entries: sorted,
    edges,
    warnings: [...gatherer.warnings, ...root.warnings, ...sorted.flatMap((entry) => entry.warnings)],
  };
}

/**
 * Keys are purls; when two entries share one (a workspace published under
 * the same name and version as a registry package, or the root's purl met
 * again as a package), each of them gets a suffix that says which it is,
 * derived from the entry itself so it does not depend on what else is there.
 */
function assignKeys(root: ComponentEntry, entries: Array<ComponentEntry & { identity: string }>): void {
  const count = new Map<string, number>();
  for (const purl of [root.purl, ...entries.map((entry) => entry.purl)]) count.set(purl, (count.get(purl) ?? 0) + 1);
  const used = new Set<string>();
  const take = (candidate: string): string => {
    let key = candidate;
    for (let n = 2; used.has(key); n++) key = `${candidate}#${n}`;
    used.add(key);
    return key;
  };
  const shared = (purl: string) => (count.get(purl) ?? 0) > 1;
  root.key = take(shared(root.purl) ? `${root.purl}#root` : root.purl);
  const ordered = [...entries].sort((a, b) => byCodeUnit(a.identity, b.identity));
  for (const entry of ordered) {
    if (!shared(entry.purl)) entry.key = take(entry.purl);
    else if (entry.kind === 'package') entry.key = take(`${entry.purl}#package`);
    else entry.key = take(`${entry.purl}#workspace:${entry.workspacePath ?? entry.lockfiles[0] ?? ''}`);
  }
}

/**
 * One graph per workspace: each workspace (and sub-project) as the root of
 * its own graph with only what it reaches, and the repository root's own
 * project when it has dependencies of its own (or there are no workspaces).
 * The root's graph does not go into workspaces: each has its own.
 */
export function splitByWorkspace(graph: ComponentGraph): WorkspaceGraph[] {
  const out = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = out.get(edge.from);
    if (list) list.push(edge.to);
    else out.set(edge.from, [edge.to]);
  }
  const workspaces = graph.entries.filter((entry) => entry.kind === 'workspace' && entry.workspacePath !== undefined);
  const isWorkspace = new Set(workspaces.map((entry) => entry.key));

  const reach = (start: string, enterWorkspaces: boolean): Set<string> => {
    const seen = new Set([start]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const next of out.get(queue[i]!) ?? []) {
        if (seen.has(next) || (!enterWorkspaces && isWorkspace.has(next))) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    return seen;
  };
  const subgraph = (root: ComponentEntry, reached: Set<string>): ComponentGraph => {
    const entries = graph.entries.filter((entry) => entry.key !== root.key && reached.has(entry.key));
    return {
      root,
      entries,
      edges: graph.edges.filter((edge) => reached.has(edge.from) && reached.has(edge.to)),
      warnings: [...root.warnings, ...entries.flatMap((entry) => entry.warnings)],
    };
  };

  const graphs: WorkspaceGraph[] = [];
  const rootReach = reach(graph.root.key, false);
  if (rootReach.size > 1 || workspaces.length === 0) graphs.push({ workspace: '.', graph: subgraph(graph.root, rootReach) });
  for (const workspace of workspaces) {
    const { scope: _scope, ...rest } = workspace;
    const root: ComponentEntry = {
      ...rest,
      kind: 'root',
      purpose: 'application',
      ...(graph.root.commit ? { commit: graph.root.commit } : {}),
      ...(graph.root.vcsUrl ? { vcsUrl: graph.root.vcsUrl } : {}),
    };
    graphs.push({ workspace: workspace.workspacePath!, graph: subgraph(root, reach(workspace.key, true)) });
  }
  return graphs.sort((a, b) => byCodeUnit(a.workspace, b.workspace));
}
