import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactLocation, Log, Result, Run } from 'sarif';
import type { Logger } from '../logger.js';
import { describeError } from '../errors.js';

/**
 * `partialFingerprints.primaryLocationLineHash`, computed the way
 * github/codeql-action computes it (`src/fingerprints.ts`, `hash()`), so an alert
 * we upload matches the one code scanning would compute itself and alerts keep
 * their identity when lines move:
 *
 * - a rolling polynomial hash over a window of BLOCK_SIZE characters, in signed
 *   64-bit arithmetic that wraps (codeql-action uses `Long`), multiplier 37;
 * - spaces and tabs are skipped; CR and CRLF count as LF;
 * - after the input a sentinel 65535 is hashed, then BLOCK_SIZE zeros;
 * - the hash of a line is the window that starts at its first character, printed
 *   as unsigned hex without padding plus `:<n>`, n counting earlier lines of the
 *   file with the same hash (1 for the first).
 *
 * The arithmetic runs on two 32-bit halves held in doubles (every intermediate
 * stays below 2^53), not BigInt: this runs over every file that has a result.
 */
const BLOCK_SIZE = 100;
const EOF = 65535;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TWO_32 = 4294967296;

// 37^BLOCK_SIZE mod 2^64: the weight of the character leaving the window.
const FIRST_MOD = BigInt.asUintN(64, 37n ** BigInt(BLOCK_SIZE));
const FIRST_MOD_HI = Number(FIRST_MOD >> 32n);
const FIRST_MOD_LO = Number(FIRST_MOD & 0xffffffffn);

/**
 * The line hash of every line of `text` (index = line - 1). A file ending in a
 * newline has one more, empty, line, as in codeql-action.
 */
export function computeLineHashes(text: string): string[] {
  const window = new Uint16Array(BLOCK_SIZE);
  // The line number starting at each window slot, or -1.
  const lineStarts = new Int32Array(BLOCK_SIZE).fill(-1);
  const counts = new Map<string, number>();
  const hashes: string[] = [];
  let hi = 0;
  let lo = 0;
  let index = 0;
  let lineNumber = 0;
  let atLineStart = true;
  let prevCR = false;
  const length = text.length;

  // One loop, no closures over the state: this is the hot path. Positions past
  // the text feed the sentinel, then BLOCK_SIZE zeros to flush the last lines.
  for (let i = 0; i <= length + BLOCK_SIZE; i++) {
    let current: number;
    if (i < length) {
      current = text.charCodeAt(i);
      // A space or tab also ends a pending CRLF: "\r \n" is two line breaks, as in codeql-action.
      if (current === SPACE || current === TAB || (prevCR && current === LF)) {
        prevCR = false;
        continue;
      }
      if (current === CR) {
        current = LF;
        prevCR = true;
      } else {
        prevCR = false;
      }
    } else {
      current = i === length ? EOF : 0;
    }

    const startedLine = lineStarts[index] as number;
    if (startedLine !== -1) {
      const hex = hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
      const n = (counts.get(hex) ?? 0) + 1;
      counts.set(hex, n);
      hashes[startedLine - 1] = `${hex}:${n}`;
      lineStarts[index] = -1;
    }
    if (i <= length) {
      if (atLineStart) {
        atLineStart = false;
        lineNumber++;
        lineStarts[index] = lineNumber;
      }
      if (current === LF) atLineStart = true;
    }

    // hash = 37 * hash + current - 37^BLOCK_SIZE * leaving  (mod 2^64). `>>> 0` is
    // exact mod 2^32 here: every operand is a non-negative integer below 2^53.
    const leaving = window[index] as number;
    window[index] = current;
    const wideLo = lo * 37 + current;
    let newLo = wideLo >>> 0;
    let newHi = (hi * 37 + (wideLo - newLo) / TWO_32) >>> 0;
    if (leaving !== 0) {
      const subWideLo = FIRST_MOD_LO * leaving;
      const subLo = subWideLo >>> 0;
      const subHi = (FIRST_MOD_HI * leaving + (subWideLo - subLo) / TWO_32) >>> 0;
      let borrow = 0;
      newLo -= subLo;
      if (newLo < 0) {
        newLo += TWO_32;
        borrow = 1;
      }
      newHi = (newHi - subHi - borrow + 2 * TWO_32) >>> 0;
    }
    hi = newHi;
    lo = newLo;
    index = index + 1 === BLOCK_SIZE ? 0 : index + 1;
  }
  return hashes;
}

/** Files larger than this are not hashed (bytes); codeql-action has no limit, we keep memory bounded. */
export const MAX_LINE_HASH_FILE_BYTES = 32 * 1024 * 1024;

export interface AddLineHashesOptions {
  /** Absolute path of the checkout: repo-relative URIs resolve against it, others must lie inside it. */
  checkoutRoot: string;
  logger: Logger;
  maxFileBytes?: number;
}

interface PendingHash {
  result: Result;
  line: number;
}

/**
 * Fills `partialFingerprints.primaryLocationLineHash` of every result whose primary
 * location names a line of a readable file inside the checkout and that has no
 * such hash yet. Each file is read once. Mutates `log` and returns it; returns how
 * many hashes were added. Like codeql-action, a location without `startLine` gets
 * no hash, and files that are missing, unreadable or too large are skipped with a
 * debug note.
 */
export async function addLineHashes(log: Log, options: AddLineHashesOptions): Promise<{ log: Log; added: number }> {
  const { logger } = options;
  const root = path.resolve(options.checkoutRoot);
  const maxBytes = options.maxFileBytes ?? MAX_LINE_HASH_FILE_BYTES;
  const byFile = new Map<string, PendingHash[]>();

  for (const run of log.runs ?? []) {
    for (const result of run.results ?? []) {
      if (result.partialFingerprints?.['primaryLocationLineHash']) continue;
      const physical = result.locations?.[0]?.physicalLocation;
      const line = physical?.region?.startLine;
      if (!physical?.artifactLocation || typeof line !== 'number' || !Number.isInteger(line) || line < 1) continue;
      const file = resolveArtifactFile(physical.artifactLocation, run, root);
      if (!file) {
        logger.debug(`No line hash: cannot resolve ${JSON.stringify(physical.artifactLocation)} inside ${root}`);
        continue;
      }
      const pending = byFile.get(file) ?? [];
      pending.push({ result, line });
      byFile.set(file, pending);
    }
  }

  let added = 0;
  for (const [file, pending] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const hashes = await hashFile(file, maxBytes, logger);
    if (!hashes) continue;
    for (const { result, line } of pending) {
      const hash = hashes[line - 1];
      if (hash === undefined) {
        logger.debug(`No line hash: ${file} has no line ${line}`);
        continue;
      }
      result.partialFingerprints = { ...result.partialFingerprints, primaryLocationLineHash: hash };
      added++;
    }
  }
  return { log, added };
}

async function hashFile(file: string, maxBytes: number, logger: Logger): Promise<string[] | undefined> {
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      logger.debug(`No line hash: ${file} is not a regular file`);
      return undefined;
    }
    if (info.size > maxBytes) {
      logger.debug(`No line hash: ${file} is ${info.size} bytes, over the ${maxBytes}-byte limit`);
      return undefined;
    }
    // Decoded as UTF-8 like codeql-action's read stream (invalid bytes become U+FFFD, a BOM is kept).
    return computeLineHashes((await readFile(file)).toString('utf8'));
  } catch (error) {
    logger.debug(`No line hash: cannot read ${file}: ${describeError(error)}`);
    return undefined;
  }
}

/**
 * The absolute path of an artifact location, or undefined when it is not a file
 * inside `root`. Follows `index` into `run.artifacts`; a relative URI is taken as
 * relative to the checkout whatever its `uriBaseId` (as codeql-action does).
 */
export function resolveArtifactFile(location: ArtifactLocation, run: Run, root: string): string | undefined {
  let target: ArtifactLocation | undefined = location;
  if (typeof target.uri !== 'string' && typeof target.index === 'number') {
    target = run.artifacts?.[target.index]?.location;
  }
  if (typeof target?.uri !== 'string') return undefined;
  let uri: string;
  try {
    uri = decodeURIComponent(target.uri);
  } catch {
    return undefined;
  }
  if (uri.startsWith('file://')) uri = uri.slice('file://'.length);
  if (uri.includes('://')) return undefined;
  const absolute = path.isAbsolute(uri) ? path.normalize(uri) : path.resolve(root, uri);
  const relative = path.relative(root, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return absolute;
}
