import { describe, it, expect } from '@jest/globals';
import { cargoLockParser } from '../../src/core/inventory/parsers/cargo-lock.js';
import { LockfileError, type ParsedLockfile } from '../../src/core/inventory/types.js';
import { byId, contextWith, readFixture } from './support.js';

const context = contextWith('Cargo.lock');
const REGISTRY = 'registry+https://github.com/rust-lang/crates.io-index';

function parse(text: string): ParsedLockfile {
  return cargoLockParser.parse(text, context);
}

describe('Cargo.lock (version 4) of ripgrep', () => {
  const lockfile = parse(readFixture('cargo-lock/Cargo.lock'));

  it('reads every [[package]] with no warnings', () => {
    expect(lockfile.format).toBe('Cargo.lock');
    expect(lockfile.packages).toHaveLength(63);
    expect(lockfile.warnings).toEqual([]);
  });

  it('gives each crate its [[package]] line, checksum and source', () => {
    expect(byId(lockfile, 'aho-corasick@1.1.5')).toEqual({
      id: 'aho-corasick@1.1.5',
      ecosystem: 'crates.io',
      name: 'aho-corasick',
      version: '1.1.5',
      line: 5,
      dependencies: ['memchr@2.8.3'],
      hashes: [{ algorithm: 'SHA-256', hex: 'c982642fa9e8606056828ee9a8505737230110bb1099153c79efe865c59d12ba' }],
      resolved: REGISTRY,
    });
    expect(byId(lockfile, 'bstr@1.13.0')).toMatchObject({
      line: 29,
      dependencies: ['memchr@2.8.3', 'regex-automata@0.4.18', 'serde_core@1.0.229'],
    });
  });

  it('tells two versions of one crate apart by the version in the dependency', () => {
    expect(byId(lockfile, 'syn@2.0.119').line).toBe(491);
    expect(byId(lockfile, 'syn@3.0.3').line).toBe(502);
    expect(byId(lockfile, 'derive_arbitrary@1.4.2').dependencies).toEqual(['proc-macro2@1.0.107', 'quote@1.0.47', 'syn@2.0.119']);
    expect(byId(lockfile, 'serde_derive@1.0.229').dependencies).toContain('syn@3.0.3');
  });

  it('takes the source-less crates as workspace members and their dependencies as the roots', () => {
    const members = lockfile.packages.filter((p) => p.local).map((p) => p.name);
    expect(members).toEqual([
      'globset',
      'grep',
      'grep-cli',
      'grep-index',
      'grep-matcher',
      'grep-pcre2',
      'grep-printer',
      'grep-regex',
      'grep-searcher',
      'ignore',
      'ripgrep',
    ]);
    expect(byId(lockfile, 'ripgrep@15.2.0')).toMatchObject({ line: 414, local: true });
    expect(byId(lockfile, 'ripgrep@15.2.0').hashes).toBeUndefined();
    expect(lockfile.roots).toHaveLength(29);
    expect(lockfile.roots.every((root) => root.scope === 'runtime')).toBe(true);
    const rootIds = lockfile.roots.map((root) => root.id);
    expect(rootIds).toContain('anyhow@1.0.104');
    expect(rootIds).toContain('memchr@2.8.3');
    // A member depending on another member does not make it a root.
    expect(rootIds).not.toContain('grep@0.4.1');
    // Pulled in only through other crates.
    expect(rootIds).not.toContain('syn@2.0.119');
    // Several members: no single project to name.
    expect(lockfile.project).toBeUndefined();
  });
});

describe('older and unusual Cargo.lock files', () => {
  it('reads version 1 checksums from [metadata] and full "name version (source)" dependencies', () => {
    const lockfile = parse(
      [
        '[[package]]',
        'name = "app"',
        'version = "0.1.0"',
        'dependencies = [',
        ' "mylib 0.2.0 (git+https://github.com/me/mylib#0123abc)",',
        ' "serde 1.0.100 (registry+https://github.com/rust-lang/crates.io-index)",',
        ']',
        '',
        '[[package]]',
        'name = "mylib"',
        'version = "0.2.0"',
        'source = "git+https://github.com/me/mylib#0123abc"',
        '',
        '[[package]]',
        'name = "serde"',
        'version = "1.0.100"',
        `source = "${REGISTRY}"`,
        '',
        '[metadata]',
        `"checksum serde 1.0.100 (${REGISTRY})" = "${'AB'.repeat(32)}"`,
        '',
      ].join('\n'),
    );
    expect(lockfile.packages).toEqual([
      { id: 'app@0.1.0', ecosystem: 'crates.io', name: 'app', version: '0.1.0', line: 1, dependencies: ['mylib@0.2.0', 'serde@1.0.100'], local: true },
      {
        id: 'mylib@0.2.0',
        ecosystem: 'crates.io',
        name: 'mylib',
        version: '0.2.0',
        line: 9,
        dependencies: [],
        resolved: 'git+https://github.com/me/mylib#0123abc',
      },
      {
        id: 'serde@1.0.100',
        ecosystem: 'crates.io',
        name: 'serde',
        version: '1.0.100',
        line: 14,
        dependencies: [],
        hashes: [{ algorithm: 'SHA-256', hex: 'ab'.repeat(32) }],
        resolved: REGISTRY,
      },
    ]);
    expect(lockfile.roots).toEqual([
      { id: 'mylib@0.2.0', scope: 'runtime' },
      { id: 'serde@1.0.100', scope: 'runtime' },
    ]);
    expect(lockfile.project).toEqual({ name: 'app', version: '0.1.0' });
  });

  it('keeps one version from two sources as two packages, told apart by the source', () => {
    const lockfile = parse(
      [
        'version = 3',
        '[[package]]',
        'name = "app"',
        'version = "0.1.0"',
        'dependencies = ["log 0.4.0 (git+https://example.com/log#1)"]',
        '[[package]]',
        'name = "log"',
        'version = "0.4.0"',
        `source = "${REGISTRY}"`,
        '[[package]]',
        'name = "log"',
        'version = "0.4.0"',
        'source = "git+https://example.com/log#1"',
      ].join('\n'),
    );
    expect(lockfile.packages.map((p) => p.id)).toEqual(['app@0.1.0', 'log@0.4.0', 'log@0.4.0 (git+https://example.com/log#1)']);
    expect(lockfile.roots).toEqual([{ id: 'log@0.4.0 (git+https://example.com/log#1)', scope: 'runtime' }]);
  });

  it('warns about a dependency missing from the lockfile and a newer lockfile version', () => {
    const lockfile = parse('version = 5\n[[package]]\nname = "a"\nversion = "1.0.0"\ndependencies = ["ghost"]\n');
    expect(lockfile.warnings).toEqual([
      'Cargo.lock version 5 is newer than this reader knows; read as version 4',
      'line 2: a depends on "ghost", which is not in the lockfile',
    ]);
  });

  it('fails on TOML it cannot read, naming the line', () => {
    try {
      parse('[[package]]\nname = "a"\nversion = \n');
      throw new Error('expected a LockfileError');
    } catch (error) {
      expect(error).toBeInstanceOf(LockfileError);
      expect((error as LockfileError).line).toBe(3);
      expect((error as LockfileError).message).toMatch(/^not valid TOML for Cargo\.lock: /);
    }
    expect(() => parse('package = "not a table"\n')).toThrow(LockfileError);
  });
});
