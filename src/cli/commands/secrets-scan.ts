import path from 'node:path';
import { z } from 'zod';
import { defineCommand } from '../command-types.js';
import { runScannerLocally } from '../scanner-command.js';

/** `devsecops secrets-scan`: the scan the action runs, with the local workflows (pre-commit, baselines). */
export const secretsScanCommand = defineCommand({
  name: 'secrets-scan',
  summary: 'Find credentials committed to the code (and its history), without printing them',
  description: [
    'Scans every file (or, with --scope changes, what HEAD adds since --base; with --staged, what a commit',
    'would add) for 150+ credential formats and generic secret assignments. Found values are shown only as',
    'a redacted preview. Allow one on its line with a `devsecops:allow` comment, or record the existing ones',
    'with --write-baseline so that only new secrets fail.',
  ].join('\n'),
  configSection: 'secrets',
  defaultFailOn: 'any',
  options: {
    staged: { type: 'boolean', description: 'Scan what is staged (for a pre-commit hook)' },
    history: { type: 'boolean', description: 'Also scan every commit reachable from HEAD' },
    base: { type: 'string', valueName: 'REV', description: 'With --scope changes: compare with this commit (default: the upstream branch)' },
    baseline: { type: 'string', valueName: 'FILE', description: 'Secrets recorded in FILE are reported as existing and do not fail' },
    'write-baseline': { type: 'string', valueName: 'FILE', description: 'Record every secret found now in FILE (no line numbers, no values)' },
  },
  optionsSchema: z.object({
    staged: z.boolean().default(false),
    history: z.boolean().optional(),
    base: z.string().min(1).optional(),
    baseline: z.string().min(1).optional(),
    'write-baseline': z.string().min(1).optional(),
  }),
  async run(ctx) {
    const { options } = ctx;
    // Loaded when the command runs: the CLI starts without every scanner's code.
    const { secretsScanner } = await import('../../scanners/secrets/scanner.js');
    const result = await runScannerLocally(secretsScanner, ctx, {
      staged: options.staged,
      ...(options.base ? { base: options.base } : {}),
      inputs: {
        'scan-history': { value: options.history ?? false, explicit: options.history !== undefined },
        baseline: { value: options.baseline, explicit: options.baseline !== undefined },
      },
    });
    const target = options['write-baseline'];
    if (target === undefined) return result;
    const file = path.resolve(ctx.cwd, target);
    const { writeBaseline } = await import('../../scanners/secrets/workflow/baseline.js');
    const baseline = await writeBaseline(
      file,
      result.findings.map((f) => ({ ruleId: f.ruleId, path: f.location?.path ?? '', secretHash: String(f.properties?.['secretHash'] ?? '') })),
    );
    return {
      ...result,
      // Recorded secrets are existing ones now: shown, but not failing this run.
      findings: result.findings.map((f) => ({ ...f, isNew: false })),
      notes: [...(result.notes ?? []), `Recorded ${baseline.entries.length} secret(s) in ${target}; commit it so that only new secrets fail.`],
    };
  },
});
