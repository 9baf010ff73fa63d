import { describe, expect, it } from '@jest/globals';
import type { Severity } from '../../src/core/severity.js';
import { affectedEntriesFor } from '../../src/scanners/dependencies/advisories/match.js';
import { parseOsvRecord } from '../../src/scanners/dependencies/advisories/osv-schema.js';
import {
  maxSeverity,
  recordSeverity,
  scoreCvssVector,
  severityFromEntries,
} from '../../src/scanners/dependencies/advisories/severity.js';
import { fixture, fixtureJson } from './fixtures.js';

describe('severity from CVSS vectors', () => {
  it('scores a CVSS 3.1 vector: lodash GHSA-jf85-cpcp-j695 is 9.1, critical', () => {
    expect(recordSeverity(fixture('GHSA-jf85-cpcp-j695'))).toEqual({
      score: 9.1,
      band: 'critical',
      source: 'CVSS_V3',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H',
      unknown: false,
    });
  });

  it('scores a CVSS 3.1 vector: lodash GHSA-35jh-r3h4-6jhm is 7.2, high', () => {
    const severity = recordSeverity(fixture('GHSA-35jh-r3h4-6jhm'));
    expect([severity.score, severity.band, severity.source]).toEqual([7.2, 'high', 'CVSS_V3']);
  });

  it('scores a CVSS 3.0 vector: node-fetch GHSA-r683-j2x4-v87g is 8.8, high', () => {
    const severity = recordSeverity(fixture('GHSA-r683-j2x4-v87g'));
    expect([severity.score, severity.band, severity.vector]).toEqual([8.8, 'high', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H']);
  });

  it('prefers the CVSS 4.0 vector over the 3.1 one beside it, even when v3 scores higher (express GHSA-qw6h-vgh9-j6wx: v4 2.3, v3 5.0)', () => {
    const record = fixture('GHSA-qw6h-vgh9-j6wx');
    expect(scoreCvssVector('CVSS_V3', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:L')?.score).toBe(5);
    expect(recordSeverity(record)).toEqual({
      score: 2.3,
      band: 'low',
      source: 'CVSS_V4',
      vector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:L',
      unknown: false,
    });
  });

  it('scores a record that only has CVSS 4.0 (log4j GHSA-3pxv-7cmr-fjr4: 6.9, medium)', () => {
    const severity = recordSeverity(fixture('GHSA-3pxv-7cmr-fjr4'));
    expect([severity.score, severity.band, severity.source]).toEqual([6.9, 'medium', 'CVSS_V4']);
  });

  it('a CVSS 9.0 is high: bands are the core\'s (GitHub code scanning puts critical over 9.0)', () => {
    // AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H scores exactly 9.0.
    const severity = severityFromEntries([{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H' }]);
    expect([severity?.score, severity?.band]).toEqual([9, 'high']);
  });

  it('scores CVSS 2 vectors, with or without NVD\'s parentheses', () => {
    expect(scoreCvssVector('CVSS_V2', 'AV:N/AC:L/Au:N/C:P/I:P/A:P')).toEqual({ score: 7.5, source: 'CVSS_V2', rank: 2 });
    expect(scoreCvssVector('CVSS_V2', '(AV:N/AC:L/Au:N/C:P/I:P/A:P)')?.score).toBe(7.5);
  });

  it.each([
    ['', 'an empty score'],
    ['CVSS:3.1/AV:N', 'an incomplete vector'],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'an unknown metric value'],
    ['CVSS:9.9/AV:N', 'an unknown CVSS version'],
    ['not a vector', 'free text'],
  ])('does not score %j (%s)', (vector) => {
    expect(scoreCvssVector('CVSS_V3', vector)).toBeUndefined();
  });

  it('reads Ubuntu priorities when no CVSS vector is there', () => {
    expect(severityFromEntries([{ type: 'Ubuntu', score: 'medium' }])).toEqual({ score: 5.5, band: 'medium', source: 'Ubuntu', unknown: false });
    expect(severityFromEntries([{ type: 'Ubuntu', score: 'untriaged' }])).toBeUndefined();
  });
});

describe('severity without a usable vector', () => {
  it('socket.io-parser GHSA-cqmj-92xf-r6r9 has `score: ""`: its database_specific HIGH is used (8.0)', () => {
    expect(recordSeverity(fixture('GHSA-cqmj-92xf-r6r9'))).toEqual({
      score: 8,
      band: 'high',
      source: 'database_specific',
      unknown: false,
    });
  });

  it.each<[string, Severity, number]>([
    ['GHSA-78xj-cgh5-2h22', 'high', 8], // ip: empty severity list, HIGH
    ['GHSA-xj5v-6v4g-jfw6', 'low', 2], // rack: no severity, LOW
    ['GHSA-f9xv-q969-pqx4', 'medium', 5.5], // yaml: MODERATE
    ['GHSA-pjwm-rvh2-c87w', 'critical', 9.5], // ua-parser-js: CRITICAL
  ])('%s falls back to its GHSA rating: %s', (id, band, score) => {
    expect(recordSeverity(fixture(id))).toEqual({ score, band, source: 'database_specific', unknown: false });
  });

  it('a record with no rating at all (Go vulndb, PYSEC) is medium and flagged unknown, never silently low', () => {
    for (const id of ['GO-2024-3333', 'PYSEC-2023-62', 'RUSTSEC-2021-0124']) {
      expect(recordSeverity(fixture(id))).toEqual({ score: 5.5, band: 'medium', source: 'unknown', unknown: true });
    }
  });

  it('a database rating that is not a band name (even `constructor`) reads as unknown', () => {
    for (const rating of ['constructor', '__proto__', 'SEVERE', '']) {
      const json = fixtureJson('GHSA-78xj-cgh5-2h22');
      json['database_specific']['severity'] = rating;
      expect(recordSeverity(parseOsvRecord(json, 'mutated'))).toMatchObject({ band: 'medium', unknown: true });
    }
    expect(severityFromEntries([{ type: 'Ubuntu', score: 'constructor' }])).toBeUndefined();
  });

  it('an affected entry\'s own severity replaces the record\'s', () => {
    const json = fixtureJson('GHSA-35jh-r3h4-6jhm');
    json['affected'][1]['severity'] = [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' }];
    const record = parseOsvRecord(json, 'mutated');
    const forEs = recordSeverity(record, affectedEntriesFor(record, { ecosystem: 'npm', name: 'lodash-es' }));
    const forLodash = recordSeverity(record, affectedEntriesFor(record, { ecosystem: 'npm', name: 'lodash' }));
    expect([forEs.score, forEs.band]).toEqual([5.3, 'medium']);
    expect([forLodash.score, forLodash.band]).toEqual([7.2, 'high']);
  });

  it('a known severity outranks the unknown placeholder even when lower', () => {
    const low = recordSeverity(fixture('GHSA-xj5v-6v4g-jfw6'));
    const unknown = recordSeverity(fixture('GO-2024-3333'));
    expect(maxSeverity(unknown, low)).toBe(low);
    expect(maxSeverity(low, unknown)).toBe(low);
  });
});
