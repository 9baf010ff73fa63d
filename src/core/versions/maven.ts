/**
 * Maven: `org.apache.maven.artifact.versioning.ComparableVersion` as in
 * current Maven (with the MNG-7644 and MNG-7714 fixes and the combination
 * items they brought). There is no maintained JS port, so this follows its
 * algorithm; __tests__/versions/maven.test.ts carries the cases of Maven's
 * own ComparableVersionTest.
 *
 * A version is split on `.`, `-` and digit/letter transitions into numbers,
 * qualifiers and nested lists (a `-` or a transition opens a sub-list).
 * Qualifiers order alpha < beta < milestone < rc = cr < snapshot < "" = ga =
 * final = release < sp < any other word (lexically); `a1`/`b1`/`m1` are
 * alpha/beta/milestone 1; a word followed by a number (`rc1`, `rc-1`) is one
 * combination item. Trailing zeros and empty qualifiers are dropped, so
 * `1.0` == `1` == `1-0`.
 */
import { compareDigitRuns, stripLeadingZeros } from './digits.js';
import { invalidVersion, sign, type VersionOrdering } from './ordering.js';

/** Maven refuses longer versions (MAX_VERSION_LENGTH) to bound nesting and BigInteger parsing. */
const MAX_VERSION_LENGTH = 256;

interface NumberItem {
  kind: 'number';
  /** Without leading zeros; Maven's Int/Long/BigInteger items order by value alike. */
  digits: string;
}
interface StringItem {
  kind: 'string';
  value: string;
  /** comparableQualifier(value): known qualifiers by rank, unknown words after them. */
  key: string;
}
interface CombinationItem {
  kind: 'combination';
  stringPart: StringItem;
  digitPart: NumberItem;
}
interface ListItem {
  kind: 'list';
  items: Item[];
}
type Item = NumberItem | StringItem | CombinationItem | ListItem;

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_QUALIFIERS = new Set(['ga', 'final', 'release']);
const RELEASE_KEY = String(QUALIFIERS.indexOf(''));
const SINGLE_LETTER_ALIASES = new Map([
  ['a', 'alpha'],
  ['b', 'beta'],
  ['m', 'milestone'],
]);
const ZERO: NumberItem = { kind: 'number', digits: '0' };
// Java's Character.isDigit: any Unicode decimal digit, one UTF-16 unit at a time.
const UNICODE_DIGIT = /\p{Nd}/u;
const ASCII_DIGITS = /^[0-9]+$/;

class UnsupportedMavenVersion extends Error {}

export const mavenOrdering: VersionOrdering<ListItem> = {
  parse(version) {
    if (version.length === 0) throw invalidVersion('Maven', version, 'empty version');
    if (version.length > MAX_VERSION_LENGTH) {
      throw invalidVersion('Maven', version, `longer than Maven's ${MAX_VERSION_LENGTH} characters`);
    }
    try {
      return parseComparableVersion(version);
    } catch (error) {
      if (error instanceof UnsupportedMavenVersion) throw invalidVersion('Maven', version, error.message);
      throw error;
    }
  },
  compare(left, right) {
    return sign(compareList(left, right));
  },
};

function parseComparableVersion(original: string): ListItem {
  const version = original.toLowerCase();
  const root: ListItem = { kind: 'list', items: [] };
  const stack: ListItem[] = [root];
  let list = root;
  let isDigit = false;
  let isCombination = false;
  let startIndex = 0;

  const openSublist = (): void => {
    const next: ListItem = { kind: 'list', items: [] };
    list.items.push(next);
    list = next;
    stack.push(next);
  };

  for (let i = 0; i < version.length; i++) {
    const c = version[i] as string;
    if (c === '.') {
      list.items.push(i === startIndex ? ZERO : parseItem(isCombination, isDigit, version.slice(startIndex, i)));
      isCombination = false;
      startIndex = i + 1;
    } else if (c === '-') {
      if (i === startIndex) {
        list.items.push(ZERO);
      } else {
        // "X-1" reads as "X1": the hyphen joins a word to the number after it.
        if (!isDigit && i !== version.length - 1 && UNICODE_DIGIT.test(version[i + 1] as string)) {
          isCombination = true;
          continue;
        }
        list.items.push(parseItem(isCombination, isDigit, version.slice(startIndex, i)));
      }
      startIndex = i + 1;
      if (list.items.length > 0) openSublist();
      isCombination = false;
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > startIndex) {
        // A word followed by digits: one combination item, in a sub-list of its own.
        isCombination = true;
        if (list.items.length > 0) openSublist();
      }
      isDigit = true;
    } else {
      if (isDigit && i > startIndex) {
        list.items.push(parseItem(isCombination, true, version.slice(startIndex, i)));
        startIndex = i;
        openSublist();
        isCombination = false;
      }
      isDigit = false;
    }
  }

  if (version.length > startIndex) {
    // 1.0.0.X1 < 1.0.0-X2: a trailing ".X" reads as "-X".
    if (!isDigit && list.items.length > 0) openSublist();
    list.items.push(parseItem(isCombination, isDigit, version.slice(startIndex)));
  }

  // Innermost lists first, as Maven pops its stack.
  for (let i = stack.length - 1; i >= 0; i--) normalize(stack[i] as ListItem);
  return root;
}

function parseItem(isCombination: boolean, isDigit: boolean, text: string): Item {
  if (isCombination) return combinationItem(text.replaceAll('-', ''));
  if (isDigit) return { kind: 'number', digits: stripLeadingZeros(text) };
  return stringItem(text, false);
}

function stringItem(text: string, followedByDigit: boolean): StringItem {
  let value = followedByDigit ? (SINGLE_LETTER_ALIASES.get(text) ?? text) : text;
  if (value === 'cr') value = 'rc';
  return { kind: 'string', value, key: comparableQualifier(value) };
}

function combinationItem(text: string): CombinationItem {
  let index = 0;
  for (let i = 0; i < text.length; i++) {
    if (UNICODE_DIGIT.test(text[i] as string)) {
      index = i;
      break;
    }
  }
  const digits = text.slice(index);
  // Java parses the number with Integer.parseInt & co., which take any Unicode
  // digit and throw on anything else; only ASCII digits are supported here.
  if (!ASCII_DIGITS.test(digits)) throw new UnsupportedMavenVersion(`cannot read "${digits}" as a number`);
  return {
    kind: 'combination',
    stringPart: stringItem(text.slice(0, index), true),
    digitPart: { kind: 'number', digits: stripLeadingZeros(digits) },
  };
}

function comparableQualifier(qualifier: string): string {
  if (RELEASE_QUALIFIERS.has(qualifier)) return RELEASE_KEY;
  const rank = QUALIFIERS.indexOf(qualifier);
  return rank === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(rank);
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'number':
      return item.digits === '0';
    case 'string':
      return item.value === '';
    case 'combination':
      return false;
    case 'list':
      return item.items.length === 0;
  }
}

/** Drops null items that do not separate anything (ListItem.normalize). */
function normalize(list: ListItem): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    if (!isNull(items[i] as Item)) continue;
    const next = items[i + 1];
    if (next === undefined || next.kind === 'string') {
      items.splice(i, 1);
    } else if (next.kind === 'list') {
      const first = next.items[0];
      if (first !== undefined && (first.kind === 'combination' || first.kind === 'string')) items.splice(i, 1);
    }
  }
  const only = items[0];
  if (items.length === 1 && only?.kind === 'list') {
    // Removing a zero prefix must not leave an extra level of nesting.
    list.items = only.items;
  }
}

function compareStrings(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function compareItem(left: Item, right: Item | null): number {
  switch (left.kind) {
    case 'number':
      return compareNumber(left, right);
    case 'string':
      return compareString(left, right);
    case 'combination':
      return compareCombination(left, right);
    case 'list':
      return compareList(left, right);
  }
}

function compareNumber(left: NumberItem, right: Item | null): number {
  if (right === null) return left.digits === '0' ? 0 : 1; // 1.0 == 1, 1.1 > 1
  if (right.kind === 'number') return compareDigitRuns(left.digits, right.digits);
  return 1; // 1.1 > 1-sp, 1.1 > 1-1
}

function compareString(left: StringItem, right: Item | null): number {
  if (right === null) return compareStrings(left.key, RELEASE_KEY); // 1-rc < 1, 1-sp > 1
  switch (right.kind) {
    case 'number':
      return -1;
    case 'string':
      return compareStrings(left.key, right.key);
    case 'combination': {
      const order = compareString(left, right.stringPart);
      if (order !== 0) return order;
      return compareString(left, null) === 0 ? -compareNumber(right.digitPart, null) : -1;
    }
    case 'list':
      return -compareList(right, left);
  }
}

function compareCombination(left: CombinationItem, right: Item | null): number {
  if (right === null) {
    // 1-rc1 < 1, 1-ga1 > 1: a release word leaves the number to decide.
    const order = compareString(left.stringPart, null);
    return order === 0 ? compareNumber(left.digitPart, null) : order;
  }
  switch (right.kind) {
    case 'number':
      return -1;
    case 'string': {
      const order = compareString(left.stringPart, right);
      if (order !== 0) return order;
      return compareString(left.stringPart, null) === 0 ? compareNumber(left.digitPart, null) : 1; // X1 > X
    }
    case 'list':
      return -compareList(right, left);
    case 'combination': {
      const order = compareString(left.stringPart, right.stringPart);
      return order !== 0 ? order : compareNumber(left.digitPart, right.digitPart);
    }
  }
}

function compareList(left: ListItem, right: Item | null): number {
  const items = left.items;
  if (right === null) {
    // The whole list against nothing, not only its first item (MNG-6964).
    for (const item of items) {
      const order = compareItem(item, null);
      if (order !== 0) return order;
    }
    return 0;
  }
  switch (right.kind) {
    case 'number':
      return -1; // 1-1 < 1.0.x
    case 'string':
    case 'combination': {
      const first = items[0];
      let order = first === undefined ? -compareItem(right, null) : compareItem(first, right);
      for (let i = 1; order === 0 && i < items.length; i++) order = compareItem(items[i] as Item, null);
      return order;
    }
    case 'list': {
      const length = Math.max(items.length, right.items.length);
      for (let i = 0; i < length; i++) {
        const l = items[i];
        const r = right.items[i];
        const order =
          l === undefined ? (r === undefined ? 0 : -compareItem(r, null)) : compareItem(l, r ?? null);
        if (order !== 0) return order;
      }
      return 0;
    }
  }
}
