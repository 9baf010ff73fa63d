import type { SecretRule } from '../../../src/scanners/secrets/rule.js';

/** Shannon entropy in bits per character. */
export function entropyOf(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * A slow, obvious reference for testing one rule on its own: the rule's
 * pattern over the whole text (no keyword prefilter, no windows), then its
 * keyword, entropy and verify checks. The real engine must agree with it on
 * every rule's examples (see rule-examples.test.ts).
 */
export function referenceMatches(rule: SecretRule, text: string): string[] {
  const lower = text.toLowerCase();
  if (!rule.keywords.some((k) => lower.includes(k))) return [];
  const flags = rule.pattern.flags.replace(/[gy]/g, '');
  const re = new RegExp(rule.pattern.source, `${flags}g`);
  const found: string[] = [];
  for (const m of text.matchAll(re)) {
    const secret = m.groups?.['secret'];
    if (secret === undefined) throw new Error(`${rule.id}: the pattern has no named group "secret"`);
    if (rule.minEntropy !== undefined && entropyOf(secret) < rule.minEntropy) continue;
    if (rule.verify && !rule.verify(secret, m.groups ?? {})) continue;
    found.push(secret);
  }
  return found;
}
