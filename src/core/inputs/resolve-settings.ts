import type { DevsecopsConfig, ConfigSectionName } from '../config/schema.js';
import type { Scope } from '../config/sections/common.js';
import type { FailOn } from '../severity.js';
import type { InputSetting } from './input-types.js';

/** Where a setting's value came from, for the log line that explains it. */
export type SettingSource = 'input' | 'config' | 'default';

export interface ResolvedSetting<T> {
  value: T;
  source: SettingSource;
}

/**
 * Applies the precedence explicit input > config file > action default.
 * `configValues` are the config file's values from the most specific place
 * (the action's section) to the least (the top level); the first one set wins.
 * The CLI uses the same function with `explicit` meaning "the flag was given".
 */
export function resolveSetting<T>(input: InputSetting<T>, ...configValues: readonly (T | undefined)[]): ResolvedSetting<T> {
  if (input.explicit) return { value: input.value, source: 'input' };
  for (const value of configValues) {
    if (value !== undefined) return { value, source: 'config' };
  }
  return { value: input.value, source: 'default' };
}

/** The settings every action and CLI command share, after precedence. */
export interface CommonSettings {
  /** False when the config file switches this check off. */
  enabled: boolean;
  failOnSeverity: ResolvedSetting<FailOn>;
  scope: ResolvedSetting<Scope>;
  /** The top-level and the section's `paths.ignore`, in that order. */
  ignore: string[];
}

/**
 * Resolves the common settings of one action or command from its inputs (or
 * flags) and the config file: the section's value, then the top-level default,
 * then the action's default.
 */
export function resolveCommonSettings(options: {
  inputs: { 'fail-on-severity': InputSetting<FailOn>; scope: InputSetting<Scope> };
  config: DevsecopsConfig;
  section: ConfigSectionName;
}): CommonSettings {
  const { inputs, config, section } = options;
  const sectionConfig = config[section];
  return {
    enabled: sectionConfig.enabled,
    failOnSeverity: resolveSetting(inputs['fail-on-severity'], sectionConfig['fail-on-severity'], config['fail-on-severity']),
    scope: resolveSetting(inputs.scope, sectionConfig.scope, config.scope),
    ignore: [...config.paths.ignore, ...sectionConfig.paths.ignore],
  };
}
