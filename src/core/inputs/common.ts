import { z } from 'zod';
import { DEFAULT_CONFIG_PATH } from '../config/schema.js';
import { SCOPE_VALUES, type Scope } from '../config/sections/common.js';
import { FAIL_ON_VALUES, type FailOn } from '../severity.js';
import { booleanInput, overridableChoiceInput, stringInput } from './input-types.js';

/**
 * The inputs every action has. Each action extends this schema with its own:
 *
 *   const inputsSchema = commonInputsSchema({ 'fail-on-severity': 'high' }).extend({
 *     'max-file-size': stringInput('1MiB'),
 *   });
 *   const inputs = parseActionInputs(inputsSchema, (name) => core.getInput(name));
 *
 * Precedence (decision): an input the user sets wins over the config file,
 * which wins over the action's default. The runner fills every input that has
 * a `default:` in action.yml before the action starts, so a value equal to the
 * default cannot be told from one the user typed. Therefore the inputs the
 * config file can also set — `fail-on-severity`, `scope` — and `config`
 * (whose absence decides whether a missing file is an error) have NO default
 * in action.yml (their description states the effective default); an empty
 * string means "not given", and the defaults live here, in the schema, where
 * they come out as `{ value, explicit }`. resolve-settings.ts then applies the
 * precedence. Inputs the config file cannot set keep their default in
 * action.yml too; here an empty value still gives the same default, so local
 * runs and tests behave the same.
 */
export interface CommonInputDefaults {
  /** This action's default threshold, used when neither the input nor the config file sets one. */
  'fail-on-severity': FailOn;
  /** This action's default scope; `auto` unless given. */
  scope?: Scope;
}

/** The `config` input: which file, and whether the user named it (then a missing file is an error). */
export const configInput = z.string().transform((raw) => ({
  file: raw === '' ? DEFAULT_CONFIG_PATH : raw,
  explicit: raw !== '',
}));

export const tokenInput = z.string().refine((raw) => raw !== '', {
  // The action.yml default is ${{ github.token }}, so an empty token means it was overridden with nothing.
  error: 'is empty: pass a token, or leave the input unset to use ${{ github.token }}',
});

/** The schema of the inputs every action has, with this action's defaults. */
export function commonInputsSchema(defaults: CommonInputDefaults) {
  return z.object({
    token: tokenInput,
    path: stringInput('.'),
    config: configInput,
    'upload-sarif': booleanInput(true),
    /** Only used on pull requests. */
    comment: booleanInput(true),
    annotations: booleanInput(true),
    'fail-on-severity': overridableChoiceInput(FAIL_ON_VALUES, defaults['fail-on-severity']),
    scope: overridableChoiceInput(SCOPE_VALUES, defaults.scope ?? 'auto'),
  });
}

export type CommonInputs = z.infer<ReturnType<typeof commonInputsSchema>>;
