import { z } from 'zod';
import { severitySchema } from '../../severity.js';
import { commonSectionShape, globSchema } from './common.js';

/**
 * The `secrets` section of .github/devsecops.yml. Keys of its own go after the
 * common ones. Regular expressions are JavaScript syntax and are compiled here,
 * so a typo is a one-line config error naming its key, not a crash mid-scan.
 */

/** Where `--write-baseline` writes and the scan reads known findings, relative to the repository root. */
export const DEFAULT_SECRETS_BASELINE_PATH = '.devsecops/secrets-baseline.json';

/** Files larger than this are skipped (and reported as skipped) unless the config says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = '1MiB';

/** Regex flags a custom rule may set; `g`, `y` and `d` belong to the engine. */
const RULE_FLAGS = /^(?!.*(.).*\1)[imsu]*$/;

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};
const SIZE_TEXT = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i;

/** Parses "1MiB", "500 KB", "2048" into bytes; undefined when it is not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = SIZE_TEXT.exec(text);
  if (!match) return undefined;
  const unit = SIZE_UNITS[(match[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** The reason a pattern does not compile, or undefined when it does. */
export function regexProblem(source: string, flags = ''): string | undefined {
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (error) {
    // V8 repeats the pattern in its message ("Invalid regular expression: /(/: Unterminated group"); keep the reason.
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}

const regexSourceSchema = z.string().min(1, { error: 'expected a non-empty regular expression' });

const ruleIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected a rule id of lower-case letters, digits, ".", "_" or "-"' });

/**
 * A detector written in the config (or imported from a .gitleaks.toml): plain
 * data, turned into a SecretRule by the engine.
 */
export const customRuleSchema = z
  .strictObject({
    id: ruleIdSchema.describe('A unique id for the rule; it appears in findings, fingerprints and baselines.'),
    description: z.string().min(1).optional().describe('What the rule finds, for people.'),
    regex: regexSourceSchema.describe(
      'A JavaScript regular expression. The secret is the named group "secret", else the group numbered by secretGroup, else the whole match. Prefer bounded quantifiers ({8,64}) over + and *.',
    ),
    flags: z
      .string()
      .regex(RULE_FLAGS, { error: 'expected regex flags from "imsu", each at most once' })
      .optional()
      .describe('Regex flags from "imsu" (e.g. "i" for case-insensitive).'),
    secretGroup: z
      .union([z.int().min(0), z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)], {
        error: 'expected a capture group number or name',
      })
      .optional()
      .describe('The capture group (number, or name) holding the secret; 0 is the whole match.'),
    keywords: z
      .array(z.string().min(1))
      .default([])
      .describe('Literals (compared case-insensitively) of which one must occur near a match; the rule only runs where one does. Empty: the rule runs on every line, which is slower.'),
    entropy: z.number().min(0).max(8).optional().describe('Minimum Shannon entropy of the secret in bits per character; below it a match is dropped.'),
    paths: z.array(globSchema).optional().describe('Only scan files matching one of these globs (relative to the repository root).'),
    severity: severitySchema.optional().describe('The severity of its findings (default high).'),
  })
  .superRefine((rule, ctx) => {
    const problem = regexProblem(rule.regex, rule.flags ?? '');
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['regex'], input: rule.regex, message: `expected a JavaScript regular expression (${problem})` });
    }
  });
export type CustomRuleConfig = z.infer<typeof customRuleSchema>;

const allowValueSchema = regexSourceSchema.superRefine((source, ctx) => {
  const problem = regexProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', input: source, message: `expected a JavaScript regular expression (${problem})` });
});

export const secretsAllowlistSchema = z
  .strictObject({
    paths: z
      .array(globSchema)
      .default([])
      .describe('Files whose findings are allowed (not reported), as gitignore-style globs relative to the repository root.'),
    values: z
      .array(allowValueSchema)
      .default([])
      .describe('JavaScript regular expressions; a finding whose secret matches one is allowed (e.g. "^EXAMPLE").'),
    stopwords: z
      .array(z.string().min(1))
      .default([])
      .describe('Words that mark a placeholder: a finding whose secret contains one (case-insensitively) is allowed.'),
  })
  .describe('Findings that are not reported, by path, by value or by stopword.');
export type SecretsAllowlistConfig = z.infer<typeof secretsAllowlistSchema>;

const byteSizeSchema = z
  .union([z.int().positive(), z.string()], { error: 'expected a size such as "1MiB", "500KB" or a number of bytes' })
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const bytes = parseByteSize(value);
    if (bytes === undefined) {
      ctx.addIssue({ code: 'custom', input: value, message: 'expected a size such as "1MiB", "500KB" or a number of bytes' });
      return z.NEVER;
    }
    return bytes;
  });

export const secretsSectionSchema = z
  .strictObject({
    ...commonSectionShape,
    rules: z
      .array(customRuleSchema)
      .default([])
      .superRefine((rules, ctx) => {
        const seen = new Set<string>();
        rules.forEach((rule, index) => {
          if (seen.has(rule.id)) {
            ctx.addIssue({ code: 'custom', path: [index, 'id'], input: rule.id, message: `duplicate rule id ${JSON.stringify(rule.id)}` });
          }
          seen.add(rule.id);
        });
      })
      .describe('Extra detectors for credentials of your own (internal tokens, partner keys), run with the built-in ones.'),
    disable: z.array(ruleIdSchema).default([]).describe('Ids of built-in or imported rules to switch off.'),
    allowlist: secretsAllowlistSchema.prefault({}),
    baseline: z
      .string()
      .min(1)
      .default(DEFAULT_SECRETS_BASELINE_PATH)
      .describe(
        'The baseline of known findings (written by `devsecops secrets-scan --write-baseline`), relative to the repository root; findings in it are not reported. A missing file means no baseline.',
      ),
    'gitleaks-config': z
      .string()
      .min(1)
      .default('auto')
      .describe(
        'A gitleaks config to import rules and allowlists from: a path, "auto" to use .gitleaks.toml (and .gitleaksignore) at the repository root when present, or "off".',
      ),
    'scan-history': z
      .boolean()
      .default(false)
      .describe('Also scan every commit reachable from HEAD, reporting each secret once with the commit that introduced it.'),
    'max-file-size': byteSizeSchema
      .prefault(DEFAULT_MAX_FILE_SIZE)
      .describe('Files larger than this are skipped and reported as skipped: a size such as "1MiB" or "500KB", or a number of bytes.'),
  })
  .describe('Secrets scanning: finds credentials committed to the repository.');
export type SecretsSection = z.infer<typeof secretsSectionSchema>;
