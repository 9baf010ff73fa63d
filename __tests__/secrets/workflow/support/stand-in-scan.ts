import type { SecretRule } from '../../../../src/scanners/secrets/rule.js';
import type { SecretMatch } from '../../../../src/scanners/secrets/types.js';

/**
 * A stand-in for the engine's scanText until it exists: one rule for a fake
 * token format `tok_` + 20 alphanumerics, found anywhere in the text, with
 * exact 1-based lines and columns.
 */
export const FAKE_TOKEN_RULE: SecretRule = {
  id: 'fake-token',
  title: 'Fake token',
  provider: 'Test',
  keywords: ['tok_'],
  pattern: /(?<secret>tok_[A-Za-z0-9]{20})/,
  confidence: 'high',
  severity: 'high',
  remediation: { revoke: 'Revoke it.', docsUrl: 'https://example.com' },
  examples: { positive: ['tok_AAAAAAAAAAAAAAAAAAAA'] },
};

export function fakeToken(seed: string): string {
  return `tok_${seed.replace(/[^A-Za-z0-9]/g, '').padEnd(20, 'x').slice(0, 20)}`;
}

export function standInScan(text: string, path: string): SecretMatch[] {
  const matches: SecretMatch[] = [];
  const lines = text.split('\n');
  lines.forEach((lineText, index) => {
    for (const m of lineText.matchAll(/tok_[A-Za-z0-9]{20}/g)) {
      const column = (m.index ?? 0) + 1;
      matches.push({
        rule: FAKE_TOKEN_RULE,
        secret: m[0],
        path,
        startLine: index + 1,
        startColumn: column,
        endLine: index + 1,
        endColumn: column + m[0].length,
        lineText,
      });
    }
  });
  return matches;
}
