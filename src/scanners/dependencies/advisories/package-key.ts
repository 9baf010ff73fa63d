/**
 * Which OSV `affected[].package` entries name one of our packages: the
 * ecosystem must be exactly one of ours, the name equal after the ecosystem's
 * own normalisation.
 */
import { ECOSYSTEMS, type Ecosystem } from '../../../core/inventory/types.js';

/** What an advisory is matched against: one installed package. */
export interface PackageQuery {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

const OUR_ECOSYSTEMS: ReadonlySet<string> = new Set(ECOSYSTEMS);

/**
 * The ecosystem of an `affected[].package.ecosystem` string when it is one of
 * ours. A suffixed one (`Debian:11`, `Ubuntu:22.04:LTS`,
 * `Packagist:https://packages.drupal.org/8`) names another distribution or
 * registry and never matches a lockfile package.
 */
export function ourEcosystem(osvEcosystem: string): Ecosystem | undefined {
  return OUR_ECOSYSTEMS.has(osvEcosystem) ? (osvEcosystem as Ecosystem) : undefined;
}

/**
 * The name as the ecosystem compares it:
 * - PyPI: PEP 503 normalised (lower case, runs of `-`, `_`, `.` become one `-`);
 *   OSV stores normalised names, lockfiles often keep the project's spelling.
 * - Packagist: Composer treats names case-insensitively.
 * - NuGet: package ids are case-insensitive (NuGet docs, "Package ID"), and GHSA
 *   spells them as the project does (`Moment.js`) while lockfiles keep the
 *   referencing project's spelling.
 * - npm, Maven (`group:artifact`), Go, crates.io, RubyGems, Pub, Hex: exact.
 *   npm stays exact as osv-scanner's local matcher does: legacy npm names may
 *   hold capitals, and `JSONStream` and `jsonstream` are different packages, so
 *   GHSA-8hc4-vh64-cxmj's `Axios` does not match `axios`.
 */
export function normalizePackageName(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'Packagist':
    case 'NuGet':
      return name.toLowerCase();
    default:
      return name;
  }
}

/** The database index key of a package. */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  return `${ecosystem}\u0000${normalizePackageName(ecosystem, name)}`;
}

export function describePackage(pkg: PackageQuery): string {
  return `${pkg.ecosystem}/${pkg.name}@${pkg.version}`;
}
