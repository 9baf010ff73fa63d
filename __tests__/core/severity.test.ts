import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { failingFindings, findingSchema, sortFindings, type FindingInput } from '../../src/core/findings.js';
import { computeFingerprint } from '../../src/core/fingerprint.js';
import { reachesThreshold, scoreForSeverity, severityFromScore, type Severity } from '../../src/core/severity.js';
import { VERSION } from '../../src/core/version.js';

const finding = (overrides: Partial<FindingInput>) =>
  findingSchema.parse({ ruleId: 'r', severity: 'high', score: 8, message: 'm', fingerprint: 'f', ...overrides });

const BANDS: Array<[number, Severity]> = [
  [10, 'critical'],
  [9.1, 'critical'],
  [9.0, 'high'],
  [7.0, 'high'],
  [6.9, 'medium'],
  [4.0, 'medium'],
  [3.9, 'low'],
  [0.1, 'low'],
  [0, 'note'],
  [Number.NaN, 'note'],
];

describe('severity bands', () => {
  it.each(BANDS)('puts a security-severity of %p in the %s band, as GitHub does', (score, band) => {
    expect(severityFromScore(score)).toBe(band);
  });

  it('gives each band a representative score inside it', () => {
    for (const band of ['critical', 'high', 'medium', 'low', 'note'] as const) expect(severityFromScore(scoreForSeverity(band))).toBe(band);
  });

  it('reads fail-on-severity as "that band or worse", with any and none', () => {
    expect(reachesThreshold('critical', 'high')).toBe(true);
    expect(reachesThreshold('medium', 'high')).toBe(false);
    expect(reachesThreshold('note', 'any')).toBe(true);
    expect(reachesThreshold('critical', 'none')).toBe(false);
  });
});

describe('findings', () => {
  it('fail a run only when new, or when nothing was compared', () => {
    const all = [finding({ fingerprint: 'a', isNew: true }), finding({ fingerprint: 'b', isNew: false }), finding({ fingerprint: 'c' })];
    expect(failingFindings(all, 'high').map((f) => f.fingerprint)).toEqual(['a', 'c']);
  });

  it('sort most severe first, then by place', () => {
    const sorted = sortFindings([
      finding({ severity: 'low', score: 2, fingerprint: 'low' }),
      finding({ severity: 'critical', score: 9.5, fingerprint: 'b', location: { path: 'b.js', startLine: 1 } }),
      finding({ severity: 'critical', score: 9.5, fingerprint: 'a', location: { path: 'a.js', startLine: 9 } }),
    ]);
    expect(sorted.map((f) => f.fingerprint)).toEqual(['a', 'b', 'low']);
  });

  it('have fingerprints that keep parts apart', () => {
    expect(computeFingerprint(['ab', 'c'])).not.toBe(computeFingerprint(['a', 'bc']));
    expect(computeFingerprint(['rule', 'path'])).toBe(computeFingerprint(['rule', 'path']));
  });
});

it('reports the version package.json declares', () => {
  const pkg = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
