/**
 * One finding per vulnerability and package, whatever the number of databases
 * describing it: records whose ids and aliases overlap (PYSEC-2023-62 lists
 * GHSA-m2qf-hxjv-5gpq, both are CVE-2023-30861) are merged by union-find over
 * ids, as osv-scanner groups by aliases. `related` ids are other
 * vulnerabilities and never merge.
 */
import { compareVersions } from '../../../core/versions/index.js';
import { fixedVersionFor } from './fixed-version.js';
import { affectedEntriesFor } from './match.js';
import type { OsvRecord } from './osv-schema.js';
import type { PackageQuery } from './package-key.js';
import { orderForRange } from './range-order.js';
import { maxSeverity, recordSeverity, type AdvisorySeverity } from './severity.js';

export interface VulnerabilityGroup {
  /** The id to show (see `displayRank`). */
  displayId: string;
  /** Every id and alias of the group except `displayId`, sorted: osv-scanner shows them all. */
  aliases: string[];
  /** The merged records, the display record first. */
  records: OsvRecord[];
  /** The most severe reading among the records; unknown only when no record has one. */
  severity: AdvisorySeverity;
  /**
   * The highest of the records' minimal fixes, so one upgrade clears every
   * record. Undefined when no record knows a fix.
   */
  fixedVersion?: string;
  /** Each record's own minimal fix, by record id. */
  fixes: Record<string, string | undefined>;
  summary?: string;
}

/**
 * GitHub advisories first: findings are published into GitHub (code scanning,
 * PR comments), where a GHSA id links to the reviewed advisory with its
 * severity. Then the ecosystem's own database (PYSEC, GO, RUSTSEC, …), whose
 * record carries the precise ranges, then CVE, which names the vulnerability
 * but not the package. Only ids of records we hold are shown, so the severity
 * and summary shown come from the record named.
 */
function displayRank(id: string): number {
  if (id.startsWith('GHSA-')) return 0;
  if (id.startsWith('CVE-')) return 2;
  return 1;
}

function compareDisplay(a: string, b: string): number {
  return displayRank(a) - displayRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

class IdSets {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    if (!this.parent.has(id)) {
      this.parent.set(id, id);
      return id;
    }
    let root = id;
    for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root)) root = up;
    // Path compression keeps later finds flat.
    for (let node = id; node !== root; ) {
      const up = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = up;
    }
    return root;
  }

  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootB, rootA);
  }
}

function laterVersion(pkg: PackageQuery, a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  for (const compare of [
    (x: string, y: string) => compareVersions(pkg.ecosystem, x, y),
    orderForRange('SEMVER', pkg.ecosystem),
  ]) {
    try {
      return compare(a, b) >= 0 ? a : b;
    } catch {
      // Try the next ordering; keep the first when none reads both.
    }
  }
  return a;
}

/** Merges the records that affect `pkg` into one group per vulnerability, most severe first. */
export function groupVulnerabilities(pkg: PackageQuery, records: readonly OsvRecord[]): VulnerabilityGroup[] {
  const sets = new IdSets();
  for (const record of records) {
    for (const alias of record.aliases) sets.union(record.id, alias);
    sets.find(record.id);
  }
  const byRoot = new Map<string, OsvRecord[]>();
  for (const record of records) {
    const root = sets.find(record.id);
    const members = byRoot.get(root);
    if (members) members.push(record);
    else byRoot.set(root, [record]);
  }

  const groups: VulnerabilityGroup[] = [];
  for (const members of byRoot.values()) {
    members.sort((a, b) => compareDisplay(a.id, b.id));
    const display = members[0];
    if (!display) continue;
    const ids = new Set<string>();
    let severity: AdvisorySeverity | undefined;
    let fixedVersion: string | undefined;
    // No prototype: a record id such as `__proto__` must stay a plain key.
    const fixes: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
    for (const record of members) {
      ids.add(record.id);
      for (const alias of record.aliases) ids.add(alias);
      const recordReading = recordSeverity(record, affectedEntriesFor(record, pkg));
      severity = severity ? maxSeverity(severity, recordReading) : recordReading;
      const fix = fixedVersionFor(record, pkg);
      fixes[record.id] = fix;
      fixedVersion = laterVersion(pkg, fixedVersion, fix);
    }
    ids.delete(display.id);
    const summary = members.map((record) => record.summary?.trim()).find((text) => text);
    groups.push({
      displayId: display.id,
      aliases: [...ids].sort(),
      records: members,
      severity: severity ?? recordSeverity(display),
      ...(fixedVersion !== undefined ? { fixedVersion } : {}),
      fixes,
      ...(summary ? { summary } : {}),
    });
  }
  return groups.sort((a, b) => b.severity.score - a.severity.score || compareDisplay(a.displayId, b.displayId));
}
