/**
 * Runs one piece of dependency-audit for the benchmark, in a child process of
 * its own so its peak RSS and wall clock are its own. Bundled by
 * bench/dependencies/run.mjs with the project's build (scripts/build.mjs).
 *
 *   node audit-driver.js parse npm|pnpm <lockfile> <runs>   read + parse + inventory, `runs` times
 *   node audit-driver.js floor npm|pnpm <lockfile> <runs>   read + JSON.parse / js-yaml load, `runs` times
 *   node audit-driver.js load <lockfile> <advisories> <cache-dir|-> <runs>
 *       the lockfile's inventory against a folder or zip of OSV records, the steps of loadAdvisories timed
 *       apart (read the source, index, schema), then matching (cold, then `runs` warm); with a cache
 *       folder, the source's stored index is written or used there
 *   node audit-driver.js floor-osv <advisories>   every record file read and JSON.parsed, synchronously
 *   node audit-driver.js audit <project> <advisories> <cache-dir|->
 *       the library path of the whole audit: inventory of every lockfile, loadAdvisories, findVulnerabilities
 *
 * Prints one JSON line of times (ms) and counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FAILSAFE_SCHEMA, load as loadYaml } from 'js-yaml';
import { workingTree } from '../../src/core/inventory/file-tree.js';
import { buildInventory, toInventoryLockfile, type InventoryLockfile } from '../../src/core/inventory/inventory.js';
import { packageLockParser } from '../../src/core/inventory/parsers/npm-lock.js';
import { pnpmLockParser } from '../../src/core/inventory/parsers/pnpm-lock.js';
import type { LockfileParser } from '../../src/core/inventory/types.js';
import { AdvisoryDatabase, findVulnerabilities, loadAdvisories, loadDirectory, loadZip } from '../../src/scanners/dependencies/advisories/index.js';
import { NameFilter } from '../../src/scanners/dependencies/advisories/record-names.js';

const PARSERS: Record<string, LockfileParser> = { npm: packageLockParser, pnpm: pnpmLockParser };

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Reads and parses a lockfile as buildInventory does: text from disk, sibling files on request. */
function readInventory(kind: string, file: string): { lockfile: InventoryLockfile; parseMs: number; inventoryMs: number } {
  const parser = PARSERS[kind];
  if (!parser) throw new Error(`unknown lockfile kind ${kind}`);
  const folder = path.dirname(file);
  const started = now();
  const text = readFileSync(file, 'utf8');
  const parsed = parser.parse(text, {
    path: path.basename(file),
    readRelative: (relative) => {
      try {
        return readFileSync(path.join(folder, relative), 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  const parsedAt = now();
  const lockfile = toInventoryLockfile(parsed, path.basename(file));
  return { lockfile, parseMs: parsedAt - started, inventoryMs: now() - parsedAt };
}

function runParse(kind: string, file: string, runs: number): void {
  const totals: number[] = [];
  const parses: number[] = [];
  let last: InventoryLockfile | undefined;
  for (let i = 0; i < runs; i++) {
    const { lockfile, parseMs, inventoryMs } = readInventory(kind, file);
    totals.push(parseMs + inventoryMs);
    parses.push(parseMs);
    last = lockfile;
  }
  const packages = last?.packages ?? [];
  console.log(
    JSON.stringify({
      firstMs: totals[0],
      medianMs: median(totals.slice(1).length > 0 ? totals.slice(1) : totals),
      firstParseMs: parses[0],
      packages: packages.length,
      direct: packages.filter((p) => p.direct).length,
      development: packages.filter((p) => p.scope === 'development').length,
      local: packages.filter((p) => p.local).length,
      warnings: last?.warnings.length ?? 0,
    }),
  );
}

function runFloor(kind: string, file: string, runs: number): void {
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const started = now();
    const text = readFileSync(file, 'utf8');
    const value = (kind === 'npm' ? JSON.parse(text) : loadYaml(text, { schema: FAILSAFE_SCHEMA })) as { packages?: Record<string, unknown> };
    times.push(now() - started);
    // npm's `packages` holds the root project under "".
    count = Object.keys(value.packages ?? {}).filter((key) => key !== '').length;
  }
  console.log(JSON.stringify({ firstMs: times[0], medianMs: median(times.slice(1).length > 0 ? times.slice(1) : times), packages: count }));
}

async function runLoad(file: string, advisories: string, cacheDir: string | undefined, runs: number): Promise<void> {
  const { lockfile } = readInventory('npm', file);
  const packages = lockfile.packages;
  // loadAdvisories, step by step.
  const started = now();
  const options = { filter: new NameFilter(packages), ...(cacheDir ? { cacheDir } : {}) };
  const read = advisories.toLowerCase().endsWith('.zip') ? await loadZip(advisories, options) : await loadDirectory(advisories, options);
  const readAt = now();
  const database = new AdvisoryDatabase(read.records);
  const indexedAt = now();
  const refused = database.prepare(packages);
  const checkedAt = now();
  let report = findVulnerabilities(database, packages);
  const matchColdMs = now() - checkedAt;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const matchStarted = now();
    report = findVulnerabilities(database, packages);
    times.push(now() - matchStarted);
  }
  const warnings = [...read.warnings, ...refused];
  const pairs = report.affected.flatMap((a) => a.vulnerabilities.flatMap((g) => g.records.map((r) => `${a.package.name}@${a.package.version} ${r.id}`)));
  console.log(
    JSON.stringify({
      packages: packages.length,
      stats: read.stats,
      held: database.size,
      withdrawn: database.withdrawn,
      fileWarnings: warnings.length,
      readMs: readAt - started,
      indexMs: indexedAt - readAt,
      schemaMs: checkedAt - indexedAt,
      loadMs: checkedAt - started,
      matchColdMs,
      matchWarmMs: median(times),
      affected: report.affected.length,
      vulnerabilities: report.affected.reduce((n, a) => n + a.vulnerabilities.length, 0),
      matchWarnings: report.warnings.length,
      firstWarnings: [...warnings.slice(0, 2), ...report.warnings.slice(0, 3)],
      pairs: [...new Set(pairs)],
    }),
  );
}

/** The floor of loading a folder: every file read and JSON.parsed, synchronously, with no schema. */
function runOsvFloor(advisories: string): void {
  const started = now();
  let records = 0;
  for (const entry of readdirSync(advisories, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    JSON.parse(readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
    records += 1;
  }
  console.log(JSON.stringify({ records, ms: now() - started }));
}

async function runAudit(project: string, advisories: string, cacheDir: string | undefined): Promise<void> {
  const started = now();
  const inventory = await buildInventory({ tree: workingTree(project), pathPrefix: '' });
  const inventoryAt = now();
  const packages = inventory.lockfiles.flatMap((l) => l.packages.filter((p) => !p.local));
  const { database, read } = await loadAdvisories(advisories, packages, cacheDir ? { cacheDir } : {});
  const loadedAt = now();
  const report = findVulnerabilities(database, packages);
  const matchedAt = now();
  console.log(
    JSON.stringify({
      lockfiles: inventory.lockfiles.length,
      errors: inventory.errors.map((e) => `${e.path}: ${e.message}`),
      packages: packages.length,
      records: database.size,
      index: read?.index,
      affected: report.affected.length,
      inventoryMs: inventoryAt - started,
      loadMs: loadedAt - inventoryAt,
      matchMs: matchedAt - loadedAt,
      totalMs: matchedAt - started,
    }),
  );
}

const [mode, a, b, c, d] = process.argv.slice(2);
const cacheArgument = (value: string | undefined) => (value && value !== '-' ? path.resolve(value) : undefined);
if (mode === 'parse' && a && b) runParse(a, path.resolve(b), Number(c ?? 1));
else if (mode === 'floor' && a && b) runFloor(a, path.resolve(b), Number(c ?? 1));
else if (mode === 'load' && a && b) await runLoad(path.resolve(a), path.resolve(b), cacheArgument(c), Number(d ?? 1));
else if (mode === 'floor-osv' && a) runOsvFloor(path.resolve(a));
else if (mode === 'audit' && a && b) await runAudit(path.resolve(a), path.resolve(b), cacheArgument(c));
else {
  console.error('usage: audit-driver parse|floor npm|pnpm <lockfile> <runs> | load <lockfile> <advisories> <cache-dir|-> <runs> | floor-osv <advisories> | audit <project> <advisories> <cache-dir|->');
  process.exitCode = 2;
}
