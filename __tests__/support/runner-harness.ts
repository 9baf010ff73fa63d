import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * Runs a bundled action the way the GitHub runner does: a child `node` process
 * on the file named by `runs.main` in action.yml, with INPUT_* built from the
 * action.yml defaults and the workflow's `with:`, the GITHUB_* variables, an
 * event payload file, and the file commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
 * GITHUB_ENV, GITHUB_PATH, GITHUB_STATE) that it then reads back.
 */

export interface HarnessEvent {
  name: string;
  payload: Record<string, unknown>;
}

export interface RunActionOptions {
  /** Path of the action.yml; `runs.main` is resolved relative to it. */
  actionYml: string;
  /** The repository checkout the action runs in (GITHUB_WORKSPACE and cwd). */
  workspace: string;
  /** The workflow's `with:` block. */
  with?: Record<string, string>;
  event: HarnessEvent;
  /** GITHUB_API_URL: the loopback API double. */
  apiUrl?: string;
  repository?: string;
  sha: string;
  ref?: string;
  token?: string;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** A RUNNER_TEMP to reuse across steps of one job (e.g. to test per-job state). */
  runnerTemp?: string;
  timeoutMs?: number;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface RunActionResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Workflow commands written to stdout (`::error file=…::message`, `::warning::…`). */
  commands: WorkflowCommand[];
  annotations: WorkflowCommand[];
  runnerTemp: string;
}

interface ActionManifest {
  inputs?: Record<string, { default?: string | number | boolean; required?: boolean }>;
  runs: { using: string; main: string };
}

/** The runner's INPUT_ name: spaces become underscores, upper-cased, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Evaluates the few expressions action.yml defaults use. */
function evaluateDefault(value: string, ctx: { token: string; workspace: string }): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    if (expr === 'github.token') return ctx.token;
    if (expr === 'github.workspace') return ctx.workspace;
    throw new Error(`runner harness: unsupported expression in an action.yml default: ${expr}`);
  });
}

/** Parses the GITHUB_OUTPUT file format: `name=value` lines and `name<<DELIM` heredocs. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++] ?? '');
      if (i >= lines.length) throw new Error(`file command: no closing delimiter for ${name}`);
      out[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`file command: malformed line: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

function unescapeCommandData(s: string): string {
  return s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

function unescapeCommandProperty(s: string): string {
  return unescapeCommandData(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** Parses `::name key=value,key=value::message` lines as the runner does. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeCommandProperty(pair.slice(eq + 1));
    }
    commands.push({ command: m[1] ?? '', properties, message: unescapeCommandData(m[3] ?? '') });
  }
  return commands;
}

export async function runBundledAction(options: RunActionOptions): Promise<RunActionResult> {
  const manifest = parseYaml(readFileSync(options.actionYml, 'utf8')) as ActionManifest;
  if (manifest.runs?.using !== 'node24') throw new Error(`${options.actionYml}: runs.using must be node24`);
  const main = path.resolve(path.dirname(options.actionYml), manifest.runs.main);
  const token = options.token ?? 'ghs_harnessTokenNotARealSecret000000000';
  const runnerTemp = options.runnerTemp ?? mkdtempSync(path.join(os.tmpdir(), 'runner-temp-'));
  const fileCommandDir = mkdtempSync(path.join(os.tmpdir(), 'runner-files-'));
  mkdirSync(runnerTemp, { recursive: true });
  const files = {
    output: path.join(fileCommandDir, 'output'),
    summary: path.join(fileCommandDir, 'summary'),
    env: path.join(fileCommandDir, 'env'),
    path: path.join(fileCommandDir, 'path'),
    state: path.join(fileCommandDir, 'state'),
    event: path.join(fileCommandDir, 'event.json'),
  };
  for (const f of [files.output, files.summary, files.env, files.path, files.state]) writeFileSync(f, '');
  writeFileSync(files.event, JSON.stringify(options.event.payload));

  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(manifest.inputs ?? {})) {
    if (spec.default !== undefined) {
      inputs[inputEnvName(name)] = evaluateDefault(String(spec.default), { token, workspace: options.workspace });
    }
  }
  for (const [name, value] of Object.entries(options.with ?? {})) inputs[inputEnvName(name)] = value;

  // Start from a clean environment: the test process's own GITHUB_* must not leak in.
  const baseEnv: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'TMPDIR', 'SYSTEMROOT']) {
    const v = process.env[key];
    if (v !== undefined) baseEnv[key] = v;
  }
  const env: Record<string, string> = {
    ...baseEnv,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: options.repository ?? 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: (options.repository ?? 'octo-org/octo-repo').split('/')[0] ?? '',
    GITHUB_SHA: options.sha,
    GITHUB_REF: options.ref ?? 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_GRAPHQL_URL: `${options.apiUrl ?? 'http://127.0.0.1:9'}/graphql`,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'security',
    GITHUB_JOB: 'scan',
    GITHUB_ACTION: 'devsecops',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    ...inputs,
    ...(options.env ?? {}),
  };

  const child = spawn(process.execPath, [main], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runner harness: ${main} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  const commands = parseWorkflowCommands(stdout);
  const outputs = parseFileCommand(readFileSync(files.output, 'utf8'));
  keepSarifSample(outputs['sarif-file']);
  return {
    exitCode,
    stdout,
    stderr,
    outputs,
    summary: readFileSync(files.summary, 'utf8'),
    commands,
    annotations: commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command) && c.properties['file'] !== undefined),
    runnerTemp,
  };
}

/**
 * Every SARIF file a bundled action writes in the tests is kept here, so that
 * CI can check each shape against GitHub's own ingestion rules with the SARIF
 * Multitool (scripts/check-generated-sarif.sh).
 */
export const SARIF_SAMPLES_DIR = path.resolve('node_modules/.cache/devsecops-sarif-samples');

function keepSarifSample(file: string | undefined): void {
  if (!file || !existsSync(file)) return;
  const digest = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
  mkdirSync(SARIF_SAMPLES_DIR, { recursive: true });
  copyFileSync(file, path.join(SARIF_SAMPLES_DIR, `${path.basename(file, '.sarif')}-${digest}.sarif`));
}
