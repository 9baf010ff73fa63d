// The policy engine's speed: 10,000 findings decided against 50 rules (10 of
// them CEL conditions), 20 exceptions, thresholds and a 2,000-package SBOM.
// Goal (issue): "a gate over 10,000 findings must decide in well under a
// second". Run alone: `node bench/policy/evaluate-policy.mjs`.
//
// Two policies: a typical one, where most findings are decided by one of the
// first rules, and the worst case, where no rule matches so every finding is
// checked against all 50 (and all 20 exceptions, which are always all
// checked). Compile time is measured apart. Medians of RUNS runs after two
// warm-ups, in this process (the engine does no I/O).
import { importTs } from '../secrets/load-ts.mjs';

const FINDINGS = 10_000;
const RULES = 50;
const CEL_RULES = Number(process.env.BENCH_POLICY_CEL_RULES ?? 10);
const EXCEPTIONS = 20;
const SBOM_PACKAGES = 2_000;
const RUNS = Number(process.env.BENCH_POLICY_RUNS ?? 9);
const TODAY = '2026-06-15';

const { compilePolicy } = await importTs('src/scanners/policy/compile-policy.ts');
const { evaluatePolicy } = await importTs('src/scanners/policy/evaluate-policy.ts');
const { policySectionSchema } = await importTs('src/core/config/sections/policy.ts');

/** A seeded generator, so every run decides the same findings. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const TOOLS = ['devsecops', 'Semgrep OSS', 'CodeQL', 'Trivy', 'gitleaks', 'osv-scanner'];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'note'];
const SCORES = { critical: 9.5, high: 8, medium: 5.5, low: 2, note: 0 };
const DIRS = ['src', 'lib', 'legacy/admin', 'test/fixtures', 'packages/web/src', 'vendor'];

function makeFindings(count) {
  const next = random(42);
  const pick = (list) => list[Math.floor(next() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    const severity = pick(SEVERITIES);
    const tool = pick(TOOLS);
    const dependency = tool === 'Trivy' || tool === 'osv-scanner';
    return {
      tool,
      ruleId: dependency ? `CVE-2024-${1000 + (i % 900)}` : `${pick(['js', 'py', 'go', 'secrets'])}/rule-${i % 120}`,
      severity,
      score: SCORES[severity],
      message: `finding ${i}`,
      location: { path: `${pick(DIRS)}/file-${i % 700}.${pick(['js', 'py', 'go', 'ts'])}`, startLine: 1 + (i % 300) },
      fingerprint: `fp-${i}`,
      ...(next() < 0.8 ? { isNew: next() < 0.3 } : {}),
      tags: next() < 0.5 ? ['security', `cwe-${i % 50}`] : ['quality'],
      ...(dependency
        ? {
            package: { ecosystem: 'npm', name: `pkg-${i % 400}`, version: `${1 + (i % 5)}.${i % 20}.${i % 7}` },
            advisory: { id: `GHSA-${i % 900}`, aliases: [`CVE-2024-${1000 + (i % 900)}`] },
          }
        : {}),
      properties: { precision: pick(['high', 'medium', 'low']) },
    };
  });
}

const CEL = [
  'finding.ruleId.startsWith("py/") && finding.severity >= 7.0',
  'finding.new && finding.level == "critical" && finding.path.endsWith(".go")',
  '"cwe-79" in finding.tags && finding.tool == "semgrep oss"',
  'has(finding.properties.precision) && finding.properties.precision == "very-high"',
  'finding.package.name == "pkg-9999"',
  'finding.path.startsWith("vendor/") && finding.severity > 9.9',
  'finding.advisory.aliases.exists(a, a == "CVE-1999-0001")',
  'finding.ruleId.matches("^secrets/rule-1[0-9][0-9]$") && finding.new',
  'size(finding.tags) > 5',
  'finding.line > 100000',
];

/** Rules that match nothing in the generated findings (every finding goes through all of them), or typical ones. */
function makeSection(worstCase) {
  const rules = [];
  for (let i = 0; rules.length < RULES - CEL_RULES; i++) {
    const kind = i % 8;
    const when =
      kind === 0 ? { tool: 'never-a-tool' }
      : kind === 1 ? { ruleId: `nomatch/${i}-*` }
      : kind === 2 ? { path: `nowhere-${i}/**` }
      : kind === 3 ? { package: `pkg-${1000 + i}@<2.0.0` }
      : kind === 4 ? { advisory: `GHSA-none-${i}` }
      : kind === 5 ? { tags: [`absent-${i}`] }
      : kind === 6 ? { severity: 'critical', tool: 'nope', new: true }
      : { ruleId: '**', path: `zz-${i}/*.js` };
    rules.push({ id: `r${i}`, when, action: i % 2 ? 'warn' : 'fail' });
  }
  CEL.slice(0, CEL_RULES).forEach((cel, i) => rules.push({ id: `cel${i}`, when: { cel }, action: 'fail' }));
  if (!worstCase) {
    rules.unshift(
      { id: 'no-new-high', when: { severity: 'high', new: true }, action: 'fail' },
      { id: 'tests', when: { path: 'test/**' }, action: 'ignore' },
      { id: 'vendored', when: { path: 'vendor/**' }, action: 'warn' },
    );
    rules.splice(RULES);
  }
  const exceptions = Array.from({ length: EXCEPTIONS }, (_, i) => ({
    match: i % 2 ? { ruleId: `js/rule-${i}`, path: 'legacy/**' } : { fingerprint: `fp-${i * 97}` },
    reason: 'benchmark',
    owner: '@bench',
    expires: i % 5 === 0 ? '2026-06-01' : '2027-01-01',
  }));
  return policySectionSchema.parse({
    rules,
    exceptions,
    thresholds: [
      { severity: 'critical', new: true, max: 0 },
      { severity: 'high', max: 5 },
    ],
    licenses: { allow: ['MIT', 'Apache-2.0', 'ISC', 'BSD-3-Clause'], deny: ['GPL-3.0-only'] },
  });
}

const LICENSES = ['MIT', 'Apache-2.0', 'ISC', 'MIT OR GPL-3.0-only', 'BSD-3-Clause', 'GPL-3.0-only', 'NOASSERTION', '(MIT OR Apache-2.0) AND BSD-3-Clause'];
const sbom = Array.from({ length: SBOM_PACKAGES }, (_, i) => ({
  name: `pkg-${i}`,
  version: '1.0.0',
  purl: `pkg:npm/pkg-${i}@1.0.0`,
  license: LICENSES[i % LICENSES.length],
}));

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall time and this process's CPU time: on a shared machine the CPU time is the steadier figure. */
function time(fn) {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1e3, value };
}

const findings = makeFindings(FINDINGS);
console.log(`policy engine: ${FINDINGS} findings, ${RULES} rules (${CEL_RULES} CEL), ${EXCEPTIONS} exceptions, ${SBOM_PACKAGES} SBOM packages; median of ${RUNS}`);
for (const [label, worstCase] of [
  ['typical (first rules decide most findings)', false],
  ['worst case (no rule matches: all 50 checked)', true],
]) {
  const section = makeSection(worstCase);
  const compileTimes = [];
  const evaluateTimes = [];
  const evaluateCpu = [];
  let result;
  for (let run = 0; run < RUNS + 2; run++) {
    const compiled = time(() => compilePolicy(section, { failOnSeverity: 'high' }));
    // A fresh copy of the findings each run: the CEL activation cache is keyed by object.
    const input = findings.map((f) => ({ ...f }));
    const evaluated = time(() => evaluatePolicy(input, compiled.value, { today: TODAY, sbomLicenses: sbom }));
    if (run >= 2) {
      compileTimes.push(compiled.ms);
      evaluateTimes.push(evaluated.ms);
      evaluateCpu.push(evaluated.cpuMs);
    }
    result = evaluated.value;
  }
  const decided = result.findings.filter((d) => d.rule).length;
  console.log(
    `  ${label}: compile ${median(compileTimes).toFixed(1)} ms, decide ${median(evaluateTimes).toFixed(1)} ms ` +
      `(min ${Math.min(...evaluateTimes).toFixed(1)}, max ${Math.max(...evaluateTimes).toFixed(1)}; CPU ${median(evaluateCpu).toFixed(1)} ms); ` +
      `${decided} findings decided by a rule, decision ${result.decision}`,
  );
}
