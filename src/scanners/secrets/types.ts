import type { SecretRule } from './rule.js';

/**
 * One credential the engine found in a text, before it becomes a Finding.
 * `secret` is the raw value: it must never leave the scanner (see redact.ts).
 */
export interface SecretMatch {
  rule: SecretRule;
  /** The credential itself. Never logged, never written. */
  secret: string;
  /** Repository-relative path (forward slashes). */
  path: string;
  /** 1-based, exact; Windows line endings count as one line break. */
  startLine: number;
  /** 1-based, in UTF-16 code units as SARIF columns are. */
  startColumn: number;
  endLine: number;
  /** Exclusive. */
  endColumn: number;
  /** The whole line the secret starts on, for allow comments (never written out). */
  lineText: string;
}

/** What scanning one text gives: matches, and whether the time budget cut it short. */
export interface TextScanResult {
  matches: SecretMatch[];
  /** Set when the per-file time budget ran out: the file is reported as cut short. */
  truncated?: { atOffset: number; reason: string };
}
