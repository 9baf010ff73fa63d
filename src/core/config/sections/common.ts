import { z } from 'zod';
import { failOnSchema } from '../../severity.js';

/**
 * The keys every section of the config file shares, and the same keys at the
 * top level as defaults for every section. Each section file spreads
 * `commonSectionShape` into its own strict object and adds its keys after it.
 */

/** Which findings a run reports: `changes` only what a pull request or push introduced, `all` everything, `auto` changes on pull requests and all elsewhere. */
export const SCOPE_VALUES = ['auto', 'changes', 'all'] as const;
export const scopeSchema = z.enum(SCOPE_VALUES);
export type Scope = z.infer<typeof scopeSchema>;

/** A gitignore-style glob, relative to the repository root. */
export const globSchema = z
  .string()
  .min(1)
  .refine((s) => !s.includes('\0'), { error: 'expected a glob without NUL characters' });

export const pathsSchema = z
  .strictObject({
    ignore: z
      .array(globSchema)
      .default([])
      .describe('Paths to leave out, as gitignore-style globs relative to the repository root (e.g. "test/fixtures/**").'),
  })
  .describe('Which paths are scanned.');
export type PathsConfig = z.infer<typeof pathsSchema>;

export const failOnSeverityKey = failOnSchema.describe(
  'The lowest severity that fails the run: a band (that band or worse), "any" (every finding) or "none" (report only).',
);

export const scopeKey = scopeSchema.describe(
  'Which findings count: "changes" only those a pull request or push introduces, "all" every finding, "auto" changes on pull requests and all elsewhere.',
);

export const commonSectionShape = {
  enabled: z.boolean().default(true).describe('Set to false to switch this check off for the whole suite and the CLI.'),
  'fail-on-severity': failOnSeverityKey.optional(),
  scope: scopeKey.optional(),
  paths: pathsSchema.prefault({}),
};
