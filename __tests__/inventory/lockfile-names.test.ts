import { describe, expect, it } from '@jest/globals';
import { isInSkippedFolder, lockfileFormatOf } from '../../src/core/inventory/lockfile-names.js';

describe('lockfileFormatOf', () => {
  it.each([
    ['package-lock.json', 'package-lock.json'],
    ['apps/web/package-lock.json', 'package-lock.json'],
    ['npm-shrinkwrap.json', 'npm-shrinkwrap.json'],
    ['yarn.lock', 'yarn.lock@v1'],
    ['pnpm-lock.yaml', 'pnpm-lock.yaml'],
    ['bun.lock', 'bun.lock'],
    ['requirements.txt', 'requirements.txt'],
    ['requirements-dev.txt', 'requirements.txt'],
    ['dev-requirements.txt', 'requirements.txt'],
    ['requirements/base.txt', 'requirements.txt'],
    ['services/api/poetry.lock', 'poetry.lock'],
    ['Pipfile.lock', 'Pipfile.lock'],
    ['uv.lock', 'uv.lock'],
    ['pdm.lock', 'pdm.lock'],
    ['go.mod', 'go.mod'],
    ['Cargo.lock', 'Cargo.lock'],
    ['Gemfile.lock', 'Gemfile.lock'],
    ['gems.locked', 'Gemfile.lock'],
    ['composer.lock', 'composer.lock'],
    ['pom.xml', 'pom.xml'],
    ['gradle.lockfile', 'gradle.lockfile'],
    ['gradle/dependency-locks/compileClasspath.lockfile', 'gradle.lockfile'],
    ['src/App/packages.lock.json', 'packages.lock.json'],
    ['pubspec.lock', 'pubspec.lock'],
    ['mix.lock', 'mix.lock'],
  ])('%s is %s', (path, format) => {
    expect(lockfileFormatOf(path)).toBe(format);
  });

  it.each(['package.json', 'README.md', 'requirements.in', 'go.sum', 'Cargo.toml', 'docs/requirements.md', 'x.lockfile'])(
    '%s is not a lockfile',
    (path) => {
      expect(lockfileFormatOf(path)).toBeUndefined();
    },
  );

  it.each([
    'node_modules/lodash/package-lock.json',
    'packages/a/node_modules/.package-lock.json',
    'vendor/github.com/x/y/go.mod',
    '.venv/lib/python3.12/site-packages/pip/requirements.txt',
    'deps/plug/mix.lock',
  ])('skips %s, inside installed or vendored code', (path) => {
    expect(isInSkippedFolder(path)).toBe(true);
    expect(lockfileFormatOf(path)).toBeUndefined();
  });
});
