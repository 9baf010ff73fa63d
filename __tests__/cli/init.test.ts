import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initCommand } from '../../src/cli/commands/init.js';
import { ACTION_REPOSITORY, addDays, renderStarterConfig, renderStarterWorkflow } from '../../src/cli/init-templates.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { parseConfigText } from '../../src/core/config/parse-config.js';
import { compilePolicy } from '../../src/scanners/policy/compile-policy.js';
import { runPolicyTests } from '../../src/scanners/policy/run-policy-tests.js';
import { createTempRepo, makeTempDir, removeDir } from '../support/temp-repo.js';

const WORKFLOW = '.github/workflows/devsecops.yml';
const CONFIG = '.github/devsecops.yml';

interface FakeIo extends CliIo {
  out: () => string;
  err: () => string;
}

function createFakeIo(cwd: string): FakeIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text) => void (out += text) },
    stderr: { write: (text) => void (err += text) },
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}

/** Runs `devsecops init ...` through the CLI frame with only the init command, from `cwd`. */
async function init(cwd: string, ...args: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = createFakeIo(cwd);
  const status = await runCli(['init', ...args], io, { commands: [initCommand] });
  return { status, out: io.out(), err: io.err() };
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Uncomments the commented-out settings of the starter config: the comment
 * lines after a line ending in "For example:", at its indentation, that read
 * as YAML (a key, a list item, or indented further).
 */
function uncommentExamples(text: string): string {
  let indent: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      const comment = /^(\s*)# ?(.*)$/.exec(line);
      if (indent !== undefined && comment && comment[1] === indent && /^(\s+\S|[\w-]+:(\s|$)|- )/.test(comment[2]!)) return `${indent}${comment[2]}`;
      indent = comment && /for example:\s*$/i.test(comment[2]!) ? comment[1] : undefined;
      return line;
    })
    .join('\n');
}

describe('devsecops init', () => {
  let parent: string;
  let dir: string;
  beforeEach(() => {
    parent = realpathSync(makeTempDir('devsecops-init-'));
    dir = path.join(parent, 'project');
    mkdirSync(dir);
  });
  afterEach(() => removeDir(parent));

  it('writes the starter workflow and config into an empty folder and exits 0', async () => {
    const result = await init(dir);
    expect(result.status).toBe(0);
    const options = { defaultBranch: 'main', today: today() };
    expect(readFileSync(path.join(dir, WORKFLOW), 'utf8')).toBe(renderStarterWorkflow(options));
    expect(readFileSync(path.join(dir, CONFIG), 'utf8')).toBe(renderStarterConfig(options));
    expect(result.out).toBe(
      [
        'devsecops init',
        '  wrote .github/workflows/devsecops.yml',
        '  wrote .github/devsecops.yml',
        '',
        'Notes',
        '  - Pushes to main are scanned: origin/HEAD names no default branch, so main is assumed (--default-branch NAME sets it).',
        '  - Replace <owner> in .github/workflows/devsecops.yml with the owner of the devsecops-actions repository you use.',
        '  - Run `devsecops policy-gate --test` to check the policy, then commit the files: the next pull request runs the checks.',
        '',
      ].join('\n'),
    );
    expect(result.err).toBe('');
  });

  it('scans pushes to the default branch the clone knows from origin/HEAD, or the one named', async () => {
    const repo = createTempRepo(parent);
    repo.commit('first');
    repo.git('update-ref', 'refs/remotes/origin/trunk', 'HEAD');
    repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    const detected = await init(repo.dir, '--dry-run');
    expect(detected.out).toContain("    branches: ['trunk']\n");
    expect(detected.out).toContain('Pushes to trunk are scanned (the default branch, from origin/HEAD).');

    const named = await init(repo.dir, '--dry-run', '--default-branch', 'release/2.x');
    expect(named.out).toContain("    branches: ['release/2.x']\n");
    expect(named.out).not.toContain('Pushes to');
  });

  it('rejects a branch name it cannot write safely', async () => {
    const result = await init(dir, '--default-branch', "main'; rm -rf /");
    expect(result.status).toBe(2);
    expect(result.err).toBe(
      'devsecops: Option --default-branch must be a branch name of letters, digits, ".", "_", "-" and "/" (got "main\'; rm -rf /").\n' +
        'Run "devsecops --help" for usage.\n',
    );
    expect(existsSync(path.join(dir, '.github'))).toBe(false);
  });

  it('leaves an existing file alone without --force, says so, and still writes the other', async () => {
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, CONFIG), 'version: 1\n');
    const result = await init(dir);
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(dir, CONFIG), 'utf8')).toBe('version: 1\n');
    expect(existsSync(path.join(dir, WORKFLOW))).toBe(true);
    expect(result.out).toContain('  wrote .github/workflows/devsecops.yml\n  left alone .github/devsecops.yml: it exists (--force overwrites it)\n');
  });

  it('exits 2 when every file exists and nothing was written', async () => {
    expect((await init(dir)).status).toBe(0);
    const again = await init(dir);
    expect(again.status).toBe(2);
    expect(again.out).toContain('Nothing was written: every file exists. --force overwrites them; --dry-run shows what would be written.');
  });

  it('overwrites existing files with --force', async () => {
    mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(dir, WORKFLOW), 'old\n');
    // Valid: the CLI frame loads the config file before any command runs.
    writeFileSync(path.join(dir, CONFIG), 'version: 1\n');
    const result = await init(dir, '--force');
    expect(result.status).toBe(0);
    expect(result.out).toContain('  overwrote .github/workflows/devsecops.yml (--force)\n  overwrote .github/devsecops.yml (--force)\n');
    expect(readFileSync(path.join(dir, CONFIG), 'utf8')).toBe(renderStarterConfig({ defaultBranch: 'main', today: today() }));
  });

  it.each(['--dry-run', '--print'])('%s prints the files and writes nothing', async (flag) => {
    writeFileSync(path.join(dir, 'keep.txt'), '');
    const result = await init(dir, flag);
    expect(result.status).toBe(0);
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    expect(result.out).toContain('.github/workflows/devsecops.yml (would be written)\n  # Security checks on every change');
    expect(result.out).toContain('.github/devsecops.yml (would be written)\n  # yaml-language-server: $schema=');
    expect(result.out).toContain(`      - uses: ${ACTION_REPOSITORY}@v1\n`);
  });

  it('says in a dry run which files exist and what --force would do', async () => {
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, CONFIG), 'version: 1\n');
    expect((await init(dir, '--dry-run')).out).toContain('.github/devsecops.yml (exists, would be left alone without --force)\n');
    expect((await init(dir, '--dry-run', '--force')).out).toContain('.github/devsecops.yml (exists, would be overwritten)\n');
  });

  it('never writes through a symbolic link that could lead outside the target folder', async () => {
    const outside = path.join(parent, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, path.join(dir, '.github'));
    const result = await init(dir, '--force');
    expect(result.status).toBe(2);
    expect(readdirSync(outside)).toEqual([]);
    expect(result.out).toContain(
      '  could not write .github/workflows/devsecops.yml: .github is a symbolic link, and init writes only inside the target folder\n' +
        '  could not write .github/devsecops.yml: .github is a symbolic link, and init writes only inside the target folder\n',
    );
  });

  it('does not follow a file that is a symbolic link, even with --force', async () => {
    const outside = path.join(parent, 'outside.yml');
    writeFileSync(outside, 'version: 1\n');
    mkdirSync(path.join(dir, '.github'));
    symlinkSync(outside, path.join(dir, CONFIG));
    const result = await init(dir, '--force');
    expect(result.status).toBe(2);
    expect(readFileSync(outside, 'utf8')).toBe('version: 1\n');
    expect(existsSync(path.join(dir, WORKFLOW))).toBe(true);
    expect(result.out).toContain('  could not write .github/devsecops.yml: .github/devsecops.yml is a symbolic link, and init writes only inside the target folder\n');
  });

  it('reports a path it cannot create and writes nothing else there', async () => {
    writeFileSync(path.join(dir, '.github'), '');
    const result = await init(dir);
    expect(result.status).toBe(2);
    expect(result.out).toContain('  could not write .github/workflows/devsecops.yml: .github is not a folder\n');
  });

  it('writes into the [path] argument, shown relative to the current folder', async () => {
    const result = await init(parent, 'project');
    expect(result.status).toBe(0);
    expect(result.out).toContain('  wrote project/.github/workflows/devsecops.yml\n  wrote project/.github/devsecops.yml\n');
    expect(existsSync(path.join(dir, CONFIG))).toBe(true);
  });

  it('warns when the target folder is not the root of its repository', async () => {
    const repo = createTempRepo(parent);
    mkdirSync(path.join(repo.dir, 'sub'));
    const result = await init(repo.dir, 'sub');
    expect(result.out).toContain(
      `GitHub runs workflows only from .github/workflows at the repository root, and ${path.join(repo.dir, 'sub')} is inside ${repo.dir}.`,
    );
  });
});

describe('the starter config', () => {
  const options = { defaultBranch: 'main', today: '2026-01-15' };
  const text = renderStarterConfig(options);

  it('is accepted by the config schema, with every section set', () => {
    const config = parseConfigText(text, CONFIG);
    expect(config.version).toBe(1);
    expect(config.secrets['fail-on-severity']).toBe('any');
    expect(config.dependencies.advisories).toBe('osv');
    expect(config.sbom['dependency-snapshot']).toBe(false);
    expect(config.policy.rules.map((rule) => rule.id)).toEqual(['no-new-high', 'python-injection', 'test-code', 'old-lodash']);
    expect(config.policy.exceptions).toEqual([
      {
        match: { tool: 'devsecops', tags: ['secret'], path: 'test/fixtures/**' },
        reason: 'Fake credentials the tests need; none of them was ever valid.',
        owner: '@your-org/security',
        expires: '2026-04-15',
        'dismiss-reason': 'used in tests',
      },
    ]);
    expect(config.policy.tests).toHaveLength(4);
  });

  it('is still accepted with its commented-out examples uncommented', () => {
    const uncommented = uncommentExamples(text);
    const config = parseConfigText(uncommented, CONFIG);
    expect(config.secrets.allowlist.paths).toEqual(['docs/**/*.md']);
    expect(config.secrets.rules.map((rule) => rule.id)).toEqual(['acme-api-key']);
    expect(config.dependencies.exclude.advisories.map((advisory) => advisory.expires)).toEqual(['2026-04-15']);
    expect(config.policy.licenses).toEqual({ allow: ['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC'], deny: ['GPL-3.0-only', 'AGPL-3.0-only'], 'skip-development': false });
  });

  it('has a policy that compiles without warnings and passes its own tests', () => {
    const policy = compilePolicy(parseConfigText(text, CONFIG).policy);
    expect(policy.warnings).toEqual([]);
    const run = runPolicyTests(policy, { today: options.today });
    expect(run.results.map((result) => [result.name, result.actual])).toEqual([
      ['a new high finding fails', 'fail'],
      ['a medium finding in test code warns', 'warn'],
      ['an old lodash fails even when it is not new', 'fail'],
      ['a fake token in the test fixtures is excepted', 'pass'],
    ]);
    expect(run.failed).toBe(0);
  });

  it('lets the example exception expire 90 days after init', () => {
    expect(addDays('2026-01-15', 90)).toBe('2026-04-15');
    expect(addDays('2024-12-31', 90)).toBe('2025-03-31');
    const lateText = renderStarterConfig({ defaultBranch: 'main', today: '2026-04-16' });
    const policy = compilePolicy(parseConfigText(lateText, CONFIG).policy);
    // As of its expiry date plus one day, the fixture token is no longer excepted: that test fails then.
    const run = runPolicyTests(policy, { today: addDays('2026-04-16', 91) });
    expect(run.results.at(-1)?.actual).toBe('fail');
  });
});
