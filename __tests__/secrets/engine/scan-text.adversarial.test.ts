import { describe, it, expect } from '@jest/globals';
import { compileRules } from '../../../src/scanners/secrets/engine/compile-rules.js';
import { scanText } from '../../../src/scanners/secrets/engine/scan-text.js';
import { KEY_BLOCK_RULE, TOKEN_RULE, randomToken, testRule } from './test-rules.js';

// These inputs used to make engines stall: each must come back with the right answer.
// No timings are asserted (CI machines vary); the suite's own time is the check.
const BASE64_RULE = testRule('test-base64-key', {
  keywords: ['b64key'],
  pattern: /b64key=(?<secret>[A-Za-z0-9+/]{32,64})(?![A-Za-z0-9+/])/,
});
const rules = compileRules([TOKEN_RULE, KEY_BLOCK_RULE, BASE64_RULE]);
const T1 = `tok_${randomToken(20, 7)}`;

function scan(text: string) {
  return scanText(text, { path: 'dist/app.min.js', rules });
}

describe('scanText on adversarial input', () => {
  it('scans 20 MB of one repeated character', () => {
    const text = `${'a'.repeat(20_000_000)} ${T1}`;
    expect(scan(text).matches.map((m) => [m.secret, m.startColumn])).toEqual([[T1, 20_000_002]]);
  });

  it('scans a 10 MB line of base64 with the keyword at its start', () => {
    const text = `b64key=${'QUJD'.repeat(2_500_000)}\n${T1}`;
    // The base64 run is far longer than 64 characters, so the bounded pattern must not match it.
    expect(scan(text).matches.map((m) => [m.rule.id, m.startLine])).toEqual([['test-token', 2]]);
  });

  it('scans a keyword repeated a million times', () => {
    const text = `${'tok_'.repeat(1_000_000)}\n${T1}\n`;
    const { matches, truncated } = scan(text);
    expect(truncated).toBeUndefined();
    expect(matches.map((m) => [m.secret, m.startLine])).toEqual([[T1, 2]]);
  });

  it('scans a 20 MB single line with a keyword every 100 bytes', () => {
    const chunk = `tok_${'-'.repeat(96)}`;
    const parts = Array.from({ length: 200_000 }, () => chunk);
    parts[123_456] = ` ${T1} ${'-'.repeat(100 - T1.length - 2)}`;
    const { matches } = scan(parts.join(''));
    expect(matches.map((m) => [m.secret, m.startLine, m.startColumn])).toEqual([[T1, 1, 123_456 * 100 + 2]]);
  });

  it('scans a key header repeated without an end, each opening a 4 KB window', () => {
    const text = '-----BEGIN TEST KEY-----\nAAAA\n'.repeat(200_000);
    expect(scan(text).matches).toEqual([]);
  });

  it('stops a pathological file at the time budget and says how far it got', () => {
    // Nested bounded quantifiers backtrack on a run of "a" with no "!": about 0.4 ms per
    // window, slow on purpose, so 5,000 windows would take seconds without the budget.
    const slow = compileRules([
      testRule('test-slow', { keywords: ['slow'], pattern: /slow(?<secret>(?:a{1,6}){1,6}!)/, window: { before: 0, after: 40 } }),
    ]);
    const text = `slow${'a'.repeat(30)}${' '.repeat(100)}`.repeat(5_000);
    const { matches, truncated } = scanText(text, { path: 'x', rules: slow, timeBudgetMs: 10 });
    expect(matches).toEqual([]);
    expect(truncated).toBeDefined();
    expect(truncated?.cause).toBe('time budget');
    expect(truncated?.atOffset).toBeLessThan(text.length);
    expect(truncated?.reason).toMatch(/^scan cut short after \d+ ms at offset \d+ \(time budget\)$/);
  });

  it('stops at a deadline already passed before scanning anything', () => {
    const { truncated } = scanText(`${'tok_ '.repeat(200_000)}`, { path: 'x', rules, deadline: Date.now() - 1 });
    expect(truncated?.cause).toBe('deadline');
  });
});
