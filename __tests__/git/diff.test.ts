import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from '@jest/globals';
import { addedContent, addedLines, diffCommits, listChangedFiles } from '../../src/core/git/diff.js';
import { GitError } from '../../src/core/git/run-git.js';
import { createRecordingLogger } from '../../src/core/logger.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';

const numbered = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`).join('\n') + '\n';

describe('git diff between two commits', () => {
  let parent: string;
  let repo: TempRepo;
  beforeEach(() => {
    parent = makeTempDir();
    repo = createTempRepo(parent);
  });
  afterEach(() => removeDir(parent));

  it('reports a renamed and edited file by its new path with only the edited lines added', async () => {
    repo.write('src/old.ts', numbered(1, 40));
    const base = repo.commit('base');
    repo.git('mv', 'src/old.ts', 'src/new.ts');
    repo.write('src/new.ts', numbered(1, 20) + 'const secret = "x";\n' + numbered(21, 40));
    const head = repo.commit('rename and edit');

    expect(await addedLines(repo.dir, base, head)).toEqual(new Map([['src/new.ts', [{ start: 21, end: 21 }]]]));
    expect(await listChangedFiles(repo.dir, base, head)).toEqual([{ status: 'renamed', oldPath: 'src/old.ts', path: 'src/new.ts' }]);
  });

  it('gives CRLF lines without their carriage return, at their head line', async () => {
    repo.write('win.txt', 'one\r\ntwo\r\n');
    const base = repo.commit('base');
    repo.write('win.txt', 'one\r\nnew\r\ntwo\r\n');
    const head = repo.commit('head');

    const { files } = await addedContent(repo.dir, base, head);
    expect(files.get('win.txt')).toEqual([{ line: 2, text: 'new' }]);
  });

  it('handles paths with spaces, unicode and quotes', async () => {
    const base = repo.commit('empty');
    repo.write('dir with space/ünï "q".txt', 'a\n');
    repo.write('tab\tname.txt', 'b\n');
    const head = repo.commit('odd names');

    const ranges = await addedLines(repo.dir, base, head);
    expect([...ranges.keys()].sort()).toEqual(['dir with space/ünï "q".txt', 'tab\tname.txt']);
    expect((await listChangedFiles(repo.dir, base, head)).map((f) => f.path).sort()).toEqual([
      'dir with space/ünï "q".txt',
      'tab\tname.txt',
    ]);
  });

  it('lists binary files, symlinks and submodules as skipped and deleted files not at all', async () => {
    repo.write('gone.txt', 'bye\n');
    const base = repo.commit('base');
    const subParent = makeTempDir();
    const sub = createTempRepo(subParent);
    sub.write('README', 'sub\n');
    sub.commit('sub');
    repo.git('-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', sub.dir, 'vendor/sub');
    repo.write('image.bin', Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02]));
    repo.git('rm', '-q', 'gone.txt');
    symlinkSync('image.bin', join(repo.dir, 'link'));
    const head = repo.commit('binary, submodule, symlink, deletion');
    removeDir(subParent);

    const { files, skipped } = await addedContent(repo.dir, base, head);
    expect(skipped.map((s) => s.path).sort()).toEqual(['image.bin', 'link', 'vendor/sub']);
    expect(skipped.find((s) => s.path === 'image.bin')?.reason).toMatch(/binary/);
    expect(skipped.find((s) => s.path === 'vendor/sub')?.reason).toMatch(/submodule/);
    expect([...files.keys()]).toEqual(['.gitmodules']);
  });

  it('compares with the merge base in three-dot mode, leaving out what only the base branch changed', async () => {
    repo.write('shared.txt', numbered(1, 5));
    repo.commit('root');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('feature.txt', 'feature work\n');
    const head = repo.commit('feature');
    repo.git('checkout', '-q', 'main');
    repo.write('main-only.txt', 'main work\n');
    const base = repo.commit('main moves on');

    expect([...(await addedLines(repo.dir, base, head)).keys()].sort()).toEqual(['feature.txt']);
    const twoDot = (await diffCommits(repo.dir, base, head)).map((f) => [f.status, f.oldPath ?? f.newPath]);
    expect(twoDot).toEqual(
      expect.arrayContaining([
        ['added', 'feature.txt'],
        ['deleted', 'main-only.txt'],
      ]),
    );
    expect([...(await addedLines(repo.dir, base, head, { threeDot: true })).keys()]).toEqual(['feature.txt']);
  });

  it('fails with a GitError naming the command and git’s message for an unknown commit', async () => {
    const head = repo.commit('only');
    const error = await addedLines(repo.dir, 'f'.repeat(40), head).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as Error).message).toMatch(/^git diff .*failed \(exit 128\): fatal: /);
  });

  it('refuses a revision that git would read as an option', async () => {
    await expect(addedLines(repo.dir, '--output=/tmp/x', 'HEAD')).rejects.toThrow(/not a valid git revision/);
  });

  it('streams a large diff without a buffer limit', async () => {
    const base = repo.commit('empty');
    repo.write('big.txt', numbered(1, 200_000));
    const head = repo.commit('big');
    const logger = createRecordingLogger();
    const ranges = await addedLines(repo.dir, base, head, { logger });
    expect(ranges.get('big.txt')).toEqual([{ start: 1, end: 200_000 }]);
  });
});
