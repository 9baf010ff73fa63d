/**
 * Hex: Elixir's `Version.compare/2`. Strict SemVer 2.0.0 with unbounded
 * integers; build metadata is ignored, so `1.0.0+a` equals `1.0.0`.
 */
import { invalidVersion, type VersionOrdering } from './ordering.js';
import { compareSemverParts, parseStrictSemver, type SemverParts } from './semver-precedence.js';

export const hexOrdering: VersionOrdering<SemverParts> = {
  parse(version) {
    const parsed = parseStrictSemver(version);
    if (typeof parsed === 'string') throw invalidVersion('Hex', version, parsed);
    return parsed;
  },
  compare: compareSemverParts,
};
