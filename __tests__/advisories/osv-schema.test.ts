import { describe, expect, it } from '@jest/globals';
import { OsvRecordError, parseOsvJson, parseOsvRecord } from '../../src/scanners/dependencies/advisories/osv-schema.js';
import { fixture, fixtureIndex, fixtureJson, fixtureText } from './fixtures.js';

function errorOf(run: () => unknown): OsvRecordError {
  try {
    run();
  } catch (error) {
    if (error instanceof OsvRecordError) return error;
    throw error;
  }
  throw new Error('expected an OsvRecordError');
}

describe('reading OSV records', () => {
  it('reads all 262 real records of the fixture set', () => {
    const rows = fixtureIndex();
    expect(rows).toHaveLength(262);
    for (const row of rows) {
      const record = parseOsvJson(fixtureText(row.id), row.file);
      expect(record.id).toBe(row.id);
      expect(record.withdrawn !== undefined).toBe(row.withdrawn);
    }
  });

  it('keeps the fields matching needs, with absent lists read as empty', () => {
    const record = fixture('GHSA-pjwm-rvh2-c87w');
    expect(record.aliases).toEqual([]);
    expect(record.severity).toEqual([]);
    expect(record.affected).toHaveLength(3);
    expect(record.affected[0]).toMatchObject({
      package: { ecosystem: 'npm', name: 'ua-parser-js' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.7.29' }, { fixed: '0.7.30' }] }],
      versions: ['0.7.29'],
    });
    expect(record.database_specific?.['severity']).toBe('CRITICAL');
  });

  it('accepts a severity entry whose score is "" (socket.io-parser GHSA-cqmj-92xf-r6r9)', () => {
    expect(fixture('GHSA-cqmj-92xf-r6r9').severity).toEqual([{ type: 'CVSS_V3', score: '' }]);
  });

  it('keeps unknown keys (credits, schema_version, future fields) instead of failing', () => {
    const json = fixtureJson('GHSA-35jh-r3h4-6jhm');
    json['x_future_field'] = { a: 1 };
    json['affected'][0]['x_entry_field'] = true;
    const record = parseOsvRecord(json, 'mutated');
    expect(record['x_future_field']).toEqual({ a: 1 });
    expect(record.schema_version).toBe('1.3.0');
    expect((record.affected[0] as Record<string, unknown>)['x_entry_field']).toBe(true);
  });

  it('reads null lists (some exporters write `aliases: null`) as empty', () => {
    const json = fixtureJson('GO-2024-3333');
    json['aliases'] = null;
    json['affected'][0]['versions'] = null;
    const record = parseOsvRecord(json, 'mutated');
    expect(record.aliases).toEqual([]);
    expect(record.affected[0]?.versions).toEqual([]);
  });

  it('refuses an event holding two kinds, naming the file, id and key path in one line', () => {
    const json = fixtureJson('GHSA-c2qf-rxjj-qqgw');
    json['affected'][1]['ranges'][0]['events'][1] = { introduced: '6.0.0', fixed: '6.3.1' };
    const error = errorOf(() => parseOsvRecord(json, 'npm/semver.json'));
    expect(error.message).toBe(
      'npm/semver.json (GHSA-c2qf-rxjj-qqgw): not an OSV record: affected[1].ranges[0].events[1]: expected exactly one of introduced, fixed, last_affected, limit, found introduced and fixed',
    );
  });

  it('refuses an empty event and an unknown range type', () => {
    const json = fixtureJson('GHSA-c2qf-rxjj-qqgw');
    json['affected'][0]['ranges'][0]['events'][0] = {};
    expect(errorOf(() => parseOsvRecord(json, 'a.json')).message).toBe(
      'a.json (GHSA-c2qf-rxjj-qqgw): not an OSV record: affected[0].ranges[0].events[0]: expected one of introduced, fixed, last_affected, limit',
    );
    const typed = fixtureJson('GHSA-c2qf-rxjj-qqgw');
    typed['affected'][2]['ranges'][0]['type'] = 'SEMVER2';
    expect(errorOf(() => parseOsvRecord(typed, 'b.json')).message).toMatch(
      /^b\.json \(GHSA-c2qf-rxjj-qqgw\): not an OSV record: affected\[2\]\.ranges\[0\]\.type: Invalid option: expected one of "SEMVER"\|"ECOSYSTEM"\|"GIT"$/,
    );
  });

  it('refuses a record without an id or with a version that is not a string', () => {
    expect(errorOf(() => parseOsvRecord({ modified: 'x' }, 'c.json')).message).toBe(
      'c.json: not an OSV record: id: Invalid input: expected string, received undefined',
    );
    const json = fixtureJson('GHSA-35jh-r3h4-6jhm');
    json['affected'][0]['ranges'][0]['events'][1] = { fixed: 4.17 };
    expect(errorOf(() => parseOsvRecord(json, 'GHSA-35jh-r3h4-6jhm.json')).message).toBe(
      'GHSA-35jh-r3h4-6jhm.json: not an OSV record: affected[0].ranges[0].events[1].fixed: Invalid input: expected string, received number',
    );
  });

  it('says what is wrong with text that is not one JSON record', () => {
    expect(errorOf(() => parseOsvJson('{"id": ', 'd.json')).message).toMatch(/^d\.json: not valid JSON: /);
    expect(errorOf(() => parseOsvJson('[]', 'index.json')).message).toBe('index.json: holds a JSON array, not one OSV record');
    expect(errorOf(() => parseOsvJson('42', 'e.json')).message).toBe(
      'e.json: not an OSV record: (record): Invalid input: expected object, received number',
    );
  });
});
