import { describe, expect, it } from '@jest/globals';
import { pdmLockParser } from '../../src/core/inventory/parsers/pdm-lock.js';
import { LockfileError } from '../../src/core/inventory/types.js';
import { byId, contextWith, readFixture } from './support.js';

const context = (files?: Record<string, string>) => contextWith('pdm.lock', files);

describe('pdm.lock parser on a real lock (pdm-project/dep-logic)', () => {
  const lock = readFixture('pdm-lock/pdm.lock');

  it('reads every package at the line of its header, with PEP 508 dependencies as edges', () => {
    const result = pdmLockParser.parse(lock, context());
    expect(result.format).toBe('pdm.lock');
    expect(result.warnings).toEqual([]);
    expect(result.packages.map((pkg) => [pkg.id, pkg.line])).toEqual([
      ['colorama@0.4.6', 10],
      ['exceptiongroup@1.1.3', 20],
      ['iniconfig@2.0.0', 30],
      ['packaging@23.2', 40],
      ['pluggy@1.3.0', 50],
      ['poetry-core@1.8.1', 60],
      ['pytest@7.4.3', 70],
      ['tomli@2.0.1', 88],
    ]);
    expect(byId(result.packages, 'pytest@7.4.3').dependencies).toEqual([
      'colorama@0.4.6',
      'exceptiongroup@1.1.3',
      'iniconfig@2.0.0',
      'packaging@23.2',
      'pluggy@1.3.0',
      'tomli@2.0.1',
    ]);
    // lock_version 4.4 without inherit_metadata records no groups per package.
    expect(result.packages.every((pkg) => pkg.scope === undefined)).toBe(true);
    // Every package has a wheel and an sdist: no single package hash.
    expect(result.packages.every((pkg) => pkg.hashes === undefined)).toBe(true);
  });

  it('takes roots and their scopes from the pyproject.toml of the same commit', () => {
    const result = pdmLockParser.parse(lock, context({ 'pyproject.toml': readFixture('pdm-lock/pyproject.toml') }));
    expect(result.warnings).toEqual([]);
    expect(result.project).toEqual({ name: 'dep-logic' });
    expect(result.roots).toEqual([
      { id: 'packaging@23.2', scope: 'runtime' },
      { id: 'poetry-core@1.8.1', scope: 'development' },
      { id: 'pytest@7.4.3', scope: 'development' },
    ]);
  });

  it('has no roots without a pyproject.toml', () => {
    expect(pdmLockParser.parse(lock, context()).roots).toEqual([]);
  });
});

describe('pdm.lock parser on groups, extras and sources (lock_version 4.5)', () => {
  const result = pdmLockParser.parse(
    readFixture('pdm-lock-groups/pdm.lock'),
    context({ 'pyproject.toml': readFixture('pdm-lock-groups/pyproject.toml') }),
  );

  it('merges the table pdm writes per requested extra into one package', () => {
    expect(result.packages.map((pkg) => [pkg.id, pkg.line, pkg.scope])).toEqual([
      ['cachecontrol@0.14.0', 13, 'runtime'],
      ['filelock@3.15.4', 44, 'runtime'],
      ['msgpack@1.0.8', 54, 'runtime'],
      ['mytool@0.3.0', 61, 'development'],
      ['requests@2.32.3', 72, 'runtime'],
      ['sphinx@7.3.7', 82, 'development'],
    ]);
    // The extra's table depends on the package itself (`cachecontrol==0.14.0`): no self edge.
    expect(byId(result.packages, 'cachecontrol@0.14.0').dependencies).toEqual([
      'msgpack@1.0.8',
      'requests@2.32.3',
      'filelock@3.15.4',
    ]);
  });

  it('reads path sources as local and git sources as resolved, with a single artifact as the hash', () => {
    expect(byId(result.packages, 'mytool@0.3.0')).toMatchObject({ local: true, dependencies: ['filelock@3.15.4'] });
    expect(byId(result.packages, 'requests@2.32.3').resolved).toBe(
      'git+https://github.com/psf/requests.git#0e322af87745eff34caffe4df68456ebc20d9068',
    );
    expect(byId(result.packages, 'filelock@3.15.4').hashes).toEqual([
      { algorithm: 'SHA-256', hex: '6ca1fffae96225dab4c6eaf1c4f4f28cd2568d3ec2a44e15a08520504de468e7' },
    ]);
    expect(byId(result.packages, 'cachecontrol@0.14.0').hashes).toBeUndefined();
  });

  it('roots project dependencies, extras, dependency groups and pdm dev-dependencies, not the project itself', () => {
    expect(result.project).toEqual({ name: 'sample-app', version: '1.2.0' });
    expect(result.warnings).toEqual([]);
    expect(result.roots).toEqual([
      { id: 'cachecontrol@0.14.0', scope: 'runtime' },
      { id: 'msgpack@1.0.8', scope: 'optional' },
      { id: 'sphinx@7.3.7', scope: 'development' },
      { id: 'mytool@0.3.0', scope: 'development' },
      { id: 'filelock@3.15.4', scope: 'development' },
    ]);
  });
});

describe('pdm.lock parser on the old shapes and bad input', () => {
  it('reads `sections` and `[metadata.files]` keyed by "name version" (lock_version 3)', () => {
    const text = [
      '[[package]]',
      'name = "Click"',
      'sections = ["default", "test"]',
      'version = "7.1.2"',
      '',
      '[[package]]',
      'name = "coverage"',
      'sections = ["test"]',
      'version = "5.5"',
      'dependencies = ["click>=7", "not a requirement!"]',
      '',
      '[metadata]',
      'lock_version = "2"',
      '',
      '[metadata.files]',
      '"Click 7.1.2" = [',
      `    {file = "click-7.1.2.tar.gz", hash = "sha256:${'d'.repeat(64)}"},`,
      ']',
      '',
    ].join('\n');
    const result = pdmLockParser.parse(text, context());
    expect(result.packages.map((pkg) => [pkg.id, pkg.line, pkg.scope])).toEqual([
      ['Click@7.1.2', 1, 'runtime'],
      ['coverage@5.5', 6, 'development'],
    ]);
    expect(result.packages[0]!.hashes).toEqual([{ algorithm: 'SHA-256', hex: 'd'.repeat(64) }]);
    expect(result.packages[1]!.dependencies).toEqual(['Click@7.1.2']);
    expect(result.warnings).toEqual(['line 6: dependency "not a requirement!" of coverage@5.5 is not a requirement; ignored']);
  });

  it('reports broken TOML as a LockfileError', () => {
    expect(() => pdmLockParser.parse('[metadata]\ngroups = [\n', context())).toThrow(LockfileError);
    expect(() => pdmLockParser.parse('package = 3\n', context())).toThrow(LockfileError);
  });
});
