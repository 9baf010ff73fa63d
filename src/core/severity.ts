import { z } from 'zod';

/** Severity bands, most severe first. `note` is informational: it never reaches a threshold. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'note'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/**
 * The lower bound of each band on the 0–10 scale, as GitHub code scanning reads
 * `properties.security-severity`: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium,
 * 0.1–3.9 low (docs: "SARIF support for code scanning", reportingDescriptor properties).
 */
const BAND_FLOOR: Record<Exclude<Severity, 'note'>, number> = {
  critical: 9.0,
  high: 7.0,
  medium: 4.0,
  low: 0.1,
};

/** A representative score for a band, used when a producer only knows the band. */
const BAND_SCORE: Record<Severity, number> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 2.0,
  note: 0,
};

/** Maps a 0–10 score to its band. GitHub puts exactly 9.0 in "high": critical is *over* 9.0. */
export function severityFromScore(score: number): Severity {
  if (!Number.isFinite(score) || score <= 0) return 'note';
  if (score > BAND_FLOOR.critical) return 'critical';
  if (score >= BAND_FLOOR.high) return 'high';
  if (score >= BAND_FLOOR.medium) return 'medium';
  return 'low';
}

export function scoreForSeverity(severity: Severity): number {
  return BAND_SCORE[severity];
}

/** Rank for sorting: 0 is the most severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at least as severe as `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

/** The `fail-on-severity` setting: a band (that band or worse), `any` (every finding, notes included) or `none`. */
export const FAIL_ON_VALUES = ['critical', 'high', 'medium', 'low', 'any', 'none'] as const;
export const failOnSchema = z.enum(FAIL_ON_VALUES);
export type FailOn = z.infer<typeof failOnSchema>;

/** Whether a finding of this severity fails a run under `failOn`. */
export function reachesThreshold(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  if (failOn === 'any') return true;
  return isAtLeast(severity, failOn);
}
