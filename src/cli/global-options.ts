import { z } from 'zod';
import { scopeSchema, SCOPE_VALUES } from '../core/config/sections/common.js';
import { DEFAULT_CONFIG_PATH } from '../core/config/schema.js';
import { FAIL_ON_VALUES, failOnSchema } from '../core/severity.js';
import type { CliOptionSpec } from './commands.js';

/** The options every command takes, in the order --help lists them. */
export const GLOBAL_OPTIONS = {
  config: { type: 'string', valueName: 'FILE', description: `Config file (default: <path>/${DEFAULT_CONFIG_PATH}, if present)` },
  'fail-on-severity': {
    type: 'string',
    valueName: 'LEVEL',
    description: `Lowest severity that fails the run: ${FAIL_ON_VALUES.join(', ')}`,
  },
  scope: { type: 'string', valueName: 'SCOPE', description: `Findings that count: ${SCOPE_VALUES.join(', ')} (default: auto)` },
  sarif: { type: 'string', valueName: 'FILE', description: 'Also write the findings as SARIF 2.1.0 to FILE' },
  json: { type: 'string', valueName: 'FILE', description: 'Also write the findings as JSON to FILE' },
  'no-color': { type: 'boolean', description: 'No colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)' },
  quiet: { type: 'boolean', short: 'q', description: 'Print only errors; the exit status gives the result' },
  help: { type: 'boolean', short: 'h', description: 'Show help (devsecops <command> --help for one command)' },
  version: { type: 'boolean', short: 'V', description: 'Print the version' },
} as const satisfies Record<string, CliOptionSpec>;

const fileOption = z.string().min(1, { error: 'expected a file name' }).optional();

/** Parses the raw values of the global options. */
export const globalOptionsSchema = z.object({
  config: fileOption,
  'fail-on-severity': failOnSchema.optional(),
  scope: scopeSchema.optional(),
  sarif: fileOption,
  json: fileOption,
  'no-color': z.boolean().default(false),
  quiet: z.boolean().default(false),
  help: z.boolean().default(false),
  version: z.boolean().default(false),
});
export type GlobalOptions = z.infer<typeof globalOptionsSchema>;
