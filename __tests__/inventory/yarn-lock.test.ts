import { describe, expect, it } from '@jest/globals';
import { yarnLockParser } from '../../src/core/inventory/parsers/yarn-lock.js';
import { LockfileError } from '../../src/core/inventory/types.js';
import { byId, contextWith, fixtureFolderContext, hexOfIntegrity, readFixture } from './support.js';

const context = (files?: Record<string, string>) => contextWith('yarn.lock', files);
const folderContext = (folder: string) => fixtureFolderContext(folder, `${folder}/yarn.lock`);

describe('yarn.lock v1 (webpack/webpack, 2019)', () => {
  const text = readFixture('yarn-v1/yarn.lock');
  // webpack's package.json of that commit is not stored; this hand-written one names
  // packages the lockfile holds, to show how ranges are matched to entries.
  const manifest = JSON.stringify({
    name: 'webpack',
    version: '5.0.0-alpha.9',
    dependencies: { 'neo-async': '^2.6.0', tapable: '^1.1.0', 'webpack-sources': '^1.3.0' },
    devDependencies: { lodash: '^4.17.11', 'neo-async': '^2.5.0' },
  });
  const result = yarnLockParser.parse(text, context({ 'package.json': manifest }));

  it('reads one package per entry, however many descriptors its header lists', () => {
    expect(result.format).toBe('yarn.lock@v1');
    // 984 unindented headers in the file.
    expect(result.packages).toHaveLength(984);
    expect(result.warnings).toEqual([]);
  });

  it('places each package at its header line', () => {
    expect(byId(result, '@babel/generator@7.4.0')).toMatchObject({ name: '@babel/generator', line: 32 });
    expect(byId(result, 'acorn@6.1.1')).toMatchObject({ line: 660 });
    expect(byId(result, 'lodash@4.17.11')).toMatchObject({ line: 4334 });
    expect(byId(result, 'webpack-sources@1.3.0')).toMatchObject({ line: 7066 });
  });

  it('matches each `name range` dependency to the entry that lists `name@range`', () => {
    // @babel/core asks for "@babel/generator" "^7.4.0", the second descriptor of line 32.
    expect(byId(result, '@babel/core@7.4.0').dependencies).toContain('@babel/generator@7.4.0');
    expect(byId(result, '@babel/core@7.4.0').dependencies).toContain('lodash@4.17.11');
    expect(byId(result, '@babel/code-frame@7.0.0').dependencies).toEqual(['@babel/highlight@7.0.0']);
  });

  it('keeps the integrity hash and the SHA-1 yarn appends to the tarball URL', () => {
    const lodash = byId(result, 'lodash@4.17.11');
    expect(lodash.resolved).toBe('https://registry.yarnpkg.com/lodash/-/lodash-4.17.11.tgz#b39ea6229ef607ecd89e2c8df12536891cac9b8d');
    expect(lodash.hashes).toEqual([
      {
        algorithm: 'SHA-512',
        hex: hexOfIntegrity('sha512-cQKh8igo5QUhZ7lg38DYWAxMvjSAKG0A8wGSVimP07SIUEK2UO+arSRKbRZWtelMtN5V0Hkwh5ryOto/SshYIg=='),
      },
      { algorithm: 'SHA-1', hex: 'b39ea6229ef607ecd89e2c8df12536891cac9b8d' },
    ]);
  });

  it('takes roots and their scopes from package.json, a runtime listing winning over a dev one', () => {
    expect(result.project).toEqual({ name: 'webpack', version: '5.0.0-alpha.9' });
    expect(result.roots).toEqual([
      { id: 'neo-async@2.6.1', scope: 'runtime', workspace: '.' },
      { id: 'tapable@1.1.3', scope: 'runtime', workspace: '.' },
      { id: 'webpack-sources@1.3.0', scope: 'runtime', workspace: '.' },
      { id: 'lodash@4.17.11', scope: 'development', workspace: '.' },
    ]);
  });

  it('says so when there is no package.json to tell the direct dependencies', () => {
    const alone = yarnLockParser.parse(text, context());
    expect(alone.roots).toEqual([]);
    expect(alone.warnings).toEqual(['yarn.lock does not record the direct dependencies and no package.json was found beside it']);
  });
});

describe('yarn.lock v1 with an npm alias (snyk fixture)', () => {
  const result = yarnLockParser.parse(readFixture('yarn-v1-npm-alias/yarn.lock'), folderContext('yarn-v1-npm-alias'));

  it('names the package after the aliased one and roots it from package.json', () => {
    expect(result.packages).toEqual([
      expect.objectContaining({ id: 'lodash@4.17.21', name: 'lodash', version: '4.17.21', line: 5 }),
    ]);
    expect(result.roots).toEqual([{ id: 'lodash@4.17.21', scope: 'runtime', workspace: '.' }]);
    expect(result.project).toEqual({ name: 'test3' });
  });
});

describe('yarn.lock v1 edge cases', () => {
  it('reads a file without the yarn banner, keeping its lines', () => {
    const result = yarnLockParser.parse('a@^1:\n  version "1.0.0"\n  dependencies:\n    b "^2"\n\nb@^2:\n  version "2.1.0"\n', context());
    expect(result.packages.map((pkg) => [pkg.id, pkg.line, pkg.dependencies])).toEqual([
      ['a@1.0.0', 1, ['b@2.1.0']],
      ['b@2.1.0', 6, []],
    ]);
  });

  it('does not take a git commit after the URL for a tarball hash', () => {
    const text = '# yarn lockfile v1\n\n"tool@github:o/tool":\n  version "2.0.0"\n  resolved "git+ssh://git@github.com/o/tool.git#263f602e6ae34add6332c1eb4caa808893b0b711"\n';
    const [tool] = yarnLockParser.parse(text, context()).packages;
    expect(tool).toMatchObject({ name: 'tool', version: '2.0.0', line: 3 });
    expect(tool!.hashes).toBeUndefined();
  });

  it('reads workspaces named by folder and says which globs it could not expand', () => {
    const text = '# yarn lockfile v1\n\nleft-pad@^1.3.0:\n  version "1.3.0"\n';
    const result = yarnLockParser.parse(
      text,
      context({
        'package.json': JSON.stringify({ private: true, workspaces: ['tools/cli', 'packages/*'] }),
        'tools/cli/package.json': JSON.stringify({ name: 'cli', devDependencies: { 'left-pad': '^1.3.0' } }),
      }),
    );
    expect(result.workspaces).toEqual(['tools/cli']);
    expect(result.roots).toEqual([{ id: 'left-pad@1.3.0', scope: 'development', workspace: 'tools/cli' }]);
    expect(result.warnings).toEqual(["workspace patterns packages/* are not expanded; their members' direct dependencies are unknown"]);
  });

  it('reports a syntax error as a LockfileError at its line', () => {
    const text = '# yarn lockfile v1\n\na@^1:\n  version "1.0.0\n';
    expect(() => yarnLockParser.parse(text, context())).toThrow(LockfileError);
    try {
      yarnLockParser.parse(text, context());
    } catch (error) {
      expect((error as LockfileError).message).toMatch(/^not a valid yarn v1 lockfile: /);
      expect((error as LockfileError).line).toBe(4);
    }
  });
});

describe('yarn.lock berry (prettier/prettier, yarn 4)', () => {
  const result = yarnLockParser.parse(readFixture('yarn-berry/yarn.lock'), folderContext('yarn-berry'));

  it('reads every entry but the root workspace, folding patched entries into their base', () => {
    // 1052 entries: the root workspace is the project; the typescript and fsevents patches are their bases.
    expect(result.format).toBe('yarn.lock@berry');
    expect(result.packages).toHaveLength(1049);
    expect(result.project).toEqual({ name: 'prettier' });
    expect(result.packages.filter((pkg) => pkg.name === 'typescript')).toEqual([
      expect.objectContaining({ id: 'typescript@6.0.3', version: '6.0.3', line: 9453 }),
    ]);
    expect(result.packages.filter((pkg) => pkg.name === 'fsevents')).toEqual([
      expect.objectContaining({ id: 'fsevents@2.3.3', line: 5148 }),
    ]);
  });

  it('places packages at their header line and resolves `name: "npm:range"` dependencies', () => {
    expect(byId(result, '@babel/code-frame@7.29.7')).toMatchObject({ line: 27 });
    expect(byId(result, '@babel/code-frame@7.29.7').dependencies).toEqual([
      '@babel/helper-validator-identifier@7.29.7',
      'js-tokens@4.0.0',
      'picocolors@1.1.1',
    ]);
    expect(byId(result, 'lodash@4.18.1')).toMatchObject({ line: 6724 });
  });

  it('does not report the zip checksum as a package hash', () => {
    expect(result.packages.every((pkg) => pkg.hashes === undefined)).toBe(true);
  });

  it("roots the root workspace's dependencies, as runtime when its package.json is missing", () => {
    expect(result.roots).toHaveLength(149);
    expect(result.roots).toContainEqual({ id: 'typescript@6.0.3', scope: 'runtime', workspace: '.' });
    expect(result.warnings).toEqual(['package.json was not readable, so the dependencies of workspace . count as runtime']);
  });

  it('takes the dev scope from the workspace package.json when there is one', () => {
    const withManifest = yarnLockParser.parse(readFixture('yarn-berry/yarn.lock'), {
      path: 'yarn.lock',
      readRelative: (relative) =>
        relative === 'package.json'
          ? JSON.stringify({ name: 'prettier', version: '3.9.0', devDependencies: { typescript: '6.0.3' } })
          : undefined,
    });
    expect(withManifest.project).toEqual({ name: 'prettier', version: '3.9.0' });
    expect(withManifest.roots).toContainEqual({ id: 'typescript@6.0.3', scope: 'development', workspace: '.' });
    expect(withManifest.warnings).toEqual([]);
  });
});

describe('yarn.lock berry with workspaces (snyk fixture, metadata version 6)', () => {
  const result = yarnLockParser.parse(readFixture('yarn-berry-workspaces/yarn.lock'), folderContext('yarn-berry-workspaces'));

  it('makes the workspaces local packages and lists their folders', () => {
    expect(result.workspaces).toEqual(['packages/pkg-a', 'packages/pkg-b']);
    expect(result.packages).toHaveLength(40);
    expect(byId(result, 'pkg-a@workspace:packages/pkg-a')).toMatchObject({ name: 'pkg-a', version: '1.0.0', line: 263, local: true });
    expect(byId(result, 'pkg-b@workspace:packages/pkg-b')).toMatchObject({ name: 'pkg-b', version: '1.0.1', line: 272, local: true });
    expect(result.project).toEqual({ name: 'yarn-1-workspace-with-cross-ref' });
  });

  it('resolves ranges written without the npm: protocol and links between workspaces', () => {
    expect(byId(result, 'pkg-a@workspace:packages/pkg-a').dependencies).toEqual(['express@4.12.4', 'pkg-b@workspace:packages/pkg-b']);
    expect(byId(result, 'accepts@1.2.13').dependencies).toEqual(['mime-types@2.1.35', 'negotiator@0.5.3']);
    expect(byId(result, 'mime-types@2.1.35')).toMatchObject({ line: 201 });
  });

  it("roots each workspace's dependencies under its folder", () => {
    expect(result.roots).toEqual([
      { id: 'express@4.12.4', scope: 'runtime', workspace: 'packages/pkg-a' },
      { id: 'pkg-b@workspace:packages/pkg-b', scope: 'runtime', workspace: 'packages/pkg-a' },
      { id: 'accepts@1.3.7', scope: 'runtime', workspace: 'packages/pkg-b' },
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe('yarn.lock berry edge cases', () => {
  it('maps a virtual entry to the package it duplicates', () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '  dependencies:',
      '    react-dom: "virtual:0a1b#npm:18.2.0"',
      '  languageName: unknown',
      '  linkType: soft',
      '',
      '"react-dom@npm:18.2.0":',
      '  version: 18.2.0',
      '  resolution: "react-dom@npm:18.2.0"',
      '  linkType: hard',
      '',
      '"react-dom@virtual:0a1b#npm:18.2.0":',
      '  version: 18.2.0',
      '  resolution: "react-dom@virtual:0a1b#npm:18.2.0"',
      '  linkType: hard',
      '',
    ].join('\n');
    const result = yarnLockParser.parse(text, context({ 'package.json': '{"name":"app","dependencies":{"react-dom":"^18"}}' }));
    expect(result.packages.map((pkg) => [pkg.id, pkg.line])).toEqual([['react-dom@18.2.0', 12]]);
    expect(result.roots).toEqual([{ id: 'react-dom@18.2.0', scope: 'runtime', workspace: '.' }]);
  });

  it('does not point at the root workspace, which is the project and not a package', () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"app@workspace:., app@workspace:^":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '  languageName: unknown',
      '  linkType: soft',
      '',
      '"tool@workspace:tools/tool":',
      '  version: 0.0.0-use.local',
      '  resolution: "tool@workspace:tools/tool"',
      '  dependencies:',
      '    app: "workspace:^"',
      '  languageName: unknown',
      '  linkType: soft',
      '',
    ].join('\n');
    const result = yarnLockParser.parse(text, context({ 'tools/tool/package.json': '{"name":"tool","dependencies":{"app":"workspace:^"}}' }));
    expect(result.packages).toEqual([expect.objectContaining({ id: 'tool@workspace:tools/tool', dependencies: [], line: 10 })]);
    expect(result.roots).toEqual([]);
  });

  it('reports broken YAML as a LockfileError', () => {
    expect(() => yarnLockParser.parse('__metadata:\n  version: 6\n"a@npm:1":\n  version: [\n', context())).toThrow(
      /^not a valid yarn berry lockfile: /,
    );
  });
});
