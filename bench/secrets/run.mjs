// The secrets-scan benchmarks, run by `npm run bench` after the cold-start
// table (or alone: `node bench/secrets/run.mjs`). Everything it generates goes
// to a temporary folder, which it removes.
//
//  1. Accuracy: recall and precision on the labelled corpus
//     (__tests__/fixtures/secrets-corpus/), with every miss and every false
//     report listed by path, line and rule; secretlint on the same corpus.
//  2. Throughput: a seeded ~100 MB corpus; our engine end to end (the CLI when
//     it has the command), single-thread and with worker threads; secretlint
//     (recommended preset) and ripgrep (one pattern of all our rule keywords)
//     as peers in the same run. MB/s by wall clock and peak RSS.
//  3. History: a 10,000-commit repository made with git fast-import; commits
//     per second of the history scan.
//
// A found secret is never printed: only rule, path and line.
//
// Environment: BENCH_SECRETS_MB (corpus size, default 100), BENCH_SECRETS_COMMITS
// (default 10000), BENCH_SECRETS_SKIP (comma list of accuracy,throughput,history).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, listEntryPoints } from '../../scripts/build.mjs';
import { importTs, root } from './load-ts.mjs';
import { fmt, measure, PEERS_DIR, table } from '../support.mjs';

const MB = 1024 * 1024;
const CORPUS_MB = Number(process.env.BENCH_SECRETS_MB ?? 100);
const COMMITS = Number(process.env.BENCH_SECRETS_COMMITS ?? 10000);
const SKIP = new Set((process.env.BENCH_SECRETS_SKIP ?? '').split(',').filter(Boolean));
const SECRETLINT_VERSION = '12';

/**
 * Bundles the engine driver with the project's build (scripts/build.mjs), next
 * to the worker scripts as dist/ lays them out, and the CLI with them. The
 * action entry points are left out: a half-finished action must not stop the
 * benchmark. If the CLI does not build, the engine is measured without it.
 */
async function bundleDriver(outdir) {
  const entries = Object.fromEntries(Object.entries(listEntryPoints()).filter(([name]) => name.startsWith('workers/') || name === 'cli/index'));
  entries['bench/engine-driver'] = path.join(root, 'bench/secrets/engine-driver.ts');
  try {
    await bundle(entries, outdir);
    return { driver: path.join(outdir, 'bench/engine-driver.js'), cli: path.join(outdir, 'cli/index.js') };
  } catch {
    delete entries['cli/index'];
    await bundle(entries, outdir);
    return { driver: path.join(outdir, 'bench/engine-driver.js'), cli: undefined };
  }
}

/** True when the CLI bundle knows the secrets-scan command. */
function cliHasSecretsScan(cli) {
  const help = spawnSync(process.execPath, [cli, 'secrets-scan', '--help'], { encoding: 'utf8' });
  return help.status === 0 && /secrets-scan/.test(help.stdout + help.stderr);
}

function runDriver(driver, args) {
  const run = measure(process.execPath, [driver, ...args]);
  if (run.status !== 0) throw new Error(`engine driver ${args.join(' ')} failed (exit ${run.status}): ${run.stderr.slice(-2000)}`);
  return { ...run, out: JSON.parse(run.stdout.trim().split('\n').at(-1)) };
}

/** Findings of the CLI's --json report as { path, line, endLine, rule }. */
function readCliFindings(jsonFile) {
  const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
  const findings = Array.isArray(report) ? report : (report.findings ?? []);
  return findings.map((f) => {
    const loc = f.location ?? f.locations?.[0] ?? f;
    const line = loc.startLine ?? loc.line ?? loc.region?.startLine ?? f.startLine ?? f.line;
    return { path: (loc.path ?? loc.file ?? f.path ?? '').replace(/\\/g, '/'), line, endLine: loc.endLine ?? loc.region?.endLine ?? line, rule: f.ruleId ?? f.rule?.id ?? f.rule ?? '?' };
  });
}

function runCli(cli, dir, extraArgs = []) {
  const jsonFile = path.join(os.tmpdir(), `devsecops-bench-${process.pid}-${Date.now()}.json`);
  const run = measure(process.execPath, [cli, 'secrets-scan', dir, '--scope', 'all', '--fail-on-severity', 'none', '--json', jsonFile, ...extraArgs], { cwd: dir });
  if (!existsSync(jsonFile)) throw new Error(`the CLI wrote no --json report (exit ${run.status}): ${(run.stderr || run.stdout).slice(-2000)}`);
  const findings = readCliFindings(jsonFile);
  rmSync(jsonFile, { force: true });
  return { ...run, findings };
}

/** Installs secretlint and its recommended preset into a temporary folder (never a project dependency). */
function ensureSecretlint() {
  const dir = path.join(PEERS_DIR, `secretlint-${SECRETLINT_VERSION}`);
  const bin = path.join(dir, 'node_modules/secretlint/bin/secretlint.js');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--silent', `secretlint@${SECRETLINT_VERSION}`, `@secretlint/secretlint-rule-preset-recommend@${SECRETLINT_VERSION}`], { cwd: dir, encoding: 'utf8' });
    if (install.status !== 0 || !existsSync(bin)) return { error: `npm install secretlint@${SECRETLINT_VERSION} failed: ${(install.stderr || '').trim().split('\n').at(-1)}` };
  }
  const rc = path.join(dir, 'secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const version = JSON.parse(readFileSync(path.join(dir, 'node_modules/secretlint/package.json'), 'utf8')).version;
  return { bin, rc, version };
}

/** secretlint over `files` (relative to `cwd`, passed literally); findings as { path, line, endLine, rule }. */
function runSecretlint(secretlint, cwd, files) {
  const out = path.join(os.tmpdir(), `secretlint-${process.pid}-${Date.now()}.json`);
  // Masked output (the default), and only rule and position are read from it.
  const run = measure(process.execPath, [secretlint.bin, '--secretlintrc', secretlint.rc, '--format', 'json', '--output', out, '--no-glob', ...files], { cwd });
  if (!existsSync(out)) throw new Error(`secretlint wrote no report (exit ${run.status}): ${run.stderr.slice(-1000)}`);
  const results = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  const findings = [];
  for (const result of results) {
    for (const m of result.messages ?? []) {
      findings.push({ path: path.relative(cwd, result.filePath).split(path.sep).join('/'), line: m.loc?.start?.line, endLine: m.loc?.end?.line ?? m.loc?.start?.line, rule: (m.ruleId ?? '?').replace('@secretlint/secretlint-rule-', 'secretlint/') });
    }
  }
  return { ...run, findings };
}

/** Recall and precision of `findings` against the labels: a finding is a true positive when it starts within a labelled credential's lines. */
function score(findings, labels) {
  const positives = labels.positives;
  const negativeKind = new Map(labels.negatives.map((n) => [`${n.path}:${n.line}`, n.kind]));
  const hits = (label, f) => f.path === label.path && f.line <= (label.endLine ?? label.line) && (f.endLine ?? f.line) >= label.line;
  const found = positives.filter((label) => findings.some((f) => hits(label, f)));
  const missed = positives.filter((label) => !found.includes(label));
  // Findings counted once per path and line (two rules on one value are one report for a person).
  const reported = new Map();
  for (const f of findings) {
    const key = `${f.path}:${f.line}`;
    if (!reported.has(key)) reported.set(key, { ...f, rules: new Set() });
    reported.get(key).rules.add(f.rule);
  }
  const falsePositives = [...reported.values()].filter((f) => !positives.some((label) => hits(label, f)));
  const truePositives = reported.size - falsePositives.length;
  return {
    recall: found.length / positives.length,
    precision: reported.size === 0 ? 0 : truePositives / reported.size,
    found: found.length,
    reported: reported.size,
    missed,
    falsePositives: falsePositives.map((f) => ({ ...f, kind: negativeKind.get(`${f.path}:${f.line}`) })),
  };
}

function printScore(name, s, labels, { details }) {
  console.log(`- ${name}: recall ${fmt(s.recall, 3)} (${s.found}/${labels.positives.length}), precision ${fmt(s.precision, 3)} (${s.reported - s.falsePositives.length}/${s.reported} reported lines)`);
  if (!details) return;
  if (s.missed.length > 0) {
    const byProvider = new Map();
    for (const m of s.missed) byProvider.set(m.provider, [...(byProvider.get(m.provider) ?? []), m]);
    console.log(`\n  Missed (${s.missed.length}), by provider:`);
    for (const [provider, list] of [...byProvider].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
      console.log(`  - ${provider} (${list.length}): ${list.map((m) => `${m.path}:${m.line} [${m.format}]`).join(', ')}`);
    }
  }
  if (s.falsePositives.length > 0) {
    console.log(`\n  Falsely reported (${s.falsePositives.length}):`);
    for (const f of s.falsePositives.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line))) {
      console.log(`  - ${f.path}:${f.line} ${[...f.rules].join('+')}${f.kind ? ` (look-alike: ${f.kind})` : ''}`);
    }
  }
  console.log('');
}

async function benchAccuracy(ctx) {
  const corpusDir = path.join(root, '__tests__/fixtures/secrets-corpus');
  const labels = JSON.parse(readFileSync(path.join(corpusDir, 'labels.json'), 'utf8'));
  // A copy outside the repository: no parent .git, .gitignore or config file of ours applies.
  const repo = path.join(ctx.tmp, 'accuracy');
  cpSync(path.join(corpusDir, 'repo'), repo, { recursive: true });
  const providers = new Set(labels.positives.map((p) => p.provider)).size;
  console.log(`### Accuracy: labelled corpus (${labels.positives.length} fake credentials from ${providers} providers, ${labels.negatives.length} labelled look-alikes)`);
  console.log('');
  let ours;
  let how = '`devsecops secrets-scan --scope all`';
  try {
    if (ctx.cli) ours = runCli(ctx.cli, repo).findings;
  } catch (error) {
    console.log(`The CLI run failed, measuring the engine instead: ${error.message}\n`);
  }
  if (!ours) {
    ours = runDriver(ctx.driver, ['files', repo, '0']).out.matches;
    how = 'engine scanFiles with the built-in rules and filters';
  }
  printScore(`devsecops-actions (${how})`, score(ours, labels), labels, { details: true });
  if (ctx.secretlint.bin) {
    const sl = runSecretlint(ctx.secretlint, repo, listFilesUnder(repo));
    printScore(`secretlint ${ctx.secretlint.version} (recommended preset)`, score(sl.findings, labels), labels, { details: false });
  } else {
    console.log(`- secretlint: not run (${ctx.secretlint.error})`);
  }
  console.log('');
}

/** Files under `dir/prefix`, relative to `dir`, with forward slashes. */
function listFilesUnder(dir, prefix = '') {
  return readdirSync(path.join(dir, prefix), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
    .sort();
}

async function benchThroughput(ctx) {
  const { writeThroughputCorpus, PART_BYTES } = await importTs('bench/secrets/throughput-corpus.ts');
  const dir = path.join(ctx.tmp, 'throughput');
  const started = process.hrtime.bigint();
  const corpus = writeThroughputCorpus(dir, CORPUS_MB * MB);
  const genSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mb = corpus.bytes / MB;
  console.log(`### Throughput: ${fmt(mb)} MB in ${corpus.files} files (seeded; generated in ${fmt(genSeconds)} s), ${corpus.planted.length} fake credentials planted; ${os.availableParallelism()} cores`);
  console.log('');
  const rows = [];
  const row = (tool, scannedMb, run, found, note = '') => ({ tool, scannedMb, seconds: run.seconds, peakRssMb: run.peakRssMb, found, note });
  const plantedFound = (matches) => corpus.planted.filter((p) => matches.some((m) => m.path === p.path && m.line === p.line)).length;

  // The corpus was just written, so it is in the page cache for every tool alike.

  if (ctx.cli) {
    try {
      const cli = runCli(ctx.cli, dir);
      rows.push(row('devsecops secrets-scan (CLI, end to end)', mb, cli, plantedFound(cli.findings)));
    } catch (error) {
      console.log(`The CLI run failed: ${error.message}\n`);
    }
  }
  const single = runDriver(ctx.driver, ['files', dir, '1']);
  rows.push(row('engine scanFiles, 1 thread', mb, single, plantedFound(single.out.matches)));
  const missedFormats = new Map();
  for (const p of corpus.planted) {
    if (!single.out.matches.some((m) => m.path === p.path && m.line === p.line)) missedFormats.set(p.format, (missedFormats.get(p.format) ?? 0) + 1);
  }
  const workers = Math.max(2, os.availableParallelism());
  const pooled = runDriver(ctx.driver, ['files', dir, String(workers)]);
  rows.push(row(`engine scanFiles, ${workers} worker threads`, mb, pooled, plantedFound(pooled.out.matches)));

  let secretlintRow;
  if (ctx.secretlint.bin) {
    // secretlint over a prefix of the corpus (whole part folders) of about SECRETLINT_MB.
    const wantBytes = Number(process.env.BENCH_SECRETLINT_MB ?? 20) * MB;
    const parts = corpus.parts.slice(0, Math.max(1, Math.round(wantBytes / PART_BYTES)));
    const files = parts.flatMap((p) => listFilesUnder(dir, p));
    const subsetMb = files.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0) / MB;
    const sl = runSecretlint(ctx.secretlint, dir, files);
    secretlintRow = row(`secretlint ${ctx.secretlint.version} (recommended preset)`, subsetMb, sl, plantedFound(sl.findings), `first ${parts.length} part folders`);
    rows.push(secretlintRow);
  }
  const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (rg.status === 0) {
    const keywords = runDriver(ctx.driver, ['keywords']).out.keywords;
    const pattern = keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    const run = measure('rg', ['-i', '-c', '--no-ignore', '--hidden', '--no-messages', '-e', pattern, dir]);
    rows.push(row(`ripgrep ${rg.stdout.split('\n')[0].split(' ')[1]} (-i, one pattern of all ${keywords.length} rule keywords; prefilter only)`, mb, run, undefined, 'counts lines, finds nothing'));
  } else {
    console.log('ripgrep (rg) is not installed: no second peer (on Debian: apt-get install -y ripgrep).');
  }
  const slRate = secretlintRow ? secretlintRow.scannedMb / secretlintRow.seconds : undefined;
  table(
    ['tool', 'MB scanned', 'seconds', 'MB/s', 'peak RSS MB', 'planted found', 'ratio vs secretlint (MB/s)'],
    rows.map((r) => {
      const rate = r.scannedMb / r.seconds;
      return [r.tool, fmt(r.scannedMb), fmt(r.seconds, 2), fmt(rate), fmt(r.peakRssMb, 0), r.found === undefined ? '-' : `${r.found}${r.note && r.found !== undefined ? ` (${r.note})` : ''}`, slRate ? `${fmt(rate / slRate)}x` : 'n/a'];
    }),
  );
  console.log('');
  console.log(`Goal (issue): >= 100 MB/s on 2 cores and >= 20x secretlint. "planted found": of the ${corpus.planted.length} planted fake credentials (secretlint: of those in its subset), how many were reported at their line.`);
  if (missedFormats.size > 0) console.log(`Planted formats the engine missed here: ${[...missedFormats].map(([f, n]) => `${f} (${n})`).join(', ')}.`);
  console.log('');
  rmSync(dir, { recursive: true, force: true });
}

async function benchHistory(ctx) {
  const { buildHistoryStream } = await importTs('bench/secrets/history-repo.ts');
  const repo = path.join(ctx.tmp, 'history');
  mkdirSync(repo);
  const started = process.hrtime.bigint();
  const history = buildHistoryStream(COMMITS);
  const git = (args, input) => spawnSync('git', args, { cwd: repo, input, maxBuffer: 64 * MB });
  git(['init', '-q', '-b', 'main']);
  const imported = git(['fast-import', '--quiet'], history.stream);
  if (imported.status !== 0) throw new Error(`git fast-import failed: ${imported.stderr}`);
  git(['reset', '-q', '--hard', 'main']);
  const makeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`### History: ${history.commits} commits made with git fast-import in ${fmt(makeSeconds)} s (${history.secretsAdded} fake credentials added, ${history.secretsMoved} moved, ${history.secretsRemoved} removed)`);
  console.log('');
  const rows = [];
  if (ctx.cli) {
    const jsonFile = path.join(ctx.tmp, 'history.json');
    const run = measure(process.execPath, [ctx.cli, 'secrets-scan', repo, '--history', '--scope', 'all', '--fail-on-severity', 'none', '--json', jsonFile], { cwd: repo });
    if (existsSync(jsonFile)) rows.push(['devsecops secrets-scan --history (CLI, end to end)', history.commits, fmt(run.seconds, 2), fmt(history.commits / run.seconds, 0), fmt(run.peakRssMb, 0), readCliFindings(jsonFile).length]);
    else console.log(`The CLI's --history run wrote no report (exit ${run.status}): ${(run.stderr || '').slice(-500)}`);
  }
  const run = runDriver(ctx.driver, ['history', repo]);
  rows.push(['scanHistory (engine, 1 thread)', run.out.commits, fmt(run.out.seconds, 2), fmt(run.out.commits / run.out.seconds, 0), fmt(run.peakRssMb, 0), run.out.findings.length]);
  table(['what', 'commits', 'seconds', 'commits/s', 'peak RSS MB', 'findings'], rows);
  console.log('');
}

export async function runSecretsBenchmarks() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'devsecops-bench-secrets-'));
  try {
    console.log('');
    console.log('## secrets-scan');
    console.log('');
    let bundled;
    try {
      bundled = await bundleDriver(path.join(tmp, 'dist'));
    } catch (error) {
      console.log(`Skipped: the secrets engine does not build yet (${String(error?.message ?? error).split('\n')[0]}).`);
      return;
    }
    const [load] = os.loadavg();
    const cores = os.availableParallelism();
    if (load > cores / 2) console.log(`Warning: load average ${fmt(load, 2)} on ${cores} cores before the run: other processes compete for the CPU, so times (and above all the worker speed-up) are pessimistic; ratios measured in the same run hold better.\n`);
    const ctx = { tmp, driver: bundled.driver, cli: bundled.cli && cliHasSecretsScan(bundled.cli) ? bundled.cli : undefined, secretlint: ensureSecretlint() };
    if (!ctx.cli) console.log('The CLI has no `secrets-scan` command yet: the engine is measured through scanFiles/scanHistory (bundled as dist/ is).\n');
    if (!SKIP.has('accuracy')) await benchAccuracy(ctx);
    if (!SKIP.has('throughput')) await benchThroughput(ctx);
    if (!SKIP.has('history')) await benchHistory(ctx);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runSecretsBenchmarks();
}
