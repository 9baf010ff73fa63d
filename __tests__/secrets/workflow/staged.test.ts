import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, it, expect } from '@jest/globals';
import { parse } from 'yaml';
import { scanStaged, stagedAddedContent } from '../../../src/scanners/secrets/workflow/staged.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../../support/temp-repo.js';
import { fakeToken, standInScan } from './support/stand-in-scan.js';

describe('scanning the staged change', () => {
  let parent: string;
  let repo: TempRepo;
  beforeEach(() => {
    parent = makeTempDir();
    repo = createTempRepo(parent);
  });
  afterEach(() => removeDir(parent));

  const STAGED = fakeToken('staged');
  const UNSTAGED = fakeToken('unstaged');
  const COMMITTED = fakeToken('committed');

  it('reports only what the index adds, at its line in the staged version', async () => {
    repo.write('app.env', `A=1\nOLD=${COMMITTED}\n`);
    repo.commit('base');
    repo.write('app.env', `# header\nA=1\nOLD=${COMMITTED}\nNEW=${STAGED}\n`);
    repo.git('add', 'app.env');
    // Edited again after staging: the commit will not hold this line.
    repo.write('app.env', `# header\nA=1\nOLD=${COMMITTED}\nNEW=${STAGED}\nLATER=${UNSTAGED}\n`);

    const { matches, skipped } = await scanStaged({ root: repo.dir, scan: standInScan });
    expect(skipped).toEqual([]);
    expect(matches.map((m) => [m.path, m.startLine, m.secret])).toEqual([['app.env', 4, STAGED]]);
  });

  it('works before the first commit and reports binary files as skipped', async () => {
    repo.write('first.txt', `x\n${STAGED}\n`);
    repo.write('blob.bin', Buffer.from([0, 1, 0, 2]));
    repo.git('add', '-A');

    const { files, skipped } = await stagedAddedContent({ root: repo.dir });
    expect(files.get('first.txt')).toEqual([
      { line: 1, text: 'x' },
      { line: 2, text: STAGED },
    ]);
    expect(skipped.map((s) => s.path)).toEqual(['blob.bin']);
  });
});

describe('the pre-commit hook declaration', () => {
  it('runs `devsecops secrets-scan --staged` once per commit, without file names', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      id: 'devsecops-secrets',
      entry: 'devsecops secrets-scan --staged',
      language: 'node',
      pass_filenames: false,
    });
    expect(typeof hooks[0]?.['name']).toBe('string');
  });
});
