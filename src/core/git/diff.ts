import type { SkippedItem } from '../findings.js';
import { silentLogger, type Logger } from '../logger.js';
import { assertRevision, createLineSplitter, runGit, streamGit } from './run-git.js';
import {
  UnifiedDiffParser,
  diffPath,
  toLineRanges,
  type AddedLine,
  type FileChangeStatus,
  type FileDiff,
  type LineRange,
} from './unified-diff.js';

export interface DiffOptions {
  /**
   * Compare `head` with the merge base of `base` and `head` (`base...head`), as
   * GitHub shows a pull request, instead of with `base` itself.
   */
  threeDot?: boolean;
  logger?: Logger;
  signal?: AbortSignal;
}

/**
 * Flags that make the output the same whatever the user's git config says:
 * no colour, external diff or textconv; fixed a/ b/ prefixes (diff.noprefix and
 * diff.mnemonicPrefix change them); no context, so every hunk line is a change;
 * rename detection, so a moved file shows only its edited lines rather than
 * looking wholly added; submodules as "Subproject commit" lines, not logs.
 */
export const DIFF_FLAGS: readonly string[] = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '-U0',
  '--inter-hunk-context=0',
  '-M',
  '--submodule=short',
];

/** Git prints this when there are too many files to pair renames; they then look wholly added. */
const RENAME_LIMIT_WARNING = /inexact rename detection was skipped/;

function revisionArgs(base: string, head: string, options: DiffOptions): string[] {
  assertRevision(base, 'base revision');
  assertRevision(head, 'head revision');
  return options.threeDot ? [`${base}...${head}`] : [base, head];
}

/**
 * Streams the diff between two commits file by file, so a huge change is
 * parsed with bounded memory.
 */
/** Two commits, or what is staged in the index against HEAD (a pre-commit hook's view). */
export type DiffRange = { base: string; head: string } | { staged: true };

export async function forEachFileDiff(
  root: string,
  range: DiffRange,
  onFile: (file: FileDiff) => void,
  options: DiffOptions = {},
): Promise<void> {
  const parser = new UnifiedDiffParser(onFile);
  const splitter = createLineSplitter((line) => parser.pushLine(line));
  const args =
    'staged' in range ? ['diff', '--cached', ...DIFF_FLAGS, '--'] : ['diff', ...DIFF_FLAGS, ...revisionArgs(range.base, range.head, options), '--'];
  const { stderr } = await streamGit(args, { cwd: root, ...(options.signal ? { signal: options.signal } : {}) }, (chunk) =>
    splitter.push(chunk),
  );
  splitter.end();
  parser.finish();
  if (RENAME_LIMIT_WARNING.test(stderr)) {
    (options.logger ?? silentLogger).warning(
      'git skipped rename detection because too many files changed: renamed files are treated as wholly added (raise diff.renameLimit to avoid this)',
    );
  }
}

/** Every file changed between two commits, parsed (added lines included). */
export async function diffCommits(root: string, base: string, head: string, options: DiffOptions = {}): Promise<FileDiff[]> {
  const files: FileDiff[] = [];
  await forEachFileDiff(root, { base, head }, (file) => files.push(file), options);
  return files;
}

export interface ChangedFile {
  status: FileChangeStatus | 'type-changed' | 'unmerged' | 'unknown';
  /** The path in head, or in base for a deletion. */
  path: string;
  /** The path in base, for renames and copies. */
  oldPath?: string;
}

const STATUS_LETTERS: Record<string, ChangedFile['status']> = {
  A: 'added',
  D: 'deleted',
  M: 'modified',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
  U: 'unmerged',
  X: 'unknown',
};

/** The files that differ between two commits, from `--name-status -z` (NUL-separated, so no quoting). */
export async function listChangedFiles(
  root: string,
  base: string,
  head: string,
  options: DiffOptions = {},
): Promise<ChangedFile[]> {
  const args = ['diff', '--name-status', '-z', '--no-ext-diff', '-M', ...revisionArgs(base, head, options), '--'];
  const { stdout } = await runGit(args, { cwd: root, ...(options.signal ? { signal: options.signal } : {}) });
  const fields = stdout.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length; ) {
    const code = fields[i] ?? '';
    if (code === '') {
      i += 1;
      continue;
    }
    const status = STATUS_LETTERS[code.charAt(0)] ?? 'unknown';
    if (status === 'renamed' || status === 'copied') {
      files.push({ status, oldPath: fields[i + 1] ?? '', path: fields[i + 2] ?? '' });
      i += 3;
    } else {
      files.push({ status, path: fields[i + 1] ?? '' });
      i += 2;
    }
  }
  return files;
}

/** Lines added in `head`, as ranges of head line numbers, per head path. */
export async function addedLines(
  root: string,
  base: string,
  head: string,
  options: DiffOptions = {},
): Promise<Map<string, LineRange[]>> {
  const { files } = await addedContent(root, base, head, options);
  const ranges = new Map<string, LineRange[]>();
  for (const [path, lines] of files) ranges.set(path, toLineRanges(lines.map((l) => l.line)));
  return ranges;
}

export interface AddedContent {
  /** Head path → the lines added there, in line order, with their text. */
  files: Map<string, AddedLine[]>;
  /** Changed files whose added lines cannot be scanned as text, and why. */
  skipped: SkippedItem[];
}

/**
 * The text of every line added in `head`, for a scanner that looks only at
 * what a change introduced and reports it at its head line. Binary files,
 * submodule pointers and symlink targets are reported as skipped; deleted
 * files and pure renames contribute nothing.
 */
export async function addedContent(
  root: string,
  base: string,
  head: string,
  options: DiffOptions = {},
): Promise<AddedContent> {
  return collectAddedContent(root, { base, head }, options);
}

/** The text of every line the index adds over HEAD, at its line in the staged version. */
export async function stagedAddedContent(root: string, options: DiffOptions = {}): Promise<AddedContent> {
  return collectAddedContent(root, { staged: true }, options);
}

async function collectAddedContent(root: string, range: DiffRange, options: DiffOptions): Promise<AddedContent> {
  const files = new Map<string, AddedLine[]>();
  const skipped: SkippedItem[] = [];
  await forEachFileDiff(
    root,
    range,
    (file) => {
      const path = diffPath(file);
      if (file.newPath === undefined || path === '') return;
      const reason = unscannableReason(file);
      if (reason) {
        skipped.push({ path, reason });
        return;
      }
      if (file.addedLines.length === 0) return;
      // A type change (file ↔ symlink) prints two sections for one path: keep both halves' lines.
      const existing = files.get(path);
      files.set(path, existing ? [...existing, ...file.addedLines].sort((a, b) => a.line - b.line) : file.addedLines);
    },
    options,
  );
  return { files, skipped };
}

function unscannableReason(file: FileDiff): string | undefined {
  if (file.isSubmodule) return 'submodule: only its commit pointer changed, its content is not part of this repository';
  if (file.isSymlink) return 'symbolic link: git stores its target path, not file content';
  if (file.isBinary) return 'binary file (git reports "Binary files differ"): added lines cannot be listed';
  return undefined;
}
