import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { SkippedItem } from '../findings.js';
import { IgnoreStack, readIgnoreFile } from './gitignore.js';

export interface ListedDirectory {
  /** Root-relative paths (forward slashes) of everything that is not a directory and not ignored. */
  paths: string[];
  skipped: SkippedItem[];
}

/**
 * Lists a plain folder the way git would see it: `.git` is never entered,
 * .gitignore files apply to their own directory and below, the root's
 * .git/info/exclude applies with the lowest precedence, and an ignored
 * directory is not entered (so, as in git, nothing inside it can be re-included).
 * Symbolic links are listed, never entered.
 */
export async function listDirectory(root: string, signal?: AbortSignal): Promise<ListedDirectory> {
  const paths: string[] = [];
  const skipped: SkippedItem[] = [];
  const rootRules = IgnoreStack.empty().with('', await readIgnoreFile(join(root, '.git', 'info', 'exclude')));
  const pending: Array<{ dir: string; rules: IgnoreStack }> = [{ dir: '', rules: rootRules }];

  while (pending.length > 0) {
    signal?.throwIfAborted();
    const { dir, rules: inherited } = pending.pop() as { dir: string; rules: IgnoreStack };
    let entries: Dirent[];
    try {
      // Synchronous on purpose: one directory after another, a thread-pool
      // round trip per directory cost more than the listing itself (10x on
      // trees of many small folders), and nothing else runs meanwhile.
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: `${dir || '.'}/`, reason: `directory could not be read (${errorCode(error)})` });
      continue;
    }
    const rules = entries.some((e) => e.name === '.gitignore' && !e.isDirectory())
      ? inherited.with(dir, await readIgnoreFile(join(root, dir, '.gitignore')))
      : inherited;
    for (const entry of entries) {
      if (entry.name === '.git') continue; // repository metadata, never workspace content
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const isDirectory = entry.isDirectory();
      if (rules.ignores(path, isDirectory)) continue;
      if (isDirectory) pending.push({ dir: path, rules });
      else paths.push(path); // files, symlinks and special files: the caller inspects each
    }
  }
  return { paths, skipped };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
