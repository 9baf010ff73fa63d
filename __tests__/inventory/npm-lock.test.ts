import { describe, expect, it } from '@jest/globals';
import { packageLockParser, shrinkwrapParser } from '../../src/core/inventory/parsers/npm-lock.js';
import { LockfileError } from '../../src/core/inventory/types.js';
import { byId, contextWith, hexOfIntegrity, readFixture } from './support.js';

const context = (files?: Record<string, string>) => contextWith('package-lock.json', files);

describe('package-lock.json v3 (actions/dependency-review-action)', () => {
  const text = readFixture('npm-package-lock-v3/package-lock.json');
  const result = packageLockParser.parse(text, context());

  it('reads every entry of "packages" but the project itself', () => {
    // 762 keys in "packages", one of them the "" project entry.
    expect(result.format).toBe('package-lock.json');
    expect(result.packages).toHaveLength(761);
    expect(result.warnings).toEqual([]);
    expect(result.project).toEqual({ name: 'dependency-review-action', version: '4.9.0' });
  });

  it('keys each package by its install path and places it at the line of its key', () => {
    const artifact = byId(result, 'node_modules/@actions/artifact');
    expect(artifact).toMatchObject({ name: '@actions/artifact', version: '5.0.3', line: 57, scope: 'runtime', license: 'MIT' });
    expect(artifact.resolved).toBe('https://registry.npmjs.org/@actions/artifact/-/artifact-5.0.3.tgz');
    const nested = byId(result, 'node_modules/@actions/artifact/node_modules/@actions/core');
    expect(nested).toMatchObject({ name: '@actions/core', version: '2.0.1', line: 78 });
    expect(byId(result, 'node_modules/fsevents')).toMatchObject({ line: 5427, scope: 'optional' });
    expect(byId(result, 'node_modules/zod')).toMatchObject({ version: '3.24.1', line: 9458 });
  });

  it('finds dependencies the way Node does: own node_modules first, then the hoisted copy', () => {
    const artifact = byId(result, 'node_modules/@actions/artifact');
    expect(artifact.dependencies).toContain('node_modules/@actions/artifact/node_modules/@actions/core');
    expect(artifact.dependencies).toContain('node_modules/@actions/github');
    expect(artifact.dependencies).not.toContain('node_modules/@actions/core');
  });

  it('names an npm alias after the real package', () => {
    const alias = byId(result, 'node_modules/string-width-cjs');
    expect(alias).toMatchObject({ name: 'string-width', version: '4.2.3', line: 8574 });
    expect(byId(result, 'node_modules/@isaacs/cliui').dependencies).toContain('node_modules/string-width-cjs');
  });

  it('turns integrity into a lower-case hex hash', () => {
    const match = /"node_modules\/@actions\/artifact": \{[^}]*?"integrity": "([^"]+)"/.exec(text)!;
    expect(byId(result, 'node_modules/@actions/artifact').hashes).toEqual([{ algorithm: 'SHA-512', hex: hexOfIntegrity(match[1]!) }]);
  });

  it('takes scopes from the dev and optional flags', () => {
    const counts = new Map<string, number>();
    for (const pkg of result.packages) counts.set(String(pkg.scope), (counts.get(String(pkg.scope)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ runtime: 499, development: 259, optional: 3 });
  });

  it('takes the roots from the project entry, with their sections as scopes', () => {
    expect(result.roots).toHaveLength(32);
    expect(result.roots.filter((root) => root.scope === 'runtime')).toHaveLength(17);
    expect(result.roots.filter((root) => root.scope === 'development')).toHaveLength(15);
    expect(result.roots).toContainEqual({ id: 'node_modules/semver', scope: 'runtime', workspace: '.' });
    expect(result.roots).toContainEqual({ id: 'node_modules/prettier', scope: 'development', workspace: '.' });
  });

  it('is read the same as npm-shrinkwrap.json, under that format', () => {
    const shrinkwrap = shrinkwrapParser.parse(text, context());
    expect(shrinkwrap.format).toBe('npm-shrinkwrap.json');
    expect(shrinkwrap.packages).toEqual(result.packages);
  });
});

describe('package-lock.json v2 with a workspace (snyk fixture)', () => {
  const result = packageLockParser.parse(readFixture('npm-package-lock-v2-workspaces/package-lock.json'), context());

  it('prefers "packages" over the v1 "dependencies" section it also carries', () => {
    expect(result.packages.map((pkg) => pkg.id)).toEqual([
      'node_modules/lodash',
      'packages/workspace-pkg',
      'packages/workspace-pkg/node_modules/lodash',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('marks the linked workspace folder local and lists it as a workspace', () => {
    expect(result.workspaces).toEqual(['packages/workspace-pkg']);
    expect(byId(result, 'packages/workspace-pkg')).toMatchObject({ name: '@test/workspace-pkg', version: '1.0.0', line: 26, local: true });
    expect(byId(result, 'packages/workspace-pkg').scope).toBeUndefined();
  });

  it("resolves a workspace's dependency to its own nested copy", () => {
    expect(byId(result, 'packages/workspace-pkg').dependencies).toEqual(['packages/workspace-pkg/node_modules/lodash']);
    expect(byId(result, 'packages/workspace-pkg/node_modules/lodash')).toMatchObject({ version: '4.17.21', line: 33 });
    expect(byId(result, 'node_modules/lodash')).toMatchObject({ version: '4.17.20', line: 21 });
  });

  it('roots the project at the workspace (through its link) and the workspace at its own dependencies', () => {
    expect(result.roots).toEqual([
      { id: 'packages/workspace-pkg/node_modules/lodash', scope: 'runtime', workspace: 'packages/workspace-pkg' },
      { id: 'packages/workspace-pkg', scope: 'runtime', workspace: '.' },
    ]);
  });
});

describe('package-lock.json v1 (heroku/node-js-getting-started)', () => {
  const text = readFixture('npm-package-lock-v1/package-lock.json');
  // The repository's package.json of that commit is not stored; this one names the four
  // top-level entries no other entry requires, as `npm install` would have written them.
  const manifest = JSON.stringify({
    dependencies: { ejs: '2.5.6', express: '4.15.2' },
    devDependencies: { request: '^2.83.0', tape: '^4.8.0' },
  });
  const result = packageLockParser.parse(text, context({ 'package.json': manifest }));

  it('reads the nested tree, one package per install path', () => {
    expect(result.packages).toHaveLength(128);
    expect(result.warnings).toEqual([]);
    expect(result.project).toEqual({ name: 'node-js-getting-started', version: '0.2.6' });
    expect(byId(result, 'node_modules/express')).toMatchObject({ name: 'express', version: '4.15.2', line: 285, scope: 'runtime' });
    expect(byId(result, 'node_modules/finalhandler/node_modules/debug')).toMatchObject({ version: '2.6.9', line: 358 });
    expect(byId(result, 'node_modules/cryptiles/node_modules/boom')).toMatchObject({ version: '5.2.0', line: 160 });
  });

  it('resolves requires through nested node_modules before the top level', () => {
    expect(byId(result, 'node_modules/finalhandler/node_modules/debug').dependencies).toEqual([
      'node_modules/finalhandler/node_modules/ms',
    ]);
    expect(byId(result, 'node_modules/debug').dependencies).toEqual(['node_modules/ms']);
    expect(byId(result, 'node_modules/request').dependencies).toContain('node_modules/request/node_modules/qs');
    expect(byId(result, 'node_modules/express').dependencies).toContain('node_modules/qs');
    expect(byId(result, 'node_modules/cryptiles/node_modules/boom').dependencies).toEqual(['node_modules/hoek']);
  });

  it('reads dev and optional flags, a dev optional package counting as development', () => {
    expect(result.packages.filter((pkg) => pkg.scope === 'development')).toHaveLength(83);
    expect(result.packages.filter((pkg) => pkg.scope === 'runtime')).toHaveLength(45);
    expect(byId(result, 'node_modules/tweetnacl')).toMatchObject({ line: 953, scope: 'development' });
    expect(byId(result, 'node_modules/request/node_modules/qs')).toMatchObject({ version: '6.5.1', scope: 'development' });
  });

  it('turns sha1 integrity into hex', () => {
    expect(byId(result, 'node_modules/ejs').hashes).toEqual([{ algorithm: 'SHA-1', hex: hexOfIntegrity('sha1-R5Y2v6P+Ox3r1SCH8KyyBLTxnIg=') }]);
  });

  it('takes the roots from package.json beside the lockfile', () => {
    expect(result.roots).toEqual([
      { id: 'node_modules/ejs', scope: 'runtime', workspace: '.' },
      { id: 'node_modules/express', scope: 'runtime', workspace: '.' },
      { id: 'node_modules/request', scope: 'development', workspace: '.' },
      { id: 'node_modules/tape', scope: 'development', workspace: '.' },
    ]);
  });

  it('says so when no package.json tells the direct dependencies', () => {
    const alone = packageLockParser.parse(text, context());
    expect(alone.roots).toEqual([]);
    expect(alone.warnings).toEqual([
      'package-lock.json version 1 does not record the direct dependencies and no package.json was found beside it',
    ]);
  });
});

describe('package-lock.json edge cases', () => {
  it('treats devOptional as development and peer-only packages as peer', () => {
    const text = JSON.stringify(
      {
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', dependencies: { a: '1' }, peerDependencies: { p: '1' } },
          'node_modules/a': { version: '1.0.0', devOptional: true, optional: true },
          'node_modules/p': { version: '2.0.0', peer: true, license: { type: 'ISC' } },
        },
      },
      null,
      2,
    );
    const result = packageLockParser.parse(text, context());
    expect(byId(result, 'node_modules/a')).toMatchObject({ scope: 'development', line: 13 });
    expect(byId(result, 'node_modules/p')).toMatchObject({ scope: 'peer', license: 'ISC', line: 18 });
    expect(result.roots).toEqual([
      { id: 'node_modules/a', scope: 'runtime', workspace: '.' },
      { id: 'node_modules/p', scope: 'peer', workspace: '.' },
    ]);
  });

  it('reads v1 aliases, git and folder dependencies from their version field', () => {
    const text = JSON.stringify({
      lockfileVersion: 1,
      dependencies: {
        'sw-cjs': { version: 'npm:string-width@4.2.3', integrity: 'sha512-' + Buffer.alloc(64, 1).toString('base64') },
        tool: { version: 'git+https://github.com/o/tool.git#0123456789abcdef0123456789abcdef01234567', from: 'git+https://github.com/o/tool.git' },
        shared: { version: 'file:../shared' },
      },
    });
    const result = packageLockParser.parse(text, context());
    expect(byId(result, 'node_modules/sw-cjs')).toMatchObject({ name: 'string-width', version: '4.2.3', hashes: [{ algorithm: 'SHA-512', hex: '01'.repeat(64) }] });
    expect(byId(result, 'node_modules/tool')).toMatchObject({
      version: '0123456789abcdef0123456789abcdef01234567',
      resolved: 'git+https://github.com/o/tool.git#0123456789abcdef0123456789abcdef01234567',
    });
    expect(byId(result, 'node_modules/shared')).toMatchObject({ local: true, version: '' });
  });

  it('warns once about dependencies that have no entry', () => {
    const text = JSON.stringify({
      lockfileVersion: 2,
      packages: { '': { dependencies: { a: '1', gone: '1' } }, 'node_modules/a': { version: '1.0.0', dependencies: { missing: '2' } } },
    });
    const result = packageLockParser.parse(text, context());
    expect(result.warnings).toEqual(['2 dependencies have no entry in package-lock.json and were left out, e.g. missing (needed by node_modules/a)']);
  });

  it('does not make a package of a link back to the project', () => {
    const text = JSON.stringify({
      lockfileVersion: 3,
      packages: { '': { name: 'app', workspaces: ['tools/*'] }, 'node_modules/app': { resolved: '', link: true }, 'tools/cli': { name: 'cli', dependencies: { app: '*' } } },
    });
    const result = packageLockParser.parse(text, context());
    expect(result.packages).toEqual([expect.objectContaining({ id: 'tools/cli', dependencies: [], local: true })]);
    expect(result.warnings).toEqual(['line 1: link "node_modules/app" points at "", which has no entry', expect.stringContaining('1 dependency has no entry')]);
  });

  it('rejects text that is not JSON with a LockfileError at the line', () => {
    const attempt = () => packageLockParser.parse('{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {,\n  }\n}', context());
    expect(attempt).toThrow(LockfileError);
    expect(attempt).toThrow('not valid JSON for package-lock.json: ValueExpected');
    try {
      attempt();
    } catch (error) {
      expect((error as LockfileError).line).toBe(4);
    }
  });

  it('rejects a JSON document that is not an object', () => {
    expect(() => packageLockParser.parse('[1, 2]', context())).toThrow('package-lock.json must be a JSON object');
  });

  it('survives absurd nesting with a LockfileError', () => {
    expect(() => packageLockParser.parse('['.repeat(200_000), context())).toThrow(LockfileError);
  });
});
