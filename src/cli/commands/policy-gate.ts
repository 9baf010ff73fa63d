import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../../core/errors.js';
import { headCommit } from '../../core/git/head.js';
import { defineCommand } from '../command-types.js';
import { findRepoRoot } from '../scanner-command.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `devsecops policy-gate`: the action's decision on SARIF files you name, or the policy's own tests with --test. */
export const policyGateCommand = defineCommand({
  name: 'policy-gate',
  summary: 'Decide on SARIF findings and an SBOM by the policy, or run the policy tests',
  description: [
    'Reads SARIF files from any tool (--input, globs) and optionally an SBOM (--sbom), and decides pass, warn or',
    'fail by the `policy` section of the config file or a policy file (--policy), as the policy-gate action does:',
    'rules, thresholds, licence lists and exceptions (with owner and expiry). --test runs the tests written in the',
    'policy instead (like `opa test` / `conftest verify`): exit 0 when every test gets the decision it expects.',
    'Exit 1 when the gate fails (in enforce mode) or a policy test fails; 2 for a policy or usage error.',
  ].join('\n'),
  configSection: 'policy',
  defaultFailOn: 'high',
  reportsFindings: false,
  options: {
    input: { type: 'string', short: 'i', multiple: true, valueName: 'GLOB', description: 'SARIF files to decide on (repeatable; globs, relative to the current folder)' },
    sbom: { type: 'string', multiple: true, valueName: 'FILE', description: 'CycloneDX or SPDX JSON SBOM for the licence lists (repeatable)' },
    policy: { type: 'string', valueName: 'FILE', description: 'A policy file instead of the config file\'s policy section' },
    mode: { type: 'string', valueName: 'MODE', description: 'enforce (default) or warn: in warn mode a failing policy exits 0' },
    evidence: { type: 'string', valueName: 'FILE', description: 'Write the evidence file (JSON) to FILE' },
    today: { type: 'string', valueName: 'DATE', description: 'Judge exception expiry as of DATE (YYYY-MM-DD) instead of today (UTC)' },
    test: { type: 'boolean', description: 'Run the policy\'s tests instead of deciding on inputs' },
  },
  optionsSchema: z.object({
    input: z.array(z.string().min(1)).optional(),
    sbom: z.array(z.string().min(1)).optional(),
    policy: z.string().min(1).optional(),
    mode: z.enum(['enforce', 'warn']).optional(),
    evidence: z.string().min(1).optional(),
    today: z.string().regex(DATE, { error: 'expected a date as YYYY-MM-DD' }).optional(),
    test: z.boolean().optional(),
  }),
  async run(ctx) {
    const { options, config } = ctx;
    // Loaded when the command runs: the CLI starts without the gate's code.
    const [{ loadPolicy }, { compilePolicy, loadRegoConditions }, { runPolicyTests }, gateModule, report, { buildEvidence }, { expandGlobs }] = await Promise.all([
      import('../../scanners/policy/load-policy.js'),
      import('../../scanners/policy/compile-policy.js'),
      import('../../scanners/policy/run-policy-tests.js'),
      import('../../scanners/policy/gate.js'),
      import('../../scanners/policy/gate-report.js'),
      import('../../scanners/policy/evidence.js'),
      import('../../scanners/policy/gate-inputs.js'),
    ]);
    const repoRoot = await findRepoRoot(ctx.root);
    const loaded = await loadPolicy({
      root: ctx.cwd,
      ...(options.policy !== undefined ? { file: options.policy } : {}),
      config,
      configFile: ctx.configFile,
    });
    const section = loaded.section;
    const failOn = ctx.settings.failOnSeverity.source === 'input' ? ctx.settings.failOnSeverity.value : (section['fail-on-severity'] ?? config['fail-on-severity'] ?? 'high');
    const rego = await loadRegoConditions(section, { baseDir: repoRoot, where: loaded.where });
    const policy = compilePolicy(section, { where: loaded.where, failOnSeverity: failOn, rego, ...(options.mode ? { mode: options.mode } : {}) });
    for (const warning of policy.warnings) ctx.logger.warning(warning);
    const started = new Date();
    const today = options.today ?? gateModule.utcDay(started);

    if (options.test) {
      if (options.input?.length || options.sbom?.length) throw new UsageError('--test runs the policy\'s own tests; it takes no --input or --sbom.');
      const tests = runPolicyTests(policy, { today });
      const lines: string[] = [];
      for (const test of tests.results) {
        lines.push(`${test.passed ? 'PASS' : 'FAIL'} ${test.where} ${JSON.stringify(test.name)}: ${test.why[0] ?? ''}`);
        if (!test.passed) for (const why of test.why.slice(1)) lines.push(`     ${why}`);
      }
      const total = tests.results.length;
      const notes = total === 0 ? [`${loaded.where} has no tests: add some under \`tests:\` (sample findings and the decision expected).`] : [];
      lines.push(total === 0 ? '' : `${tests.passed} of ${total} polic${total === 1 ? 'y test' : 'y tests'} passed${tests.failed > 0 ? `, ${tests.failed} failed` : ''}.`);
      const text = lines.filter((line) => line !== '').join('\n');
      return {
        findings: [],
        notes,
        sections: text ? [{ title: 'Policy tests', markdown: text, text }] : [],
        exitCode: tests.failed > 0 ? EXIT_FINDINGS : EXIT_OK,
      };
    }

    const expandedInputs = await expandGlobs(options.input ?? [], ctx.cwd);
    const notes: string[] = expandedInputs.unmatched.map((pattern) => `--input ${pattern} matches no file.`);
    if ((options.input ?? []).length === 0) notes.push('No --input given: only the licence lists (with --sbom) and the policy itself were checked.');
    const sboms = await expandGlobs(options.sbom ?? [], ctx.cwd);
    if (sboms.unmatched.length > 0) throw new UsageError(`--sbom ${sboms.unmatched.join(', ')} matches no file.`);
    const run = await gateModule.runGate({
      repoRoot,
      sarifFiles: expandedInputs.files,
      sbomFiles: sboms.files,
      policy,
      ignore: ctx.settings.ignore,
      today,
      displayRoot: ctx.cwd,
    });
    notes.push(...run.notes);
    let evidenceFile: string | undefined;
    if (options.evidence !== undefined) {
      evidenceFile = path.resolve(ctx.cwd, options.evidence);
      const commit = await headCommit(repoRoot).catch(() => undefined);
      const evidence = buildEvidence(run, {
        timestamp: started.toISOString(),
        ...(commit ? { commit } : {}),
        repoRoot,
        policy: loaded,
        failOnSeverity: failOn,
      });
      try {
        writeFileSync(evidenceFile, `${JSON.stringify(evidence, null, 2)}\n`);
      } catch (error) {
        throw new UsageError(`--evidence ${options.evidence}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    }
    const text = report.buildGateText({
      result: run.result,
      inputsLine: gateModule.describeInputs(run, repoRoot),
      notes,
      ...(evidenceFile ? { evidence: path.relative(ctx.cwd, evidenceFile) || evidenceFile } : {}),
    });
    return {
      pathBase: repoRoot,
      findings: [],
      sections: [{ title: 'Policy gate', markdown: text, text }],
      exitCode: run.result.decision === 'fail' ? EXIT_FINDINGS : EXIT_OK,
    };
  },
});
