import { stagedAddedContent as coreStagedAddedContent, type AddedContent } from '../../../core/git/diff.js';
import type { SkippedItem } from '../../../core/findings.js';
import type { SecretMatch } from '../types.js';
import { addedBytes, scanAddedLines, type ScanText } from './scan-added-lines.js';

/**
 * What a commit is about to add: the added lines of `git diff --cached` (the
 * index against HEAD, or against nothing before the first commit), for
 * `devsecops secrets-scan --staged` in a pre-commit hook. Lines are numbered
 * as in the staged version of each file, which is what the commit will hold;
 * the working tree may differ and is not read.
 */

export interface StagedOptions {
  root: string;
  signal?: AbortSignal;
}

/** The staged added lines, through the core's diff (same flags as every other diff of the suite). */
export async function stagedAddedContent(options: StagedOptions): Promise<AddedContent> {
  return coreStagedAddedContent(options.root, options.signal ? { signal: options.signal } : {});
}

export interface StagedScanOptions extends StagedOptions {
  scan: ScanText;
  /** Files adding more than this many bytes are skipped and reported (default 1 MiB). */
  maxFileBytes?: number;
}

/** Scans the staged added lines; matches carry their line in the staged file. */
export async function scanStaged(options: StagedScanOptions): Promise<{ matches: SecretMatch[]; skipped: SkippedItem[] }> {
  const { files, skipped } = await stagedAddedContent(options);
  const maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
  const matches: SecretMatch[] = [];
  for (const [path, lines] of files) {
    if (addedBytes(lines) > maxFileBytes) {
      skipped.push({ path, reason: `the staged change adds more than ${maxFileBytes} bytes to it` });
      continue;
    }
    matches.push(...scanAddedLines(path, lines, options.scan));
  }
  return { matches, skipped };
}
