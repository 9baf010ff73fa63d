import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { assignSpdxIds, SPDX_ID_PATTERN } from '../../src/scanners/sbom/spdx-ids.js';
import { downloadUrlOf, repositoryLocationOf, vcsLocationOf } from '../../src/scanners/sbom/spdx-locations.js';

describe('assignSpdxIds', () => {
  it('keeps the key readable and adds a hash of it', () => {
    const ids = assignSpdxIds(['pkg:npm/%40babel/core@7.24.0', 'pkg:maven/org.apache.commons/commons-lang3@3.14.0']);
    expect(ids.get('pkg:npm/%40babel/core@7.24.0')).toMatch(/^SPDXRef-Package-npm-babel-core-7\.24\.0-[0-9a-f]{16}$/);
    expect(ids.get('pkg:maven/org.apache.commons/commons-lang3@3.14.0')).toMatch(
      /^SPDXRef-Package-maven-org\.apache\.commons-commons-lang3-3\.14\.0-[0-9a-f]{16}$/,
    );
  });

  it('gives a key the same id whatever else is in the document', () => {
    const alone = assignSpdxIds(['pkg:cargo/serde@1.0.0']).get('pkg:cargo/serde@1.0.0');
    const withOthers = assignSpdxIds(['pkg:cargo/anyhow@1.0.0', 'pkg:cargo/serde@1.0.0', 'pkg:cargo/serde@1.0.0#package']).get('pkg:cargo/serde@1.0.0');
    expect(withOthers).toBe(alone);
  });

  it('tells apart keys that read alike', () => {
    const keys = ['pkg:npm/a%20b@1', 'pkg:npm/a-b@1', 'pkg:npm/a+b@1', 'pkg:npm/a-b@1#package', 'pkg:npm/a-b@1#workspace:packages/a-b'];
    const ids = assignSpdxIds(keys);
    expect(new Set(ids.values()).size).toBe(keys.length);
  });

  it('gives valid, unique ids for any keys', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'grapheme', maxLength: 120 }), { maxLength: 30 }), (keys) => {
        const ids = assignSpdxIds(keys);
        expect(ids.size).toBe(keys.length);
        for (const id of ids.values()) expect(id).toMatch(SPDX_ID_PATTERN);
        expect(new Set(ids.values()).size).toBe(keys.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('download locations', () => {
  it('keep a registry URL without credentials, query or fragment', () => {
    expect(downloadUrlOf('https://registry.npmjs.org/ms/-/ms-2.1.3.tgz')).toBe('https://registry.npmjs.org/ms/-/ms-2.1.3.tgz');
    expect(downloadUrlOf('https://user:s3cret@npm.example.com/ms/-/ms-2.1.3.tgz?token=abc#d7f1e0')).toBe('https://npm.example.com/ms/-/ms-2.1.3.tgz');
    expect(downloadUrlOf('registry+https://github.com/rust-lang/crates.io-index')).toBeUndefined();
    expect(downloadUrlOf('file:../local')).toBeUndefined();
    expect(downloadUrlOf('not a url')).toBeUndefined();
  });

  it('write a git source in SPDX VCS form: the commit after @, no password', () => {
    expect(vcsLocationOf('git+ssh://git@github.com/octo-org/lib.git#0123abc')).toBe('git+ssh://git@github.com/octo-org/lib.git@0123abc');
    expect(vcsLocationOf('git+https://x-access-token:ghs_123@github.com/octo-org/lib.git#main')).toBe('git+https://github.com/octo-org/lib.git@main');
    expect(vcsLocationOf('git+https://github.com/octo-org/lib.git#semver:^1.2.0')).toBe('git+https://github.com/octo-org/lib.git');
    expect(vcsLocationOf('git://github.com/octo-org/lib.git')).toBe('git://github.com/octo-org/lib.git');
    expect(vcsLocationOf('git+ssh://git@github.com:octo-org/lib.git')).toBeUndefined();
    expect(vcsLocationOf('https://github.com/octo-org/lib')).toBeUndefined();
  });

  it('name the repository at its commit, and a folder of it as the sub-path', () => {
    expect(repositoryLocationOf('https://github.com/o/r', 'abc123')).toBe('git+https://github.com/o/r@abc123');
    expect(repositoryLocationOf('https://github.com/o/r/', undefined, 'packages/my pkg')).toBe('git+https://github.com/o/r#packages/my%20pkg');
    expect(repositoryLocationOf('https://github.com/o/r', 'abc123', '.')).toBe('git+https://github.com/o/r@abc123');
    expect(repositoryLocationOf(undefined, 'abc123')).toBeUndefined();
  });
});
