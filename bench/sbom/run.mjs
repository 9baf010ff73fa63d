// The sbom benchmark, run by `npm run bench` after the dependency-audit ones
// (or alone: `node bench/sbom/run.mjs`). Everything it makes goes to a
// temporary folder, which it removes.
//
// A real large project, bench/fixtures/npm-monorepo (Gemini CLI v0.23.0: an
// npm-workspaces monorepo, its lockfile and package.json files; see its
// SOURCE.md), described as CycloneDX 1.6 JSON by:
//  - our CLI, bundled as dist/ is: `sbom <dir> --format cyclonedx-json -o <file>
//    --reproducible`, SOURCE_DATE_EPOCH set. It reads the lockfile only, so it
//    runs on the fixture as committed, without node_modules.
//  - @cyclonedx/cyclonedx-npm and @cyclonedx/cdxgen, installed from npm into
//    os.tmpdir()/devsecops-bench-peers (never project dependencies). Both read
//    the installed tree, so they run on a copy of the project after one
//    `npm ci --ignore-scripts`, which is not timed.
// Each tool runs BENCH_SBOM_RUNS times (default 3), every run a fresh process;
// the table gives the median and the first run, peak RSS from /usr/bin/time.
// Then each output's counts side by side (components, hashes, dependency
// edges, how dev-only packages are marked) and the issue's goal: at least 10x
// faster than either peer, at least as many components and edges, a hash on
// every component whose lockfile entry has an integrity, dev-only packages
// `scope: excluded`.
//
// Environment: BENCH_SBOM_SKIP=1 leaves it all out; a comma list of
// cyclonedx-npm,cdxgen leaves out those peers. BENCH_SBOM_RUNS (default 3).
// BENCH_SBOM_PROFILE=1 adds a CPU profile of one of our runs (where the time goes).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle, listEntryPoints } from '../../scripts/build.mjs';
import { fmt, installPeer, int, measure, median, ratio, table, TIMEOUT } from '../support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = path.join(root, 'bench/fixtures/npm-monorepo');
const FIXTURE_LABEL = 'google-gemini/gemini-cli v0.23.0 (commit 2519a78, Apache-2.0)';
const RUNS = Math.max(1, Number(process.env.BENCH_SBOM_RUNS ?? 3));
const SKIP_ENV = process.env.BENCH_SBOM_SKIP ?? '';
const SKIP = new Set(SKIP_ENV.split(',').filter(Boolean));
const PROFILE = process.env.BENCH_SBOM_PROFILE === '1';
const GOAL_SPEEDUP = 10;
/** Any fixed date: --reproducible takes the timestamp from it, so every run writes the same bytes. */
const SOURCE_DATE_EPOCH = '1700000000';
const PEER_TIMEOUT_S = 300;

/**
 * Peers pinned to the majors whose engines include Node 20 (the project's
 * floor). cyclonedx-npm reads `npm ls`, which exits 1 on this project (see the
 * fixture's SOURCE.md), hence --ignore-npm-errors. cdxgen: JavaScript only, no
 * `npm install` of its own (the tree is installed), no babel usage analysis
 * (ours has none either), and no registry lookups: FETCH_LICENSE and
 * CDXGEN_FETCH_PKG_METADATA false, so licences come from the installed
 * package.json files as ours come from the lockfile. Both keep their other
 * defaults (validation on, cdxgen recursing into the workspaces).
 */
const PEERS = [
  {
    key: 'cyclonedx-npm',
    package: '@cyclonedx/cyclonedx-npm',
    version: '6',
    bin: 'cyclonedx-npm',
    args: (out) => ['--ignore-npm-errors', '--output-format', 'JSON', '--spec-version', '1.6', '--output-file', out],
    env: {},
    options: '--ignore-npm-errors --output-format JSON --spec-version 1.6',
  },
  {
    key: 'cdxgen',
    package: '@cyclonedx/cdxgen',
    version: '12',
    bin: 'cdxgen',
    args: (out, dir) => ['-t', 'js', '--no-install-deps', '--no-babel', '--spec-version', '1.6', '-o', out, dir],
    env: { FETCH_LICENSE: 'false', CDXGEN_FETCH_PKG_METADATA: 'false' },
    options: '-t js --no-install-deps --no-babel --spec-version 1.6, FETCH_LICENSE=false CDXGEN_FETCH_PKG_METADATA=false',
  },
];

/** The last lines of a failed command's output, on one line. */
const tail = (run) => (run.error?.message ?? `${run.stderr}\n${run.stdout}`).replace(/\tCommand being timed:[\s\S]*$/, '').trim().split('\n').slice(-3).join(' ').slice(0, 300);

/** The CLI bundled as dist/ is (with the worker scripts it may load). */
async function bundleCli(outdir) {
  const entries = Object.fromEntries(Object.entries(listEntryPoints()).filter(([name]) => name.startsWith('workers/') || name === 'cli/index'));
  await bundle(entries, outdir);
  return path.join(outdir, 'cli/index.js');
}

/** Installs a peer into a temporary folder (never a project dependency); { dir, version, bin } or { error }. */
function ensurePeer(peer) {
  const installed = installPeer(peer.package, peer.version);
  if (installed.error) return installed;
  const bin = typeof installed.pkg.bin === 'string' ? installed.pkg.bin : installed.pkg.bin?.[peer.bin];
  if (!bin) return { error: `${peer.package} has no ${peer.bin} command` };
  return { dir: installed.dir, version: installed.pkg.version, bin: path.join(path.dirname(installed.manifest), bin) };
}

/** What the lockfile says, to check the documents against: one entry per distinct name@version. */
function readLockfileFacts(dir) {
  const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  const byId = new Map();
  let installed = 0;
  let workspaces = 0;
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (key === '' || entry.link) continue;
    if (!key.includes('node_modules/')) {
      workspaces++;
      continue;
    }
    installed++;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const id = `${name}@${entry.version}`;
    const seen = byId.get(id) ?? { dev: true, devOptional: true, integrity: false };
    // A package is dev-only when every copy of it is.
    seen.dev &&= entry.dev === true;
    seen.devOptional &&= entry.dev === true || entry.devOptional === true;
    seen.integrity ||= typeof entry.integrity === 'string';
    byId.set(id, seen);
  }
  const ids = (test) => new Set([...byId].filter(([, f]) => test(f)).map(([id]) => id));
  return {
    version: lock.lockfileVersion,
    entries: Object.keys(lock.packages ?? {}).length,
    installed,
    workspaces,
    distinct: byId.size,
    withIntegrity: ids((f) => f.integrity),
    devOnly: ids((f) => f.dev),
    devOptionalOnly: ids((f) => f.devOptional && !f.dev),
  };
}

/** name@version of a component, from its purl (qualifiers and subpath dropped, percent-encoding undone). */
function idOf(component) {
  const purl = component.purl;
  if (typeof purl !== 'string' || !purl.startsWith('pkg:npm/')) return `${component.group ? `${component.group}/` : ''}${component.name}@${component.version}`;
  return decodeURIComponent(purl.slice('pkg:npm/'.length).split(/[?#]/)[0]);
}

/** The counts compared: components (nested ones too), hashes, edges, and how dev-only packages are marked. */
function analyse(file, facts) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const components = [];
  const walk = (list) => {
    for (const c of list ?? []) {
      components.push(c);
      walk(c.components);
    }
  };
  walk(doc.components);
  const refs = new Map(components.map((c) => [c['bom-ref'], idOf(c)]));
  const rootRef = doc.metadata?.component?.['bom-ref'];
  if (rootRef) refs.set(rootRef, '(root)');
  let edges = 0;
  const distinctEdges = new Set();
  for (const dep of doc.dependencies ?? []) {
    for (const to of dep.dependsOn ?? []) {
      edges++;
      distinctEdges.add(`${refs.get(dep.ref) ?? dep.ref} ${refs.get(to) ?? to}`);
    }
  }
  const rootId = doc.metadata?.component ? idOf(doc.metadata.component) : undefined;
  // The root counts as described too: a workspace named and versioned as the root is one package.
  const ids = new Set([...components.map(idOf), ...(rootId ? [rootId] : [])]);
  const hashed = new Set(components.filter((c) => (c.hashes ?? []).length > 0).map(idOf));
  const devProperty = (c) => (c.properties ?? []).some((p) => p.name === 'cdx:npm:package:development' && p.value === 'true');
  const devOnly = components.filter((c) => facts.devOnly.has(idOf(c)));
  const distinctOf = (list) => new Set(list.map(idOf)).size;
  const scopes = {};
  for (const c of devOnly) scopes[c.scope ?? '(none)'] = (scopes[c.scope ?? '(none)'] ?? 0) + 1;
  return {
    ids,
    componentIds: new Set(components.map(idOf)),
    rootId,
    components: components.length,
    distinct: ids.size,
    withHashes: components.filter((c) => (c.hashes ?? []).length > 0).length,
    integrityWithoutHash: [...facts.withIntegrity].filter((id) => ids.has(id) && !hashed.has(id)).length,
    integrityPresent: [...facts.withIntegrity].filter((id) => ids.has(id)).length,
    edges,
    distinctEdges: distinctEdges.size,
    devOnlyPresent: distinctOf(devOnly),
    devOnlyExcluded: distinctOf(devOnly.filter((c) => c.scope === 'excluded')),
    devOnlyPropertyOnly: distinctOf(devOnly.filter((c) => devProperty(c) && c.scope !== 'excluded')),
    devOnlyScopes: Object.entries(scopes)
      .sort((a, b) => b[1] - a[1])
      .map(([scope, n]) => `${scope} ${int(n)}`)
      .join(', '),
    excludedNotDevOnly: components.filter((c) => c.scope === 'excluded' && !facts.devOnly.has(idOf(c))).map(idOf),
  };
}

/** One tool, RUNS fresh processes; the output file of the last run is kept for the counts. */
function timeTool(label, command, args, options, outFile) {
  const runs = [];
  const outputs = new Set();
  for (let i = 0; i < RUNS; i++) {
    rmSync(outFile, { force: true });
    const run = measure(command, args, options);
    if (run.status !== 0 || !existsSync(outFile)) return { label, error: `exit ${run.status ?? run.error?.code}: ${tail(run)}` };
    outputs.add(readFileSync(outFile, 'utf8'));
    runs.push(run);
  }
  return {
    label,
    median: median(runs.map((r) => r.seconds)),
    first: runs[0].seconds,
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb ?? 0)) || undefined,
    identical: outputs.size === 1,
    file: outFile,
  };
}

/** Our run, once more under --cpu-prof: the heaviest functions by inclusive time. */
function profileOurs(ctx) {
  const profDir = path.join(ctx.tmp, 'profile');
  mkdirSync(profDir);
  spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, ...ctx.oursArgs(path.join(ctx.tmp, 'profiled.cdx.json'))], { env: ctx.oursEnv, stdio: 'ignore' });
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return;
  const profile = JSON.parse(readFileSync(path.join(profDir, file), 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const name = (n) => n.callFrame.functionName || `(${path.basename(n.callFrame.url) || n.callFrame.url || 'anonymous'})`;
  const inclusive = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const key = name(nodes.get(cur));
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  });
  const wanted = ['generateSboms', 'buildInventory', 'parseNpmLock', 'buildCycloneDx', 'buildComponentGraph', 'normalizeLicense', 'buildBom', 'normalize', 'writeDocuments', 'headCommit', 'originUrl', '(garbage collector)'];
  const rows = wanted.filter((w) => inclusive.has(w)).map((w) => [w, fmt(inclusive.get(w) / 1000, 0), `${fmt((100 * inclusive.get(w)) / total, 0)}%`]);
  console.log(`Where our time goes (one run under --cpu-prof, ${fmt(total / 1000, 0)} ms sampled; inclusive, so nested rows overlap; the rest is Node start and loading the bundle):`);
  console.log('');
  table(['function', 'ms', 'share'], rows);
  console.log('');
}

function describeFixture(facts) {
  console.log(
    `Project: bench/fixtures/npm-monorepo, ${FIXTURE_LABEL}: package-lock.json v${facts.version} with ${int(facts.entries)} entries ` +
      `(${int(facts.installed)} packages under node_modules, ${facts.workspaces} workspaces), ${int(facts.distinct)} distinct name@version, ` +
      `${int(facts.withIntegrity.size)} with an integrity, ${int(facts.devOnly.size)} dev-only, ${int(facts.devOptionalOnly.size)} devOptional (dev or optional, never a plain production dependency).`,
  );
  console.log('');
}

async function runPeers(ctx) {
  const wanted = PEERS.filter((p) => !SKIP.has(p.key));
  if (wanted.length === 0) return [];
  const installed = wanted.map((peer) => ({ peer, install: ensurePeer(peer) }));
  const usable = installed.filter((p) => p.install.dir);
  for (const { peer, install } of installed) if (install.error) ctx.notes.push(`${peer.package}: not run (${install.error}).`);
  if (usable.length === 0) return [];
  const project = path.join(ctx.tmp, 'installed-project');
  cpSync(FIXTURE, project, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const ci = measure(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: project });
  if (ci.status !== 0) {
    ctx.notes.push(`Peers not run: \`npm ci --ignore-scripts\` failed (they need node_modules): ${tail(ci)}`);
    return [];
  }
  const added = /added (\d+) packages?/.exec(ci.stdout + ci.stderr)?.[1];
  ctx.notes.push(`The peers ran on a copy after \`npm ci --ignore-scripts\` (${added ? `${int(Number(added))} packages, ` : ''}${fmt(ci.seconds)} s, not counted in their times).`);
  const results = [];
  for (const { peer, install } of usable) {
    const out = path.join(ctx.tmp, `${peer.key}.cdx.json`);
    const args = [install.bin, ...peer.args(out, project)];
    const command = TIMEOUT ? TIMEOUT : process.execPath;
    const fullArgs = TIMEOUT ? [String(PEER_TIMEOUT_S), process.execPath, ...args] : args;
    const result = timeTool(`${peer.package} ${install.version}`, command, fullArgs, { cwd: project, env: { ...process.env, ...peer.env } }, out);
    results.push({ ...result, peer, needs: 'node_modules (npm ci)' });
  }
  return results;
}

export async function runSbomBenchmarks() {
  console.log('');
  console.log('## sbom');
  console.log('');
  if (SKIP_ENV === '1' || SKIP.has('all')) {
    console.log('Skipped: BENCH_SBOM_SKIP=1.');
    return;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'devsecops-bench-sbom-'));
  try {
    let cli;
    try {
      cli = await bundleCli(path.join(tmp, 'dist'));
    } catch (error) {
      const first = error?.errors?.[0];
      const why = first ? `${first.location ? `${first.location.file}:${first.location.line}: ` : ''}${first.text}` : String(error?.message ?? error).split('\n')[0];
      console.log(`Skipped: the CLI does not build (${why}).`);
      return;
    }
    const [load] = os.loadavg();
    const cores = os.availableParallelism();
    if (load > cores / 2) console.log(`Warning: load average ${fmt(load, 2)} on ${cores} cores before the run: times are pessimistic; ratios measured in the same run hold better.\n`);
    const facts = readLockfileFacts(FIXTURE);
    describeFixture(facts);

    // Ours reads the fixture as committed: no node_modules, no npm ci.
    const ourProject = path.join(tmp, 'project');
    cpSync(FIXTURE, ourProject, { recursive: true });
    const oursEnv = { ...process.env, SOURCE_DATE_EPOCH };
    const oursArgs = (out) => [cli, 'sbom', ourProject, '--format', 'cyclonedx-json', '-o', out, '--reproducible'];
    const ctx = { tmp, notes: [], oursArgs, oursEnv };
    const ours = { ...timeTool('devsecops sbom (CLI, bundled)', process.execPath, oursArgs(path.join(tmp, 'ours.cdx.json')), { cwd: tmp, env: oursEnv }, path.join(tmp, 'ours.cdx.json')), needs: 'package-lock.json only' };
    const bareRuns = Array.from({ length: RUNS }, () => measure(process.execPath, ['-e', '']));
    const bare = { label: 'bare `node -e ""` (floor: Node start)', median: median(bareRuns.map((r) => r.seconds)), first: bareRuns[0].seconds, peakRssMb: Math.max(...bareRuns.map((r) => r.peakRssMb ?? 0)) || undefined };
    const peers = await runPeers(ctx);

    console.log(`### Time to a CycloneDX 1.6 JSON document (${RUNS} runs each, every run a fresh process; median and first run)`);
    console.log('');
    const rows = [];
    const okPeers = peers.filter((p) => !p.error);
    const speedups = (r) => okPeers.map((p) => (r.error || r === p ? '-' : ratio(p.median / r.median)));
    for (const r of [ours, ...peers, bare]) {
      if (r.error) {
        rows.push([r.label, r.needs ?? '-', 'failed', '-', '-', ...okPeers.map(() => '-')]);
        ctx.notes.push(`${r.label} failed: ${r.error}`);
        continue;
      }
      rows.push([r.label, r.needs ?? '-', fmt(r.median, 2), fmt(r.first, 2), fmt(r.peakRssMb, 0), ...speedups(r)]);
    }
    table(['tool', 'reads', 'median s', 'first s', 'peak RSS MB', ...okPeers.map((p) => `faster than ${p.peer.key} (its median ÷ this median)`)], rows);
    console.log('');
    console.log('- Ours reads package-lock.json and the package.json files only: it ran on the fixture as committed, without node_modules and without `npm ci`. The peers describe the installed tree, so they need `npm ci` first.');
    for (const p of peers) console.log(`- ${p.label}: ${p.peer.options}.`);
    for (const note of ctx.notes) console.log(`- ${note}`);
    if (!ours.error && !ours.identical) console.log('- Our runs did NOT write identical bytes despite --reproducible.');
    else if (!ours.error && RUNS > 1) console.log(`- Our ${RUNS} runs wrote identical bytes (--reproducible).`);
    console.log('- Peak RSS is the largest single process (cyclonedx-npm runs `npm ls` in a child process, which may be the larger).');
    console.log('');

    if (ours.error) return;
    const docs = [{ key: 'devsecops', label: 'devsecops', a: analyse(ours.file, facts) }, ...okPeers.map((p) => ({ key: p.peer.key, label: p.peer.key, a: analyse(p.file, facts) }))];
    console.log('### The documents side by side');
    console.log('');
    const metric = (label, f) => [label, ...docs.map((d) => f(d.a))];
    table(
      ['', ...docs.map((d) => d.label)],
      [
        metric('components (nested ones counted)', (a) => int(a.components)),
        metric('distinct name@version, metadata.component included', (a) => int(a.distinct)),
        metric('components with hashes', (a) => int(a.withHashes)),
        metric(`lockfile packages with an integrity (${int(facts.withIntegrity.size)}): present / without a hash`, (a) => `${int(a.integrityPresent)} / ${int(a.integrityWithoutHash)}`),
        metric('dependency edges (sum of dependsOn)', (a) => int(a.edges)),
        metric('distinct edges between name@version', (a) => int(a.distinctEdges)),
        metric(`dev-only packages (${int(facts.devOnly.size)} in the lockfile) present`, (a) => int(a.devOnlyPresent)),
        metric('… of them scope: excluded', (a) => int(a.devOnlyExcluded)),
        metric('… of them marked by the property cdx:npm:package:development only', (a) => int(a.devOnlyPropertyOnly)),
        metric('scope of the dev-only components', (a) => a.devOnlyScopes || '-'),
        metric('scope: excluded on packages that are not dev-only', (a) => int(a.excludedNotDevOnly.length)),
      ],
    );
    console.log('');
    const [mine, ...others] = docs;
    for (const other of others) {
      const onlyMine = [...mine.a.ids].filter((id) => !other.a.ids.has(id));
      const onlyTheirs = [...other.a.ids].filter((id) => !mine.a.ids.has(id));
      const copies = other.a.components - other.a.componentIds.size;
      const parts = [];
      if (copies > 0) parts.push(`${other.key} writes one component per installed copy (${int(copies)} repeat a name@version nested elsewhere)`);
      if (onlyMine.length > 0) parts.push(`${int(onlyMine.length)} name@version only in ours (${onlyMine.slice(0, 3).join(', ')}${onlyMine.length > 3 ? ', …' : ''}: in the lockfile but not installed by npm ci on this platform)`);
      if (onlyTheirs.length > 0) parts.push(`${int(onlyTheirs.length)} only in ${other.key} (${onlyTheirs.slice(0, 3).join(', ')}${onlyTheirs.length > 3 ? ', …' : ''})`);
      if (other.a.componentIds.has(mine.a.rootId) && !mine.a.componentIds.has(mine.a.rootId)) {
        parts.push(`${other.key} also lists ${mine.a.rootId} among its components: a workspace named and versioned as the root, which ours writes once, as metadata.component`);
      }
      if (parts.length === 0) parts.push('the same name@version set');
      console.log(`- Components, ours vs ${other.key}: ${parts.join('; ')}.`);
    }
    const devOptional = mine.a.excludedNotDevOnly;
    if (devOptional.length > 0) {
      const allDevOptional = devOptional.every((id) => facts.devOptionalOnly.has(id));
      console.log(`- Ours also marks ${devOptional.length} package(s) excluded that are not dev-only: ${devOptional.slice(0, 4).join(', ')}${allDevOptional ? ' (devOptional in the lockfile: installed for development or as an optional dependency only)' : ''}.`);
    }
    console.log('');

    console.log('### Goal (issue)');
    console.log('');
    const verdict = (ok) => (ok ? 'met' : 'MISSED');
    const goalRows = [];
    for (const other of others) {
      const peer = okPeers.find((p) => p.peer.key === other.key);
      const speed = peer.median / ours.median;
      goalRows.push([`at least ${GOAL_SPEEDUP}x faster than ${other.key}`, ratio(speed), verdict(speed >= GOAL_SPEEDUP)]);
      goalRows.push([
        `at least as many components as ${other.key} (as written / distinct name@version with the root)`,
        `${int(mine.a.components)} vs ${int(other.a.components)} / ${int(mine.a.distinct)} vs ${int(other.a.distinct)}`,
        `${verdict(mine.a.components >= other.a.components)} / ${verdict(mine.a.distinct >= other.a.distinct)}`,
      ]);
      goalRows.push([
        `at least as many dependency edges as ${other.key} (as written / distinct)`,
        `${int(mine.a.edges)} vs ${int(other.a.edges)} / ${int(mine.a.distinctEdges)} vs ${int(other.a.distinctEdges)}`,
        `${verdict(mine.a.edges >= other.a.edges)} / ${verdict(mine.a.distinctEdges >= other.a.distinctEdges)}`,
      ]);
    }
    goalRows.push(['a hash on every component whose lockfile entry has an integrity', `${int(mine.a.integrityPresent - mine.a.integrityWithoutHash)} of ${int(facts.withIntegrity.size)}`, verdict(mine.a.integrityWithoutHash === 0 && mine.a.integrityPresent === facts.withIntegrity.size)]);
    goalRows.push(['dev-only packages scope: excluded', `${int(mine.a.devOnlyExcluded)} of ${int(facts.devOnly.size)}`, verdict(mine.a.devOnlyExcluded === facts.devOnly.size)]);
    table(['goal', 'measured', 'verdict'], goalRows);
    console.log('');
    console.log('- Times include Node start and loading each tool; the floor row above is Node alone.');
    console.log('');
    if (PROFILE) profileOurs(ctx);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runSbomBenchmarks();
}
