/** Exit statuses shared by the actions and the CLI. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * A mistake the user can fix (a bad input, a malformed config or file). Its
 * message is one line that names the input or file and what was expected; it
 * exits 2 and is never shown with a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Formats any thrown value as one line, for the places that must not crash. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}

/** An unexpected error: a bug in the tool, never a verdict on the code scanned. */
export const EXIT_INTERNAL = 3;
