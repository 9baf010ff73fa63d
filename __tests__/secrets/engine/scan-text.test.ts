import { describe, it, expect } from '@jest/globals';
import { compileRules } from '../../../src/scanners/secrets/engine/compile-rules.js';
import { MAX_LINE_TEXT_CHARS, MAX_MATCHES_PER_TEXT, scanText } from '../../../src/scanners/secrets/engine/scan-text.js';
import type { SecretMatch } from '../../../src/scanners/secrets/types.js';
import { KEY_BLOCK_RULE, KEY_ID_RULE, PAIRED_SECRET_RULE, TOKEN_RULE, randomToken, testRule } from './test-rules.js';

const rules = compileRules([TOKEN_RULE, KEY_BLOCK_RULE, KEY_ID_RULE, PAIRED_SECRET_RULE]);
const T1 = `tok_${randomToken(20, 1)}`;
const T2 = `tok_${randomToken(20, 2)}`;

function scan(text: string, compiled = rules) {
  return scanText(text, { path: 'src/app.ts', rules: compiled });
}

function where(match: SecretMatch) {
  return { rule: match.rule.id, secret: match.secret, at: [match.startLine, match.startColumn, match.endLine, match.endColumn] };
}

describe('scanText', () => {
  it('finds a secret at the very start of a text, at line 1 column 1', () => {
    const { matches, truncated } = scan(`${T1} is the token`);
    expect(truncated).toBeUndefined();
    expect(matches.map(where)).toEqual([{ rule: 'test-token', secret: T1, at: [1, 1, 1, 25] }]);
    expect(matches[0]?.lineText).toBe(`${T1} is the token`);
    expect(matches[0]?.path).toBe('src/app.ts');
  });

  it('finds a secret at the very end of a text with no final newline', () => {
    const text = `first line\nsecond = ${T1}`;
    expect(scan(text).matches.map(where)).toEqual([{ rule: 'test-token', secret: T1, at: [2, 10, 2, 34] }]);
  });

  it('gives two secrets on one line their own columns', () => {
    const text = `a=${T1};b=${T2}`;
    expect(scan(text).matches.map(where)).toEqual([
      { rule: 'test-token', secret: T1, at: [1, 3, 1, 27] },
      { rule: 'test-token', secret: T2, at: [1, 30, 1, 54] },
    ]);
  });

  it('counts CRLF as one line break and a lone CR as one too', () => {
    const text = `one\r\ntwo\r\n  ${T1}\rfour\r${T2}\n`;
    const found = scan(text).matches;
    expect(found.map(where)).toEqual([
      { rule: 'test-token', secret: T1, at: [3, 3, 3, 27] },
      { rule: 'test-token', secret: T2, at: [5, 1, 5, 25] },
    ]);
    expect(found.map((m) => m.lineText)).toEqual([`  ${T1}`, T2]);
  });

  it('counts columns in UTF-16 code units, as SARIF does', () => {
    // "é" is one code unit, "😀" two.
    const text = `é😀 ${T1}`;
    expect(scan(text).matches.map(where)).toEqual([{ rule: 'test-token', secret: T1, at: [1, 5, 1, 29] }]);
  });

  it('finds a multi-line key block across CRLF lines, ending on the line after its body', () => {
    const text = 'x\r\n-----BEGIN TEST KEY-----\r\nAAAA\r\nBBBB\r\n-----END TEST KEY-----\r\n';
    const [match, ...rest] = scan(text).matches;
    expect(rest).toEqual([]);
    expect(match && where(match)).toEqual({ rule: 'test-key-block', secret: 'AAAA\r\nBBBB\r\n', at: [3, 1, 5, 1] });
    expect(match?.lineText).toBe('AAAA');
  });

  it('reports a secret once when the windows of many nearby keyword hits overlap', () => {
    // Every "tok_" opens a window that covers the others.
    const text = `tok_ tok_ tok_ ${T1} tok_ tok_ ${T2} tok_tok_`;
    expect(scan(text).matches.map((m) => m.secret)).toEqual([T1, T2]);
  });

  it('finds matches whose keyword lies in a window merged from far away hits', () => {
    // Hits every 200 characters merge into one long window that is scanned in pieces.
    const filler = 'x'.repeat(195);
    const parts: string[] = [];
    const planted: string[] = [];
    for (let i = 0; i < 2000; i += 1) {
      if (i % 97 === 0) {
        const token = `tok_${randomToken(20, i + 10)}`;
        planted.push(token);
        parts.push(` ${token} `);
      } else parts.push(`tok_ ${filler}`);
    }
    expect(scan(parts.join('')).matches.map((m) => m.secret)).toEqual(planted);
  });

  it('keeps a match of a rule with `requires` only when the required rule matched within its lines', () => {
    const keyId = `kid_${randomToken(12, 3).toUpperCase()}`;
    const secret = randomToken(24, 4);
    const near = `id: ${keyId}\n\nsecret: psk=${secret}\n`;
    expect(scan(near).matches.map((m) => m.rule.id)).toEqual(['test-key-id', 'test-paired-secret']);
    const far = `id: ${keyId}\n\n\n\nsecret: psk=${secret}\n`;
    expect(scan(far).matches.map((m) => m.rule.id)).toEqual(['test-key-id']);
    const before = `secret: psk=${secret}\nid: ${keyId}\n`;
    expect(scan(before).matches.map((m) => m.rule.id)).toEqual(['test-paired-secret', 'test-key-id']);
    expect(scan(`psk=${secret}`).matches).toEqual([]);
  });

  it('drops matches below minEntropy and those verify rejects', () => {
    const compiled = compileRules([
      testRule('entropy', { keywords: ['ent_'], pattern: /ent_(?<secret>[a-z]{16})/, minEntropy: 3 }),
      testRule('checked', { keywords: ['chk_'], pattern: /chk_(?<secret>[0-9]{4})/, verify: (s) => Number(s) % 7 === 0 }),
    ]);
    const { matches } = scan('ent_aaaaaaaaaaaaaaaa ent_qwertyuiopasdfgh chk_0013 chk_0014', compiled);
    expect(matches.map((m) => m.secret)).toEqual(['qwertyuiopasdfgh', '0014']);
  });

  it('passes every surviving match to the false-positive filter, which can drop it', () => {
    const seen: string[] = [];
    const compiled = compileRules([TOKEN_RULE], {
      explainFalsePositive: ({ secret, path, lineText, rule }) => {
        seen.push(`${rule.id} ${path} ${lineText}`);
        return secret === T2 ? 'a placeholder' : undefined;
      },
    });
    const { matches } = scan(`${T1}\n${T2}`, compiled);
    expect(matches.map((m) => m.secret)).toEqual([T1]);
    expect(seen).toEqual([`test-token src/app.ts ${T1}`, `test-token src/app.ts ${T2}`]);
  });

  it('matches keywords case-insensitively and leaves case to the pattern', () => {
    const compiled = compileRules([testRule('upper', { keywords: ['akia'], pattern: /\b(?<secret>AKIA[A-Z2-7]{16})\b/ })]);
    expect(scan('key = AKIAABCDEFGHIJKLMNOP; akiaabcdefghijklmnop', compiled).matches.map((m) => m.secret)).toEqual([
      'AKIAABCDEFGHIJKLMNOP',
    ]);
  });

  it('lets a lookbehind see the text before a window, not the edge of a slice', () => {
    // The window starts mid-word; a pattern that wants a word boundary must not match there.
    const compiled = compileRules([
      testRule('bounded', { keywords: ['marker'], pattern: /(?<![A-Za-z])(?<secret>[a-z]{6})marker/, window: { before: 6, after: 0 } }),
    ]);
    expect(scan('xxabcdefmarker', compiled).matches).toEqual([]);
    expect(scan('  abcdefmarker', compiled).matches.map((m) => m.secret)).toEqual(['abcdef']);
  });

  it('cuts a very long line to the part around the secret in lineText', () => {
    const text = `${'y'.repeat(100_000)} ${T1} ${'z'.repeat(100_000)}`;
    const [match] = scan(text).matches;
    expect(match?.startColumn).toBe(100_002);
    expect(match?.lineText.length).toBeLessThanOrEqual(MAX_LINE_TEXT_CHARS + 24);
    expect(match?.lineText).toContain(T1);
  });

  it('stops after MAX_MATCHES_PER_TEXT matches and says the text was cut short', () => {
    const text = Array.from({ length: MAX_MATCHES_PER_TEXT + 50 }, (_, i) => `tok_${randomToken(20, i)}`).join('\n');
    const { matches, truncated } = scan(text);
    expect(matches).toHaveLength(MAX_MATCHES_PER_TEXT);
    expect(truncated?.cause).toBe('match limit');
    expect(truncated?.reason).toMatch(/^scan cut short at offset \d+ after 1000 matches \(match limit\)$/);
    // Everything before the offset reached was scanned: the last match starts before it.
    expect(truncated?.atOffset).toBeGreaterThan(text.indexOf(matches.at(-1)?.secret ?? '?'));
  });

  it('finds nothing in an empty text or one without keywords', () => {
    expect(scan('')).toEqual({ matches: [] });
    expect(scan('nothing to see here\n')).toEqual({ matches: [] });
  });

  it('runs a rule without keywords over the whole text', () => {
    const compiled = compileRules([testRule('everywhere', { keywords: [], pattern: /\b(?<secret>zz[0-9]{6})\b/ })]);
    const text = `${'filler '.repeat(20_000)}zz123456\n${'more '.repeat(20_000)}zz654321`;
    expect(scan(text, compiled).matches.map(where)).toEqual([
      { rule: 'everywhere', secret: 'zz123456', at: [1, 140_001, 1, 140_009] },
      { rule: 'everywhere', secret: 'zz654321', at: [2, 100_001, 2, 100_009] },
    ]);
  });
});

describe('same-line windows', () => {
  // The secret comes just before a `=key:` marker keyword.
  const pattern = /(?<secret>[A-Za-z0-9]{20})\s{0,3}=key:/;
  const sameLine = compileRules([testRule('test-same-line', { keywords: ['=key:'], pattern, window: { before: 64, after: 8, sameLine: true } })]);
  const anyLine = compileRules([testRule('test-any-line', { keywords: ['=key:'], pattern, window: { before: 64, after: 8 } })]);
  const value = randomToken(20, 7);

  it('finds what is on the keyword line', () => {
    expect(scan(`a\n${value} =key:\nb`, sameLine).matches.map((m) => m.secret)).toEqual([value]);
  });

  it('does not start a match on the line before, where a plain window would', () => {
    const text = `${value}\n=key:\n`;
    expect(scan(text, sameLine).matches).toEqual([]);
    expect(scan(text, anyLine).matches.map((m) => m.secret)).toEqual([value]);
  });

  it('stays linear on a minified one-line file with a keyword every few characters', () => {
    const line = `${'short =key: '.repeat(200_000)}${value}=key:`;
    const { matches, truncated } = scanText(line, { path: 'app.min.js', rules: sameLine });
    expect(truncated).toBeUndefined();
    expect(matches.map((m) => m.secret)).toEqual([value]);
  });
});
