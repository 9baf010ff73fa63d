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
});
