import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway git repository under the OS temp folder, driven synchronously for test setup. */
export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, content: string | Buffer): void;
  /** Stages everything and commits; returns the new commit id. */
  commit(message: string): string;
}

const TEST_ENV = {
  ...process.env,
  // Keep the machine's own git config out of the tests.
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export function makeTempDir(prefix = 'devsecops-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function runGitSync(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, env: TEST_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function openRepo(dir: string): TempRepo {
  return {
    dir,
    git: (...args) => runGitSync(dir, args),
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    commit(message) {
      runGitSync(dir, ['add', '-A']);
      runGitSync(dir, ['commit', '-q', '--allow-empty', '-m', message]);
      return runGitSync(dir, ['rev-parse', 'HEAD']).trim();
    },
  };
}

export function createTempRepo(parent = makeTempDir()): TempRepo {
  const dir = join(parent, 'repo');
  mkdirSync(dir);
  runGitSync(dir, ['init', '-q', '-b', 'main']);
  runGitSync(dir, ['config', 'core.autocrlf', 'false']);
  return openRepo(dir);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
