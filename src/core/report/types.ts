import type { Finding, RuleDescriptor, SkippedItem } from '../findings.js';
import type { FailOn } from '../severity.js';

/** Where links in the report point. Every field comes from the runner's environment, not from findings. */
export interface ReportLinks {
  /** `GITHUB_SERVER_URL`, e.g. `https://github.com`. */
  serverUrl: string;
  owner: string;
  repo: string;
  /** The commit the findings were read at: file links are `blob/<sha>/<path>#L<line>`. */
  sha: string;
  /** The workflow run, for "see the run" links from the PR comment. */
  runUrl?: string;
  /** Set only when the SARIF upload to code scanning succeeded, so we never point at an empty page. */
  codeScanningUrl?: string;
}

/**
 * A block a scanner adds to its report beyond the findings (e.g. the
 * dependencies a pull request changes). Shown whole or not at all: a cut
 * table or Mermaid chart would mislead.
 */
export interface ReportSection {
  /** The heading, without `#`. */
  title: string;
  /** GitHub-flavoured markdown (may hold a Mermaid block). */
  markdown: string;
  /** Also in the PR comment when it fits (default true); the job summary always tries. */
  inComment?: boolean;
  /** Plain text for the terminal (no markdown); the CLI leaves out a section without it. */
  text?: string;
}

/**
 * Everything the summary, the PR comment and the annotations are built from.
 * The builders are pure: the same input always yields the same bytes.
 */
export interface ReportInput {
  /** The action's id, e.g. `secrets-scan`: names the sticky comment marker. */
  actionName: string;
  /** For people, e.g. `Secrets scan`. */
  title: string;
  findings: readonly Finding[];
  rules: readonly RuleDescriptor[];
  skipped: readonly SkippedItem[];
  result: 'pass' | 'fail';
  failOn: FailOn;
  /** What was scanned, e.g. `lines added by this pull request (abc1234...def5678)`. */
  scopeDescription: string;
  /** Warnings for the reader, e.g. `Code scanning upload skipped: the token lacks security-events: write`. */
  notes: readonly string[];
  links: ReportLinks;
  /** Scanner-specific blocks after the findings, in order. */
  sections?: readonly ReportSection[];
  /** The SARIF file the step wrote (path relative to the workspace), named when an output leaves findings out. */
  sarifFile?: string;
}
