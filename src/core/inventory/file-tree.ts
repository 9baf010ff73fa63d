import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { runGit, assertRevision } from '../git/run-git.js';
import { listGitFiles } from '../workspace/list-git.js';
import { listDirectory } from '../workspace/list-directory.js';

/** Lockfiles larger than this are not parsed (the largest real ones are a few tens of MB). */
export const MAX_LOCKFILE_BYTES = 256 * 1024 * 1024;

/**
 * A tree of files an inventory is read from: the working tree, or a commit
 * (the pull request's base, to tell what a change introduced). Reads are
 * synchronous because parsers ask for a sibling manifest in the middle of a
 * parse; there are few of them per lockfile.
 */
export interface FileTree {
  /** For messages: `the working tree`, `commit 1a2b3c4`. */
  readonly description: string;
  /** Paths relative to the tree's root, forward slashes. */
  list(): Promise<string[]>;
  /**
   * The text of a root-relative path; undefined when it is missing, not a
   * regular file inside the tree, or bigger than `maxBytes` (default MAX_LOCKFILE_BYTES).
   */
  read(path: string, maxBytes?: number): string | undefined;
}

/** Normalizes a root-relative path; undefined when it leaves the root. */
export function normalizeTreePath(path: string): string | undefined {
  const normalized = posix.normalize(path.replaceAll('\\', '/'));
  if (normalized === '..' || normalized.startsWith('../') || normalized.startsWith('/')) return undefined;
  return normalized === '.' ? '' : normalized;
}

/** The files of a folder on disk (git's view of it when it is a work tree). */
export function workingTree(root: string): FileTree {
  let rootReal: string | undefined;
  return {
    description: 'the working tree',
    async list() {
      return (await listGitFiles(root)) ?? (await listDirectory(root)).paths;
    },
    read(path, maxBytes = MAX_LOCKFILE_BYTES) {
      const normalized = normalizeTreePath(path);
      if (normalized === undefined || normalized === '') return undefined;
      const absolute = join(root, normalized);
      try {
        // Any folder on the way may be a link leading out of the workspace (to a
        // file the user never meant to expose), not only the file itself.
        rootReal ??= realpathSync(root);
        const inside = relative(rootReal, realpathSync(absolute));
        if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return undefined;
        const stats = statSync(absolute);
        if (!stats.isFile() || stats.size > maxBytes) return undefined;
        return readFileSync(absolute, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The files of a commit, read with git (nothing is checked out): `prefix` is
 * the folder of the tree's root inside the repository (`''` for the root).
 */
export function commitTree(repoRoot: string, commit: string, prefix = ''): FileTree {
  assertRevision(commit, 'commit');
  const base = prefix === '' ? '' : `${prefix.replace(/\/+$/, '')}/`;
  return {
    description: `commit ${commit.slice(0, 7)}`,
    async list() {
      const args = ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit];
      if (base !== '') args.push('--', base);
      const { stdout } = await runGit(args, { cwd: repoRoot });
      return stdout
        .split('\0')
        .filter((p) => p !== '' && p.startsWith(base))
        .map((p) => p.slice(base.length));
    },
    read(path, maxBytes = MAX_LOCKFILE_BYTES) {
      const normalized = normalizeTreePath(path);
      if (normalized === undefined || normalized === '') return undefined;
      const result = spawnSync('git', ['cat-file', 'blob', `${commit}:${base}${normalized}`], {
        cwd: repoRoot,
        maxBuffer: maxBytes,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
        windowsHide: true,
      });
      if (result.status !== 0 || !result.stdout) return undefined;
      return result.stdout.toString('utf8');
    },
  };
}
