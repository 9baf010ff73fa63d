import { afterAll, describe, expect, it } from '@jest/globals';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { commitTree, normalizeTreePath, workingTree } from '../../src/core/inventory/file-tree.js';
import { createTempRepo, makeTempDir, removeDir } from '../support/temp-repo.js';

const parent = makeTempDir();
afterAll(() => removeDir(parent));

describe('file trees', () => {
  const repo = createTempRepo(parent);
  repo.write('package-lock.json', '{"v":1}');
  repo.write('apps/web/yarn.lock', 'old');
  const first = repo.commit('first');
  repo.write('apps/web/yarn.lock', 'new');
  repo.write('secret.txt', 'outside');
  symlinkSync(join(parent, 'elsewhere'), join(repo.dir, 'apps/web/link.json'));
  repo.commit('second');

  it('reads a commit without checking it out, rooted at a folder', async () => {
    const tree = commitTree(repo.dir, first, 'apps/web');
    expect(await tree.list()).toEqual(['yarn.lock']);
    expect(tree.read('yarn.lock')).toBe('old');
    expect(tree.read('missing.json')).toBeUndefined();
    expect(tree.read('../../package-lock.json')).toBeUndefined();
    expect(tree.description).toBe(`commit ${first.slice(0, 7)}`);
  });

  it('refuses a revision git would take for an option', () => {
    expect(() => commitTree(repo.dir, '--output=/tmp/x')).toThrow(/not a valid git revision/);
  });

  it('reads the working tree, never through a link leaving it', async () => {
    const tree = workingTree(join(repo.dir, 'apps/web'));
    expect(await tree.list()).toEqual(expect.arrayContaining(['yarn.lock']));
    expect(tree.read('yarn.lock')).toBe('new');
    expect(tree.read('link.json')).toBeUndefined();
    expect(tree.read('../../secret.txt')).toBeUndefined();
  });

  it('normalizes paths and rejects ones that climb out', () => {
    expect(normalizeTreePath('a/./b/../c.json')).toBe('a/c.json');
    expect(normalizeTreePath('a\\b.json')).toBe('a/b.json');
    expect(normalizeTreePath('../x')).toBeUndefined();
    expect(normalizeTreePath('/etc/passwd')).toBeUndefined();
  });
});
