/**
 * Version ranges in `package` conditions (`lodash@<4.17.21`), ordered by each
 * ecosystem's own rules through src/core/versions, so `1.10` is after `1.9`
 * for PyPI and `1.0.0-rc.1` before `1.0.0` for npm.
 *
 * Syntax: comparators `<`, `<=`, `>`, `>=`, `=` (or a bare version, meaning
 * `=`), joined by spaces or commas into an intersection (`>=4.0 <4.2.7`,
 * `>=4.0, <4.2.7`), intersections joined by `||` into a union
 * (`<1.2.6 || >=2.0.0 <2.0.4`). The node-semver shorthands `^`, `~`, `x` and
 * hyphen ranges are not read: their meaning differs between ecosystems.
 */
import type { Ecosystem } from '../../core/inventory/types.js';
import { compareVersions, isValidVersion } from '../../core/versions/index.js';

export type ComparatorOperator = '<' | '<=' | '>' | '>=' | '=';

export interface Comparator {
  operator: ComparatorOperator;
  version: string;
}

/** A union of intersections of comparators. */
export interface VersionRange {
  text: string;
  alternatives: Comparator[][];
}

export class VersionRangeError extends Error {
  override readonly name = 'VersionRangeError';
}

const COMPARATOR = /^(<=|>=|==|<|>|=)?\s*([^\s,<>=|]+)$/;
const UNSUPPORTED_SHORTHAND = /^[\^~]|^[xX*]$|(?:^|\.)[xX*](?:\.|$)/;

function parseComparator(text: string, range: string): Comparator {
  const match = COMPARATOR.exec(text);
  if (!match) throw new VersionRangeError(`cannot read ${JSON.stringify(text)} in the version range ${JSON.stringify(range)}`);
  const version = match[2]!;
  if (UNSUPPORTED_SHORTHAND.test(version)) {
    throw new VersionRangeError(
      `${JSON.stringify(text)} in ${JSON.stringify(range)}: write the bounds with <, <=, >, >= (the ^, ~ and x shorthands mean different things in each ecosystem)`,
    );
  }
  const operator = match[1] === '==' || match[1] === undefined ? '=' : (match[1] as ComparatorOperator);
  return { operator, version };
}

/** Splits one intersection into comparators, keeping an operator with the version after it (`>= 1.0`). */
function splitComparators(text: string): string[] {
  return text
    .replace(/(<=|>=|==|<|>|=)\s+/g, '$1')
    .split(/[\s,]+/)
    .filter((part) => part !== '');
}

/** Reads a version range; throws VersionRangeError with a one-line message. */
export function parseVersionRange(text: string): VersionRange {
  const alternatives = text.split('||').map((alternative) => {
    const parts = splitComparators(alternative);
    if (parts.length === 0) throw new VersionRangeError(`the version range ${JSON.stringify(text)} has an empty alternative`);
    return parts.map((part) => parseComparator(part, text));
  });
  return { text: text.trim(), alternatives };
}

/** The first version of `range` the ecosystem cannot read, for errors at load time. */
export function firstInvalidVersion(ecosystem: Ecosystem, range: VersionRange): string | undefined {
  for (const alternative of range.alternatives) {
    for (const { version } of alternative) if (!isValidVersion(ecosystem, version)) return version;
  }
  return undefined;
}

function holds(order: number, operator: ComparatorOperator): boolean {
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '=':
      return order === 0;
  }
}

/**
 * True when `version` is in `range` by the ecosystem's ordering. A version the
 * ordering cannot read (the finding's or a bound's) is in no range: a
 * condition that cannot be decided does not match.
 */
export function isInRange(ecosystem: Ecosystem, version: string, range: VersionRange): boolean {
  try {
    return range.alternatives.some((alternative) =>
      alternative.every(({ operator, version: bound }) => holds(compareVersions(ecosystem, version, bound), operator)),
    );
  } catch {
    return false;
  }
}
