/**
 * The all-in-one action's own inputs. The common inputs and each scanner's
 * inputs (`scan-history`, `advisories`, …) are read by the scanners' own
 * schemas from the same step, so they are declared once in action.yml and
 * mean what they mean in the single actions.
 */
import { z } from 'zod';
import { booleanInput, overridableChoiceInput, stringInput } from '../core/inputs/input-types.js';
import { FAIL_ON_VALUES } from '../core/severity.js';
import { parseShard, type Shard } from '../core/action/shard.js';

export const SUITE_SCANNERS = ['secrets', 'dependencies', 'sbom'] as const;
export type SuiteScanner = (typeof SUITE_SCANNERS)[number];

const scannersInput = z.string().transform((raw, ctx): SuiteScanner[] => {
  const items = raw
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) return [...SUITE_SCANNERS];
  const unknown = items.filter((item) => !(SUITE_SCANNERS as readonly string[]).includes(item));
  if (unknown.length > 0) {
    ctx.addIssue({ code: 'custom', input: raw, message: `expected a comma-separated list of ${SUITE_SCANNERS.join(', ')}, got "${unknown.join(', ')}"` });
    return z.NEVER;
  }
  return [...new Set(items)] as SuiteScanner[];
});

/** `i/n` to scan one shard; empty for the whole repository. */
const shardInput = z.string().transform((raw, ctx): Shard | undefined => {
  if (raw.trim() === '') return undefined;
  const shard = parseShard(raw);
  if ('error' in shard) {
    ctx.addIssue({ code: 'custom', input: raw, message: shard.error });
    return z.NEVER;
  }
  return shard;
});

export const suiteInputsSchema = z.object({
  shard: shardInput,
  merge: stringInput(''),
  scanners: scannersInput,
  policy: booleanInput(true),
  'policy-file': stringInput(''),
  mode: overridableChoiceInput(['enforce', 'warn'] as const, 'enforce'),
  'fail-on-severity': overridableChoiceInput(FAIL_ON_VALUES, 'high'),
  'dismiss-alerts': booleanInput(false),
  'upload-artifact': booleanInput(true),
  token: z.string(),
  comment: booleanInput(true),
  annotations: booleanInput(true),
});
export type SuiteInputs = z.infer<typeof suiteInputsSchema>;
