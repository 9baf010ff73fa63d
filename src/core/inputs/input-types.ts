import { z } from 'zod';

/**
 * Builders for the fields of an action's input schema. Every field starts as
 * the raw string the runner gives (`""` when the input is unset and has no
 * default in action.yml) and ends as the typed value.
 */

/** The spellings @actions/core's getBooleanInput accepts (YAML 1.2 core schema booleans). */
export const TRUE_VALUES = ['true', 'True', 'TRUE'] as const;
export const FALSE_VALUES = ['false', 'False', 'FALSE'] as const;

/**
 * A value read from an input that the config file can also set, and whether
 * the user gave it. `explicit: false` means `value` is the action's default,
 * so a config file setting may take its place (see resolve-settings.ts).
 */
export interface InputSetting<T> {
  value: T;
  explicit: boolean;
}

/** A boolean input: the toolkit's six spellings, anything else an error; unset gives `defaultValue`. */
export function booleanInput(defaultValue: boolean) {
  return z.string().transform((raw, ctx): boolean => {
    if (raw === '') return defaultValue;
    if ((TRUE_VALUES as readonly string[]).includes(raw)) return true;
    if ((FALSE_VALUES as readonly string[]).includes(raw)) return false;
    ctx.addIssue({
      code: 'custom',
      input: raw,
      message: `expected one of ${[...TRUE_VALUES, ...FALSE_VALUES].join(', ')}`,
    });
    return z.NEVER;
  });
}

/** One of a fixed list of values; unset gives `defaultValue`. */
export function choiceInput<const T extends readonly [string, ...string[]]>(values: T, defaultValue: T[number]) {
  return z
    .string()
    .transform((raw) => (raw === '' ? defaultValue : raw))
    .pipe(z.enum(values));
}

/**
 * One of a fixed list of values that the config file can also set: gives
 * `{ value, explicit }` so the config file can replace a value the user did
 * not give.
 */
export function overridableChoiceInput<const T extends readonly [string, ...string[]]>(values: T, defaultValue: T[number]) {
  return z
    .string()
    .transform((raw) => ({ raw, value: raw === '' ? defaultValue : raw }))
    .pipe(z.object({ raw: z.string(), value: z.enum(values) }))
    .transform(({ raw, value }): InputSetting<T[number]> => ({ value, explicit: raw !== '' }));
}

/** A free-text input; unset gives `defaultValue`. */
export function stringInput(defaultValue: string) {
  return z.string().transform((raw) => (raw === '' ? defaultValue : raw));
}

/** A list input: one item per line or comma-separated, items trimmed, blanks dropped. */
export function listInput() {
  return z.string().transform((raw) =>
    raw
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );
}

/**
 * A boolean the config file can also set: `{ value, explicit }`, so an unset
 * input (empty) leaves the decision to the config file.
 */
export function overridableBooleanInput(defaultValue: boolean) {
  return z.string().transform((raw, ctx): InputSetting<boolean> => {
    if (raw === '') return { value: defaultValue, explicit: false };
    if ((TRUE_VALUES as readonly string[]).includes(raw)) return { value: true, explicit: true };
    if ((FALSE_VALUES as readonly string[]).includes(raw)) return { value: false, explicit: true };
    ctx.addIssue({ code: 'custom', input: raw, message: `expected one of ${[...TRUE_VALUES, ...FALSE_VALUES].join(', ')}` });
    return z.NEVER;
  });
}

/** A free-text input the config file can also set: `{ value, explicit }`; unset is `undefined`. */
export function overridableStringInput() {
  return z.string().transform((raw): InputSetting<string | undefined> => (raw === '' ? { value: undefined, explicit: false } : { value: raw, explicit: true }));
}
