// How the CEL library for policy conditions was chosen (issue 6): every
// maintained JavaScript CEL implementation on npm, measured on this machine.
// Not part of `npm run bench`: it installs the candidates, which the project
// does not depend on. Run it alone: `node bench/policy/cel-candidates.mjs`.
//
// The candidates are installed into <os.tmpdir()>/devsecops-cel-candidates
// (never into the project) and loaded from there. For each one:
//  - compile: parse (and type-check, where the library can) four realistic
//    conditions once;
//  - evaluate: those four over 10,000 seeded findings, converting each finding
//    to the library's input once (as the gate does), median of RUNS runs;
//  - per call: the library's one-shot `evaluate(text, vars)` over the same
//    10,000 findings, to see whether it parses on every call;
//  - standard functions: startsWith, endsWith, contains, matches, size, in,
//    has(), exists(), timestamps and durations, each checked for its value;
//  - type checking against a declared `finding` type: an unknown field, a
//    method on the wrong type and a non-bool result must fail before any
//    finding is seen;
//  - bundle: esbuild, minified, of exactly what the gate would import;
//  - Node: the package's `engines.node`, and that it ran here.
// Then the project's own path with the chosen library: core Findings through
// toPolicyFinding() and compileCondition() (src/scanners/policy/cel.ts).
//
// Environment: CEL_BENCH_RUNS (default 7), CEL_BENCH_FINDINGS (default 10000).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { importTs } from '../secrets/load-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = path.join(os.tmpdir(), 'devsecops-cel-candidates');
const RUNS = Math.max(3, Number(process.env.CEL_BENCH_RUNS ?? 7));
const FINDINGS = Number(process.env.CEL_BENCH_FINDINGS ?? 10_000);

/** Exact versions, so a re-run measures the same code. */
const CANDIDATES = {
  marcbachmann: { package: '@marcbachmann/cel-js', version: '8.0.0' },
  bufbuild: { package: '@bufbuild/cel', version: '0.6.1' },
  chromegg: { package: 'cel-js', version: '0.8.2' },
};

const CONDITIONS = [
  'finding.ruleId.startsWith("python.") && finding.severity >= 5.0',
  '"cwe-79" in finding.tags',
  'finding.path.matches("^legacy/")',
  'finding.package.name == "lodash" && finding.new',
];

/** The condition every candidate can run (cel-js lacks startsWith and matches), for compiled vs one-shot. */
const ONE = 1;

const SAMPLE = {
  tool: 'semgrep',
  ruleId: 'python.django.security.injection.sql',
  severity: 7.5,
  level: 'high',
  tags: ['cwe-89', 'security'],
  path: 'legacy/app/views.py',
  line: 42,
  new: true,
  message: 'SQL built from user input',
  fingerprint: 'abc123',
  package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' },
  advisory: { id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'] },
  properties: { precision: 'high' },
};

/** Standard functions a policy author will reach for; each must give `true` on SAMPLE. */
const FEATURES = {
  startsWith: 'finding.ruleId.startsWith("python.")',
  endsWith: 'finding.path.endsWith(".py")',
  contains: 'finding.message.contains("user input")',
  matches: 'finding.path.matches("^legacy/")',
  size: 'size(finding.tags) == 2 && finding.tags.size() == 2',
  in: '"cwe-89" in finding.tags && "precision" in finding.properties',
  has: 'has(finding.package.name) && !has(finding.properties.absent)',
  exists: 'finding.tags.exists(t, t.startsWith("cwe-"))',
  'int/double': 'finding.line > 41 && finding.severity > 7',
  timestamp: 'timestamp("2027-03-31T00:00:00Z") - timestamp("2027-03-30T00:00:00Z") == duration("24h")',
};

/** Must be rejected before any finding is evaluated, naming nothing at run time. */
const TYPE_ERRORS = {
  'unknown field': 'finding.nope == "x"',
  'method on a double': 'finding.severity.startsWith("x")',
  'non-bool result': 'finding.severity',
};

function installCandidates() {
  const missing = Object.values(CANDIDATES).filter((c) => {
    const manifest = path.join(DIR, 'node_modules', c.package, 'package.json');
    return !existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).version !== c.version;
  });
  if (missing.length === 0) return;
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(path.join(DIR, 'package.json'))) {
    writeFileSync(path.join(DIR, 'package.json'), JSON.stringify({ name: 'devsecops-cel-candidates', private: true, type: 'module' }));
  }
  console.error(`installing ${missing.map((c) => `${c.package}@${c.version}`).join(', ')} into ${DIR}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--no-save', ...missing.map((c) => `${c.package}@${c.version}`)], {
    cwd: DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npm install in ${DIR} failed`);
}

/** Imports `specifier` as the candidates' folder sees it (ESM conditions, its own node_modules). */
async function importFromDir(specifier) {
  const shim = path.join(DIR, `load-${specifier.replace(/[^a-z0-9]+/gi, '-')}.mjs`);
  writeFileSync(shim, `export * from '${specifier}';\n`);
  return import(pathToFileURL(shim).href);
}

/** A seeded generator, so every run and every candidate sees the same findings. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateFindings(count) {
  const random = mulberry32(6);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const tools = ['semgrep', 'codeql', 'trivy', 'gitleaks', 'osv-scanner', 'devsecops'];
  const prefixes = ['python.', 'javascript.', 'go.', 'java.', 'generic.'];
  const dirs = ['src/', 'legacy/', 'lib/', 'test/', 'legacy/admin/'];
  const packages = ['lodash', 'express', 'minimist', 'django', 'requests', 'left-pad'];
  const findings = [];
  for (let i = 0; i < count; i++) {
    const severity = Math.round(random() * 100) / 10;
    const name = pick(packages);
    findings.push({
      ...SAMPLE,
      tool: pick(tools),
      ruleId: `${pick(prefixes)}rule-${i % 97}`,
      severity,
      level: severity > 9 ? 'critical' : severity >= 7 ? 'high' : severity >= 4 ? 'medium' : severity > 0 ? 'low' : 'note',
      tags: [`cwe-${pick([79, 89, 22, 798, 502])}`, 'security'],
      path: `${pick(dirs)}file-${i}.js`,
      line: 1 + (i % 500),
      new: random() < 0.3,
      fingerprint: `fp-${i}`,
      package: { ...SAMPLE.package, name, purl: `pkg:npm/${name}@1.0.0` },
    });
  }
  return findings;
}

const FINDING_SCHEMA = {
  tool: 'string',
  ruleId: 'string',
  severity: 'double',
  level: 'string',
  tags: 'list<string>',
  path: 'string',
  line: 'int',
  new: 'bool',
  message: 'string',
  fingerprint: 'string',
  package: { ecosystem: 'string', name: 'string', version: 'string', purl: 'string' },
  advisory: { id: 'string', aliases: 'list<string>' },
  properties: 'map<string, dyn>',
};

/**
 * One adapter per library: how it compiles (with a type check where it has
 * one), how a finding becomes its input, and its one-shot evaluate.
 */
const ADAPTERS = {
  async marcbachmann() {
    const { Environment } = await importFromDir('@marcbachmann/cel-js');
    const env = new Environment().registerVariable({ name: 'finding', schema: FINDING_SCHEMA });
    return {
      importLine: "import { Environment } from '@marcbachmann/cel-js'",
      typeChecks: true,
      compile(text) {
        const checked = env.check(text);
        if (!checked.valid) throw checked.error;
        if (String(checked.type) !== 'bool') throw new Error(`result is ${checked.type}, not bool`);
        const run = env.parse(text);
        return (input) => run(input);
      },
      // CEL ints are BigInt here; doubles stay numbers.
      toInput: (f) => ({ finding: { ...f, line: BigInt(f.line) } }),
      once: (text, input) => env.evaluate(text, input),
      isTrue: (value) => value === true,
    };
  },
  async bufbuild() {
    const cel = await importFromDir('@bufbuild/cel');
    const ext = await importFromDir('@bufbuild/cel/ext');
    // Without the `strings` extension the standard string functions still work; it adds indexOf etc.
    const env = cel.celEnv({ funcs: ext.strings });
    return {
      importLine: "import { celEnv, parse, plan, isCelError } from '@bufbuild/cel'; import { strings } from '@bufbuild/cel/ext'",
      // 0.6.1 has a checker (src/check.ts) but does not export it: plan() takes parsed, unchecked expressions.
      typeChecks: false,
      compile(text) {
        const run = cel.plan(env, cel.parse(text));
        return (input) => run(input);
      },
      toInput: (f) => ({ finding: { ...f, line: BigInt(f.line) } }),
      once: (text, input) => cel.run(text, input, { funcs: ext.strings }),
      isTrue: (value) => value === true,
    };
  },
  async chromegg() {
    const cel = await importFromDir('cel-js');
    return {
      importLine: "import { evaluate, parse } from 'cel-js'",
      typeChecks: false,
      compile(text) {
        const parsed = cel.parse(text);
        if (!parsed.isSuccess) throw new Error(parsed.errors.join('; '));
        return (input) => cel.evaluate(parsed.cst, input);
      },
      toInput: (f) => ({ finding: f }),
      once: (text, input) => cel.evaluate(text, input),
      isTrue: (value) => value === true,
    };
  },
};

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeMs(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function describe(error) {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 90);
}

async function bundleSize(importLine) {
  const esbuild = await import(pathToFileURL(path.join(root, 'node_modules/esbuild/lib/main.js')).href);
  const names = [...importLine.matchAll(/import \{([^}]+)\}/g)].flatMap((m) => m[1].split(',').map((s) => s.trim()));
  const result = await esbuild.build({
    stdin: { contents: `${importLine};\nexport { ${names.join(', ')} };\n`, resolveDir: DIR, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  return { kb: bytes.length / 1024, gzipKb: gzipSync(bytes).length / 1024 };
}

async function measureCandidate(key, findings) {
  const meta = CANDIDATES[key];
  const manifest = JSON.parse(readFileSync(path.join(DIR, 'node_modules', meta.package, 'package.json'), 'utf8'));
  const adapter = await ADAPTERS[key]();
  const row = { key, package: `${meta.package}@${manifest.version}`, engines: manifest.engines?.node ?? '(none)', deps: Object.keys(manifest.dependencies ?? {}) };

  const compiled = [];
  const compileTime = timeMs(() => {
    for (const text of CONDITIONS) {
      try {
        compiled.push(adapter.compile(text));
      } catch (error) {
        compiled.push(undefined);
        row.compileError = `${text}: ${describe(error)}`;
      }
    }
  });
  row.compileMs = compileTime.ms;

  // Each finding converted once and every condition evaluated on it, as the gate will.
  const evalSamples = [];
  let counts = [];
  let evalErrors = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    counts = CONDITIONS.map(() => 0);
    evalErrors = 0;
    const { ms } = timeMs(() => {
      for (const finding of findings) {
        const input = adapter.toInput(finding);
        for (let i = 0; i < compiled.length; i++) {
          const fn = compiled[i];
          if (!fn) continue;
          try {
            if (adapter.isTrue(fn(input))) counts[i]++;
          } catch {
            evalErrors++;
          }
        }
      }
    });
    if (run > 0) evalSamples.push(ms); // the first run warms the JIT
  }
  row.evalMs = median(evalSamples);
  row.counts = counts;
  row.evalErrors = evalErrors;

  const inputs = findings.map(adapter.toInput);
  let onceErrors = 0;
  row.perCallMs = timeMs(() => {
    for (const input of inputs) {
      try {
        adapter.once(CONDITIONS[ONE], input);
      } catch {
        onceErrors++;
      }
    }
  }).ms;
  row.onceErrors = onceErrors;
  const single = compiled[ONE];
  row.compiledOneMs = single
    ? median(
        [0, 1, 2].map(
          () =>
            timeMs(() => {
              for (const input of inputs) {
                try {
                  single(input);
                } catch {
                  /* counted above */
                }
              }
            }).ms,
        ),
      )
    : NaN;

  const sample = adapter.toInput(SAMPLE);
  row.features = {};
  for (const [name, text] of Object.entries(FEATURES)) {
    try {
      const value = adapter.compile(text)(sample);
      row.features[name] = adapter.isTrue(value) ? 'yes' : `wrong (${describe(value)})`;
    } catch (error) {
      row.features[name] = `no (${describe(error)})`;
    }
  }
  row.typeErrors = {};
  for (const [name, text] of Object.entries(TYPE_ERRORS)) {
    try {
      adapter.compile(text);
      row.typeErrors[name] = 'accepted';
    } catch (error) {
      row.typeErrors[name] = `rejected (${describe(error)})`;
    }
  }
  row.typeChecks = adapter.typeChecks;
  row.bundle = await bundleSize(adapter.importLine);
  return row;
}

/** The gate's path: core Findings → toPolicyFinding → compileCondition (the chosen library, type-checked). */
async function measureProject(findings) {
  const { compileCondition } = await importTs('src/scanners/policy/cel.ts');
  const { toPolicyFinding } = await importTs('src/scanners/policy/policy-finding.ts');
  const levelOf = (score) => (score > 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : 'note');
  const core = findings.map((f) => ({
    tool: f.tool,
    ruleId: f.ruleId,
    severity: levelOf(f.severity),
    score: f.severity,
    message: f.message,
    location: { path: f.path, startLine: f.line },
    fingerprint: f.fingerprint,
    isNew: f.new,
    tags: f.tags,
    package: { ecosystem: 'npm', name: f.package.name, version: '1.0.0', purl: f.package.purl },
    advisory: { id: f.advisory.id, aliases: f.advisory.aliases },
  }));
  const compile = timeMs(() => CONDITIONS.map((text, i) => compileCondition(text, `policy.rules[${i}].when.cel`)));
  const conditions = compile.value;
  const samples = [];
  let counts = [];
  for (let run = 0; run < RUNS + 1; run++) {
    counts = CONDITIONS.map(() => 0);
    const { ms } = timeMs(() => {
      for (const finding of core) {
        const view = toPolicyFinding(finding);
        for (let i = 0; i < conditions.length; i++) if (conditions[i].evaluate(view)) counts[i]++;
      }
    });
    if (run > 0) samples.push(ms);
  }
  return { compileMs: compile.ms, evalMs: median(samples), counts, warnings: conditions.map((c) => c.warning).filter(Boolean) };
}

function fmt(n, digits = 1) {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

async function main() {
  installCandidates();
  const findings = generateFindings(FINDINGS);
  const rows = [];
  for (const key of Object.keys(CANDIDATES)) rows.push(await measureCandidate(key, findings));

  console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; ${FINDINGS} findings × ${CONDITIONS.length} conditions; median of ${RUNS}\n`);
  console.log('| library | compile 4 (ms) | eval 10k×4 (ms) | compiled 10k×1 (ms) | parsed per call 10k×1 (ms) | type check | std functions | min (gz) KB | deps | engines.node |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const ok = Object.values(r.features).filter((v) => v === 'yes').length;
    const rejected = Object.values(r.typeErrors).filter((v) => v.startsWith('rejected')).length;
    console.log(
      `| ${r.package} | ${fmt(r.compileMs)} | ${fmt(r.evalMs)} | ${fmt(r.compiledOneMs)} | ${fmt(r.perCallMs)} | ${rejected}/${Object.keys(TYPE_ERRORS).length} | ${ok}/${Object.keys(FEATURES).length} | ${fmt(r.bundle.kb, 0)} (${fmt(r.bundle.gzipKb, 0)}) | ${r.deps.length} | ${r.engines} |`,
    );
  }
  for (const r of rows) {
    console.log(`\n${r.package}: matches per condition ${r.counts.join('/')}, evaluation errors ${r.evalErrors}, one-shot errors ${r.onceErrors}`);
    if (r.compileError) console.log(`  compile error: ${r.compileError}`);
    for (const [name, v] of Object.entries(r.features)) if (v !== 'yes') console.log(`  ${name}: ${v}`);
    for (const [name, v] of Object.entries(r.typeErrors)) console.log(`  type error "${name}": ${v}`);
  }
  const project = await measureProject(findings);
  console.log(
    `\nthis project (toPolicyFinding + compileCondition, ${CONDITIONS.length} conditions): compile ${fmt(project.compileMs)} ms, ` +
      `${FINDINGS} findings ${fmt(project.evalMs)} ms, matches ${project.counts.join('/')}, warnings ${project.warnings.length}`,
  );
  if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, project }, null, 2));
}

await main();
