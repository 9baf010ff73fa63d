import { lstat, readlink, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { SkippedItem } from '../findings.js';
import type { Logger } from '../logger.js';
import { sniffBinary } from './binary.js';
import { mapWithConcurrency } from './concurrency.js';
import { listDirectory } from './list-directory.js';
import { listGitFiles } from './list-git.js';

/** A text file to scan. */
export interface WorkspaceFile {
  /** Relative to the walk's root, with forward slashes. */
  path: string;
  absolutePath: string;
  size: number;
}

export interface WalkOptions {
  root: string;
  /** Files larger than this are skipped (and said so). */
  maxFileBytes: number;
  logger: Logger;
  signal?: AbortSignal;
  /**
   * Ask git for the file list when `root` is in a work tree (default true).
   * False walks the folder and reads .gitignore files ourselves.
   */
  useGit?: boolean;
  /**
   * Open each file to tell binary from text (default true). A caller that
   * reads every file anyway passes false and checks the bytes it reads with
   * binaryReason(), saving an open and a read per file.
   */
  sniffBinary?: boolean;
}

export interface WalkResult {
  /** Sorted by path. */
  files: WorkspaceFile[];
  /** Everything listed but not scanned, with the reason; sorted by path. */
  skipped: SkippedItem[];
  /** Where the list came from: `git ls-files` or our own directory walk. */
  source: 'git' | 'filesystem';
}

/** Files stat'ed and sniffed at once: enough to hide disk latency, few enough for the fd limit. */
const INSPECT_CONCURRENCY = 32;

/**
 * The text files of a workspace, as a scanner should see them.
 *
 * In a git work tree the list comes from `git ls-files -co --exclude-standard`:
 * one process, git's own ignore rules (.gitignore at every level, negations,
 * .git/info/exclude, core.excludesFile) and tracked files included even when a
 * .gitignore matches them, because they are committed and so are exposed.
 * Elsewhere (a downloaded archive, `useGit: false`) the folder is walked with
 * the same .gitignore semantics, minus the user's global excludes file.
 *
 * Ignored paths are not part of the workspace and are not reported. Everything
 * else that is not scanned becomes a SkippedItem: binary files, files over
 * `maxFileBytes`, special files, unreadable files, submodules and symbolic
 * links. Symbolic links are never followed: one leaving the workspace would
 * expose files outside it, and one inside it points at a file the walk
 * already reaches at its real path (following it would report the same
 * finding twice and let link cycles loop).
 */
export async function walkWorkspace(options: WalkOptions): Promise<WalkResult> {
  const { root, logger, signal } = options;
  const rootReal = await realpath(root);
  let source: WalkResult['source'] = 'filesystem';
  let paths: string[] | undefined;
  const skipped: SkippedItem[] = [];

  if (options.useGit !== false) {
    paths = await listGitFiles(root, signal);
    if (paths) source = 'git';
    else logger.debug(`${root} is not a git work tree (or git is missing): walking the folder`);
  }
  if (!paths) {
    const listed = await listDirectory(root, signal);
    paths = listed.paths;
    skipped.push(...listed.skipped);
  }

  const files: WorkspaceFile[] = [];
  const outcomes = await mapWithConcurrency(
    paths,
    INSPECT_CONCURRENCY,
    (path) => inspectPath({ root, rootReal, path, maxFileBytes: options.maxFileBytes, sniff: options.sniffBinary !== false }),
    signal,
  );
  for (const outcome of outcomes) {
    if ('reason' in outcome) skipped.push(outcome);
    else files.push(outcome);
  }
  files.sort((a, b) => compareStrings(a.path, b.path));
  skipped.sort((a, b) => compareStrings(a.path, b.path));
  logger.debug(`Workspace walk (${source}): ${files.length} files to scan, ${skipped.length} skipped`);
  return { files, skipped, source };
}

async function inspectPath(input: {
  root: string;
  rootReal: string;
  path: string;
  maxFileBytes: number;
  sniff: boolean;
}): Promise<WorkspaceFile | SkippedItem> {
  const { root, rootReal, maxFileBytes } = input;
  // git lists nested repositories it does not enter as "dir/".
  if (input.path.endsWith('/')) {
    return { path: input.path.slice(0, -1), reason: 'nested git repository: not part of this repository, not scanned' };
  }
  const path = input.path;
  const absolutePath = join(root, path);
  try {
    const stats = await lstat(absolutePath);
    if (stats.isSymbolicLink()) return { path, reason: await describeSymlink(absolutePath, rootReal) };
    if (stats.isDirectory()) return { path, reason: 'submodule or nested repository: not scanned' };
    if (!stats.isFile()) return { path, reason: 'not a regular file (device, socket or pipe)' };
    if (stats.size > maxFileBytes) {
      return { path, reason: `file is ${stats.size} bytes, over the ${maxFileBytes}-byte limit (maxFileBytes)` };
    }
    if (input.sniff && stats.size > 0) {
      const binary = await sniffBinary(absolutePath);
      if (binary) return { path, reason: binary };
    }
    return { path, absolutePath, size: stats.size };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { path, reason: 'tracked by git but missing from the working tree' };
    return { path, reason: `could not be read (${code ?? String(error)})` };
  }
}

async function describeSymlink(absolutePath: string, rootReal: string): Promise<string> {
  const target = await readlink(absolutePath).catch(() => '?');
  let resolved: string;
  try {
    resolved = await realpath(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return `symbolic link loop (-> ${target}): not followed`;
    return `broken symbolic link (-> ${target}): not followed`;
  }
  const inside = relative(rootReal, resolved);
  if (inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside))) {
    return `symbolic link to ${inside.split(sep).join('/') || '.'} inside the workspace: not followed, the target is walked at its own path`;
  }
  return `symbolic link pointing outside the workspace (-> ${target}): not followed`;
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
