import type { z } from 'zod';
import type { FailOn } from '../severity.js';
import type { Finding, RuleDescriptor, SkippedItem } from '../findings.js';
import type { Logger } from '../logger.js';
import type { DevsecopsConfig } from '../config/schema.js';
import type { ReportSection } from '../report/types.js';
import type { InventoryCache } from '../inventory/inventory-cache.js';
import type { Shard } from './shard.js';

/** What a scanner is asked to look at: everything, or only what a change added. */
export type ScanScope =
  | { kind: 'all' }
  | {
      kind: 'changes';
      base: string;
      head: string;
      /** Where the range came from, for messages. */
      source: 'pull_request' | 'push' | 'local';
    }
  /** What is staged in the index (a pre-commit hook), reported at its line in the staged version. */
  | { kind: 'staged' };

export interface ScanRequest {
  /** Absolute path of what to scan (the `path` input, inside the repository). */
  root: string;
  /** Absolute path of the repository root; finding paths are relative to it. */
  repoRoot: string;
  scope: ScanScope;
  /** The whole config file (defaults applied); a scanner reads its own section. */
  config: DevsecopsConfig;
  /** The top-level and the scanner's section's `paths.ignore` globs. */
  ignore: string[];
  /** The scanner's own inputs (or CLI options), as its `inputs` schema parsed them. */
  inputs: Record<string, unknown>;
  logger: Logger;
  /** Shares the working tree's inventory with other scanners of the same run (the all-in-one action). */
  inventoryCache?: InventoryCache;
  /** Only this shard's files and lockfiles (see shard.ts); the merge job combines the shards. */
  shard?: Shard;
}

export interface ScanResult {
  rules: RuleDescriptor[];
  findings: Finding[];
  skipped: SkippedItem[];
  /** True when findings carry `isNew` from a comparison with a base. */
  baselineCompared: boolean;
  /** False when part of the scan could not run; the SARIF invocation says so. */
  executionSuccessful: boolean;
  /**
   * True when the findings cover only part of the repository (the lines a
   * change added). Code scanning takes an upload as the whole analysis of its
   * category on that ref, so a partial one on a branch would close the alerts
   * of everything it did not look at; it is only uploaded for pull requests,
   * as CodeQL's diff-informed analysis is.
   */
  partial?: boolean;
  /** Lines for the reader of the summary and comment (what was cut short, what was assumed). */
  notes: string[];
  /** Blocks of the summary and comment beyond the findings (see ReportSection). */
  sections?: ReportSection[];
}

/**
 * A scanner as the action pipeline and the CLI see it. Each action issue adds
 * one; the pipeline knows nothing else about it.
 */
export interface Scanner {
  /** The action and CLI command name, e.g. `secrets-scan`; also the SARIF category `devsecops/<id>/`. */
  id: string;
  /** A title for summaries and comments, e.g. `Secrets scan`. */
  title: string;
  /** The section of .github/devsecops.yml it reads. */
  configSection: 'secrets' | 'dependencies' | 'sbom' | 'policy';
  defaultFailOn: FailOn;
  /**
   * The scanner's own action inputs beyond the common ones, as zod fields over
   * the raw strings (see src/core/inputs/input-types.ts).
   */
  inputs?: z.ZodRawShape;
  scan(request: ScanRequest): Promise<ScanResult>;
}

/** The SARIF `automationDetails.id` (the code scanning category) of a scanner. */
export function categoryOf(scanner: Pick<Scanner, 'id'>): string {
  return `devsecops/${scanner.id}/`;
}
