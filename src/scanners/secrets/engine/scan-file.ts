import { readFileSync } from 'node:fs';
import { describeError } from '../../../core/errors.js';
import type { SecretMatch } from '../types.js';
import type { CompiledRules } from './compile-rules.js';
import { byteOffsetOf, decodeText } from './decode-text.js';
import { binaryReason, SNIFF_BYTES } from '../../../core/workspace/binary.js';
import { MAX_MATCHES_PER_TEXT, scanText, type ScanTruncation } from './scan-text.js';

/** How long the in-turn scan keeps the thread before it lets the event loop run. */
const YIELD_EVERY_MS = 50;

/** A file to scan, as the workspace walk lists it. */
export interface FileToScan {
  /** Repository-relative, forward slashes. */
  path: string;
  absolutePath: string;
  size: number;
}

/** What scanning one file gave: its matches, and why it was not (fully) scanned. */
export interface FileOutcome<M = SecretMatch> {
  path: string;
  matches: M[];
  /** Set when the file was cut short or could not be read: it becomes a SkippedItem. */
  skippedReason?: string;
}

/** A match as it crosses from a worker thread: the rule travels as its id. */
export type PlainMatch = Omit<SecretMatch, 'rule'> & { ruleId: string };

export interface ScanLimits {
  timeBudgetMs?: number;
  deadline?: number;
}

/** Reads, decodes and scans one file (given its bytes when already read). */
export function scanFileBytes(file: Pick<FileToScan, 'path'>, bytes: Buffer, rules: CompiledRules, limits: ScanLimits): FileOutcome {
  try {
    // The walk leaves the binary check to us (we read the bytes anyway): the same test as git's.
    const binary = binaryReason(bytes.subarray(0, SNIFF_BYTES));
    if (binary) return { path: file.path, matches: [], skippedReason: binary };
    const decoded = decodeText(bytes);
    const result = scanText(decoded.text, { path: file.path, rules, ...limits });
    if (!result.truncated) return { path: file.path, matches: result.matches };
    return {
      path: file.path,
      matches: result.matches,
      skippedReason: describeTruncation(result.truncated, byteOffsetOf(decoded, result.truncated.atOffset)),
    };
  } catch (error) {
    // A rule's verify() that throws is a bug in the rule: the file is reported, the scan goes on.
    return { path: file.path, matches: [], skippedReason: `could not be scanned (${describeError(error)})` };
  }
}

export function describeReadError(error: unknown): string {
  return `could not be read (${(error as NodeJS.ErrnoException).code ?? describeError(error)})`;
}

/** The SkippedItem reason of a file whose scan stopped early. */
export function describeTruncation(truncated: ScanTruncation, byteOffset: number): string {
  return truncated.cause === 'match limit'
    ? `scan cut short at byte ${byteOffset} after ${MAX_MATCHES_PER_TEXT} matches (match limit)`
    : `scan cut short after ${truncated.elapsedMs} ms at byte ${byteOffset} (${truncated.cause})`;
}

export function toPlainOutcome(outcome: FileOutcome): FileOutcome<PlainMatch> {
  return {
    ...outcome,
    matches: outcome.matches.map(({ rule, ...rest }) => ({ ...rest, ruleId: rule.id })),
  };
}

/** Re-attaches each match's rule by id (matches of a rule the main thread does not know are dropped). */
export function fromPlainOutcome(outcome: FileOutcome<PlainMatch>, rules: CompiledRules): FileOutcome {
  const matches: SecretMatch[] = [];
  for (const { ruleId, ...rest } of outcome.matches) {
    const compiled = rules.byId.get(ruleId);
    if (compiled) matches.push({ ...rest, rule: compiled.rule });
  }
  return { ...outcome, matches };
}

/**
 * Scans files one after another on this thread, calling `onOutcome` for each
 * in order. Files are read synchronously: the scan itself blocks the thread
 * anyway, and fs.promises.readFile costs four thread-pool round trips per file
 * (open, stat, read, close), which left the scan idle 40% of the time on a
 * tree of small source files.
 */
export async function scanFilesInTurn(
  files: readonly Pick<FileToScan, 'path' | 'absolutePath'>[],
  rules: CompiledRules,
  limits: ScanLimits,
  onOutcome: (outcome: FileOutcome) => void,
  signal?: AbortSignal,
): Promise<void> {
  let lastYield = performance.now();
  for (const file of files) {
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      // Let timers and an abort reach this thread between files.
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    signal?.throwIfAborted();
    let bytes: Buffer;
    try {
      bytes = readFileSync(file.absolutePath);
    } catch (error) {
      onOutcome({ path: file.path, matches: [], skippedReason: describeReadError(error) });
      continue;
    }
    onOutcome(scanFileBytes(file, bytes, rules, limits));
  }
}
