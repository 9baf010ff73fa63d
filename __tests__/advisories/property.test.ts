import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ECOSYSTEMS, type Ecosystem } from '../../src/core/inventory/types.js';
import { groupVulnerabilities } from '../../src/scanners/dependencies/advisories/aliases.js';
import { AdvisoryDatabase } from '../../src/scanners/dependencies/advisories/database.js';
import { fixedVersionFor } from '../../src/scanners/dependencies/advisories/fixed-version.js';
import { matchRecord } from '../../src/scanners/dependencies/advisories/match.js';
import { OsvRecordError, parseOsvJson, parseOsvRecord, type OsvRecord } from '../../src/scanners/dependencies/advisories/osv-schema.js';
import { recordSeverity } from '../../src/scanners/dependencies/advisories/severity.js';
import { fixtureIndex, fixtureJson, fixtureText } from './fixtures.js';

const FIXTURE_IDS = fixtureIndex().map((row) => row.id);

/** Parses, or returns undefined on the documented error; any other error fails the property. */
function parseOrUndefined(run: () => OsvRecord): OsvRecord | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof OsvRecordError) {
      expect(error.message).not.toContain('\n');
      return undefined;
    }
    throw error;
  }
}

/** Versions worth trying against a record: its own bounds, near misses, junk. */
function versionsFor(record: OsvRecord, extra: string[]): string[] {
  const versions = new Set<string>(['0', '1.0.0', 'v1.2.3', '1!2.0', '2.2.8.1', '1.0-alpha1', '', 'not a version', ...extra]);
  for (const entry of record.affected) {
    for (const version of entry.versions.slice(0, 3)) versions.add(version);
    for (const range of entry.ranges) {
      for (const event of range.events) {
        for (const value of [event.introduced, event.fixed, event.last_affected, event.limit]) if (value !== undefined) versions.add(value);
      }
    }
  }
  return [...versions].slice(0, 24);
}

/** Everything the advisory layer does with one record; must never throw. */
function exercise(record: OsvRecord, extraVersions: string[]): void {
  const names: Array<[Ecosystem, string]> = [];
  for (const entry of record.affected) {
    const ecosystem = ECOSYSTEMS.find((e) => e === entry.package?.ecosystem) ?? 'npm';
    names.push([ecosystem, entry.package?.name ?? 'x']);
  }
  if (names.length === 0) names.push(['npm', 'x']);
  const database = new AdvisoryDatabase([record]);
  for (const [ecosystem, name] of names.slice(0, 4)) {
    for (const version of versionsFor(record, extraVersions)) {
      const pkg = { ecosystem, name, version };
      const result = matchRecord(record, pkg);
      expect(typeof result.affected).toBe('boolean');
      for (const warning of result.warnings) expect(warning).not.toContain('\n');
      fixedVersionFor(record, pkg);
      const severity = recordSeverity(record, record.affected);
      expect(['critical', 'high', 'medium', 'low', 'note']).toContain(severity.band);
      expect(Number.isFinite(severity.score)).toBe(true);
      const lookup = database.lookup(pkg);
      if (lookup.records.length > 0) groupVulnerabilities(pkg, lookup.records);
    }
  }
}

type Json = ReturnType<typeof JSON.parse>;

/** Every path (list of keys) into a JSON value. */
function pathsOf(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...prefix, index], out));
  else if (value !== null && typeof value === 'object') for (const key of Object.keys(value)) pathsOf(value[key], [...prefix, key], out);
  return out;
}

function mutate(root: Json, path: Array<string | number>, replacement: Json, remove: boolean): Json {
  if (path.length === 0) return replacement;
  let parent = root;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1] as string | number;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return root;
}

const mutation = fc.record({
  pick: fc.nat(),
  remove: fc.boolean(),
  replacement: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('0', '*', '', '1.0', 'v2', 'CVSS:3.1/AV:N', 'SEMVER', 'GIT', 'ECOSYSTEM', 'npm', 'PyPI', 'Debian:11', 'constructor', '__proto__'),
    fc.constant({ introduced: '0' }),
    fc.constant({ limit: '*' }),
  ),
});

describe('the schema and matcher on arbitrary input', () => {
  it('arbitrary JSON values either parse or fail with one OsvRecordError line, and matching never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const record = parseOrUndefined(() => parseOsvRecord(value, 'arbitrary'));
        if (record) exercise(record, []);
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary record-shaped objects reach the matcher and never make it throw', () => {
    const event = fc.oneof(
      fc.record({ introduced: fc.oneof(fc.constant('0'), fc.string({ maxLength: 8 })) }),
      fc.record({ fixed: fc.string({ maxLength: 8 }) }),
      fc.record({ last_affected: fc.string({ maxLength: 8 }) }),
      fc.record({ limit: fc.oneof(fc.constant('*'), fc.string({ maxLength: 8 })) }),
    );
    const recordShape = fc.record({
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('__proto__', 'constructor')),
      database_specific: fc.record({ severity: fc.constantFrom('LOW', 'MODERATE', 'constructor', '__proto__', 'toString', '') }),
      modified: fc.string({ maxLength: 10 }),
      aliases: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')), { maxLength: 3 }),
      severity: fc.array(
        fc.record({
          type: fc.constantFrom('CVSS_V2', 'CVSS_V3', 'CVSS_V4', 'Ubuntu', 'X'),
          score: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('constructor', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')),
        }),
        { maxLength: 2 },
      ),
      affected: fc.array(
        fc.record({
          package: fc.record({ ecosystem: fc.constantFrom(...ECOSYSTEMS, 'Debian:11'), name: fc.constantFrom('a', 'A', 'a_b', 'a-b') }),
          ranges: fc.array(fc.record({ type: fc.constantFrom('SEMVER', 'ECOSYSTEM', 'GIT'), events: fc.array(event, { maxLength: 6 }) }), { maxLength: 3 }),
          versions: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
        }),
        { maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(recordShape, fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), (shape, versions) => {
        const record = parseOrUndefined(() => parseOsvRecord(shape, 'shaped'));
        if (record) exercise(record, versions);
      }),
      { numRuns: 200 },
    );
  });

  it('mutated real records (values replaced, keys deleted) parse or fail cleanly, and matching never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURE_IDS), fc.array(mutation, { minLength: 1, maxLength: 3 }), (id, mutations) => {
        let json: Json = fixtureJson(id);
        for (const change of mutations) {
          const paths = pathsOf(json);
          const path = paths[change.pick % paths.length] ?? [];
          json = mutate(json, path, structuredClone(change.replacement), change.remove);
        }
        const record = parseOrUndefined(() => parseOsvRecord(json, `${id} mutated`));
        if (record) exercise(record, []);
      }),
      { numRuns: 200 },
    );
  });

  it('truncated and byte-edited record text parses or fails with OsvRecordError', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURE_IDS.slice(0, 60)),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 127 })), { maxLength: 4 }),
        (id, cut, edits) => {
          let text = fixtureText(id);
          text = text.slice(0, text.length - (cut % Math.max(1, Math.floor(text.length / 4))));
          const chars = [...text];
          for (const [at, code] of edits) if (chars.length > 0) chars[at % chars.length] = String.fromCharCode(code);
          const record = parseOrUndefined(() => parseOsvJson(chars.join(''), id));
          if (record) exercise(record, []);
        },
      ),
      { numRuns: 200 },
    );
  });
});
