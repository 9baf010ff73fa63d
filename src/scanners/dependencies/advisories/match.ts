/**
 * Whether an OSV record affects one installed package, following the schema's
 * evaluation algorithm (ossf.github.io/osv-schema, "Evaluation"): an affected
 * entry matches when the version is listed in `versions` or lies in one of its
 * ranges; a range sorts its events by version (`introduced: "0"` first) and
 * walks them, `introduced` opening, `fixed` closing at that version and
 * `last_affected` closing after it, all inside the range's `limit`s.
 */
import type { Ecosystem } from '../../../core/inventory/types.js';
import { EVENT_KINDS, type OsvAffected, type OsvEventKind, type OsvRange, type OsvRecord } from './osv-schema.js';
import { describePackage, normalizePackageName, ourEcosystem, type PackageQuery } from './package-key.js';
import { orderForRange, unreadableReason, type VersionOrder } from './range-order.js';

export interface MatchResult {
  affected: boolean;
  /** Ranges or versions that could not be evaluated, one line each. */
  warnings: string[];
}

export interface RangeEvent {
  kind: OsvEventKind;
  version: string;
  /** `introduced: "0"`: sorts before every version. */
  lowest: boolean;
  /** A `limit` containing `*`: infinity. */
  infinite: boolean;
}

/** A range's events sorted by its ordering, or why they cannot be. */
export type CompiledRange = { order: VersionOrder; events: RangeEvent[]; limits: RangeEvent[] } | { unreadable: string };

// Sorting a range costs version parses; records are matched against many packages,
// so each range is sorted once. Keyed by the range object: its ordering is fixed by
// its type and the ecosystem of the entry holding it.
const compiledRanges = new WeakMap<OsvRange, CompiledRange>();

function toEvent(event: OsvRange['events'][number]): RangeEvent {
  const kind = EVENT_KINDS.find((key) => event[key] !== undefined) ?? 'introduced';
  const version = event[kind] ?? '';
  return {
    kind,
    version,
    lowest: kind === 'introduced' && version === '0',
    infinite: kind === 'limit' && version.includes('*'),
  };
}

function compareEvents(order: VersionOrder, a: RangeEvent, b: RangeEvent): number {
  if (a.lowest || b.lowest) return a.lowest === b.lowest ? 0 : a.lowest ? -1 : 1;
  if (a.infinite || b.infinite) return a.infinite === b.infinite ? 0 : a.infinite ? 1 : -1;
  return order(a.version, b.version);
}

/** Sorts a non-GIT range; a version its ordering cannot read makes the whole range unreadable. */
export function compileRange(range: OsvRange, ecosystem: Ecosystem): CompiledRange {
  const cached = compiledRanges.get(range);
  if (cached) return cached;
  let compiled: CompiledRange;
  if (range.type === 'GIT') {
    compiled = { unreadable: 'GIT ranges need the repository' };
  } else {
    const order = orderForRange(range.type, ecosystem);
    const events = range.events.map(toEvent);
    const bad = events.find((event) => !event.lowest && !event.infinite && unreadableReason(order, event.version));
    if (bad) {
      compiled = {
        unreadable: `${bad.kind} "${bad.version}" is not a readable ${range.type === 'SEMVER' ? 'SemVer' : ecosystem} version`,
      };
    } else {
      // Array.prototype.sort is stable: equal versions keep the record's order, so
      // `fixed: X` followed by `introduced: X` (adjacent ranges) stays affected at X.
      const sorted = [...events].sort((a, b) => compareEvents(order, a, b));
      compiled = { order, events: sorted, limits: sorted.filter((event) => event.kind === 'limit') };
    }
  }
  compiledRanges.set(range, compiled);
  return compiled;
}

/** The schema's `BeforeLimits` and event walk for a version the range's ordering reads. */
export function compiledRangeContains(compiled: Exclude<CompiledRange, { unreadable: string }>, version: string): boolean {
  const { order, events, limits } = compiled;
  if (limits.length > 0 && !limits.some((limit) => limit.infinite || order(version, limit.version) < 0)) {
    return false;
  }
  let vulnerable = false;
  for (const event of events) {
    if (event.kind === 'introduced') {
      if (event.lowest || order(version, event.version) >= 0) vulnerable = true;
    } else if (event.kind === 'fixed') {
      if (order(version, event.version) >= 0) vulnerable = false;
    } else if (event.kind === 'last_affected') {
      if (order(version, event.version) > 0) vulnerable = false;
    }
  }
  return vulnerable;
}

// `versions` lists run to hundreds of entries (drupal/core: 417); looked up per package.
const versionSets = new WeakMap<OsvAffected, ReadonlySet<string>>();

function listedVersions(entry: OsvAffected): ReadonlySet<string> {
  let set = versionSets.get(entry);
  if (!set) {
    set = new Set(entry.versions);
    versionSets.set(entry, set);
  }
  return set;
}

/** The entries of `record.affected` that name this package (ecosystem and normalised name). */
export function affectedEntriesFor(record: OsvRecord, pkg: Pick<PackageQuery, 'ecosystem' | 'name'>): OsvAffected[] {
  const name = normalizePackageName(pkg.ecosystem, pkg.name);
  return record.affected.filter((entry) => {
    if (!entry.package) return false;
    const ecosystem = ourEcosystem(entry.package.ecosystem);
    return ecosystem === pkg.ecosystem && normalizePackageName(ecosystem, entry.package.name) === name;
  });
}

/**
 * Whether one affected entry (already known to name the package) covers its
 * version. Unreadable ranges are skipped with a warning; a version the
 * ordering cannot read is only matched against the explicit `versions` list.
 */
export function entryAffects(record: OsvRecord, entry: OsvAffected, pkg: PackageQuery, warnings: string[]): boolean {
  if (entry.versions.length > 0 && listedVersions(entry).has(pkg.version)) return true;
  // Whether the installed version reads in each range type's ordering, asked once per entry.
  let semverProblem: string | undefined | null = null;
  let ecosystemProblem: string | undefined | null = null;
  for (const [rangeIndex, range] of entry.ranges.entries()) {
    if (range.type === 'GIT') continue;
    const compiled = compileRange(range, pkg.ecosystem);
    if ('unreadable' in compiled) {
      const entryIndex = record.affected.indexOf(entry);
      warnings.push(
        `${record.id}: ${pkg.ecosystem}/${pkg.name}: affected[${entryIndex}].ranges[${rangeIndex}] skipped: ${compiled.unreadable}`,
      );
      continue;
    }
    let problem: string | undefined;
    if (range.type === 'SEMVER') {
      if (semverProblem === null) semverProblem = unreadableReason(compiled.order, pkg.version);
      problem = semverProblem;
    } else {
      if (ecosystemProblem === null) ecosystemProblem = unreadableReason(compiled.order, pkg.version);
      problem = ecosystemProblem;
    }
    if (problem !== undefined) {
      warnings.push(`${record.id}: ${describePackage(pkg)}: ${range.type} ranges not evaluated: ${problem}`);
      continue;
    }
    if (compiledRangeContains(compiled, pkg.version)) return true;
  }
  return false;
}

function distinct(lines: string[]): string[] {
  return lines.length < 2 ? lines : [...new Set(lines)];
}

/** The schema's `IsVulnerable`: any entry naming the package covers its version. Withdrawn records never match. */
export function matchRecord(record: OsvRecord, pkg: PackageQuery): MatchResult {
  const warnings: string[] = [];
  if (record.withdrawn !== undefined) return { affected: false, warnings };
  for (const entry of affectedEntriesFor(record, pkg)) {
    if (entryAffects(record, entry, pkg, warnings)) return { affected: true, warnings: distinct(warnings) };
  }
  return { affected: false, warnings: distinct(warnings) };
}
