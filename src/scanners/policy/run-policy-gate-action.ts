/**
 * The policy-gate action: policy → inputs (SARIF this job wrote, or the
 * `sarif` globs; an SBOM) → decision → evidence file (and artifact) →
 * gated SARIF copies → alert dismissal (on request) → annotations → PR
 * comment → job summary → outputs → exit status.
 *
 * Exit 2 for a policy or input mistake (one line naming it), 1 when the
 * decision is fail in enforce mode, 0 otherwise. A GitHub call that is
 * refused is a note; the decision never depends on one.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { ActionOutcome, ActionRuntime } from '../../core/action/run-action.js';
import { loadConfig } from '../../core/config/load.js';
import { describeError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../../core/errors.js';
import { headCommit } from '../../core/git/head.js';
import { createGitHubClient, type GitHubClient } from '../../core/github/client.js';
import { readGitHubContext, type GitHubContext } from '../../core/github/context.js';
import { resolveSetting } from '../../core/inputs/resolve-settings.js';
import type { InputSetting } from '../../core/inputs/input-types.js';
import type { DevsecopsConfig } from '../../core/config/schema.js';
import type { FailOn } from '../../core/severity.js';
import { parseActionInputs } from '../../core/inputs/parse-inputs.js';
import type { Logger } from '../../core/logger.js';
import { uploadArtifact } from '../../core/publish/artifact-upload.js';
import { publishStickyComment } from '../../core/publish/pr-comment.js';
import { commentMarker } from '../../core/report/comment.js';
import { formatLocation, oneLine } from '../../core/report/text.js';
import { syncAlertDismissals } from './alert-dismissal.js';
import { compilePolicy, loadRegoConditions } from './compile-policy.js';
import { buildEvidence } from './evidence.js';
import { runPolicyTests } from './run-policy-tests.js';
import { describeInputs, runGate, utcDay, type GateRun } from './gate.js';
import { expandGlobs, gateInputsSchema } from './gate-inputs.js';
import { buildGateComment, buildGateSummary, GATE_ID, type GateReportInput } from './gate-report.js';
import { writeGatedSarif } from './gated-sarif.js';
import { loadPolicy } from './load-policy.js';
import type { FindingDecision } from './policy-result.js';

/** Annotations GitHub shows per step and level (see core/report/annotations.ts). */
const ANNOTATIONS_PER_LEVEL = 10;

/** The SARIF files the suite's actions wrote earlier in this job (RUNNER_TEMP/devsecops/<id>.sarif). */
function suiteSarifFiles(runnerTemp: string): string[] {
  const folder = path.join(runnerTemp, 'devsecops');
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.sarif'))
    .map((entry) => path.join(folder, entry.name))
    .sort();
}

/** The SBOMs the sbom action wrote earlier in this job, one format (CycloneDX preferred). */
function suiteSbomFiles(runnerTemp: string): string[] {
  const folder = path.join(runnerTemp, 'devsecops', 'sbom');
  if (!existsSync(folder)) return [];
  // One format written to the default output is a file of that name, not a folder.
  if (statSync(folder).isFile()) return [folder];
  const files = (readdirSync(folder, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  const cyclonedx = files.filter((file) => file.endsWith('.cdx.json'));
  return (cyclonedx.length > 0 ? cyclonedx : files.filter((file) => file.endsWith('.spdx.json'))).sort();
}

export function annotateDecisions(runtime: ActionRuntime, decisions: readonly FindingDecision[]): void {
  for (const [outcome, level] of [
    ['fail', 'error'],
    ['warn', 'warning'],
  ] as const) {
    const chosen = decisions.filter((d) => d.outcome === outcome);
    const located = chosen.filter((d) => d.finding.location);
    for (const decision of located.slice(0, ANNOTATIONS_PER_LEVEL)) {
      const { finding } = decision;
      const location = finding.location!;
      runtime.annotate({
        level,
        title: `Policy gate: ${outcome === 'fail' ? 'blocked' : 'warned'} by ${decision.rule ? decision.rule.id : 'fail-on-severity'} (${finding.tool} ${finding.ruleId})`,
        message: `${decision.message}\n${oneLine(finding.message, 1_000)}`,
        file: location.path,
        startLine: location.startLine,
        ...(location.endLine !== undefined ? { endLine: location.endLine } : {}),
      });
    }
    const rest = chosen.length - Math.min(located.length, ANNOTATIONS_PER_LEVEL);
    if (rest > 0) {
      runtime.annotate({
        level: 'notice',
        title: `Policy gate: more ${outcome === 'fail' ? 'blocked' : 'warned'} findings`,
        message: `${rest} more finding(s) ${outcome === 'fail' ? 'blocked' : 'warned'} without an annotation here; the job summary lists them.`,
      });
    }
  }
}

export async function runPolicyGateAction(runtime: ActionRuntime, now: () => Date = () => new Date()): Promise<ActionOutcome> {
  const { logger } = runtime;
  try {
    return await gate(runtime, now);
  } catch (error) {
    if (error instanceof UsageError) {
      logger.error(error.message);
      return { exitCode: EXIT_USAGE };
    }
    throw error;
  }
}

/** What the policy step needs beyond the runtime: where the policy is and what to decide on. */
export interface PolicyStepOptions {
  runtime: ActionRuntime;
  context: GitHubContext;
  config: DevsecopsConfig;
  configFile: string;
  /** A policy file ('' for the config's section). */
  policyFile: string;
  mode: InputSetting<'enforce' | 'warn'>;
  failOnSeverity: InputSetting<FailOn>;
  sarifFiles: string[];
  /** undefined: the sbom action's document when the policy has licence lists. */
  sbomFiles: string[] | undefined;
  /** fail-on-severity for one SARIF file's findings when neither the input nor the policy sets one (the all-in-one action). */
  failOnForFile?: (file: string) => FailOn | undefined;
  artifactName: string | undefined;
  dismissAlerts: boolean;
  client: GitHubClient | undefined;
  notes: string[];
  now: () => Date;
}

export interface PolicyStepOutcome {
  run: GateRun;
  evidenceFile: string;
  gatedFiles: string[];
  /** The report input for the summary and comment. */
  report: GateReportInput;
}

/**
 * The gate's work between reading the inputs and reporting: load, compile and
 * test the policy, decide, write the evidence and the gated SARIF copies,
 * upload the evidence, sync alert dismissals. Returns undefined when the
 * policy section is switched off. Throws UsageError for a policy mistake.
 */
export async function runPolicyStep(options: PolicyStepOptions): Promise<PolicyStepOutcome | undefined> {
  const { runtime, context, config, notes } = options;
  const { logger } = runtime;
  const note = (line: string) => {
    notes.push(line);
    logger.warning(line);
  };
  const loaded = await loadPolicy({ root: context.workspace, file: options.policyFile, config, configFile: options.configFile });
  const section = loaded.section;
  if (!section.enabled) return undefined;
  const failOn = resolveSetting(options.failOnSeverity, section['fail-on-severity'], config['fail-on-severity']);
  const mode = resolveSetting(options.mode, section.mode);
  const rego = await loadRegoConditions(section, { baseDir: context.workspace, where: loaded.where });
  const policy = compilePolicy(section, { where: loaded.where, failOnSeverity: failOn.value, mode: mode.value, rego });
  for (const warning of policy.warnings) logger.warning(warning);
  const started = options.now();
  // A policy whose own tests fail would decide wrongly: stop before deciding anything (as a configuration error).
  const tests = runPolicyTests(policy, { today: utcDay(started) });
  if (tests.failed > 0) {
    const failed = tests.results.filter((t) => !t.passed).map((t) => `${t.where} ${JSON.stringify(t.name)} ${t.why[0] ?? ''}`);
    throw new UsageError(`The policy's own tests fail (${tests.failed} of ${tests.results.length}): ${failed.join('; ')}. Run \`devsecops policy-gate --test\` to see why.`);
  }
  if (tests.results.length > 0) logger.info(`Policy tests: all ${tests.results.length} pass.`);
  const sbomFiles = options.sbomFiles ?? (policy.licenses ? suiteSbomFiles(context.runnerTemp) : []);

  const run = await runGate({
    repoRoot: context.workspace,
    sarifFiles: options.sarifFiles,
    sbomFiles,
    policy,
    ignore: [...config.paths.ignore, ...section.paths.ignore],
    today: utcDay(started),
    // Only when neither the input nor the policy names a threshold do the scanners' own apply.
    ...(options.failOnForFile && failOn.source === 'default' ? { failOnForFile: options.failOnForFile } : {}),
  });
  for (const line of run.notes) note(line);
  const { result } = run;
  logger.info(`Policy gate: ${result.decision}. ${result.reasons.join(' ')}`);

  const outDir = path.join(context.runnerTemp, 'devsecops', GATE_ID);
  mkdirSync(outDir, { recursive: true });
  const commit = (await headCommit(context.workspace).catch(() => undefined)) ?? context.sha;
  const evidence = buildEvidence(run, {
    timestamp: started.toISOString(),
    repository: `${context.owner}/${context.repo}`,
    commit,
    ref: context.ref,
    event: context.eventName,
    runUrl: context.runUrl,
    repoRoot: context.workspace,
    policy: loaded,
    failOnSeverity: failOn.value,
  });
  const evidenceFile = path.join(outDir, 'evidence.json');
  writeFileSync(evidenceFile, `${JSON.stringify(evidence, null, 2)}\n`);
  logger.info(`Evidence written to ${evidenceFile}.`);
  const gated = writeGatedSarif(run, path.join(outDir, 'sarif'));

  let evidenceWhere = `\`${evidenceFile}\``;
  if (options.artifactName !== undefined) {
    const upload = await uploadArtifact({ name: options.artifactName, files: [evidenceFile], rootDirectory: outDir, logger, env: runtime.env });
    if (upload.status === 'uploaded') evidenceWhere = `the workflow artifact \`${upload.name}\``;
    else if (upload.cause === 'failed') notes.push(upload.reason);
  }
  if (options.dismissAlerts) await dismissAlerts({ client: options.client, context, run, logger, note });

  const links = { serverUrl: context.serverUrl, owner: context.owner, repo: context.repo, sha: commit, runUrl: context.runUrl };
  return {
    run,
    evidenceFile,
    gatedFiles: gated.map((g) => g.file),
    report: { result, inputsLine: describeInputs(run, context.workspace), notes, links, evidence: evidenceWhere },
  };
}

async function gate(runtime: ActionRuntime, now: () => Date): Promise<ActionOutcome> {
  const { logger } = runtime;
  const context = readGitHubContext(runtime.env);
  const inputs = parseActionInputs(gateInputsSchema, runtime.getInput);
  const config = await loadConfig({ root: context.workspace, file: inputs.config.file, explicit: inputs.config.explicit, logger });

  const notes: string[] = [];
  let sarifFiles: string[];
  if (inputs.sarif.length === 0) {
    sarifFiles = suiteSarifFiles(context.runnerTemp);
    if (sarifFiles.length === 0) notes.push('No SARIF input: no step of this job wrote one under RUNNER_TEMP/devsecops, and the `sarif` input is empty.');
  } else {
    const expanded = await expandGlobs(inputs.sarif, context.workspace);
    for (const pattern of expanded.unmatched) notes.push(`Input "sarif": ${pattern} matches no file.`);
    sarifFiles = expanded.files;
  }
  for (const line of notes) logger.warning(line);
  let sbomFiles: string[] | undefined;
  if (inputs.sbom.length > 0) {
    const expanded = await expandGlobs(inputs.sbom, context.workspace);
    if (expanded.unmatched.length > 0) throw new UsageError(`Input "sbom": ${expanded.unmatched.join(', ')} matches no file.`);
    sbomFiles = expanded.files;
  }

  const wantsComment = inputs.comment && context.pullRequest !== undefined;
  const needsClient = (inputs['dismiss-alerts'] || wantsComment) && !context.readOnlyReason;
  const client = needsClient ? await (runtime.createClient ?? defaultClient)(inputs.token, context.apiUrl, logger) : undefined;

  const step = await runPolicyStep({
    runtime,
    context,
    config,
    configFile: inputs.config.file,
    policyFile: inputs.policy,
    mode: inputs.mode,
    failOnSeverity: inputs['fail-on-severity'],
    sarifFiles,
    sbomFiles,
    artifactName: inputs['upload-artifact'] ? inputs['artifact-name'] : undefined,
    dismissAlerts: inputs['dismiss-alerts'],
    client,
    notes,
    now,
  });
  if (!step) {
    logger.info('The policy gate is switched off in the config file (policy.enabled: false).');
    await runtime.appendSummary('## Policy gate\n\nSwitched off in the config file (`policy.enabled: false`).\n');
    runtime.setOutput('result', 'pass');
    return { exitCode: EXIT_OK, result: 'pass' };
  }
  const { run, report } = step;
  const { result } = run;
  if (inputs.annotations) annotateDecisions(runtime, result.findings);

  if (wantsComment) {
    await publishStickyComment({ client, context, marker: commentMarker(GATE_ID), body: buildGateComment(report), logger, notes });
  }
  try {
    await runtime.appendSummary(buildGateSummary(report));
  } catch (error) {
    logger.warning(`Job summary not written: ${describeError(error)}`);
  }

  runtime.setOutput('result', result.decision);
  runtime.setOutput('evidence-file', step.evidenceFile);
  runtime.setOutput('findings', String(result.counts.findings));
  runtime.setOutput('new-findings', String(result.counts.new));
  runtime.setOutput('blocked-findings', String(result.counts.fail));
  runtime.setOutput('sarif-files', step.gatedFiles.join('\n'));

  if (result.decision === 'fail') {
    logger.error(`Policy gate failed: ${result.reasons[0] ?? 'the policy fails'}. The job summary lists what blocked and why.`);
    return { exitCode: EXIT_FINDINGS, result: 'fail' };
  }
  return { exitCode: EXIT_OK, result: 'pass' };
}

async function dismissAlerts(options: {
  client: GitHubClient | undefined;
  context: GitHubContext;
  run: GateRun;
  logger: Logger;
  note: (line: string) => void;
}): Promise<void> {
  const { context, note } = options;
  if (context.readOnlyReason || !options.client) {
    note(`Alert dismissal skipped: ${context.readOnlyReason ?? 'no GitHub client'}; excepted findings still carry SARIF suppressions in the gated copies.`);
    return;
  }
  const outcome = await syncAlertDismissals({
    client: options.client,
    owner: context.owner,
    repo: context.repo,
    ref: context.ref,
    decisions: options.run.result.findings,
    logger: options.logger,
  });
  if (outcome.status === 'skipped') {
    note(outcome.reason);
    return;
  }
  for (const change of outcome.dismissed) {
    options.logger.info(`Dismissed code-scanning alert #${change.alertNumber} (${change.ruleId}${change.path ? ` at ${formatLocation({ path: change.path, startLine: change.line ?? 1 })}` : ''}) under ${change.exception}.`);
  }
  for (const change of outcome.reopened) {
    note(`Reopened code-scanning alert #${change.alertNumber} (${change.ruleId}): ${change.why}.`);
  }
}

function defaultClient(token: string, apiUrl: string, logger: Logger): Promise<GitHubClient> {
  return createGitHubClient({ token, apiUrl, logger });
}
