/**
 * What the policy gate decided and why: everything the report, the PR
 * comment, SARIF suppressions, alert dismissal and the evidence file need,
 * as plain data (JSON-serialisable but for the findings themselves, which are
 * core Findings).
 */
import type { Finding } from '../../core/findings.js';
import type { Severity } from '../../core/severity.js';
import type { LicenseVerdict } from './license-check.js';
import type { PolicyMode, RuleAction } from './compile-policy.js';

export type PolicyDecision = 'pass' | 'warn' | 'fail';

/** What happened to one finding once exceptions and rules were applied. */
export type FindingOutcome = 'fail' | 'warn' | 'pass' | 'ignored' | 'excepted';

/** The exception that covers a finding, as the report and the alert dismissal show it. */
export interface ExceptionRef {
  index: number;
  /** `policy.exceptions[0]`. */
  where: string;
  reason: string;
  owner: string;
  /** The last day it applies (YYYY-MM-DD). */
  expires: string;
  /** The code-scanning dismissal reason for the alerts it covers (`dismiss-alerts`). */
  dismissReason?: 'false positive' | "won't fix" | 'used in tests';
}

export interface RuleRef {
  index: number;
  id: string;
  /** `policy.rules[0] (no-new-high)`. */
  where: string;
}

export interface FindingDecision {
  finding: Finding;
  outcome: FindingOutcome;
  /**
   * What the deciding rule (or, with no rule, the default) says, before
   * exceptions: an excepted finding shows what it would have been.
   */
  action: RuleAction | 'pass';
  /** The first rule that matched; undefined when the default decided. */
  rule?: RuleRef;
  /** For the developer, beside the finding: the rule's message, or what the default did. */
  message: string;
  /** The exception that suppressed the finding (the first unexpired one matching it). */
  exception?: ExceptionRef;
  /** Expired exceptions that match the finding: it was excepted before; alerts they dismissed should reopen. */
  expiredExceptions: ExceptionRef[];
  /** Counted by thresholds: not excepted and not ignored. */
  counted: boolean;
  /** One line per step that led to the outcome. */
  reasons: string[];
}

/**
 * - applied: the first unexpired exception to match at least one finding.
 * - redundant: it matches findings, but an earlier exception already covers every one.
 * - stale: it matches nothing in this run.
 * - expired: past its date; it no longer applies (`matched` counts what it would have covered).
 */
export type ExceptionStatus = 'applied' | 'redundant' | 'stale' | 'expired';

export interface ExceptionReport extends ExceptionRef {
  status: ExceptionStatus;
  /** Findings (licence findings included) it suppressed; for an expired one, that it matches. */
  matched: number;
  /** Fingerprints of those findings, for the evidence file and for reopening alerts. */
  fingerprints: string[];
  /** Days from today to its last day: 0 on the last day, negative once expired. */
  expiresInDays: number;
  /** Unexpired and ending within EXPIRY_WARNING_DAYS. */
  expiringSoon: boolean;
  /** One line for the report. */
  message: string;
}

export interface ThresholdResult {
  index: number;
  where: string;
  severity: Severity;
  new?: boolean;
  max: number;
  count: number;
  exceeded: boolean;
  message: string;
}

/** A package of the SBOM, as the licence rules read it. */
export interface SbomPackage {
  name: string;
  version?: string;
  purl?: string;
  /** OSV spelling when known (npm, PyPI, …); taken from the purl otherwise. */
  ecosystem?: string;
  /** The licence as the SBOM states it (an SPDX expression); undefined when it states none. */
  license?: string;
  /** True when only development needs it (CycloneDX scope "excluded", SPDX only DEV_DEPENDENCY_OF). */
  developmentOnly?: boolean;
}

export interface LicenseDecision {
  package: SbomPackage;
  verdict: LicenseVerdict;
  expression?: string;
  reason: string;
  /** denied → fail, unknown → warn, allowed → pass; excepted when an exception covers its finding. */
  outcome: 'fail' | 'warn' | 'pass' | 'excepted';
  /** The finding a denied or unknown licence becomes (rule `policy/license-denied` or `policy/license-unknown`). */
  finding?: Finding;
  exception?: ExceptionRef;
}

export interface LicenseResult {
  /** False when the policy has licence lists but no SBOM was given. */
  checked: boolean;
  packages: LicenseDecision[];
  counts: { allowed: number; denied: number; unknown: number; excepted: number };
  /** Development-only packages left unchecked by `licenses.skip-development`. */
  skippedDevelopment: number;
}

export interface PolicyCounts {
  findings: number;
  /** Findings by outcome. */
  fail: number;
  warn: number;
  pass: number;
  ignored: number;
  excepted: number;
  /** Findings whose baseline state is new. */
  new: number;
  /** Counted findings (not excepted, not ignored) by band. */
  bySeverity: Record<Severity, number>;
}

export interface PolicyResult {
  decision: PolicyDecision;
  /** What the policy says before `mode`: in warn mode an outcome of fail is a decision of warn. */
  outcome: PolicyDecision;
  mode: PolicyMode;
  /** The day exceptions were judged against (YYYY-MM-DD). */
  today: string;
  /** Why the decision is what it is, most important first, one line each. */
  reasons: string[];
  counts: PolicyCounts;
  /** One per finding, in the order given. */
  findings: FindingDecision[];
  exceptions: ExceptionReport[];
  thresholds: ThresholdResult[];
  /** Undefined when the policy has no licence lists. */
  licenses?: LicenseResult;
  /** Things to look at that did not decide anything by themselves (stale exceptions, CEL warnings, …). */
  warnings: string[];
}
