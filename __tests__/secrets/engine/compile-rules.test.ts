import { describe, it, expect } from '@jest/globals';
import { UsageError } from '../../../src/core/errors.js';
import { compileRules } from '../../../src/scanners/secrets/engine/compile-rules.js';
import { customRuleToSecretRule, findUnboundedQuantifier } from '../../../src/scanners/secrets/engine/custom-rule.js';
import { scanText } from '../../../src/scanners/secrets/engine/scan-text.js';
import { TOKEN_RULE, testRule } from './test-rules.js';

function compileError(...rules: Parameters<typeof compileRules>[0]): string {
  try {
    compileRules(rules);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected compileRules to throw');
}

describe('compileRules', () => {
  it('names the rule and the problem in a one-line error', () => {
    expect(compileError(TOKEN_RULE, TOKEN_RULE)).toBe('Secrets rule "test-token": the id is used by more than one rule');
    expect(compileError(testRule('short', { keywords: ['ab'], pattern: /(?<secret>ab)/ }))).toBe(
      'Secrets rule "short": keyword "ab" must be lower-case and at least 3 characters long',
    );
    expect(compileError(testRule('upper', { keywords: ['AKIA'], pattern: /(?<secret>AKIA)/ }))).toMatch(/"upper": keyword "AKIA" must be lower-case/);
    expect(compileError(testRule('nogroup', { keywords: ['abc'], pattern: /abc(def)/ }))).toBe(
      'Secrets rule "nogroup": the pattern must capture the credential in a named group "secret": (?<secret>…)',
    );
    expect(compileError(testRule('global', { keywords: ['abc'], pattern: /abc(?<secret>d)/g }))).toMatch(/"global": the pattern must not set the g or y flag/);
    expect(compileError(testRule('lonely', { keywords: ['abc'], pattern: /abc(?<secret>d)/, requires: { ruleId: 'gone', withinLines: 3 } }))).toBe(
      'Secrets rule "lonely": it requires rule "gone", which is not in the rule set (disabled or unknown): disable both or neither',
    );
    expect(compileError(testRule('Bad Id', { keywords: ['abc'], pattern: /(?<secret>abc)/ }))).toMatch(/^Secrets rule "Bad Id": expected an id/);
  });

  it('shares one keyword between the rules that own it', () => {
    const a = testRule('a', { keywords: ['key'], pattern: /key=(?<secret>a{3})/ });
    const b = testRule('b', { keywords: ['key', 'other'], pattern: /key=(?<secret>b{3})/ });
    const compiled = compileRules([a, b]);
    expect(compiled.matcher.keywords).toEqual(['key', 'other']);
    expect(scanText('key=aaa key=bbb', { path: 'p', rules: compiled }).matches.map((m) => `${m.rule.id}:${m.secret}`)).toEqual(['a:aaa', 'b:bbb']);
  });
});

describe('customRuleToSecretRule', () => {
  it('turns plain data from the config into a rule the engine runs', () => {
    const rule = customRuleToSecretRule({ id: 'acme-key', regex: 'ACME-(?<secret>[0-9a-f]{16})', keywords: ['ACME-'], entropy: 2, severity: 'critical' });
    expect(rule).toMatchObject({ id: 'acme-key', title: 'acme-key', provider: 'Custom', keywords: ['acme-'], minEntropy: 2, severity: 'critical', secretGroup: 'secret' });
    const found = scanText('x = "ACME-0123456789abcdef"', { path: 'p', rules: compileRules([rule]) }).matches;
    expect(found.map((m) => [m.secret, m.startColumn])).toEqual([['0123456789abcdef', 11]]);
  });

  it('takes the secret from a numbered group, or the whole match when no group is named (in text order)', () => {
    const numbered = customRuleToSecretRule({ id: 'n', regex: '(corp)_([A-Z]{8})', secretGroup: 2, keywords: ['corp_'] });
    const whole = customRuleToSecretRule({ id: 'w', regex: 'corp_[A-Z]{8}', keywords: ['corp_'] });
    const compiled = compileRules([numbered, whole]);
    expect(scanText('corp_ABCDEFGH', { path: 'p', rules: compiled }).matches.map((m) => `${m.rule.id}:${m.secret}`)).toEqual([
      'w:corp_ABCDEFGH',
      'n:ABCDEFGH',
    ]);
  });

  it('runs everywhere when a keyword is too short to narrow the search', () => {
    expect(customRuleToSecretRule({ id: 's', regex: 'x(?<secret>[0-9]{8})', keywords: ['x', 'xy_long'] }).keywords).toEqual([]);
  });

  it('says which rule is wrong and why', () => {
    expect(() => customRuleToSecretRule({ id: 'bad', regex: '(unclosed', origin: '.github/devsecops.yml' })).toThrow(
      'Secrets rule "bad" (.github/devsecops.yml): the regex does not compile (Unterminated group)',
    );
    expect(() => customRuleToSecretRule({ id: 'flags', regex: 'a', flags: 'g' })).toThrow('Secrets rule "flags": flags "g": expected letters from "imsu"');
    expect(() => customRuleToSecretRule({ id: 'grp', regex: '(a)', secretGroup: 3 })).toThrow(
      'Secrets rule "grp": secretGroup 3 does not exist (the regex has 1 capture groups)',
    );
  });

  it('points out unbounded quantifiers outside classes and escapes', () => {
    expect(findUnboundedQuantifier('key=[A-Z+*]{8,40}\\+')).toBeUndefined();
    expect(findUnboundedQuantifier('key\\s*=')).toBe('*');
    expect(findUnboundedQuantifier('a{2,}')).toBe('{2,}');
  });
});
