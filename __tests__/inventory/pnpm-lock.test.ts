import { describe, expect, it } from '@jest/globals';
import { pnpmLockParser } from '../../src/core/inventory/parsers/pnpm-lock.js';
import { LockfileError } from '../../src/core/inventory/types.js';
import { byId, contextWith, hexOfIntegrity, readFixture } from './support.js';

const context = (files?: Record<string, string>) => contextWith('pnpm-lock.yaml', files);

function integrityAfter(text: string, key: string): string {
  const at = text.indexOf(`\n  ${key}:`);
  return /integrity: (sha512-[^}]+)\}/.exec(text.slice(at))![1]!;
}

describe('pnpm-lock.yaml 5.4, single project (snyk fixture)', () => {
  const text = readFixture('pnpm-v5/pnpm-lock.yaml');
  const result = pnpmLockParser.parse(text, context());

  it('reads one package per key, peer variants included', () => {
    expect(result.packages).toHaveLength(64);
    expect(result.warnings).toEqual([]);
  });

  it('splits `/name/version_peer@x` keys and places packages at their key line', () => {
    expect(byId(result, '@emotion/react@11.14.0_react@18.3.1')).toMatchObject({ name: '@emotion/react', version: '11.14.0', line: 140 });
    expect(byId(result, 'react@18.3.1')).toMatchObject({ name: 'react', version: '18.3.1', line: 392 });
    expect(byId(result, 'typescript@5.7.2')).toMatchObject({ line: 431 });
  });

  it('resolves peer-suffixed references to the matching key', () => {
    expect(byId(result, '@emotion/react@11.14.0_react@18.3.1').dependencies).toContain(
      '@emotion/use-insertion-effect-with-fallbacks@1.2.0_react@18.3.1',
    );
    expect(byId(result, 'react@18.3.1').dependencies).toEqual(['loose-envify@1.4.0']);
  });

  it('reads dev: true as development and leaves packages without the flag to the graph', () => {
    expect(byId(result, 'typescript@5.7.2').scope).toBe('development');
    // react, loose-envify and js-tokens serve both trees and carry no flag.
    expect(result.packages.filter((pkg) => pkg.scope === undefined).map((pkg) => pkg.id)).toEqual([
      'js-tokens@4.0.0',
      'loose-envify@1.4.0',
      'react@18.3.1',
    ]);
  });

  it('takes roots from the top-level sections of a single-project file', () => {
    expect(result.roots).toEqual([
      { id: 'react@18.3.1', scope: 'runtime', workspace: '.' },
      { id: '@emotion/react@11.14.0_react@18.3.1', scope: 'development', workspace: '.' },
      { id: 'typescript@5.7.2', scope: 'development', workspace: '.' },
    ]);
  });

  it('turns resolution.integrity into a hash', () => {
    expect(byId(result, 'react@18.3.1').hashes).toEqual([{ algorithm: 'SHA-512', hex: hexOfIntegrity(integrityAfter(text, '/react/18.3.1')) }]);
  });
});

describe('pnpm-lock.yaml 6.0 (the same project locked by pnpm 8)', () => {
  const result = pnpmLockParser.parse(readFixture('pnpm-v6/pnpm-lock.yaml'), context());

  it('reads `/name@version(peer@x)` keys', () => {
    expect(result.packages).toHaveLength(64);
    expect(byId(result, '@emotion/react@11.14.0(react@18.3.1)')).toMatchObject({ name: '@emotion/react', version: '11.14.0', line: 145 });
    expect(byId(result, '@emotion/react@11.14.0(react@18.3.1)').dependencies).toContain(
      '@emotion/use-insertion-effect-with-fallbacks@1.2.0(react@18.3.1)',
    );
    expect(byId(result, 'react@18.3.1')).toMatchObject({ line: 397 });
  });

  it('reads `{ specifier, version }` importer entries', () => {
    expect(result.roots).toEqual([
      { id: 'react@18.3.1', scope: 'runtime', workspace: '.' },
      { id: '@emotion/react@11.14.0(react@18.3.1)', scope: 'development', workspace: '.' },
      { id: 'typescript@5.7.2', scope: 'development', workspace: '.' },
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe('pnpm-lock.yaml 5.4 with workspaces (snyk fixture)', () => {
  const result = pnpmLockParser.parse(readFixture('pnpm-v5-workspaces/pnpm-lock.yaml'), context());

  it('makes each workspace a local package at its importer line, named as it is linked', () => {
    expect(result.workspaces).toEqual(['packages/pkg-a', 'packages/pkg-b']);
    expect(result.packages.filter((pkg) => pkg.local)).toEqual([
      expect.objectContaining({ id: 'pkg-a@link:packages/pkg-a', line: 8, dependencies: ['ms@2.1.2', 'package-b@link:packages/pkg-b'] }),
      expect.objectContaining({ id: 'package-b@link:packages/pkg-b', name: 'package-b', line: 16, dependencies: ['accepts@1.3.7'] }),
    ]);
  });

  it('roots each importer and reads dev: false as runtime', () => {
    expect(result.roots).toEqual([
      { id: 'ms@2.1.2', scope: 'runtime', workspace: 'packages/pkg-a' },
      { id: 'package-b@link:packages/pkg-b', scope: 'runtime', workspace: 'packages/pkg-a' },
      { id: 'accepts@1.3.7', scope: 'runtime', workspace: 'packages/pkg-b' },
    ]);
    expect(byId(result, 'accepts@1.3.7')).toMatchObject({ line: 24, scope: 'runtime', dependencies: ['mime-types@2.1.35', 'negotiator@0.6.2'] });
    expect(result.packages).toHaveLength(7);
  });

  it('names a workspace from its package.json when it can read one', () => {
    const named = pnpmLockParser.parse(
      readFixture('pnpm-v5-workspaces/pnpm-lock.yaml'),
      context({ 'packages/pkg-b/package.json': '{"name":"package-b","version":"1.2.0"}' }),
    );
    expect(byId(named, 'package-b@link:packages/pkg-b')).toMatchObject({ version: '1.2.0', local: true });
  });
});

describe('pnpm-lock.yaml 9.0 (google/osv.dev website)', () => {
  const text = readFixture('pnpm-v9/pnpm-lock.yaml');
  const result = pnpmLockParser.parse(text, context());

  it('reads one package per snapshot, at the line of its packages entry', () => {
    // 416 `packages` entries and 416 `snapshots`.
    expect(result.packages).toHaveLength(416);
    expect(result.warnings).toEqual([]);
    expect(byId(result, 'sass-loader@17.0.0(sass@1.102.0)(webpack@5.109.2)')).toMatchObject({
      name: 'sass-loader',
      version: '17.0.0',
      line: 1520,
    });
    expect(byId(result, '@discoveryjs/json-ext@0.6.3')).toMatchObject({ line: 75 });
  });

  it('takes the graph from snapshots, optional dependencies included', () => {
    expect(byId(result, 'sass-loader@17.0.0(sass@1.102.0)(webpack@5.109.2)').dependencies).toEqual([
      'sass@1.102.0',
      'webpack@5.109.2(clean-css@5.3.3)(html-minifier-terser@6.1.0)(postcss@8.5.26)(webpack-cli@7.2.2)',
    ]);
  });

  it('takes hashes from the packages entry', () => {
    expect(byId(result, '@discoveryjs/json-ext@0.6.3').hashes).toEqual([
      { algorithm: 'SHA-512', hex: hexOfIntegrity(integrityAfter(text, "'@discoveryjs/json-ext@0.6.3'")) },
    ]);
  });

  it('roots the importer, with dev dependencies as development', () => {
    expect(result.roots).toHaveLength(20);
    expect(result.roots.filter((root) => root.scope === 'runtime')).toHaveLength(8);
    expect(result.roots).toContainEqual({ id: 'lit@3.3.3', scope: 'runtime', workspace: '.' });
    expect(result.roots).toContainEqual({ id: 'sass@1.102.0', scope: 'development', workspace: '.' });
  });
});

describe('pnpm-lock.yaml edge cases', () => {
  it('reads aliases, tarballs, git and link dependencies in a 9.0 workspace', () => {
    const text = [
      "lockfileVersion: '9.0'",
      '',
      'importers:',
      '',
      '  .:',
      '    dependencies:',
      '      app:',
      '        specifier: workspace:*',
      '        version: link:apps/app',
      '',
      '  apps/app:',
      '    dependencies:',
      '      sw:',
      '        specifier: npm:string-width@4.2.3',
      '        version: string-width@4.2.3',
      '      tool:',
      '        specifier: github:o/tool',
      '        version: https://codeload.github.com/o/tool/tar.gz/0123456789abcdef0123456789abcdef01234567',
      '',
      'packages:',
      '',
      '  string-width@4.2.3:',
      "    resolution: {integrity: sha512-wKyQRQpjJ0sIp62ErSZdGsjMJWsap5oRNihHhu6G7JVO/9jIB6UyevL+tXuOqrng8j/cxKTWyWUwvSTriiZz/g==}",
      '',
      '  tool@https://codeload.github.com/o/tool/tar.gz/0123456789abcdef0123456789abcdef01234567:',
      '    resolution: {tarball: https://codeload.github.com/o/tool/tar.gz/0123456789abcdef0123456789abcdef01234567}',
      '    version: 2.0.0',
      '',
      'snapshots:',
      '',
      '  string-width@4.2.3: {}',
      '',
      '  tool@https://codeload.github.com/o/tool/tar.gz/0123456789abcdef0123456789abcdef01234567: {}',
      '',
    ].join('\n');
    const result = pnpmLockParser.parse(text, context({ 'apps/app/package.json': '{"name":"@acme/app","version":"0.1.0"}' }));
    expect(result.packages.map((pkg) => [pkg.id, pkg.name, pkg.version, pkg.line, pkg.local ?? false])).toEqual([
      ['@acme/app@link:apps/app', '@acme/app', '0.1.0', 11, true],
      ['string-width@4.2.3', 'string-width', '4.2.3', 22, false],
      ['tool@https://codeload.github.com/o/tool/tar.gz/0123456789abcdef0123456789abcdef01234567', 'tool', '2.0.0', 25, false],
    ]);
    expect(result.packages[2]!.resolved).toBe('https://codeload.github.com/o/tool/tar.gz/0123456789abcdef0123456789abcdef01234567');
    expect(result.roots.map((root) => [root.id, root.workspace])).toEqual([
      ['@acme/app@link:apps/app', '.'],
      ['string-width@4.2.3', 'apps/app'],
      ['tool@https://codeload.github.com/o/tool/tar.gz/0123456789abcdef0123456789abcdef01234567', 'apps/app'],
    ]);
    expect(result.workspaces).toEqual(['apps/app']);
  });

  it('reports invalid YAML as a LockfileError at its line', () => {
    const attempt = () => pnpmLockParser.parse("lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {\n", context());
    expect(attempt).toThrow(LockfileError);
    expect(attempt).toThrow(/^not valid YAML for pnpm-lock.yaml: /);
  });

  it('rejects duplicate keys instead of keeping one silently', () => {
    expect(() => pnpmLockParser.parse("lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {}\n  a@1.0.0: {}\n", context())).toThrow(LockfileError);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ["lockfileVersion: '9.0'", 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i += 1) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    expect(() => pnpmLockParser.parse(lines.join('\n'), context())).toThrow(LockfileError);
  });
});
