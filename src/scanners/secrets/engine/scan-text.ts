import type { SecretMatch, TextScanResult } from '../types.js';
import { REGEX_CONTEXT_CHARS, type CompiledRule, type CompiledRules } from './compile-rules.js';
import { shannonEntropy } from './entropy.js';
import { LineIndex } from './line-index.js';

/**
 * Past this many matches in one text the scan stops and the text is reported
 * as cut short: a file with thousands of credentials is a dump or a fixture,
 * and a finding per value would drown every output.
 */
export const MAX_MATCHES_PER_TEXT = 1000;

/**
 * A match's `lineText` is the whole line unless the line is longer than this
 * (minified code): then it is this much of the line around the secret.
 */
export const MAX_LINE_TEXT_CHARS = 4096;

/** The prefilter checks the clock after every slice this long (about a millisecond of scanning). */
const PREFILTER_SLICE_CHARS = 256 * 1024;

export interface ScanTextOptions {
  /** Repository-relative path, copied into matches and shown to the false-positive filters. */
  path: string;
  rules: CompiledRules;
  /** Stop after this many milliseconds and report how far the scan got. */
  timeBudgetMs?: number;
  /** Stop at this time (milliseconds since the epoch, as Date.now()) whatever the budget left. */
  deadline?: number;
}

export type TruncationCause = 'time budget' | 'deadline' | 'match limit';

/** Why and where a scan stopped early. */
export interface ScanTruncation {
  /** Every match starting before this offset (UTF-16 code units) was looked for. */
  atOffset: number;
  reason: string;
  cause: TruncationCause;
  elapsedMs: number;
}

export interface ScanTextResult extends TextScanResult {
  truncated?: ScanTruncation;
}

interface Candidate {
  compiled: CompiledRule;
  start: number;
  end: number;
  secret: string;
  startLine: number;
  endLine: number;
}

/**
 * Finds the secrets in one text.
 *
 * One pass of the keyword matcher over the text; each keyword hit opens a
 * window (rule.window, default 256 characters each side) for the rules owning
 * that keyword. Windows of one rule that overlap are merged and each merged
 * window is scanned once, in pieces when it grows long, so a keyword-dense
 * text costs one regex pass per rule, not one per hit. Within a rule the
 * pattern resumes where its last match ended (as a global regex over the whole
 * text would), so overlapping windows never produce the same match twice.
 *
 * The time budget and the deadline are checked between windows and between
 * slices of the keyword pass; when either runs out the result carries
 * `truncated` with the offset reached. Patterns are bounded by the window
 * they run on, so a single window cannot stall the scan for long.
 */
export function scanText(text: string, options: ScanTextOptions): ScanTextResult {
  const { rules: compiled, path } = options;
  const startedAt = performance.now();
  let stopAt = Number.POSITIVE_INFINITY;
  let stopCause: TruncationCause = 'time budget';
  if (options.timeBudgetMs !== undefined) stopAt = startedAt + options.timeBudgetMs;
  if (options.deadline !== undefined) {
    const deadlineAt = startedAt + (options.deadline - Date.now());
    if (deadlineAt < stopAt) {
      stopAt = deadlineAt;
      stopCause = 'deadline';
    }
  }

  const n = text.length;
  const rules = compiled.rules;
  const ruleCount = rules.length;
  // Per rule: the merged window waiting to be scanned (-1: none), and where its next match may start.
  const pendingStart = new Int32Array(ruleCount).fill(-1);
  const pendingEnd = new Int32Array(ruleCount);
  const nextFrom = new Int32Array(ruleCount);
  const candidates: Candidate[] = [];
  let stopped: TruncationCause | undefined;

  const timeIsUp = (): boolean => {
    if (stopAt !== Number.POSITIVE_INFINITY && performance.now() > stopAt) stopped = stopCause;
    return stopped !== undefined;
  };

  const addCandidate = (rule: CompiledRule, match: RegExpExecArray, sliceStart: number): void => {
    const group = rule.secretGroup;
    const span = typeof group === 'number' ? match.indices?.[group] : match.indices?.groups?.[group];
    const secret = typeof group === 'number' ? match[group] : match.groups?.[group];
    if (!span || secret === undefined || secret.length === 0) return;
    const { minEntropy, verify } = rule.rule;
    if (minEntropy !== undefined && shannonEntropy(secret) < minEntropy) return;
    if (verify && !verify(secret, match.groups ?? {})) return;
    candidates.push({ compiled: rule, start: sliceStart + span[0], end: sliceStart + span[1], secret, startLine: 0, endLine: 0 });
    if (candidates.length >= MAX_MATCHES_PER_TEXT) stopped = 'match limit';
  };

  /** Runs a rule's pattern for matches starting in [from, to), on text up to sliceEnd. */
  const runWindow = (rule: CompiledRule, from: number, to: number, sliceEnd: number): void => {
    const start = Math.max(from, nextFrom[rule.index] as number);
    if (start >= to) return;
    const sliceStart = Math.max(0, start - REGEX_CONTEXT_CHARS);
    const end = Math.min(n, sliceEnd);
    // A slice of a flat string is O(1) in V8 (it points into the parent).
    const subject = sliceStart === 0 && end === n ? text : text.slice(sliceStart, end);
    const regex = rule.regex;
    regex.lastIndex = start - sliceStart;
    for (;;) {
      const match = regex.exec(subject);
      if (match === null) break;
      const at = sliceStart + match.index;
      if (at >= to) break;
      const length = match[0].length;
      if (length === 0) {
        regex.lastIndex = match.index + 1;
        continue;
      }
      nextFrom[rule.index] = at + length;
      addCandidate(rule, match, sliceStart);
      if (stopped) break;
    }
  };

  /** Scans a merged window [from, to) in pieces, checking the clock between them. */
  const flushWindow = (rule: CompiledRule, from: number, to: number): void => {
    for (let a = from; a < to; ) {
      const b = Math.min(to, a + rule.chunkChars);
      runWindow(rule, a, b, b === to ? to + REGEX_CONTEXT_CHARS : Math.min(to + REGEX_CONTEXT_CHARS, b + rule.spanChars));
      if (stopped) {
        pendingStart[rule.index] = a;
        pendingEnd[rule.index] = to;
        return;
      }
      a = b;
      if (a < to && timeIsUp()) {
        pendingStart[rule.index] = a;
        pendingEnd[rule.index] = to;
        return;
      }
    }
  };

  const { matcher, keywordRuleStart, keywordRules } = compiled;
  const keywordLengths = matcher.keywordLengths;
  // How far the keyword pass got: every hit ending before this opened its windows.
  let passReached = 0;
  const onHit = (keyword: number, end: number): void => {
    if (stopped) return;
    passReached = end;
    const keywordStart = end - (keywordLengths[keyword] as number);
    const last = keywordRuleStart[keyword + 1] as number;
    for (let j = keywordRuleStart[keyword] as number; j < last; j += 1) {
      const r = keywordRules[j] as number;
      const rule = rules[r] as CompiledRule;
      let windowStart = Math.max(0, keywordStart - rule.before);
      let windowEnd = Math.min(n, end + rule.after);
      if (rule.sameLine) {
        // Clip to the hit's line, searching only inside the window: a minified
        // file is one line, and an unbounded search per hit would be quadratic.
        windowStart += text.slice(windowStart, keywordStart).lastIndexOf('\n') + 1;
        const newline = text.slice(end, windowEnd).indexOf('\n');
        if (newline >= 0) windowEnd = end + newline;
      }
      const start = pendingStart[r] as number;
      if (start >= 0 && windowStart <= (pendingEnd[r] as number) + REGEX_CONTEXT_CHARS) {
        if (windowEnd > (pendingEnd[r] as number)) pendingEnd[r] = windowEnd;
        // A keyword-dense stretch: scan the settled front of the window now, so
        // the budget is checked as the pass goes and not only at the end.
        if ((pendingEnd[r] as number) - start > 2 * rule.chunkChars) {
          const b = start + rule.chunkChars;
          runWindow(rule, start, b, b + rule.spanChars);
          if (stopped) return;
          pendingStart[r] = b;
          if (timeIsUp()) return;
        }
      } else {
        if (start >= 0) {
          pendingStart[r] = -1;
          flushWindow(rule, start, pendingEnd[r] as number);
          if (stopped || timeIsUp()) return;
        }
        pendingStart[r] = windowStart;
        pendingEnd[r] = windowEnd;
      }
    }
  };

  for (const r of compiled.everywhereRules) {
    pendingStart[r] = 0;
    pendingEnd[r] = n;
  }

  let position = 0;
  if (matcher.keywords.length > 0) {
    let state = matcher.initialState;
    while (position < n && !stopped) {
      const to = Math.min(n, position + PREFILTER_SLICE_CHARS);
      state = matcher.scan(text, position, to, state, onHit);
      if (stopped) break;
      position = to;
      passReached = to;
      if (position < n) timeIsUp();
    }
  } else {
    passReached = n;
  }
  for (let r = 0; r < ruleCount && !stopped; r += 1) {
    const start = pendingStart[r] as number;
    if (start < 0) continue;
    pendingStart[r] = -1;
    flushWindow(rules[r] as CompiledRule, start, pendingEnd[r] as number);
  }

  const result: ScanTextResult = { matches: buildMatches(text, path, compiled, candidates) };
  if (stopped) {
    let atOffset = n;
    if (passReached < n) {
      // Hits ending past the keyword pass would have opened windows reaching back this far.
      const reachBack = rules.reduce((max, rule) => Math.max(max, rule.before), 0) + matcher.longestKeyword;
      atOffset = Math.max(0, passReached - reachBack);
    }
    for (let r = 0; r < ruleCount; r += 1) {
      const start = pendingStart[r] as number;
      if (start >= 0) atOffset = Math.min(atOffset, Math.max(start, Math.min(nextFrom[r] as number, pendingEnd[r] as number)));
    }
    const elapsedMs = Math.round(performance.now() - startedAt);
    const reason =
      stopped === 'match limit'
        ? `scan cut short at offset ${atOffset} after ${MAX_MATCHES_PER_TEXT} matches (match limit)`
        : `scan cut short after ${elapsedMs} ms at offset ${atOffset} (${stopped})`;
    result.truncated = { atOffset, reason, cause: stopped, elapsedMs };
  }
  return result;
}

/** Lines and columns, `requires` pairing and the false-positive filters, in text order. */
function buildMatches(text: string, path: string, compiled: CompiledRules, candidates: Candidate[]): SecretMatch[] {
  if (candidates.length === 0) return [];
  candidates.sort((a, b) => a.start - b.start || a.compiled.index - b.compiled.index);
  const lines = new LineIndex(text);
  const byRule = new Map<number, Candidate[]>();
  for (const candidate of candidates) {
    candidate.startLine = lines.lineOf(candidate.start);
    candidate.endLine = lines.lineOf(candidate.end);
    const list = byRule.get(candidate.compiled.index);
    if (list) list.push(candidate);
    else byRule.set(candidate.compiled.index, [candidate]);
  }

  const matches: SecretMatch[] = [];
  let previous: Candidate | undefined;
  for (const candidate of candidates) {
    // Dedupe by (rule, offset): the windows already guarantee it; this keeps it true whatever changes there.
    if (previous && previous.compiled === candidate.compiled && previous.start === candidate.start) continue;
    previous = candidate;
    const { compiled: rule, start, end, startLine, endLine } = candidate;
    const requires = rule.rule.requires;
    if (requires && !hasPartner(byRule.get(rule.requiresIndex), startLine, endLine, requires.withinLines)) continue;

    const lineStart = lines.startOf(startLine);
    const lineEnd = lines.endOf(startLine);
    let lineText: string;
    if (lineEnd - lineStart <= MAX_LINE_TEXT_CHARS) {
      lineText = text.slice(lineStart, lineEnd);
    } else {
      const half = MAX_LINE_TEXT_CHARS / 2;
      lineText = text.slice(Math.max(lineStart, start - half), Math.min(lineEnd, Math.max(start + half, Math.min(end, lineEnd))));
    }
    const secret = candidate.secret;
    if (compiled.explainFalsePositive?.({ rule: rule.rule, secret, path, lineText }) !== undefined) continue;
    matches.push({
      rule: rule.rule,
      secret: detach(secret),
      path,
      startLine: startLine + 1,
      startColumn: start - lineStart + 1,
      endLine: endLine + 1,
      endColumn: end - lines.startOf(endLine) + 1,
      lineText: detach(lineText),
    });
  }
  return matches;
}

/** Whether a match of the required rule lies within `within` lines of [startLine, endLine]. */
function hasPartner(partners: Candidate[] | undefined, startLine: number, endLine: number, within: number): boolean {
  if (!partners) return false;
  const from = startLine - within;
  // The first partner starting at or after `from` (partners are in text order, so by line).
  let low = 0;
  let high = partners.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((partners[mid] as Candidate).startLine < from) low = mid + 1;
    else high = mid;
  }
  const after = partners[low];
  if (after && after.startLine <= endLine + within) return true;
  // A multi-line partner starting earlier may still end within reach.
  const before = partners[low - 1];
  return before !== undefined && before.endLine >= from;
}

/**
 * A copy of a string that does not keep the text it was sliced from alive:
 * V8 slices point into their parent, so a match kept from each of many files
 * would otherwise hold every file's text in memory.
 */
function detach(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, 'utf16le').toString('utf16le');
}
