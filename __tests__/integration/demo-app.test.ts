import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateCycloneDx } from '../support/cyclonedx-schema.js';
import { makeTempDir, removeDir } from '../support/temp-repo.js';

const CLI = path.resolve('dist/cli/index.js');
const DEMO = 'examples/demo-app';

/** Every vulnerable package the demo plants, as `name@version advisory → fixed version`. */
const PLANTED_ADVISORIES = [
  'PyYAML@5.3.1 PYSEC-2021-142 → 5.4',
  'body-parser@1.19.0 GHSA-qwcr-r2fm-qrc7 → 1.20.3',
  'cookie@0.4.0 GHSA-pxg6-pf52-xh8x → 0.7.0',
  'express@4.17.1 GHSA-qw6h-vgh9-j6wx → 4.20.0',
  'express@4.17.1 GHSA-rv95-896h-c2vc → 4.19.2',
  'jsonwebtoken@8.5.1 GHSA-8cf7-32gw-wr33 → 9.0.0',
  'jsonwebtoken@8.5.1 GHSA-hjrf-2m68-5959 → 9.0.0',
  'jsonwebtoken@8.5.1 GHSA-qwph-4952-7xr6 → 9.0.0',
  'lodash@4.17.20 GHSA-35jh-r3h4-6jhm → 4.17.21',
  'minimist@1.2.5 GHSA-xvch-5gv4-984h → 1.2.6',
  'path-to-regexp@0.1.7 GHSA-9wv6-86v2-598j → 0.1.10',
  'qs@6.7.0 GHSA-hrpp-h998-j3pp → 6.7.3',
  'send@0.17.1 GHSA-m6fv-jmcg-4jfg → 0.19.0',
  'serve-static@1.14.1 GHSA-cm22-4g7w-348p → 1.16.0',
];

interface SarifResult {
  ruleId: string;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
  properties: { name?: string; version?: string; fixedVersion?: string };
}

function sarifResults(file: string): SarifResult[] {
  return JSON.parse(readFileSync(file, 'utf8')).runs.flatMap((run: { results: SarifResult[] }) => run.results);
}

// The demo is scanned where it lies, from the repository root, exactly as its README says.
describe('the bundled demo app, scanned offline with the bundled advisories', () => {
  let out: string;
  let env: Record<string, string>;
  let secrets: SpawnSyncReturns<string>;
  let audit: SpawnSyncReturns<string>;
  let sbom: SpawnSyncReturns<string>;
  let policyTests: SpawnSyncReturns<string>;
  let gate: SpawnSyncReturns<string>;

  function cli(args: string[]): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, [CLI, ...args, '--no-color'], { cwd: path.resolve('.'), encoding: 'utf8', env });
  }

  beforeAll(() => {
    out = makeTempDir('demo-app-');
    // No GitHub token and a throwaway home: nothing may reach the network or the machine's cache.
    env = {
      PATH: process.env['PATH'] ?? '',
      HOME: out,
      DEVSECOPS_CACHE_DIR: process.env['DEVSECOPS_CACHE_DIR'] ?? path.join(out, 'cache'),
    };
    secrets = cli(['secrets-scan', DEMO, '--sarif', path.join(out, 'secrets.sarif')]);
    audit = cli(['dependency-audit', DEMO, '--advisories', 'examples/advisories', '--sarif', path.join(out, 'deps.sarif')]);
    sbom = cli(['sbom', DEMO, '-o', path.join(out, 'sbom.cdx.json')]);
    policyTests = cli(['policy-gate', DEMO, '--test']);
    gate = cli([
      'policy-gate',
      DEMO,
      '-i',
      path.join(out, 'secrets.sarif'),
      '-i',
      path.join(out, 'deps.sarif'),
      '--sbom',
      path.join(out, 'sbom.cdx.json'),
      '--evidence',
      path.join(out, 'evidence.json'),
    ]);
  }, 120_000);
  afterAll(() => removeDir(out));

  it('secrets-scan reports the two planted credentials and none of the decoys', () => {
    expect(secrets.stderr).toBe('');
    expect(secrets.status).toBe(1);
    const places = sarifResults(path.join(out, 'secrets.sarif')).map(
      (r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine} ${r.ruleId}`,
    );
    expect(places.sort()).toEqual([
      'examples/demo-app/deploy/database.yml:7 connection-uri-password',
      'examples/demo-app/src/github-client.js:6 github-pat-classic',
    ]);
    expect(secrets.stdout).toContain('2 findings (1 critical, 1 high)');
  });

  it('dependency-audit lists exactly the planted advisories with their fixed versions, and not the withdrawn one', () => {
    expect(audit.stderr).toBe('');
    expect(audit.status).toBe(1);
    const found = sarifResults(path.join(out, 'deps.sarif')).map((r) => `${r.properties.name}@${r.properties.version} ${r.ruleId} → ${r.properties.fixedVersion}`);
    expect(found.sort()).toEqual(PLANTED_ADVISORIES);
    expect(audit.stdout).toContain('14 findings (1 critical, 4 high, 5 medium, 4 low)');
    expect(audit.stdout).toContain('qs 6.7.0 (npm, via express > qs) is affected by GHSA-hrpp-h998-j3pp');
    expect(audit.stdout).not.toContain('GHSA-27h2-hvpr-p74q');
  });

  it('sbom writes a valid CycloneDX document of both lockfiles, licences included', () => {
    expect(sbom.stderr).toBe('');
    expect(sbom.status).toBe(0);
    const document = JSON.parse(readFileSync(path.join(out, 'sbom.cdx.json'), 'utf8'));
    expect(validateCycloneDx(document, '1.6')).toEqual([]);
    const components = document.components as Array<{ purl: string; licenses?: Array<{ license: { id: string } }> }>;
    const licenseOf = (purl: string) => components.find((c) => c.purl === purl)?.licenses?.map((l) => l.license.id);
    expect(licenseOf('pkg:npm/qs@6.7.0')).toEqual(['BSD-3-Clause']);
    expect(licenseOf('pkg:npm/express@4.17.1')).toEqual(['MIT']);
    expect(components.some((c) => c.purl === 'pkg:pypi/pyyaml@5.3.1')).toBe(true);
    // 88 locked npm packages, not counting the demo app itself.
    expect(components.filter((c) => c.purl.startsWith('pkg:npm/') && !c.purl.startsWith('pkg:npm/demo-app@'))).toHaveLength(88);
  });

  it("the demo policy's own tests pass", () => {
    expect(policyTests.stderr).toBe('');
    expect(policyTests.status).toBe(0);
    expect(policyTests.stdout).toContain('PASS policy.tests[0] "a committed token fails": decided fail, as expected');
    expect(policyTests.stdout).toContain('PASS policy.tests[1] "the minimist advisory is excepted": decided pass, as expected');
    expect(policyTests.stdout).toContain('PASS policy.tests[2] "a medium advisory in a runtime dependency warns": decided warn, as expected');
    expect(policyTests.stdout).toContain('3 of 3 policy tests passed.');
  });

  it('the gate fails for the secrets, the high runtime advisories and the threshold, with the minimist exception applied', () => {
    expect(gate.stderr).toBe('');
    expect(gate.status).toBe(1);
    expect(gate.stdout).toContain('Decision: FAIL');
    const evidence = JSON.parse(readFileSync(path.join(out, 'evidence.json'), 'utf8'));
    expect(evidence.decision).toBe('fail');
    expect(evidence.reasons).toEqual([
      '4 findings fail by policy.rules[2] (vulnerable-runtime-dependencies)',
      '2 findings fail by policy.rules[1] (leaked-credentials)',
      'policy.thresholds[0]: 6 findings of severity high or worse, at most 5 allowed',
      '9 findings warn by policy.rules[3] (other-advisories)',
      '1 package with a licence that cannot be checked',
    ]);
    const byOutcome = (outcome: string) =>
      (evidence.findings as Array<{ ruleId: string; outcome: string }>)
        .filter((f) => f.outcome === outcome)
        .map((f) => f.ruleId)
        .sort();
    expect(byOutcome('fail')).toEqual([
      'GHSA-35jh-r3h4-6jhm',
      'GHSA-9wv6-86v2-598j',
      'GHSA-hrpp-h998-j3pp',
      'GHSA-qwcr-r2fm-qrc7',
      'connection-uri-password',
      'github-pat-classic',
    ]);
    expect(byOutcome('excepted')).toEqual(['GHSA-xvch-5gv4-984h']);
    expect(evidence.exceptions).toEqual([
      expect.objectContaining({ where: 'policy.exceptions[0]', status: 'applied', owner: '@demo-app/platform', expires: '2099-12-31', matched: 1 }),
    ]);
    expect(evidence.licenses.counts).toEqual({ allowed: 88, denied: 0, unknown: 1, excepted: 0 });
  });
});
