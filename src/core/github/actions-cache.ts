/**
 * Keeps one folder between workflow runs with the GitHub Actions cache.
 *
 * Cache entries are immutable, so every save takes a new key (the prefix, the
 * run and a random part) and a restore asks for the prefix, which the cache
 * service answers with the newest matching entry. Nothing here ever fails a
 * run: a cache is a speed-up, and a missing one only means more work.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';

/** The part of `@actions/cache` used here; tests pass fakes. */
export interface ActionsCacheFunctions {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export interface FolderCacheOptions {
  /** Names the cache in log lines, e.g. `OSV advisory cache`. */
  name: string;
  /**
   * Absolute path of the folder. It must be the same path on every run: the
   * cache service versions an entry by the paths it was saved with.
   */
  folder: string;
  /** The start of every key, with a version to bump when the folder's layout changes, e.g. `devsecops-osv-v1-`. */
  keyPrefix: string;
  logger: Logger;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Default: `import('@actions/cache')`. */
  load?: () => Promise<ActionsCacheFunctions>;
}

/**
 * @actions/cache brings the Azure storage SDK (the v2 service uploads through
 * it); importing it only here keeps it out of the start-up of every action and
 * of the CLI, since the bundler gives a dynamic import its own chunk.
 */
const loadActionsCache = (): Promise<ActionsCacheFunctions> => import('@actions/cache');

/** The marks of `markOnce` when there is no RUNNER_TEMP to keep them in. */
const doneInProcess = new Set<string>();

/**
 * True the first time `what` is done for `keyPrefix` in this job. The mark is
 * a file in RUNNER_TEMP, which the runner empties at the start and end of each
 * job, so later steps of the same job see it and later jobs do not.
 */
async function markOnce(env: NodeJS.ProcessEnv, keyPrefix: string, what: 'restored' | 'saved'): Promise<boolean> {
  const runnerTemp = env['RUNNER_TEMP'];
  if (!runnerTemp) {
    const key = `${keyPrefix}\u0000${what}`;
    if (doneInProcess.has(key)) return false;
    doneInProcess.add(key);
    return true;
  }
  const folder = path.join(runnerTemp, 'devsecops-actions-cache');
  await mkdir(folder, { recursive: true });
  try {
    // `wx` fails when the file exists, so two steps racing cannot both win.
    await writeFile(path.join(folder, `${encodeURIComponent(keyPrefix)}.${what}`), '', { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The cache functions when this step can use the service; otherwise says why at debug level. */
async function usableCache(options: FolderCacheOptions, action: 'restored' | 'saved'): Promise<ActionsCacheFunctions | undefined> {
  const env = options.env ?? process.env;
  const skip = (why: string) => {
    options.logger.debug(`${options.name}: not ${action} with the Actions cache: ${why}.`);
    return undefined;
  };
  if (env['GITHUB_ACTIONS'] !== 'true') return skip('not running in GitHub Actions');
  const cache = await (options.load ?? loadActionsCache)();
  // The runner gives the cache service's URL to actions (`uses:`), not to `run:` steps.
  if (!cache.isFeatureAvailable()) return skip('the cache service is not available to this step (no ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL)');
  if (!(await markOnce(env, options.keyPrefix, action))) return skip(`already ${action} earlier in this job`);
  return cache;
}

/**
 * Restores the newest entry saved under `keyPrefix` into the folder, once per
 * job. Returns the key restored, or undefined (no entry, not in Actions, or an
 * error, which is one warning).
 */
export async function restoreFolder(options: FolderCacheOptions): Promise<string | undefined> {
  try {
    const cache = await usableCache(options, 'restored');
    if (!cache) return undefined;
    // No entry is ever saved under the bare prefix, so the exact match misses and the prefix match picks the newest.
    const hit = await cache.restoreCache([options.folder], options.keyPrefix, [options.keyPrefix]);
    options.logger.info(hit ? `${options.name}: restored ${hit}.` : `${options.name}: no saved entry yet (${options.keyPrefix}*).`);
    return hit;
  } catch (error) {
    options.logger.warning(`${options.name}: not restored from the Actions cache: ${describeError(error)}`);
    return undefined;
  }
}

/**
 * Saves the folder under a new key, at most once per job; call it only when
 * the folder changed. Returns the key saved, or undefined (not in Actions,
 * already saved, no folder, or an error, which is one warning).
 */
export async function saveFolder(options: FolderCacheOptions): Promise<string | undefined> {
  const env = options.env ?? process.env;
  try {
    const folder = await stat(options.folder).catch(() => undefined);
    if (!folder?.isDirectory()) {
      options.logger.debug(`${options.name}: not saved with the Actions cache: ${options.folder} does not exist.`);
      return undefined;
    }
    const cache = await usableCache(options, 'saved');
    if (!cache) return undefined;
    // Matrix jobs share the run id and attempt; the random part keeps their keys apart.
    const key = `${options.keyPrefix}${env['GITHUB_RUN_ID'] ?? '0'}-${env['GITHUB_RUN_ATTEMPT'] ?? '1'}-${randomBytes(4).toString('hex')}`;
    const id = await cache.saveCache([options.folder], key);
    // -1: the library could not save and has already logged why.
    if (id === -1) {
      options.logger.debug(`${options.name}: ${key} was not saved.`);
      return undefined;
    }
    options.logger.info(`${options.name}: saved ${key}.`);
    return key;
  } catch (error) {
    options.logger.warning(`${options.name}: not saved to the Actions cache: ${describeError(error)}`);
    return undefined;
  }
}
