/**
 * The evidence file: what an auditor asks of a gate that let a change
 * through or stopped it. Which commit, which inputs (byte for byte, by
 * SHA-256), which policy (and its hash), what was decided for every finding
 * and why, which exceptions were used, by whom they are owned and when they
 * end, and when the gate ran.
 *
 * It is JSON with a `schemaVersion`; fields are only ever added. Finding
 * messages are included as the tools wrote them; this suite's own messages
 * never hold a secret (they show a redacted preview), and no snippet or
 * source line is copied from any tool.
 */
import type { Finding } from '../../core/findings.js';
import { TOOL_NAME, VERSION } from '../../core/version.js';
import type { GateRun } from './gate.js';
import type { LoadedPolicy } from './load-policy.js';
import type { FindingDecision, PolicyResult } from './policy-result.js';

export const EVIDENCE_SCHEMA_VERSION = 1;

export interface EvidenceContext {
  /** When the gate decided (ISO 8601). */
  timestamp: string;
  repository?: string;
  commit?: string;
  ref?: string;
  event?: string;
  runUrl?: string;
  /** Where the SARIF and SBOM paths are relative to. */
  repoRoot: string;
  policy: LoadedPolicy;
  failOnSeverity: string;
}

function findingEvidence(decision: FindingDecision): Record<string, unknown> {
  const finding: Finding = decision.finding;
  return {
    tool: finding.tool,
    ruleId: finding.ruleId,
    fingerprint: finding.fingerprint,
    severity: finding.severity,
    score: finding.score,
    new: finding.isNew ?? null,
    ...(finding.location ? { path: finding.location.path, line: finding.location.startLine } : {}),
    ...(finding.package ? { package: { ecosystem: finding.package.ecosystem, name: finding.package.name, version: finding.package.version ?? null } } : {}),
    ...(finding.advisory ? { advisory: finding.advisory.id } : {}),
    message: finding.message,
    outcome: decision.outcome,
    action: decision.action,
    ...(decision.rule ? { rule: decision.rule.where } : {}),
    ...(decision.exception ? { exception: decision.exception.where } : {}),
    ...(decision.expiredExceptions.length > 0 ? { expiredExceptions: decision.expiredExceptions.map((e) => e.where) } : {}),
    reasons: decision.reasons,
  };
}

function licenseEvidence(result: PolicyResult): unknown {
  if (!result.licenses) return undefined;
  return {
    checked: result.licenses.checked,
    counts: result.licenses.counts,
    skippedDevelopment: result.licenses.skippedDevelopment,
    // Allowed packages are counted, not listed: an SBOM has thousands and they decided nothing.
    notAllowed: result.licenses.packages
      .filter((p) => p.verdict !== 'allowed')
      .map((p) => ({
        name: p.package.name,
        version: p.package.version ?? null,
        purl: p.package.purl ?? null,
        license: p.package.license ?? null,
        verdict: p.verdict,
        outcome: p.outcome,
        reason: p.reason,
        ...(p.exception ? { exception: p.exception.where } : {}),
      })),
  };
}

/** The evidence document, as data; `JSON.stringify` it to write. */
export function buildEvidence(run: GateRun, context: EvidenceContext): Record<string, unknown> {
  const { result } = run;
  const relative = (file: string) => (file.startsWith(context.repoRoot + '/') ? file.slice(context.repoRoot.length + 1) : file);
  return {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: VERSION, component: 'policy-gate' },
    timestamp: context.timestamp,
    decidedOn: result.today,
    ...(context.repository ? { repository: context.repository } : {}),
    ...(context.commit ? { commit: context.commit } : {}),
    ...(context.ref ? { ref: context.ref } : {}),
    ...(context.event ? { event: context.event } : {}),
    ...(context.runUrl ? { runUrl: context.runUrl } : {}),
    decision: result.decision,
    outcome: result.outcome,
    mode: result.mode,
    reasons: result.reasons,
    policy: {
      source: context.policy.source.kind,
      path: context.policy.source.path,
      sha256: context.policy.source.sha256 ?? null,
      failOnSeverity: context.failOnSeverity,
      // The policy as it was applied (defaults filled in), so the evidence stands alone.
      content: context.policy.section,
    },
    inputs: {
      sarif: run.inputs.files.map((file) => ({ ...file, path: relative(file.path) })),
      sbom: run.sbomFiles.map((file) => ({ ...file, path: relative(file.path) })),
      ignoredByPaths: run.ignored,
      duplicates: run.inputs.duplicates,
    },
    counts: result.counts,
    thresholds: result.thresholds.map(({ where, severity, new: isNew, max, count, exceeded }) => ({
      where,
      severity,
      new: isNew ?? null,
      max,
      count,
      exceeded,
    })),
    exceptions: result.exceptions.map((e) => ({
      where: e.where,
      status: e.status,
      owner: e.owner,
      reason: e.reason,
      expires: e.expires,
      expiresInDays: e.expiresInDays,
      expiringSoon: e.expiringSoon,
      matched: e.matched,
      fingerprints: e.fingerprints,
    })),
    ...(result.licenses ? { licenses: licenseEvidence(result) } : {}),
    findings: result.findings.map(findingEvidence),
    warnings: result.warnings,
  };
}
