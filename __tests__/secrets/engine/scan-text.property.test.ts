import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { compileRules } from '../../../src/scanners/secrets/engine/compile-rules.js';
import { scanText } from '../../../src/scanners/secrets/engine/scan-text.js';
import { KEY_BLOCK_RULE, TOKEN_RULE } from './test-rules.js';

const rules = compileRules([TOKEN_RULE]);
const allRules = compileRules([TOKEN_RULE, KEY_BLOCK_RULE]);

/** Filler that cannot form or touch a token: no letters or digits, but line breaks of every kind. */
const filler = fc.string({ unit: fc.constantFrom(' ', '-', '.', '\n', '\r', '\r\n', 'é', '😀', '\t', '='), maxLength: 400 });
const tokenBody = fc.string({ unit: fc.constantFrom(...'ABCxyz0189'), minLength: 20, maxLength: 20 });

/** Line and column (1-based, UTF-16) of an offset, counting CRLF, LF and lone CR as one break each. */
function position(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return [line, offset - lineStart + 1];
}

describe('scanText (property)', () => {
  it('finds exactly the planted tokens, at their line and column', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, tokenBody), { maxLength: 12 }), filler, (pieces, tail) => {
        let text = '';
        const expected: { secret: string; at: number[] }[] = [];
        for (const [gap, body] of pieces) {
          text += `${gap} `;
          const secret = `tok_${body}`;
          const [line, column] = position(text, text.length);
          expected.push({ secret, at: [line, column, line, column + secret.length] });
          text += `${secret} `;
        }
        text += tail;
        const found = scanText(text, { path: 'p', rules }).matches.map((m) => ({
          secret: m.secret,
          at: [m.startLine, m.startColumn, m.endLine, m.endColumn],
        }));
        expect(found).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and reports only positions inside the text, on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('tok_', '-----BEGIN TEST KEY-----\r\n', 'A', '\r', '\n'), fc.string({ unit: 'binary' })), maxLength: 200 }), (text) => {
        const { matches } = scanText(text, { path: 'p', rules: allRules });
        for (const m of matches) {
          expect(m.startLine).toBeGreaterThanOrEqual(1);
          expect(m.startColumn).toBeGreaterThanOrEqual(1);
          expect(text).toContain(m.secret);
        }
      }),
      { numRuns: 500 },
    );
  });
});
