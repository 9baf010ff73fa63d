import { afterEach, beforeEach, describe, it, expect } from '@jest/globals';
import { join } from 'node:path';
import { UsageError } from '../../src/core/errors.js';
import { addedLines } from '../../src/core/git/diff.js';
import { ensureCommitsAvailable, hasCommit, isShallowRepository } from '../../src/core/git/fetch-history.js';
import { resolveChangeRange } from '../../src/core/git/range.js';
import { createRecordingLogger } from '../../src/core/logger.js';
import { createTempRepo, makeTempDir, openRepo, removeDir, runGitSync, type TempRepo } from '../support/temp-repo.js';

const ZERO_SHA = '0'.repeat(40);

/**
 * A "remote" with main c1..c8 and a feature branch forked at c3 (f1, f2), and
 * a clone of it made the way actions/checkout does by default: one commit deep.
 */
interface Fixture {
  remote: TempRepo;
  main: string[];
  forkPoint: string;
  feature: string[];
  shallowClone(branch: string): TempRepo;
}

function createFixture(parent: string): Fixture {
  const remote = createTempRepo(parent);
  const main: string[] = [];
  for (let i = 1; i <= 3; i += 1) {
    remote.write(`main-${i}.txt`, `main ${i}\n`);
    main.push(remote.commit(`c${i}`));
  }
  const forkPoint = main[2] as string;
  remote.git('checkout', '-q', '-b', 'feature');
  const feature: string[] = [];
  for (let i = 1; i <= 2; i += 1) {
    remote.write(`feature-${i}.txt`, `feature ${i}\n`);
    feature.push(remote.commit(`f${i}`));
  }
  remote.git('checkout', '-q', 'main');
  for (let i = 4; i <= 8; i += 1) {
    remote.write(`main-${i}.txt`, `main ${i}\n`);
    main.push(remote.commit(`c${i}`));
  }
  let clones = 0;
  return {
    remote,
    main,
    forkPoint,
    feature,
    shallowClone(branch) {
      clones += 1;
      const dir = join(parent, `clone-${clones}`);
      runGitSync(parent, ['clone', '-q', '--depth', '1', '--branch', branch, `file://${remote.dir}`, dir]);
      return openRepo(dir);
    },
  };
}

describe('resolveChangeRange', () => {
  let parent: string;
  let fixture: Fixture;
  beforeEach(() => {
    parent = makeTempDir();
    fixture = createFixture(parent);
  });
  afterEach(() => removeDir(parent));

  it('compares a pull request from its merge base, fetching and deepening a shallow clone', async () => {
    const clone = fixture.shallowClone('main');
    const logger = createRecordingLogger();
    const head = fixture.feature[1] as string;
    expect(await hasCommit(clone.dir, head)).toBe(false);

    const range = await resolveChangeRange({
      root: clone.dir,
      eventName: 'pull_request',
      pullRequest: { baseSha: fixture.main[7] as string, headSha: head },
      logger,
    });

    expect(range).toEqual({ base: fixture.forkPoint, head, kind: 'pull_request' });
    expect(logger.lines.map((l) => l.message).join('\n')).toMatch(/fetching \d+ more commits/);
    // The three-dot view: only the feature's files, none of main's later ones.
    const ranges = await addedLines(clone.dir, range?.base as string, head);
    expect([...ranges.keys()].sort()).toEqual(['feature-1.txt', 'feature-2.txt']);
  });

  it('diffs a new branch push against where it forked from the default branch', async () => {
    const clone = fixture.shallowClone('feature');
    const logger = createRecordingLogger();
    const range = await resolveChangeRange({
      root: clone.dir,
      eventName: 'push',
      push: { before: ZERO_SHA, after: fixture.feature[1] as string },
      defaultBranch: 'main',
      logger,
    });
    expect(range).toEqual({ base: fixture.forkPoint, head: fixture.feature[1], kind: 'push' });
    expect(logger.lines.some((l) => /new branch/.test(l.message))).toBe(true);
  });

  it('scans everything for a new branch when the default branch cannot be found, and says so', async () => {
    const clone = fixture.shallowClone('feature');
    clone.git('remote', 'set-head', 'origin', '-d');
    const logger = createRecordingLogger();
    const range = await resolveChangeRange({
      root: clone.dir,
      eventName: 'push',
      push: { before: ZERO_SHA, after: fixture.feature[1] as string },
      logger,
    });
    expect(range).toBeUndefined();
    expect(logger.lines.some((l) => /default branch is unknown.*scanning everything/.test(l.message))).toBe(true);
  });

  it('compares an ordinary push with the commit before it', async () => {
    const clone = fixture.shallowClone('feature');
    const range = await resolveChangeRange({
      root: clone.dir,
      eventName: 'push',
      push: { before: fixture.feature[0] as string, after: fixture.feature[1] as string },
      logger: createRecordingLogger(),
    });
    expect(range).toEqual({ base: fixture.feature[0], head: fixture.feature[1], kind: 'push' });
  });

  it('falls back to the default branch when a force push dropped the old commit, and says so', async () => {
    const clone = fixture.shallowClone('feature');
    const logger = createRecordingLogger();
    const range = await resolveChangeRange({
      root: clone.dir,
      eventName: 'push',
      push: { before: 'deadbeef'.repeat(5), after: fixture.feature[1] as string },
      defaultBranch: 'main',
      logger,
    });
    expect(range).toEqual({ base: fixture.forkPoint, head: fixture.feature[1], kind: 'push' });
    expect(logger.lines.some((l) => l.level === 'warning' && /force push/.test(l.message))).toBe(true);
  });

  it('compares a history-rewriting push with the common ancestor of the old and new tips', async () => {
    const { remote } = fixture;
    const oldTip = fixture.feature[1] as string;
    remote.git('tag', 'old-tip', oldTip);
    remote.git('checkout', '-q', 'feature');
    remote.git('reset', '-q', '--hard', fixture.feature[0] as string);
    remote.write('rewritten.txt', 'rewritten\n');
    const newTip = remote.commit('f2 rewritten');
    remote.git('checkout', '-q', 'main');
    const clone = fixture.shallowClone('feature');
    const logger = createRecordingLogger();

    const range = await resolveChangeRange({ root: clone.dir, eventName: 'push', push: { before: oldTip, after: newTip }, logger });
    expect(range).toEqual({ base: fixture.feature[0], head: newTip, kind: 'push' });
    expect(logger.lines.some((l) => /rewrote history/.test(l.message))).toBe(true);
  });

  it('has no range for events without one', async () => {
    const logger = createRecordingLogger();
    expect(await resolveChangeRange({ root: fixture.remote.dir, eventName: 'schedule', logger })).toBeUndefined();
    expect(logger.lines[0]?.message).toMatch(/schedule event has no change range/);
  });
});

describe('ensureCommitsAvailable', () => {
  let parent: string;
  let fixture: Fixture;
  beforeEach(() => {
    parent = makeTempDir();
    fixture = createFixture(parent);
  });
  afterEach(() => removeDir(parent));

  it('fetches a missing commit into a shallow clone and keeps it shallow', async () => {
    const clone = fixture.shallowClone('main');
    const missing = fixture.main[1] as string;
    await ensureCommitsAvailable(clone.dir, [missing], createRecordingLogger());
    expect(await hasCommit(clone.dir, missing)).toBe(true);
    expect(await isShallowRepository(clone.dir)).toBe(true);
  });

  it('tells the user to set fetch-depth: 0 when the commit cannot be fetched', async () => {
    const clone = fixture.shallowClone('main');
    removeDir(fixture.remote.dir);
    const error = await ensureCommitsAvailable(clone.dir, [fixture.main[1] as string], createRecordingLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/could not be fetched .*set `fetch-depth: 0` on actions\/checkout/);
    expect((error as Error).message).not.toContain('\n');
  });
});
