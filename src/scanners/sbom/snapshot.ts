import type { Inventory, InventoryLockfile, InventoryPackage } from '../../core/inventory/inventory.js';
import type {
  DependencySnapshot,
  ResolvedDependency,
  SnapshotDetector,
  SnapshotJob,
  SnapshotManifest,
} from '../../core/publish/dependency-snapshot.js';

export type { DependencySnapshot, ResolvedDependency, SnapshotDetector, SnapshotJob, SnapshotManifest };

export interface BuildSnapshotOptions {
  sha: string;
  ref: string;
  job: SnapshotJob;
  detector: SnapshotDetector;
  /** ISO 8601; the caller's clock, so the builder stays pure. */
  scanned: string;
}

export interface BuiltSnapshot {
  snapshot: DependencySnapshot;
  /** Packages left out of the snapshot, one line per lockfile. */
  warnings: string[];
  /** How many packages the snapshot lists (over all manifests). */
  packageCount: number;
}

/** How many names a "left out" warning lists before it says "and N more". */
const MAX_NAMES_IN_WARNING = 5;

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The correlator of the snapshot of one lockfile: the workflow and job, as
 * GitHub's docs and github/dependency-submission-toolkit suggest
 * (`<GITHUB_WORKFLOW> <GITHUB_JOB>`), plus the lockfile path, so that each
 * lockfile's snapshot replaces that lockfile's earlier one and no other.
 */
export function snapshotCorrelator(workflow: string, job: string, manifestPath: string): string {
  return [workflow, job, manifestPath].map((part) => part.trim()).filter((part) => part !== '').join(' ');
}

/** GitHub's dependency scopes are two; optional and peer dependencies are installed and run with the project. */
function snapshotScope(pkg: InventoryPackage): NonNullable<ResolvedDependency['scope']> {
  return pkg.scope === 'development' ? 'development' : 'runtime';
}

function listNames(names: string[]): string {
  const shown = names.slice(0, MAX_NAMES_IN_WARNING).join(', ');
  return names.length > MAX_NAMES_IN_WARNING ? `${shown} and ${names.length - MAX_NAMES_IN_WARNING} more` : shown;
}

interface ManifestResult {
  manifest: SnapshotManifest;
  warning?: string;
}

/**
 * One lockfile as a manifest. Packages of the repository itself (workspaces,
 * path dependencies) are not dependencies of it and are left out, as are edges
 * to them. The same package URL at several places of a tree (npm nests copies)
 * is one entry: direct if any copy is, runtime if any copy is, and the union
 * of their dependencies.
 */
function buildManifest(lockfile: InventoryLockfile): ManifestResult {
  const byId = new Map(lockfile.packages.map((pkg) => [pkg.id, pkg]));
  const listed = (pkg: InventoryPackage | undefined): pkg is InventoryPackage => pkg !== undefined && !pkg.local && pkg.version !== '';
  const unversioned = new Set<string>();
  const merged = new Map<string, { direct: boolean; scope: ResolvedDependency['scope']; dependencies: Set<string> }>();

  for (const pkg of lockfile.packages) {
    if (pkg.local) continue;
    if (pkg.version === '') {
      unversioned.add(pkg.name);
      continue;
    }
    const entry = merged.get(pkg.purl) ?? { direct: false, scope: 'development' as const, dependencies: new Set<string>() };
    entry.direct ||= pkg.direct;
    if (snapshotScope(pkg) === 'runtime') entry.scope = 'runtime';
    for (const id of pkg.dependencies) {
      const dependency = byId.get(id);
      if (listed(dependency) && dependency.purl !== pkg.purl) entry.dependencies.add(dependency.purl);
    }
    merged.set(pkg.purl, entry);
  }

  const resolved: Record<string, ResolvedDependency> = {};
  for (const purl of [...merged.keys()].sort(byCodeUnit)) {
    const entry = merged.get(purl)!;
    resolved[purl] = {
      package_url: purl,
      ...(lockfile.rootsKnown ? { relationship: entry.direct ? ('direct' as const) : ('indirect' as const) } : {}),
      scope: entry.scope,
      dependencies: [...entry.dependencies].sort(byCodeUnit),
    };
  }
  const names = [...unversioned].sort(byCodeUnit);
  return {
    manifest: { name: lockfile.path, file: { source_location: lockfile.path }, resolved },
    ...(names.length > 0
      ? {
          warning:
            `${lockfile.path}: ${names.length} package${names.length === 1 ? '' : 's'} without a locked version left out of the ` +
            `dependency submission (GitHub matches advisories by version): ${listNames(names)}.`,
        }
      : {}),
  };
}

/**
 * The dependency submission body for an inventory: one manifest per lockfile,
 * keyed and named by its repository-relative path, each package keyed by its
 * package URL with its relationship, scope and dependencies. Pure: the time
 * and the run come from the caller, and keys are in code-unit order, so the
 * same inventory gives the same body.
 */
export function buildSnapshot(inventory: Pick<Inventory, 'lockfiles'>, options: BuildSnapshotOptions): BuiltSnapshot {
  const manifests: Record<string, SnapshotManifest> = {};
  const warnings: string[] = [];
  let packageCount = 0;
  for (const lockfile of [...inventory.lockfiles].sort((a, b) => byCodeUnit(a.path, b.path))) {
    const { manifest, warning } = buildManifest(lockfile);
    manifests[manifest.name] = manifest;
    packageCount += Object.keys(manifest.resolved).length;
    if (warning) warnings.push(warning);
  }
  const job: SnapshotJob = {
    correlator: options.job.correlator,
    id: options.job.id,
    ...(options.job.html_url ? { html_url: options.job.html_url } : {}),
  };
  return {
    snapshot: {
      version: 0,
      job,
      sha: options.sha,
      ref: options.ref,
      detector: { name: options.detector.name, version: options.detector.version, url: options.detector.url },
      scanned: options.scanned,
      manifests,
    },
    warnings,
    packageCount,
  };
}

export interface BuildLockfileSnapshotsOptions extends Omit<BuildSnapshotOptions, 'job'> {
  /** GITHUB_WORKFLOW, GITHUB_JOB and GITHUB_RUN_ID (and the run's URL), from which each snapshot's job is made. */
  run: { workflow: string; job: string; id: string; htmlUrl?: string };
}

export interface LockfileSnapshot extends BuiltSnapshot {
  /** The lockfile's repository-relative path: the snapshot's only manifest. */
  manifest: string;
}

/**
 * One snapshot per lockfile, each with a correlator of its own
 * (snapshotCorrelator). GitHub documents no size limit for a snapshot; one
 * per lockfile keeps each request as small as its lockfile allows, and a
 * lockfile that cannot be read this time leaves its earlier snapshot in place
 * instead of dropping out of the dependency graph.
 */
export function buildLockfileSnapshots(inventory: Pick<Inventory, 'lockfiles'>, options: BuildLockfileSnapshotsOptions): LockfileSnapshot[] {
  const { run, ...rest } = options;
  return [...inventory.lockfiles]
    .sort((a, b) => byCodeUnit(a.path, b.path))
    .map((lockfile) => ({
      manifest: lockfile.path,
      ...buildSnapshot(
        { lockfiles: [lockfile] },
        {
          ...rest,
          job: {
            correlator: snapshotCorrelator(run.workflow, run.job, lockfile.path),
            id: run.id,
            ...(run.htmlUrl ? { html_url: run.htmlUrl } : {}),
          },
        },
      ),
    }));
}
