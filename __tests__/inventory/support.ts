/**
 * What the inventory tests share: reading the real lockfiles under
 * __tests__/fixtures/lockfiles/, contexts to parse them with, and finding a
 * parsed package.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { ParseContext, ParsedPackage } from '../../src/core/inventory/types.js';

const FIXTURES = new URL('../fixtures/lockfiles/', import.meta.url);

/** A fixture by its path under the fixtures folder (`yarn-v1/yarn.lock`). */
export function readFixture(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

/** A context for a lockfile at `path` beside which only `files` exist. */
export function contextWith(path: string, files: Readonly<Record<string, string>> = {}): ParseContext {
  return { path, readRelative: (relativePath) => (Object.hasOwn(files, relativePath) ? files[relativePath] : undefined) };
}

/**
 * A context for a lockfile at `path` that reads the files of a fixture folder,
 * never outside it, as the inventory reads beside a real lockfile. `reads`
 * lists what the parser asked for.
 */
export function fixtureFolderContext(folder: string, path: string): ParseContext & { reads: string[] } {
  const reads: string[] = [];
  return {
    path,
    reads,
    readRelative(relativePath) {
      reads.push(relativePath);
      const normalized = posix.normalize(relativePath);
      if (normalized.startsWith('..') || normalized.startsWith('/')) return undefined;
      try {
        return readFixture(`${folder}/${normalized}`);
      } catch {
        return undefined;
      }
    },
  };
}

function packagesOf<T extends ParsedPackage>(from: { packages: readonly T[] } | readonly T[]): readonly T[] {
  return 'packages' in from ? from.packages : from;
}

/** The package with this id; a missing one fails the test, naming it. */
export function byId<T extends ParsedPackage>(from: { packages: readonly T[] } | readonly T[], id: string): T {
  const found = packagesOf(from).find((pkg) => pkg.id === id);
  if (found === undefined) throw new Error(`no package ${id}`);
  return found;
}

/** The first package of this name; a missing one fails the test, naming it. */
export function byName<T extends ParsedPackage>(from: { packages: readonly T[] } | readonly T[], name: string): T {
  const found = packagesOf(from).find((pkg) => pkg.name === name);
  if (found === undefined) throw new Error(`no package named ${name}`);
  return found;
}

/** The hex digest of an SRI integrity value (`sha512-<base64>`). */
export function hexOfIntegrity(sri: string): string {
  return Buffer.from(sri.slice(sri.indexOf('-') + 1), 'base64').toString('hex');
}
