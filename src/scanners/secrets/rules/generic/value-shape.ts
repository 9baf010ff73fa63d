import { shannonEntropy } from '../../filters/entropy.js';

/** Shortest value a generic rule reports: below this a "password" is a placeholder or a toy. */
export const MIN_SECRET_CHARS = 8;
export const MAX_SECRET_CHARS = 256;

/** Symbols that random passwords use; `$ { } ( ) [ ] < >` are left out because templates and calls are made of them. */
const PASSWORD_SYMBOL = /[!@#%^&*+/=?~|:;,]/;

/**
 * Whether a literal has the shape of a generated secret: 8–256 characters,
 * no whitespace, a digit or a password symbol (or mixed case and at least 16
 * characters), and entropy that grows with the length — `log2(n) − 0.7` bits
 * per character up to 3.0, so eight distinct characters pass and
 * `aaaaaaaa1` does not.
 */
export function hasSecretShape(value: string): boolean {
  if (value.length < MIN_SECRET_CHARS || value.length > MAX_SECRET_CHARS || /\s/.test(value)) return false;
  const hasDigit = /\d/.test(value);
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (!hasDigit && !PASSWORD_SYMBOL.test(value) && !(mixedCase && value.length >= 16)) return false;
  // All digits: a port, a phone number, an account or order id.
  if (/^\d+$/.test(value)) return false;
  const required = Math.min(3.0, Math.log2(value.length) - 0.7);
  return shannonEntropy(value) >= required;
}
