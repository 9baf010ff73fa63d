/**
 * Decides a set of findings (and optionally an SBOM's licences) against a
 * compiled policy. Pure: no files, no network, no clock (`today` is passed in).
 *
 * Per finding:
 * 1. Exceptions first. The first unexpired exception that matches suppresses
 *    the finding (outcome `excepted`); expired ones that match are listed on
 *    the finding (its alert should reopen) but suppress nothing.
 * 2. Then the rules, in order: the first that matches decides (fail, warn or
 *    ignore). Excepted findings are run through the rules too, so the report
 *    can say what an exception held back.
 * 3. A finding no rule matches is decided as the suite's scanners decide
 *    theirs: it fails when its severity reaches `fail-on-severity` and it is
 *    not known to be old (new, or never compared with a base); otherwise it
 *    passes. With `fail-on-severity: none` only rules fail findings, as in
 *    conftest, where a policy without a matching deny rule passes.
 *
 * Thresholds count the findings that are neither excepted nor ignored, at
 * the threshold's band or worse (`{severity: high, max: 5}` allows five high
 * and critical findings together), only new ones with `new: true`, only old
 * ones with `new: false`; more than `max` fails.
 *
 * Licences (license-check.ts): denied fails, unknown warns; exceptions apply
 * to the findings they become (license-findings.ts).
 *
 * The outcome is fail when a finding, threshold or licence fails; warn when
 * one warns, an exception that was used expires within 14 days, or a CEL
 * condition could not be evaluated on some finding; else pass. In `warn` mode
 * the decision is never fail: a fail outcome is reported as warn.
 */
import type { Finding } from '../../core/findings.js';
import { reachesThreshold, SEVERITIES, isAtLeast, type FailOn, type Severity } from '../../core/severity.js';
import type { CompiledException, CompiledPolicy, CompiledRule } from './compile-policy.js';
import { FindingView, type ConditionFailureLog } from './finding-view.js';
import { licenseFinding } from './license-findings.js';
import type { PolicyFindingContext } from './policy-finding.js';
import type {
  ExceptionRef,
  ExceptionReport,
  FindingDecision,
  FindingOutcome,
  LicenseDecision,
  LicenseResult,
  PolicyCounts,
  PolicyDecision,
  PolicyResult,
  SbomPackage,
  ThresholdResult,
} from './policy-result.js';

/** An exception ending within this many days is a warning (issue: "one expiring within 14 days is a warning"). */
export const EXPIRY_WARNING_DAYS = 14;

const MS_PER_DAY = 86_400_000;

export interface EvaluatePolicyOptions {
  /** The run's date (UTC, YYYY-MM-DD): an exception applies through its `expires` day. */
  today: string;
  /** The SBOM's packages, for the licence lists; without it licences are not checked (and the result says so). */
  sbomLicenses?: readonly SbomPackage[];
  /** What the SARIF file adds to each finding for CEL (`finding.properties`). */
  contextOf?: (finding: Finding, index: number) => PolicyFindingContext | undefined;
  /**
   * fail-on-severity for one finding no rule matches, when it is not the
   * policy's: the all-in-one action decides each scanner's findings by that
   * scanner's own threshold unless the policy sets one.
   */
  failOnFor?: (finding: Finding, index: number) => FailOn | undefined;
}

function dayNumber(date: string, what: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(time).toISOString().slice(0, 10) !== date) throw new TypeError(`${what} must be a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return time / MS_PER_DAY;
}

/** What an exception did over the run, filled in as findings are decided. */
interface ExceptionTally {
  compiled: CompiledException;
  ref: ExceptionRef;
  expiresInDays: number;
  expired: boolean;
  /** Fingerprints it suppressed (or, expired, would have). */
  fingerprints: string[];
  /** Earlier exceptions that had already suppressed findings it also matches. */
  shadowedBy: Set<number>;
}

function exceptionRef(compiled: CompiledException): ExceptionRef {
  const { reason, owner, expires } = compiled.exception;
  const dismissReason = compiled.exception['dismiss-reason'];
  return { index: compiled.index, where: compiled.where, reason, owner, expires, ...(dismissReason ? { dismissReason } : {}) };
}

interface ExceptionMatch {
  applied?: ExceptionTally;
  expired: ExceptionTally[];
}

function matchExceptions(view: FindingView, tallies: readonly ExceptionTally[]): ExceptionMatch {
  const result: ExceptionMatch = { expired: [] };
  for (const tally of tallies) {
    if (!tally.compiled.matcher.matches(view)) continue;
    if (tally.expired) {
      result.expired.push(tally);
      tally.fingerprints.push(view.finding.fingerprint);
    } else if (!result.applied) {
      result.applied = tally;
      tally.fingerprints.push(view.finding.fingerprint);
    } else {
      tally.shadowedBy.add(result.applied.compiled.index);
    }
  }
  return result;
}

function firstRule(view: FindingView, rules: readonly CompiledRule[]): CompiledRule | undefined {
  for (const rule of rules) if (rule.matcher.matches(view)) return rule;
  return undefined;
}

function describeAge(finding: Finding): string {
  if (finding.isNew === true) return 'new';
  if (finding.isNew === false) return 'already on the base';
  return 'not compared with a base';
}

/** The default for a finding no rule matches, with the sentence the developer sees. */
function decideByDefault(finding: Finding, failOn: FailOn): { action: 'fail' | 'pass'; message: string } {
  const age = describeAge(finding);
  if (finding.isNew !== false && reachesThreshold(finding.severity, failOn)) {
    return {
      action: 'fail',
      message: `No policy rule matches this finding; it fails because it is ${age} and its severity (${finding.severity}) reaches fail-on-severity ${failOn}.`,
    };
  }
  const why =
    failOn === 'none'
      ? 'fail-on-severity is none'
      : finding.isNew === false
        ? 'it was already on the base'
        : `its severity (${finding.severity}) is below fail-on-severity ${failOn}`;
  return { action: 'pass', message: `No policy rule matches this finding; it passes because ${why}.` };
}

function ruleMessage(rule: CompiledRule): string {
  if (rule.message) return rule.message;
  switch (rule.action) {
    case 'fail':
      return `Blocked by policy rule "${rule.id}".`;
    case 'warn':
      return `Flagged by policy rule "${rule.id}".`;
    case 'ignore':
      return `Ignored by policy rule "${rule.id}".`;
  }
}

function describeException(ref: ExceptionRef): string {
  return `${ref.where} (owner ${ref.owner}, until ${ref.expires}): ${ref.reason}`;
}

function decideFinding(view: FindingView, policy: CompiledPolicy, tallies: readonly ExceptionTally[], failOn: FailOn): FindingDecision {
  const finding = view.finding;
  const exceptions = matchExceptions(view, tallies);
  const rule = firstRule(view, policy.rules);
  const reasons: string[] = [];
  let action: FindingDecision['action'];
  let message: string;
  if (rule) {
    action = rule.action;
    message = ruleMessage(rule);
    reasons.push(`${rule.where} decides it (${rule.action}): ${rule.matcher.label}`);
  } else {
    const byDefault = decideByDefault(finding, failOn);
    action = byDefault.action;
    message = byDefault.message;
    reasons.push(byDefault.message);
  }
  for (const expired of exceptions.expired) {
    reasons.push(`${expired.ref.where} matches it but expired on ${expired.ref.expires}, so it no longer applies`);
  }
  let outcome: FindingOutcome = action === 'ignore' ? 'ignored' : action;
  if (exceptions.applied) {
    outcome = 'excepted';
    reasons.unshift(`excepted by ${describeException(exceptions.applied.ref)}`);
  }
  return {
    finding,
    outcome,
    action,
    ...(rule ? { rule: { index: rule.index, id: rule.id, where: rule.where } } : {}),
    message,
    ...(exceptions.applied ? { exception: exceptions.applied.ref } : {}),
    expiredExceptions: exceptions.expired.map((tally) => tally.ref),
    counted: outcome === 'fail' || outcome === 'warn' || outcome === 'pass',
    reasons,
  };
}

function checkLicenses(
  policy: CompiledPolicy,
  options: EvaluatePolicyOptions,
  tallies: readonly ExceptionTally[],
  failureLog: ConditionFailureLog,
): LicenseResult | undefined {
  const licenses = policy.licenses;
  if (!licenses) return undefined;
  const counts = { allowed: 0, denied: 0, unknown: 0, excepted: 0 };
  if (!options.sbomLicenses) return { checked: false, packages: [], counts, skippedDevelopment: 0 };
  const checked = licenses.skipDevelopment ? options.sbomLicenses.filter((pkg) => pkg.developmentOnly !== true) : options.sbomLicenses;
  const skippedDevelopment = options.sbomLicenses.length - checked.length;
  const packages = checked.map((pkg): LicenseDecision => {
    const check = licenses.check(pkg.license);
    counts[check.verdict]++;
    const finding = licenseFinding(pkg, check);
    const base = { package: pkg, verdict: check.verdict, ...(check.expression ? { expression: check.expression } : {}), reason: check.reason };
    if (!finding) return { ...base, outcome: 'pass' };
    const applied = matchExceptions(new FindingView(finding, undefined, failureLog), tallies).applied;
    if (applied) {
      counts.excepted++;
      return { ...base, outcome: 'excepted', finding, exception: applied.ref };
    }
    return { ...base, outcome: check.verdict === 'denied' ? 'fail' : 'warn', finding };
  });
  return { checked: true, packages, counts, skippedDevelopment };
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function evaluateThresholds(policy: CompiledPolicy, decisions: readonly FindingDecision[]): ThresholdResult[] {
  return policy.thresholds.map((threshold) => {
    let count = 0;
    for (const decision of decisions) {
      if (!decision.counted || !isAtLeast(decision.finding.severity, threshold.severity)) continue;
      if (threshold.new !== undefined && (decision.finding.isNew === true) !== threshold.new) continue;
      count++;
    }
    const exceeded = count > threshold.max;
    const which = threshold.new === undefined ? '' : threshold.new ? 'new ' : 'existing ';
    const band = threshold.severity === 'critical' ? 'critical' : `${threshold.severity} or worse`;
    const message = `${threshold.where}: ${plural(count, `${which}finding`)} of severity ${band}, at most ${threshold.max} allowed${exceeded ? '' : ' (within the limit)'}`;
    return {
      index: threshold.index,
      where: threshold.where,
      severity: threshold.severity,
      ...(threshold.new !== undefined ? { new: threshold.new } : {}),
      max: threshold.max,
      count,
      exceeded,
      message,
    };
  });
}

function reportException(tally: ExceptionTally): ExceptionReport {
  const { ref, expiresInDays, expired, fingerprints } = tally;
  const who = `${ref.where} (owner ${ref.owner})`;
  const expiringSoon = !expired && expiresInDays <= EXPIRY_WARNING_DAYS;
  let status: ExceptionReport['status'];
  let message: string;
  if (expired) {
    status = 'expired';
    message = `${who} expired on ${ref.expires} and no longer applies${
      fingerprints.length > 0 ? ` (it matches ${plural(fingerprints.length, 'finding')}, decided by the rules again)` : ''
    }; renew it with a new date or remove it. It said: ${ref.reason}`;
  } else if (fingerprints.length > 0) {
    status = 'applied';
    const soon = expiringSoon ? ` — it expires ${expiresInDays === 0 ? 'today' : `in ${plural(expiresInDays, 'day')}`}` : '';
    message = `${who} excepted ${plural(fingerprints.length, 'finding')} until ${ref.expires}${soon}: ${ref.reason}`;
  } else if (tally.shadowedBy.size > 0) {
    status = 'redundant';
    const earlier = [...tally.shadowedBy].sort((a, b) => a - b).map((index) => `exceptions[${index}]`);
    message = `${who} suppressed nothing: every finding it matches is already excepted by ${earlier.join(', ')}; remove it or narrow the earlier one`;
  } else {
    status = 'stale';
    message = `${who} matches no finding; remove it if what it excepted is gone`;
  }
  return { ...ref, status, matched: fingerprints.length, fingerprints: [...fingerprints], expiresInDays, expiringSoon, message };
}

function countFindings(decisions: readonly FindingDecision[]): PolicyCounts {
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  const counts: PolicyCounts = { findings: decisions.length, fail: 0, warn: 0, pass: 0, ignored: 0, excepted: 0, new: 0, bySeverity };
  for (const decision of decisions) {
    counts[decision.outcome]++;
    if (decision.finding.isNew === true) counts.new++;
    if (decision.counted) bySeverity[decision.finding.severity]++;
  }
  return counts;
}

/** Groups the findings of one outcome by what decided them: `3 findings fail by policy.rules[0] (no-new-high)`. */
function summarizeOutcome(decisions: readonly FindingDecision[], outcome: 'fail' | 'warn'): string[] {
  const groups = new Map<string, number>();
  for (const decision of decisions) {
    if (decision.outcome !== outcome) continue;
    const by = decision.rule ? decision.rule.where : 'default (no rule matches; fail-on-severity)';
    groups.set(by, (groups.get(by) ?? 0) + 1);
  }
  return [...groups].map(([by, count]) => `${plural(count, 'finding')} ${count === 1 ? `${outcome}s` : outcome} by ${by}`);
}

function describeFailures(log: ConditionFailureLog): string[] {
  return [...log].map(
    ([where, { count, first }]) => `${where} could not be evaluated on ${plural(count, 'finding')} (first: ${first}); taken as not matching`,
  );
}

/** Decides `findings` (and the SBOM's licences) by `policy`; never throws for valid findings and a valid `today`. */
export function evaluatePolicy(findings: readonly Finding[], policy: CompiledPolicy, options: EvaluatePolicyOptions): PolicyResult {
  const today = dayNumber(options.today, 'today');
  const tallies = policy.exceptions.map((compiled): ExceptionTally => {
    const expiresInDays = dayNumber(compiled.exception.expires, `${compiled.where}.expires`) - today;
    return { compiled, ref: exceptionRef(compiled), expiresInDays, expired: expiresInDays < 0, fingerprints: [], shadowedBy: new Set() };
  });

  const failureLog: ConditionFailureLog = new Map();
  const decisions = findings.map((finding, index) =>
    decideFinding(
      new FindingView(finding, options.contextOf?.(finding, index), failureLog),
      policy,
      tallies,
      options.failOnFor?.(finding, index) ?? policy.failOnSeverity,
    ),
  );
  const licenses = checkLicenses(policy, options, tallies, failureLog);
  const thresholds = evaluateThresholds(policy, decisions);
  const exceptions = tallies.map(reportException);
  const failures = describeFailures(failureLog);

  const failing = [
    ...summarizeOutcome(decisions, 'fail'),
    ...thresholds.filter((t) => t.exceeded).map((t) => t.message),
    ...(licenses && licenses.counts.denied - countExcepted(licenses, 'denied') > 0
      ? [`${plural(licenses.counts.denied - countExcepted(licenses, 'denied'), 'package')} with a licence the policy does not allow`]
      : []),
  ];
  const expiring = exceptions.filter((e) => e.status === 'applied' && e.expiringSoon).map((e) => e.message);
  const unknownLicenses = licenses ? licenses.counts.unknown - countExcepted(licenses, 'unknown') : 0;
  const warning = [
    ...summarizeOutcome(decisions, 'warn'),
    ...(unknownLicenses > 0 ? [`${plural(unknownLicenses, 'package')} with a licence that cannot be checked`] : []),
    ...expiring,
    ...failures,
  ];
  const outcome: PolicyDecision = failing.length > 0 ? 'fail' : warning.length > 0 ? 'warn' : 'pass';
  const decision: PolicyDecision = policy.mode === 'warn' && outcome === 'fail' ? 'warn' : outcome;
  const reasons = [
    ...(decision !== outcome ? [`mode is warn: the policy fails, but the gate only reports it`] : []),
    ...failing,
    ...warning,
  ];
  if (reasons.length === 0) reasons.push('no finding, threshold or licence fails or warns');

  const warnings = [
    ...policy.warnings,
    ...failures,
    ...exceptions.filter((e) => e.status !== 'applied' || e.expiringSoon).map((e) => e.message),
    ...(licenses && !licenses.checked ? ['the policy has licence lists but no SBOM was given, so licences were not checked'] : []),
  ];

  return {
    decision,
    outcome,
    mode: policy.mode,
    today: options.today,
    reasons,
    counts: countFindings(decisions),
    findings: decisions,
    exceptions,
    thresholds,
    ...(licenses ? { licenses } : {}),
    warnings,
  };
}

function countExcepted(licenses: LicenseResult, verdict: 'denied' | 'unknown'): number {
  return licenses.packages.filter((p) => p.verdict === verdict && p.outcome === 'excepted').length;
}
