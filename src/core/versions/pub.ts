/**
 * Pub: Dart's pub_semver `Version.parse` and `Version.compareTo`. SemVer 2
 * text, but numbers may have leading zeros, and build metadata does order:
 * after the pre-release, a version without build sorts before one with it,
 * and builds compare like pre-releases (`1.0.0` < `1.0.0+1` < `1.0.0+2`).
 * Identifiers are numbers when Dart's `int.tryParse` reads them (a leading
 * `-`, `0x` hex, within 64 bits) and text otherwise.
 */
import { compareNatural, invalidVersion, type VersionOrdering } from './ordering.js';

type Part = bigint | string;

export interface PubVersion {
  numbers: [bigint, bigint, bigint];
  prerelease: Part[];
  build: Part[];
}

const INT64_MAX = 9_223_372_036_854_775_807n;
const INT64_MIN = -9_223_372_036_854_775_808n;
// pub_semver's completeVersion pattern.
const VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const DART_INT = /^(-?)(?:([0-9]+)|0[xX]([0-9a-fA-F]+))$/;

export const pubOrdering: VersionOrdering<PubVersion> = {
  parse(version) {
    const match = VERSION.exec(version);
    if (!match) throw invalidVersion('Pub', version, 'expected MAJOR.MINOR.PATCH[-PRE][+BUILD]');
    const numbers = [match[1], match[2], match[3]].map((digits) => BigInt(digits as string));
    if (numbers.some((n) => n > INT64_MAX)) {
      throw invalidVersion('Pub', version, 'a version number does not fit in 64 bits');
    }
    return {
      numbers: numbers as [bigint, bigint, bigint],
      prerelease: match[4] === undefined ? [] : splitParts(match[4]),
      build: match[5] === undefined ? [] : splitParts(match[5]),
    };
  },
  compare(left, right) {
    for (let i = 0; i < 3; i++) {
      const order = compareNatural(left.numbers[i] as bigint, right.numbers[i] as bigint);
      if (order !== 0) return order;
    }
    const leftPre = left.prerelease.length > 0;
    if (leftPre !== right.prerelease.length > 0) return leftPre ? -1 : 1;
    const order = compareParts(left.prerelease, right.prerelease);
    if (order !== 0) return order;
    const leftBuild = left.build.length > 0;
    if (leftBuild !== right.build.length > 0) return leftBuild ? 1 : -1;
    return compareParts(left.build, right.build);
  },
};

function splitParts(text: string): Part[] {
  return text.split('.').map((part) => readDartInt(part) ?? part);
}

function readDartInt(text: string): bigint | undefined {
  const match = DART_INT.exec(text);
  if (!match) return undefined;
  const magnitude = match[2] !== undefined ? BigInt(match[2]) : BigInt(`0x${match[3]}`);
  const value = match[1] === '-' ? -magnitude : magnitude;
  return value >= INT64_MIN && value <= INT64_MAX ? value : undefined;
}

/** Missing parts first, numbers before text, numbers by value, text by code unit. */
function compareParts(left: Part[], right: Part[]): number {
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const a = left[i];
    const b = right[i];
    if (a === b) continue;
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    const aIsNumber = typeof a === 'bigint';
    if (aIsNumber !== (typeof b === 'bigint')) return aIsNumber ? -1 : 1;
    return compareNatural(a, b);
  }
  return 0;
}
