/**
 * PyPI: PEP 440 as `packaging.version.Version` orders it. @renovatebot/pep440
 * reads the version (epochs, the alternative spellings `alpha`/`c`/`rev`/`-1`,
 * implicit zeros); the sort key is built here because the library's own
 * compare reads local segments with `Number()`, so `+1e5` would equal
 * `+100000`, where packaging compares it as text.
 */
import pep440 from '@renovatebot/pep440';
import { compareDigitRuns, ASCII_DIGITS } from './digits.js';
import { compareNatural, invalidVersion, type VersionOrdering } from './ordering.js';

/** Local segments: numbers sort after text, text lower-cased and compared as text. */
type LocalSegment = { digits: string } | { text: string };

export interface Pep440Version {
  epoch: number;
  /** Release numbers with trailing zeros dropped: 1.0 == 1. */
  release: number[];
  /** `-Infinity` puts `1.0.dev1` before `1.0a1`; `Infinity` a final release after its pre-releases. */
  pre: [letter: string, number: number] | number;
  post: number;
  dev: number;
  local: LocalSegment[] | null;
}

/**
 * What the library's `parse` returns at run time; its typings describe
 * `explain`'s shape instead (pre/post/dev are null when absent, pairs otherwise).
 */
interface ParsedByLibrary {
  epoch: number;
  release: number[];
  pre: [string, number] | null;
  post: [string, number] | null;
  dev: [string, number] | null;
}

export const pypiOrdering: VersionOrdering<Pep440Version> = {
  parse(version) {
    // packaging strips surrounding whitespace before matching.
    const text = version.trim();
    const parsed = pep440.parse(text) as unknown as ParsedByLibrary | null;
    if (!parsed) throw invalidVersion('PyPI', version, 'not a PEP 440 version');
    const release = [...parsed.release];
    while (release.length > 0 && release[release.length - 1] === 0) release.pop();
    const plus = text.indexOf('+');
    return {
      epoch: parsed.epoch,
      release,
      pre: parsed.pre ? [parsed.pre[0], parsed.pre[1]] : !parsed.post && parsed.dev ? -Infinity : Infinity,
      post: parsed.post ? parsed.post[1] : -Infinity,
      dev: parsed.dev ? parsed.dev[1] : Infinity,
      local: plus < 0 ? null : readLocal(text.slice(plus + 1)),
    };
  },
  compare(left, right) {
    return (
      compareNatural(left.epoch, right.epoch) ||
      compareNumberTuples(left.release, right.release) ||
      comparePre(left.pre, right.pre) ||
      compareNatural(left.post, right.post) ||
      compareNatural(left.dev, right.dev) ||
      compareLocal(left.local, right.local)
    );
  },
};

function readLocal(local: string): LocalSegment[] {
  return local
    .split(/[-_.]/)
    .map((part) => (ASCII_DIGITS.test(part) ? { digits: part } : { text: part.toLowerCase() }));
}

function compareNumberTuples(left: number[], right: number[]): number {
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const order = compareNatural(left[i] as number, right[i] as number);
    if (order !== 0) return order;
  }
  return compareNatural(left.length, right.length);
}

function comparePre(left: Pep440Version['pre'], right: Pep440Version['pre']): number {
  if (typeof left === 'number' || typeof right === 'number') {
    // An infinity against a (letter, number) pair: the infinity decides.
    const a = typeof left === 'number' ? left : 0;
    const b = typeof right === 'number' ? right : 0;
    return compareNatural(a, b);
  }
  return compareNatural(left[0], right[0]) || compareNatural(left[1], right[1]);
}

/** No local part sorts before any; then segment by segment, a shorter prefix first. */
function compareLocal(left: LocalSegment[] | null, right: LocalSegment[] | null): number {
  if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const a = left[i] as LocalSegment;
    const b = right[i] as LocalSegment;
    let order: number;
    if ('digits' in a) order = 'digits' in b ? compareDigitRuns(a.digits, b.digits) : 1;
    else order = 'digits' in b ? -1 : compareNatural(a.text, b.text);
    if (order !== 0) return order;
  }
  return compareNatural(left.length, right.length);
}
