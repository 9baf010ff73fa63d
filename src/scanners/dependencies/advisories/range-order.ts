/**
 * The version ordering an OSV range is evaluated with: `SEMVER` ranges use
 * SemVer 2.0 precedence whatever the ecosystem, `ECOSYSTEM` ranges the
 * ecosystem's own ordering (src/core/versions).
 */
import semver from 'semver';
import type { Ecosystem } from '../../../core/inventory/types.js';
import { compareVersions } from '../../../core/versions/index.js';
import { describeError } from './advisory-source.js';

/** Orders two versions; throws on a version the ordering cannot read. */
export type VersionOrder = (a: string, b: string) => number;

const SEMVER_CACHE_LIMIT = 200_000;
const semverCache = new Map<string, semver.SemVer | null>();

/**
 * Go modules spell versions `v1.2.3` while OSV SEMVER ranges drop the `v`
 * (Go vulndb), and a few databases write `1.0` for `1.0.0`: both are read the
 * way osv-scanner's semantic package reads them. Anything else must be SemVer 2.0.
 */
function parseSemver(version: string): semver.SemVer | null {
  const cached = semverCache.get(version);
  if (cached !== undefined) return cached;
  let text = version.startsWith('v') ? version.slice(1) : version;
  const short = /^(\d+)(?:\.(\d+))?([-+].*)?$/.exec(text);
  if (short) text = `${short[1]}.${short[2] ?? '0'}.0${short[3] ?? ''}`;
  const parsed = semver.parse(text);
  if (semverCache.size >= SEMVER_CACHE_LIMIT) semverCache.clear();
  semverCache.set(version, parsed);
  return parsed;
}

function compareSemver(a: string, b: string): number {
  const left = parseSemver(a);
  if (left === null) throw new Error(`"${a}" is not a SemVer version`);
  const right = parseSemver(b);
  if (right === null) throw new Error(`"${b}" is not a SemVer version`);
  return left.compare(right);
}

const ecosystemOrders = new Map<Ecosystem, VersionOrder>();

export function orderForRange(rangeType: 'SEMVER' | 'ECOSYSTEM', ecosystem: Ecosystem): VersionOrder {
  if (rangeType === 'SEMVER') return compareSemver;
  let order = ecosystemOrders.get(ecosystem);
  if (!order) {
    order = (a, b) => compareVersions(ecosystem, a, b);
    ecosystemOrders.set(ecosystem, order);
  }
  return order;
}

/** The reason `version` cannot be read by `order`, or undefined when it can. */
export function unreadableReason(order: VersionOrder, version: string): string | undefined {
  try {
    order(version, version);
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}
