import { describe, it, expect } from '@jest/globals';
import { mixLockParser } from '../../src/core/inventory/parsers/mix-lock.js';
import { LockfileError, type ParsedLockfile } from '../../src/core/inventory/types.js';
import { byId, contextWith, readFixture } from './support.js';

function parse(text: string): ParsedLockfile {
  return mixLockParser.parse(text, contextWith('mix.lock'));
}

function parseError(text: string): LockfileError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof LockfileError) return error;
    throw error;
  }
  throw new Error('expected a LockfileError');
}

describe('mix.lock of Broadway (current format)', () => {
  const lockfile = parse(readFixture('mix-lock/mix.lock'));

  it('reads every :hex entry, with no warnings and no roots', () => {
    expect(lockfile.format).toBe('mix.lock');
    expect(lockfile.packages).toHaveLength(19);
    expect(lockfile.warnings).toEqual([]);
    expect(lockfile.roots).toEqual([]);
  });

  it('gives the line, the outer checksum and the edges of each package', () => {
    expect(byId(lockfile, 'hackney@1.17.4')).toEqual({
      id: 'hackney@1.17.4',
      ecosystem: 'Hex',
      name: 'hackney',
      version: '1.17.4',
      line: 7,
      dependencies: [
        'certifi@2.6.1',
        'idna@6.1.1',
        'metrics@1.0.1',
        'mimerl@1.2.0',
        'parse_trans@3.3.1',
        'ssl_verify_fun@1.1.6',
        'unicode_util_compat@0.7.0',
      ],
      hashes: [{ algorithm: 'SHA-256', hex: 'de16ff4996556c8548d512f4dbe22dd58a587bf3332e7fd362430a7ef3986b16' }],
    });
    expect(byId(lockfile, 'excoveralls@0.13.3')).toMatchObject({ line: 5, dependencies: ['hackney@1.17.4', 'jason@1.2.2'] });
  });

  it('links no optional dependency that is not locked', () => {
    // jason lists decimal as optional; nothing else requires it, so Mix did not lock it.
    expect(byId(lockfile, 'jason@1.2.2')).toMatchObject({ line: 9, dependencies: [] });
  });
});

describe('mix.lock of Phoenix LiveView (2019 format, a git dependency)', () => {
  const lockfile = parse(readFixture('mix-lock-2019/mix.lock'));

  it('reads :hex entries without an outer checksum, and :git entries without a version', () => {
    expect(lockfile.packages).toHaveLength(13);
    expect(lockfile.warnings).toEqual([]);
    expect(byId(lockfile, 'plug@1.8.2')).toEqual({
      id: 'plug@1.8.2',
      ecosystem: 'Hex',
      name: 'plug',
      version: '1.8.2',
      line: 12,
      dependencies: ['mime@1.3.1', 'plug_crypto@1.0.0', 'telemetry@0.4.0'],
    });
    expect(byId(lockfile, 'phoenix@git')).toEqual({
      id: 'phoenix@git',
      ecosystem: 'Hex',
      name: 'phoenix',
      version: '',
      line: 9,
      dependencies: [],
      resolved: 'git+https://github.com/phoenixframework/phoenix.git#ea6aa248bf2621cfc058ae3c5d5f3db6271a0cec',
    });
  });
});

describe('the mix.lock reader', () => {
  it('reads the oldest three-element form, => maps, keyword keys, quoted atoms and escapes', () => {
    const lockfile = parse(
      [
        '# a comment',
        '%{"cowboy" => {:hex, :cowboy, "1.0.0"},',
        '  my_fork: {:hex, :"jason-fork", "1.4.1", "00", [:mix], [{:cowboy, "~> 1.0", [hex: :cowboy, repo: "hexpm", optional: false, extra: nil, n: -1_000]}], "hexpm:acme", "' +
          'A'.repeat(64) +
          '"},',
        '  "local": {:path, "../local", []},',
        '  "esc\\"aped\\u{1F600}": {:git, "https://x\\ty", "sha", [ref: "v1"]}}',
      ].join('\n'),
    );
    expect(lockfile.packages).toEqual([
      { id: 'cowboy@1.0.0', ecosystem: 'Hex', name: 'cowboy', version: '1.0.0', line: 2, dependencies: [] },
      {
        id: 'jason-fork@1.4.1',
        ecosystem: 'Hex',
        name: 'jason-fork',
        version: '1.4.1',
        line: 3,
        dependencies: ['cowboy@1.0.0'],
        hashes: [{ algorithm: 'SHA-256', hex: 'a'.repeat(64) }],
        resolved: 'hexpm:acme',
      },
      { id: 'local@path', ecosystem: 'Hex', name: 'local', version: '', line: 4, dependencies: [], local: true },
      { id: 'esc"aped😀@git', ecosystem: 'Hex', name: 'esc"aped😀', version: '', line: 5, dependencies: [], resolved: 'git+https://x\ty#sha' },
    ]);
  });

  it('keeps ids unique when two apps lock one package', () => {
    const lockfile = parse('%{"a": {:hex, :pkg, "1.0.0"}, "b": {:hex, :pkg, "1.0.0"}}');
    expect(lockfile.packages.map((p) => p.id)).toEqual(['pkg@1.0.0', 'pkg@1.0.0 (b)']);
  });

  it('warns about entries it does not understand', () => {
    const lockfile = parse('%{\n  "a": {:svn, "x"},\n  "b": [1],\n  "c": {:hex, :c},\n}');
    expect(lockfile.packages).toEqual([]);
    expect(lockfile.warnings).toEqual([
      'line 2: a is locked from the unknown source :svn; skipped',
      'line 3: an entry that is not "app": {:scm, …} skipped',
      'line 4: c is a :hex entry without a package name and version; skipped',
    ]);
  });

  it('reads an empty file or map as no packages', () => {
    expect(parse('').packages).toEqual([]);
    expect(parse('%{}\n').packages).toEqual([]);
  });

  it('fails with the line on text that is not a lock literal', () => {
    expect(parseError('%{\n  "a": {:hex, :a, "1.0.0"\n}')).toMatchObject({
      message: 'not a readable mix.lock (line 3: expected "}" but found the end of the file)',
      line: 3,
    });
    expect(parseError('%{\n  "a": {:hex, :a, "1.0.0}}\n').message).toBe('not a readable mix.lock (line 2: unterminated string)');
    expect(parseError('%{"a": Foo.bar()}').message).toBe('not a readable mix.lock (line 1: unexpected name "Foo")');
    expect(parseError('%{"a": 1} extra').message).toBe('not a readable mix.lock (line 1: unexpected name "extra")');
    expect(parseError('[1]').message).toBe('not a mix.lock: expected a map %{…}');
    expect(parseError('%{"a": ' + '['.repeat(100)).message).toBe('not a readable mix.lock (line 1: nested too deeply)');
  });
});
