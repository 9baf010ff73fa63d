import { describe, it, expect } from '@jest/globals';
import { RegexTranslationError, translateGoRegex } from '../../../src/scanners/secrets/workflow/go-regex.js';

function compile(go: string): RegExp {
  const { source, flags } = translateGoRegex(go);
  return new RegExp(source, flags);
}

describe('Go RE2 regexes in JavaScript', () => {
  it('turns a leading (?i) into the i flag without a warning', () => {
    const t = translateGoRegex('(?i)(?:api[_-]?key)["\']?\\s*[:=]\\s*([a-z0-9]{32})');
    expect(t.flags).toBe('i');
    expect(t.warnings).toEqual([]);
    expect(new RegExp(t.source, t.flags).exec('API_KEY = 0123456789abcdef0123456789ABCDEF')?.[1]).toHaveLength(32);
  });

  it('widens a later flag group to the whole expression and says so', () => {
    const t = translateGoRegex('prefix_(?i:[a-z]{4})');
    expect(t.flags).toBe('i');
    expect(t.source).toBe('prefix_(?:[a-z]{4})');
    expect(t.warnings[0]).toMatch(/whole expression.*broader/);
  });

  it('translates named groups, \\A, \\z, \\Q…\\E, \\pL, \\x{…} and POSIX classes', () => {
    expect(compile('(?P<secret>[0-9a-f]{8})').exec('id=deadbeef')?.groups?.['secret']).toBe('deadbeef');
    expect(compile('\\Aabc\\z').test('abc')).toBe(true);
    expect(compile('\\Aabc\\z').test('abc\n')).toBe(false);
    expect(compile('(?m)\\Aabc\\z').test('x\nabc')).toBe(false);
    expect(compile('\\Qa.b*c\\E').test('a.b*c')).toBe(true);
    expect(compile('\\Qa.b*c\\E').test('axbbc')).toBe(false);
    expect(compile('^\\pL+$').test('héllo')).toBe(true);
    expect(compile('\\x{1F511}').test('🔑')).toBe(true);
    expect(compile('^[[:alnum:]_]{3}$').test('a_1')).toBe(true);
    expect(compile('^[[:xdigit:]]+$').test('cafeZ')).toBe(false);
  });

  it('keeps a ] first in a class as a literal, as RE2 does', () => {
    expect(compile('^[]a]+$').test(']a]')).toBe(true);
    expect(compile('^[^]a]+$').test('bc')).toBe(true);
    expect(compile('^[^]a]+$').test('b]')).toBe(false);
  });

  it.each([
    ['(?U)a+', /ungreedy/],
    ['a\\Cb', /any byte/],
    ['[[:^alpha:]]', /negated POSIX/],
    ['(a', /does not compile in JavaScript/],
    ['[abc', /not closed/],
  ])('refuses %s with a clear reason', (go, reason) => {
    expect(() => translateGoRegex(go)).toThrow(RegexTranslationError);
    expect(() => translateGoRegex(go)).toThrow(reason);
  });
});
