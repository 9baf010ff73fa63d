import { createHash } from 'node:crypto';

/** SPDX 2.3 §3.2/§7.2: `SPDXRef-` followed by letters, digits, `.` and `-`. */
export const SPDX_ID_PATTERN = /^SPDXRef-[A-Za-z0-9.-]+$/;

/** How much of a key stays readable in its SPDXID. */
const MAX_READABLE_LENGTH = 80;
/** Hex digits of the key's hash in an SPDXID: 64 bits, so a clash is a freak, and still checked. */
const HASH_LENGTH = 16;

function readablePart(key: string): string {
  let text = key.replace(/^pkg:/, '');
  try {
    text = decodeURIComponent(text);
  } catch {
    // A stray `%` is kept; it becomes a `-` below like any other character.
  }
  return text
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_READABLE_LENGTH)
    .replace(/[-.]+$/, '');
}

function hashOf(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * An SPDXID for each component key (`pkg:npm/%40babel/core@7.24.0` →
 * `SPDXRef-Package-npm-babel-core-7.24.0-1a2b…`): a readable part and a hash
 * of the whole key, so it depends on the key alone (the same package keeps
 * its id from one document to the next) and two keys that read alike still
 * differ. Should two hashes ever clash, those keys get the full hash.
 */
export function assignSpdxIds(keys: readonly string[]): Map<string, string> {
  const candidate = (key: string, length: number) => {
    const readable = readablePart(key);
    return `SPDXRef-Package-${readable === '' ? '' : `${readable}-`}${hashOf(key).slice(0, length)}`;
  };
  const ids = new Map<string, string>();
  const owners = new Map<string, string[]>();
  for (const key of new Set(keys)) {
    const id = candidate(key, HASH_LENGTH);
    ids.set(key, id);
    owners.set(id, [...(owners.get(id) ?? []), key]);
  }
  for (const clashing of owners.values()) {
    if (clashing.length > 1) for (const key of clashing) ids.set(key, candidate(key, 64));
  }
  return ids;
}
