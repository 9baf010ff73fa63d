import type { SecretRule } from '../../../src/scanners/secrets/rule.js';

/** A rule for engine tests: only what the engine reads matters, the rest is filler. */
export function testRule(id: string, fields: Pick<SecretRule, 'keywords' | 'pattern'> & Partial<SecretRule>): SecretRule {
  return {
    id,
    title: id,
    provider: 'Test',
    confidence: 'high',
    severity: 'high',
    remediation: { revoke: 'Revoke it.', docsUrl: 'https://example.com/revoke' },
    examples: { positive: [] },
    ...fields,
  };
}

/** `tok_` followed by exactly 20 letters or digits, as a whole word. */
export const TOKEN_RULE = testRule('test-token', { keywords: ['tok_'], pattern: /\b(?<secret>tok_[A-Za-z0-9]{20})\b/ });

/** A PEM-like block whose body is the secret; it spans lines (LF or CRLF). */
export const KEY_BLOCK_RULE = testRule('test-key-block', {
  keywords: ['-----begin test key'],
  pattern: /-----BEGIN TEST KEY-----\r?\n(?<secret>(?:[A-Za-z0-9+/=]{1,64}\r?\n){1,50})-----END TEST KEY-----/,
  window: { before: 0, after: 4096 },
});

/** An id and a secret that only count together, like an AWS access key id and secret access key. */
export const KEY_ID_RULE = testRule('test-key-id', { keywords: ['kid_'], pattern: /\b(?<secret>kid_[A-Z0-9]{12})\b/ });
export const PAIRED_SECRET_RULE = testRule('test-paired-secret', {
  keywords: ['psk='],
  pattern: /psk=(?<secret>[A-Za-z0-9]{24})\b/,
  requires: { ruleId: 'test-key-id', withinLines: 2 },
});

export function randomToken(length = 20, seed = 1): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet[state % alphabet.length];
  }
  return out;
}
