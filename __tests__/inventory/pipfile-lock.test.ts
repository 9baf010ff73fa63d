import { describe, expect, it } from '@jest/globals';
import { pipfileLockParser } from '../../src/core/inventory/parsers/pipfile-lock.js';
import { LockfileError } from '../../src/core/inventory/types.js';
import { contextWith, readFixture } from './support.js';

const CONTEXT = contextWith('Pipfile.lock');

function parse(text: string) {
  return pipfileLockParser.parse(text, CONTEXT);
}

describe('Pipfile.lock parser on a real lock (ruby-advisory-db)', () => {
  const result = parse(readFixture('pipfile-lock/Pipfile.lock'));

  it('reads the default packages as runtime, at the line of their key', () => {
    expect(result.format).toBe('Pipfile.lock');
    expect(result.warnings).toEqual([]);
    expect(result.packages.map((pkg) => [pkg.id, pkg.line, pkg.scope])).toEqual([
      ['pathspec@0.9.0', 19, 'runtime'],
      ['pipfile@0.0.2', 26, 'runtime'],
      ['pyyaml@5.4.1', 33, 'runtime'],
      ['toml@0.10.2', 67, 'runtime'],
      ['yamllint@1.26.1', 74, 'runtime'],
    ]);
  });

  it('keeps the hashes pip accepts for each package, without edges or roots', () => {
    const pathspec = result.packages[0]!;
    expect(pathspec).toMatchObject({ ecosystem: 'PyPI', name: 'pathspec', version: '0.9.0', dependencies: [] });
    expect(pathspec.hashes).toEqual([
      { algorithm: 'SHA-256', hex: '7d15c4ddb0b5c802d161efc417ec1a2558ea2653c2e8ad9c19098201dc1c993a' },
      { algorithm: 'SHA-256', hex: 'e564499435a2673d586f6b2130bb5b95f04a3ba06f81b8f895b651a3c76aabb1' },
    ]);
    expect(result.packages[2]!.hashes).toHaveLength(29);
    expect(result.roots).toEqual([]);
  });
});

describe('Pipfile.lock parser on other shapes', () => {
  it('reads develop as development and keeps a package in both sections runtime', () => {
    const result = parse(
      JSON.stringify(
        {
          _meta: { hash: { sha256: 'x' } },
          default: { requests: { version: '==2.31.0' } },
          develop: { pytest: { version: '==8.0.0', hashes: [] }, requests: { version: '==2.31.0' } },
        },
        null,
        4,
      ),
    );
    expect(result.packages.map((pkg) => [pkg.id, pkg.scope, pkg.line])).toEqual([
      ['requests@2.31.0', 'runtime', 8],
      ['pytest@8.0.0', 'development', 13],
    ]);
  });

  it('warns about git, path and unpinned entries instead of inventing versions', () => {
    const result = parse(
      JSON.stringify({
        default: {
          mylib: { editable: true, path: '.' },
          click: { git: 'https://github.com/pallets/click.git', ref: 'abc' },
          odd: { version: '*' },
          bad: 'not an object',
          flask: { version: '===3.0.0', hashes: ['sha256:zz', 'md5:' + 'a'.repeat(32)] },
        },
      }),
    );
    expect(result.packages.map((pkg) => pkg.id)).toEqual(['flask@3.0.0']);
    expect(result.packages[0]!.hashes).toEqual([{ algorithm: 'MD5', hex: 'a'.repeat(32) }]);
    expect(result.warnings).toEqual([
      'line 1: default.mylib is a local path or file, not a versioned package; not inventoried',
      'line 1: default.click is a git checkout, not a versioned package; not inventoried',
      'line 1: default.odd is not pinned to one version, not a versioned package; not inventoried',
      'line 1: default.bad is not a package entry; ignored',
      'line 1: default.flask hash "sha256:zz" is not algorithm:hex; ignored',
    ]);
  });

  it('rejects text that is not JSON, naming the line', () => {
    let error: unknown;
    try {
      parse('{\n  "default": {\n    "a": {"version": "==1"\n  }\n');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LockfileError);
    expect((error as LockfileError).message).toMatch(/^not valid JSON for Pipfile.lock: /);
    expect((error as LockfileError).line).toBeGreaterThanOrEqual(4);
  });

  it('rejects a document of the wrong shape', () => {
    expect(() => parse('[]')).toThrow(new LockfileError('Pipfile.lock must be a JSON object'));
    expect(() => parse('{"default": []}')).toThrow(LockfileError);
    expect(() => parse('[['.repeat(100_000))).toThrow(LockfileError);
  });
});
