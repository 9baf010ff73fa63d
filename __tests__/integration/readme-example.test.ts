import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const readme = readFileSync(path.resolve('README.md'), 'utf8');

describe("the README's example command", () => {
  it('is `devsecops scan` on the bundled example (its behaviour is pinned in scan-cli.test.ts)', () => {
    expect(readme).toContain('```sh\nnode dist/cli/index.js scan examples/demo-app\n```');
  });

  it('is in the README and runs the bundled CLI on the bundled example, reporting exactly what is planted', () => {
    const command = 'node dist/cli/index.js secrets-scan examples/demo-app';
    expect(readme).toContain(command);
    const run = spawnSync(process.execPath, ['dist/cli/index.js', 'secrets-scan', 'examples/demo-app', '--no-color'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const places = [...run.stdout.matchAll(/^ {2}(\S+:\d+:\d+) {2}(\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(places).toEqual([
      'examples/demo-app/src/github-client.js:6:10 github-pat-classic',
      'examples/demo-app/deploy/database.yml:7:27 connection-uri-password',
    ]);
    expect(run.stdout).not.toContain('ghp_dmbrS7');
    expect(run.stdout).not.toContain('PoqUxtVW');
  });
});
