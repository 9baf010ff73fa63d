// The dependency-audit benchmarks, run by `npm run bench` after the
// secrets-scan ones (or alone: `node bench/dependencies/run.mjs`). Everything
// it generates goes to a temporary folder, which it removes.
//
//  1. Parse: a seeded 10,000-package package-lock.json (v3) and a
//     5,000-package pnpm-lock.yaml (9.0), read into the inventory; npm's own
//     reader (@npmcli/arborist loadVirtual) and pnpm's (@pnpm/lockfile.fs
//     readWantedLockfile) as peers, JSON.parse / yaml parse of the same file
//     as the floor. Times and peak RSS, each reader in a process of its own.
//  2. Match: the 10,000 packages against an offline OSV folder of 100,000
//     records generated from the real ones in __tests__/fixtures/osv/, and
//     against the same records zipped; the steps of loadAdvisories (read the
//     source, index, schema) and matching timed apart, without a stored index,
//     writing it (cold) and using it (warm). No offline peer exists (npm audit
//     asks the registry), so these figures stand alone.
//  3. Audit: the whole offline audit of the npm project, pinned to one core:
//     the CLI end to end, cold (a fresh cache folder) and warm (its stored
//     index of the source), or the library path in the driver when the CLI
//     does not build. Goal (issue): under 2 s.
// The generated folder and zip are dated an hour back, as a database fetched
// earlier is: a source changed in the last 2 s is read but not indexed.
//
// Environment: BENCH_DEPENDENCIES_SKIP (comma list of parse,match,audit),
// BENCH_DEPENDENCIES_RUNS (parse and match repetitions, default 3),
// BENCH_DEPENDENCIES_ADVISORIES (generated records, default 100000),
// BENCH_DEPENDENCIES_ZIP=0 (leave out the zip source; zipping takes ~10 s).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle, listEntryPoints } from '../../scripts/build.mjs';
import { importTs, root } from '../secrets/load-ts.mjs';
import { fmt, installPeer, int, MB, measure, ratio, table, TIMEOUT } from '../support.mjs';

const NPM_PACKAGES = 10_000;
const PNPM_PACKAGES = 5_000;
const GOAL_SECONDS = 2;
const RUNS = Math.max(2, Number(process.env.BENCH_DEPENDENCIES_RUNS ?? 3));
const ADVISORIES = Number(process.env.BENCH_DEPENDENCIES_ADVISORIES ?? 100_000);
const SKIP = new Set((process.env.BENCH_DEPENDENCIES_SKIP ?? '').split(',').filter(Boolean));
const WITH_ZIP = process.env.BENCH_DEPENDENCIES_ZIP !== '0';
/** Peers pinned to the majors that run on Node 20 (the project's floor): arborist 10 and @pnpm/lockfile.fs 1100 need Node 22. */
const PEERS = {
  arborist: { package: '@npmcli/arborist', version: '9', label: 'npm: @npmcli/arborist loadVirtual()' },
  pnpm: { package: '@pnpm/lockfile.fs', version: '1001', label: 'pnpm: @pnpm/lockfile.fs readWantedLockfile()' },
};
/** A peer slower than this is stopped and reported as such (arborist's tree building grows faster than linearly). */
const PEER_TIMEOUT_MS = 120_000;
const TASKSET = existsSync('/usr/bin/taskset') ? '/usr/bin/taskset' : undefined;
const here = path.dirname(fileURLToPath(import.meta.url));

/** `node <args>`, pinned to one core with taskset when asked and available. */
function measureNode(args, { oneCore = false, ...options } = {}) {
  if (oneCore && TASKSET) return measure(TASKSET, ['-c', '0', process.execPath, ...args], options);
  return measure(process.execPath, args, options);
}

function lastJsonLine(run, what) {
  if (run.status !== 0) throw new Error(`${what} failed (exit ${run.status}${run.timedOut ? ', timed out' : ''}): ${run.stderr.slice(-1500)}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

/** The driver and the CLI bundled as dist/ is; without the CLI when it does not build. */
async function bundleDriver(outdir) {
  const entries = Object.fromEntries(Object.entries(listEntryPoints()).filter(([name]) => name.startsWith('workers/') || name === 'cli/index'));
  entries['bench/audit-driver'] = path.join(root, 'bench/dependencies/audit-driver.ts');
  try {
    await bundle(entries, outdir);
    return { driver: path.join(outdir, 'bench/audit-driver.js'), cli: path.join(outdir, 'cli/index.js') };
  } catch {
    delete entries['cli/index'];
    await bundle(entries, outdir);
    return { driver: path.join(outdir, 'bench/audit-driver.js'), cli: undefined };
  }
}

function cliHasDependencyAudit(cli) {
  const help = spawnSync(process.execPath, [cli, 'dependency-audit', '--help'], { encoding: 'utf8' });
  return help.status === 0 && /advisories/.test(help.stdout + help.stderr);
}

/** Installs a peer into a temporary folder (never a project dependency); { dir, version } or { error }. */
function ensurePeer({ package: name, version }) {
  const installed = installPeer(name, version);
  return installed.error ? installed : { dir: installed.dir, version: installed.pkg.version };
}

function runPeer(peer, tool, project, runs) {
  const args = [path.join(here, 'peer-driver.mjs'), tool, peer.dir, project, String(runs)];
  const run = TIMEOUT
    ? measure(TIMEOUT, [String(PEER_TIMEOUT_MS / 1000), process.execPath, ...args])
    : measure(process.execPath, args, { timeout: PEER_TIMEOUT_MS });
  // timeout(1) exits 124 when it had to stop the command.
  if (run.timedOut || run.status === 124) return { ...run, timedOut: true };
  return { ...run, out: lastJsonLine(run, `${tool} peer`) };
}

async function generateProjects(tmp, { pnpm: withPnpm }) {
  const { generateNpmProject } = await importTs('bench/dependencies/npm-lockfile.ts');
  const { generatePnpmProject } = await importTs('bench/dependencies/pnpm-lockfile.ts');
  const started = process.hrtime.bigint();
  const npm = generateNpmProject({ packages: NPM_PACKAGES });
  const npmDir = path.join(tmp, 'npm-project');
  mkdirSync(npmDir);
  writeFileSync(path.join(npmDir, 'package.json'), npm.manifest);
  writeFileSync(path.join(npmDir, 'package-lock.json'), npm.lockfile);
  const pnpm = withPnpm ? generatePnpmProject({ packages: PNPM_PACKAGES }) : undefined;
  const pnpmDir = path.join(tmp, 'pnpm-project');
  if (pnpm) {
    mkdirSync(pnpmDir);
    writeFileSync(path.join(pnpmDir, 'pnpm-lock.yaml'), pnpm.lockfile);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`Generated (seeded, in ${fmt(seconds)} s):`);
  console.log(
    `- package-lock.json v3: ${int(npm.packages)} packages (${int(npm.distinct)} distinct name@version), ${fmt(npm.lockfile.length / MB)} MB; ` +
      `${npm.direct.prod + npm.direct.dev + npm.direct.optional} direct (${npm.direct.prod} prod, ${npm.direct.dev} dev, ${npm.direct.optional} optional), ` +
      `${int(npm.nested)} nested copies (up to ${npm.maxDepth} node_modules deep), flags: ${npm.flags.dev} dev, ${npm.flags.optional} optional, ${npm.flags.devOptional} devOptional.`,
  );
  if (pnpm) {
    console.log(
      `- pnpm-lock.yaml 9.0: ${int(pnpm.packages)} packages, ${pnpm.importers} importers with ${pnpm.direct} direct dependencies, ` +
        `${pnpm.withPeerSuffix} snapshots with a peer suffix, ${fmt(pnpm.lockfile.length / MB)} MB.`,
    );
  }
  console.log('');
  return { npmDir, pnpmDir, npm };
}

async function benchParse(ctx) {
  console.log(`### Parse: lockfile to inventory (each reader in its own process; ${RUNS} runs each, first = cold)`);
  console.log('');
  const rows = [];
  const lockfiles = [
    { kind: 'npm', file: path.join(ctx.npmDir, 'package-lock.json'), dir: ctx.npmDir, peerKey: 'arborist', floor: 'JSON.parse (floor)' },
    { kind: 'pnpm', file: path.join(ctx.pnpmDir, 'pnpm-lock.yaml'), dir: ctx.pnpmDir, peerKey: 'pnpm', floor: 'js-yaml load() (floor; the reader our parser uses)' },
  ];
  const notes = [];
  const parsed = {};
  for (const lf of lockfiles) {
    const name = path.basename(lf.file);
    let ours;
    try {
      const run = measureNode([ctx.driver, 'parse', lf.kind, lf.file, String(RUNS)]);
      ours = { out: lastJsonLine(run, `parse ${name}`), peakRssMb: run.peakRssMb };
    } catch (error) {
      notes.push(`Our ${name} reader failed: ${String(error.message).split('\n')[0]}`);
    }
    let peer;
    const peerInstall = ctx.peers[lf.peerKey];
    if (peerInstall.dir) {
      // arborist takes seconds per run on this tree: one run is enough to compare cold with cold.
      peer = runPeer(peerInstall, lf.peerKey, lf.dir, lf.peerKey === 'arborist' ? 1 : RUNS);
      if (peer.timedOut) notes.push(`${PEERS[lf.peerKey].label} did not finish within ${PEER_TIMEOUT_MS / 1000} s.`);
    } else {
      notes.push(`${PEERS[lf.peerKey].label}: not run (${peerInstall.error}).`);
    }
    const floorRun = measureNode([ctx.driver, 'floor', lf.kind, lf.file, String(RUNS)]);
    const floor = { out: lastJsonLine(floorRun, `floor ${name}`), peakRssMb: floorRun.peakRssMb };
    const peerOk = peer && !peer.timedOut ? { out: peer.out, peakRssMb: peer.peakRssMb } : undefined;
    const vsPeer = (r) => (peerOk && r ? ratio(peerOk.out.firstMs / r.out.firstMs) : 'n/a');
    const rssVsPeer = (r) => (peerOk?.peakRssMb && r?.peakRssMb ? ratio(r.peakRssMb / peerOk.peakRssMb) : 'n/a');
    const row = (label, r, runs) => [name, label, r ? int(r.out.packages) : '-', r ? fmt(r.out.firstMs, 0) : 'n/a', r && runs > 1 ? fmt(r.out.medianMs, 0) : '-', r ? fmt(r.peakRssMb, 0) : 'n/a', vsPeer(r), rssVsPeer(r)];
    if (ours) rows.push(row('devsecops parser + inventory (purls, scopes, direct/transitive)', ours, RUNS));
    if (peerInstall.dir) rows.push(row(`${PEERS[lf.peerKey].label} ${peerInstall.version}`, peerOk, lf.peerKey === 'arborist' ? 1 : RUNS));
    rows.push(row(lf.floor, floor, RUNS));
    if (ours) {
      const o = ours.out;
      parsed[lf.kind] = o;
      const local = o.local > 0 ? ` (${o.local} of them the workspace's own packages)` : '';
      notes.push(`${name}: ${int(o.packages)} packages read${local}, ${int(o.direct)} direct, ${int(o.development)} development-only, ${o.warnings} warnings; the parser alone took ${fmt(o.firstParseMs, 0)} ms of the first ${fmt(o.firstMs, 0)} ms, the inventory (graph, purls) the rest.`);
    }
  }
  table(['lockfile', 'reader', 'packages', 'first ms', 'median ms', 'peak RSS MB', 'speed vs peer (peer first ms ÷ first ms)', 'RSS vs peer'], rows);
  ctx.parsed = parsed;
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
  console.log('- Peak RSS is the whole process (Node itself is about 40 MB) over all its runs. The peers build more than we need: arborist a full node tree with validated edges, pnpm its in-memory lockfile object.');
  console.log('');
}

/** Dates a folder tree (every folder) or a file an hour back: a database fetched earlier, not one still being written. */
function settle(target) {
  const past = new Date(Date.now() - 3_600_000);
  const folders = statSync(target).isDirectory()
    ? readdirSync(target, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(e.parentPath, e.name))
    : [];
  for (const item of [target, ...folders]) utimesSync(item, past, past);
}

async function generateDatabase(ctx) {
  const { writeAdvisoryDatabase } = await importTs('bench/dependencies/advisory-database.ts');
  const dir = path.join(ctx.tmp, 'osv');
  const started = process.hrtime.bigint();
  const db = writeAdvisoryDatabase({ outDir: dir, templatesDir: path.join(root, '__tests__/fixtures/osv'), records: ADVISORIES, installed: ctx.npm.installed });
  settle(dir);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ecosystems = Object.entries(db.byEcosystem)
    .sort((a, b) => b[1] - a[1])
    .map(([e, n]) => `${e} ${int(n)}`)
    .join(', ');
  console.log(
    `Offline OSV database: ${int(db.records + db.copiedReal)} records (${int(db.records)} generated from the ${db.copiedReal} real fixture records, which are copied in too; ` +
      `${int(db.withdrawn)} withdrawn), ${fmt(db.bytes / MB, 0)} MB in one file each (\`<Ecosystem>/<ID>.json\`), written in ${fmt(seconds)} s. By ecosystem: ${ecosystems}.`,
  );
  console.log(`${int(db.aimed)} generated records name ${int(db.aimedNames)} of the lockfile's package names; ${int(db.planted.length)} (package, record) pairs are planted hits.`);
  let zip;
  if (WITH_ZIP) {
    const { zipFolder } = await importTs('bench/dependencies/zip-export.ts');
    const zipStarted = process.hrtime.bigint();
    zip = path.join(ctx.tmp, 'osv.zip');
    const written = zipFolder(dir, zip);
    settle(zip);
    console.log(`The same records zipped (deflate, zip64 end record): ${int(written.entries)} entries, ${fmt(written.bytes / MB, 0)} MB, written in ${fmt(Number(process.hrtime.bigint() - zipStarted) / 1e9)} s.`);
  }
  console.log('');
  return { dir, zip, db };
}

/** A fresh cache folder for the stored indexes: the first run with it is cold. */
function freshCacheDir(ctx, name) {
  const dir = path.join(ctx.tmp, 'cache', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function benchMatch(ctx) {
  console.log(`### Match: ${int(NPM_PACKAGES)} packages against the offline database (each load in a process of its own; warm match = median of ${RUNS} more passes)`);
  console.log('');
  const lockfile = path.join(ctx.npmDir, 'package-lock.json');
  const load = (source, cacheDir) => {
    const run = measureNode([ctx.driver, 'load', lockfile, source, cacheDir ?? '-', String(RUNS)]);
    return { ...lastJsonLine(run, `load ${path.basename(source)}`), peakRssMb: run.peakRssMb };
  };
  const folderCache = freshCacheDir(ctx, 'match-folder');
  const runs = [
    { what: 'folder, no stored index', out: load(ctx.database.dir) },
    { what: 'folder, cold: index written', out: load(ctx.database.dir, folderCache) },
    { what: 'folder, warm: stored index used', out: load(ctx.database.dir, folderCache) },
  ];
  if (ctx.database.zip) {
    const zipCache = freshCacheDir(ctx, 'match-zip');
    runs.push({ what: 'zip, cold: index written', out: load(ctx.database.zip, zipCache) });
    runs.push({ what: 'zip, warm: stored index used', out: load(ctx.database.zip, zipCache) });
  }
  const floor = lastJsonLine(measureNode([ctx.driver, 'floor-osv', ctx.database.dir]), 'floor-osv');
  const out = runs[0].out;
  ctx.matched = { cold: out, warm: runs[2].out };
  const per = (ms, n) => `${fmt((ms * 1000) / n, 1)} µs/record`;
  table(
    ['source', 'files read', 'parsed', 'index', 'read ms', 'index ms', 'schema ms', 'load ms (sum)', 'match cold ms', 'peak RSS MB'],
    runs.map(({ what, out: o }) => [what, int(o.stats.read), int(o.stats.parsed), o.stats.index, fmt(o.readMs, 0), fmt(o.indexMs, 0), fmt(o.schemaMs, 0), fmt(o.loadMs, 0), fmt(o.matchColdMs, 0), fmt(o.peakRssMb, 0)]),
  );
  console.log('');
  console.log(
    `- Floor: the same ${int(floor.records)} files read and JSON.parsed, synchronously, no schema: ${fmt(floor.ms, 0)} ms (${per(floor.ms, floor.records)}). ` +
      `Without a stored index every file is still read (${per(out.readMs, out.stats.files)}), but only the ${int(out.stats.parsed)} naming one of the lockfile's packages are parsed; ` +
      `the schema runs on the ${int(out.held)} records kept (${per(out.schemaMs, out.held)}). Match warm: ${fmt(out.matchWarmMs, 0)} ms.`,
  );
  const found = new Set(out.pairs);
  const planted = ctx.database.db.planted;
  const plantedFound = planted.filter((p) => found.has(`${p.name}@${p.version} ${p.id}`)).length;
  const plantedKeys = new Set(planted.map((p) => `${p.name}@${p.version} ${p.id}`));
  const extra = out.pairs.filter((p) => !plantedKeys.has(p));
  const extraNames = [...new Set(extra.map((p) => p.split(' ')[0]))];
  const same = runs.every(({ out: o }) => o.pairs.length === out.pairs.length && o.pairs.every((p, i) => p === out.pairs[i]));
  console.log(`- ${int(out.affected)} packages affected by ${int(out.vulnerabilities)} vulnerabilities (aliases merged); ${out.matchWarnings} range warnings, ${out.fileWarnings} unreadable files${same ? '; every source and index state found the same' : '; THE SOURCES DISAGREE'}.`);
  if (out.firstWarnings.length > 0) console.log(`- Warnings, first few: ${out.firstWarnings.join('; ')}`);
  console.log(`- Planted hits found: ${int(plantedFound)} of ${int(planted.length)}. Other hits: ${int(extra.length)}, on ${extraNames.length} packages (the real vulnerable ones the project installs: ${extraNames.slice(0, 8).join(', ')}${extraNames.length > 8 ? ', …' : ''}).`);
  console.log('- No offline peer exists for matching: `npm audit` sends the tree to the registry\'s bulk advisory endpoint and cannot run offline, so these figures stand alone.');
  console.log('');
}

async function benchAudit(ctx) {
  const pinned = TASKSET ? 'pinned to one core with taskset -c 0' : 'not pinned (taskset is not installed)';
  console.log(`### Whole offline audit of the ${int(NPM_PACKAGES)}-package project against ${int(ctx.database.db.records + ctx.database.db.copiedReal)} advisories (${pinned}); goal: under ${GOAL_SECONDS} s`);
  console.log('');
  const rows = [];
  const notes = [];
  const goal = (seconds) => (seconds < GOAL_SECONDS ? 'met' : `missed (${ratio(seconds / GOAL_SECONDS)})`);
  const sources = [{ name: 'folder', path: ctx.database.dir }, ...(ctx.database.zip ? [{ name: 'zip', path: ctx.database.zip }] : [])];
  let cliRan = false;
  if (ctx.cli) {
    const jsonFile = path.join(ctx.tmp, 'audit.json');
    for (const source of sources) {
      const cacheDir = freshCacheDir(ctx, `audit-${source.name}`);
      for (const state of ['cold', 'warm', 'warm']) {
        const run = measureNode(
          [ctx.cli, 'dependency-audit', ctx.npmDir, '--advisories', source.path, '--scope', 'all', '--fail-on-severity', 'none', '--json', jsonFile],
          { oneCore: true, cwd: ctx.npmDir, env: { ...process.env, DEVSECOPS_CACHE_DIR: cacheDir } },
        );
        if (!existsSync(jsonFile)) {
          notes.push(`The CLI wrote no --json report (exit ${run.status}): ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' ')}`);
          break;
        }
        const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
        const findings = Array.isArray(report) ? report.length : (report.findings?.length ?? 0);
        const label = state === 'cold' ? `${source.name}, cold (fresh cache folder: every record file read, the index written)` : `${source.name}, warm (the stored index used)`;
        rows.push([`devsecops dependency-audit (CLI, end to end, process wall clock): ${label}`, fmt(run.seconds, 2), fmt(run.peakRssMb, 0), `${int(findings)} findings`, goal(run.seconds)]);
        rmSync(jsonFile, { force: true });
        cliRan = true;
      }
    }
  } else {
    notes.push('The CLI has no `dependency-audit` command yet (or does not build).');
  }
  // The library path in one process: measured when the CLI could not be.
  if (!cliRan) {
    const cacheDir = freshCacheDir(ctx, 'audit-library');
    for (const state of ['cold', 'warm']) {
      const run = measureNode([ctx.driver, 'audit', ctx.npmDir, ctx.database.dir, cacheDir], { oneCore: true });
      const out = lastJsonLine(run, 'audit');
      rows.push([`library path (buildInventory, loadAdvisories, findVulnerabilities; process wall clock), ${state} (index ${out.index})`, fmt(run.seconds, 2), fmt(run.peakRssMb, 0), `${int(out.affected)} affected packages`, goal(run.seconds)]);
      notes.push(`Library path, ${state}: inventory ${fmt(out.inventoryMs, 0)} ms, loading ${int(out.records)} advisories ${fmt(out.loadMs, 0)} ms, matching ${fmt(out.matchMs, 0)} ms.`);
      if (out.errors.length > 0) notes.push(`Lockfile errors: ${out.errors.join('; ')}`);
    }
  }
  const inventoryMs = ctx.parsed?.npm?.firstMs;
  const m = ctx.matched;
  if (inventoryMs !== undefined && m) {
    for (const [state, o] of [['cold, no stored index', m.cold], ['warm', m.warm]]) {
      const all = (inventoryMs + o.loadMs + o.matchColdMs) / 1000;
      rows.push([`sum of the steps above, ${state}: inventory + load + match (cold), not pinned`, fmt(all, 2), '-', '-', goal(all)]);
    }
  }
  table(['what', 'seconds', 'peak RSS MB', 'result', `goal < ${GOAL_SECONDS} s`], rows);
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
  if (notes.length > 0) console.log('');
}

export async function runDependencyBenchmarks() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'devsecops-bench-dependencies-'));
  try {
    console.log('');
    console.log('## dependency-audit');
    console.log('');
    if (['parse', 'match', 'audit'].every((part) => SKIP.has(part))) {
      console.log('Skipped: BENCH_DEPENDENCIES_SKIP leaves out every part.');
      return;
    }
    let bundled;
    try {
      bundled = await bundleDriver(path.join(tmp, 'dist'));
    } catch (error) {
      const first = error?.errors?.[0];
      const why = first ? `${first.location ? `${first.location.file}:${first.location.line}: ` : ''}${first.text}` : String(error?.message ?? error).split('\n')[0];
      console.log(`Skipped: the inventory or advisory code does not build yet (${why}).`);
      return;
    }
    const [load] = os.loadavg();
    const cores = os.availableParallelism();
    if (load > cores / 2) console.log(`Warning: load average ${fmt(load, 2)} on ${cores} cores before the run: times are pessimistic; ratios measured in the same run hold better.\n`);
    const projects = await generateProjects(tmp, { pnpm: !SKIP.has('parse') });
    const ctx = { tmp, ...projects, driver: bundled.driver, cli: bundled.cli && cliHasDependencyAudit(bundled.cli) ? bundled.cli : undefined };
    if (!SKIP.has('parse')) {
      ctx.peers = { arborist: ensurePeer(PEERS.arborist), pnpm: ensurePeer(PEERS.pnpm) };
      await benchParse(ctx);
    }
    if (!SKIP.has('match') || !SKIP.has('audit')) ctx.database = await generateDatabase(ctx);
    if (!SKIP.has('match')) await benchMatch(ctx);
    if (!SKIP.has('audit')) await benchAudit(ctx);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runDependencyBenchmarks();
}
