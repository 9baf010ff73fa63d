/**
 * The promise every parser makes: malformed input ends in a LockfileError,
 * never in a library's own exception or a stack overflow.
 */
import { LockfileError } from '../types.js';

/** Runs a parse, turning anything but a LockfileError into one naming the file kind. */
export function guardParse<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof LockfileError) throw error;
    // Recursive-descent readers (JSON, YAML, yarn's grammar) overflow the stack on absurd nesting.
    if (error instanceof RangeError) throw new LockfileError(`${what} is nested too deeply to read`);
    const message = error instanceof Error ? error.message : String(error);
    throw new LockfileError(`${what} could not be read: ${firstLine(message)}`);
  }
}

export function firstLine(message: string): string {
  const line = message.split('\n').find((part) => part.trim() !== '') ?? message;
  return line.trim().slice(0, 200);
}
