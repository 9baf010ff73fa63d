/**
 * What every ecosystem's version ordering provides: read a version once into
 * a parsed form, then order parsed forms. index.ts caches the parsed forms,
 * because advisory matching compares the same few versions many times over.
 */
import type { Ecosystem } from '../inventory/types.js';

export interface VersionOrdering<Parsed> {
  /** Reads a version as the ecosystem's own tool does; throws InvalidVersionError otherwise. */
  parse(version: string): Parsed;
  /** Negative, zero or positive, as `left` sorts before, with or after `right`. */
  compare(left: Parsed, right: Parsed): number;
}

/** A version an ecosystem's ordering cannot read. The message is one line. */
export class InvalidVersionError extends Error {
  override readonly name = 'InvalidVersionError';
}

const SHOWN_VERSION_CHARS = 80;

/** Builds the error for `version`, quoted and cut short so the message stays one readable line. */
export function invalidVersion(ecosystem: Ecosystem, version: string, reason: string): InvalidVersionError {
  const shown = version.length > SHOWN_VERSION_CHARS ? `${version.slice(0, SHOWN_VERSION_CHARS)}…` : version;
  return new InvalidVersionError(`${ecosystem} version ${JSON.stringify(shown)} is not valid: ${reason}`);
}

/** Turns a comparison result into -1, 0 or 1. */
export function sign(value: number | bigint): number {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

/** Orders two values of a type with `<` (numbers, bigints, or strings by UTF-16 code unit). */
export function compareNatural<T extends number | bigint | string>(left: T, right: T): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
