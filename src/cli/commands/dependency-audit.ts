import path from 'node:path';
import { z } from 'zod';
import { defineCommand } from '../command-types.js';
import { runScannerLocally } from '../scanner-command.js';

/** `devsecops dependency-audit`: the audit the action runs, against the OSV API or an offline copy. */
export const dependencyAuditCommand = defineCommand({
  name: 'dependency-audit',
  summary: 'Find known-vulnerable dependencies in every lockfile (OSV advisories)',
  description: [
    'Reads every lockfile under the path (npm, yarn, pnpm, bun, requirements.txt, poetry, Pipfile, uv, pdm,',
    'go.mod, Cargo, Gemfile, composer, pom.xml, gradle, NuGet, pubspec, mix) and matches each package against',
    'OSV advisories. With --scope changes only vulnerabilities HEAD introduces since --base fail.',
  ].join('\n'),
  configSection: 'dependencies',
  defaultFailOn: 'high',
  options: {
    advisories: {
      type: 'string',
      valueName: 'SOURCE',
      description: 'osv (the OSV API, default), or a folder or .zip of OSV JSON records (offline)',
    },
    base: { type: 'string', valueName: 'REV', description: 'With --scope changes: compare with this commit (default: the upstream branch)' },
  },
  optionsSchema: z.object({
    advisories: z.string().min(1).optional(),
    base: z.string().min(1).optional(),
  }),
  async run(ctx) {
    const { options } = ctx;
    // A path on the command line is relative to where the user is, not to the repository.
    const advisories =
      options.advisories === undefined || options.advisories.trim() === 'osv' ? options.advisories : path.resolve(ctx.cwd, options.advisories);
    // Loaded when the command runs: the CLI starts without every scanner's code.
    const { dependencyAuditScanner } = await import('../../scanners/dependencies/scanner.js');
    return runScannerLocally(dependencyAuditScanner, ctx, {
      ...(options.base ? { base: options.base } : {}),
      inputs: { advisories: { value: advisories, explicit: advisories !== undefined } },
    });
  },
});
