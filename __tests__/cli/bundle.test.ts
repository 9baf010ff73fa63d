import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

type Bundle = (entryPoints: Record<string, string>, outdir: string) => Promise<void>;

/**
 * Builds the CLI with the same bundle() `npm run build` uses, into a temporary
 * directory outside the repository: no node_modules can be found from there,
 * so the run proves the bundle is self-contained (and dist/ is left alone).
 */
describe('the bundled CLI', () => {
  let outdir: string;
  let cli: string;
  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'devsecops-cli-bundle-'));
    const { bundle } = (await import(pathToFileURL(path.join(root, 'scripts/build.mjs')).href)) as { bundle: Bundle };
    await bundle({ 'cli/index': path.join(root, 'src/cli/main.ts') }, outdir);
    cli = path.join(outdir, 'cli/index.js');
  });
  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it('prints the package.json version with --version', () => {
    expect(execFileSync(process.execPath, [cli, '--version'], { cwd: outdir, encoding: 'utf8' })).toBe(`devsecops ${pkg.version}\n`);
  });

  it('runs as an executable with its shebang', () => {
    expect(execFileSync(cli, ['-V'], { cwd: outdir, encoding: 'utf8' })).toBe(`devsecops ${pkg.version}\n`);
  });

  it('prints help and exits 0', () => {
    const run = spawnSync(process.execPath, [cli, '--help'], { cwd: outdir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: devsecops <command> [path] [options]');
  });

  it('exits 2 with one line and a pointer to --help on a bad option', () => {
    const run = spawnSync(process.execPath, [cli, '--scope', 'everything'], { cwd: outdir, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('devsecops: Option --scope must be one of auto, changes, all (got "everything").\nRun "devsecops --help" for usage.\n');
  });
});
