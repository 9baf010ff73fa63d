import { z } from 'zod';
import { failOnSeverityKey, pathsSchema, scopeKey } from './sections/common.js';
import { dependenciesSectionSchema } from './sections/dependencies.js';
import { policySectionSchema } from './sections/policy.js';
import { sbomSectionSchema } from './sections/sbom.js';
import { secretsSectionSchema } from './sections/secrets.js';

/** Where the suite looks for its config file, relative to the repository root. */
export const DEFAULT_CONFIG_PATH = '.github/devsecops.yml';

/**
 * The whole of .github/devsecops.yml. Every object is strict: in a security
 * config a misspelt key must be an error, not a setting that silently does
 * nothing. The top-level `fail-on-severity`, `scope` and `paths` are defaults
 * for every section; each action's own default applies when neither is set
 * (see src/core/inputs/resolve-settings.ts).
 */
export const configSchema = z
  .strictObject({
    version: z.literal(1).optional().describe('The version of this file format; 1 is the only one so far.'),
    'fail-on-severity': failOnSeverityKey.optional(),
    scope: scopeKey.optional(),
    paths: pathsSchema.prefault({}),
    secrets: secretsSectionSchema.prefault({}),
    dependencies: dependenciesSectionSchema.prefault({}),
    sbom: sbomSectionSchema.prefault({}),
    policy: policySectionSchema.prefault({}),
  })
  .describe('Configuration of the devsecops actions and CLI (.github/devsecops.yml).');

export type DevsecopsConfig = z.infer<typeof configSchema>;
export type DevsecopsConfigInput = z.input<typeof configSchema>;

/** The names of the per-action sections. */
export const CONFIG_SECTIONS = ['secrets', 'dependencies', 'sbom', 'policy'] as const;
export type ConfigSectionName = (typeof CONFIG_SECTIONS)[number];

/** The largest config file read, in bytes: far beyond any real config, small enough to parse at once. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
