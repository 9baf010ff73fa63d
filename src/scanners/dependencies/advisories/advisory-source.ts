/** What every advisory source returns, and the one error a source may throw. */
import type { OsvRecord } from './osv-schema.js';

export interface LoadedAdvisories {
  records: OsvRecord[];
  /** Records or files skipped, one line each (file or id, key path, problem); never fatal. */
  warnings: string[];
}

/**
 * The advisory source as a whole cannot be used (missing folder, unreadable
 * zip, OSV API out of reach). One line naming the source and what to change.
 */
export class AdvisorySourceError extends Error {
  override readonly name = 'AdvisorySourceError';
}

/**
 * The message of a thrown value, on one line. Read by shape, not `instanceof
 * Error`: errors made by Node's own fs and fetch come from another realm when
 * code runs inside a vm context (as under jest).
 */
export function describeError(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  const text = typeof message === 'string' ? message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
