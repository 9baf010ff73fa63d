import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { restoreFolder, saveFolder, type ActionsCacheFunctions, type FolderCacheOptions } from '../../src/core/github/actions-cache.js';
import { createRecordingLogger } from '../../src/core/logger.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'actions-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PREFIX = 'devsecops-osv-v1-';

interface FakeCache extends ActionsCacheFunctions {
  restores: Array<{ paths: string[]; primaryKey: string; restoreKeys: string[] | undefined }>;
  saves: Array<{ paths: string[]; key: string }>;
  loads: number;
}

/** A stand-in for @actions/cache that records its calls. */
function fakeCache(behaviour: Partial<ActionsCacheFunctions> = {}): FakeCache {
  const fake: FakeCache = {
    restores: [],
    saves: [],
    loads: 0,
    isFeatureAvailable: behaviour.isFeatureAvailable ?? (() => true),
    async restoreCache(paths, primaryKey, restoreKeys) {
      fake.restores.push({ paths, primaryKey, restoreKeys });
      return behaviour.restoreCache ? behaviour.restoreCache(paths, primaryKey, restoreKeys) : `${PREFIX}41-1-0badc0de`;
    },
    async saveCache(paths, key) {
      fake.saves.push({ paths, key });
      return behaviour.saveCache ? behaviour.saveCache(paths, key) : 7;
    },
  };
  return fake;
}

/** A fresh job: its own RUNNER_TEMP holding the cached folder, and the runner's environment. */
function job(fake: FakeCache, env: NodeJS.ProcessEnv = {}) {
  const runnerTemp = mkdtempSync(path.join(tmp, 'job-'));
  const folder = path.join(runnerTemp, 'devsecops', 'osv-cache');
  mkdirSync(folder, { recursive: true });
  const logger = createRecordingLogger();
  const options: FolderCacheOptions = {
    name: 'OSV advisory cache',
    folder,
    keyPrefix: PREFIX,
    logger,
    env: { GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '2', RUNNER_TEMP: runnerTemp, ...env },
    load: async () => {
      fake.loads += 1;
      return fake;
    },
  };
  return { options, logger, folder, runnerTemp };
}

const linesAt = (logger: ReturnType<typeof createRecordingLogger>, level: string) =>
  logger.lines.filter((line) => line.level === level).map((line) => line.message);

describe('restoreFolder', () => {
  it('asks for the key prefix, so the newest entry saved under it is restored into the folder', async () => {
    const fake = fakeCache();
    const { options, logger, folder } = job(fake);
    await expect(restoreFolder(options)).resolves.toBe(`${PREFIX}41-1-0badc0de`);
    expect(fake.restores).toEqual([{ paths: [folder], primaryKey: PREFIX, restoreKeys: [PREFIX] }]);
    expect(linesAt(logger, 'info')).toEqual([`OSV advisory cache: restored ${PREFIX}41-1-0badc0de.`]);
    expect(linesAt(logger, 'warning')).toEqual([]);
  });

  it('says so when no entry has been saved yet', async () => {
    const fake = fakeCache({ restoreCache: async () => undefined });
    const { options, logger } = job(fake);
    await expect(restoreFolder(options)).resolves.toBeUndefined();
    expect(linesAt(logger, 'info')).toEqual([`OSV advisory cache: no saved entry yet (${PREFIX}*).`]);
  });

  it('restores once per job: a later step keeps the folder the earlier one filled', async () => {
    const fake = fakeCache();
    const { options, logger } = job(fake);
    await restoreFolder(options);
    await expect(restoreFolder(options)).resolves.toBeUndefined();
    expect(fake.restores).toHaveLength(1);
    expect(linesAt(logger, 'debug')).toContain('OSV advisory cache: not restored with the Actions cache: already restored earlier in this job.');
  });

  it('a restore that throws is one warning naming the cache and the error, not a failure', async () => {
    const fake = fakeCache({
      restoreCache: async () => {
        throw new Error('Cache service responded with 503\nat line two');
      },
    });
    const { options, logger } = job(fake);
    await expect(restoreFolder(options)).resolves.toBeUndefined();
    expect(linesAt(logger, 'warning')).toEqual(['OSV advisory cache: not restored from the Actions cache: Cache service responded with 503']);
  });

  it('a failure to load @actions/cache is a warning too', async () => {
    const { options, logger } = job(fakeCache());
    const failing = {
      ...options,
      load: async () => {
        throw new Error("Cannot find module '@actions/cache'");
      },
    };
    await expect(restoreFolder(failing)).resolves.toBeUndefined();
    expect(linesAt(logger, 'warning')).toEqual([
      "OSV advisory cache: not restored from the Actions cache: Cannot find module '@actions/cache'",
    ]);
  });
});

describe('saveFolder', () => {
  it('saves the folder under the prefix, the run, its attempt and a random part', async () => {
    const fake = fakeCache();
    const { options, logger, folder } = job(fake);
    const key = await saveFolder(options);
    expect(key).toMatch(/^devsecops-osv-v1-42-2-[0-9a-f]{8}$/);
    expect(fake.saves).toEqual([{ paths: [folder], key }]);
    expect(linesAt(logger, 'info')).toEqual([`OSV advisory cache: saved ${key}.`]);
  });

  it('two matrix jobs of one run save under different keys', async () => {
    const fake = fakeCache();
    const first = await saveFolder(job(fake).options);
    const second = await saveFolder(job(fake).options);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(first).not.toBe(second);
    expect(fake.saves).toHaveLength(2);
  });

  it('saves at most once per job, even across steps (separate processes sharing RUNNER_TEMP)', async () => {
    const fake = fakeCache();
    const { options, logger, runnerTemp } = job(fake);
    await expect(saveFolder(options)).resolves.toBeDefined();
    await expect(saveFolder(options)).resolves.toBeUndefined();
    expect(fake.saves).toHaveLength(1);
    expect(linesAt(logger, 'debug')).toContain('OSV advisory cache: not saved with the Actions cache: already saved earlier in this job.');
    // The mark lives in RUNNER_TEMP, which the runner empties between jobs.
    expect(readdirSync(path.join(runnerTemp, 'devsecops-actions-cache')).sort()).toEqual([`${PREFIX}.saved`]);
  });

  it('keeps the once-per-job mark in the process when there is no RUNNER_TEMP', async () => {
    const fake = fakeCache();
    const { options } = job(fake, { RUNNER_TEMP: undefined, GITHUB_RUN_ID: '43' });
    const alone = { ...options, keyPrefix: 'devsecops-test-no-runner-temp-' };
    await expect(saveFolder(alone)).resolves.toMatch(/^devsecops-test-no-runner-temp-43-2-/);
    await expect(saveFolder(alone)).resolves.toBeUndefined();
    expect(fake.saves).toHaveLength(1);
  });

  it('does not save a folder that does not exist', async () => {
    const fake = fakeCache();
    const { options, logger, folder } = job(fake);
    const missing = { ...options, folder: path.join(folder, 'never-made') };
    await expect(saveFolder(missing)).resolves.toBeUndefined();
    expect(fake.saves).toEqual([]);
    expect(fake.loads).toBe(0);
    expect(linesAt(logger, 'debug')).toEqual([
      `OSV advisory cache: not saved with the Actions cache: ${missing.folder} does not exist.`,
    ]);
  });

  it('a save the library refused (-1, it logs why itself) is not reported as saved', async () => {
    const fake = fakeCache({ saveCache: async () => -1 });
    const { options, logger } = job(fake);
    await expect(saveFolder(options)).resolves.toBeUndefined();
    expect(linesAt(logger, 'info')).toEqual([]);
    expect(linesAt(logger, 'warning')).toEqual([]);
    expect(linesAt(logger, 'debug')).toEqual([expect.stringMatching(/^OSV advisory cache: devsecops-osv-v1-42-2-[0-9a-f]{8} was not saved\.$/)]);
  });

  it('a save that throws is one warning naming the cache and the error, not a failure', async () => {
    const fake = fakeCache({
      saveCache: async () => {
        throw new Error('Unable to reserve cache with key devsecops-osv-v1-42-2-x');
      },
    });
    const { options, logger } = job(fake);
    await expect(saveFolder(options)).resolves.toBeUndefined();
    expect(linesAt(logger, 'warning')).toEqual([
      'OSV advisory cache: not saved to the Actions cache: Unable to reserve cache with key devsecops-osv-v1-42-2-x',
    ]);
  });
});

describe('outside what the Actions cache can serve', () => {
  it('does nothing outside GitHub Actions, and does not even load @actions/cache', async () => {
    const fake = fakeCache();
    const { options, logger } = job(fake, { GITHUB_ACTIONS: undefined });
    await expect(restoreFolder(options)).resolves.toBeUndefined();
    await expect(saveFolder(options)).resolves.toBeUndefined();
    expect(fake.loads).toBe(0);
    expect(logger.lines).toEqual([
      { level: 'debug', message: 'OSV advisory cache: not restored with the Actions cache: not running in GitHub Actions.' },
      { level: 'debug', message: 'OSV advisory cache: not saved with the Actions cache: not running in GitHub Actions.' },
    ]);
  });

  it('does nothing when the cache service is not available to the step (a `run:` step)', async () => {
    const fake = fakeCache({ isFeatureAvailable: () => false });
    const { options, logger, runnerTemp } = job(fake);
    await expect(restoreFolder(options)).resolves.toBeUndefined();
    await expect(saveFolder(options)).resolves.toBeUndefined();
    expect(fake.restores).toEqual([]);
    expect(fake.saves).toEqual([]);
    expect(linesAt(logger, 'debug')).toEqual([
      'OSV advisory cache: not restored with the Actions cache: the cache service is not available to this step (no ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL).',
      'OSV advisory cache: not saved with the Actions cache: the cache service is not available to this step (no ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL).',
    ]);
    // Nothing was attempted, so a later step that can reach the service still may.
    expect(() => readdirSync(path.join(runnerTemp, 'devsecops-actions-cache'))).toThrow();
  });
});
