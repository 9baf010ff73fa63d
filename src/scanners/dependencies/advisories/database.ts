/**
 * Advisories in memory, indexed by (ecosystem, normalised package name) so a
 * lookup only evaluates the records that name the package: a whole OSV
 * ecosystem export (npm: ~200,000 records) against a monorepo's lockfiles.
 * Records read from a folder or zip arrive outlined only (PendingRecord); each
 * is checked by the schema the first time a lookup needs it, never before.
 */
import type { Ecosystem } from '../../../core/inventory/types.js';
import { matchRecord } from './match.js';
import type { OsvRecord } from './osv-schema.js';
import { ourEcosystem, packageKey, type PackageQuery } from './package-key.js';
import { PendingRecord } from './pending-record.js';

export interface AdvisoryLookup {
  /** The records affecting the package, in load order. */
  records: OsvRecord[];
  /** Ranges or versions that could not be evaluated, and records the schema refused, one line each. */
  warnings: string[];
}

interface Entry {
  id: string;
  modified: string;
  /** Our ecosystems' package keys the record names. */
  keys: string[];
  /** Until the schema has read it. */
  pending?: PendingRecord;
  record?: OsvRecord;
  /** Why the schema refused it: one line. */
  failure?: string;
  /** The failure has been handed to a caller once. */
  reported?: boolean;
}

function isNewer(candidate: string, current: string): boolean {
  const a = Date.parse(candidate);
  const b = Date.parse(current);
  if (Number.isFinite(a) && Number.isFinite(b)) return a > b;
  return candidate > current;
}

function keysOf(packages: Iterable<{ ecosystem: string; name: string } | undefined>): string[] {
  const keys = new Set<string>();
  for (const pkg of packages) {
    const ecosystem = pkg ? ourEcosystem(pkg.ecosystem) : undefined;
    if (ecosystem && pkg) keys.add(packageKey(ecosystem, pkg.name));
  }
  return [...keys];
}

function entryOf(item: OsvRecord | PendingRecord): Entry {
  if (item instanceof PendingRecord) {
    const { id, modified, packages } = item.outline;
    return { id, modified, keys: keysOf(packages), pending: item };
  }
  return { id: item.id, modified: item.modified, keys: keysOf(item.affected.map((entry) => entry.package)), record: item };
}

export class AdvisoryDatabase {
  private readonly index = new Map<string, Entry[]>();
  private readonly byId = new Map<string, Entry>();
  /** Withdrawn records left out. */
  readonly withdrawn: number;

  /**
   * Indexes `records`. Withdrawn ones are left out (they never match); when an
   * id comes twice (two sources), the copy with the later `modified` wins.
   */
  constructor(records: Iterable<OsvRecord | PendingRecord>) {
    let withdrawn = 0;
    for (const item of records) {
      if (item instanceof PendingRecord ? item.outline.withdrawn : item.withdrawn !== undefined) {
        withdrawn += 1;
        continue;
      }
      const entry = entryOf(item);
      const current = this.byId.get(entry.id);
      if (!current || isNewer(entry.modified, current.modified)) this.byId.set(entry.id, entry);
    }
    this.withdrawn = withdrawn;
    for (const entry of this.byId.values()) {
      for (const key of entry.keys) {
        const list = this.index.get(key);
        if (list) list.push(entry);
        else this.index.set(key, [entry]);
      }
    }
  }

  /** Records held (withdrawn ones excluded; one the schema refuses on first use still counts). */
  get size(): number {
    return this.byId.size;
  }

  /** The record, checked by the schema; undefined when it is not held or the schema refuses it. */
  get(id: string): OsvRecord | undefined {
    const entry = this.byId.get(id);
    return entry ? this.recordOf(entry) : undefined;
  }

  /** Every record the schema accepts. Reads all that are still pending: for tests and tools, not the audit. */
  *records(): IterableIterator<OsvRecord> {
    for (const entry of this.byId.values()) {
      const record = this.recordOf(entry);
      if (record) yield record;
    }
  }

  /** Records naming the package, affected or not. */
  candidates(ecosystem: Ecosystem, name: string): readonly OsvRecord[] {
    const records: OsvRecord[] = [];
    for (const entry of this.index.get(packageKey(ecosystem, name)) ?? []) {
      const record = this.recordOf(entry);
      if (record) records.push(record);
    }
    return records;
  }

  /**
   * Reads with the schema every record the packages can meet, so that the
   * records it refuses are known before matching: one line each, returned
   * here once (and no more by lookup).
   */
  prepare(packages: Iterable<PackageQuery & { local?: boolean }>): string[] {
    const warnings: string[] = [];
    const seen = new Set<string>();
    for (const pkg of packages) {
      if (pkg.local) continue;
      const key = packageKey(pkg.ecosystem, pkg.name);
      if (seen.has(key)) continue;
      seen.add(key);
      for (const entry of this.index.get(key) ?? []) {
        if (!this.recordOf(entry) && !entry.reported) {
          entry.reported = true;
          warnings.push(entry.failure!);
        }
      }
    }
    return warnings;
  }

  /** The records that affect this package version. */
  lookup(pkg: PackageQuery): AdvisoryLookup {
    const records: OsvRecord[] = [];
    let warnings: Set<string> | undefined;
    for (const entry of this.index.get(packageKey(pkg.ecosystem, pkg.name)) ?? []) {
      const record = this.recordOf(entry);
      if (!record) {
        if (!entry.reported) {
          entry.reported = true;
          (warnings ??= new Set()).add(entry.failure!);
        }
        continue;
      }
      const result = matchRecord(record, pkg);
      if (result.warnings.length > 0) {
        warnings ??= new Set();
        for (const warning of result.warnings) warnings.add(warning);
      }
      if (result.affected) records.push(record);
    }
    return { records, warnings: warnings ? [...warnings] : [] };
  }

  /** The entry's record, read with the schema on first use (once; a refusal is kept as its message). */
  private recordOf(entry: Entry): OsvRecord | undefined {
    if (entry.record || entry.failure !== undefined) return entry.record;
    const checked = entry.pending!.check();
    entry.pending = undefined;
    if ('record' in checked) entry.record = checked.record;
    else entry.failure = checked.failure;
    return entry.record;
  }
}
