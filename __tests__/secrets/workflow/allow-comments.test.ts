import { describe, it, expect } from '@jest/globals';
import { allowMarkerFor, allowMarkerOnLine, disabledBlocks, nextLineAllowMarker } from '../../../src/scanners/secrets/workflow/allow-comments.js';

describe('inline allow comments', () => {
  it.each([
    ['const key = "tok_x"; // devsecops:allow', 'devsecops:allow'],
    ['key: tok_x # gitleaks:allow', 'gitleaks:allow'],
    ['KEY=tok_x # trufflehog:ignore', 'trufflehog:ignore'],
    ['password = "hunter2"  # pragma: allowlist secret', 'pragma: allowlist secret'],
    ['password = "hunter2"  # pragma:allowlist secret', 'pragma: allowlist secret'],
    ['password = "hunter2"  # pragma: whitelist secret', 'pragma: allowlist secret'],
    ['const k = "tok_x"; // secretlint-disable-line', 'secretlint-disable-line'],
    ['const k = "tok_x"; // secretlint-disable-line @secretlint/secretlint-rule-preset-recommend', 'secretlint-disable-line'],
    ['/* devsecops:allow: documented example */ tok_x', 'devsecops:allow'],
  ])('a marker on the line itself allows it: %s', (line, marker) => {
    expect(allowMarkerOnLine(line)).toBe(marker);
  });

  it.each([
    'token = tok_x',
    'token = tok_x // gitleaks:allowed',
    'token = tok_x // notgitleaks:allow',
    'token = tok_x // devsecops:allow-list',
    'token = tok_x // trufflehog:ignored',
    'token = tok_x // secretlint-disable-line-x',
    '# pragma: allowlist secrets',
    '# pragma: allowlist nextline secret',
    'allow me, ignore this',
  ])('a marker that is not a whole token, or a next-line marker, does not allow the line: %s', (line) => {
    expect(allowMarkerOnLine(line)).toBeUndefined();
  });

  it('a next-line marker allows the line after it, not its own', () => {
    expect(nextLineAllowMarker('    # pragma: allowlist nextline secret')).toBe('pragma: allowlist nextline secret');
    expect(nextLineAllowMarker('// secretlint-disable-next-line')).toBe('secretlint-disable-next-line');
    expect(allowMarkerFor('api_key = "tok_x"', '# pragma: allowlist nextline secret')).toBe('pragma: allowlist nextline secret');
    expect(allowMarkerFor('api_key = "tok_x"', '// secretlint-disable-next-line')).toBe('secretlint-disable-next-line');
    expect(allowMarkerFor('api_key = "tok_x"', '// gitleaks:allow')).toBeUndefined();
    expect(allowMarkerFor('api_key = "tok_x"')).toBeUndefined();
    expect(allowMarkerFor('api_key = "tok_x" // gitleaks:allow', 'unrelated')).toBe('gitleaks:allow');
  });
});

describe('secretlint block comments', () => {
  it('switch off the lines from disable to enable, and to the end when never enabled', () => {
    const text = ['a', '// secretlint-disable', 'b', '/* secretlint-enable */', 'c', '# secretlint-disable no-aws', 'd', 'e'].join('\n');
    expect(disabledBlocks(text)).toEqual([
      { start: 2, end: 4 },
      { start: 6, end: 8 },
    ]);
  });

  it('ignore the line markers and look-alike words', () => {
    expect(disabledBlocks('x // secretlint-disable-line\ny // secretlint-disable-next-line\nmysecretlint-disabled')).toEqual([]);
  });
});
