import type { z } from 'zod';

/**
 * Turns one zod issue into the parts of a one-line message: where (the key
 * path), what was expected and what was found. The config loader and the
 * action inputs both build their messages from these parts, so a bad value
 * reads the same wherever it was written.
 *
 * Schemas in this project that want their own wording pass an `error` that
 * starts with "expected " (used verbatim as the expectation, for any kind of
 * issue); a refinement's message that does not is used as the whole problem.
 */
export interface IssueDescription {
  /** The key path of the offending value, e.g. `["policy", "rules", 2, "action"]`. */
  path: PropertyKey[];
  /** What was expected, e.g. `one of fail|warn|ignore`; undefined when `problem` says it all. */
  expected: string | undefined;
  /** The value that was found, quoted and shortened, e.g. `"block"`; undefined when there was none. */
  got: string | undefined;
  /** A complete sentence for issues that are not "expected X, got Y" (unknown keys, cross-field rules). */
  problem: string | undefined;
}

export interface DescribeIssueOptions {
  /** How the allowed values of an enum are joined: `|` in config messages, `, ` in input messages. */
  separator: string;
  /** Never echo the found value (for secrets such as tokens). */
  hideValue?: boolean;
}

/** Longest found value echoed back before it is shortened with an ellipsis. */
const MAX_ECHO_CHARS = 60;

/** Describes a found value for a message: strings quoted and shortened, containers by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const short = value.length > MAX_ECHO_CHARS ? `${value.slice(0, MAX_ECHO_CHARS)}…` : value;
    return JSON.stringify(short);
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  date: 'a date',
  null: 'null',
};

const FORMAT_NAMES: Record<string, string> = {
  date: 'a date as YYYY-MM-DD',
  datetime: 'a date and time as ISO 8601',
  url: 'a URL',
  email: 'an email address',
};

/** Picks the known key closest to a misspelt one, if any is close enough to be a likely typo. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the length, at least 1 and at most 3: "rulez" -> "rules", but not "foo" -> "mode".
  const limit = Math.min(3, Math.max(1, Math.floor(key.length / 3)));
  return bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function describeBound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string }, small: boolean): string {
  const bound = small ? issue.minimum : issue.maximum;
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && Number(bound) === 1) return 'a non-empty string';
      return `a string of ${small ? 'at least' : 'at most'} ${String(bound)} characters`;
    case 'array':
    case 'set':
      if (small && Number(bound) === 1) return 'a non-empty list';
      return `a list of ${small ? 'at least' : 'at most'} ${String(bound)} items`;
    default: {
      const op = small ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
      return `a number ${op} ${String(bound)}`;
    }
  }
}

/**
 * Describes one zod issue. Unknown keys get the nearest known key as a
 * suggestion when `knownKeys` can list the keys allowed at that path.
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  options: DescribeIssueOptions,
  knownKeys?: (path: PropertyKey[]) => readonly string[] | undefined,
): IssueDescription {
  const input = (issue as { input?: unknown }).input;
  const got = options.hideValue && input !== undefined ? 'a value that is not shown' : describeValue(input);
  const base = { path: [...issue.path], expected: undefined, got: undefined, problem: undefined };

  // A message a schema wrote itself (see the module comment) wins over the generic wording.
  if (issue.message.startsWith('expected ')) {
    return { ...base, expected: issue.message.slice('expected '.length), got };
  }

  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (input === undefined) return { ...base, problem: `is required (expected ${expected})` };
      return { ...base, expected, got };
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => (typeof v === 'string' ? v : String(v)));
      const expected = values.length === 1 ? String(values[0]) : `one of ${values.join(options.separator)}`;
      return { ...base, expected, got };
    }
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const known = knownKeys?.(issue.path) ?? [];
      const suggestion = suggestKey(key, known);
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      const allowed = known.length > 0 ? `; allowed keys: ${known.join(options.separator)}` : '';
      return { ...base, path: [...issue.path, key], problem: `unknown key${hint}${allowed}` };
    }
    case 'too_small':
      return { ...base, expected: describeBound(issue, true), got };
    case 'too_big':
      return { ...base, expected: describeBound(issue, false), got };
    case 'invalid_format':
      return { ...base, expected: FORMAT_NAMES[issue.format] ?? `a value in ${issue.format} format`, got };
    case 'not_multiple_of':
      return { ...base, expected: `a multiple of ${String(issue.divisor)}`, got };
    case 'custom':
      return { ...base, problem: issue.message };
    default:
      return { ...base, problem: issue.message };
  }
}

/** Formats a key path as `policy.rules[2].action`; keys that are not plain words are quoted. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      const plain = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name);
      out += plain ? (out === '' ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

interface WalkableDef {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  element?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
}

function defOf(schema: z.core.$ZodType): WalkableDef {
  return schema._zod.def as unknown as WalkableDef;
}

/** Peels wrappers (optional, default, prefault, nullable, readonly, pipe input) off a schema. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}

/**
 * The keys an object schema allows at `path` (numbers step into lists), or
 * undefined when the path does not lead to an object. Used to suggest the
 * intended key when an unknown one is found.
 */
export function objectKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let current: z.core.$ZodType | undefined = unwrap(schema);
  for (const key of path) {
    const def: WalkableDef = defOf(current);
    if (typeof key === 'number' && def.type === 'array' && def.element) current = unwrap(def.element);
    else if (typeof key === 'string' && def.type === 'object' && def.shape?.[key]) current = unwrap(def.shape[key]);
    else return undefined;
  }
  const def = defOf(current);
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}
