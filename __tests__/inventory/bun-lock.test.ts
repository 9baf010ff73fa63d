import { describe, expect, it } from '@jest/globals';
import { bunLockParser } from '../../src/core/inventory/parsers/bun-lock.js';
import { LockfileError } from '../../src/core/inventory/types.js';
import { byId, contextWith, readFixture } from './support.js';

const CONTEXT = contextWith('bun.lock');

describe('bun.lock (oven-sh/bun audit fixture for express@3)', () => {
  const text = readFixture('bun-lock/bun.lock');
  const result = bunLockParser.parse(text, CONTEXT);

  it('reads the trailing-comma JSON and every package entry', () => {
    expect(result.format).toBe('bun.lock');
    expect(result.packages).toHaveLength(94);
    expect(result.warnings).toEqual([]);
    expect(result.project).toEqual({ name: 'express-3' });
  });

  it('keys packages by their bun path and places them at the line of the key', () => {
    expect(byId(result, 'accepts')).toMatchObject({ name: 'accepts', version: '1.2.13', line: 12 });
    expect(byId(result, 'express')).toMatchObject({ name: 'express', version: '3.21.2', line: 68 });
    expect(byId(result, 'errorhandler/accepts')).toMatchObject({ name: 'accepts', version: '1.3.8', line: 168 });
    expect(byId(result, 'serve-static/send/depd')).toMatchObject({ name: 'depd', version: '1.1.2', line: 196 });
  });

  it('keeps the three nested copies of one version as three packages', () => {
    expect(result.packages.filter((pkg) => pkg.name === 'escape-html').map((pkg) => [pkg.id, pkg.version])).toEqual([
      ['escape-html', '1.0.2'],
      ['errorhandler/escape-html', '1.0.3'],
      ['serve-index/escape-html', '1.0.3'],
      ['serve-static/escape-html', '1.0.3'],
    ]);
  });

  it('resolves a dependency under the dependent first, then up the path, then at the top', () => {
    expect(byId(result, 'serve-static/send').dependencies).toEqual([
      'debug',
      'serve-static/send/depd',
      'serve-static/send/destroy',
      'serve-static/escape-html',
      'etag',
      'fresh',
      'http-errors',
      'mime',
      'ms',
      'on-finished',
      'range-parser',
      'statuses',
    ]);
    expect(byId(result, 'errorhandler/accepts').dependencies).toEqual(['mime-types', 'errorhandler/accepts/negotiator']);
    expect(byId(result, 'mime-types').dependencies).toEqual(['mime-types/mime-db']);
  });

  it('turns the integrity element into a hash', () => {
    const integrity = 'sha512-r3mq2RNCDxAdmZrzEAdjlk5/W7x8+vjU1aAcoAoZFq62KtkWQX+MbaSN4g59CwdUFf9MFf1VSqkZJ+LeR9jmww==';
    expect(byId(result, 'express').hashes).toEqual([
      { algorithm: 'SHA-512', hex: Buffer.from(integrity.slice(7), 'base64').toString('hex') },
    ]);
  });

  it('roots the root workspace dependencies', () => {
    expect(result.roots).toEqual([{ id: 'express', scope: 'runtime', workspace: '.' }]);
  });
});

describe('bun.lock workspaces and non-registry sources', () => {
  const text = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "root",
      "dependencies": { "svelte": "4.1.2", "local-lib": "file:./libs/local" },
      "devDependencies": { "second": "workspace:*" },
    },
    "packages/second": {
      "name": "second",
      "version": "3.0.0",
      "dependencies": { "svelte": "4.1.0", "tool": "github:o/tool" },
      "devDependencies": { "vite": "^5" },
    },
  },
  "packages": {
    "local-lib": ["local-lib@file:libs/local", {}],
    "second": ["second@workspace:packages/second"],
    "svelte": ["svelte@4.1.2", "", {}, "sha512-${Buffer.alloc(64, 2).toString('base64')}"],
    "tool": ["tool@github:o/tool#0123456789abcdef0123456789abcdef01234567", {}, "o-tool-0123456"],
    "second/svelte": ["svelte@4.1.0", "", {}, "sha512-${Buffer.alloc(64, 3).toString('base64')}"],
  }
}`;
  const result = bunLockParser.parse(text, CONTEXT);

  it('makes workspace and folder packages local and lists the workspaces', () => {
    expect(result.workspaces).toEqual(['packages/second']);
    expect(byId(result, 'second')).toMatchObject({ name: 'second', version: '3.0.0', line: 18, local: true });
    expect(byId(result, 'local-lib')).toMatchObject({ local: true, line: 17 });
    expect(byId(result, 'tool')).toMatchObject({
      version: '0123456789abcdef0123456789abcdef01234567',
      resolved: 'github:o/tool#0123456789abcdef0123456789abcdef01234567',
    });
  });

  it("resolves a workspace's own copy keyed under its name before the hoisted one", () => {
    expect(byId(result, 'second').dependencies).toEqual(['second/svelte', 'tool']);
    expect(result.roots).toEqual([
      { id: 'svelte', scope: 'runtime', workspace: '.' },
      { id: 'local-lib', scope: 'runtime', workspace: '.' },
      { id: 'second', scope: 'development', workspace: '.' },
      { id: 'second/svelte', scope: 'runtime', workspace: 'packages/second' },
      { id: 'tool', scope: 'runtime', workspace: 'packages/second' },
    ]);
  });

  it('warns once about dependencies with no entry', () => {
    expect(result.warnings).toEqual([
      '1 dependency has no entry in bun.lock and was left out, e.g. vite (needed by workspace packages/second)',
    ]);
  });
});

describe('bun.lock errors', () => {
  it('reports broken JSON as a LockfileError at its line', () => {
    const attempt = () => bunLockParser.parse('{\n  "lockfileVersion": 1,\n  "packages": {\n    "a": ["a@1.0.0" "", {}],\n  }\n}', CONTEXT);
    expect(attempt).toThrow(LockfileError);
    try {
      attempt();
    } catch (error) {
      expect((error as LockfileError).line).toBe(4);
      expect((error as LockfileError).message).toBe('not valid JSON for bun.lock: CommaExpected');
    }
  });

  it('skips entries that are not arrays, with a warning naming the line', () => {
    const result = bunLockParser.parse('{\n  "lockfileVersion": 1,\n  "packages": {\n    "a": "a@1.0.0",\n  },\n}', CONTEXT);
    expect(result.packages).toEqual([]);
    expect(result.warnings).toEqual(['line 4: package "a" is not a ["name@version", …] array and was skipped']);
  });
});
