import type { Inventory, InventoryPackage } from '../../core/inventory/inventory.js';
import type { Ecosystem, DependencyScope } from '../../core/inventory/types.js';

/** One package name whose locked versions differ between base and head, in one lockfile. */
export interface DependencyChange {
  kind: 'added' | 'removed' | 'changed';
  lockfile: string;
  ecosystem: Ecosystem;
  name: string;
  /** Versions locked on the base, sorted; empty when added. */
  before: string[];
  /** Versions locked on the head, sorted; empty when removed. */
  after: string[];
  direct: boolean;
  scope: DependencyScope;
}

function key(pkg: Pick<InventoryPackage, 'ecosystem' | 'name'>): string {
  return `${pkg.ecosystem}\u0000${pkg.name}`;
}

interface Locked {
  pkg: InventoryPackage;
  versions: Set<string>;
  direct: boolean;
}

function lockedByName(packages: readonly InventoryPackage[]): Map<string, Locked> {
  const byName = new Map<string, Locked>();
  for (const pkg of packages) {
    if (pkg.local) continue;
    const entry = byName.get(key(pkg));
    if (entry) {
      entry.versions.add(pkg.version);
      entry.direct ||= pkg.direct;
    } else {
      byName.set(key(pkg), { pkg, versions: new Set([pkg.version]), direct: pkg.direct });
    }
  }
  return byName;
}

const sorted = (versions: Set<string> | undefined) => [...(versions ?? [])].sort();

/**
 * What a change did to the dependencies, as dependency-review-action lists
 * it: per lockfile, each package name added, removed, or locked at other
 * versions. A lockfile that appears or disappears counts all its packages.
 */
export function diffInventories(base: Inventory, head: Inventory): DependencyChange[] {
  const changes: DependencyChange[] = [];
  const baseFiles = new Map(base.lockfiles.map((l) => [l.path, l]));
  const headFiles = new Map(head.lockfiles.map((l) => [l.path, l]));
  const paths = [...new Set([...baseFiles.keys(), ...headFiles.keys()])].sort();
  for (const path of paths) {
    // A lockfile that failed to parse on one side says nothing about what changed.
    if (base.errors.some((e) => e.path === path) || head.errors.some((e) => e.path === path)) continue;
    const before = lockedByName(baseFiles.get(path)?.packages ?? []);
    const after = lockedByName(headFiles.get(path)?.packages ?? []);
    for (const name of [...new Set([...before.keys(), ...after.keys()])]) {
      const was = before.get(name);
      const now = after.get(name);
      const pkg = (now ?? was)!.pkg;
      const common = { lockfile: path, ecosystem: pkg.ecosystem, name: pkg.name, direct: (now ?? was)!.direct, scope: pkg.scope };
      if (!was) changes.push({ kind: 'added', ...common, before: [], after: sorted(now!.versions) });
      else if (!now) changes.push({ kind: 'removed', ...common, before: sorted(was.versions), after: [] });
      else if (sorted(was.versions).join('\n') !== sorted(now.versions).join('\n')) {
        changes.push({ kind: 'changed', ...common, before: sorted(was.versions), after: sorted(now.versions) });
      }
    }
  }
  const order = { added: 0, changed: 1, removed: 2 };
  return changes.sort(
    (a, b) =>
      a.lockfile.localeCompare(b.lockfile) ||
      order[a.kind] - order[b.kind] ||
      Number(b.direct) - Number(a.direct) ||
      a.name.localeCompare(b.name),
  );
}
