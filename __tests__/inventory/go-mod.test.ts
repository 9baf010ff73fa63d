import { describe, it, expect } from '@jest/globals';
import { goModParser } from '../../src/core/inventory/parsers/go-mod.js';
import { LockfileError, type ParsedLockfile } from '../../src/core/inventory/types.js';
import { byName, contextWith, readFixture } from './support.js';

const context = contextWith('go.mod');

function parse(text: string): ParsedLockfile {
  return goModParser.parse(text, context);
}

const isRoot = (lockfile: ParsedLockfile, id: string) => lockfile.roots.some((root) => root.id === id);

describe('go.mod of gitleaks', () => {
  const lockfile = parse(readFixture('go-mod/go.mod'));

  it('reads every requirement plus the standard library, with no warnings', () => {
    expect(lockfile.format).toBe('go.mod');
    expect(lockfile.packages).toHaveLength(73);
    expect(lockfile.warnings).toEqual([]);
    expect(lockfile.project).toEqual({ name: 'github.com/zricethezav/gitleaks/v8' });
  });

  it('keeps the v of module versions and gives the line of each require', () => {
    expect(byName(lockfile, 'golang.org/x/exp')).toMatchObject({
      id: 'golang.org/x/exp@v0.0.0-20250218142911-aa4b98e5adaa',
      ecosystem: 'Go',
      version: 'v0.0.0-20250218142911-aa4b98e5adaa',
      line: 19,
      dependencies: [],
    });
    expect(byName(lockfile, 'dario.cat/mergo')).toMatchObject({ version: 'v1.0.1', line: 23 });
    expect(byName(lockfile, 'gopkg.in/yaml.v3')).toMatchObject({ version: 'v3.0.1', line: 83 });
  });

  it('takes requirements without // indirect as direct, even inside a block of indirect ones', () => {
    expect(lockfile.roots).toHaveLength(17);
    expect(lockfile.roots.every((root) => root.scope === 'runtime')).toBe(true);
    expect(isRoot(lockfile, 'golang.org/x/exp@v0.0.0-20250218142911-aa4b98e5adaa')).toBe(true);
    expect(isRoot(lockfile, 'github.com/lucasjones/reggen@v0.0.0-20200904144131-37ba4fa293bb')).toBe(true);
    expect(byName(lockfile, 'github.com/wasilibs/go-re2').line).toBe(78);
    expect(isRoot(lockfile, 'github.com/wasilibs/go-re2@v1.9.0')).toBe(true);
    expect(isRoot(lockfile, 'dario.cat/mergo@v1.0.1')).toBe(false);
    expect(isRoot(lockfile, 'golang.org/x/crypto@v0.35.0')).toBe(false);
  });

  it('reports the standard library at the go directive version, as a direct runtime dependency', () => {
    expect(byName(lockfile, 'stdlib')).toEqual({
      id: 'stdlib@1.24.11',
      ecosystem: 'Go',
      name: 'stdlib',
      version: '1.24.11',
      line: 3,
      dependencies: [],
      scope: 'runtime',
    });
    expect(isRoot(lockfile, 'stdlib@1.24.11')).toBe(true);
  });
});

describe('go.mod directives', () => {
  it('prefers the toolchain version for the standard library and completes a bare go version', () => {
    expect(byName(parse('module m\n\ngo 1.22\ntoolchain go1.22.3\n'), 'stdlib')).toMatchObject({ version: '1.22.3', line: 4 });
    expect(byName(parse('module m\ngo 1.22\n'), 'stdlib')).toMatchObject({ version: '1.22.0', line: 2 });
    expect(byName(parse('module m\ngo 1.21rc1\n'), 'stdlib').version).toBe('1.21.0-rc.1');
    expect(byName(parse('module m\ngo 1.21\ntoolchain go1.23.1-custom\n'), 'stdlib').version).toBe('1.23.1');
    expect(parse('module m\n').packages).toEqual([]);
  });

  it('reads single-line requires, quoted paths and comments', () => {
    const lockfile = parse(
      [
        '// a comment line',
        'module "example.com/app" // the app',
        'go 1.21',
        'require example.com/a v1.2.3',
        'require `example.com/b` v0.1.0 // indirect',
        'require "example.com/c" v2.0.0+incompatible // indirect; kept for x',
        'require example.com/d v1.0.0 // not indirect',
        'require ( )',
      ].join('\n'),
    );
    expect(lockfile.project).toEqual({ name: 'example.com/app' });
    expect(lockfile.packages.map((p) => [p.id, p.line])).toEqual([
      ['example.com/a@v1.2.3', 4],
      ['example.com/b@v0.1.0', 5],
      ['example.com/c@v2.0.0+incompatible', 6],
      ['example.com/d@v1.0.0', 7],
      ['stdlib@1.21.0', 3],
    ]);
    expect(lockfile.roots.map((r) => r.id)).toEqual(['example.com/a@v1.2.3', 'example.com/d@v1.0.0', 'stdlib@1.21.0']);
    expect(lockfile.warnings).toEqual([]);
  });

  it('reports what a replace builds: the replacement module, or a local folder', () => {
    const lockfile = parse(
      [
        'module example.com/app',
        'require (',
        '\texample.com/forked v1.0.0',
        '\texample.com/pinned v1.5.0 // indirect',
        '\texample.com/local v0.3.0',
        '\texample.com/other v0.9.0',
        ')',
        'replace example.com/forked => github.com/me/forked v1.0.1-fix',
        'replace (',
        '\texample.com/pinned v1.5.0 => example.com/pinned v1.5.2',
        '\texample.com/pinned v1.4.0 => example.com/pinned v1.4.9',
        '\texample.com/local => ../local',
        '\texample.com/other v0.8.0 => example.com/other v0.8.1',
        ')',
      ].join('\n'),
    );
    expect(lockfile.packages).toEqual([
      { id: 'github.com/me/forked@v1.0.1-fix', ecosystem: 'Go', name: 'github.com/me/forked', version: 'v1.0.1-fix', line: 3, dependencies: [] },
      { id: 'example.com/pinned@v1.5.2', ecosystem: 'Go', name: 'example.com/pinned', version: 'v1.5.2', line: 4, dependencies: [] },
      {
        id: 'example.com/local@../local',
        ecosystem: 'Go',
        name: 'example.com/local',
        version: '',
        line: 5,
        dependencies: [],
        resolved: '../local',
        local: true,
      },
      { id: 'example.com/other@v0.9.0', ecosystem: 'Go', name: 'example.com/other', version: 'v0.9.0', line: 6, dependencies: [] },
    ]);
    expect(lockfile.roots.map((r) => r.id)).toEqual(['github.com/me/forked@v1.0.1-fix', 'example.com/local@../local', 'example.com/other@v0.9.0']);
  });

  it('drops an excluded version with a warning and ignores retract, godebug and tool', () => {
    const lockfile = parse(
      [
        'module example.com/app',
        'require example.com/a v1.0.0',
        'require example.com/b v1.1.0',
        'exclude example.com/a v1.0.0',
        'exclude (',
        '\texample.com/b v1.0.0',
        ')',
        'retract v0.1.0 // published by mistake',
        'retract [v0.2.0, v0.2.5]',
        'godebug default=go1.21',
        'tool golang.org/x/tools/cmd/stringer',
      ].join('\n'),
    );
    expect(lockfile.packages.map((p) => p.id)).toEqual(['example.com/b@v1.1.0']);
    expect(lockfile.warnings).toEqual(['line 2: example.com/a v1.0.0 is required but also excluded; not reported']);
  });

  it('warns about lines it does not understand and keeps reading', () => {
    const lockfile = parse('module m\nrequire example.com/a\nfrobnicate x\nreplace a =>\nrequire example.com/b v1.0.0\n');
    expect(lockfile.packages.map((p) => p.id)).toEqual(['example.com/b@v1.0.0']);
    expect(lockfile.warnings).toEqual([
      'line 2: require should give a module path and a version',
      'line 3: unknown directive "frobnicate" ignored',
      'line 4: replace should read "module [version] => module version" or "module [version] => ./path"',
    ]);
  });

  it('handles Windows line endings', () => {
    const lockfile = parse('module m\r\nrequire (\r\n\texample.com/a v1.0.0 // indirect\r\n)\r\n');
    expect(lockfile.packages).toHaveLength(1);
    expect(lockfile.roots).toEqual([]);
  });

  it('fails with the line for an unclosed block or an unterminated string', () => {
    expect(() => parse('module m\nrequire (\n\texample.com/a v1.0.0\n')).toThrow(
      new LockfileError('the require block opened on line 2 is never closed'),
    );
    try {
      parse('module m\nrequire "example.com/a v1.0.0\n');
      throw new Error('expected a LockfileError');
    } catch (error) {
      expect(error).toBeInstanceOf(LockfileError);
      expect((error as LockfileError).line).toBe(2);
      expect((error as LockfileError).message).toBe('line 2: unterminated string');
    }
  });
});
