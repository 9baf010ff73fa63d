import { z } from 'zod';
import { SBOM_FORMATS, type SbomFormat } from '../../core/config/sections/sbom.js';
import { configInput, tokenInput } from '../../core/inputs/common.js';
import { booleanInput, overridableBooleanInput, stringInput, type InputSetting } from '../../core/inputs/input-types.js';

/** `cyclonedx-json`, `spdx-json`, or both as a comma- or newline-separated list. */
export function parseFormatList(raw: string): SbomFormat[] | string {
  const items = raw
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const unknown = items.filter((item) => !(SBOM_FORMATS as readonly string[]).includes(item));
  if (unknown.length > 0) return `expected ${SBOM_FORMATS.join(' and/or ')}, got "${unknown.join(', ')}"`;
  return [...new Set(items)] as SbomFormat[];
}

const formatInput = z.string().transform((raw, ctx): InputSetting<SbomFormat[]> => {
  if (raw.trim() === '') return { value: ['cyclonedx-json'], explicit: false };
  const parsed = parseFormatList(raw);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', input: raw, message: parsed });
    return z.NEVER;
  }
  return { value: parsed, explicit: true };
});

const cyclonedxVersionInput = z.string().transform((raw, ctx): InputSetting<'1.6' | '1.5'> => {
  if (raw === '') return { value: '1.6', explicit: false };
  if (raw === '1.6' || raw === '1.5') return { value: raw, explicit: true };
  ctx.addIssue({ code: 'custom', input: raw, message: 'expected 1.6 or 1.5' });
  return z.NEVER;
});

/**
 * The sbom action's inputs. It reports no findings, so it has none of the
 * scanners' finding inputs (fail-on-severity, scope, SARIF, comment,
 * annotations); the ones the config file can also set have no action.yml
 * default (see src/core/inputs/common.ts for why).
 */
export const sbomInputsSchema = z.object({
  token: tokenInput,
  path: stringInput('.'),
  config: configInput,
  format: formatInput,
  'cyclonedx-version': cyclonedxVersionInput,
  output: stringInput(''),
  'per-workspace': overridableBooleanInput(false),
  reproducible: overridableBooleanInput(false),
  'dependency-snapshot': overridableBooleanInput(true),
  'upload-artifact': booleanInput(true),
  'artifact-name': stringInput('sbom'),
});
export type SbomInputs = z.infer<typeof sbomInputsSchema>;
