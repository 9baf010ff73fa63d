import type { RuleSetSpec } from './rule-set.js';
import type { FileOutcome, FileToScan, PlainMatch, ScanLimits } from './scan-file.js';

/** What a scanning thread is started with (structured-cloned, so plain data only). */
export interface ScanWorkerData extends ScanLimits {
  rules: RuleSetSpec;
}

/** Main thread -> worker: a batch of files to read and scan. */
export interface ScanBatchMessage {
  type: 'scan';
  files: Pick<FileToScan, 'path' | 'absolutePath'>[];
}

/** Worker -> main thread. */
export type ScanWorkerReply =
  /** The rule set is loaded: from now on a failure is the batch's, not the thread's start. */
  | { type: 'ready' }
  | { type: 'result'; outcomes: FileOutcome<PlainMatch>[] }
  /** The rule set did not load in the worker: the main thread scans the rest itself. */
  | { type: 'failed'; message: string };
