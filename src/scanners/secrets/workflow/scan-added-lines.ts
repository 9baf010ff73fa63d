import type { AddedLine } from '../../../core/git/unified-diff.js';
import type { SecretMatch } from '../types.js';

/** Scans a text as if it were the file at `path`; the engine's scanText fits (see history.ts, staged.ts). */
export type ScanText = (text: string, path: string) => readonly SecretMatch[];

/**
 * Scans only the added lines of one file and reports each match at its line in
 * the new version. Runs of consecutive added lines are scanned together, so a
 * secret spanning lines (a private key) is found whole; an empty line is put
 * between runs that are not adjacent, so two unrelated added lines are never
 * read as one.
 */
export function scanAddedLines(path: string, added: readonly AddedLine[], scan: ScanText): SecretMatch[] {
  if (added.length === 0) return [];
  const texts: string[] = [];
  /** 1-based line in the scanned text → line in the file (0 for a gap line). */
  const lineNumbers: number[] = [];
  let previous: number | undefined;
  for (const { line, text } of added) {
    if (previous !== undefined && line !== previous + 1) {
      texts.push('');
      lineNumbers.push(0);
    }
    texts.push(text);
    lineNumbers.push(line);
    previous = line;
  }
  const mapLine = (scanned: number): number => lineNumbers[scanned - 1] ?? 0;
  return scan(texts.join('\n'), path).map((match) => ({
    ...match,
    path,
    startLine: mapLine(match.startLine),
    endLine: mapLine(match.endLine) || mapLine(match.startLine),
  }));
}

/** UTF-8 size of the added text, to enforce a size limit before scanning. */
export function addedBytes(added: readonly AddedLine[]): number {
  let bytes = 0;
  for (const { text } of added) bytes += Buffer.byteLength(text) + 1;
  return bytes;
}
