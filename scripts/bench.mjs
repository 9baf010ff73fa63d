// `npm run bench`: performance figures, printed with ratios against a peer
// measured in the same run (never asserted in tests: machines are noisy).
//
// Cold start: `node <bundle>` up to its first real work. An action is started
// with no runner environment, so it stops at the first thing it does (reading
// the GitHub context) with exit 2; the CLI runs `--version`. The peer is a bare
// `node` start on the same machine in the same run.
//
// Then the secrets-scan benchmarks (bench/secrets/run.mjs): accuracy on the
// labelled corpus, throughput on a generated 100 MB corpus against secretlint
// and ripgrep, and the history scan of a 10,000-commit repository.
// BENCH_SECRETS_SKIP=accuracy,throughput,history leaves parts out.
//
// Then the dependency-audit benchmarks (bench/dependencies/run.mjs): parsing a
// 10,000-package package-lock.json and a 5,000-package pnpm-lock.yaml against
// npm's and pnpm's own readers, matching 10,000 packages against 100,000
// offline OSV records, and the whole offline audit against its 2 s goal.
// BENCH_DEPENDENCIES_SKIP=parse,match,audit leaves parts out.
//
// Then the sbom benchmark (bench/sbom/run.mjs): time to a CycloneDX document of
// a real 1,438-entry npm monorepo (bench/fixtures/npm-monorepo) against
// @cyclonedx/cyclonedx-npm and @cyclonedx/cdxgen, and each document's
// components, hashes, edges and dev-only marking side by side.
// BENCH_SBOM_SKIP=1 leaves it out.
//
// Then the policy-gate benchmarks (bench/policy/run.mjs): the engine on 10,000
// findings, one condition in CEL against the same in Rego compiled to
// WebAssembly (OPA's own runtime), and the CLI end to end on a 10,000-result
// SARIF file. BENCH_POLICY_SKIP=1 (or engine,rego,cli) leaves parts out.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDependencyBenchmarks } from '../bench/dependencies/run.mjs';
import { runPolicyBenchmarks } from '../bench/policy/run.mjs';
import { runSbomBenchmarks } from '../bench/sbom/run.mjs';
import { runSecretsBenchmarks } from '../bench/secrets/run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

function timeCommand(args, env) {
  const samples = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= 2) samples.push(ms); // the first two warm the file cache
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p90: samples[Math.floor(samples.length * 0.9)] };
}

/** Bytes a bundle loads before its first real work: the entry and its static imports, recursively. */
function loadedBytes(file, seen = new Set()) {
  if (seen.has(file)) return 0;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  let total = Buffer.byteLength(text);
  for (const m of text.matchAll(/(?:^|[;\s}])import\s*(?:[^'"()]*?from\s*)?["'](\.[^"']+)["']/g)) {
    total += loadedBytes(path.resolve(path.dirname(file), m[1]), seen);
  }
  return total;
}

const bundles = [];
const dist = path.join(root, 'dist');
for (const name of readdirSync(dist).sort()) {
  const entry = path.join(dist, name, 'index.js');
  if (name !== 'chunks' && existsSync(entry)) bundles.push({ name, entry });
}
const testAction = path.join(root, 'node_modules/.cache/devsecops-test-dist/test-action/index.js');
if (existsSync(testAction)) bundles.push({ name: 'test-action (pipeline only; built by npm test)', entry: testAction });

const bareEnv = { PATH: process.env.PATH ?? '' };
const peer = timeCommand(['-e', ''], bareEnv);
console.log(`Cold start (${RUNS} runs each; median / p90), peer: bare \`node -e ""\` ${peer.median.toFixed(1)} / ${peer.p90.toFixed(1)} ms`);
console.log('');
console.log('| bundle | loaded before first work | median ms | p90 ms | median over bare node |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const { name, entry } of bundles) {
  const args = name === 'cli' ? [entry, '--version'] : [entry];
  const t = timeCommand(args, bareEnv);
  const kib = (loadedBytes(entry) / 1024).toFixed(0);
  console.log(`| ${name} | ${kib} KiB | ${t.median.toFixed(1)} | ${t.p90.toFixed(1)} | +${(t.median - peer.median).toFixed(1)} ms (${(t.median / peer.median).toFixed(2)}x) |`);
}
const chunks = path.join(dist, 'chunks');
if (existsSync(chunks)) {
  const distBytes = readdirSync(chunks).reduce((n, f) => n + statSync(path.join(chunks, f)).size, 0);
  console.log('');
  console.log(`dist/chunks: ${(distBytes / 1024).toFixed(0)} KiB shared by the bundles (loaded on demand where imported dynamically).`);
}

await runSecretsBenchmarks();
await runDependencyBenchmarks();
await runSbomBenchmarks();
await runPolicyBenchmarks();
