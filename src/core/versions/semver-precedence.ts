/**
 * SemVer 2.0.0 precedence (semver.org, rule 11) over exact integers, shared by
 * the orderings whose tools follow it to the letter: Cargo's `semver` crate,
 * Elixir's `Version` (Hex) and Go's `golang.org/x/mod/semver`. Numbers are
 * bigints because none of those tools caps them at 2^53.
 */
import { compareNatural } from './ordering.js';

/** A pre-release identifier: a number when it is all digits, text otherwise. */
export type Identifier = bigint | string;

export interface SemverParts {
  major: bigint;
  minor: bigint;
  patch: bigint;
  /** Empty for a release. Build metadata is not kept: it never decides precedence. */
  prerelease: Identifier[];
}

const IDENTIFIER = /^[0-9A-Za-z-]+$/;
const NUMBER = /^(?:0|[1-9][0-9]*)$/;
const ALL_DIGITS = /^[0-9]+$/;

/**
 * Reads strict SemVer 2.0.0 text (`MAJOR.MINOR.PATCH[-PRE][+BUILD]`, no
 * leading zeros, no `v`). Returns the reason as a string when it is not.
 */
export function parseStrictSemver(text: string): SemverParts | string {
  const plus = text.indexOf('+');
  const withoutBuild = plus < 0 ? text : text.slice(0, plus);
  if (plus >= 0) {
    const problem = checkIdentifiers(text.slice(plus + 1), 'build metadata');
    if (problem) return problem;
  }
  const dash = withoutBuild.indexOf('-');
  const core = dash < 0 ? withoutBuild : withoutBuild.slice(0, dash);
  const numbers = core.split('.');
  if (numbers.length !== 3) return 'expected MAJOR.MINOR.PATCH';
  for (const number of numbers) {
    if (!NUMBER.test(number)) return `"${number}" is not a number without leading zeros`;
  }
  const prerelease: Identifier[] = [];
  if (dash >= 0) {
    const text = withoutBuild.slice(dash + 1);
    const problem = checkIdentifiers(text, 'pre-release');
    if (problem) return problem;
    for (const part of text.split('.')) {
      if (!ALL_DIGITS.test(part)) prerelease.push(part);
      else if (NUMBER.test(part)) prerelease.push(BigInt(part));
      else return 'a numeric pre-release identifier has a leading zero';
    }
  }
  const [major, minor, patch] = numbers as [string, string, string];
  return { major: BigInt(major), minor: BigInt(minor), patch: BigInt(patch), prerelease };
}

function checkIdentifiers(text: string, what: string): string | undefined {
  for (const part of text.split('.')) {
    if (!IDENTIFIER.test(part)) return `${what} identifiers must be non-empty [0-9A-Za-z-]`;
  }
  return undefined;
}

export function compareSemverParts(left: SemverParts, right: SemverParts): number {
  return (
    compareNatural(left.major, right.major) ||
    compareNatural(left.minor, right.minor) ||
    compareNatural(left.patch, right.patch) ||
    comparePrerelease(left.prerelease, right.prerelease)
  );
}

/** A release sorts after its pre-releases; identifiers compare numbers before text. */
export function comparePrerelease(left: Identifier[], right: Identifier[]): number {
  if (left.length === 0 || right.length === 0) return compareNatural(right.length, left.length);
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const a = left[i] as Identifier;
    const b = right[i] as Identifier;
    const aIsNumber = typeof a === 'bigint';
    if (aIsNumber !== (typeof b === 'bigint')) return aIsNumber ? -1 : 1;
    const order = compareNatural(a, b);
    if (order !== 0) return order;
  }
  return compareNatural(left.length, right.length);
}
