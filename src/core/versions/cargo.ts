/**
 * crates.io: Cargo's `semver` crate. Strict SemVer 2.0.0 (no `v`, no leading
 * zeros), major/minor/patch fit in a u64. Build metadata is read but, as
 * SemVer and OSV order crates, does not decide precedence (crates.io refuses
 * two versions that differ only in it).
 */
import { invalidVersion, type VersionOrdering } from './ordering.js';
import { compareSemverParts, parseStrictSemver, type SemverParts } from './semver-precedence.js';

const U64_MAX = 18_446_744_073_709_551_615n;

export const cargoOrdering: VersionOrdering<SemverParts> = {
  parse(version) {
    const parsed = parseStrictSemver(version);
    if (typeof parsed === 'string') throw invalidVersion('crates.io', version, parsed);
    if (parsed.major > U64_MAX || parsed.minor > U64_MAX || parsed.patch > U64_MAX) {
      throw invalidVersion('crates.io', version, 'a version number does not fit in 64 bits');
    }
    return parsed;
  },
  compare: compareSemverParts,
};
