/**
 * Advisories in memory, indexed by (ecosystem, normalised package name) so a
 * lookup only evaluates the records that name the package: a whole OSV
 * ecosystem export (npm: ~200,000 records) against a monorepo's lockfiles.
 */
import type { Ecosystem } from '../../../core/inventory/types.js';
import { matchRecord } from './match.js';
import type { OsvRecord } from './osv-schema.js';
import { ourEcosystem, packageKey, type PackageQuery } from './package-key.js';

export interface AdvisoryLookup {
  /** The records affecting the package, in load order. */
  records: OsvRecord[];
  /** Ranges or versions that could not be evaluated, one line each. */
  warnings: string[];
}

const NO_RECORDS: readonly OsvRecord[] = Object.freeze([]);

function isNewer(candidate: OsvRecord, current: OsvRecord): boolean {
  const a = Date.parse(candidate.modified);
  const b = Date.parse(current.modified);
  if (Number.isFinite(a) && Number.isFinite(b)) return a > b;
  return candidate.modified > current.modified;
}

export class AdvisoryDatabase {
  private readonly index = new Map<string, OsvRecord[]>();
  private readonly byId = new Map<string, OsvRecord>();
  /** Withdrawn records left out. */
  readonly withdrawn: number;

  /**
   * Indexes `records`. Withdrawn ones are left out (they never match); when an
   * id comes twice (two sources), the copy with the later `modified` wins.
   */
  constructor(records: Iterable<OsvRecord>) {
    let withdrawn = 0;
    for (const record of records) {
      if (record.withdrawn !== undefined) {
        withdrawn += 1;
        continue;
      }
      const current = this.byId.get(record.id);
      if (!current || isNewer(record, current)) this.byId.set(record.id, record);
    }
    this.withdrawn = withdrawn;
    for (const record of this.byId.values()) {
      const keys = new Set<string>();
      for (const entry of record.affected) {
        const ecosystem = entry.package ? ourEcosystem(entry.package.ecosystem) : undefined;
        if (ecosystem && entry.package) keys.add(packageKey(ecosystem, entry.package.name));
      }
      for (const key of keys) {
        const list = this.index.get(key);
        if (list) list.push(record);
        else this.index.set(key, [record]);
      }
    }
  }

  /** Records held (withdrawn ones excluded). */
  get size(): number {
    return this.byId.size;
  }

  get(id: string): OsvRecord | undefined {
    return this.byId.get(id);
  }

  records(): IterableIterator<OsvRecord> {
    return this.byId.values();
  }

  /** Records naming the package, affected or not. */
  candidates(ecosystem: Ecosystem, name: string): readonly OsvRecord[] {
    return this.index.get(packageKey(ecosystem, name)) ?? NO_RECORDS;
  }

  /** The records that affect this package version. */
  lookup(pkg: PackageQuery): AdvisoryLookup {
    const records: OsvRecord[] = [];
    let warnings: Set<string> | undefined;
    for (const record of this.candidates(pkg.ecosystem, pkg.name)) {
      const result = matchRecord(record, pkg);
      if (result.warnings.length > 0) {
        warnings ??= new Set();
        for (const warning of result.warnings) warnings.add(warning);
      }
      if (result.affected) records.push(record);
    }
    return { records, warnings: warnings ? [...warnings] : [] };
  }
}
