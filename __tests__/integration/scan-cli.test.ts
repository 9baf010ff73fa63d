import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, removeDir } from '../support/temp-repo.js';

const CLI = path.resolve('dist/cli/index.js');

/** The README's first command, from the repository root, offline. */
function scan(args: string[], home: string) {
  return spawnSync(process.execPath, [CLI, 'scan', 'examples/demo-app', ...args, '--no-color'], {
    cwd: path.resolve('.'),
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: home, DEVSECOPS_CACHE_DIR: path.join(home, 'cache') },
  });
}

describe('devsecops scan on the bundled demo app', () => {
  let home: string;
  beforeAll(() => {
    home = makeTempDir('scan-cli-');
  });
  afterAll(() => removeDir(home));

  it('runs every scanner and the gate, prints one report in order, and exits with the gate decision', () => {
    const run = scan([], home);
    expect(run.status).toBe(1);
    const out = run.stdout;
    const order = ['── Secrets scan', '── Dependency audit', '── SBOM', '── Policy gate'].map((heading) => out.indexOf(heading));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain('examples/demo-app/src/github-client.js:6:10  github-pat-classic');
    expect(out).not.toContain('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');
    expect(out).toContain('14 findings (1 critical, 4 high, 5 medium, 4 low)');
    expect(out).toContain('Decision: FAIL');
    expect(out).toContain('policy.exceptions[0] (owner @demo-app/platform, until 2099-12-31)');
    expect(out).toContain('Licences: 88 allowed, 0 denied, 1 unknown');
  });

  it('keeps every file with --output, and decides by the scanners\' thresholds with --no-gate', () => {
    const out = path.join(home, 'out');
    const kept = scan(['--output', out], home);
    expect(kept.status).toBe(1);
    for (const name of ['secrets-scan.sarif', 'dependency-audit.sarif', 'sbom.cdx.json', 'evidence.json', 'secrets-scan.json']) {
      expect(existsSync(path.join(out, name))).toBe(true);
    }
    const evidence = JSON.parse(readFileSync(path.join(out, 'evidence.json'), 'utf8')) as Record<string, any>;
    expect(evidence['decision']).toBe('fail');
    expect(readFileSync(path.join(out, 'secrets-scan.sarif'), 'utf8')).not.toContain('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');

    const ungated = scan(['--no-gate', '--scanners', 'dependencies'], home);
    expect(ungated.status).toBe(1);
    expect(ungated.stdout).toContain('FAIL: no policy gate (--no-gate); each scanner decided by its fail-on-severity.');
    expect(ungated.stdout).not.toContain('── Secrets scan');
  });

  it('names an unknown scanner as a usage error', () => {
    const run = scan(['--scanners', 'secrets,licences'], home);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')[0]).toBe('devsecops: Option --scanners must be a comma-separated list of secrets, dependencies, sbom, got "licences" (got "secrets,licences").');
  });

  it('shards with --shard and merges with --merge into exactly the unsharded result', () => {
    const keys = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: any[] }[] }).runs
        .flatMap((run) => run.results)
        .map((r) => `${r.ruleId} ${r.locations?.[0]?.physicalLocation?.artifactLocation?.uri}:${r.locations?.[0]?.physicalLocation?.region?.startLine}`)
        .sort();
    const whole = path.join(home, 'whole');
    expect(scan(['--output', whole], home).status).toBe(1);
    const all = path.join(home, 'shards');
    for (const index of [1, 2, 3]) {
      const shard = scan(['--shard', `${index}/3`, '--output', all], home);
      expect(shard.status).toBe(0);
      expect(shard.stdout).toContain(`Shard ${index}/3: its SARIF files are in`);
    }
    const merged = path.join(home, 'merged');
    const run = scan(['--merge', all, '--output', merged], home);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Decision: FAIL');
    for (const id of ['secrets-scan', 'dependency-audit']) {
      expect(keys(path.join(merged, `${id}.sarif`))).toEqual(keys(path.join(whole, `${id}.sarif`)));
    }
    expect(scan(['--shard', '1/3'], home).stderr).toContain('--shard writes its SARIF files for the merge: give --output DIR.');
  });
});
