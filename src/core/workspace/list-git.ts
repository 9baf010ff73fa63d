import { GitError, runGit } from '../git/run-git.js';

/**
 * The files git would consider part of the work tree: tracked ones plus
 * untracked ones that no .gitignore, .git/info/exclude or core.excludesFile
 * excludes (`ls-files -co --exclude-standard`), relative to `root` even when it
 * is a subdirectory. Returns undefined when `root` is not in a git work tree or
 * git is missing, so the caller can walk the folder instead.
 *
 * Entries ending in `/` are nested repositories git does not descend into.
 */
export async function listGitFiles(root: string, signal?: AbortSignal): Promise<string[] | undefined> {
  const options = { cwd: root, ...(signal ? { signal } : {}) };
  try {
    const probe = await runGit(['rev-parse', '--is-inside-work-tree'], { ...options, okExitCodes: [128] });
    if (probe.exitCode !== 0 || probe.stdout.trim() !== 'true') return undefined;
    // -z: NUL-separated and never quoted, whatever the path contains.
    const { stdout } = await runGit(['ls-files', '-co', '--exclude-standard', '-z'], options);
    // A conflicted path is listed once per stage; list it once.
    return [...new Set(stdout.split('\0').filter((p) => p !== ''))];
  } catch (error) {
    if (error instanceof GitError && error.exitCode === undefined && !signal?.aborted) return undefined; // git not installed
    throw error;
  }
}
