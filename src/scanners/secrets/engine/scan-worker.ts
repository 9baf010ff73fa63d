import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../../../core/errors.js';
import type { CompiledRules } from './compile-rules.js';
import { loadRuleSet } from './rule-set.js';
import { scanFilesInTurn, toPlainOutcome, type FileOutcome, type PlainMatch } from './scan-file.js';
import type { ScanBatchMessage, ScanWorkerData, ScanWorkerReply } from './worker-protocol.js';

/**
 * The body of a scanning thread (dist/workers/secrets-scan.js): builds the
 * rule set from the plain spec it was started with (the built-in rules are
 * imported here, since RegExps and functions cannot be sent), then scans each
 * batch of files it is sent and replies with plain results.
 */
export function runScanWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runScanWorker() must run in a worker thread');
  const data = workerData as ScanWorkerData;
  const limits = { timeBudgetMs: data.timeBudgetMs, deadline: data.deadline };
  const ready: Promise<CompiledRules | undefined> = loadRuleSet(data.rules).then(
    (rules) => {
      port.postMessage({ type: 'ready' } satisfies ScanWorkerReply);
      return rules;
    },
    (error: unknown) => {
      port.postMessage({ type: 'failed', message: describeError(error) } satisfies ScanWorkerReply);
      return undefined;
    },
  );
  port.on('message', (message: ScanBatchMessage) => {
    void ready.then(async (rules) => {
      if (!rules) return;
      const outcomes: FileOutcome<PlainMatch>[] = [];
      await scanFilesInTurn(message.files, rules, limits, (outcome) => outcomes.push(toPlainOutcome(outcome)));
      port.postMessage({ type: 'result', outcomes } satisfies ScanWorkerReply);
    });
  });
}
