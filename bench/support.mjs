// What every benchmark script shares: running a command with its peak memory,
// installing a peer outside the project, and printing tables.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const MB = 1024 * 1024;
/** Peers are installed here with npm, never as project dependencies. */
export const PEERS_DIR = path.join(os.tmpdir(), 'devsecops-bench-peers');
export const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/** coreutils timeout: stopping /usr/bin/time itself would leave its child running. */
export const TIMEOUT = existsSync('/usr/bin/timeout') ? '/usr/bin/timeout' : undefined;

/** Runs a command, with `/usr/bin/time -v` around it when there is one, for the peak RSS. */
export function measure(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = TIME
    ? spawnSync(TIME, ['-v', command, ...args], { maxBuffer: 1024 * MB, ...options })
    : spawnSync(command, args, { maxBuffer: 1024 * MB, ...options });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stderr = result.stderr?.toString() ?? '';
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const timedOut = result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGTERM';
  return { status: result.status, stdout: result.stdout?.toString() ?? '', stderr, seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : undefined, timedOut, error: result.error };
}

export const fmt = (n, digits = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
/** A ratio, with two decimals below 1 so 0.09x and 0.14x stay apart. */
export const ratio = (n) => `${fmt(n, n < 1 ? 2 : 1)}x`;
export const int = (n) => n.toLocaleString('en-US');
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function table(header, rows) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/**
 * Installs `name@version` into its own folder under PEERS_DIR (once);
 * returns { dir, manifest (its package.json path), pkg (parsed) } or { error }.
 */
export function installPeer(name, version) {
  const dir = path.join(PEERS_DIR, `${name.replace(/^@/, '').replace('/', '-')}-${version}`);
  const manifest = path.join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--silent', `${name}@${version}`], { cwd: dir, encoding: 'utf8' });
    if (install.status !== 0 || !existsSync(manifest)) {
      return { error: `npm install ${name}@${version} failed: ${(install.stderr || install.error?.message || '').trim().split('\n').at(-1)}` };
    }
  }
  return { dir, manifest, pkg: JSON.parse(readFileSync(manifest, 'utf8')) };
}
