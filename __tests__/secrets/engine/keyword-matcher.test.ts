import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { KeywordMatcher } from '../../../src/scanners/secrets/engine/keyword-matcher.js';

/** Every (keyword, end) the obvious way: each keyword at each position, case-folded. */
function naiveHits(keywords: string[], text: string): string[] {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const hits: string[] = [];
  for (let end = 1; end <= text.length; end += 1) {
    keywords.forEach((k, index) => {
      if (end >= k.length && lower.startsWith(k, end - k.length)) hits.push(`${index}@${end}`);
    });
  }
  return hits;
}

function matcherHits(keywords: string[], text: string, slice = text.length || 1): string[] {
  const matcher = new KeywordMatcher(keywords);
  const hits: string[] = [];
  let state = matcher.initialState;
  for (let from = 0; from < text.length; from += slice) {
    state = matcher.scan(text, from, Math.min(text.length, from + slice), state, (k, end) => hits.push(`${k}@${end}`));
  }
  // Within one end position the order of keywords is not part of the contract.
  return hits.sort((a, b) => Number(a.split('@')[1]) - Number(b.split('@')[1]) || a.localeCompare(b));
}

describe('KeywordMatcher', () => {
  it('finds overlapping keywords and keywords inside others, case-insensitively', () => {
    const keywords = ['key', 'apikey', 'pike', 'ghp_'];
    const text = 'APIKEY ghp_GHP_ pikey';
    expect(matcherHits(keywords, text)).toEqual(naiveHits(keywords, text).sort((a, b) => Number(a.split('@')[1]) - Number(b.split('@')[1]) || a.localeCompare(b)));
    expect(matcherHits(keywords, text)).toContain('1@6');
  });

  it('agrees with a naive search on random keywords and texts, scanned whole or in slices', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', 'B', '_', 'é', '-', ' ');
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '_', 'é', '-'), minLength: 3, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.string({ unit: alphabet, maxLength: 120 }),
        fc.integer({ min: 1, max: 9 }),
        (raw, text, slice) => {
          const keywords = [...new Set(raw)];
          const expected = naiveHits(keywords, text).sort((a, b) => Number(a.split('@')[1]) - Number(b.split('@')[1]) || a.localeCompare(b));
          expect(matcherHits(keywords, text)).toEqual(expected);
          expect(matcherHits(keywords, text, slice)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
