import type { Logger } from '../../core/logger.js';
import { inShard, type Shard } from '../../core/action/shard.js';
import os from 'node:os';
import path from 'node:path';
import type { ScanRequest, ScanResult, Scanner } from '../../core/action/scanner.js';
import type { DependenciesSection } from '../../core/config/sections/dependencies.js';
import { UsageError } from '../../core/errors.js';
import { restoreFolder, saveFolder } from '../../core/github/actions-cache.js';
import type { Finding, RuleDescriptor, SkippedItem } from '../../core/findings.js';
import { commitTree, workingTree } from '../../core/inventory/file-tree.js';
import { buildInventory, dependencyPaths, type Inventory, type InventoryPackage } from '../../core/inventory/inventory.js';
import type { InputSetting } from '../../core/inputs/input-types.js';
import { overridableStringInput } from '../../core/inputs/input-types.js';
import { AdvisorySourceError, findVulnerabilities, type AdvisoryDatabase } from './advisories/index.js';
import { advisorySourceKind, loadAdvisories } from './advisories/load-advisories.js';
import { diffInventories } from './changes.js';
import { compileExclusions, type ActiveExclusions } from './exclusions.js';
import { findingFor, introductionKeys, ruleForGroup } from './findings.js';
import { changesSection, pathsSection } from './sections.js';

interface DependencyInputs {
  advisories?: InputSetting<string | undefined>;
}

export const dependencyAuditScanner: Scanner = {
  id: 'dependency-audit',
  title: 'Dependency audit',
  configSection: 'dependencies',
  defaultFailOn: 'high',
  inputs: {
    advisories: overridableStringInput(),
  },
  scan: auditDependencies,
};

/** The Actions cache keys of the OSV record folder; bump the version when the folder's layout changes. */
const OSV_CACHE_KEY_PREFIX = 'devsecops-osv-v1-';

/**
 * Where fetched OSV records are kept between runs: DEVSECOPS_CACHE_DIR, else
 * the user's cache folder (XDG), else the runner's temp folder.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  if (env['DEVSECOPS_CACHE_DIR']) return path.resolve(env['DEVSECOPS_CACHE_DIR']);
  if (env['GITHUB_ACTIONS'] === 'true' && env['RUNNER_TEMP']) return path.join(env['RUNNER_TEMP'], 'devsecops', 'osv-cache');
  const base = env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache');
  return path.join(base, 'devsecops', 'osv');
}

/** The advisory source: the input, else the config, else the OSV API; paths are relative to the repository root. */
function resolveAdvisorySpec(request: ScanRequest, section: DependenciesSection): { spec: string; label: string } {
  const fromInput = (request.inputs as DependencyInputs).advisories;
  const raw = (fromInput?.explicit ? fromInput.value : undefined) ?? section.advisories ?? 'osv';
  const trimmed = raw.trim();
  if (advisorySourceKind(trimmed) === 'osv-api') return { spec: 'osv', label: 'the OSV API (api.osv.dev)' };
  const absolute = path.resolve(request.repoRoot, trimmed);
  const inside = path.relative(request.repoRoot, absolute);
  const label = inside === '' ? '.' : inside.startsWith('..') || path.isAbsolute(inside) ? absolute : inside.split(path.sep).join('/');
  return { spec: absolute, label };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The packages to audit in an inventory, and those the config leaves out (with why). */
function auditable(inventory: Inventory, exclusions: ActiveExclusions) {
  const kept: Array<{ lockfile: Inventory['lockfiles'][number]; pkg: InventoryPackage }> = [];
  const excluded = new Map<string, number>();
  for (const lockfile of inventory.lockfiles) {
    for (const pkg of lockfile.packages) {
      if (pkg.local) continue;
      const why = exclusions.skipsPackage(pkg);
      if (why) excluded.set(why, (excluded.get(why) ?? 0) + 1);
      else kept.push({ lockfile, pkg });
    }
  }
  return { kept, excluded };
}

/** Vulnerabilities (by introduction key) present in an inventory, to tell which a change introduced. */
function presentKeys(database: AdvisoryDatabase, inventory: Inventory, exclusions: ActiveExclusions): Set<string> {
  const { kept } = auditable(inventory, exclusions);
  const keys = new Set<string>();
  const report = findVulnerabilities(
    database,
    kept.map(({ lockfile, pkg }) => ({ ...pkg, lockfilePath: lockfile.path })),
  );
  for (const { package: pkg, vulnerabilities } of report.affected) {
    for (const group of vulnerabilities) for (const key of introductionKeys(pkg.lockfilePath, pkg, group)) keys.add(key);
  }
  return keys;
}

/**
 * Audits every lockfile under the path: builds the inventory, matches it
 * against the advisories, and, for a change, compares with the base commit's
 * inventory so that only vulnerabilities the change introduces are new.
 */
/**
 * A progress reporter for long downloads: one log line at most every few
 * seconds and at the end, so a slow network is visible without flooding the
 * log.
 */
function progressLine(logger: Logger, what: string, unit: string, everyMs = 3_000): (done: number, total: number) => void {
  let last = Date.now();
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < everyMs) return;
    last = now;
    logger.info(`${what}: ${done} of ${total} ${unit}${done === total ? ', done' : ''}.`);
  };
}

/** The lockfiles of one shard (a lockfile is audited whole, by the shard its path falls to). */
function shardOf(inventory: Inventory, shard: Shard | undefined): Inventory {
  if (!shard) return inventory;
  return {
    ...inventory,
    lockfiles: inventory.lockfiles.filter((lockfile) => inShard(lockfile.path, shard)),
    errors: inventory.errors.filter((error) => inShard(error.path, shard)),
  };
}

async function auditDependencies(request: ScanRequest): Promise<ScanResult> {
  const { logger, scope } = request;
  const section = request.config.dependencies;
  const notes: string[] = [];
  const skipped: SkippedItem[] = [];
  const prefix = path.relative(request.repoRoot, request.root).split(path.sep).join('/');
  const exclusions = compileExclusions(section.exclude, today());
  notes.push(...exclusions.expired);

  const head = shardOf(
    request.inventoryCache
      ? await request.inventoryCache.workingTree({ root: request.root, pathPrefix: prefix, ignore: request.ignore, logger })
      : await buildInventory({ tree: workingTree(request.root), pathPrefix: prefix, ignore: request.ignore, logger }),
    request.shard,
  );
  for (const error of head.errors) {
    const where = error.line ? `${error.path}:${error.line}` : error.path;
    skipped.push({ path: error.path, reason: `lockfile not audited: ${error.message}` });
    logger.warning(`${where}: ${error.message}`);
  }
  for (const lockfile of head.lockfiles) for (const warning of lockfile.warnings) logger.debug(`${lockfile.path}: ${warning}`);

  let base: Inventory | undefined;
  if (scope.kind === 'changes') {
    base = shardOf(
      await buildInventory({ tree: commitTree(request.repoRoot, scope.base, prefix), pathPrefix: prefix, ignore: request.ignore, logger }),
      request.shard,
    );
  } else if (scope.kind === 'staged') {
    notes.push('Dependencies are audited as they are in the working tree (there is no staged-only audit).');
  }

  const { kept, excluded } = auditable(head, exclusions);
  for (const [why, count] of excluded) notes.push(`${count} package(s) not audited: ${why}.`);
  const packageCount = head.lockfiles.reduce((n, l) => n + l.packages.filter((p) => !p.local).length, 0);
  logger.debug(`Inventory: ${head.lockfiles.length} lockfile(s), ${packageCount} package(s)${head.errors.length ? `, ${head.errors.length} lockfile(s) unreadable` : ''}.`);
  if (head.lockfiles.length === 0 && head.errors.length === 0) {
    notes.push('No lockfile was found under the scanned path, so nothing was audited. See the README for the formats read.');
  }

  const { spec, label } = resolveAdvisorySpec(request, section);
  const queries = [...kept.map(({ pkg }) => pkg), ...(base ? auditable(base, exclusions).kept.map(({ pkg }) => pkg) : [])];
  let database: AdvisoryDatabase;
  try {
    const cacheDir = defaultCacheDir(process.env);
    const ciCache = { name: 'OSV advisory cache', folder: cacheDir, keyPrefix: OSV_CACHE_KEY_PREFIX, logger };
    if (advisorySourceKind(spec) === 'osv-api') await restoreFolder(ciCache);
    const loaded = await loadAdvisories(spec, queries, { cacheDir, onProgress: progressLine(logger, 'OSV advisories', 'records') });
    if (loaded.fetched > 0) await saveFolder(ciCache);
    database = loaded.database;
    for (const warning of loaded.warnings.slice(0, 20)) logger.warning(`Advisories: ${warning}`);
    if (loaded.warnings.length > 20) logger.warning(`Advisories: ${loaded.warnings.length - 20} more warning(s) not shown.`);
  } catch (error) {
    if (error instanceof AdvisorySourceError) throw new UsageError(`advisories (${label}): ${error.message}`);
    throw error;
  }

  const report = findVulnerabilities(
    database,
    kept.map(({ lockfile, pkg }) => ({ ...pkg, lockfile })),
  );
  for (const warning of report.warnings.slice(0, 20)) logger.debug(`Advisory matching: ${warning}`);

  const baseKeys = base ? presentKeys(database, base, exclusions) : undefined;
  const rules = new Map<string, RuleDescriptor>();
  const findings: Finding[] = [];
  const excludedAdvisories = new Map<string, number>();
  const seen = new Set<string>();
  for (const { package: pkg, vulnerabilities } of report.affected) {
    const lockfile = pkg.lockfile;
    for (const group of vulnerabilities) {
      const why = exclusions.skipsVulnerability(pkg, group);
      if (why) {
        const key = `${group.displayId} in ${pkg.name} ${pkg.version}: ${why}`;
        excludedAdvisories.set(key, (excludedAdvisories.get(key) ?? 0) + 1);
        continue;
      }
      // One finding per lockfile, package version and vulnerability, even when
      // the version sits at several places of an npm tree.
      const once = `${lockfile.path}\u0000${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version}\u0000${group.displayId}`;
      if (seen.has(once)) continue;
      seen.add(once);
      if (!rules.has(group.displayId)) rules.set(group.displayId, ruleForGroup(group));
      const finding = findingFor(lockfile, pkg, group, dependencyPaths(lockfile, pkg));
      if (baseKeys) finding.isNew = !introductionKeys(lockfile.path, pkg, group).some((key) => baseKeys.has(key));
      findings.push(finding);
    }
  }
  for (const [what, count] of excludedAdvisories) notes.push(`Excluded by dependencies.exclude.advisories (${count}×): ${what}.`);

  const sections = [];
  if (base) sections.push(changesSection(diffInventories(base, head)));
  const chart = pathsSection(findings);
  if (chart) sections.push(chart);

  logger.debug(`Advisories from ${label}: ${findings.length} vulnerable package version(s) found.`);
  return {
    rules: [...rules.values()],
    findings,
    skipped,
    baselineCompared: base !== undefined,
    executionSuccessful: head.errors.length === 0,
    notes,
    sections,
  };
}
