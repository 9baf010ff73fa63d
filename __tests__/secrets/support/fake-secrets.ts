import { createHash } from 'node:crypto';
import { crc32 } from '../../../src/scanners/secrets/rules/cloud-vcs/support.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Deterministic base62 characters from a seed (fake, but random-looking). */
export function base62(seed: string, length: number): string {
  let out = '';
  let counter = 0;
  while (out.length < length) {
    const bytes = createHash('sha256').update(`${seed}:${counter++}`).digest();
    for (const byte of bytes) if (out.length < length && byte < 248) out += BASE62[byte % 62];
  }
  return out;
}

function toBase62(n: number, width: number): string {
  let out = '';
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, '0');
}

/** A fake classic GitHub token with a valid CRC32 checksum, as GitHub issues them. */
export function fakeGitHubToken(seed: string, prefix = 'ghp_'): string {
  const random = base62(seed, 30);
  return `${prefix}${random}${toBase62(crc32(random), 6)}`;
}
