import type { ScanScope, Scanner } from '../core/action/scanner.js';
import { UsageError } from '../core/errors.js';
import { runGit } from '../core/git/run-git.js';
import type { CommandContext, CommandResult } from './commands.js';

/**
 * The local view of `scope`: `all` and `auto` scan everything (there is no
 * pull request on a laptop), `changes` compares HEAD with `base` (default: the
 * merge base with the upstream branch, as a pull request would), and
 * `staged` scans what a commit would add.
 */
export async function resolveLocalScope(options: {
  repoRoot: string;
  scope: 'auto' | 'changes' | 'all';
  staged: boolean;
  base?: string;
}): Promise<ScanScope> {
  if (options.staged) return { kind: 'staged' };
  if (options.scope !== 'changes') return { kind: 'all' };
  const head = await revParse(options.repoRoot, 'HEAD');
  if (!head) throw new UsageError(`--scope changes: ${options.repoRoot} is not a git work tree with commits.`);
  const candidates = options.base ? [options.base] : ['@{upstream}', 'origin/HEAD', 'origin/main', 'origin/master'];
  for (const candidate of candidates) {
    const base = await revParse(options.repoRoot, candidate);
    if (!base) continue;
    const mergeBase = await runGit(['merge-base', base, head], { cwd: options.repoRoot, okExitCodes: [1] });
    const sha = mergeBase.stdout.trim();
    if (mergeBase.exitCode === 0 && sha) return { kind: 'changes', base: sha, head, source: 'local' };
  }
  throw new UsageError(
    options.base
      ? `--base ${options.base}: no such commit, or no common history with HEAD.`
      : '--scope changes: no upstream branch to compare with; name one with --base (e.g. --base origin/main).',
  );
}

/** The repository root that contains `dir`, or `dir` itself outside git. */
export async function findRepoRoot(dir: string): Promise<string> {
  const result = await runGit(['rev-parse', '--show-toplevel'], { cwd: dir, okExitCodes: [128] }).catch(() => undefined);
  const top = result?.exitCode === 0 ? result.stdout.trim() : '';
  return top || dir;
}

async function revParse(cwd: string, rev: string): Promise<string | undefined> {
  const result = await runGit(['rev-parse', '--verify', '-q', `${rev}^{commit}`], { cwd, okExitCodes: [1, 128] }).catch(() => undefined);
  const sha = result?.exitCode === 0 ? result.stdout.trim() : '';
  return sha || undefined;
}

/** Runs a pipeline scanner for a CLI command: the same scan the action runs. */
export async function runScannerLocally<O>(
  scanner: Scanner,
  ctx: CommandContext<O>,
  extra: { staged?: boolean; base?: string; inputs?: Record<string, unknown> } = {},
): Promise<CommandResult> {
  const repoRoot = await findRepoRoot(ctx.root);
  const scope = await resolveLocalScope({
    repoRoot,
    scope: ctx.settings.scope.value,
    staged: extra.staged ?? false,
    ...(extra.base ? { base: extra.base } : {}),
  });
  const result = await scanner.scan({
    root: ctx.root,
    repoRoot,
    scope,
    config: ctx.config,
    ignore: ctx.settings.ignore,
    inputs: extra.inputs ?? {},
    logger: ctx.logger,
  });
  return {
    pathBase: repoRoot,
    findings: result.findings,
    rules: result.rules,
    skipped: result.skipped,
    baselineCompared: result.baselineCompared,
    executionSuccessful: result.executionSuccessful,
    notes: result.notes,
    ...(result.sections ? { sections: result.sections } : {}),
  };
}
