import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfigText } from '../../src/core/config/parse-config.js';
import { silentLogger } from '../../src/core/logger.js';
import { dependencyAuditScanner } from '../../src/scanners/dependencies/scanner.js';
import { makeTempDir, removeDir } from '../support/temp-repo.js';

const LOCKFILES = path.resolve('__tests__/fixtures/lockfiles');
const OSV = path.resolve('__tests__/fixtures/osv');

describe('dependencyAuditScanner on real lockfiles and real advisories', () => {
  let root: string;

  beforeAll(() => {
    root = makeTempDir('dependency-scanner-');
    const put = (fixture: string, file: string, into: string) => {
      mkdirSync(path.join(root, into), { recursive: true });
      cpSync(path.join(LOCKFILES, fixture, file), path.join(root, into, file));
    };
    put('yarn-v1', 'yarn.lock', 'web');
    put('requirements-txt-flask-2021', 'requirements-dev.txt', 'py');
    put('cargo-lock', 'Cargo.lock', 'rust');
    mkdirSync(path.join(root, 'broken'));
    writeFileSync(path.join(root, 'broken', 'package-lock.json'), '{"lockfileVersion": 3, "packages": {');
    // Installed code is someone else's lockfile: never read.
    mkdirSync(path.join(root, 'web', 'node_modules', 'left-pad'), { recursive: true });
    writeFileSync(path.join(root, 'web', 'node_modules', 'left-pad', 'package-lock.json'), '{');
  });
  afterAll(() => removeDir(root));

  async function scan(configText = '') {
    return dependencyAuditScanner.scan({
      root,
      repoRoot: root,
      scope: { kind: 'all' },
      config: parseConfigText(configText, '.github/devsecops.yml'),
      ignore: [],
      inputs: { advisories: { value: OSV, explicit: true } },
      logger: silentLogger,
    });
  }

  it('finds the known-vulnerable versions of a 2019 yarn.lock and 2021 requirements, at their lines', async () => {
    const result = await scan();
    const byKey = new Map(result.findings.map((f) => [`${f.location?.path}:${f.location?.startLine} ${f.ruleId}`, f]));
    // Checked by hand: `grep -n '^lodash@' web/yarn.lock` is line 4334; GHSA-jf85-cpcp-j695 is fixed in 4.17.12.
    const lodash = byKey.get('web/yarn.lock:4334 GHSA-jf85-cpcp-j695')!;
    expect(lodash.package).toEqual({ ecosystem: 'npm', name: 'lodash', version: '4.17.11', purl: 'pkg:npm/lodash@4.17.11', fixedVersion: '4.17.12' });
    expect(lodash.severity).toBe('critical');
    expect(lodash.advisory?.aliases).toEqual(['CVE-2019-10744']);
    // No package.json beside the yarn.lock: it cannot say what is direct, and the message does not pretend.
    expect(lodash.message).toMatch(/^lodash 4\.17\.11 \(npm, dependency\) is affected by GHSA-jf85-cpcp-j695/);
    // Three minimist versions, three findings of the one advisory.
    expect([...byKey.keys()].filter((k) => k.endsWith('GHSA-xvch-5gv4-984h'))).toHaveLength(3);
    expect(byKey.get('py/requirements-dev.txt:101 PYSEC-2023-74')?.package?.name).toBe('requests');
    expect(result.findings).toHaveLength(45);
    expect(new Set(result.rules.map((r) => r.id))).toEqual(new Set(result.findings.map((f) => f.ruleId)));
  });

  it('names the lockfile it could not read and audits the others', async () => {
    const result = await scan();
    expect(result.executionSuccessful).toBe(false);
    expect(result.skipped).toEqual([{ path: 'broken/package-lock.json', reason: expect.stringMatching(/^lockfile not audited: /) }]);
  });

  it('leaves out excluded scopes and advisories, and says what it left out', async () => {
    const result = await scan(
      [
        'dependencies:',
        '  exclude:',
        '    scopes: [development]',
        '    advisories:',
        '      - id: CVE-2019-10744',
        '        reason: only trusted input reaches defaultsDeep',
      ].join('\n'),
    );
    expect(result.findings.some((f) => f.ruleId === 'GHSA-jf85-cpcp-j695')).toBe(false);
    // requirements-dev.txt is development by its name: excluded as a scope.
    expect(result.findings.some((f) => f.location?.path === 'py/requirements-dev.txt')).toBe(false);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/package\(s\) not audited: scope development is excluded/),
        expect.stringMatching(/GHSA-jf85-cpcp-j695 in lodash 4\.17\.11: only trusted input reaches defaultsDeep/),
      ]),
    );
  });
});
