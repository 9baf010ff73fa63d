import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { defineCommand, type CliCommand, type CommandContext } from '../../src/cli/commands.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { findingSchema, type Finding } from '../../src/core/findings.js';
import { VERSION } from '../../src/core/version.js';

interface FakeIo extends CliIo {
  out: () => string;
  err: () => string;
}

function createFakeIo(cwd: string, env: NodeJS.ProcessEnv = {}, isTTY = false): FakeIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text) => void (out += text), isTTY },
    stderr: { write: (text) => void (err += text), isTTY },
    env,
    cwd,
    out: () => out,
    err: () => err,
  };
}

const FINDINGS: Finding[] = [
  findingSchema.parse({
    ruleId: 'secrets/aws-access-key',
    severity: 'critical',
    score: 9.5,
    message: 'AWS access key committed',
    location: { path: 'src/app.ts', startLine: 12, startColumn: 5 },
    fingerprint: 'fp-1',
    isNew: true,
  }),
  findingSchema.parse({
    ruleId: 'secrets/generic-password',
    severity: 'medium',
    score: 5,
    message: 'Password in a config file',
    location: { path: 'config/app.ini', startLine: 3 },
    fingerprint: 'fp-2',
  }),
];

/** A command as an action issue would add one, recording what the frame passed it. */
function createFakeCommand(findings: Finding[] = FINDINGS) {
  const calls: CommandContext<{ baseline?: string; 'max-depth': number; verbose: boolean }>[] = [];
  const command: CliCommand = defineCommand({
    name: 'secrets',
    summary: 'Scan files for committed credentials',
    description: 'Looks at every tracked file.',
    configSection: 'secrets',
    defaultFailOn: 'high',
    options: {
      baseline: { type: 'string', valueName: 'FILE', description: 'Compare with a baseline' },
      'max-depth': { type: 'string', valueName: 'N', description: 'Levels of history' },
      verbose: { type: 'boolean', short: 'v', description: 'Say more' },
    },
    optionsSchema: z.object({
      baseline: z.string().optional(),
      'max-depth': z.string().regex(/^\d+$/, { error: 'expected a whole number' }).transform(Number).default(50),
      verbose: z.boolean().default(false),
    }),
    run: async (ctx) => {
      calls.push(ctx);
      ctx.logger.info('scanning');
      return { findings };
    },
  });
  return { command, calls };
}

describe('runCli', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'devsecops-cli-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the version with --version and -V and exits 0', async () => {
    for (const flag of ['--version', '-V']) {
      const io = createFakeIo(dir);
      expect(await runCli([flag], io)).toBe(0);
      expect(io.out()).toBe(`devsecops ${VERSION}\n`);
      expect(io.err()).toBe('');
    }
  });

  it('prints help with --help and -h, listing the commands of this build', async () => {
    for (const flag of ['--help', '-h']) {
      const io = createFakeIo(dir);
      expect(await runCli([flag], io)).toBe(0);
      expect(io.out()).toContain('Usage: devsecops <command> [path] [options]');
      expect(io.out()).toMatch(/Commands:\n {2}scan +Run everything: secrets, dependencies, SBOM, then the policy gate/);
      expect(io.out()).toMatch(/\n {2}secrets-scan +Find credentials/);
      expect(io.out()).toMatch(/\n {2}init +/);
      for (const option of ['--sarif FILE', '--json FILE', '--config FILE', '--fail-on-severity LEVEL', '--scope SCOPE', '--no-color', '-q, --quiet', '-h, --help', '-V, --version']) {
        expect(io.out()).toContain(option);
      }
      expect(io.out()).toContain('Exit status: 0 clean, 1 findings at or above --fail-on-severity, 2 usage or configuration error.');
    }
  });

  it('lists registered commands in help and shows a command its own help', async () => {
    const { command } = createFakeCommand();
    const io = createFakeIo(dir);
    expect(await runCli(['--help'], io, { commands: [command] })).toBe(0);
    expect(io.out()).toContain('  secrets  Scan files for committed credentials\n');
    const commandIo = createFakeIo(dir);
    expect(await runCli(['secrets', '--help'], commandIo, { commands: [command] })).toBe(0);
    expect(commandIo.out()).toContain('Usage: devsecops secrets [path] [options]');
    expect(commandIo.out()).toContain('--baseline FILE');
    expect(commandIo.out()).toContain('-v, --verbose');
    expect(commandIo.out()).toContain('Global options:');
  });

  it('exits 2 with the usage on stderr when no command is given', async () => {
    const io = createFakeIo(dir);
    expect(await runCli([], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('Usage: devsecops <command>');
  });

  it.each([
    [['audit'], 'devsecops: Unknown command "audit". Commands: scan, secrets-scan, dependency-audit, sbom, policy-gate, init.'],
    [['--confg', 'x'], 'devsecops: Unknown option --confg (did you mean --config?).'],
    [['--fail-on-severity', 'severe'], 'devsecops: Option --fail-on-severity must be one of critical, high, medium, low, any, none (got "severe").'],
    [['--scope=diff'], 'devsecops: Option --scope must be one of auto, changes, all (got "diff").'],
    [['--config'], 'devsecops: Option --config needs a value (FILE).'],
    [['--config', '--quiet'], 'devsecops: Option --config needs a value (FILE).'],
    [['--quiet=yes'], 'devsecops: Option --quiet takes no value.'],
    [['--json', 'a.json', '--json', 'b.json'], 'devsecops: Option --json was given more than once.'],
  ])('exits 2 with one line and a pointer to --help for %j', async (argv, line) => {
    const io = createFakeIo(dir);
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err()).toBe(`${line}\nRun "devsecops --help" for usage.\n`);
    expect(io.out()).toBe('');
  });

  it('reports command-line mistakes for a command by name', async () => {
    const { command } = createFakeCommand();
    const cases: [string[], string][] = [
      [['secrets', '--baseline'], 'Option --baseline needs a value (FILE).'],
      [['secrets', '--max-depth', 'many'], 'Option --max-depth must be a whole number (got "many").'],
      [['secrets', '--verbos'], 'Unknown option --verbos (did you mean --verbose?).'],
      [['secrte'], 'Unknown command "secrte" (did you mean "secrets"?). Commands: secrets.'],
      [['secrets', dir, 'extra'], 'Unexpected argument "extra": secrets takes one path.'],
      [['secrets', 'missing-dir'], 'Path "missing-dir" does not exist.'],
    ];
    for (const [argv, line] of cases) {
      const io = createFakeIo(dir);
      expect(await runCli(argv, io, { commands: [command] })).toBe(2);
      expect(io.err()).toBe(`devsecops: ${line}\nRun "devsecops --help" for usage.\n`);
    }
  });

  it('rejects an option that belongs to another command', async () => {
    const { command } = createFakeCommand();
    const other = defineCommand({ ...createFakeCommand().command, name: 'sbom', options: {}, optionsSchema: z.object({}) });
    const io = createFakeIo(dir);
    expect(await runCli(['sbom', '--baseline', 'b.json'], io, { commands: [command, other] })).toBe(2);
    expect(io.err()).toBe('devsecops: Unknown option --baseline for "sbom".\nRun "devsecops --help" for usage.\n');
  });

  it('exits 1 when findings reach the threshold and prints the report', async () => {
    const { command, calls } = createFakeCommand();
    const io = createFakeIo(dir);
    expect(await runCli(['secrets'], io, { commands: [command] })).toBe(1);
    expect(io.out()).toContain('CRITICAL (1)\n  src/app.ts:12:5  secrets/aws-access-key  AWS access key committed [new]\n');
    expect(io.out()).toContain('2 findings (1 critical, 1 medium); 1 at or above fail-on-severity high.\n');
    expect(io.out()).not.toContain('\u001b[');
    expect(io.err()).toBe('scanning\n');
    expect(calls[0]?.root).toBe(dir);
    expect(calls[0]?.options).toEqual({ 'max-depth': 50, verbose: false });
    expect(calls[0]?.settings.failOnSeverity).toEqual({ value: 'high', source: 'default' });
  });

  it('exits 0 when no finding reaches the threshold', async () => {
    const { command } = createFakeCommand();
    const io = createFakeIo(dir);
    expect(await runCli(['secrets', '--fail-on-severity', 'none'], io, { commands: [command] })).toBe(0);
    expect(io.out()).toContain('none fail the run (fail-on-severity none)');
    const clean = createFakeCommand([]);
    const cleanIo = createFakeIo(dir);
    expect(await runCli(['secrets'], cleanIo, { commands: [clean.command] })).toBe(0);
    expect(cleanIo.out()).toBe('No findings.\n');
  });

  it('takes the threshold from the flag over the config file over the command default', async () => {
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, '.github/devsecops.yml'), 'fail-on-severity: medium\nsecrets:\n  scope: all\n');
    const { command, calls } = createFakeCommand();
    expect(await runCli(['secrets', dir, '--verbose', '--max-depth=3'], createFakeIo(tmpdir()), { commands: [command] })).toBe(1);
    expect(calls[0]?.settings.failOnSeverity).toEqual({ value: 'medium', source: 'config' });
    expect(calls[0]?.settings.scope).toEqual({ value: 'all', source: 'config' });
    expect(calls[0]?.options).toEqual({ 'max-depth': 3, verbose: true });
    expect(await runCli(['secrets', dir, '--fail-on-severity=critical', '--scope', 'changes'], createFakeIo(tmpdir()), { commands: [command] })).toBe(1);
    expect(calls[1]?.settings.failOnSeverity).toEqual({ value: 'critical', source: 'input' });
    expect(calls[1]?.settings.scope).toEqual({ value: 'changes', source: 'input' });
  });

  it('exits 2 with the config error on one line', async () => {
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, '.github/devsecops.yml'), 'secrets:\n  fail-on-severity: severe\n');
    const { command, calls } = createFakeCommand();
    const io = createFakeIo(dir);
    expect(await runCli(['secrets'], io, { commands: [command] })).toBe(2);
    expect(io.err()).toBe(
      'devsecops: .github/devsecops.yml:2:21: secrets.fail-on-severity: expected one of critical|high|medium|low|any|none, got "severe"\n',
    );
    expect(calls).toHaveLength(0);
  });

  it('fails on a --config file that does not exist, but not on a missing default file', async () => {
    const { command } = createFakeCommand([]);
    const io = createFakeIo(dir);
    expect(await runCli(['secrets', '--config', 'nope.yml'], io, { commands: [command] })).toBe(2);
    expect(io.err()).toContain(`nope.yml: config file not found`);
    expect(await runCli(['secrets'], createFakeIo(dir), { commands: [command] })).toBe(0);
  });

  it('reads --config relative to the working directory', async () => {
    writeFileSync(path.join(dir, 'custom.yml'), 'secrets: {fail-on-severity: critical}\n');
    mkdirSync(path.join(dir, 'repo'));
    const { command, calls } = createFakeCommand();
    expect(await runCli(['secrets', 'repo', '--config', 'custom.yml'], createFakeIo(dir), { commands: [command] })).toBe(1);
    expect(calls[0]?.root).toBe(path.join(dir, 'repo'));
    expect(calls[0]?.settings.failOnSeverity).toEqual({ value: 'critical', source: 'config' });
  });

  it('skips a command switched off in the config file', async () => {
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, '.github/devsecops.yml'), 'secrets: {enabled: false}\n');
    const { command, calls } = createFakeCommand();
    const io = createFakeIo(dir);
    expect(await runCli(['secrets'], io, { commands: [command] })).toBe(0);
    expect(calls).toHaveLength(0);
    expect(io.err()).toBe('secrets: switched off by "secrets.enabled: false" in the config file.\n');
  });

  it('prints nothing but the exit status with --quiet', async () => {
    const { command } = createFakeCommand();
    const io = createFakeIo(dir);
    expect(await runCli(['secrets', '-q'], io, { commands: [command] })).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('');
  });

  it('colours the report only when allowed', async () => {
    const { command } = createFakeCommand();
    const tty = createFakeIo(dir, {}, true);
    await runCli(['secrets'], tty, { commands: [command] });
    expect(tty.out()).toContain('\u001b[');
    const noColor = createFakeIo(dir, { NO_COLOR: '1' }, true);
    await runCli(['secrets'], noColor, { commands: [command] });
    expect(noColor.out()).not.toContain('\u001b[');
    const flag = createFakeIo(dir, {}, true);
    await runCli(['secrets', '--no-color'], flag, { commands: [command] });
    expect(flag.out()).not.toContain('\u001b[');
    const forced = createFakeIo(dir, { FORCE_COLOR: '1' }, false);
    await runCli(['secrets'], forced, { commands: [command] });
    expect(forced.out()).toContain('\u001b[');
  });

  it('writes --json and --sarif files', async () => {
    const { command } = createFakeCommand();
    const io = createFakeIo(dir);
    expect(await runCli(['secrets', '--json', 'out/findings.json', '--sarif', 'out/findings.sarif'], io, { commands: [command] })).toBe(1);
    const json = JSON.parse(readFileSync(path.join(dir, 'out/findings.json'), 'utf8'));
    expect(json).toMatchObject({ version: 1, tool: { name: 'devsecops', version: VERSION }, command: 'secrets' });
    expect(json.findings.map((f: Finding) => f.fingerprint)).toEqual(['fp-1', 'fp-2']);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/findings.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(2);
    expect(sarif.runs[0].automationDetails.id).toBe('devsecops/secrets/');
  });

  it('lets a command decide the exit status itself', async () => {
    const command = defineCommand({
      ...createFakeCommand([]).command,
      run: async () => ({ findings: [], exitCode: 1 }),
    });
    expect(await runCli(['secrets'], createFakeIo(dir), { commands: [command] })).toBe(1);
  });

  it('turns an unexpected error into exit 3 and one line', async () => {
    const command = defineCommand({
      ...createFakeCommand([]).command,
      run: async () => {
        throw new TypeError('boom\nsecond line');
      },
    });
    const io = createFakeIo(dir);
    expect(await runCli(['secrets'], io, { commands: [command] })).toBe(3);
    expect(io.err()).toBe('devsecops: internal error: boom\n');
  });
});
