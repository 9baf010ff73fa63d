/** The advisory layer's one question: which vulnerabilities does each installed package have? */
import { groupVulnerabilities, type VulnerabilityGroup } from './aliases.js';
import type { AdvisoryDatabase } from './database.js';
import type { PackageQuery } from './package-key.js';

export interface PackageVulnerabilities<P extends PackageQuery = PackageQuery> {
  package: P;
  /** One per vulnerability (aliases merged), most severe first. */
  vulnerabilities: VulnerabilityGroup[];
}

export interface VulnerabilityReport<P extends PackageQuery = PackageQuery> {
  /** Only packages with at least one vulnerability, in input order. */
  affected: PackageVulnerabilities<P>[];
  /** Ranges or versions that could not be evaluated, each line once. */
  warnings: string[];
}

/**
 * Matches every package against the database. Packages marked `local` (a
 * workspace or path dependency) are not published anywhere and are skipped.
 * The same name and version met twice (two lockfiles, two places in a tree)
 * is evaluated once.
 */
export function findVulnerabilities<P extends PackageQuery & { local?: boolean }>(
  database: AdvisoryDatabase,
  packages: readonly P[],
): VulnerabilityReport<P> {
  const warnings = new Set<string>();
  const memo = new Map<string, VulnerabilityGroup[]>();
  const affected: PackageVulnerabilities<P>[] = [];
  for (const pkg of packages) {
    if (pkg.local) continue;
    const key = `${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version}`;
    let groups = memo.get(key);
    if (!groups) {
      const query = { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version };
      const lookup = database.lookup(query);
      for (const warning of lookup.warnings) warnings.add(warning);
      groups = lookup.records.length > 0 ? groupVulnerabilities(query, lookup.records) : [];
      memo.set(key, groups);
    }
    if (groups.length > 0) affected.push({ package: pkg, vulnerabilities: groups });
  }
  return { affected, warnings: [...warnings] };
}
