/**
 * The version to upgrade to: the `fixed` event that closes the affected
 * interval the installed version sits in. When several ranges contain it, the
 * highest of their fixes (every one must be left); when that version is still
 * affected by another range, the search goes on from there. A range closed
 * only by `last_affected` has no fix, and neither has an open range.
 */
import { affectedEntriesFor, compileRange, compiledRangeContains, matchRecord, type CompiledRange } from './match.js';
import type { OsvRecord } from './osv-schema.js';
import type { PackageQuery } from './package-key.js';
import { unreadableReason, type VersionOrder } from './range-order.js';

type ReadableRange = Exclude<CompiledRange, { unreadable: string }>;

/** A record's ranges never chain further than this; it only stops a malformed record from looping. */
const MAX_STEPS = 32;

function readableRanges(record: OsvRecord, pkg: PackageQuery): ReadableRange[] {
  const ranges: ReadableRange[] = [];
  for (const entry of affectedEntriesFor(record, pkg)) {
    for (const range of entry.ranges) {
      if (range.type === 'GIT') continue;
      const compiled = compileRange(range, pkg.ecosystem);
      if (!('unreadable' in compiled)) ranges.push(compiled);
    }
  }
  return ranges;
}

function reads(order: VersionOrder, version: string): boolean {
  return unreadableReason(order, version) === undefined;
}

/** The `fixed` version ending the interval that holds `version`, or null when it ends in `last_affected` or never. */
function exitOf(range: ReadableRange, version: string): string | null {
  for (const event of range.events) {
    if (event.lowest || event.infinite) continue;
    if (event.kind === 'fixed' && range.order(version, event.version) < 0) return event.version;
    if (event.kind === 'last_affected' && range.order(version, event.version) <= 0) return null;
  }
  return null;
}

function compareLoosely(order: VersionOrder, a: string, b: string): number {
  try {
    return order(a, b);
  } catch {
    return 0;
  }
}

function isAffected(record: OsvRecord, pkg: PackageQuery, version: string): boolean {
  return matchRecord(record, { ...pkg, version }).affected;
}

/**
 * The smallest `fixed` version above `version` that the record does not
 * affect: for a version matched only by the explicit `versions` list.
 */
function smallestClearingFix(record: OsvRecord, pkg: PackageQuery, ranges: ReadableRange[]): string | undefined {
  const candidates: { version: string; order: VersionOrder }[] = [];
  for (const range of ranges) {
    if (!reads(range.order, pkg.version)) continue;
    for (const event of range.events) {
      if (event.kind === 'fixed' && range.order(pkg.version, event.version) < 0) {
        candidates.push({ version: event.version, order: range.order });
      }
    }
  }
  candidates.sort((a, b) => compareLoosely(a.order, a.version, b.version));
  return candidates.find((candidate) => !isAffected(record, pkg, candidate.version))?.version;
}

/**
 * The smallest version that fixes `record` for the installed `pkg.version`, or
 * undefined when no fix is known (open or `last_affected` ranges, unreadable
 * versions, or a package the record does not affect).
 */
export function fixedVersionFor(record: OsvRecord, pkg: PackageQuery): string | undefined {
  const fix = findFix(record, pkg);
  // OSV's Go versions drop the `v` that go.mod and `go get` spell.
  if (fix !== undefined && pkg.ecosystem === 'Go' && pkg.version.startsWith('v') && !fix.startsWith('v')) return `v${fix}`;
  return fix;
}

function findFix(record: OsvRecord, pkg: PackageQuery): string | undefined {
  if (!isAffected(record, pkg, pkg.version)) return undefined;
  const ranges = readableRanges(record, pkg);
  let version = pkg.version;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const containing = ranges.filter((range) => reads(range.order, version) && compiledRangeContains(range, version));
    if (containing.length === 0) {
      if (version !== pkg.version) return isAffected(record, pkg, version) ? undefined : version;
      return smallestClearingFix(record, pkg, ranges);
    }
    let highest: { version: string; order: VersionOrder } | undefined;
    for (const range of containing) {
      const exit = exitOf(range, version);
      if (exit === null) return undefined;
      if (!highest || compareLoosely(range.order, exit, highest.version) > 0) highest = { version: exit, order: range.order };
    }
    if (!highest) return undefined;
    version = highest.version;
    if (!isAffected(record, pkg, version)) return version;
  }
  return undefined;
}
