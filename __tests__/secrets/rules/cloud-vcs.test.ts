import { describe, it, expect } from '@jest/globals';
import { CLOUD_VCS_RULES } from '../../../src/scanners/secrets/rules/cloud-vcs/index.js';
import {
  crc32,
  decodeBase62,
  hasGitHubChecksum,
  hasTrailingHexCrc32,
} from '../../../src/scanners/secrets/rules/cloud-vcs/support.js';
import { hasRoutableChecksum } from '../../../src/scanners/secrets/rules/cloud-vcs/gitlab.js';
import { hasCloudflareChecksum } from '../../../src/scanners/secrets/rules/cloud-vcs/cloudflare.js';
import { SEVERITIES } from '../../../src/core/severity.js';
import { referenceMatches } from '../support/reference-match.js';
import type { SecretRule } from '../../../src/scanners/secrets/rule.js';

/**
 * Every `+`, `*` or `{n,}` outside a character class, by position. Stricter
 * than "no unbounded quantifier on a class or `.`": none of these rules needs
 * an unbounded quantifier anywhere, so none is allowed.
 */
function findUnboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '+' || ch === '*') found.push(`${ch} at ${i}`);
    else if (ch === '{' && /^\{\d+,\}/.test(source.slice(i))) found.push(`{n,} at ${i}`);
  }
  return found;
}

function ruleById(id: string): SecretRule | undefined {
  return CLOUD_VCS_RULES.find((rule) => rule.id === id);
}

const ONE_MB = 1_000_000;

/** Inputs that make a careless pattern backtrack: one letter, the keyword over and over, a keyword then a long run. */
function adversarialInputs(rule: SecretRule): string[] {
  const keyword = rule.keywords[0] ?? 'a';
  return [
    'A'.repeat(ONE_MB),
    keyword.repeat(Math.ceil(ONE_MB / keyword.length)),
    keyword.toUpperCase().repeat(Math.ceil(ONE_MB / keyword.length)),
    `${keyword}=${'0aZ'.repeat(ONE_MB / 3)}`,
  ];
}

describe('the cloud and VCS rule set', () => {
  it('holds at least 70 rules', () => {
    expect(CLOUD_VCS_RULES.length).toBeGreaterThanOrEqual(70);
  });

  it('gives every rule a unique kebab-case id', () => {
    const ids = CLOUD_VCS_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('points every `requires` at a rule of the set', () => {
    for (const rule of CLOUD_VCS_RULES.filter((r) => r.requires)) {
      expect(ruleById(rule.requires?.ruleId ?? '')).toBeDefined();
    }
  });
});

for (const rule of CLOUD_VCS_RULES) {
  describe(`rule ${rule.id}`, () => {
    it('has lower-case keywords of at least 3 characters', () => {
      expect(rule.keywords.length).toBeGreaterThan(0);
      for (const keyword of rule.keywords) {
        expect(keyword).toBe(keyword.toLowerCase());
        expect(keyword.length).toBeGreaterThanOrEqual(3);
      }
    });

    it('has a pattern with a `secret` group, no g/y flag and only bounded quantifiers', () => {
      expect(rule.pattern.source).toContain('(?<secret>');
      expect(rule.pattern.flags).not.toMatch(/[gy]/);
      expect(findUnboundedQuantifiers(rule.pattern.source)).toEqual([]);
    });

    it('says how to revoke the credential and links the provider docs', () => {
      expect(rule.remediation.revoke.length).toBeGreaterThan(40);
      expect(new URL(rule.remediation.docsUrl).protocol).toBe('https:');
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.title.length).toBeGreaterThan(0);
      expect(rule.provider.length).toBeGreaterThan(0);
    });

    it('finds exactly one secret, present in the text, in every positive example', () => {
      expect(rule.examples.positive.length).toBeGreaterThan(0);
      for (const example of rule.examples.positive) {
        const lower = example.toLowerCase();
        expect(rule.keywords.some((keyword) => lower.includes(keyword))).toBe(true);
        const found = referenceMatches(rule, example);
        expect({ example, found: found.length }).toEqual({ example, found: 1 });
        expect(example).toContain(found[0]);
      }
    });

    it('finds nothing in its negative examples', () => {
      for (const example of rule.examples.negative ?? []) {
        expect({ example, found: referenceMatches(rule, example) }).toEqual({ example, found: [] });
      }
    });

    if (rule.requires) {
      const { ruleId, withinLines } = rule.requires;
      it(`has positive examples that also hold a ${ruleId} within ${withinLines} lines`, () => {
        const required = ruleById(ruleId);
        if (!required) throw new Error(`unknown rule ${ruleId}`);
        for (const example of rule.examples.positive) {
          expect(referenceMatches(required, example).length).toBeGreaterThan(0);
          expect(example.split('\n').length).toBeLessThanOrEqual(withinLines + 1);
        }
      });
    }

    it('returns on 1 MB of adversarial input', () => {
      const re = new RegExp(rule.pattern.source, `${rule.pattern.flags}g`);
      for (const input of adversarialInputs(rule)) {
        let count = 0;
        for (const _match of input.matchAll(re)) count++;
        expect(count).toBeGreaterThanOrEqual(0);
      }
    });
  });
}

describe('the unbounded-quantifier check', () => {
  it('flags `+`, `*` and `{n,}` on classes, escapes and dots', () => {
    expect(findUnboundedQuantifiers('[a-z]+')).toHaveLength(1);
    expect(findUnboundedQuantifiers('.*x')).toHaveLength(1);
    expect(findUnboundedQuantifiers(String.raw`\w{3,}`)).toHaveLength(1);
  });

  it('accepts bounded quantifiers and literal `+`/`*`', () => {
    expect(findUnboundedQuantifiers(String.raw`[+*/]{1,40}\+\*x{2,9}`)).toEqual([]);
  });
});

describe('checksums', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it('decodes base62 with digits, then upper case, then lower case', () => {
    expect(decodeBase62('10')).toBe(62);
    expect(decodeBase62('Z')).toBe(35);
    expect(decodeBase62('z')).toBe(61);
    expect(decodeBase62('a-b')).toBeUndefined();
  });

  it('accepts a GitHub token whose last six characters are its CRC-32 and rejects a one-character change', () => {
    const token = rule('github-pat-classic').examples.positive[0]?.split('=')[1] ?? '';
    expect(hasGitHubChecksum(token)).toBe(true);
    const last = token.at(-1) === 'a' ? 'b' : 'a';
    expect(hasGitHubChecksum(token.slice(0, -1) + last)).toBe(false);
    expect(hasGitHubChecksum(token.slice(0, -1))).toBe(false);
  });

  it('checks the trailing hex CRC-32 of Atlassian tokens', () => {
    const body = 'ATBB' + 'q'.repeat(24);
    const token = body + crc32(body).toString(16).toUpperCase().padStart(8, '0');
    expect(hasTrailingHexCrc32(token)).toBe(true);
    expect(hasTrailingHexCrc32(body + '00000000')).toBe(false);
  });

  it('checks the length and CRC-32 of GitLab routable tokens', () => {
    const payload = 'a'.repeat(27);
    const signed = `glpat-${payload}.01.0r`;
    const token = signed + crc32(signed).toString(36).padStart(7, '0');
    expect(hasRoutableChecksum(token)).toBe(true);
    expect(hasRoutableChecksum(token.replace('.0r', '.0s'))).toBe(false);
  });

  it('checks the CRC-32 of Cloudflare scannable tokens', () => {
    const body = 'k'.repeat(40);
    expect(hasCloudflareChecksum(`cfut_${body}${crc32(body).toString(16).padStart(8, '0')}`)).toBe(true);
    expect(hasCloudflareChecksum(`cfut_${body}00000000`)).toBe(false);
  });
});

function rule(id: string): SecretRule {
  const found = ruleById(id);
  if (!found) throw new Error(`unknown rule ${id}`);
  return found;
}
