/**
 * Subresource-Integrity strings (`sha512-<base64>`, several separated by
 * whitespace) as npm, yarn, pnpm and bun record them, turned into hex hashes.
 * https://www.w3.org/TR/SRI/#the-integrity-attribute
 */
import type { PackageHash } from '../types.js';

/** Digest length in bytes, so a truncated or padded value is not passed on as a hash. */
const ALGORITHMS: Record<string, { algorithm: PackageHash['algorithm']; bytes: number }> = {
  md5: { algorithm: 'MD5', bytes: 16 },
  sha1: { algorithm: 'SHA-1', bytes: 20 },
  sha256: { algorithm: 'SHA-256', bytes: 32 },
  sha384: { algorithm: 'SHA-384', bytes: 48 },
  sha512: { algorithm: 'SHA-512', bytes: 64 },
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const HEX = /^[0-9a-fA-F]+$/;

/**
 * The hashes of an SRI string, lower-case hex, in order and without repeats.
 * Unknown algorithms and malformed digests are left out: an integrity value
 * is evidence about a package, and a wrong one must not look like a hash.
 */
export function parseIntegrity(value: string): PackageHash[] {
  const hashes: PackageHash[] = [];
  for (const token of value.split(/\s+/)) {
    const dash = token.indexOf('-');
    if (dash <= 0) continue;
    const known = ALGORITHMS[token.slice(0, dash).toLowerCase()];
    if (!known) continue;
    // SRI allows `?options` after the digest; no package manager writes them, but they are not part of it.
    const digest = token.slice(dash + 1).split('?')[0]!;
    if (!BASE64.test(digest) || digest.length % 4 !== 0) continue;
    const bytes = Buffer.from(digest, 'base64');
    if (bytes.length !== known.bytes) continue;
    pushUnique(hashes, { algorithm: known.algorithm, hex: bytes.toString('hex') });
  }
  return hashes;
}

/** A hex digest (yarn v1's `#<sha1>` after the tarball URL), when it has the length of its algorithm. */
export function hashFromHex(algorithm: PackageHash['algorithm'], hex: string): PackageHash | undefined {
  const known = Object.values(ALGORITHMS).find((entry) => entry.algorithm === algorithm);
  if (!known || hex.length !== known.bytes * 2 || !HEX.test(hex)) return undefined;
  return { algorithm, hex: hex.toLowerCase() };
}

/** Adds a hash unless the same algorithm and digest are already there. */
export function pushUnique(hashes: PackageHash[], hash: PackageHash): void {
  if (!hashes.some((known) => known.algorithm === hash.algorithm && known.hex === hash.hex)) hashes.push(hash);
}
