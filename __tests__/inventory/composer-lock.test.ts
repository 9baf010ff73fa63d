import { describe, expect, it } from '@jest/globals';
import { composerLockParser } from '../../src/core/inventory/parsers/composer-lock.js';
import { LockfileError } from '../../src/core/inventory/types.js';
import { byId, contextWith, readFixture } from './support.js';

const LOCK = readFixture('composer-lock/composer.lock');
const context = (files?: Record<string, string>) => contextWith('composer.lock', files);

describe('composer.lock parser on a real lock (composer/composer)', () => {
  const result = composerLockParser.parse(LOCK, context());

  it('reads packages as runtime and packages-dev as development, at the line of their `{`', () => {
    expect(result.format).toBe('composer.lock');
    expect(result.warnings).toEqual([]);
    expect(result.packages).toHaveLength(36);
    expect(result.packages.filter((pkg) => pkg.scope === 'development').map((pkg) => pkg.name)).toEqual([
      'phpstan/phpstan',
      'phpstan/phpstan-deprecation-rules',
      'phpstan/phpstan-phpunit',
      'phpstan/phpstan-strict-rules',
      'phpstan/phpstan-symfony',
      'symfony/phpunit-bridge',
    ]);
    expect(byId(result.packages, 'composer/ca-bundle@1.5.12')).toMatchObject({ line: 9, ecosystem: 'Packagist', scope: 'runtime' });
    expect(byId(result.packages, 'phpstan/phpstan@1.12.33')).toMatchObject({ line: 2197, scope: 'development' });
    expect(byId(result.packages, 'symfony/phpunit-bridge@v7.3.4').line).toBe(2470);
  });

  it('keeps versions as Composer wrote them, a leading v included', () => {
    expect(byId(result.packages, 'symfony/console@v5.4.47')).toMatchObject({ version: 'v5.4.47', line: 1005 });
  });

  it('links `require` to locked packages and leaves out php and extensions', () => {
    // ca-bundle requires only ext-openssl, ext-pcre and php.
    expect(byId(result.packages, 'composer/ca-bundle@1.5.12').dependencies).toEqual([]);
    expect(byId(result.packages, 'symfony/console@v5.4.47').dependencies).toEqual([
      'symfony/deprecation-contracts@v2.5.4',
      'symfony/polyfill-mbstring@v1.38.2',
      'symfony/polyfill-php73@v1.37.0',
      'symfony/polyfill-php80@v1.37.0',
      'symfony/service-contracts@v2.5.4',
      'symfony/string@v5.4.47',
    ]);
  });

  it('reads the licence array and the dist URL, and no hash from an empty shasum', () => {
    expect(byId(result.packages, 'composer/ca-bundle@1.5.12')).toMatchObject({
      license: 'MIT',
      resolved: 'https://api.github.com/repos/composer/ca-bundle/zipball/00a2f4201641d5c53f7fc0195e6c8d9fcc321a78',
    });
    expect(byId(result.packages, 'marc-mabe/php-enum@v4.7.2').license).toBe('BSD-3-Clause');
    expect(result.packages.some((pkg) => pkg.hashes !== undefined)).toBe(false);
  });

  it('has no roots without composer.json, and roots from require and require-dev with it', () => {
    expect(result.roots).toEqual([]);
    const manifest = JSON.stringify({
      name: 'composer/composer',
      require: { php: '^7.2.5 || ^8.0', 'ext-json': '*', 'composer/ca-bundle': '^1.5', 'Symfony/Console': '^5.4' },
      'require-dev': { 'phpstan/phpstan': '^1.11', 'phpspec/prophecy': '^1.10' },
    });
    const rooted = composerLockParser.parse(LOCK, context({ 'composer.json': manifest }));
    expect(rooted.project).toEqual({ name: 'composer/composer' });
    expect(rooted.roots).toEqual([
      { id: 'composer/ca-bundle@1.5.12', scope: 'runtime' },
      { id: 'symfony/console@v5.4.47', scope: 'runtime' },
      { id: 'phpstan/phpstan@1.12.33', scope: 'development' },
    ]);
    expect(rooted.warnings).toEqual(['composer.json require-dev names phpspec/prophecy, which composer.lock does not lock']);
  });
});

describe('composer.lock parser on other shapes', () => {
  const lock = JSON.stringify(
    {
      packages: [
        {
          name: 'acme/app-core',
          version: 'dev-main',
          dist: { type: 'path', url: 'packages/core', reference: 'x' },
          require: { 'psr/log-implementation': '^1.0', 'symfony/polyfill-ctype': '^1.8', 'lib-icu': '*' },
        },
        {
          name: 'monolog/monolog',
          version: '2.9.1',
          dist: { type: 'zip', url: 'https://example.com/monolog.zip', shasum: 'F0A3C5E1B2D4F6A8C0E2B4D6F8A0C2E4B6D8F0A2' },
          provide: { 'psr/log-implementation': '1.0.0' },
          license: ['MIT', 'GPL-2.0-or-later OR Apache-2.0'],
        },
        { name: 'symfony/polyfill-php80', version: 'v1.27.0', replace: { 'symfony/polyfill-ctype': '*' }, license: 'MIT' },
        { name: 'monolog/monolog', version: '3.0.0' },
        { name: 'broken' },
      ],
    },
    null,
    2,
  );

  it('follows replace and provide, reads sha1 shasums, compound licences and path repositories', () => {
    const result = composerLockParser.parse(lock, context());
    expect(result.packages.map((pkg) => [pkg.id, pkg.line])).toEqual([
      ['acme/app-core@dev-main', 3],
      ['monolog/monolog@2.9.1', 17],
      ['symfony/polyfill-php80@v1.27.0', 33],
    ]);
    expect(result.packages[0]).toMatchObject({
      local: true,
      dependencies: ['monolog/monolog@2.9.1', 'symfony/polyfill-php80@v1.27.0'],
    });
    expect(result.packages[0]!.resolved).toBeUndefined();
    expect(result.packages[1]).toMatchObject({
      hashes: [{ algorithm: 'SHA-1', hex: 'f0a3c5e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2' }],
      license: 'MIT OR (GPL-2.0-or-later OR Apache-2.0)',
      resolved: 'https://example.com/monolog.zip',
    });
    expect(result.packages[2]!.license).toBe('MIT');
    expect(result.warnings).toEqual([
      'line 41: monolog/monolog is locked twice; kept the first',
      'line 45: an entry of "packages" without a name and version; ignored',
    ]);
  });

  it('reads a composer.json that is not JSON as a warning', () => {
    const result = composerLockParser.parse(lock, context({ 'composer.json': '{"require": ' }));
    expect(result.roots).toEqual([]);
    expect(result.warnings).toContainEqual(expect.stringMatching(/^composer.json ignored: not valid JSON/));
  });

  it('rejects text that is not a composer.lock', () => {
    expect(() => composerLockParser.parse('{"packages": {}}', context())).toThrow(
      new LockfileError('"packages" must be an array of packages'),
    );
    expect(() => composerLockParser.parse('{\n"packages": [\n{,}\n]}', context())).toThrow(LockfileError);
    expect(() => composerLockParser.parse('"text"', context())).toThrow(LockfileError);
  });
});
