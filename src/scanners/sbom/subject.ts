import path from 'node:path';
import { runGit } from '../../core/git/run-git.js';
import { UsageError } from '../../core/errors.js';
import type { Inventory } from '../../core/inventory/inventory.js';
import type { SbomSubject } from './types.js';

/**
 * `git@github.com:o/r.git`, `https://token@github.com/o/r.git` → `https://github.com/o/r`.
 * Credentials in a remote URL are dropped: an SBOM is published.
 */
export function normalizeRepositoryUrl(remote: string): string | undefined {
  const trimmed = remote.trim();
  const scp = /^[\w.-]+@([\w.-]+):(.+?)(?:\.git)?\/?$/.exec(trimmed);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  try {
    const url = new URL(trimmed);
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return undefined;
    const pathname = url.pathname.replace(/\.git\/?$/, '').replace(/\/$/, '');
    return `https://${url.hostname}${url.port && url.protocol.startsWith('http') ? `:${url.port}` : ''}${pathname}`;
  } catch {
    return undefined;
  }
}

/**
 * The root component: the project a root-level lockfile names (package.json,
 * Cargo, pyproject…), else the repository's name; the commit and URL.
 */
export function describeSubject(inventory: Inventory, fallbackName: string, repo: { url?: string; commit?: string }): SbomSubject {
  const rootLockfiles = inventory.lockfiles.filter((l) => !l.path.includes('/') && l.project?.name);
  const project = rootLockfiles[0]?.project;
  return {
    name: project?.name ?? fallbackName,
    ...(project?.version ? { version: project.version } : {}),
    ...(repo.url ? { repositoryUrl: repo.url } : {}),
    ...(repo.commit ? { commit: repo.commit } : {}),
  };
}

/** The URL of `origin` in a local clone, normalized; undefined without one. */
export async function originUrl(repoRoot: string): Promise<string | undefined> {
  const result = await runGit(['config', '--get', 'remote.origin.url'], { cwd: repoRoot, okExitCodes: [1, 128] }).catch(() => undefined);
  return result?.exitCode === 0 ? normalizeRepositoryUrl(result.stdout) : undefined;
}

/** Seconds since the epoch, as SOURCE_DATE_EPOCH says (reproducible-builds.org), to ISO 8601 UTC. */
export function epochToIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The document timestamp. Reproducible: SOURCE_DATE_EPOCH when set, else the
 * commit's committer date, so two runs on one commit agree; otherwise now.
 */
export async function documentTimestamp(options: {
  reproducible: boolean;
  sourceDateEpoch: string | undefined;
  repoRoot: string;
  commit: string | undefined;
  now: Date;
}): Promise<string> {
  if (options.sourceDateEpoch !== undefined && options.sourceDateEpoch !== '') {
    if (!/^\d{1,12}$/.test(options.sourceDateEpoch)) {
      throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (got "${options.sourceDateEpoch}").`);
    }
    return epochToIso(Number(options.sourceDateEpoch));
  }
  if (options.reproducible) {
    if (options.commit) {
      const { stdout, exitCode } = await runGit(['show', '-s', '--format=%ct', options.commit], { cwd: options.repoRoot, okExitCodes: [128] });
      if (exitCode === 0 && /^\d+$/.test(stdout.trim())) return epochToIso(Number(stdout.trim()));
    }
    throw new UsageError('reproducible: no commit to take the timestamp from; set SOURCE_DATE_EPOCH (seconds since 1970) instead.');
  }
  return options.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The repository's name as a last resort: the folder name. */
export function folderName(repoRoot: string): string {
  return path.basename(path.resolve(repoRoot)) || 'repository';
}
