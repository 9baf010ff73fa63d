import { describe, expect, it } from '@jest/globals';
import { toInventoryLockfile, type Inventory } from '../../src/core/inventory/inventory.js';
import type { ParsedPackage } from '../../src/core/inventory/types.js';
import { diffInventories } from '../../src/scanners/dependencies/changes.js';

function inventory(path: string, ids: string[], direct: string[] = ids): Inventory {
  const packages: ParsedPackage[] = ids.map((id, i) => {
    const at = id.lastIndexOf('@');
    return { id, ecosystem: 'npm', name: id.slice(0, at), version: id.slice(at + 1), line: i + 1, dependencies: [] };
  });
  return {
    lockfiles: [toInventoryLockfile({ format: 'package-lock.json', packages, roots: direct.map((id) => ({ id, scope: 'runtime' })), warnings: [] }, path)],
    errors: [],
  };
}

describe('diffInventories', () => {
  it('lists added, changed and removed package names per lockfile', () => {
    const base = inventory('package-lock.json', ['lodash@4.17.20', 'left-pad@1.3.0', 'ms@2.1.3']);
    const head = inventory('package-lock.json', ['lodash@4.17.21', 'ms@2.1.3', 'express@4.19.2']);
    expect(diffInventories(base, head)).toEqual([
      expect.objectContaining({ kind: 'added', name: 'express', before: [], after: ['4.19.2'] }),
      expect.objectContaining({ kind: 'changed', name: 'lodash', before: ['4.17.20'], after: ['4.17.21'] }),
      expect.objectContaining({ kind: 'removed', name: 'left-pad', before: ['1.3.0'], after: [] }),
    ]);
  });

  it('compares the set of versions when a name is locked several times', () => {
    const base = inventory('package-lock.json', ['debug@2.6.9', 'debug@4.3.4']);
    const same = inventory('package-lock.json', ['debug@4.3.4', 'debug@2.6.9']);
    expect(diffInventories(base, same)).toEqual([]);
    const fewer = inventory('package-lock.json', ['debug@4.3.4']);
    expect(diffInventories(base, fewer)).toEqual([expect.objectContaining({ kind: 'changed', before: ['2.6.9', '4.3.4'], after: ['4.3.4'] })]);
  });

  it('counts every package of a new lockfile as added, and says nothing of one that failed to parse', () => {
    const head = inventory('web/package-lock.json', ['react@18.3.1']);
    expect(diffInventories({ lockfiles: [], errors: [] }, head)).toEqual([
      expect.objectContaining({ kind: 'added', lockfile: 'web/package-lock.json', name: 'react', direct: true }),
    ]);
    const broken: Inventory = { lockfiles: [], errors: [{ path: 'web/package-lock.json', message: 'bad' }] };
    expect(diffInventories(broken, head)).toEqual([]);
  });
});
