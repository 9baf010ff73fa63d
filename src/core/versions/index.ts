/**
 * Version ordering per OSV ecosystem. OSV `ECOSYSTEM` ranges are defined by
 * each ecosystem's own ordering, so each module follows its tool (see the
 * comment at the top of each): npm's node-semver, PEP 440, Gem::Version,
 * Maven's ComparableVersion, Go's x/mod/semver, Cargo's semver, NuGet.Versioning,
 * Composer, Dart's pub_semver and Elixir's Version.
 */
import type { Ecosystem } from '../inventory/types.js';
import { cargoOrdering } from './cargo.js';
import { goOrdering } from './go.js';
import { hexOrdering } from './hex.js';
import { mavenOrdering } from './maven.js';
import { npmOrdering } from './npm.js';
import { nugetOrdering } from './nuget.js';
import { sign, type VersionOrdering } from './ordering.js';
import { packagistOrdering } from './packagist.js';
import { pubOrdering } from './pub.js';
import { pypiOrdering } from './pypi.js';
import { rubygemsOrdering } from './rubygems.js';

export { InvalidVersionError } from './ordering.js';

/**
 * Parsed versions kept per ecosystem. Matching compares each installed
 * version with every bound of every advisory of its package, so the same few
 * strings come back many times; the cache is dropped whole when full.
 */
const PARSE_CACHE_LIMIT = 50_000;

interface CachedOrdering {
  compare(left: string, right: string): number;
  read(version: string): void;
}

function cacheParses<Parsed>(ordering: VersionOrdering<Parsed>): CachedOrdering {
  const cache = new Map<string, Parsed | Error>();
  const read = (version: string): Parsed => {
    let parsed = cache.get(version);
    if (parsed === undefined) {
      try {
        parsed = ordering.parse(version);
      } catch (error) {
        parsed = error instanceof Error ? error : new Error(String(error));
      }
      if (cache.size >= PARSE_CACHE_LIMIT) cache.clear();
      cache.set(version, parsed);
    }
    if (parsed instanceof Error) throw parsed;
    return parsed;
  };
  return {
    compare: (left, right) => sign(ordering.compare(read(left), read(right))),
    read,
  };
}

const ORDERINGS: Record<Ecosystem, CachedOrdering> = {
  npm: cacheParses(npmOrdering),
  PyPI: cacheParses(pypiOrdering),
  Go: cacheParses(goOrdering),
  'crates.io': cacheParses(cargoOrdering),
  RubyGems: cacheParses(rubygemsOrdering),
  Packagist: cacheParses(packagistOrdering),
  Maven: cacheParses(mavenOrdering),
  NuGet: cacheParses(nugetOrdering),
  Pub: cacheParses(pubOrdering),
  Hex: cacheParses(hexOrdering),
};

function orderingOf(ecosystem: Ecosystem): CachedOrdering {
  const ordering = Object.hasOwn(ORDERINGS, ecosystem) ? ORDERINGS[ecosystem] : undefined;
  if (!ordering) throw new Error(`no version ordering for ecosystem ${JSON.stringify(ecosystem)}`);
  return ordering;
}

/** Orders two versions of one ecosystem: -1, 0 or 1. Throws on a version it cannot read. */
export function compareVersions(ecosystem: Ecosystem, a: string, b: string): number {
  return orderingOf(ecosystem).compare(a, b);
}

/** True when `version` is one the ecosystem's ordering can read. */
export function isValidVersion(ecosystem: Ecosystem, version: string): boolean {
  try {
    orderingOf(ecosystem).read(version);
    return true;
  } catch {
    return false;
  }
}
