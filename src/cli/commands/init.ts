import { lstat, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EXIT_OK, EXIT_USAGE } from '../../core/errors.js';
import { runGit } from '../../core/git/run-git.js';
import type { ReportSection } from '../../core/report/types.js';
import { defineCommand } from '../command-types.js';
import {
  ACTION_REPOSITORY,
  BRANCH_NAME,
  STARTER_CONFIG_PATH,
  STARTER_WORKFLOW_PATH,
  renderStarterConfig,
  renderStarterWorkflow,
} from '../init-templates.js';
import { findRepoRoot } from '../scanner-command.js';

/** The branch assumed when neither --default-branch nor origin/HEAD names one. */
const FALLBACK_BRANCH = 'main';

/** What happened to one file. */
export type InitFileOutcome =
  | { kind: 'written'; overwrote: boolean }
  | { kind: 'exists' }
  | { kind: 'failed'; reason: string };

/** The default branch as the clone knows it (origin/HEAD), or undefined. */
export async function detectDefaultBranch(dir: string): Promise<string | undefined> {
  const result = await runGit(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], { cwd: dir, okExitCodes: [1, 128] }).catch(
    () => undefined,
  );
  const ref = result?.exitCode === 0 ? result.stdout.trim() : '';
  const branch = ref.startsWith('origin/') ? ref.slice('origin/'.length) : '';
  return BRANCH_NAME.test(branch) ? branch : undefined;
}

async function lstatOrUndefined(file: string) {
  return lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/**
 * Whether `relative` (a `/`-separated path) exists inside `root`, and why it
 * cannot be written, if it cannot. A symbolic link anywhere on the way is
 * refused: it could lead outside the target folder, and init writes only inside it.
 */
async function checkPath(root: string, relative: string): Promise<{ problem?: string; exists: boolean }> {
  const parts = relative.split('/');
  for (let index = 0; index < parts.length; index++) {
    const partial = parts.slice(0, index + 1).join('/');
    const info = await lstatOrUndefined(path.join(root, partial));
    if (!info) return { exists: false };
    if (info.isSymbolicLink()) return { exists: true, problem: `${partial} is a symbolic link, and init writes only inside the target folder` };
    const last = index === parts.length - 1;
    if (!last && !info.isDirectory()) return { exists: true, problem: `${partial} is not a folder` };
    if (last && !info.isFile()) return { exists: true, problem: `${partial} is not a file` };
  }
  return { exists: true };
}

/** Writes `text` to `root/relative`, leaving an existing file alone unless `force`. */
export async function writeInitFile(options: { root: string; relative: string; text: string; force: boolean }): Promise<InitFileOutcome> {
  const { root, relative, text, force } = options;
  try {
    const checked = await checkPath(root, relative);
    if (checked.problem) return { kind: 'failed', reason: checked.problem };
    if (checked.exists && !force) return { kind: 'exists' };
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    // `wx` also covers a file created since the check: it is left alone, not overwritten.
    await writeFile(file, text, { flag: force ? 'w' : 'wx' });
    return { kind: 'written', overwrote: checked.exists };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { kind: 'exists' };
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

function describeOutcome(shown: string, outcome: InitFileOutcome): string {
  switch (outcome.kind) {
    case 'written':
      return outcome.overwrote ? `overwrote ${shown} (--force)` : `wrote ${shown}`;
    case 'exists':
      return `left alone ${shown}: it exists (--force overwrites it)`;
    case 'failed':
      return `could not write ${shown}: ${outcome.reason}`;
  }
}

/** `devsecops init`: a starter workflow and config file, written into the target folder. */
export const initCommand = defineCommand({
  name: 'init',
  summary: 'Write a starter workflow and config file into the repository',
  description: [
    `Writes ${STARTER_WORKFLOW_PATH} (the all-in-one action on pull requests, pushes to the default branch and`,
    `weekly, with the least permissions each feature needs) and ${STARTER_CONFIG_PATH} (every section with its`,
    'most useful keys explained, and a policy with rules, an exception and tests). An existing file is left alone',
    'unless --force is given. Exit 0 when a file was written; 2 when nothing was (every file exists) or a file',
    'could not be written.',
  ].join('\n'),
  // init reads no section; the frame needs one to resolve its settings.
  configSection: 'policy',
  // init writes a new config: a broken or switched-off existing one must not stop it.
  loadsConfig: false,
  defaultFailOn: 'none',
  reportsFindings: false,
  options: {
    force: { type: 'boolean', description: 'Overwrite files that exist' },
    'dry-run': { type: 'boolean', description: 'Print the files instead of writing them' },
    print: { type: 'boolean', description: 'The same as --dry-run' },
    'default-branch': { type: 'string', valueName: 'NAME', description: 'The branch whose pushes are scanned (default: origin/HEAD, else main)' },
  },
  optionsSchema: z.object({
    force: z.boolean().default(false),
    'dry-run': z.boolean().default(false),
    print: z.boolean().default(false),
    'default-branch': z
      .string()
      .regex(BRANCH_NAME, { error: 'expected a branch name of letters, digits, ".", "_", "-" and "/"' })
      .optional(),
  }),
  async run(ctx) {
    const { options } = ctx;
    const dryRun = options['dry-run'] || options.print;
    const repoRoot = await findRepoRoot(ctx.root);
    const detected = options['default-branch'] === undefined ? await detectDefaultBranch(repoRoot) : undefined;
    const defaultBranch = options['default-branch'] ?? detected ?? FALLBACK_BRANCH;
    const templateOptions = { defaultBranch, today: new Date().toISOString().slice(0, 10) };
    const files = [
      { relative: STARTER_WORKFLOW_PATH, text: renderStarterWorkflow(templateOptions) },
      { relative: STARTER_CONFIG_PATH, text: renderStarterConfig(templateOptions) },
    ];
    const shownPath = (relative: string) => {
      const absolute = path.join(ctx.root, relative);
      return path.relative(ctx.cwd, absolute) || absolute;
    };

    const notes: string[] = [];
    if (options['default-branch'] === undefined) {
      notes.push(
        detected
          ? `Pushes to ${defaultBranch} are scanned (the default branch, from origin/HEAD).`
          : `Pushes to ${defaultBranch} are scanned: origin/HEAD names no default branch, so ${FALLBACK_BRANCH} is assumed (--default-branch NAME sets it).`,
      );
    }
    if (path.resolve(repoRoot) !== path.resolve(ctx.root)) {
      notes.push(`GitHub runs workflows only from .github/workflows at the repository root, and ${ctx.root} is inside ${repoRoot}.`);
    }

    if (dryRun) {
      const sections: ReportSection[] = [];
      for (const file of files) {
        const checked = await checkPath(ctx.root, file.relative);
        const what = checked.problem
          ? `could not be written: ${checked.problem}`
          : !checked.exists
            ? 'would be written'
            : options.force
              ? 'exists, would be overwritten'
              : 'exists, would be left alone without --force';
        const body = file.text.trimEnd();
        sections.push({ title: `${shownPath(file.relative)} (${what})`, markdown: `\`\`\`yaml\n${body}\n\`\`\``, text: body });
      }
      return { pathBase: ctx.root, findings: [], sections, notes, exitCode: EXIT_OK };
    }

    const outcomes: InitFileOutcome[] = [];
    for (const file of files) outcomes.push(await writeInitFile({ root: ctx.root, relative: file.relative, text: file.text, force: options.force }));
    const lines = files.map((file, index) => describeOutcome(shownPath(file.relative), outcomes[index]!));
    const wrote = outcomes.some((outcome) => outcome.kind === 'written');
    const failed = outcomes.some((outcome) => outcome.kind === 'failed');
    if (wrote) {
      if (ACTION_REPOSITORY.includes('<owner>')) {
        notes.push(`Replace <owner> in ${shownPath(STARTER_WORKFLOW_PATH)} with the owner of the devsecops-actions repository you use.`);
      }
      notes.push('Run `devsecops policy-gate --test` to check the policy, then commit the files: the next pull request runs the checks.');
    } else if (!failed) {
      notes.push('Nothing was written: every file exists. --force overwrites them; --dry-run shows what would be written.');
    }
    return {
      pathBase: ctx.root,
      findings: [],
      sections: [{ title: 'devsecops init', markdown: lines.map((line) => `- ${line}`).join('\n'), text: lines.join('\n') }],
      notes,
      // Nothing written, or a file that could not be, needs the user's attention: a usage error, as a bare `devsecops` is.
      exitCode: wrote && !failed ? EXIT_OK : EXIT_USAGE,
    };
  },
});
