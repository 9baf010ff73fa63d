import type { z } from 'zod';
import { UsageError } from '../errors.js';
import { describeIssue } from '../config/describe-issue.js';

/** Inputs whose values are never echoed in an error message. */
const SECRET_INPUT = /token|secret|password|private-key|api-key/i;

/** Reads one input's raw string: `(name) => core.getInput(name)` in an action, a map in tests. */
export type ReadRawInput = (name: string) => string;

/** Formats the first problem of a failed input parse as one line naming the input. */
export function formatInputError(error: z.core.$ZodError): string {
  const [first] = error.issues;
  if (!first) return 'Invalid inputs.';
  const name = String(first.path[0] ?? 'input');
  const d = describeIssue(first, { separator: ', ', hideValue: SECRET_INPUT.test(name) });
  const what = d.problem ?? `must be ${d.expected ?? 'valid'}${d.got !== undefined ? ` (got ${d.got})` : ''}`;
  const more = error.issues.length > 1 ? ` (${error.issues.length - 1} more input problem${error.issues.length > 2 ? 's' : ''} after this one)` : '';
  return `Input "${name}" ${what}.${more}`;
}

/**
 * Reads every input the schema names through `readRaw` (trimmed, as the
 * toolkit's getInput does) and parses them at once. A bad value throws a
 * UsageError with one line, e.g.
 * `Input "fail-on-severity" must be one of critical, high, medium, low, any, none (got "severe").`
 */
export function parseActionInputs<S extends z.ZodObject>(schema: S, readRaw: ReadRawInput): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    raw[name] = (readRaw(name) ?? '').trim();
  }
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new UsageError(formatInputError(result.error));
  return result.data;
}
