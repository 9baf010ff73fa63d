/**
 * NuGet: NuGet.Versioning's `NuGetVersion.TryParse` and `VersionComparer.Default`.
 * Two to four numbers (a missing third or fourth is 0, so `1.0.0.0` ==
 * `1.0.0` and `1.0.0.1` > `1.0.0`), each a .NET Int32 with leading zeros
 * allowed; no leading `v`. Release labels compare numbers (Int32.TryParse)
 * before text, text case-insensitively; metadata is ignored.
 */
import { compareNatural, invalidVersion, type VersionOrdering } from './ordering.js';

export interface NuGetVersion {
  /** Major, minor, patch, revision. */
  numbers: [number, number, number, number];
  /** Release labels, each an Int32 or upper-cased text; empty for a release. */
  labels: (number | string)[];
}

const INT32_MAX = 2_147_483_647;
const INT32_MIN = -2_147_483_648;
// System.Version parses each part with NumberStyles.Integer: white space around the digits is allowed.
const VERSION_PART = /^[\t\n\v\f\r ]*([0-9]+)[\t\n\v\f\r ]*$/;
const LABEL = /^[0-9A-Za-z-]+$/;
const LEADING_ZERO_NUMBER = /^0[0-9]+$/;
const INT32_TEXT = /^-?[0-9]+$/;

export const nugetOrdering: VersionOrdering<NuGetVersion> = {
  parse(version) {
    const fail = (reason: string): never => {
      throw invalidVersion('NuGet', version, reason);
    };
    const text = version.trim();
    const separator = text.search(/[-+]/);
    const versionPart = separator < 0 ? text : text.slice(0, separator);
    let labelPart: string | undefined;
    let metadata: string | undefined;
    if (separator >= 0 && text[separator] === '+') {
      metadata = text.slice(separator + 1);
    } else if (separator >= 0) {
      const rest = text.slice(separator + 1);
      const plus = rest.indexOf('+');
      labelPart = plus < 0 ? rest : rest.slice(0, plus);
      if (plus >= 0) metadata = rest.slice(plus + 1);
    }

    const parts = versionPart.split('.');
    if (versionPart === '' || parts.length > 4) fail('expected two to four numbers');
    const numbers: [number, number, number, number] = [0, 0, 0, 0];
    parts.forEach((part, i) => {
      const digits = VERSION_PART.exec(part)?.[1];
      if (digits === undefined) fail(`"${part}" is not a number`);
      const value = Number(digits);
      if (value > INT32_MAX) fail(`"${part}" is larger than a 32-bit integer`);
      numbers[i] = value;
    });

    const labels: (number | string)[] = [];
    for (const label of labelPart === undefined ? [] : labelPart.split('.')) {
      if (!LABEL.test(label)) fail('release labels must be non-empty [0-9A-Za-z-]');
      if (LEADING_ZERO_NUMBER.test(label)) fail('a numeric release label has a leading zero');
      labels.push(readLabel(label));
    }
    for (const part of metadata === undefined ? [] : metadata.split('.')) {
      if (!LABEL.test(part)) fail('metadata must be non-empty [0-9A-Za-z-] parts');
    }
    return { numbers, labels };
  },
  compare(left, right) {
    for (let i = 0; i < 4; i++) {
      const order = compareNatural(left.numbers[i] as number, right.numbers[i] as number);
      if (order !== 0) return order;
    }
    return compareLabels(left.labels, right.labels);
  },
};

/** Int32.TryParse decides what is a number: an optional minus sign, digits, in range. */
function readLabel(label: string): number | string {
  if (INT32_TEXT.test(label)) {
    const value = Number(label);
    if (value >= INT32_MIN && value <= INT32_MAX) return value;
  }
  // OrdinalIgnoreCase compares upper-cased UTF-16 units; labels are ASCII.
  return label.toUpperCase();
}

function compareLabels(left: (number | string)[], right: (number | string)[]): number {
  if (left.length === 0 || right.length === 0) return compareNatural(right.length, left.length);
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const a = left[i] as number | string;
    const b = right[i] as number | string;
    const aIsNumber = typeof a === 'number';
    if (aIsNumber !== (typeof b === 'number')) return aIsNumber ? -1 : 1;
    const order = compareNatural(a, b);
    if (order !== 0) return order;
  }
  return compareNatural(left.length, right.length);
}
