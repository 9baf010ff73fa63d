import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { UsageError, describeError } from '../../../core/errors.js';
import { SECRET_HASH_ALGORITHM } from './fingerprint.js';

/**
 * The baseline of known secrets, written by `devsecops secrets-scan
 * --write-baseline FILE` and committed: findings in it are not reported, new
 * ones are. Each entry is a rule, a path and the slow hash of the value
 * (fingerprint.ts), so:
 * - a secret moved to another line of its file stays baselined;
 * - a different secret put on a baselined line is new;
 * - the file holds no value, no line number and no timestamp, and entries are
 *   sorted, so regenerating it on two branches gives the same file and merges
 *   do not conflict over it.
 */

export const BASELINE_VERSION = 1;

const entrySchema = z.strictObject({
  rule: z.string().min(1),
  path: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{32}$/, { error: 'expected a 32-character hex hash' }),
});
export type BaselineEntry = z.infer<typeof entrySchema>;

const baselineSchema = z.strictObject({
  version: z.literal(BASELINE_VERSION),
  /** Changing the hash parameters invalidates every entry; the file says which were used. */
  hashAlgorithm: z.literal(SECRET_HASH_ALGORITHM, {
    error: `expected "${SECRET_HASH_ALGORITHM}" (regenerate the baseline with --write-baseline)`,
  }),
  entries: z.array(entrySchema),
});
export type Baseline = z.infer<typeof baselineSchema>;

/** What a finding needs to be looked up: its rule, path and the hash of its value. */
export interface BaselineKey {
  ruleId: string;
  path: string;
  secretHash: string;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  // Plain code-unit order (not localeCompare): the same on every machine and locale.
  return cmp(a.path, b.path) || cmp(a.rule, b.rule) || cmp(a.hash, b.hash);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A baseline of these findings: deduplicated and sorted. */
export function buildBaseline(keys: Iterable<BaselineKey>): Baseline {
  const unique = new Map<string, BaselineEntry>();
  for (const key of keys) unique.set(indexKey(key), { rule: key.ruleId, path: key.path, hash: key.secretHash });
  return { version: BASELINE_VERSION, hashAlgorithm: SECRET_HASH_ALGORITHM, entries: [...unique.values()].sort(compareEntries) };
}

/** The file text: two-space JSON with a final newline, entries sorted by path, rule and hash. */
export function renderBaseline(baseline: Baseline): string {
  return `${JSON.stringify({ ...baseline, entries: [...baseline.entries].sort(compareEntries) }, null, 2)}\n`;
}

/** Writes the baseline of these findings to `file`, creating its folder. */
export async function writeBaseline(file: string, keys: Iterable<BaselineKey>): Promise<Baseline> {
  const baseline = buildBaseline(keys);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, renderBaseline(baseline));
  } catch (error) {
    throw new UsageError(`${file}: could not write the secrets baseline (${describeError(error)})`);
  }
  return baseline;
}

/** Parses baseline text; `file` names it in the one-line error. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not a secrets baseline: invalid JSON (${describeError(error)})`);
  }
  const result = baselineSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    throw new UsageError(`${file}: not a secrets baseline: ${where}${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Reads and validates a baseline file; a missing or malformed file is a UsageError naming it. */
export async function readBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: could not read the secrets baseline (${describeError(error)})`);
  }
  return parseBaseline(text, file);
}

/** As readBaseline, but a file that does not exist is no baseline (the configured default path may not). */
export async function readBaselineIfPresent(file: string): Promise<Baseline | undefined> {
  try {
    return parseBaseline(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: could not read the secrets baseline (${describeError(error)})`);
  }
}

function indexKey(key: BaselineKey): string {
  return `${key.ruleId}\0${key.path}\0${key.secretHash}`;
}

const indexes = new WeakMap<Baseline, Set<string>>();

/** True when this rule, path and secret value are in the baseline (the line does not matter). */
export function isInBaseline(baseline: Baseline, key: BaselineKey): boolean {
  let index = indexes.get(baseline);
  if (!index) {
    index = new Set(baseline.entries.map((e) => indexKey({ ruleId: e.rule, path: e.path, secretHash: e.hash })));
    indexes.set(baseline, index);
  }
  return index.has(indexKey(key));
}
