/**
 * The severity of an advisory for one package: a 0–10 score and its band.
 * Sources, first usable wins:
 * 1. the `severity` of the package's own affected entries (the schema says they
 *    replace the record's), then the record's `severity`; within a list the
 *    newest CVSS version that scores wins (v4, then v3.1/v3.0, then v2), even
 *    when an older vector scores higher: the newer vector is the advisory's
 *    current assessment (GitHub keeps both in `cvss_severities`; GitLab's
 *    advisory pipeline uses the same v4 > v3 > v2 precedence);
 * 2. `database_specific.severity` (GHSA's LOW/MODERATE/HIGH/CRITICAL) at the
 *    band's representative score;
 * 3. otherwise unknown: medium, flagged, so a record without a rating (Go
 *    vulndb, PYSEC) is never silently ranked low.
 * Bands are src/core/severity.ts's, the same the SARIF writer derives from a
 * score (GitHub code scanning: critical is *over* 9.0, so a CVSS 9.0 is high).
 */
import cvss from 'ae-cvss-calculator';
import { scoreForSeverity, severityFromScore, type Severity } from '../../../core/severity.js';
import type { OsvAffected, OsvRecord, OsvSeverityEntry } from './osv-schema.js';

export type SeveritySource = 'CVSS_V4' | 'CVSS_V3' | 'CVSS_V2' | 'Ubuntu' | 'database_specific' | 'unknown';

export interface AdvisorySeverity {
  score: number;
  band: Severity;
  source: SeveritySource;
  /** The CVSS vector scored, when the score comes from one. */
  vector?: string;
  /** No source could be read: the band is a placeholder (medium). */
  unknown: boolean;
}

interface CvssScorer {
  isBaseFullyDefined(): boolean;
  calculateScores(): { overall: number };
}

/** Higher ranks win within one severity list. */
const CVSS_KINDS = [
  { prefix: 'CVSS:4.0/', source: 'CVSS_V4', rank: 4, create: (v: string): CvssScorer => new cvss.Cvss4P0(v) },
  { prefix: 'CVSS:3.1/', source: 'CVSS_V3', rank: 3.1, create: (v: string): CvssScorer => new cvss.Cvss3P1(v) },
  { prefix: 'CVSS:3.0/', source: 'CVSS_V3', rank: 3, create: (v: string): CvssScorer => new cvss.Cvss3P0(v) },
] as const;

function roundScore(score: number): number {
  return Math.round(score * 10) / 10;
}

type CvssReading = { score: number; source: SeveritySource; rank: number } | undefined;

/**
 * Scores by type and vector. A database repeats a few thousand vectors over
 * its records, and scoring one is the costliest step of reading a record's
 * severity; bounded so a huge database cannot grow it without end.
 */
const SCORE_CACHE = new Map<string, CvssReading>();
const SCORE_CACHE_MAX = 50_000;

/** Scores a CVSS vector (v2 needs `type: CVSS_V2`, its vectors carry no prefix); undefined when incomplete or malformed. */
export function scoreCvssVector(type: string, vector: string): CvssReading {
  const key = `${type}\u0000${vector}`;
  if (SCORE_CACHE.has(key)) return SCORE_CACHE.get(key);
  const reading = scoreUncached(type, vector);
  if (SCORE_CACHE.size >= SCORE_CACHE_MAX) SCORE_CACHE.clear();
  SCORE_CACHE.set(key, reading);
  return reading;
}

function scoreUncached(type: string, vector: string): CvssReading {
  const text = vector.trim();
  let scorer: CvssScorer;
  let source: SeveritySource;
  let rank: number;
  try {
    const kind = CVSS_KINDS.find((candidate) => text.startsWith(candidate.prefix));
    if (kind) {
      scorer = kind.create(text);
      source = kind.source;
      rank = kind.rank;
    } else if (type === 'CVSS_V2' && /^\(?AV:/.test(text)) {
      // NVD writes v2 vectors in parentheses.
      scorer = new cvss.Cvss2(text.replace(/^\((.*)\)$/, '$1'));
      source = 'CVSS_V2';
      rank = 2;
    } else {
      return undefined;
    }
    if (!scorer.isBaseFullyDefined()) return undefined;
    const score = scorer.calculateScores().overall;
    if (!Number.isFinite(score) || score < 0 || score > 10) return undefined;
    return { score: roundScore(score), source, rank };
  } catch {
    return undefined;
  }
}

/** Ubuntu's priorities (`type: Ubuntu`) to bands; `untriaged` says nothing. */
const UBUNTU_PRIORITIES: ReadonlyMap<string, Severity> = new Map([
  ['negligible', 'low'],
  ['low', 'low'],
  ['medium', 'medium'],
  ['high', 'high'],
  ['critical', 'critical'],
]);

/** The best reading of one severity list, or undefined when nothing in it can be read. */
export function severityFromEntries(entries: readonly OsvSeverityEntry[]): AdvisorySeverity | undefined {
  let best: { score: number; source: SeveritySource; rank: number; vector: string } | undefined;
  for (const entry of entries) {
    const scored = scoreCvssVector(entry.type, entry.score);
    if (!scored) continue;
    if (!best || scored.rank > best.rank || (scored.rank === best.rank && scored.score > best.score)) {
      best = { ...scored, vector: entry.score.trim() };
    }
  }
  if (best) {
    return { score: best.score, band: severityFromScore(best.score), source: best.source, vector: best.vector, unknown: false };
  }
  for (const entry of entries) {
    const band = entry.type === 'Ubuntu' ? UBUNTU_PRIORITIES.get(entry.score.trim().toLowerCase()) : undefined;
    if (band) return { score: scoreForSeverity(band), band, source: 'Ubuntu', unknown: false };
  }
  return undefined;
}

// A Map, not an object literal: `constructor` or `__proto__` in a record must not read as a band.
const DATABASE_SEVERITIES: ReadonlyMap<string, Severity> = new Map([
  ['low', 'low'],
  ['moderate', 'medium'],
  ['medium', 'medium'],
  ['high', 'high'],
  ['critical', 'critical'],
]);

function databaseSeverity(record: OsvRecord): AdvisorySeverity | undefined {
  const value = record.database_specific?.['severity'];
  if (typeof value !== 'string') return undefined;
  const band = DATABASE_SEVERITIES.get(value.trim().toLowerCase());
  return band ? { score: scoreForSeverity(band), band, source: 'database_specific', unknown: false } : undefined;
}

export const UNKNOWN_SEVERITY: AdvisorySeverity = Object.freeze({
  score: scoreForSeverity('medium'),
  band: 'medium',
  source: 'unknown',
  unknown: true,
});

/** The severity of `record` for a package whose affected entries are `entries` (the most severe of them). */
export function recordSeverity(record: OsvRecord, entries: readonly OsvAffected[] = []): AdvisorySeverity {
  let fromEntries: AdvisorySeverity | undefined;
  for (const entry of entries) {
    const candidate = severityFromEntries(entry.severity);
    if (candidate && (!fromEntries || candidate.score > fromEntries.score)) fromEntries = candidate;
  }
  return fromEntries ?? severityFromEntries(record.severity) ?? databaseSeverity(record) ?? { ...UNKNOWN_SEVERITY };
}

/** The more severe of two; a known severity beats an unknown placeholder. */
export function maxSeverity(a: AdvisorySeverity, b: AdvisorySeverity): AdvisorySeverity {
  if (a.unknown !== b.unknown) return a.unknown ? b : a;
  return b.score > a.score ? b : a;
}
