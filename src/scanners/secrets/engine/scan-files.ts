import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describeError } from '../../../core/errors.js';
import type { SkippedItem } from '../../../core/findings.js';
import type { Logger } from '../../../core/logger.js';
import type { SecretMatch } from '../types.js';
import type { CompiledRules } from './compile-rules.js';
import { loadRuleSet, type RuleSetSpec } from './rule-set.js';
import { fromPlainOutcome, scanFilesInTurn, type FileOutcome, type FileToScan, type PlainMatch, type ScanLimits } from './scan-file.js';
import type { ScanBatchMessage, ScanWorkerData, ScanWorkerReply } from './worker-protocol.js';

/**
 * A file whose scan runs longer than this is reported as cut short. At the
 * engine's 100 MB/s a file at any sane size limit takes well under a second;
 * only a pathological file comes near it.
 */
export const DEFAULT_FILE_TIME_BUDGET_MS = 10_000;

/** Below this much text per thread, starting a worker costs more than it saves (startup is ~50 ms). */
const MIN_BYTES_PER_WORKER = 8 * 1024 * 1024;

/** A batch sent to a worker holds about this much text (fewer, larger messages keep the IPC cheap)... */
const BATCH_BYTES = 2 * 1024 * 1024;
/** ...or at most this many files. */
const BATCH_FILES = 256;

/**
 * The worker script. Every bundle and shared chunk sits one folder below
 * dist/, so from whichever holds this module, ../workers/ is dist/workers/.
 * From the TypeScript sources (jest) it does not exist and the scan runs in-process.
 */
const DEFAULT_WORKER_SCRIPT = new URL('../workers/secrets-scan.js', import.meta.url);

export interface ScanFilesOptions {
  /** Which rules to run: plain data, so that worker threads can rebuild the set. */
  rules: RuleSetSpec;
  /**
   * Worker threads. Default: one per available core when there is enough text
   * to repay starting them, else none. 0 or 1: scan on this thread. An explicit
   * number above 1 always uses a pool (when the worker script exists).
   */
  workers?: number;
  /** Per-file time budget (default DEFAULT_FILE_TIME_BUDGET_MS). */
  timeBudgetMs?: number;
  /** Stop scanning any file at this time (ms since the epoch): the rest are reported as cut short. */
  deadline?: number;
  logger: Logger;
  signal?: AbortSignal;
  /** Where the worker script is (default: dist/workers/secrets-scan.js next to this bundle). */
  workerScript?: URL;
}

export interface ScanFilesResult {
  /** In path order, then by position. */
  matches: SecretMatch[];
  /** Files not (fully) scanned, with the reason; in path order. */
  skipped: SkippedItem[];
}

/**
 * Scans files for secrets, on this thread or on a pool of worker threads.
 * A file that cannot be read, or that the time budget cuts short, is a
 * SkippedItem (its matches found so far are kept). A bad custom rule throws a
 * UsageError before any file is read.
 */
export async function scanFiles(files: readonly FileToScan[], options: ScanFilesOptions): Promise<ScanFilesResult> {
  const { logger, signal } = options;
  const limits: ScanLimits = { timeBudgetMs: options.timeBudgetMs ?? DEFAULT_FILE_TIME_BUDGET_MS, deadline: options.deadline };
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);

  let workerCount = options.workers ?? Math.min(availableParallelism(), Math.floor(totalBytes / MIN_BYTES_PER_WORKER));
  workerCount = Math.min(workerCount, files.length);
  // The workers start before the rules are compiled here: each builds its own
  // rule set from the spec, so this thread compiles while they boot.
  const plainOutcomes: FileOutcome<PlainMatch>[] = [];
  let pool: Promise<FileToScan[]> | undefined;
  const stopPool = new AbortController();
  if (workerCount > 1) {
    const script = options.workerScript ?? DEFAULT_WORKER_SCRIPT;
    if (existsSync(fileURLToPath(script))) {
      logger.debug(`Secrets: scanning ${files.length} files (${totalBytes} bytes) on ${workerCount} worker threads`);
      const poolSignal = signal ? AbortSignal.any([signal, stopPool.signal]) : stopPool.signal;
      pool = scanInWorkers(files, { script, workerCount, spec: options.rules, limits, logger, signal: poolSignal }, (o) => plainOutcomes.push(o));
      // Awaited below; until then a failure must not count as unhandled.
      pool.catch(() => undefined);
    } else {
      logger.debug(`Secrets: no worker script at ${fileURLToPath(script)}; scanning on the main thread`);
    }
  }

  let rules: CompiledRules;
  try {
    rules = await loadRuleSet(options.rules, logger);
  } catch (error) {
    // A bad custom rule: the workers fail on it as well; stop them quietly.
    stopPool.abort(error);
    throw error;
  }
  const outcomes: FileOutcome[] = [];
  let remaining: readonly FileToScan[] = files;
  if (pool) {
    remaining = await pool;
    for (const outcome of plainOutcomes) outcomes.push(fromPlainOutcome(outcome, rules));
  }
  if (remaining.length > 0) {
    if (remaining !== files) logger.debug(`Secrets: scanning the last ${remaining.length} files on the main thread`);
    await scanFilesInTurn(remaining, rules, limits, (o) => outcomes.push(o), signal);
  }
  return collect(outcomes);
}

function collect(outcomes: FileOutcome[]): ScanFilesResult {
  outcomes.sort((a, b) => compareStrings(a.path, b.path));
  const matches: SecretMatch[] = [];
  const skipped: SkippedItem[] = [];
  for (const outcome of outcomes) {
    matches.push(...outcome.matches);
    if (outcome.skippedReason !== undefined) skipped.push({ path: outcome.path, reason: outcome.skippedReason });
  }
  return { matches, skipped };
}

interface PoolContext {
  script: URL;
  workerCount: number;
  spec: RuleSetSpec;
  limits: ScanLimits;
  logger: Logger;
  signal: AbortSignal | undefined;
}

/**
 * Hands batches of files to worker threads, one batch in flight per worker,
 * largest files first so that no thread is left with a big file at the end.
 * Resolves with the files no worker got to (every worker failed to start):
 * the caller scans those itself. A worker that dies before it is ready gives
 * its batch back; one that dies mid-batch (out of memory) turns that batch's
 * files into skipped ones, since they may well be the cause. The others go on.
 */
function scanInWorkers(
  files: readonly FileToScan[],
  context: PoolContext,
  onOutcome: (outcome: FileOutcome<PlainMatch>) => void,
): Promise<FileToScan[]> {
  const { signal, logger } = context;
  const batches = makeBatches(files);
  let nextBatch = 0;
  const workerData: ScanWorkerData = { rules: context.spec, ...context.limits };

  return new Promise((resolve, reject) => {
    const workers = new Set<Worker>();
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error !== undefined) reject(error);
      else resolve(batches.slice(nextBatch).flat());
    };
    const onAbort = (): void => settle(signal?.reason ?? new Error('aborted'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    const start = (): void => {
      const worker = new Worker(context.script, { workerData });
      workers.add(worker);
      let current: FileToScan[] | undefined;
      let failure: string | undefined;
      let started = false;
      const sendNext = (): void => {
        current = batches[nextBatch];
        if (current) {
          nextBatch += 1;
          const message: ScanBatchMessage = { type: 'scan', files: current.map(({ path, absolutePath }) => ({ path, absolutePath })) };
          worker.postMessage(message);
        } else {
          void worker.terminate();
        }
      };
      worker.on('message', (reply: ScanWorkerReply) => {
        if (reply.type === 'ready') {
          started = true;
          return;
        }
        if (settled) return;
        if (reply.type === 'failed') {
          // The batch it holds goes back to the queue; the thread is of no use.
          logger.warning(`Secrets: a worker thread could not load the rules (${reply.message}); scanning without it`);
          if (current) batches.push(current);
          current = undefined;
          void worker.terminate();
          return;
        }
        for (const outcome of reply.outcomes) onOutcome(outcome);
        sendNext();
      });
      worker.on('error', (error) => {
        failure = describeError(error);
      });
      worker.on('exit', () => {
        workers.delete(worker);
        // Stopped (aborted, or the rules did not compile on this thread): nothing to report.
        if (settled) return;
        if (current && !started) {
          // It died loading (a dist/ being rebuilt, a broken bundle): the batch is not at fault.
          logger.warning(`Secrets: a worker thread did not start (${failure ?? 'it exited'}); scanning without it`);
          batches.push(current);
          current = undefined;
        }
        if (current) {
          const reason = `could not be scanned: the scanning thread failed (${failure ?? 'it exited'})`;
          for (const file of current) onOutcome({ path: file.path, matches: [], skippedReason: reason });
          logger.warning(`Secrets: a worker thread failed (${failure ?? 'it exited'}); ${current.length} files not scanned`);
          current = undefined;
        }
        if (workers.size === 0) settle();
      });
      sendNext();
    };
    for (let i = 0; i < context.workerCount; i += 1) start();
  });
}

/** Groups files, largest first, into batches of about BATCH_BYTES (a large file is a batch of its own). */
function makeBatches(files: readonly FileToScan[]): FileToScan[][] {
  const sorted = [...files].sort((a, b) => b.size - a.size || compareStrings(a.path, b.path));
  const batches: FileToScan[][] = [];
  let batch: FileToScan[] = [];
  let bytes = 0;
  for (const file of sorted) {
    if (batch.length > 0 && (bytes + file.size > BATCH_BYTES || batch.length >= BATCH_FILES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(file);
    bytes += file.size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Code-unit order, the same on every machine. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
