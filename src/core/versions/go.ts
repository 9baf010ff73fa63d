/**
 * Go: `golang.org/x/mod/semver`. go.mod writes `v1.2.3`, OSV's Go records
 * `1.2.3`; both are read. Go accepts the shorthands `v1` and `v1.2` (no
 * pre-release or build then). Pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`)
 * are ordinary pre-releases, and `+incompatible` is build metadata, so neither
 * needs a rule of its own.
 */
import { invalidVersion, type VersionOrdering } from './ordering.js';
import { compareSemverParts, parseStrictSemver, type SemverParts } from './semver-precedence.js';

const SHORTHAND = /^[0-9]+(?:\.[0-9]+)?$/;

export const goOrdering: VersionOrdering<SemverParts> = {
  parse(version) {
    let text = version.startsWith('v') ? version.slice(1) : version;
    if (SHORTHAND.test(text)) text = text.includes('.') ? `${text}.0` : `${text}.0.0`;
    const parsed = parseStrictSemver(text);
    if (typeof parsed === 'string') throw invalidVersion('Go', version, parsed);
    return parsed;
  },
  compare: compareSemverParts,
};
