/**
 * Packagist: Composer's ordering. composer/semver 3's `VersionParser::normalize`
 * turns a version into `1.2.0.0`, `1.2.0.0-beta2`, `1.2.0.0-patch1`,
 * `2010.01.02` or `1.9999999.9999999.9999999-dev` (`v1.2`, `1.2-b2`,
 * `1.2-pl1`, `2010-01-02`, `1.x-dev`), and Composer compares normalized
 * versions with PHP's `version_compare`: dev < alpha = a < beta = b < RC = rc
 * < (end of version) < number < patch = pl = p, unknown words lowest.
 * Branches (`dev-main`) have no order and are refused.
 */
import { compareDigitRuns } from './digits.js';
import { invalidVersion, sign, type VersionOrdering } from './ordering.js';

// PHP's trim(); PCRE's \s (no UTF mode) is written out as [\t\n\v\f\r ] below.
const PHP_TRIM = /^[ \t\n\r\0\v]+|[ \t\n\r\0\v]+$/g;
const ALIAS = /^([^,\t\n\v\f\r ]+) +as +([^,\t\n\v\f\r ]+)$/;
const STABILITY_FLAG = /@(?:stable|RC|beta|alpha|dev)$/i;
const BUILD_METADATA = /^([^,\t\n\v\f\r +]+)\+[^\t\n\v\f\r ]+$/;
// VersionParser::$modifierRegex. PHP makes the stability number possessive
// (`*+`); the lookahead and back-reference below do the same in JS and keep
// a long run of digits from backtracking exponentially.
const MODIFIER =
  '[._-]?(?:(?<stability>stable|beta|b|RC|alpha|a|patch|pl|p)(?=(?<stabilityNumber>(?:[.-]?\\d+)*))\\k<stabilityNumber>)?(?<dev>[.-]?dev)?';
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');
const NUMERIC_BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;
// PCRE's `.` stops only at \n: the caller passes the text after the last one.
const DEV_SUFFIX = /^([\s\S]*?)[.-]?dev$/i;

/** version_compare's special forms, matched as prefixes in this order. */
const SPECIAL_FORMS: [prefix: string, rank: number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
/** Where a number stands among the forms ("#N#" in php-src). */
const NUMBER_RANK = 4;

/** One element of a canonicalized version: digits, or a word with its special-form rank. */
type Element = { digits: string } | { rank: number };

export const packagistOrdering: VersionOrdering<Element[]> = {
  parse(version) {
    const normalized = normalizeComposerVersion(version);
    if (normalized === undefined) throw invalidVersion('Packagist', version, 'not a Composer version');
    if (normalized.startsWith('dev-')) {
      throw invalidVersion('Packagist', version, 'a branch, which has no version order');
    }
    return canonicalize(normalized)
      .split('.')
      .map((part) => (/^[0-9]/.test(part) ? { digits: clampToLong(part) } : { rank: specialFormRank(part) }));
  },
  compare(left, right) {
    // version_compare walks both lists; when one ends, the other's next element
    // decides: a number makes it greater, a word is compared against a number's rank.
    const shared = Math.min(left.length, right.length);
    for (let i = 0; i < shared; i++) {
      const order = compareElements(left[i] as Element, right[i] as Element);
      if (order !== 0) return order;
    }
    if (left.length === right.length) return 0;
    const longer = left.length > right.length ? left : right;
    const next = longer[shared] as Element;
    const order = 'digits' in next ? 1 : sign(next.rank - NUMBER_RANK);
    return longer === left ? order : -order;
  },
};

/** VersionParser::normalize; `dev-…` for branches, undefined when Composer throws. */
export function normalizeComposerVersion(input: string): string | undefined {
  let version = input.replace(PHP_TRIM, '');
  const alias = ALIAS.exec(version);
  if (alias) version = alias[1] as string;
  const flag = STABILITY_FLAG.exec(version);
  if (flag) version = version.slice(0, version.length - flag[0].length);
  if (version === 'master' || version === 'trunk' || version === 'default') version = `dev-${version}`;
  if (version.slice(0, 4).toLowerCase() === 'dev-') return `dev-${version.slice(4)}`;
  const build = BUILD_METADATA.exec(version);
  if (build) version = build[1] as string;

  let numbers: string | undefined;
  let match = CLASSICAL.exec(version);
  if (match) {
    numbers = `${match[1]}${match[2] || '.0'}${match[3] || '.0'}${match[4] || '.0'}`;
  } else {
    match = DATE.exec(version);
    if (match) numbers = (match[1] as string).replace(/\D/g, '.');
  }
  if (match && numbers !== undefined) {
    const { stability, stabilityNumber, dev } = match.groups ?? {};
    if (stability) {
      if (stability === 'stable') return numbers;
      numbers += `-${expandStability(stability)}${stabilityNumber ? stabilityNumber.replace(/^[.-]+/, '') : ''}`;
    }
    if (dev) numbers += '-dev';
    return numbers;
  }

  // `1.x-dev` style branches are numeric; "a branch ending with -dev is only valid if it is numeric".
  const devBranch = DEV_SUFFIX.exec(version.slice(version.lastIndexOf('\n') + 1));
  if (devBranch) {
    const branch = normalizeBranch(devBranch[1] as string);
    if (!branch.includes('dev-')) return branch;
  }
  return undefined;
}

function normalizeBranch(name: string): string {
  const trimmed = name.replace(PHP_TRIM, '');
  const match = NUMERIC_BRANCH.exec(trimmed);
  if (!match) return `dev-${trimmed}`;
  let version = '';
  for (let i = 1; i < 5; i++) version += match[i]?.replace(/[*X]/g, 'x') ?? '.x';
  return `${version.replaceAll('x', '9999999')}-dev`;
}

function expandStability(stability: string): string {
  const lower = stability.toLowerCase();
  switch (lower) {
    case 'a':
      return 'alpha';
    case 'b':
      return 'beta';
    case 'p':
    case 'pl':
      return 'patch';
    case 'rc':
      return 'RC';
    default:
      return lower;
  }
}

/**
 * php_canonicalize_version: `-`, `_` and `+` become `.`, and a dot is put
 * between a run of digits and a run of anything else.
 */
function canonicalize(version: string): string {
  if (version.length === 0) return '';
  const isDigit = (c: string): boolean => c >= '0' && c <= '9';
  const isAlnum = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  let out = version[0] as string;
  let previous = out;
  for (let i = 1; i < version.length; i++) {
    const c = version[i] as string;
    const lastOut = out[out.length - 1];
    if (c === '-' || c === '_' || c === '+') {
      if (lastOut !== '.') out += '.';
    } else if (
      (!isDigit(previous) && previous !== '.' && isDigit(c)) ||
      (isDigit(previous) && !isDigit(c) && c !== '.')
    ) {
      if (lastOut !== '.') out += '.';
      out += c;
    } else if (!isAlnum(c)) {
      if (lastOut !== '.') out += '.';
    } else {
      out += c;
    }
    previous = c;
  }
  return out;
}

function specialFormRank(word: string): number {
  for (const [prefix, rank] of SPECIAL_FORMS) {
    if (word.startsWith(prefix)) return rank;
  }
  return -1;
}

/** strtol saturates at LONG_MAX, so longer numbers all read as 2^63 - 1. */
function clampToLong(digits: string): string {
  const LONG_MAX = '9223372036854775807';
  return compareDigitRuns(digits, LONG_MAX) > 0 ? LONG_MAX : digits;
}

function compareElements(left: Element, right: Element): number {
  if ('digits' in left && 'digits' in right) return compareDigitRuns(left.digits, right.digits);
  const leftRank = 'digits' in left ? NUMBER_RANK : left.rank;
  const rightRank = 'digits' in right ? NUMBER_RANK : right.rank;
  return sign(leftRank - rightRank);
}
