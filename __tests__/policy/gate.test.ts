import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../src/core/config/load.js';
import { UsageError } from '../../src/core/errors.js';
import { buildEvidence } from '../../src/scanners/policy/evidence.js';
import { runGate, type GateRun } from '../../src/scanners/policy/gate.js';
import { expandGlobs } from '../../src/scanners/policy/gate-inputs.js';
import { buildGateComment, buildGateSummary, buildGateText } from '../../src/scanners/policy/gate-report.js';
import { writeGatedSarif } from '../../src/scanners/policy/gated-sarif.js';
import { loadPolicy, parsePolicyText } from '../../src/scanners/policy/load-policy.js';
import { makeTempDir, removeDir } from '../support/temp-repo.js';
import { compileYaml, ISSUE_POLICY_CORE, TODAY } from './policy-fixtures.js';

const FIXTURES = path.resolve('__tests__/fixtures/policy-gate');
const SARIF = path.resolve('__tests__/fixtures/sarif');

const POLICY = `${ISSUE_POLICY_CORE}  - match: { tool: gitleaks, path: src/config.js }
    reason: Test key.
    owner: "@octo-org/platform"
    expires: 2026-01-31
`;

describe('the gate over third-party SARIF', () => {
  let dir: string;
  let run: GateRun;

  beforeAll(async () => {
    dir = makeTempDir('policy-gate-unit-');
    run = await runGate({
      repoRoot: dir,
      sarifFiles: [path.join(FIXTURES, 'semgrep.sarif'), path.join(FIXTURES, 'gitleaks.sarif'), path.join(SARIF, 'osv-scanner-vuln-results-a.sarif'), path.join(dir, 'missing.sarif')],
      sbomFiles: [],
      policy: compileYaml(POLICY, { failOnSeverity: 'high' }),
      ignore: ['src/server.js'],
      today: TODAY,
    });
  });
  afterAll(() => removeDir(dir));

  it('reads every readable file, says which it skipped, and leaves out paths.ignore before deciding', () => {
    expect(run.inputs.files.map((f) => path.basename(f.path))).toEqual(['semgrep.sarif', 'gitleaks.sarif', 'osv-scanner-vuln-results-a.sarif']);
    expect(run.notes).toContain('Skipped missing.sarif: no such file');
    expect(run.ignored).toBe(1);
    expect(run.result.findings.some((d) => d.finding.location?.path === 'src/server.js')).toBe(false);
    expect(run.decidedIndexes).toHaveLength(run.result.findings.length);
  });

  it('gives CEL the SARIF properties of each result through its origin (semgrep precision)', async () => {
    const policy = compileYaml(`rules:\n  - id: precise\n    when: { cel: 'has(finding.properties.precision) && finding.properties.precision == "very-high"' }\n    action: warn\n`);
    const precise = await runGate({ repoRoot: dir, sarifFiles: [path.join(FIXTURES, 'semgrep.sarif'), path.join(FIXTURES, 'gitleaks.sarif')], sbomFiles: [], policy, ignore: [], today: TODAY });
    expect(precise.result.findings.map((d) => [d.finding.tool, d.outcome])).toEqual([
      ['Semgrep OSS', 'warn'],
      ['Semgrep OSS', 'warn'],
      ['Semgrep OSS', 'warn'],
      ['gitleaks', 'pass'],
    ]);
  });

  it('writes gated copies: excepted results suppressed, decided ones marked, snippets gone, other results untouched', () => {
    const out = path.join(dir, 'gated');
    const files = writeGatedSarif(run, out);
    expect(files.map((f) => [path.basename(f.file), f.suppressed])).toEqual([
      ['01-semgrep.gated.sarif', 1],
      ['02-gitleaks.gated.sarif', 0],
      ['03-osv-scanner-vuln-results-a.gated.sarif', 0],
    ]);
    const semgrep = JSON.parse(readFileSync(files[0]!.file, 'utf8')) as any;
    const results = semgrep.runs[0].results;
    expect(results[1].suppressions[0]).toMatchObject({ kind: 'external', status: 'accepted', properties: { owner: '@octo-org/web', expires: '2027-03-31' } });
    // Left out by paths.ignore: not decided, so not marked.
    expect(results[2].properties['devsecops/policy']).toBeUndefined();
    expect(JSON.stringify(semgrep)).not.toContain('snippet');
    const gitleaks = JSON.parse(readFileSync(files[1]!.file, 'utf8')) as any;
    // The expired exception does not suppress; the rule-less medium finding passes by default.
    expect(gitleaks.runs[0].results[0].suppressions).toBeUndefined();
    expect(gitleaks.runs[0].results[0].properties['devsecops/policy']).toEqual({ outcome: 'pass' });
    expect(readFileSync(files[1]!.file, 'utf8')).not.toContain('AKIAQYLPMN5HFIQR7XYZ');
  });

  it('writes evidence that pins inputs by hash and lists every decision', () => {
    const evidence = buildEvidence(run, {
      timestamp: '2026-06-15T12:00:00.000Z',
      commit: 'a'.repeat(40),
      repoRoot: dir,
      policy: { section: parsePolicyText(POLICY, 'policy.yml'), where: 'policy', source: { kind: 'file', path: 'policy.yml', sha256: 'b'.repeat(64) } },
      failOnSeverity: 'high',
    }) as any;
    expect(evidence.schemaVersion).toBe(1);
    expect(evidence.inputs.sarif.map((f: any) => f.sha256)).toEqual(run.inputs.files.map((f) => f.sha256));
    expect(evidence.inputs.ignoredByPaths).toBe(1);
    expect(evidence.findings).toHaveLength(run.result.findings.length);
    expect(evidence.exceptions.map((e: any) => [e.where, e.status])).toEqual([
      ['policy.exceptions[0]', 'applied'],
      ['policy.exceptions[1]', 'expired'],
    ]);
    expect(evidence.policy.content.exceptions[1].owner).toBe('@octo-org/platform');
  });

  it('reports the decision first in every output, within GitHub limits', () => {
    const links = { serverUrl: 'https://github.com', owner: 'o', repo: 'r', sha: 'c'.repeat(40) };
    const input = { result: run.result, inputsLine: '3 SARIF files', notes: ['a note'], links };
    const summary = buildGateSummary(input);
    const comment = buildGateComment(input);
    expect(summary.split('\n')[0]).toBe(`## ${run.result.decision === 'fail' ? '❌' : run.result.decision === 'warn' ? '⚠️' : '✅'} Policy gate: ${run.result.decision}`);
    expect(comment.split('\n')[0]).toBe('<!-- devsecops:policy-gate -->');
    expect(comment).toContain('### Excepted (1)');
    expect(comment).toContain('- a note');
    expect(buildGateText(input).split('\n')[0]).toBe(`Decision: ${run.result.decision.toUpperCase()}`);
  });

  it('cuts the comment by whole rows and says where the rest is', async () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      ruleId: `python.rule-${i}`,
      level: 'error',
      message: { text: `finding ${i} ${'x'.repeat(300)}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `src/f${i}.py` }, region: { startLine: 1 } } }],
    }));
    const file = path.join(dir, 'many.sarif');
    writeFileSync(file, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'Semgrep OSS' } }, results: many }] }));
    const big = await runGate({ repoRoot: dir, sarifFiles: [file], sbomFiles: [], policy: compileYaml(ISSUE_POLICY_CORE), ignore: [], today: TODAY });
    const comment = buildGateComment({ result: big.result, inputsLine: '1 file', notes: [], links: { serverUrl: 'https://github.com', owner: 'o', repo: 'r', sha: 'c'.repeat(40) } });
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(comment).toContain('### Blocked (400)');
    expect(comment).toContain('370 more blocked findings are not listed here; see the job summary.');
    expect(comment.split('\n').filter((line) => line.startsWith('| high |'))).toHaveLength(30);
  });
});

describe('policy files', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('policy-file-');
  });
  afterAll(() => removeDir(dir));

  it('reads the section at the top level or under policy:, and hashes the file', async () => {
    writeFileSync(path.join(dir, 'bare.yml'), ISSUE_POLICY_CORE);
    writeFileSync(path.join(dir, 'wrapped.yml'), `version: 1\npolicy:\n${ISSUE_POLICY_CORE.replace(/^(?=.)/gm, '  ')}`);
    const bare = await loadPolicy({ root: dir, file: 'bare.yml', config: defaultConfig(), configFile: '.github/devsecops.yml' });
    const wrapped = await loadPolicy({ root: dir, file: 'wrapped.yml', config: defaultConfig(), configFile: '.github/devsecops.yml' });
    expect(bare.section).toEqual(wrapped.section);
    expect(bare.source).toMatchObject({ kind: 'file', path: 'bare.yml' });
    expect(bare.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(bare.where).toBe('bare.yml');
  });

  it('names the file, line and key path of a mistake', () => {
    expect(() => parsePolicyText('rules:\n  - id: a\n    when: { severity: urgent }\n    action: fail\n', 'p.yml')).toThrow(
      /^p\.yml:3:23: rules\[0\]\.when\.severity: expected a severity/,
    );
    expect(() => parsePolicyText('policy:\n  exceptions:\n    - match: { ruleId: x }\n      reason: r\n      expires: 2027-01-01\n', 'p.yml')).toThrow(
      /^p\.yml:3:\d+: policy\.exceptions\[0\]\.owner: /,
    );
  });

  it('says when a named policy file is missing', async () => {
    await expect(loadPolicy({ root: dir, file: 'nope.yml', config: defaultConfig(), configFile: 'x' })).rejects.toThrow(new UsageError('nope.yml: policy file not found'));
  });
});

describe('input globs', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('gate-globs-');
    mkdirSync(path.join(dir, 'reports/nested'), { recursive: true });
    for (const name of ['a.sarif', 'b.sarif', 'nested/c.sarif', 'notes.txt']) writeFileSync(path.join(dir, 'reports', name), '{}');
    cpSync(path.join(FIXTURES, 'semgrep.sarif'), path.join(dir, 'semgrep.sarif'));
    symlinkSync(path.join(dir, 'reports'), path.join(dir, 'link'));
  });
  afterAll(() => removeDir(dir));

  it('expands globs relative to the root, excludes with !, and names patterns that match nothing', async () => {
    const expanded = await expandGlobs(['reports/**/*.sarif', '!reports/b.sarif', 'semgrep.sarif', 'missing/*.sarif'], dir);
    expect(expanded.files.map((f) => path.relative(dir, f))).toEqual(['reports/a.sarif', 'reports/nested/c.sarif', 'semgrep.sarif']);
    expect(expanded.unmatched).toEqual(['missing/*.sarif']);
  });

  it('takes absolute patterns as they are, and does not follow a symbolic link into another folder', async () => {
    expect((await expandGlobs([path.join(dir, 'reports', 'a.sarif')], '/')).files).toEqual([path.join(dir, 'reports', 'a.sarif')]);
    expect((await expandGlobs(['**/*.sarif'], dir)).files.some((f) => f.includes(`${path.sep}link${path.sep}`))).toBe(false);
  });
});
