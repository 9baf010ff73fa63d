import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApiDouble, type ApiDouble } from '../support/api-double.js';
import { runBundledAction, type RunActionOptions } from '../support/runner-harness.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';

const ROOT_ACTION = path.resolve('action.yml');
const OSV = path.resolve('__tests__/fixtures/osv');
const SHARDS = 3;

/** A fake GitHub token (valid checksum not needed: the generic and provider rules see the shape). */
const TOKEN_LINE = (i: number) => `const client = new Octokit({ auth: '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' }); // service ${i}\n`;

function packageLock(name: string, qs: string): string {
  const packages = {
    '': { name, version: '1.0.0', dependencies: { qs: `^${qs}` } },
    'node_modules/qs': { version: qs },
  };
  return `${JSON.stringify({ name, version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

/** Every SARIF result as a comparable line: rule, place and fingerprint. */
function resultKeys(file: string): string[] {
  const log = JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: any[] }[] };
  return log.runs
    .flatMap((run) => run.results)
    .map((r) => {
      const location = r.locations?.[0]?.physicalLocation;
      return `${r.ruleId} ${location?.artifactLocation?.uri}:${location?.region?.startLine} ${JSON.stringify(r.partialFingerprints)}`;
    })
    .sort();
}

describe('sharding the all-in-one action across matrix jobs, then merging', () => {
  let repo: TempRepo;
  let double: ApiDouble;
  const temps: string[] = [];

  beforeAll(() => {
    repo = createTempRepo(makeTempDir('suite-shards-'));
    for (const record of ['npm/GHSA-hrpp-h998-j3pp.json']) cpSync(path.join(OSV, record), path.join(repo.dir, 'advisories', record));
    // Enough files and lockfiles that every shard gets some of each.
    for (let i = 0; i < 24; i++) repo.write(`services/svc-${i}/client.js`, i % 2 === 0 ? TOKEN_LINE(i) : `module.exports = ${i};\n`);
    for (let i = 0; i < 9; i++) repo.write(`apps/app-${i}/package-lock.json`, packageLock(`app-${i}`, i % 3 === 0 ? '6.7.0' : '6.7.3'));
    repo.write('.github/devsecops.yml', 'version: 1\n');
    repo.commit('a monorepo');
  });
  afterAll(() => {
    removeDir(path.dirname(repo.dir));
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    double = await startApiDouble();
  });
  afterEach(async () => {
    await double.close();
  });

  function run(withInputs: Record<string, string>, overrides: Partial<RunActionOptions> = {}) {
    const runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'shard-runner-'));
    temps.push(runnerTemp);
    const sha = repo.git('rev-parse', 'HEAD').trim();
    return runBundledAction({
      actionYml: ROOT_ACTION,
      workspace: repo.dir,
      event: { name: 'push', payload: { ref: 'refs/heads/main', before: '0'.repeat(40), after: sha, repository: { default_branch: 'main' } } },
      apiUrl: double.url,
      token: double.token,
      sha,
      ref: 'refs/heads/main',
      runnerTemp,
      ...overrides,
      with: { scope: 'all', advisories: 'advisories', scanners: 'secrets,dependencies', 'upload-artifact': 'false', comment: 'false', ...withInputs },
    });
  }

  it('gives, merged, exactly the results of the unsharded scan, and decides once', async () => {
    const whole = await run({ 'upload-sarif': 'false', policy: 'false' });
    expect(whole.exitCode).toBe(1);

    const downloaded = path.join(repo.dir, '.shards');
    mkdirSync(downloaded, { recursive: true });
    const perShard: number[] = [];
    for (let index = 1; index <= SHARDS; index++) {
      const shard = await run({ shard: `${index}/${SHARDS}` });
      expect(shard.exitCode).toBe(0);
      expect(shard.outputs['result']).toBe('pass');
      const files = shard.outputs['shard-files']!.split('\n');
      expect(files.map((f) => path.basename(f)).sort()).toEqual([`dependency-audit.shard-${index}-of-${SHARDS}.sarif`, `secrets-scan.shard-${index}-of-${SHARDS}.sarif`]);
      perShard.push(files.reduce((n, f) => n + resultKeys(f).length, 0));
      for (const file of files) cpSync(file, path.join(downloaded, path.basename(file)));
    }
    // A shard job never talks to GitHub: no upload, no comment.
    expect(double.requests).toHaveLength(0);
    // Every shard did part of the work.
    expect(perShard.every((n) => n > 0)).toBe(true);

    const merged = await run({ merge: '.shards', 'upload-sarif': 'true', policy: 'false' });
    double.assertNoViolations();
    expect(merged.exitCode).toBe(1);
    for (const id of ['secrets-scan', 'dependency-audit']) {
      const wholeKeys = resultKeys(whole.outputs[`${id}-sarif-file`]!);
      expect(wholeKeys.length).toBeGreaterThan(0);
      expect(resultKeys(merged.outputs[`${id}-sarif-file`]!)).toEqual(wholeKeys);
    }
    // One upload per category, as the unsharded run would make.
    expect(double.state.sarifUploads.map((u) => u.sarif.runs?.[0]?.automationDetails?.id).sort()).toEqual(['devsecops/dependency-audit/', 'devsecops/secrets-scan/']);
    expect(merged.summary).toContain('Merged from 3 shards.');
    rmSync(downloaded, { recursive: true, force: true });
  }, 240_000);

  it('refuses to merge when a shard is missing, naming it, and still reports the rest', async () => {
    const downloaded = path.join(repo.dir, '.partial');
    mkdirSync(downloaded, { recursive: true });
    for (const index of [1, 3]) {
      const shard = await run({ shard: `${index}/${SHARDS}`, scanners: 'secrets' });
      for (const file of shard.outputs['shard-files']!.split('\n')) cpSync(file, path.join(downloaded, path.basename(file)));
    }
    expect(readdirSync(downloaded)).toHaveLength(2);
    const merged = await run({ merge: '.partial', scanners: 'secrets', 'upload-sarif': 'false', policy: 'false' });
    expect(merged.exitCode).toBe(2);
    const errors = merged.commands.filter((c) => c.command === 'error').map((c) => c.message);
    expect(errors).toContain('devsecops/secrets-scan/: shard(s) 2/3 missing; the merged result would lack part of the repository');
    expect(merged.summary).toContain('### Secrets scan');
    rmSync(downloaded, { recursive: true, force: true });
  }, 240_000);

  it('names a malformed shard input', async () => {
    const bad = await run({ shard: '4/3' });
    expect(bad.exitCode).toBe(2);
    expect(bad.commands.filter((c) => c.command === 'error').map((c) => c.message)).toEqual(['Input "shard" must have a shard index from 1 to 3 (got 4).']);
  }, 60_000);
});
