import { afterEach, beforeEach, describe, it, expect } from '@jest/globals';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRecordingLogger } from '../../src/core/logger.js';
import { binaryReason } from '../../src/core/workspace/binary.js';
import { walkWorkspace, type WalkResult } from '../../src/core/workspace/walk.js';
import { createTempRepo, makeTempDir, removeDir } from '../support/temp-repo.js';

function write(root: string, path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** The same tree for both walks: nested .gitignore files, a negation, info/exclude, and files to skip. */
function buildTree(root: string, outside: string): void {
  write(root, '.gitignore', '*.log\nbuild/\nsecret-*.txt\n!secret-keep.txt\n');
  write(root, 'src/app.ts', 'export const a = 1;\n');
  write(root, 'src/debug.log', 'ignored by the root file\n');
  write(root, 'build/out.js', 'ignored directory\n');
  write(root, 'secret-drop.txt', 'ignored\n');
  write(root, 'secret-keep.txt', 're-included by the negation\n');
  write(root, 'pkg/.gitignore', 'local.txt\n!important.log\n');
  write(root, 'pkg/local.txt', 'ignored only under pkg\n');
  write(root, 'pkg/important.log', 're-included under pkg\n');
  write(root, 'local.txt', 'not ignored at the root\n');
  write(root, 'image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a]));
  write(root, 'huge.txt', 'x'.repeat(2048));
  write(root, 'empty.txt', '');
  write(outside, 'passwd', 'outside the workspace\n');
  symlinkSync(join(outside, 'passwd'), join(root, 'escape'));
  symlinkSync('src/app.ts', join(root, 'inner-link'));
  symlinkSync('loop-b', join(root, 'loop-a'));
  symlinkSync('loop-a', join(root, 'loop-b'));
  symlinkSync('..', join(root, 'src/parent-dir'));
}

const reasonOf = (result: WalkResult, path: string): string | undefined => result.skipped.find((s) => s.path === path)?.reason;

const WALK_MODES: Array<[string, boolean]> = [
  ['a plain folder', false],
  ['a git work tree', true],
];

describe.each(WALK_MODES)('walkWorkspace on %s', (_name, useGit) => {
  let parent: string;
  let root: string;
  let result: WalkResult;
  beforeEach(async () => {
    parent = makeTempDir();
    const outside = join(parent, 'outside');
    mkdirSync(outside);
    if (useGit) {
      root = createTempRepo(parent).dir;
      write(root, '.git/info/exclude', 'excluded-by-info.txt\n');
    } else {
      root = join(parent, 'download');
      mkdirSync(root);
      // A .git folder in a plain walk is still never entered.
      write(root, '.git/info/exclude', 'excluded-by-info.txt\n');
      write(root, '.git/config', '[core]\n');
    }
    buildTree(root, outside);
    write(root, 'excluded-by-info.txt', 'excluded\n');
    result = await walkWorkspace({ root, maxFileBytes: 1024, logger: createRecordingLogger(), useGit });
  });
  afterEach(() => removeDir(parent));

  it('lists the text files .gitignore files leave, scoped to their directory, negations included', () => {
    expect(result.source).toBe(useGit ? 'git' : 'filesystem');
    expect(result.files.map((f) => f.path)).toEqual([
      '.gitignore',
      'empty.txt',
      'local.txt',
      'pkg/.gitignore',
      'pkg/important.log',
      'secret-keep.txt',
      'src/app.ts',
    ]);
    const app = result.files.find((f) => f.path === 'src/app.ts');
    expect(app).toEqual({ path: 'src/app.ts', absolutePath: join(root, 'src/app.ts'), size: 20 });
  });

  it('reports every file it does not scan, with the reason', () => {
    expect(result.skipped.map((s) => s.path)).toEqual(['escape', 'huge.txt', 'image.png', 'inner-link', 'loop-a', 'loop-b', 'src/parent-dir']);
    expect(reasonOf(result, 'image.png')).toMatch(/^binary file \(NUL byte/);
    expect(reasonOf(result, 'huge.txt')).toBe('file is 2048 bytes, over the 1024-byte limit (maxFileBytes)');
    expect(reasonOf(result, 'escape')).toMatch(/symbolic link pointing outside the workspace \(-> .*passwd\): not followed/);
    expect(reasonOf(result, 'inner-link')).toMatch(/symbolic link to src\/app.ts inside the workspace: not followed/);
    expect(reasonOf(result, 'loop-a')).toMatch(/symbolic link loop/);
    expect(reasonOf(result, 'src/parent-dir')).toMatch(/symbolic link to \. inside the workspace/);
  });
});

describe('walkWorkspace in a git work tree', () => {
  let parent: string;
  beforeEach(() => {
    parent = makeTempDir();
  });
  afterEach(() => removeDir(parent));

  it('includes a tracked file even when a .gitignore matches it, because it is committed', async () => {
    const repo = createTempRepo(parent);
    repo.write('config.env', 'TOKEN=x\n');
    repo.commit('tracked');
    repo.write('.gitignore', '*.env\n');
    const result = await walkWorkspace({ root: repo.dir, maxFileBytes: 1024, logger: createRecordingLogger() });
    expect(result.files.map((f) => f.path)).toEqual(['.gitignore', 'config.env']);
  });

  it('reports a nested repository and a file deleted from the working tree as skipped', async () => {
    const repo = createTempRepo(parent);
    repo.write('gone.txt', 'x\n');
    repo.commit('one');
    removeDir(join(repo.dir, 'gone.txt'));
    const nested = join(repo.dir, 'nested');
    mkdirSync(nested);
    createTempRepo(nested);
    const result = await walkWorkspace({ root: repo.dir, maxFileBytes: 1024, logger: createRecordingLogger() });
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([
      { path: 'gone.txt', reason: 'tracked by git but missing from the working tree' },
      { path: 'nested/repo', reason: 'nested git repository: not part of this repository, not scanned' },
    ]);
  });

  it('walks a subdirectory of a repository relative to that subdirectory', async () => {
    const repo = createTempRepo(parent);
    repo.write('.gitignore', 'skip.txt\n');
    repo.write('sub/keep.txt', 'x\n');
    repo.write('sub/skip.txt', 'x\n');
    repo.write('top.txt', 'x\n');
    const result = await walkWorkspace({ root: join(repo.dir, 'sub'), maxFileBytes: 1024, logger: createRecordingLogger() });
    expect(result.files.map((f) => f.path)).toEqual(['keep.txt']);
  });
});

describe('binaryReason', () => {
  it('calls text with tabs, CRLF, escapes and UTF-8 text', () => {
    expect(binaryReason(Buffer.from('a\tb\r\n\x1b[0m ünï 🙂\n'))).toBeUndefined();
  });
  it('calls a sample with control characters but no NUL binary', () => {
    expect(binaryReason(Buffer.from([1, 2, 3, 4, 5, 6, 65]))).toMatch(/mostly control characters/);
  });
});

describe('walkWorkspace on a large tree', () => {
  it('walks thousands of files quickly', async () => {
    const parent = makeTempDir();
    try {
      for (let d = 0; d < 50; d += 1) {
        for (let f = 0; f < 60; f += 1) write(parent, `d${d}/f${f}.txt`, `file ${d}/${f}\n`);
      }
      const started = Date.now();
      const result = await walkWorkspace({ root: parent, maxFileBytes: 1024, logger: createRecordingLogger(), useGit: false });
      expect(result.files).toHaveLength(3000);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      removeDir(parent);
    }
  });
});
