import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from '@jest/globals';
import { createRecordingLogger } from '../../../src/core/logger.js';
import { secretHash } from '../../../src/scanners/secrets/workflow/fingerprint.js';
import { scanHistory } from '../../../src/scanners/secrets/workflow/history.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../../support/temp-repo.js';
import { fakeToken, standInScan } from './support/stand-in-scan.js';

describe('scanning the history', () => {
  let parent: string;
  let repo: TempRepo;
  beforeEach(() => {
    parent = makeTempDir();
    repo = createTempRepo(parent);
  });
  afterEach(() => removeDir(parent));

  const REMOVED = fakeToken('removedlater');
  const KEPT = fakeToken('stillthere');

  it('reports a secret once, with the commit that added it, even when later commits move and remove it', async () => {
    repo.write('README.md', '# app\n');
    repo.commit('1: start');
    repo.write('config.env', `A=1\nB=2\nTOKEN=${REMOVED}\n`);
    repo.write('src/keep.ts', `export const key = "${KEPT}";\n`);
    const second = repo.commit('2: add config');
    repo.write('config.env', `# settings\n\n\nA=1\nB=2\nTOKEN=${REMOVED}\n`);
    repo.commit('3: move the token down');
    repo.write('config.env', `# settings\n\n\nA=1\nB=2\nTOKEN=\${TOKEN}\n`);
    repo.commit('4: read the token from the environment');

    const logger = createRecordingLogger();
    const result = await scanHistory({ root: repo.dir, scan: standInScan, logger });

    expect(result.commits).toBe(4);
    const removed = result.findings.filter((f) => f.match.secret === REMOVED);
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({
      commit: second,
      author: { name: 'Test', email: 'test@example.com' },
      atHead: false,
      headPath: 'config.env',
      secretHash: secretHash('fake-token', REMOVED),
    });
    expect(removed[0]?.match).toMatchObject({ path: 'config.env', startLine: 3, startColumn: 7, lineText: `TOKEN=${REMOVED}` });
    expect(removed[0]?.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);

    const kept = result.findings.filter((f) => f.match.secret === KEPT);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ commit: second, atHead: true, headPath: 'src/keep.ts' });
    expect(logger.lines.at(-1)?.message).toMatch(/^Scanned 4 commits of history in \d+ ms .*2 secrets, 1 still at HEAD$/);
  });

  it('follows a renamed file to tell whether the secret is still at HEAD, and forgets a deleted one', async () => {
    repo.write('old/name.txt', `${KEPT}\n` + 'filler line\n'.repeat(20));
    repo.write('gone.txt', `${REMOVED}\n`);
    const first = repo.commit('add');
    mkdirSync(join(repo.dir, 'new'));
    repo.git('mv', 'old/name.txt', 'new/name.txt');
    repo.git('rm', '-q', 'gone.txt');
    repo.commit('rename and delete');

    const { findings } = await scanHistory({ root: repo.dir, scan: standInScan });
    const byValue = new Map(findings.map((f) => [f.match.secret, f]));
    expect(byValue.get(KEPT)).toMatchObject({ commit: first, atHead: true, headPath: 'new/name.txt' });
    expect(byValue.get(KEPT)?.match.path).toBe('old/name.txt');
    expect(byValue.get(REMOVED)).toMatchObject({ atHead: false });
    expect(byValue.get(REMOVED)?.headPath).toBeUndefined();
  });

  it('reports lines at their number in the introducing commit, across separate hunks', async () => {
    repo.write('a.txt', Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
    repo.commit('base');
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    lines.splice(4, 0, `one ${KEPT}`);
    lines.splice(25, 0, `two ${REMOVED}`);
    repo.write('a.txt', lines.join('\n') + '\n');
    repo.commit('two hunks');

    const { findings } = await scanHistory({ root: repo.dir, scan: standInScan });
    expect(findings.map((f) => [f.match.secret, f.match.startLine]).sort()).toEqual(
      [
        [KEPT, 5],
        [REMOVED, 26],
      ].sort(),
    );
  });

  it('scans only a range when given one, and nothing in a repository without commits', async () => {
    repo.write('a.txt', `${REMOVED}\n`);
    const first = repo.commit('first');
    repo.write('b.txt', `${KEPT}\n`);
    repo.commit('second');

    const ranged = await scanHistory({ root: repo.dir, range: { from: first, to: 'HEAD' }, scan: standInScan });
    expect(ranged.commits).toBe(1);
    expect(ranged.findings.map((f) => f.match.secret)).toEqual([KEPT]);

    const empty = createTempRepo(makeTempDir());
    try {
      expect(await scanHistory({ root: empty.dir, scan: standInScan })).toEqual({ findings: [], commits: 0, skipped: [] });
    } finally {
      removeDir(empty.dir);
    }
  });

  it('reports binary files and oversized additions as skipped instead of scanning them', async () => {
    repo.write('image.bin', Buffer.from([0, 1, 2, 3, 0, 255]));
    repo.write('big.txt', `${KEPT}\n`.repeat(100));
    repo.commit('binary and big');

    const { findings, skipped } = await scanHistory({ root: repo.dir, scan: standInScan, maxFileBytes: 1000 });
    expect(findings).toEqual([]);
    expect(skipped.map((s) => s.path).sort()).toEqual(['big.txt', 'image.bin']);
  });

  it('stops when cancelled', async () => {
    repo.write('a.txt', `${KEPT}\n`);
    repo.commit('one');
    const controller = new AbortController();
    controller.abort();
    await expect(scanHistory({ root: repo.dir, scan: standInScan, signal: controller.signal })).rejects.toThrow(/cancelled|abort/i);
  });

  it('walks a long generated history with one git log and finds the one secret in it', async () => {
    const COMMITS = 3000;
    const FILES = 40;
    const stream: string[] = [];
    const contents: string[][] = Array.from({ length: FILES }, () => []);
    for (let i = 1; i <= COMMITS; i++) {
      const file = i % FILES;
      const lines = contents[file] as string[];
      lines.push(i === COMMITS / 2 ? `token = "${KEPT}"` : `value ${i} = ${(i * 7919) % 100003}`);
      const content = lines.join('\n') + '\n';
      const message = `commit ${i}\n`;
      stream.push(
        'commit refs/heads/main',
        `author Test <test@example.com> ${1700000000 + i} +0000`,
        `committer Test <test@example.com> ${1700000000 + i} +0000`,
        `data ${Buffer.byteLength(message)}`,
        message,
        `M 100644 inline src/file-${file}.txt`,
        `data ${Buffer.byteLength(content)}`,
        content,
      );
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: stream.join('\n') });

    // Speed is measured by `npm run bench` (10,000 commits), not here.
    const { findings, commits } = await scanHistory({ root: repo.dir, scan: standInScan });
    expect(commits).toBe(COMMITS);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ atHead: true, headPath: `src/file-${(COMMITS / 2) % FILES}.txt` });
  });
});
