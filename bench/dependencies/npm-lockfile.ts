/**
 * A seeded npm project: package.json and a package-lock.json (lockfileVersion
 * 3) with exactly `packages` installed entries, laid out as npm lays out
 * node_modules: a dependency goes to the top level unless a different version
 * of it is already visible from its dependent, then it nests
 * (`node_modules/a/node_modules/b`). dev, optional and devOptional flags follow
 * from which root dependencies (and optional edges) reach each entry.
 */
import semver from 'semver';
import { PackageUniverse, REAL_VULNERABLE, type Release } from './package-universe.js';
import { Rng } from '../secrets/random.js';

type Kind = 'prod' | 'dev' | 'optional';

interface Placed {
  release: Release;
}

export interface GeneratedNpmProject {
  manifest: string;
  lockfile: string;
  /** Installed entries (the root project not counted). */
  packages: number;
  /** Distinct name@version among them. */
  distinct: number;
  direct: { prod: number; dev: number; optional: number };
  nested: number;
  maxDepth: number;
  flags: { dev: number; optional: number; devOptional: number };
  /** Every installed name and version, for the advisory generator to aim at. */
  installed: Array<{ name: string; version: string }>;
}

function parentOf(path: string): string {
  const at = path.lastIndexOf('/node_modules/');
  return at === -1 ? '' : path.slice(0, at);
}

function childPath(parent: string, name: string): string {
  return parent === '' ? `node_modules/${name}` : `${parent}/node_modules/${name}`;
}

class NodeModulesTree {
  readonly placed = new Map<string, Placed>();

  private readonly satisfied = new Map<string, boolean>();

  constructor(private readonly universe: PackageUniverse) {}

  private satisfies(version: string, range: string): boolean {
    const key = `${version} ${range}`;
    let yes = this.satisfied.get(key);
    if (yes === undefined) this.satisfied.set(key, (yes = semver.satisfies(version, range)));
    return yes;
  }

  /** Where `name` resolves from `path`, walking up as Node's module resolution does. */
  resolve(path: string, name: string): string | undefined {
    for (let at = path; ; at = parentOf(at)) {
      const candidate = childPath(at, name);
      if (this.placed.has(candidate)) return candidate;
      if (at === '') return undefined;
    }
  }

  /**
   * Installs `release` and everything it needs below `at` (breadth first, so
   * a nested copy is placed before anything beneath its dependent is
   * resolved). Returns the paths added.
   */
  install(at: string, release: Release): string[] {
    const added: string[] = [at];
    this.placed.set(at, { release });
    for (let i = 0; i < added.length; i++) {
      const path = added[i]!;
      const { release: current } = this.placed.get(path)!;
      for (const dep of current.dependencies) {
        const found = this.resolve(path, dep.name);
        if (found && this.satisfies(this.placed.get(found)!.release.version, dep.spec)) continue;
        const target = found ? childPath(path, dep.name) : childPath('', dep.name);
        this.placed.set(target, { release: this.universe.release(dep.name, dep.version) });
        added.push(target);
      }
    }
    return added;
  }
}

function sortedObject<T>(entries: Iterable<[string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function generateNpmProject(options: { packages: number; seed?: string }): GeneratedNpmProject {
  const target = options.packages;
  const seed = options.seed ?? 'devsecops-bench-npm';
  const universe = new PackageUniverse(seed, Math.round(target * 0.9), REAL_VULNERABLE);
  const rng = new Rng(`${seed}/direct`);
  const tree = new NodeModulesTree(universe);
  const direct = new Map<string, { release: Release; kind: Kind }>();

  const tryDirect = (release: Release, kind: Kind, limit = target): boolean => {
    const at = childPath('', release.name);
    if (tree.placed.has(at) || direct.has(release.name)) return false;
    const added = tree.install(at, release);
    if (tree.placed.size > limit) {
      for (const path of added) tree.placed.delete(path);
      return false;
    }
    direct.set(release.name, { release, kind });
    return true;
  };
  const pickKind = (): Kind => (rng.chance(0.03) ? 'optional' : rng.chance(0.42) ? 'dev' : 'prod');

  // Frameworks and tools first, a few hundred of them; then the real
  // vulnerable packages nothing pulled in yet (the top level has room for one
  // version of a name); then whatever still fits, down to single leaves, to
  // land on the target exactly.
  const roomForReal = REAL_VULNERABLE.length * 4;
  let misses = 0;
  for (const name of universe.directCandidates(rng)) {
    if (tree.placed.size >= target - roomForReal || misses > 20) break;
    misses = tryDirect(universe.releases.get(name)![0]!, pickKind(), target - roomForReal) ? 0 : misses + 1;
  }
  const installedNow = new Set([...tree.placed.values()].map((p) => `${p.release.name}@${p.release.version}`));
  for (const [name, version] of REAL_VULNERABLE) {
    if (!installedNow.has(`${name}@${version}`)) tryDirect(universe.release(name, version), 'prod');
  }
  // Lowest-ranked first: small utilities, whose closures are a few entries.
  for (const name of [...universe.names].reverse()) {
    if (tree.placed.size >= target) break;
    for (const release of universe.releases.get(name)!) if (tryDirect(release, pickKind())) break;
  }

  // Flags: which root dependencies reach each entry, and whether only through optional edges.
  const reach = new Map<string, Set<string>>(); // path -> {'prod', 'prod-opt', 'dev', 'dev-opt'}
  const queue: Array<[string, string]> = [];
  for (const [name, { kind }] of direct) {
    queue.push([childPath('', name), kind === 'dev' ? 'dev' : kind === 'optional' ? 'prod-opt' : 'prod']);
  }
  while (queue.length > 0) {
    const [path, state] = queue.pop()!;
    let states = reach.get(path);
    if (!states) reach.set(path, (states = new Set()));
    if (states.has(state)) continue;
    states.add(state);
    for (const dep of tree.placed.get(path)!.release.dependencies) {
      const to = tree.resolve(path, dep.name);
      if (!to) continue;
      queue.push([to, dep.optional && !state.endsWith('-opt') ? `${state}-opt` : state]);
    }
  }

  const flags = { dev: 0, optional: 0, devOptional: 0 };
  let nested = 0;
  let maxDepth = 0;
  const entries: Array<[string, Record<string, unknown>]> = [];
  for (const [path, { release }] of tree.placed) {
    const states = reach.get(path) ?? new Set(['prod']);
    const depth = path.split('/node_modules/').length;
    if (depth > 1) nested += 1;
    maxDepth = Math.max(maxDepth, depth);
    const entry: Record<string, unknown> = {
      version: release.version,
      resolved: PackageUniverse.tarball(release.name, release.version),
      integrity: release.integrity,
    };
    // npm's flags: dev when only devDependencies reach it, optional when only
    // through an optional edge, devOptional when it takes both to reach it.
    if (!states.has('prod')) {
      const dev = states.has('dev');
      const prodOptional = states.has('prod-opt');
      if (dev && prodOptional) {
        entry['devOptional'] = true;
        flags.devOptional += 1;
      } else {
        if (dev || !prodOptional) {
          entry['dev'] = true;
          flags.dev += 1;
        }
        if (!dev) {
          entry['optional'] = true;
          flags.optional += 1;
        }
      }
    }
    if (release.installScript) entry['hasInstallScript'] = true;
    if (release.license) entry['license'] = release.license;
    const required = release.dependencies.filter((d) => !d.optional);
    const optionalDeps = release.dependencies.filter((d) => d.optional);
    if (required.length > 0) entry['dependencies'] = Object.fromEntries(required.map((d) => [d.name, d.spec]));
    if (release.bin) entry['bin'] = { [release.name.split('/').pop()!]: 'bin/cli.js' };
    if (release.engines) entry['engines'] = { node: release.engines };
    if (release.funding) entry['funding'] = { url: release.funding };
    if (optionalDeps.length > 0) entry['optionalDependencies'] = Object.fromEntries(optionalDeps.map((d) => [d.name, d.spec]));
    if (release.optionalPeer) {
      entry['peerDependencies'] = { [release.optionalPeer.name]: release.optionalPeer.spec };
      entry['peerDependenciesMeta'] = { [release.optionalPeer.name]: { optional: true } };
    }
    entries.push([path, entry]);
  }

  const byKind = (kind: Kind) =>
    sortedObject([...direct].filter(([, d]) => d.kind === kind).map(([name, d]): [string, string] => [name, `^${d.release.version}`]));
  const rootDeps = { dependencies: byKind('prod'), devDependencies: byKind('dev'), optionalDependencies: byKind('optional') };
  const project = { name: 'bench-storefront', version: '3.14.0', private: true, license: 'UNLICENSED' };
  const manifest = { ...project, scripts: { build: 'webpack', test: 'jest' }, ...rootDeps };
  const lockfile = {
    name: project.name,
    version: project.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: project.name, version: project.version, license: project.license, ...rootDeps }, ...sortedObject(entries) },
  };
  const installed = [...tree.placed.values()].map((p) => ({ name: p.release.name, version: p.release.version }));
  return {
    manifest: `${JSON.stringify(manifest, null, 2)}\n`,
    lockfile: `${JSON.stringify(lockfile, null, 2)}\n`,
    packages: tree.placed.size,
    distinct: new Set(installed.map((p) => `${p.name}@${p.version}`)).size,
    direct: {
      prod: Object.keys(rootDeps.dependencies).length,
      dev: Object.keys(rootDeps.devDependencies).length,
      optional: Object.keys(rootDeps.optionalDependencies).length,
    },
    nested,
    maxDepth,
    flags,
    installed,
  };
}
