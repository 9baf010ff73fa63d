import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../../core/errors.js';
import { headCommit } from '../../core/git/head.js';
import { parseFormatList } from '../../scanners/sbom/sbom-inputs.js';
import { defineCommand } from '../command-types.js';
import { findRepoRoot } from '../scanner-command.js';

/** `devsecops sbom`: the documents the action writes, written where you say. */
export const sbomCommand = defineCommand({
  name: 'sbom',
  summary: 'Write a CycloneDX and/or SPDX SBOM of every lockfile',
  description: [
    'Reads every lockfile under the path into one inventory and writes it as CycloneDX 1.6 (or 1.5) JSON',
    'and/or SPDX 2.3 JSON: every package with purl, scope, hashes, licences and the lockfile it came from,',
    'and the complete dependency graph. --reproducible (or SOURCE_DATE_EPOCH) gives byte-identical files',
    'for the same commit.',
  ].join('\n'),
  configSection: 'sbom',
  defaultFailOn: 'none',
  reportsFindings: false,
  options: {
    format: { type: 'string', valueName: 'LIST', description: 'cyclonedx-json (default), spdx-json, or both, comma-separated' },
    output: { type: 'string', short: 'o', valueName: 'PATH', description: 'A file (one format) or folder (both); default the current folder' },
    'cyclonedx-version': { type: 'string', valueName: 'VERSION', description: '1.6 (default) or 1.5' },
    reproducible: { type: 'boolean', description: 'Timestamp from SOURCE_DATE_EPOCH or the commit, serial number from the content' },
    'per-workspace': { type: 'boolean', description: 'One document per workspace of a monorepo (written into the --output folder)' },
  },
  optionsSchema: z.object({
    format: z.string().min(1).optional(),
    output: z.string().min(1).optional(),
    'cyclonedx-version': z.enum(['1.6', '1.5']).optional(),
    reproducible: z.boolean().optional(),
    'per-workspace': z.boolean().optional(),
  }),
  async run(ctx) {
    const { options, config } = ctx;
    const section = config.sbom;
    let formats = section.format ?? ['cyclonedx-json'];
    if (options.format !== undefined) {
      const parsed = parseFormatList(options.format);
      if (typeof parsed === 'string') throw new UsageError(`--format: ${parsed}`);
      formats = parsed;
    }
    // Loaded when the command runs: the CLI starts without every scanner's code.
    const [{ generateSboms }, { originUrl }, { writeDocuments }] = await Promise.all([
      import('../../scanners/sbom/generate.js'),
      import('../../scanners/sbom/subject.js'),
      import('../../scanners/sbom/write-documents.js'),
    ]);
    const repoRoot = await findRepoRoot(ctx.root);
    const commit = await headCommit(repoRoot).catch(() => undefined);
    const url = await originUrl(repoRoot);
    const generated = await generateSboms({
      root: ctx.root,
      repoRoot,
      ignore: ctx.settings.ignore,
      formats,
      cyclonedxVersion: options['cyclonedx-version'] ?? section['cyclonedx-version'] ?? '1.6',
      perWorkspace: options['per-workspace'] ?? section['per-workspace'] ?? false,
      reproducible: options.reproducible ?? section.reproducible ?? false,
      sourceDateEpoch: ctx.env['SOURCE_DATE_EPOCH'],
      repository: { ...(url ? { url } : {}), ...(commit ? { commit } : {}) },
      logger: ctx.logger,
    });
    const output = options.output !== undefined ? path.resolve(ctx.cwd, options.output) : ctx.cwd;
    const files = writeDocuments(generated.documents, output, '--output');
    const lines = generated.documents.map(
      (document, index) =>
        `${path.relative(ctx.cwd, files[index]!) || files[index]}: ${document.built.format} ${document.built.specVersion}, ` +
        `${document.built.componentCount} components, ${document.built.relationshipCount} relationships`,
    );
    const lockfiles = generated.inventory.lockfiles.length;
    lines.push(`From ${lockfiles} lockfile${lockfiles === 1 ? '' : 's'}${generated.reproducible ? `; reproducible, timestamp ${generated.timestamp}` : ''}.`);
    return {
      pathBase: repoRoot,
      findings: [],
      notes: generated.notes,
      sections: [{ title: 'SBOM written', markdown: lines.join('\n'), text: lines.join('\n') }],
    };
  },
});
