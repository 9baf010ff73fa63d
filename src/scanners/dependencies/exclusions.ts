import type { DependencyExclusions } from '../../core/config/sections/dependencies.js';
import type { InventoryPackage } from '../../core/inventory/inventory.js';
import type { VulnerabilityGroup } from './advisories/index.js';
import { normalizePackageName } from './advisories/index.js';

/** What the config's `dependencies.exclude` takes out, with the notes the report shows. */
export interface ActiveExclusions {
  skipsPackage(pkg: InventoryPackage): string | undefined;
  skipsVulnerability(pkg: InventoryPackage, group: VulnerabilityGroup): string | undefined;
  /** One line per exclusion that has expired and therefore no longer applies. */
  expired: string[];
}

/** True when `expires` (YYYY-MM-DD) is before `today`: the exclusion holds through its last day. */
export function hasExpired(expires: string | undefined, today: string): boolean {
  return expires !== undefined && expires < today;
}

/**
 * Compiles the exclusions for one run. `today` is the run's date (UTC,
 * YYYY-MM-DD), passed in so tests and a run that crosses midnight agree.
 */
export function compileExclusions(exclude: DependencyExclusions, today: string): ActiveExclusions {
  const expired: string[] = [];
  const live = <T extends { expires?: string | undefined; reason: string }>(items: readonly T[], describe: (item: T) => string): T[] =>
    items.filter((item) => {
      if (!hasExpired(item.expires, today)) return true;
      expired.push(`The exclusion of ${describe(item)} expired on ${item.expires} and no longer applies (it said: ${item.reason}). Renew it with a new date or remove it.`);
      return false;
    });
  const packages = live(exclude.packages, (p) => `package ${p.ecosystem ? `${p.ecosystem}/` : ''}${p.name}`);
  const advisories = live(exclude.advisories, (a) => `advisory ${a.id}${a.packages ? ` for ${a.packages.join(', ')}` : ''}`);
  const scopes = new Set(exclude.scopes);

  const sameName = (pkg: InventoryPackage, name: string) =>
    normalizePackageName(pkg.ecosystem, pkg.name) === normalizePackageName(pkg.ecosystem, name);

  return {
    expired,
    skipsPackage(pkg) {
      if (scopes.has(pkg.scope)) return `scope ${pkg.scope} is excluded (dependencies.exclude.scopes)`;
      const match = packages.find((p) => (p.ecosystem === undefined || p.ecosystem === pkg.ecosystem) && sameName(pkg, p.name));
      return match ? `excluded by dependencies.exclude.packages: ${match.reason}${match.expires ? ` (until ${match.expires})` : ''}` : undefined;
    },
    skipsVulnerability(pkg, group) {
      const ids = new Set([group.displayId, ...group.aliases].map((id) => id.toUpperCase()));
      const match = advisories.find(
        (a) => ids.has(a.id.toUpperCase()) && (a.packages === undefined || a.packages.some((name) => sameName(pkg, name))),
      );
      return match ? `${match.reason}${match.expires ? ` (until ${match.expires})` : ''}` : undefined;
    },
  };
}
