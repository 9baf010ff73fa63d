/**
 * One finding as the policy's conditions look at it. Every rule and exception
 * asks the same finding the same questions, so what takes work (a purl, the
 * CEL object) is worked out on first use and kept.
 */
import type { Finding } from '../../core/findings.js';
import { normalizeGlobPath } from './glob.js';
import { viewPackage, type PackageView } from './package-spec.js';
import { toPolicyFinding, type PolicyFinding, type PolicyFindingContext } from './policy-finding.js';

/** CEL conditions that failed on some finding during one evaluation, by key path. */
export type ConditionFailureLog = Map<string, { count: number; first: string }>;

export class FindingView {
  readonly finding: Finding;
  readonly tool: string;
  private readonly context: PolicyFindingContext | undefined;
  private pathValue: string | null | undefined;
  private tagSet: ReadonlySet<string> | undefined;
  private packageValue: PackageView | null | undefined;
  private advisoryIds: ReadonlySet<string> | undefined;
  private policyFinding: PolicyFinding | undefined;

  /** Shared by every view of one evaluation, so a compiled policy keeps no state between runs. */
  readonly failures: ConditionFailureLog;

  constructor(finding: Finding, context?: PolicyFindingContext, failures: ConditionFailureLog = new Map()) {
    this.finding = finding;
    this.context = context;
    this.failures = failures;
    this.tool = finding.tool.toLowerCase();
  }

  /** Notes that the condition at `where` could not be evaluated on this finding. */
  recordFailure(where: string, message: string): void {
    const entry = this.failures.get(where);
    if (entry) entry.count++;
    else this.failures.set(where, { count: 1, first: message.split('\n')[0] ?? message });
  }

  /** The repository-relative path with `/`, or null for a finding that is not in a file. */
  get path(): string | null {
    if (this.pathValue === undefined) {
      const raw = this.finding.location?.path;
      this.pathValue = raw === undefined ? null : normalizeGlobPath(raw);
    }
    return this.pathValue;
  }

  /** Tags lower-cased: `Security` and `security` are one tag to a policy author. */
  get tags(): ReadonlySet<string> {
    this.tagSet ??= new Set(this.finding.tags.map((tag) => tag.toLowerCase()));
    return this.tagSet;
  }

  get package(): PackageView | null {
    if (this.packageValue === undefined) this.packageValue = this.finding.package ? viewPackage(this.finding.package) : null;
    return this.packageValue;
  }

  /** The advisory's id and aliases, upper-cased (`ghsa-…` and `GHSA-…` are one id). */
  get advisories(): ReadonlySet<string> {
    if (this.advisoryIds === undefined) {
      const advisory = this.finding.advisory;
      this.advisoryIds = new Set(advisory ? [advisory.id, ...advisory.aliases].map((id) => id.toUpperCase()) : []);
    }
    return this.advisoryIds;
  }

  /** The `finding` object CEL conditions see. */
  get cel(): PolicyFinding {
    this.policyFinding ??= toPolicyFinding(this.finding, this.context);
    return this.policyFinding;
  }
}
