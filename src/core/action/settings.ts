import path from 'node:path';
import type { z } from 'zod';
import { UsageError } from '../errors.js';
import type { Logger } from '../logger.js';
import { loadConfig } from '../config/load.js';
import type { DevsecopsConfig } from '../config/schema.js';
import type { Scope } from '../config/sections/common.js';
import { commonInputsSchema } from '../inputs/common.js';
import { parseActionInputs, type ReadRawInput } from '../inputs/parse-inputs.js';
import { resolveCommonSettings } from '../inputs/resolve-settings.js';
import type { FailOn } from '../severity.js';
import type { Scanner } from './scanner.js';

/** Everything the pipeline needs to know about this run, after inputs, config file and defaults. */
export interface ResolvedSettings {
  token: string;
  /** Absolute path to scan, inside the workspace. */
  root: string;
  config: DevsecopsConfig;
  enabled: boolean;
  failOn: FailOn;
  scope: Scope;
  ignore: string[];
  uploadSarif: boolean;
  comment: boolean;
  annotations: boolean;
  /** The scanner's own inputs, parsed. */
  inputs: Record<string, unknown>;
}

/**
 * Parses the action's inputs (common + the scanner's own), loads the config
 * file and applies the precedence input > config section > config top level >
 * action default. Every problem is a one-line UsageError naming the input or file.
 */
export async function resolveSettings(
  scanner: Scanner,
  options: { getInput: ReadRawInput; workspace: string; logger: Logger },
): Promise<ResolvedSettings> {
  const schema = commonInputsSchema({ 'fail-on-severity': scanner.defaultFailOn }).extend(scanner.inputs ?? {});
  const inputs = parseActionInputs(schema as unknown as z.ZodObject, options.getInput) as z.infer<ReturnType<typeof commonInputsSchema>> &
    Record<string, unknown>;
  const root = path.resolve(options.workspace, inputs.path);
  const relative = path.relative(options.workspace, root);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UsageError(`Input "path" must stay inside the workspace ${options.workspace} (got "${inputs.path}").`);
  }
  const config = await loadConfig({ root: options.workspace, file: inputs.config.file, explicit: inputs.config.explicit, logger: options.logger });
  const common = resolveCommonSettings({
    inputs: { 'fail-on-severity': inputs['fail-on-severity'], scope: inputs.scope },
    config,
    section: scanner.configSection,
  });
  options.logger.debug(
    `fail-on-severity ${common.failOnSeverity.value} (from ${common.failOnSeverity.source}); scope ${common.scope.value} (from ${common.scope.source}).`,
  );
  const commonKeys = new Set(Object.keys(commonInputsSchema({ 'fail-on-severity': 'any' }).shape));
  const own = Object.fromEntries(Object.entries(inputs).filter(([key]) => !commonKeys.has(key)));
  return {
    token: inputs.token,
    root,
    config,
    enabled: common.enabled,
    failOn: common.failOnSeverity.value,
    scope: common.scope.value,
    ignore: common.ignore,
    uploadSarif: inputs['upload-sarif'],
    comment: inputs.comment,
    annotations: inputs.annotations,
    inputs: own,
  };
}
