import { describe, it, expect } from '@jest/globals';
import { STRUCTURED_RULES } from '../../../src/scanners/secrets/rules/structured/index.js';
import { GENERIC_RULES } from '../../../src/scanners/secrets/rules/generic/index.js';
import { referenceMatches } from '../support/reference-match.js';
import { kept } from '../filters/scan-with-filters.js';

describe('examples', () => {
  for (const rule of [...STRUCTURED_RULES, ...GENERIC_RULES]) {
    for (const p of rule.examples.positive) {
      it(`${rule.id} + ${p.slice(0, 60)}`, () => {
        expect(kept([rule], p, 'src/app/settings.yaml').length).toBeGreaterThan(0);
      });
    }
    for (const n of rule.examples.negative ?? []) {
      it(`${rule.id} - ${n.slice(0, 60)}`, () => {
        expect(referenceMatches(rule, n)).toEqual([]);
      });
    }
  }
});
