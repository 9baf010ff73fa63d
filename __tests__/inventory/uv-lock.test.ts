import { describe, expect, it } from '@jest/globals';
import { uvLockParser } from '../../src/core/inventory/parsers/uv-lock.js';
import { LockfileError } from '../../src/core/inventory/types.js';
import { byId, contextWith, readFixture } from './support.js';

const CONTEXT = contextWith('uv.lock');

function parseFixture(folder: string) {
  return uvLockParser.parse(readFixture(`${folder}/uv.lock`), CONTEXT);
}

describe('uv.lock parser on a real lock (flask)', () => {
  const result = parseFixture('uv-lock');

  it('reads every [[package]] at the line of its header, two versions of one name apart', () => {
    expect(result.format).toBe('uv.lock');
    expect(result.warnings).toEqual([]);
    expect(result.packages).toHaveLength(83);
    expect(byId(result.packages, 'alabaster@1.0.0')).toMatchObject({ name: 'alabaster', line: 10, ecosystem: 'PyPI' });
    expect(byId(result.packages, 'jinja2@3.1.6')).toMatchObject({
      line: 662,
      dependencies: ['markupsafe@3.0.3'],
      resolved: 'https://pypi.org/simple',
    });
    expect(byId(result.packages, 'sphinx@8.1.3').line).toBe(1218);
    expect(byId(result.packages, 'sphinx@8.2.3').line).toBe(1249);
    expect(byId(result.packages, 'werkzeug@3.1.8').line).toBe(1805);
  });

  it('is the flask project itself: a local package whose dependencies are the roots', () => {
    expect(result.project).toEqual({ name: 'flask', version: '3.2.0.dev0' });
    expect(byId(result.packages, 'flask@3.2.0.dev0')).toMatchObject({ line: 397, local: true });
    expect(result.packages.filter((pkg) => pkg.local)).toHaveLength(1);
    expect(result.workspaces).toBeUndefined();
    expect(result.roots).toHaveLength(28);
    expect(result.roots).toContainEqual({ id: 'werkzeug@3.1.8', scope: 'runtime', workspace: '.' });
    expect(result.roots).toContainEqual({ id: 'asgiref@3.11.1', scope: 'optional', workspace: '.' });
    expect(result.roots).toContainEqual({ id: 'pytest@9.0.2', scope: 'development', workspace: '.' });
    // Two versions of sphinx for two Python ranges: each is a root of the docs group.
    expect(result.roots).toContainEqual({ id: 'sphinx@8.1.3', scope: 'development', workspace: '.' });
    expect(result.roots).toContainEqual({ id: 'sphinx@8.2.3', scope: 'development', workspace: '.' });
    // The project's edges are its runtime dependencies only, not its groups.
    expect(byId(result.packages, 'flask@3.2.0.dev0').dependencies).toHaveLength(6);
  });

  it('follows an exact version when a dependency names one', () => {
    expect(byId(result.packages, 'sphinx-autobuild@2024.10.3').dependencies).toContain('sphinx@8.1.3');
    expect(byId(result.packages, 'sphinx-autobuild@2024.10.3').dependencies).not.toContain('sphinx@8.2.3');
  });

  it('takes a package hash only from a package with a single artifact', () => {
    expect(byId(result.packages, 'tox-uv@1.34.0').hashes).toEqual([
      { algorithm: 'SHA-256', hex: 'd64f3677590543fe93a0dbce4321ce926d0abef753d1ca6036e4bba9b0c5f928' },
    ]);
    expect(byId(result.packages, 'jinja2@3.1.6').hashes).toBeUndefined();
    expect(result.packages.filter((pkg) => pkg.hashes !== undefined)).toHaveLength(1);
  });
});

describe('uv.lock parser on a workspace', () => {
  const result = parseFixture('uv-lock-workspace');

  it('reads each source kind', () => {
    expect(result.packages.map((pkg) => [pkg.id, pkg.line, pkg.local ?? false, pkg.resolved])).toEqual([
      ['anyio@4.4.0', 11, false, 'https://pypi.org/simple'],
      ['app@', 24, true, undefined],
      ['click@8.1.7', 49, false, 'git+https://github.com/pallets/click?rev=8.1.7#874ca2bc1c30d1e4d1e4b1f1d4a8b1cde1a6f1b2'],
      ['idna@3.7', 54, false, 'https://pypi.org/simple'],
      ['internal-tools@0.2.0', 60, true, undefined],
      ['pytest@8.2.0', 65, false, 'https://pypi.org/simple'],
      ['shared@1.0.0', 73, true, undefined],
      ['sniffio@1.3.1', 86, false, 'vendor/sniffio-1.3.1-py3-none-any.whl'],
    ]);
    // The virtual root has a dynamic version: none is invented.
    expect(byId(result.packages, 'app@').version).toBe('');
    expect(byId(result.packages, 'idna@3.7').hashes).toEqual([
      { algorithm: 'SHA-256', hex: '028ff3aadf0609c1fd278d8ea3089299412a7a8b9bd005dd08b9f8285bcb5cfc' },
    ]);
  });

  it('roots each member project with its own workspace folder', () => {
    expect(result.project).toEqual({ name: 'app' });
    expect(result.workspaces).toEqual(['.', 'packages/shared']);
    expect(result.roots).toEqual([
      { id: 'anyio@4.4.0', scope: 'runtime', workspace: '.' },
      { id: 'shared@1.0.0', scope: 'runtime', workspace: '.' },
      { id: 'click@8.1.7', scope: 'optional', workspace: '.' },
      { id: 'pytest@8.2.0', scope: 'development', workspace: '.' },
      { id: 'idna@3.7', scope: 'runtime', workspace: 'packages/shared' },
    ]);
    expect(byId(result.packages, 'app@').dependencies).toEqual(['anyio@4.4.0', 'shared@1.0.0']);
    expect(byId(result.packages, 'pytest@8.2.0').dependencies).toEqual(['internal-tools@0.2.0']);
  });
});

describe('uv.lock parser on unusual input', () => {
  it('skips a nameless package and reports broken TOML as a LockfileError', () => {
    const result = uvLockParser.parse('version = 1\n[[package]]\nversion = "1"\n[[package]]\nname = "a"\nversion = "1"\n', CONTEXT);
    expect(result.packages.map((pkg) => [pkg.id, pkg.line])).toEqual([['a@1', 4]]);
    expect(result.warnings).toEqual(['line 2: a [[package]] without a readable name; ignored']);
    expect(() => uvLockParser.parse('[[package]\n', CONTEXT)).toThrow(LockfileError);
  });

  it('gives up linking a name locked absurdly many times instead of growing the graph', () => {
    const tables = Array.from({ length: 20 }, (_, index) => `[[package]]\nname = "x"\nversion = "${index}"\ndependencies = [{ name = "x" }]\n`);
    const result = uvLockParser.parse(tables.join('\n'), CONTEXT);
    expect(result.packages).toHaveLength(20);
    expect(result.packages.every((pkg) => pkg.dependencies.length === 0)).toBe(true);
  });
});
