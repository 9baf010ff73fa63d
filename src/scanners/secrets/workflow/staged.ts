import type { AddedContent } from '../../../core/git/diff.js';
import { createLineSplitter, streamGit } from '../../../core/git/run-git.js';
import { UnifiedDiffParser, diffPath, type AddedLine, type FileDiff } from '../../../core/git/unified-diff.js';
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

/**
 * The flags diff.ts uses (its list is not exported): output that does not
 * depend on the user's git config, no context lines, renames detected so a
 * moved file adds only its edited lines.
 */
const STAGED_DIFF_ARGS = [
  'diff',
  '--cached',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '-U0',
  '--inter-hunk-context=0',
  '-M',
  '--submodule=short',
  '--',
];

/** The lines the staged change adds, per path, with what cannot be scanned as text. */
export async function stagedAddedContent(options: StagedOptions): Promise<AddedContent> {
  const files = new Map<string, AddedLine[]>();
  const skipped: SkippedItem[] = [];
  const parser = new UnifiedDiffParser((file) => {
    const path = diffPath(file);
    if (file.newPath === undefined || path === '') return;
    const reason = unscannableReason(file);
    if (reason) {
      skipped.push({ path, reason });
      return;
    }
    if (file.addedLines.length === 0) return;
    const existing = files.get(path);
    files.set(path, existing ? [...existing, ...file.addedLines].sort((a, b) => a.line - b.line) : file.addedLines);
  });
  const splitter = createLineSplitter((line) => parser.pushLine(line));
  await streamGit(STAGED_DIFF_ARGS, { cwd: options.root, ...(options.signal ? { signal: options.signal } : {}) }, (chunk) =>
    splitter.push(chunk),
  );
  splitter.end();
  parser.finish();
  return { files, skipped };
}

function unscannableReason(file: FileDiff): string | undefined {
  if (file.isSubmodule) return 'submodule: only its commit pointer is staged';
  if (file.isSymlink) return 'symbolic link: git stores its target path, not file content';
  if (file.isBinary) return 'binary file (git reports "Binary files differ"): added lines cannot be listed';
  return undefined;
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
