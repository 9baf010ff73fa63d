import { describe, expect, it } from '@jest/globals';
import { compileGlob, GlobSyntaxError, normalizeGlobPath } from '../../src/scanners/policy/glob.js';

function pathMatches(pattern: string, path: string): boolean {
  return compileGlob(pattern, 'path')(path);
}

function idMatches(pattern: string, id: string): boolean {
  return compileGlob(pattern, 'id')(id);
}

describe('path globs', () => {
  it.each([
    ['legacy/**', 'legacy/admin/ui.js', true],
    ['legacy/**', 'legacy/a.js', true],
    ['legacy/**', 'legacy-old/a.js', false],
    ['legacy/**', 'src/legacy/a.js', false],
    ['**/legacy/**', 'src/legacy/a.js', true],
    ['**/legacy/**', 'legacy/a.js', true],
    ['a/**/b.js', 'a/b.js', true],
    ['a/**/b.js', 'a/x/y/b.js', true],
    ['a/**/b.js', 'a/x/y/c.js', false],
    ['**/test/*.js', 'pkg/test/a.js', true],
    ['**/test/*.js', 'test/a.js', true],
    ['**/test/*.js', 'pkg/test/sub/a.js', false],
  ])('"**" spans directories: %s against %s is %s', (pattern, path, expected) => {
    expect(pathMatches(pattern, path)).toBe(expected);
  });

  it.each([
    ['*.min.js', 'vendor/jquery.min.js', true],
    ['*.min.js', 'jquery.min.js', true],
    ['*.min.js', 'jquery.js', false],
    ['vendor', 'vendor/a/b.js', true],
    ['vendor', 'src/vendor/b.js', true],
    ['vendor', 'vendors/b.js', false],
    ['/build', 'build/out.js', true],
    ['/build', 'src/build/out.js', false],
    ['src/*.js', 'src/a.js', true],
    ['src/*.js', 'src/a/b.js', false],
    ['src/*.js', 'lib/src/a.js', false],
    ['build/', 'build/out.js', true],
    ['build/', 'build', false],
  ])('a pattern without "/" matches at any depth, one with "/" from the root: %s against %s is %s', (pattern, path, expected) => {
    expect(pathMatches(pattern, path)).toBe(expected);
  });

  it.each([
    ['src/?.js', 'src/a.js', true],
    ['src/?.js', 'src/ab.js', false],
    ['src/[abc].js', 'src/b.js', true],
    ['src/[abc].js', 'src/d.js', false],
    ['src/[a-c].js', 'src/c.js', true],
    ['src/[!a-c].js', 'src/d.js', true],
    ['src/[!a-c].js', 'src/a.js', false],
    ['{src,lib}/**/*.ts', 'lib/x/y.ts', true],
    ['{src,lib}/**/*.ts', 'test/x/y.ts', false],
    ['src/\\*.js', 'src/*.js', true],
    ['src/\\*.js', 'src/a.js', false],
    ['src/a.js', 'src/A.js', false],
    ['src/a+b(1).js', 'src/a+b(1).js', true],
  ])('classes, alternatives, escapes and case: %s against %s is %s', (pattern, path, expected) => {
    expect(pathMatches(pattern, path)).toBe(expected);
  });

  it('never lets "*", "?" or a class match a "/"', () => {
    expect(pathMatches('src/a*b', 'src/a/b')).toBe(false);
    expect(pathMatches('src/a?b', 'src/a/b')).toBe(false);
    expect(pathMatches('src/a[!x]b', 'src/a/b')).toBe(false);
  });

  it('reads paths from other tools the way the policy sees them', () => {
    expect(normalizeGlobPath('./src/a.js')).toBe('src/a.js');
    expect(normalizeGlobPath('src\\win\\a.js')).toBe('src/win/a.js');
    expect(pathMatches('legacy/**', normalizeGlobPath('./legacy/x.js'))).toBe(true);
  });

  it('takes any path without throwing, including ones the ignore package refuses', () => {
    const test = compileGlob('*.js', 'path');
    expect(test('../outside.js')).toBe(true);
    expect(test('/abs/path.js')).toBe(true);
    expect(test('')).toBe(false);
  });
});

describe('rule id globs', () => {
  it.each([
    ['js/*', 'js/xss', true],
    ['js/*', 'js/a/b', false],
    ['js/**', 'js/a/b', true],
    ['python.*', 'python.django.security.injection.sql', true],
    ['secrets/aws-*', 'secrets/aws-access-key', true],
    ['secrets/aws-*', 'secrets/gcp-key', false],
    ['aws', 'aws-access-token', false],
    ['*xss*', 'javascript.express.security.audit.xss.mustache', true],
    ['CVE-2019-*', 'CVE-2019-1549', true],
    ['{CVE,GHSA}-*', 'GHSA-jf85-cpcp-j695', true],
  ])('matches the whole id: %s against %s is %s', (pattern, id, expected) => {
    expect(idMatches(pattern, id)).toBe(expected);
  });
});

describe('glob errors', () => {
  it.each([
    ['src/[abc', 'has a "[" without its closing "]"'],
    ['{src,lib/**', 'has a "{" without its closing "}"'],
    ['src}/a', 'has a "}" without its opening "{"'],
    ['src/a\\', 'ends with a lone "\\"'],
    ['/', 'matches no file (it is only "/")'],
  ])('%s: %s', (pattern, message) => {
    expect(() => compileGlob(pattern, 'path')).toThrow(new GlobSyntaxError(message));
  });

  it('reports a reversed class range instead of throwing a RegExp error', () => {
    expect(() => compileGlob('[z-a]', 'id')).toThrow(GlobSyntaxError);
    expect(() => compileGlob('[z-a]', 'id')).toThrow(/^is not a valid glob/);
  });
});
