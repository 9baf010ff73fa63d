/**
 * Helpers shared by the cloud and VCS rules: the checksums some providers
 * embed in their tokens, and a builder for "name = value" context patterns.
 * Everything here is pure and bounded, because it runs on every candidate.
 */

const CRC32_TABLE: readonly number[] = (() => {
  const table: number[] = [];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table.push(c >>> 0);
  }
  return table;
})();

/**
 * CRC-32 (IEEE 802.3, the zlib one) of an ASCII string. Written out rather
 * than taken from `node:zlib` because `zlib.crc32` only exists from Node 20.15
 * and the engines field allows any Node 20.
 */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = (CRC32_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Decodes a base62 number (digits, then upper, then lower case); undefined on a foreign character. */
export function decodeBase62(text: string): number | undefined {
  let value = 0;
  for (const ch of text) {
    const digit = BASE62.indexOf(ch);
    if (digit < 0) return undefined;
    value = value * 62 + digit;
  }
  return value;
}

/**
 * The checksum GitHub (and npm, which copied the format) put in their tokens:
 * after the `xxx_` prefix come 30 random base62 characters and then the CRC-32
 * of those 30 characters, base62-encoded and left-padded to 6 characters.
 * https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
export function hasGitHubChecksum(token: string): boolean {
  const underscore = token.indexOf('_');
  const body = token.slice(underscore + 1);
  if (underscore < 0 || body.length !== 36) return false;
  return decodeBase62(body.slice(30)) === crc32(body.slice(0, 30));
}

/**
 * Atlassian tokens (Bitbucket app passwords `ATBB…`, Atlassian API tokens
 * `ATATT…`, Bitbucket access tokens `ATCTT…`) end with the CRC-32 of
 * everything before it as 8 hex digits.
 */
export function hasTrailingHexCrc32(token: string): boolean {
  if (token.length <= 8) return false;
  const tail = token.slice(-8);
  if (!/^[0-9A-Fa-f]{8}$/.test(tail)) return false;
  return Number.parseInt(tail, 16) === crc32(token.slice(0, -8));
}

/** Base64 (standard or URL-safe, padding optional) to latin1 text; undefined when it is not base64. */
export function decodeBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]{4,8192}={0,2}$/.test(text)) return undefined;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
}

/** True when the value mixes at least two of: digits, upper case, lower case (placeholders rarely do). */
export function isMixedCase(value: string): boolean {
  return [/[0-9]/, /[A-Z]/, /[a-z]/].filter((re) => re.test(value)).length >= 2;
}

/**
 * A case-insensitive regex fragment for a literal word (`heroku` becomes
 * `[hH][eE][rR][oO][kK][uU]`): Node 20's RegExp has no inline `(?i:…)` group,
 * and the value that follows the name must stay case-sensitive.
 */
export function anyCase(word: string): string {
  let out = '';
  for (const ch of word) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    out += lower === upper ? ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&') : `[${lower}${upper}]`;
  }
  return out;
}

/**
 * For credentials without a vendor prefix: `name … = value`, where `name` is a
 * regex fragment (build it with {@link anyCase}) and `value` the credential's
 * shape. Covers `NAME=v`, `name: "v"`, `"name": "v"`, `name := "v"`,
 * `name => 'v'` and `--name v` within one line; every quantifier is bounded.
 */
export function assignedValue(name: string, value: string, after = '(?![A-Za-z0-9_-])'): RegExp {
  const gap = String.raw`[\w.-]{0,32}?["'\]]{0,2}[ \t]{0,4}(?:=>|:=|=|:|[ \t])[ \t]{0,4}["'\x60]?`;
  return new RegExp(`${name}${gap}(?<secret>${value})${after}`);
}
