/**
 * RubyGems: `Gem::Version#<=>` (rubygems/version.rb). A version is digits,
 * dots and letters; `-` reads as `.pre.`; segments are runs of digits or of
 * letters; a letter makes a pre-release, so `1.0.0.pre` < `1.0.0`; trailing
 * zeros do not count (`1.0` == `1`).
 *
 * Written out here rather than taken from @renovatebot/ruby-semver, whose
 * compare orders letters with `localeCompare` (Ruby compares bytes: `B` < `a`)
 * and numbers as floats (Ruby's are bignums).
 */
import { invalidVersion, type VersionOrdering } from './ordering.js';

/** A numeric segment as a bigint, a letter segment as its text. */
type Segment = bigint | string;

// Gem::Version::ANCHORED_VERSION_PATTERN; Ruby's \s is these six characters.
const VERSION_PATTERN =
  /^[ \t\r\n\f\v]*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)[ \t\r\n\f\v]*$/;
const SEGMENT = /[0-9]+|[a-z]+/gi;

export const rubygemsOrdering: VersionOrdering<Segment[]> = {
  parse(version) {
    // Ruby also takes a blank string as "0"; a blank version in a lockfile is
    // a mistake worth reporting rather than matching as 0.
    const match = VERSION_PATTERN.exec(version);
    if (!match) throw invalidVersion('RubyGems', version, 'not a Gem::Version (digits, dots and letters)');
    const text = (match[1] as string).replaceAll('-', '.pre.');
    const segments: Segment[] = (text.match(SEGMENT) ?? []).map((s) => (/^[0-9]/.test(s) ? BigInt(s) : s));
    return canonicalSegments(segments);
  },
  compare(left, right) {
    const length = Math.max(left.length, right.length);
    for (let i = 0; i < length; i++) {
      const a = left[i] ?? 0n;
      const b = right[i] ?? 0n;
      if (a === b) continue;
      const aIsText = typeof a === 'string';
      if (aIsText !== (typeof b === 'string')) return aIsText ? -1 : 1;
      return a < b ? -1 : 1;
    }
    return 0;
  },
};

/** Drops trailing zeros from the release part and from the pre-release part, as canonical_segments does. */
function canonicalSegments(segments: Segment[]): Segment[] {
  const firstText = segments.findIndex((s) => typeof s === 'string');
  const release = firstText < 0 ? segments : segments.slice(0, firstText);
  const prerelease = firstText < 0 ? [] : segments.slice(firstText);
  return [...dropTrailingZeros(release), ...dropTrailingZeros(prerelease)];
}

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === 0n) end--;
  return segments.slice(0, end);
}
