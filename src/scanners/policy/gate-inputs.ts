/**
 * The policy-gate action's inputs and the globs they name. Like the sbom
 * action it reports no findings of its own, so it has none of the scanners'
 * `path`, `scope` or `upload-sarif`; inputs the config file can also set
 * (`fail-on-severity`, `mode`) have no action.yml default (see
 * src/core/inputs/common.ts).
 */
import path from 'node:path';
import { z } from 'zod';
import { configInput, tokenInput } from '../../core/inputs/common.js';
import { booleanInput, overridableChoiceInput, stringInput } from '../../core/inputs/input-types.js';
import { FAIL_ON_VALUES } from '../../core/severity.js';

/** One glob per line; commas are part of globs (`{a,b}`), so unlike list inputs they do not separate. */
const linesInput = z.string().transform((raw) =>
  raw
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

export const gateInputsSchema = z.object({
  token: tokenInput,
  config: configInput,
  sarif: linesInput,
  sbom: linesInput,
  policy: stringInput(''),
  mode: overridableChoiceInput(['enforce', 'warn'] as const, 'enforce'),
  'fail-on-severity': overridableChoiceInput(FAIL_ON_VALUES, 'high'),
  'dismiss-alerts': booleanInput(false),
  comment: booleanInput(true),
  annotations: booleanInput(true),
  'upload-artifact': booleanInput(true),
  'artifact-name': stringInput('policy-gate-evidence'),
});
export type GateInputs = z.infer<typeof gateInputsSchema>;

export interface ExpandedGlobs {
  files: string[];
  /** Patterns (not negations) that matched no file, as written. */
  unmatched: string[];
}

/**
 * Expands globs relative to `root`, as upload steps do: `*`, `**`, `?`,
 * `[…]`, `{a,b}`, and a leading `!` to leave files out. A plain path that
 * exists is taken as is. Files only (symbolic links are not followed out of
 * the folders named), sorted, each once.
 */
export async function expandGlobs(patterns: readonly string[], root: string): Promise<ExpandedGlobs> {
  if (patterns.length === 0) return { files: [], unmatched: [] };
  const { glob } = await import('tinyglobby');
  const options = { cwd: root, absolute: true, onlyFiles: true, dot: true, followSymbolicLinks: false, expandDirectories: false };
  // Forward slashes: globs treat "\\" as an escape, also on Windows.
  const anchor = (pattern: string) => (path.isAbsolute(pattern) ? pattern : path.join(root, pattern)).split(path.sep).join('/');
  const negated = patterns.filter((p) => p.startsWith('!')).map((p) => anchor(p.slice(1)));
  // No patterns would mean "everything" to tinyglobby.
  const excluded = new Set(negated.length > 0 ? await glob(negated, options) : []);
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue;
    const matched = await glob([anchor(pattern)], options);
    if (matched.length === 0) unmatched.push(pattern);
    for (const file of matched) if (!excluded.has(file)) files.add(path.normalize(file));
  }
  return { files: [...files].sort(), unmatched };
}
