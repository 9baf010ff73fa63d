import { copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { workingTree, type FileTree } from '../../src/core/inventory/file-tree.js';
import { buildInventory } from '../../src/core/inventory/inventory.js';
import { MAX_METADATA_BYTES, readInstalledLicenses } from '../../src/scanners/sbom/installed-licenses.js';
import { makeTempDir } from '../support/temp-repo.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/lockfiles');

let dir: string;
let outside: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

function writeJson(path: string, value: unknown): void {
  write(path, JSON.stringify(value));
}

/** The working tree, counting reads. */
function countingTree(root: string): FileTree & { reads: string[] } {
  const tree = workingTree(root);
  const reads: string[] = [];
  return {
    description: tree.description,
    list: () => tree.list(),
    read(path) {
      reads.push(path);
      return tree.read(path);
    },
    reads,
  };
}

beforeEach(() => {
  dir = makeTempDir('installed-licenses-');
  outside = makeTempDir('installed-licenses-outside-');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('licences from node_modules beside an npm lockfile', () => {
  beforeEach(() => {
    // heroku/node-js-getting-started's lockfile (v1) records no licences.
    copyFileSync(join(FIXTURES, 'npm-package-lock-v1/package-lock.json'), join(dir, 'package-lock.json'));
    writeJson('node_modules/accepts/package.json', { name: 'accepts', version: '1.3.4', license: 'MIT' });
    // Two versions of debug: the hoisted one and finalhandler's own copy.
    writeJson('node_modules/debug/package.json', { name: 'debug', version: '2.6.1', license: 'MIT' });
    writeJson('node_modules/finalhandler/node_modules/debug/package.json', { name: 'debug', version: '2.6.9', license: 'Apache-2.0' });
    // npm's legacy forms.
    writeJson('node_modules/asynckit/package.json', { name: 'asynckit', version: '0.4.0', license: { type: 'BSD-3-Clause', url: 'x' } });
    writeJson('node_modules/assert-plus/package.json', {
      name: 'assert-plus',
      version: '1.0.0',
      licenses: [{ type: 'MIT', url: 'https://example.com/mit' }, { type: 'Apache 2.0' }],
    });
    // A stale install: not the locked version.
    writeJson('node_modules/ajv/package.json', { name: 'ajv', version: '6.12.6', license: 'MIT' });
    // Not JSON, and too large.
    write('node_modules/array-flatten/package.json', '{ "license": ');
    write('node_modules/asn1/package.json', JSON.stringify({ version: '0.2.3', license: 'MIT', pad: 'x'.repeat(MAX_METADATA_BYTES) }));
    // Links out of the workspace: a package.json, and a whole package folder.
    writeFileSync(join(outside, 'package.json'), JSON.stringify({ name: 'aws4', version: '1.6.0', license: 'WTFPL' }));
    mkdirSync(join(dir, 'node_modules/aws4'));
    symlinkSync(join(outside, 'package.json'), join(dir, 'node_modules/aws4/package.json'));
    mkdirSync(join(outside, 'aws-sign2'));
    writeFileSync(join(outside, 'aws-sign2/package.json'), JSON.stringify({ name: 'aws-sign2', version: '0.7.0', license: 'WTFPL' }));
    symlinkSync(join(outside, 'aws-sign2'), join(dir, 'node_modules/aws-sign2'));
  });

  it('reads each locked package at its install path, with the legacy forms, and nothing else', async () => {
    const inventory = await buildInventory({ tree: workingTree(dir), pathPrefix: '' });
    expect(inventory.lockfiles[0]!.packages).toHaveLength(128);
    const licenses = readInstalledLicenses({ tree: workingTree(dir), inventory });
    // The linked folder has a test of its own below.
    licenses.delete('pkg:npm/aws-sign2@0.7.0');
    expect(Object.fromEntries(licenses)).toEqual({
      'pkg:npm/accepts@1.3.4': 'MIT',
      'pkg:npm/debug@2.6.1': 'MIT',
      'pkg:npm/debug@2.6.9': 'Apache-2.0',
      'pkg:npm/asynckit@0.4.0': 'BSD-3-Clause',
      'pkg:npm/assert-plus@1.0.0': 'MIT OR (Apache 2.0)',
    });
  });

  it('does not follow a link to a file outside the workspace', async () => {
    const inventory = await buildInventory({ tree: workingTree(dir), pathPrefix: '' });
    const tree = countingTree(dir);
    const licenses = readInstalledLicenses({ tree, inventory });
    expect(tree.reads).toContain('node_modules/aws4/package.json');
    expect(licenses.has('pkg:npm/aws4@1.6.0')).toBe(false);
  });

  it('does not follow a linked folder that leaves the workspace', async () => {
    const inventory = await buildInventory({ tree: workingTree(dir), pathPrefix: '' });
    const licenses = readInstalledLicenses({ tree: workingTree(dir), inventory });
    expect(licenses.has('pkg:npm/aws-sign2@0.7.0')).toBe(false);
  });

  it('stops after the given number of reads', async () => {
    const inventory = await buildInventory({ tree: workingTree(dir), pathPrefix: '' });
    const tree = countingTree(dir);
    const licenses = readInstalledLicenses({ tree, inventory, maxReads: 3 });
    expect(tree.reads).toEqual(['node_modules/accepts/package.json', 'node_modules/ajv/package.json', 'node_modules/array-flatten/package.json']);
    expect(Object.fromEntries(licenses)).toEqual({ 'pkg:npm/accepts@1.3.4': 'MIT' });
  });

  it('leaves packages whose lockfile states a licence alone', async () => {
    const inventory = await buildInventory({ tree: workingTree(dir), pathPrefix: '' });
    const accepts = inventory.lockfiles[0]!.packages.find((pkg) => pkg.id === 'node_modules/accepts')!;
    accepts.license = 'ISC';
    const tree = countingTree(dir);
    const licenses = readInstalledLicenses({ tree, inventory });
    expect(tree.reads).not.toContain('node_modules/accepts/package.json');
    expect(licenses.has('pkg:npm/accepts@1.3.4')).toBe(false);
  });

  it('finds lockfiles in a sub-folder of a tree that is itself a sub-folder of the repository', async () => {
    rmSync(join(dir, 'package-lock.json'));
    mkdirSync(join(dir, 'web'));
    copyFileSync(join(FIXTURES, 'npm-package-lock-v1/package-lock.json'), join(dir, 'web/package-lock.json'));
    writeJson('web/node_modules/accepts/package.json', { name: 'accepts', version: '1.3.4', license: 'MIT' });
    const inventory = await buildInventory({ tree: workingTree(dir), pathPrefix: 'apps' });
    expect(inventory.lockfiles.map((l) => l.path)).toEqual(['apps/web/package-lock.json']);
    const licenses = readInstalledLicenses({ tree: workingTree(dir), inventory, pathPrefix: 'apps' });
    expect(Object.fromEntries(licenses)).toEqual({ 'pkg:npm/accepts@1.3.4': 'MIT' });
  });
});

describe('licences from a virtualenv beside a Python lockfile', () => {
  const SITE = '.venv/lib/python3.12/site-packages';

  beforeEach(() => {
    copyFileSync(join(FIXTURES, 'poetry/poetry.lock'), join(dir, 'poetry.lock'));
    copyFileSync(join(FIXTURES, 'poetry/pyproject.toml'), join(dir, 'pyproject.toml'));
    write('.venv/pyvenv.cfg', 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.12.3\n');
    write(`${SITE}/attrs-26.1.0.dist-info/METADATA`, 'Metadata-Version: 2.4\nName: attrs\nVersion: 26.1.0\nLicense-Expression: MIT\n\nClasses Without Boilerplate\n');
    write(
      `${SITE}/flask-3.1.3.dist-info/METADATA`,
      'Metadata-Version: 2.1\nName: Flask\nVersion: 3.1.3\nClassifier: Framework :: Flask\nClassifier: License :: OSI Approved :: BSD License\n\n# Flask\n',
    );
    // A whole licence text in `License:` (a folded header) is skipped for the classifiers.
    write(
      `${SITE}/click-8.4.2.dist-info/METADATA`,
      'Metadata-Version: 2.1\nName: click\nVersion: 8.4.2\nLicense: Copyright 2014 Pallets\n        Redistribution and use in source and binary forms\nClassifier: License :: OSI Approved :: MIT License\nClassifier: License :: OSI Approved :: Apache Software License\n\n',
    );
    write(`${SITE}/werkzeug-3.1.8.dist-info/METADATA`, 'Metadata-Version: 2.1\nName: Werkzeug\nVersion: 3.1.7\nLicense: BSD-3-Clause\n\n');
  });

  it('prefers License-Expression, falls back to the classifiers, and checks the version', async () => {
    const inventory = await buildInventory({ tree: workingTree(dir), pathPrefix: '' });
    expect(inventory.lockfiles[0]!.packages).toHaveLength(74);
    const licenses = readInstalledLicenses({ tree: workingTree(dir), inventory });
    expect(Object.fromEntries(licenses)).toEqual({
      'pkg:pypi/attrs@26.1.0': 'MIT',
      'pkg:pypi/flask@3.1.3': 'BSD License',
      'pkg:pypi/click@8.4.2': 'MIT License OR Apache Software License',
    });
  });

  it('reads nothing when there is no virtualenv', async () => {
    rmSync(join(dir, '.venv'), { recursive: true });
    const inventory = await buildInventory({ tree: workingTree(dir), pathPrefix: '' });
    const tree = countingTree(dir);
    expect(readInstalledLicenses({ tree, inventory }).size).toBe(0);
    expect(tree.reads).toEqual(['.venv/pyvenv.cfg', 'venv/pyvenv.cfg']);
  });
});
