import { describe, it, expect } from '@jest/globals';
import { SERVICE_RULES } from '../../../src/scanners/secrets/rules/services/index.js';
import { referenceMatches } from '../support/reference-match.js';

/**
 * Quantifiers that can repeat without limit (`+`, `*`, `{n,}`), found by
 * walking the pattern source: escapes and character-class contents are
 * skipped, so `[+*]` or `\+` are literals, not quantifiers.
 */
function findUnboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '[') {
      i += 1;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i += 1;
      continue;
    }
    if (ch === '+' || ch === '*') {
      found.push(source.slice(Math.max(0, i - 12), i + 1));
    } else if (ch === '{') {
      const open = /^\{\d+,\}/.exec(source.slice(i));
      if (open) found.push(source.slice(Math.max(0, i - 12), i + open[0].length));
    }
    i += 1;
  }
  return found;
}

const byId = new Map(SERVICE_RULES.map((rule) => [rule.id, rule]));

describe('service secret rules', () => {
  it('number at least 75', () => {
    expect(SERVICE_RULES.length).toBeGreaterThanOrEqual(75);
  });

  it('have unique kebab-case ids that start with their provider', () => {
    const ids = SERVICE_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of SERVICE_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)+$/);
      const first = rule.id.split('-')[0] ?? '';
      const provider = rule.provider.toLowerCase().replace(/[^a-z0-9]/g, '');
      // The id names the product people search for: `onepassword-…` for
      // 1Password, `twitter-…` for X, `facebook-…` for Meta, `braintree-…` for
      // PayPal; `new-relic-…` and `microsoft-teams-…` split the name.
      const aliases: Record<string, string> = {
        onepassword: '1password',
        twitter: 'x',
        facebook: 'meta',
        braintree: 'paypal',
        microsoft: 'microsoftteams',
        new: 'newrelic',
      };
      expect([provider, provider.replace(/ai$/, '')]).toContain(aliases[first] ?? first);
    }
  });

  it('use lower-case keywords of at least 3 characters', () => {
    for (const rule of SERVICE_RULES) {
      expect(rule.keywords.length).toBeGreaterThan(0);
      for (const keyword of rule.keywords) {
        expect(keyword).toBe(keyword.toLowerCase());
        expect(keyword.length).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('use only bounded quantifiers and no g/y flags', () => {
    for (const rule of SERVICE_RULES) {
      expect({ id: rule.id, unbounded: findUnboundedQuantifiers(rule.pattern.source) }).toEqual({ id: rule.id, unbounded: [] });
      expect(rule.pattern.flags).not.toMatch(/[gy]/);
      expect(rule.pattern.source).toContain('(?<secret>');
    }
  });

  it('pair only with rules that exist in the set', () => {
    for (const rule of SERVICE_RULES.filter((r) => r.requires)) {
      expect(byId.has(rule.requires?.ruleId ?? '')).toBe(true);
    }
  });

  it('say how to revoke, with an https link to the provider', () => {
    for (const rule of SERVICE_RULES) {
      expect(rule.remediation.revoke.length).toBeGreaterThan(40);
      expect(rule.remediation.docsUrl).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//);
    }
  });

  it('does not flag the self-check of the quantifier walker', () => {
    expect(findUnboundedQuantifiers(String.raw`a[+*]\+b{1,3}`)).toEqual([]);
    expect(findUnboundedQuantifiers(String.raw`a[a-z]+b`)).toHaveLength(1);
    expect(findUnboundedQuantifiers(String.raw`a.{2,}`)).toHaveLength(1);
  });

  describe.each(SERVICE_RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
    it('has a positive example', () => {
      expect(rule.examples.positive.length).toBeGreaterThan(0);
    });

    it.each(rule.examples.positive.map((line) => [line]))('finds exactly one secret in %s', (line) => {
      const found = referenceMatches(rule, line);
      expect(found).toHaveLength(1);
      expect(line).toContain(found[0]);
    });

    const negatives = rule.examples.negative ?? [];
    if (negatives.length > 0) {
      it.each(negatives.map((line) => [line]))('finds nothing in %s', (line) => {
        expect(referenceMatches(rule, line)).toEqual([]);
      });
    }

    it('has a keyword in every positive example, and no keyword that none uses', () => {
      for (const line of rule.examples.positive) {
        expect(rule.keywords.some((k) => line.toLowerCase().includes(k))).toBe(true);
      }
      for (const keyword of rule.keywords) {
        expect(rule.examples.positive.some((line) => line.toLowerCase().includes(keyword))).toBe(true);
      }
    });

    it('returns on 1 MB of adversarial input', () => {
      const prefix = rule.keywords[0] ?? 'a';
      const flags = rule.pattern.flags.replace(/[gy]/g, '');
      const re = new RegExp(rule.pattern.source, `${flags}g`);
      for (const text of [prefix.repeat(Math.ceil(1_000_000 / prefix.length)), 'A'.repeat(1_000_000)]) {
        re.lastIndex = 0;
        expect(Array.isArray([...text.matchAll(re)])).toBe(true);
      }
    });
  });
});
