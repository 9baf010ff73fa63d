import { describe, expect, it } from '@jest/globals';
import { poetryLockParser } from '../../src/core/inventory/parsers/poetry-lock.js';
import { LockfileError } from '../../src/core/inventory/types.js';
import { byId, contextWith, readFixture } from './support.js';

const context = (files?: Record<string, string>) => contextWith('poetry.lock', files);

describe('poetry.lock parser on a real Poetry 2 lock (osv.dev website)', () => {
  const lock = readFixture('poetry/poetry.lock');
  const pyproject = readFixture('poetry/pyproject.toml');

  it('reads every [[package]] at the line of its header', () => {
    const result = poetryLockParser.parse(lock, context());
    expect(result.format).toBe('poetry.lock');
    expect(result.packages).toHaveLength(74);
    expect(result.warnings).toEqual([]);
    expect(byId(result.packages, 'astroid@4.0.4')).toMatchObject({ name: 'astroid', line: 3, ecosystem: 'PyPI' });
    expect(byId(result.packages, 'flask@3.1.3').line).toBe(721);
    expect(byId(result.packages, 'osv@0.1.2').line).toBe(1509);
    expect(byId(result.packages, 'pylint@4.0.7').line).toBe(1750);
    expect(byId(result.packages, 'yapf@0.43.0').line).toBe(2169);
  });

  it('takes scopes from groups: main is runtime, dev only is development', () => {
    const result = poetryLockParser.parse(lock, context());
    expect(byId(result.packages, 'flask@3.1.3').scope).toBe('runtime');
    expect(byId(result.packages, 'astroid@4.0.4').scope).toBe('development');
    // colorama is in ["main", "dev"].
    expect(byId(result.packages, 'colorama@0.4.6').scope).toBe('runtime');
    expect(result.packages.filter((pkg) => pkg.scope === 'development')).toHaveLength(8);
  });

  it('links dependencies by normalized name, whatever their table shape', () => {
    const result = poetryLockParser.parse(lock, context());
    expect(byId(result.packages, 'flask@3.1.3').dependencies.sort()).toEqual([
      'blinker@1.9.0',
      'click@8.4.2',
      'itsdangerous@2.2.0',
      'jinja2@3.1.6',
      'markupsafe@3.0.3',
      'werkzeug@3.1.8',
    ]);
    // `colorama = {version = ..., markers = ...}` and `isort = ">=5,<5.13 || >5.13,<9"`.
    expect(byId(result.packages, 'pylint@4.0.7').dependencies).toEqual(
      expect.arrayContaining(['colorama@0.4.6', 'dill@0.4.1', 'isort@8.0.1', 'astroid@4.0.4']),
    );
  });

  it('marks a directory source as local and keeps several artifacts out of the package hashes', () => {
    const result = poetryLockParser.parse(lock, context());
    expect(byId(result.packages, 'osv@0.1.2')).toMatchObject({ local: true });
    expect(byId(result.packages, 'osv@0.1.2').dependencies).toContain('pygit2@1.20.0');
    expect(result.packages.filter((pkg) => pkg.local)).toHaveLength(1);
    // Every registry package lists a wheel and an sdist: two files, so no single package hash.
    expect(result.packages.some((pkg) => pkg.hashes !== undefined)).toBe(false);
  });

  it('has no roots without a pyproject.toml (every package is then direct)', () => {
    const result = poetryLockParser.parse(lock, context());
    expect(result.roots).toEqual([]);
    expect(result.project).toBeUndefined();
  });

  it('takes the roots from the pyproject.toml beside it, by normalized name', () => {
    const result = poetryLockParser.parse(lock, context({ 'pyproject.toml': pyproject }));
    expect(result.warnings).toEqual([]);
    expect(result.project).toEqual({ name: 'website-backend' });
    expect(result.roots).toHaveLength(19);
    // "Flask-Caching==2.3.0" in [project] dependencies is flask-caching in the lock.
    expect(result.roots).toContainEqual({ id: 'flask-caching@2.4.1', scope: 'runtime' });
    expect(result.roots).toContainEqual({ id: 'osv@0.1.2', scope: 'runtime' });
    expect(result.roots).toContainEqual({ id: 'pylint@4.0.7', scope: 'development' });
    expect(result.roots).toContainEqual({ id: 'yapf@0.43.0', scope: 'development' });
    expect(result.roots.some((root) => root.id === 'astroid@4.0.4')).toBe(false);
  });
});

describe('poetry.lock parser on the Poetry 1 shape', () => {
  const result = poetryLockParser.parse(readFixture('poetry-v1/poetry.lock'), context());

  it('reads category scopes, optional packages and sources', () => {
    expect(result.packages.map((pkg) => [pkg.id, pkg.line, pkg.scope])).toEqual([
      ['certifi@2020.12.5', 1, 'runtime'],
      ['mylib@0.1.0', 9, 'runtime'],
      ['py@1.10.0', 25, 'development'],
      ['pytest@6.2.2', 33, 'development'],
      ['requests@2.25.1', 44, 'runtime'],
      ['urllib3@1.26.4', 65, 'optional'],
    ]);
    expect(byId(result.packages, 'mylib@0.1.0')).toMatchObject({ local: true, dependencies: ['requests@2.25.1'] });
    expect(byId(result.packages, 'requests@2.25.1')).toMatchObject({
      resolved: 'git+https://github.com/psf/requests.git#c2f3b8c6e9f3c2a1a1f7c5d3e0b9f8a7d6c5b4a3',
      dependencies: ['certifi@2020.12.5', 'urllib3@1.26.4'],
    });
    expect(byId(result.packages, 'requests@2.25.1').local).toBeUndefined();
  });

  it('uses [metadata.files] only when it lists exactly one artifact', () => {
    expect(byId(result.packages, 'py@1.10.0').hashes).toEqual([
      { algorithm: 'SHA-256', hex: '21b81bda15b66ef5e1a777a21c4dcd9c20ad3efd0b3f817e7a809035269e1bd3' },
    ]);
    expect(byId(result.packages, 'certifi@2020.12.5').hashes).toBeUndefined();
  });
});

describe('poetry.lock parser on unusual input', () => {
  it('reports a TOML syntax error as a LockfileError with its line', () => {
    let error: unknown;
    try {
      poetryLockParser.parse('[[package]]\nname = "a"\nversion = \n', context());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LockfileError);
    expect((error as LockfileError).message).toMatch(/^not valid TOML for poetry.lock: /);
    expect((error as LockfileError).message).not.toContain('\n');
    expect((error as LockfileError).line).toBe(3);
  });

  it('rejects a `package` key that is not an array of tables', () => {
    expect(() => poetryLockParser.parse('package = "x"\n', context())).toThrow(LockfileError);
  });

  it('skips entries without a version and duplicates, with warnings', () => {
    const text = '[[package]]\nname = "a"\n\n[[package]]\nname = "b"\nversion = "1"\n\n[[package]]\nname = "b"\nversion = "1"\n';
    const result = poetryLockParser.parse(text, context());
    expect(result.packages.map((pkg) => [pkg.id, pkg.line])).toEqual([['b@1', 4]]);
    expect(result.warnings).toEqual([
      'line 1: a [[package]] without a name and version; ignored',
      'line 8: b@1 is locked twice; kept the first',
    ]);
  });

  it('links a name locked at two versions to both, and warns about pyproject names it does not lock', () => {
    const text = [
      '[[package]]',
      'name = "app"',
      'version = "1"',
      '[package.dependencies]',
      'Numpy = [{version = "<2", markers = "python_version < \\"3.9\\""}, {version = ">=2", markers = "python_version >= \\"3.9\\""}]',
      '[[package]]',
      'name = "numpy"',
      'version = "1.24.4"',
      '[[package]]',
      'name = "numpy"',
      'version = "2.0.0"',
      '',
    ].join('\n');
    const pyproject = '[tool.poetry]\nname = "demo"\nversion = "0.1.0"\n[tool.poetry.dependencies]\npython = "^3.8"\napp = "1"\nmissing = "*"\n';
    const result = poetryLockParser.parse(text, context({ 'pyproject.toml': pyproject }));
    expect(result.packages[0]!.dependencies).toEqual(['numpy@1.24.4', 'numpy@2.0.0']);
    expect(result.roots).toEqual([{ id: 'app@1', scope: 'runtime' }]);
    expect(result.project).toEqual({ name: 'demo', version: '0.1.0' });
    expect(result.warnings).toEqual([
      'pyproject.toml declares missing (tool.poetry.dependencies), which poetry.lock does not lock',
    ]);
  });

  it('reads a broken pyproject.toml as a warning, not an error', () => {
    const result = poetryLockParser.parse('[[package]]\nname = "a"\nversion = "1"\n', context({ 'pyproject.toml': '[project\n' }));
    expect(result.packages).toHaveLength(1);
    expect(result.roots).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^pyproject.toml ignored: not valid TOML for pyproject.toml: /);
  });
});
