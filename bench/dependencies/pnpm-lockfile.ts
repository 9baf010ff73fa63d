/**
 * A seeded pnpm workspace lockfile (lockfileVersion '9.0'): importers (the
 * root and workspace packages, with `link:` dependencies between them),
 * `packages` (one entry per name@version: resolution, engines, peers,
 * platform fields) and `snapshots` (the resolved dependencies, with peer
 * suffixes such as `x@1.0.0(react@18.2.0)`), in pnpm's layout and quoting.
 */
import { PackageUniverse, REAL_VULNERABLE, type Release } from './package-universe.js';
import { Rng } from '../secrets/random.js';

export interface GeneratedPnpmProject {
  lockfile: string;
  /** Entries under `packages:` (distinct name@version). */
  packages: number;
  snapshots: number;
  importers: number;
  direct: number;
  withPeerSuffix: number;
}

const PLATFORMS: ReadonlyArray<readonly [string, string]> = [
  ['x64', 'linux'], ['arm64', 'linux'], ['x64', 'darwin'], ['arm64', 'darwin'], ['x64', 'win32'], ['arm64', 'win32'],
];

/** pnpm quotes a scalar YAML would otherwise read differently (a leading `@`, `>`, `*`, a number). */
function scalar(text: string): string {
  return /^[@>*<=!&|%`{[\]'",#?:-]|^\d+(\.\d+)?$|: | #|^$/.test(text) ? `'${text.replace(/'/g, "''")}'` : text;
}

export function generatePnpmProject(options: { packages: number; seed?: string }): GeneratedPnpmProject {
  const target = options.packages;
  const seed = options.seed ?? 'devsecops-bench-pnpm';
  const universe = new PackageUniverse(seed, target, REAL_VULNERABLE.slice(0, 20));
  const rng = new Rng(`${seed}/importers`);
  const key = (r: Release) => `${r.name}@${r.version}`;

  // A few frameworks that other packages declare as peers; each lands in the
  // snapshot key of its dependents (`x@1.0.0(peer@2.0.0)`).
  const peerHosts = universe.names.slice(0, 4).map((name) => universe.releases.get(name)![0]!);
  const peerOf = new Map<string, Release>();
  for (const releases of universe.releases.values()) {
    for (const release of releases) {
      if (release.rank > 4 && rng.chance(0.06)) peerOf.set(key(release), rng.pick(peerHosts));
    }
  }
  const snapshotKey = (r: Release) => {
    const peer = peerOf.get(key(r));
    return peer ? `${key(r)}(${key(peer)})` : key(r);
  };
  const depVersion = (r: Release) => snapshotKey(r).slice(r.name.length + 1);

  const installed = new Map<string, { release: Release; optional: boolean }>();
  /** Adds the closure of `root`; rolls back and says false when it would pass the target. */
  const install = (root: Release): boolean => {
    const added: string[] = [];
    const madeRequired: string[] = [];
    const pending: Array<[Release, boolean]> = [[root, false]];
    const addPeer = (r: Release) => {
      const peer = peerOf.get(key(r));
      if (peer) pending.push([peer, false]);
    };
    for (let item = pending.pop(); item; item = pending.pop()) {
      const [release, optional] = item;
      const existing = installed.get(key(release));
      if (existing) {
        // Reached once without an optional edge: not optional any more.
        if (existing.optional && !optional) {
          existing.optional = false;
          madeRequired.push(key(release));
          for (const dep of release.dependencies) pending.push([universe.release(dep.name, dep.version), dep.optional]);
        }
        continue;
      }
      installed.set(key(release), { release, optional });
      added.push(key(release));
      addPeer(release);
      for (const dep of release.dependencies) pending.push([universe.release(dep.name, dep.version), optional || dep.optional]);
    }
    if (installed.size > target) {
      for (const k of added) installed.delete(k);
      for (const k of madeRequired) {
        const entry = installed.get(k);
        if (entry) entry.optional = true;
      }
      return false;
    }
    return true;
  };

  // Importers: the root and workspace packages, each with direct dependencies.
  const workspaces = ['.', 'apps/admin', 'apps/storefront', 'packages/api-client', 'packages/config', 'packages/ui', 'packages/utils', 'tools/scripts'];
  const importers = new Map<string, Array<{ name: string; specifier: string; version: string; dev: boolean }>>();
  for (const ws of workspaces) importers.set(ws, []);
  for (const host of peerHosts) {
    install(host);
    importers.get('.')!.push({ name: host.name, specifier: `^${host.version}`, version: host.version, dev: false });
  }
  let misses = 0;
  for (const name of universe.directCandidates(rng)) {
    if (installed.size >= target || misses > 20) break;
    const release = universe.releases.get(name)![0]!;
    if (installed.has(key(release))) continue;
    if (!install(release)) {
      misses += 1;
      continue;
    }
    misses = 0;
    importers.get(rng.pick(workspaces))!.push({ name, specifier: rng.chance(0.8) ? `^${release.version}` : release.version, version: depVersion(release), dev: rng.chance(0.4) });
  }
  for (const name of [...universe.names].reverse()) {
    if (installed.size >= target) break;
    // Another workspace may want another major of the same name.
    const release = universe.releases.get(name)!.find((r) => !installed.has(key(r)));
    const free = workspaces.filter((ws) => !importers.get(ws)!.some((d) => d.name === name));
    if (!release || free.length === 0 || !install(release)) continue;
    importers.get(rng.pick(free))!.push({ name, specifier: `^${release.version}`, version: depVersion(release), dev: rng.chance(0.4) });
  }
  // Workspace packages depend on each other through links.
  for (const ws of workspaces.slice(1, 3)) {
    for (const lib of ['packages/api-client', 'packages/ui', 'packages/utils']) {
      importers.get(ws)!.push({ name: `@bench/${lib.split('/')[1]}`, specifier: 'workspace:*', version: `link:../../${lib}`, dev: false });
    }
  }

  const out: string[] = ["lockfileVersion: '9.0'", '', 'settings:', '  autoInstallPeers: true', '  excludeLinksFromLockfile: false', '', 'importers:', ''];
  let direct = 0;
  for (const ws of workspaces) {
    out.push(`  ${ws}:`);
    const deps = importers.get(ws)!;
    for (const [label, dev] of [['dependencies', false], ['devDependencies', true]] as const) {
      const group = deps.filter((d) => d.dev === dev).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (group.length === 0) continue;
      out.push(`    ${label}:`);
      for (const d of group) {
        out.push(`      ${scalar(d.name)}:`, `        specifier: ${scalar(d.specifier)}`, `        version: ${scalar(d.version)}`);
        direct += 1;
      }
    }
    if (deps.length === 0) out[out.length - 1] = `  ${ws}: {}`;
    out.push('');
  }

  const releases = [...installed.values()].sort((a, b) => (key(a.release) < key(b.release) ? -1 : key(a.release) > key(b.release) ? 1 : 0));
  out.push('packages:', '');
  for (const { release } of releases) {
    out.push(`  ${scalar(key(release))}:`);
    out.push(`    resolution: {integrity: ${release.integrity}}`);
    if (release.engines) out.push(`    engines: {node: '${release.engines}'}`);
    if (release.optionalPeer || peerOf.has(key(release))) {
      const peer = peerOf.get(key(release));
      out.push('    peerDependencies:');
      if (peer) out.push(`      ${scalar(peer.name)}: ${scalar(`^${peer.version}`)}`);
      if (release.optionalPeer) out.push(`      ${scalar(release.optionalPeer.name)}: '*'`);
      if (release.optionalPeer) out.push('    peerDependenciesMeta:', `      ${scalar(release.optionalPeer.name)}:`, '        optional: true');
    }
    if (release.bin) out.push('    hasBin: true');
    if (release.rank % 97 === 0) {
      const [cpu, os] = PLATFORMS[release.rank % PLATFORMS.length]!;
      out.push(`    cpu: [${cpu}]`, `    os: [${os}]`);
    }
    if (release.rank % 53 === 0) out.push(`    deprecated: ${scalar('This package is no longer maintained. Use a maintained fork instead.')}`);
    out.push('');
  }

  out.push('snapshots:', '');
  let withPeerSuffix = 0;
  const snapshotEntries = releases.map(({ release, optional }) => ({ release, optional, key: snapshotKey(release) }));
  snapshotEntries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { release, optional, key: snapKey } of snapshotEntries) {
    if (snapKey.includes('(')) withPeerSuffix += 1;
    const required = release.dependencies.filter((d) => !d.optional);
    const optionalDeps = release.dependencies.filter((d) => d.optional);
    const peer = peerOf.get(key(release));
    if (required.length === 0 && optionalDeps.length === 0 && !peer && !optional) {
      out.push(`  ${scalar(snapKey)}: {}`, '');
      continue;
    }
    out.push(`  ${scalar(snapKey)}:`);
    const lines = (deps: typeof required, extra: Release[] = []) => {
      const all = [...deps.map((d) => universe.release(d.name, d.version)), ...extra];
      all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return all.map((r) => `      ${scalar(r.name)}: ${scalar(depVersion(r))}`);
    };
    if (required.length > 0 || peer) out.push('    dependencies:', ...lines(required, peer ? [peer] : []));
    if (optionalDeps.length > 0) out.push('    optionalDependencies:', ...lines(optionalDeps));
    if (optional) out.push('    optional: true');
    out.push('');
  }

  return {
    lockfile: `${out.join('\n').replace(/\n+$/, '')}\n`,
    packages: releases.length,
    snapshots: snapshotEntries.length,
    importers: workspaces.length,
    direct,
    withPeerSuffix,
  };
}
