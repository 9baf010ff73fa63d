// The policy-gate benchmarks, run by `npm run bench` after the sbom one (or
// alone: `node bench/policy/run.mjs`). The issue's goal: "a gate over 10,000
// findings must decide in well under a second".
//
// 1. The engine (bench/policy/evaluate-policy.mjs, its own process): 10,000
//    findings against 50 rules (10 with CEL), 20 exceptions, thresholds and a
//    2,000-package SBOM, typical and worst case.
// 2. One condition two ways, in this process on the same 10,000 finding
//    objects: CEL (@marcbachmann/cel-js through src/scanners/policy/cel.ts)
//    and the same condition written in Rego, compiled by OPA to WebAssembly
//    and run by @open-policy-agent/opa-wasm (through rego.ts): the peer a
//    team that writes Rego would otherwise use. Both must agree on every
//    finding.
// 3. End to end: the bundled CLI (dist/cli/index.js, as users run it) deciding
//    a generated 10,000-result SARIF file with the issue's policy, each run a
//    fresh process, median of BENCH_POLICY_CLI_RUNS (default 5).
//
// BENCH_POLICY_SKIP=1 leaves it all out; a comma list of engine,rego,cli
// leaves out those parts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importTs } from '../secrets/load-ts.mjs';
import { fmt, int, median, ratio, table } from '../support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FINDINGS = 10_000;
const CLI_RUNS = Number(process.env.BENCH_POLICY_CLI_RUNS ?? 5);
const CONDITION_RUNS = 7;

/** A seeded generator, so every run decides the same findings. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const RULE_PREFIXES = ['python.lang.security', 'python.django', 'javascript.express', 'go.lang', 'java.spring'];
const LEVELS = ['error', 'warning', 'note'];
const SCORES = [9.5, 8.1, 7.0, 6.9, 5.0, 3.1, undefined];

/** A Semgrep-shaped SARIF log with `count` results over a few hundred rules and files. */
export function sarifLog(count) {
  const next = random(7);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const rules = Array.from({ length: 200 }, (_, i) => {
    const score = SCORES[i % SCORES.length];
    return {
      id: `${RULE_PREFIXES[i % RULE_PREFIXES.length]}.rule-${i}`,
      defaultConfiguration: { level: LEVELS[i % LEVELS.length] },
      properties: { precision: pick(['very-high', 'high', 'medium']), tags: ['security', `CWE-${i % 40}`], ...(score !== undefined ? { 'security-severity': String(score) } : {}) },
    };
  });
  const results = Array.from({ length: count }, (_, i) => {
    const ruleIndex = Math.floor(next() * rules.length);
    return {
      ruleId: rules[ruleIndex].id,
      ruleIndex,
      message: { text: `finding ${i}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `${pick(['src', 'legacy', 'lib', 'test'])}/file-${i % 900}.py`, uriBaseId: '%SRCROOT%' }, region: { startLine: 1 + (i % 400) } } }],
      fingerprints: { 'matchBasedId/v1': `${i.toString(16).padStart(8, '0')}` },
      ...(next() < 0.3 ? { baselineState: 'new' } : next() < 0.5 ? { baselineState: 'unchanged' } : {}),
    };
  });
  return { version: '2.1.0', runs: [{ tool: { driver: { name: 'Semgrep OSS', semanticVersion: '1.95.0', rules } }, results }] };
}

export const ISSUE_POLICY = `mode: enforce
rules:
  - id: no-new-high
    when: { severity: high, new: true }
    action: fail
    message: New high-severity findings must be fixed before merge.
  - id: python-injection
    when: { tool: semgrep, cel: 'finding.ruleId.startsWith("python.") && finding.severity >= 5.0' }
    action: fail
thresholds:
  - { severity: high, max: 5 }
exceptions:
  - match: { ruleId: "javascript.express.*", path: "legacy/**" }
    reason: Legacy admin UI, replaced in Q1.
    owner: "@octo-org/web"
    expires: 2099-03-31
`;

function runEngine() {
  const run = spawnSync(process.execPath, [path.join(root, 'bench/policy/evaluate-policy.mjs')], { cwd: root, encoding: 'utf8' });
  process.stdout.write(run.stdout);
  if (run.status !== 0) process.stdout.write(`  (engine benchmark failed: ${run.stderr.split('\n')[0]})\n`);
}

function timeIt(fn) {
  const started = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

async function runConditionComparison(sarifFile) {
  const { readSarif } = await importTs('src/core/sarif/reader.ts');
  const { toPolicyFinding } = await importTs('src/scanners/policy/policy-finding.ts');
  const { compileCondition } = await importTs('src/scanners/policy/cel.ts');
  const { loadRegoCondition } = await importTs('src/scanners/policy/rego.ts');
  const { readFileSync } = await import('node:fs');
  const findings = readSarif(readFileSync(sarifFile, 'utf8'), 'bench.sarif').findings.map((f) => toPolicyFinding(f));

  // The same condition in both languages (the Rego is __tests__/fixtures/rego/policy.rego's `fail`).
  const celText = 'finding.severity >= 7.0 && finding.ruleId.startsWith("python.")';
  const compileCel = timeIt(() => compileCondition(celText, 'bench.cel'));
  const regoStarted = process.hrtime.bigint();
  const rego = await loadRegoCondition({ wasm: '__tests__/fixtures/rego/policy.wasm', entrypoint: 'devsecops/fail' }, { baseDir: root, where: 'bench.rego' });
  const regoLoadMs = Number(process.hrtime.bigint() - regoStarted) / 1e6;

  const celTimes = [];
  const regoTimes = [];
  let celMatches = 0;
  let regoMatches = 0;
  let disagreements = 0;
  for (let run = 0; run < CONDITION_RUNS + 1; run++) {
    const cel = timeIt(() => findings.map((f) => compileCel.value.evaluate(f) === true));
    const wasm = timeIt(() => findings.map((f) => rego.evaluate(f)));
    if (run === 0) {
      celMatches = cel.value.filter(Boolean).length;
      regoMatches = wasm.value.filter(Boolean).length;
      disagreements = cel.value.filter((v, i) => v !== wasm.value[i]).length;
      continue;
    }
    celTimes.push(cel.ms);
    regoTimes.push(wasm.ms);
  }
  const cel = median(celTimes);
  const wasm = median(regoTimes);
  console.log(`\none condition over ${int(findings.length)} findings (median of ${CONDITION_RUNS}; ${int(celMatches)} match; the two disagree on ${disagreements}):`);
  table(
      ['engine', 'load / compile', `evaluate ${int(findings.length)}`, 'per finding', 'vs OPA wasm'],
      [
        ['CEL (@marcbachmann/cel-js)', `${fmt(compileCel.ms, 2)} ms`, `${fmt(cel)} ms`, `${fmt((cel * 1000) / findings.length, 2)} µs`, ratio(wasm / cel)],
        ['Rego → wasm (@open-policy-agent/opa-wasm)', `${fmt(regoLoadMs)} ms`, `${fmt(wasm)} ms`, `${fmt((wasm * 1000) / findings.length, 2)} µs`, '1.0x'],
      ],
  );
  if (celMatches !== regoMatches || disagreements > 0) console.log('  WARNING: CEL and Rego disagree; the comparison is not like for like.');
}

function runCli(dir, sarifFile) {
  const policy = path.join(dir, 'policy.yml');
  writeFileSync(policy, ISSUE_POLICY);
  const cli = path.join(root, 'dist/cli/index.js');
  const times = [];
  let last;
  for (let run = 0; run < CLI_RUNS; run++) {
    const started = process.hrtime.bigint();
    last = spawnSync(process.execPath, [cli, 'policy-gate', '--policy', policy, '-i', sarifFile, '--evidence', path.join(dir, 'evidence.json'), '--quiet'], {
      cwd: dir,
      encoding: 'utf8',
    });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const bare = [];
  for (let run = 0; run < CLI_RUNS; run++) {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    bare.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  console.log(
    `\nCLI end to end, ${int(FINDINGS)} SARIF results, the issue's policy, evidence written (median of ${CLI_RUNS}, fresh process each): ` +
      `${fmt(median(times))} ms (first ${fmt(times[0])} ms; a bare \`node -e 0\` takes ${fmt(median(bare))} ms); exit ${last.status}. Goal: well under 1 s.`,
  );
}

export async function runPolicyBenchmarks() {
  const skip = (process.env.BENCH_POLICY_SKIP ?? '').split(',');
  if (skip.includes('1')) return;
  console.log('\n== policy-gate ==');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'devsecops-bench-policy-'));
  try {
    const sarifFile = path.join(dir, 'semgrep-10k.sarif');
    writeFileSync(sarifFile, JSON.stringify(sarifLog(FINDINGS)));
    if (!skip.includes('engine')) runEngine();
    if (!skip.includes('rego')) await runConditionComparison(sarifFile);
    if (!skip.includes('cli')) runCli(dir, sarifFile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runPolicyBenchmarks();
