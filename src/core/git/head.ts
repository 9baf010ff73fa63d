import { runGit } from './run-git.js';

/** The commit checked out in `root` (HEAD), or undefined outside a git work tree. */
export async function headCommit(root: string): Promise<string | undefined> {
  const { stdout, exitCode } = await runGit(['rev-parse', '--verify', '-q', 'HEAD'], { cwd: root, okExitCodes: [0, 1, 128] });
  const sha = stdout.trim();
  return exitCode === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}
