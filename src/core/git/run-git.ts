import { spawn } from 'node:child_process';

/**
 * Options every git call gets, whatever the user's or runner's config says:
 * paths printed as UTF-8 rather than octal escapes (quotes, backslashes and
 * control characters are still C-quoted; see unified-diff.ts), and no pager.
 */
const GIT_CONFIG_ARGS = ['-c', 'core.quotepath=off', '-c', 'core.pager=cat'];

/** Keep only this much of stderr: enough for a message, bounded for a chatty fetch. */
const STDERR_KEEP_BYTES = 64 * 1024;

/** Default ceiling for buffered stdout; streamed calls have none. */
export const DEFAULT_MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** A git command that could not start, failed, or printed more than allowed. */
export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export interface RunGitOptions {
  /** The working directory, normally the repository root. */
  cwd: string;
  /** Exit codes that are answers rather than failures (e.g. 1 from `merge-base --is-ancestor`). */
  okExitCodes?: readonly number[];
  signal?: AbortSignal;
  /** Fail rather than buffer more stdout than this (default DEFAULT_MAX_OUTPUT_BYTES). */
  maxOutputBytes?: number;
  env?: NodeJS.ProcessEnv;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs git and buffers its stdout; for output that can be huge use streamGit. */
export async function runGit(args: readonly string[], options: RunGitOptions): Promise<GitResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const { stderr, exitCode } = await streamGit(args, options, (chunk) => {
    size += chunk.length;
    if (size > limit) {
      throw new GitError(
        `${describeCommand(args)} printed more than ${limit} bytes`,
        args,
        undefined,
        '',
      );
    }
    chunks.push(chunk);
  });
  return { stdout: Buffer.concat(chunks).toString('utf8'), stderr, exitCode };
}

/**
 * Runs git and hands each stdout chunk to `onChunk` as it arrives, so callers
 * can parse output of any size with bounded memory. If `onChunk` throws, git is
 * killed and the promise rejects with that error.
 */
export function streamGit(
  args: readonly string[],
  options: RunGitOptions,
  onChunk: (chunk: Buffer) => void,
): Promise<{ stderr: string; exitCode: number }> {
  const fullArgs = [...GIT_CONFIG_ARGS, ...args];
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      child.kill();
      reject(error);
    };
    const child = spawn('git', fullArgs, {
      cwd: options.cwd,
      // No prompt can ever be answered on a runner: a credential prompt would hang the step.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const stderrChunks: Buffer[] = [];
    let stderrSize = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderrSize >= STDERR_KEEP_BYTES) return;
      stderrChunks.push(chunk);
      stderrSize += chunk.length;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        onChunk(chunk);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'ENOENT'
          ? 'git is not installed or not on PATH'
          : error.name === 'AbortError'
            ? `${describeCommand(args)} was cancelled`
            : `${describeCommand(args)} could not start: ${error.message}`;
      fail(new GitError(message, args, undefined, ''));
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      settled = true;
      const stderr = Buffer.concat(stderrChunks).toString('utf8');
      const exitCode = code ?? -1;
      if (code === 0 || (code !== null && options.okExitCodes?.includes(code))) {
        resolve({ stderr, exitCode });
        return;
      }
      const firstLine = firstMeaningfulLine(stderr);
      const status = code === null ? `was killed by ${signal ?? 'a signal'}` : `failed (exit ${code})`;
      reject(
        new GitError(
          `${describeCommand(args)} ${status}${firstLine ? `: ${firstLine}` : ''}`,
          args,
          code ?? undefined,
          stderr,
        ),
      );
    });
  });
}

/** True when git can be run at all, so callers can pick a fallback instead of failing. */
export async function isGitAvailable(cwd: string): Promise<boolean> {
  try {
    await runGit(['--version'], { cwd });
    return true;
  } catch {
    return false;
  }
}

function describeCommand(args: readonly string[]): string {
  const shown = args.slice(0, 6).map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a));
  return `git ${shown.join(' ')}${args.length > 6 ? ' …' : ''}`;
}

/** The first line that says something: git's "hint:" lines come after the "fatal:" one, but warnings may come first. */
function firstMeaningfulLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? '';
}

/**
 * Refuses a revision that git would read as an option (`--output=…`): revisions
 * come from event payloads and inputs, and git has no `--end-of-options` before 2.24.
 */
export function assertRevision(revision: string, what: string): void {
  if (revision === '' || revision.startsWith('-') || /[\s\0]/.test(revision)) {
    throw new GitError(`${what} ${JSON.stringify(revision)} is not a valid git revision`, [], undefined, '');
  }
}

/** Splits streamed bytes on `\n` only (a lone `\r` is content) and decodes whole lines as UTF-8. */
export function createLineSplitter(onLine: (line: string) => void): { push(chunk: Buffer): void; end(): void } {
  let pending: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      let data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let start = 0;
      let newline = data.indexOf(0x0a, start);
      while (newline !== -1) {
        onLine(data.toString('utf8', start, newline));
        start = newline + 1;
        newline = data.indexOf(0x0a, start);
      }
      data = data.subarray(start);
      pending = Buffer.from(data);
    },
    end() {
      if (pending.length > 0) onLine(pending.toString('utf8'));
      pending = Buffer.alloc(0);
    },
  };
}
