/**
 * The all-in-one action (action.yml at the repository root): the scanners in
 * one process — secrets-scan and dependency-audit concurrently, sbom on the
 * inventory dependency-audit already read — each result written as SARIF and
 * uploaded to code scanning under its own category, then the policy gate on
 * all of them, then one sticky comment and one job summary with the gate's
 * decision first and a section per scanner.
 *
 * Exit: 2 when any part met a usage or configuration error (the others still
 * ran and reported), else 1 when the gate fails (or, with `policy: false`,
 * when a scanner's findings reach its threshold), else 0.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import type { ActionOutcome, ActionRuntime } from '../core/action/run-action.js';
import { partialUploadReason, scanReportInput, uploadToCodeScanning, writeScanSarif } from '../core/action/run-action.js';
import { categoryOf, type ScanResult, type Scanner } from '../core/action/scanner.js';
import { describeScope, resolveScanScope } from '../core/action/scope.js';
import { resolveSettings, type ResolvedSettings } from '../core/action/settings.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, describeError } from '../core/errors.js';
import { failingFindings, sortFindings, type Finding } from '../core/findings.js';
import { headCommit } from '../core/git/head.js';
import { createGitHubClient, type GitHubClient } from '../core/github/client.js';
import { readGitHubContext, type GitHubContext } from '../core/github/context.js';
import { parseActionInputs } from '../core/inputs/parse-inputs.js';
import { InventoryCache } from '../core/inventory/inventory-cache.js';
import type { Logger } from '../core/logger.js';
import { publishStickyComment } from '../core/publish/pr-comment.js';
import { buildAnnotations } from '../core/report/annotations.js';
import { buildCommentBody, commentMarker, COMMENT_BODY_MAX_CHARS } from '../core/report/comment.js';
import { buildSummaryMarkdown, SUMMARY_MAX_BYTES } from '../core/report/summary.js';
import type { ReportInput } from '../core/report/types.js';
import type { FailOn } from '../core/severity.js';
import { buildGateComment, buildGateSummary } from '../scanners/policy/gate-report.js';
import { annotateDecisions, runPolicyStep, type PolicyStepOutcome } from '../scanners/policy/run-policy-gate-action.js';
import { suiteInputsSchema, type SuiteScanner } from './suite-inputs.js';
import { markShard, mergeShardFiles, PARTIAL_PROPERTY, ruleFromSarif, shardFileName } from './shards.js';
import { describeShard, type Shard } from '../core/action/shard.js';
import { uploadArtifact } from '../core/publish/artifact-upload.js';
import { readSarif } from '../core/sarif/reader.js';

export const SUITE_ID = 'devsecops';

/** What one scanner of the suite produced. */
interface ScannerRun {
  scanner: Scanner;
  settings: ResolvedSettings;
  scan: ScanResult;
  findings: Finding[];
  sarifFile: string;
  log: Log;
  report: ReportInput;
  result: 'pass' | 'fail';
}

async function loadScanner(name: Exclude<SuiteScanner, 'sbom'>): Promise<Scanner> {
  if (name === 'secrets') return (await import('../scanners/secrets/scanner.js')).secretsScanner;
  return (await import('../scanners/dependencies/scanner.js')).dependencyAuditScanner;
}

/** Headings one level down, so each part sits under the combined heading. */
function demote(markdown: string): string {
  return markdown.replace(/^(#{2,5}) /gm, '#$1 ');
}

/** A body without the marker line its builder puts first. */
function withoutMarker(body: string): string {
  return body.startsWith('<!--') ? body.slice(body.indexOf('\n') + 1) : body;
}

export async function runSuiteAction(runtime: ActionRuntime, now: () => Date = () => new Date()): Promise<ActionOutcome> {
  const { logger } = runtime;
  const context = readGitHubContext(runtime.env);
  let inputs;
  try {
    inputs = parseActionInputs(suiteInputsSchema, runtime.getInput);
  } catch (error) {
    if (error instanceof UsageError) {
      logger.error(error.message);
      return { exitCode: EXIT_USAGE };
    }
    throw error;
  }
  const errors: string[] = [];
  const notes: string[] = [];
  const note = (line: string) => {
    notes.push(line);
    logger.warning(line);
  };
  const cache = new InventoryCache();
  const checkedOutSha = (await headCommit(context.workspace).catch(() => undefined)) ?? context.sha;

  // The scanners: settings first (a config mistake is one line, then the others go on), then concurrently.
  const selected = inputs.scanners.filter((name): name is Exclude<SuiteScanner, 'sbom'> => name !== 'sbom');
  const prepared: { scanner: Scanner; settings: ResolvedSettings }[] = [];
  for (const name of selected) {
    const scanner = await loadScanner(name);
    try {
      const settings = await resolveSettings(scanner, { getInput: runtime.getInput, workspace: context.workspace, logger });
      if (!settings.enabled) {
        note(`${scanner.title} is switched off in the config file (${scanner.configSection}.enabled: false).`);
        continue;
      }
      prepared.push({ scanner, settings });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      errors.push(`${scanner.id}: ${error.message}`);
    }
  }
  const shard = inputs.shard;
  if (shard && inputs.merge) errors.push('Inputs "shard" and "merge" exclude each other: shard jobs scan, the merge job combines them.');
  const scanned = inputs.merge
    ? await mergeShards({ dir: path.resolve(context.workspace, inputs.merge), prepared, context, checkedOutSha, logger, errors })
    : await Promise.all(
    prepared.map(async ({ scanner, settings }): Promise<ScannerRun | undefined> => {
      try {
        const scope = await resolveScanScope({ requested: settings.scope, context, repoRoot: context.workspace, logger });
        logger.info(`${scanner.title}: scanning ${describeScope(scope, context)}.`);
        const scan = await scanner.scan({
          root: settings.root,
          repoRoot: context.workspace,
          scope,
          config: settings.config,
          ignore: settings.ignore,
          inputs: settings.inputs,
          logger,
          inventoryCache: cache,
          ...(shard ? { shard } : {}),
        });
        const findings = sortFindings(scan.findings);
        const scannerNotes = [...scan.notes];
        for (const line of scan.notes) logger.warning(line);
        const relative = path.relative(context.workspace, settings.root).split(path.sep).join('/');
        const category = relative ? `${categoryOf(scanner)}path:${relative}/` : categoryOf(scanner);
        const { file, log } = await writeScanSarif({ scanner, scan, findings, context, checkedOutSha, category, logger, note: (line) => scannerNotes.push(line) });
        const result = failingFindings(findings, settings.failOn).length > 0 ? 'fail' : 'pass';
        const report = scanReportInput({
          scanner,
          scan,
          findings,
          result,
          failOn: settings.failOn,
          scopeDescription: describeScope(scope, context),
          notes: scannerNotes,
          context,
          sha: checkedOutSha,
          sarifFile: file,
        });
        return { scanner, settings, scan, findings, sarifFile: file, log, report, result };
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        errors.push(`${scanner.id}: ${error.message}`);
        return undefined;
      }
    }),
  );
  const runs = scanned.filter((run): run is ScannerRun => run !== undefined);
  if (shard) return finishShard({ runtime, shard, runs, errors, uploadArtifact: inputs['upload-artifact'] });

  const common = prepared[0]?.settings;
  const token = common?.token ?? inputs.token;
  const wantsComment = inputs.comment && context.pullRequest !== undefined;
  const wantsUpload = runs.some((run) => run.settings.uploadSarif);
  const needsClient = (wantsComment || wantsUpload || inputs['dismiss-alerts']) && !context.readOnlyReason && token !== '';
  const client = needsClient ? await (runtime.createClient ?? defaultClient)(token, context.apiUrl, logger) : undefined;

  // Code scanning: one upload per scanner, under its own category.
  for (const run of runs) {
    if (!run.settings.uploadSarif) continue;
    const partialReason = partialUploadReason(run.scan, context);
    if (partialReason) {
      run.report = { ...run.report, notes: [...run.report.notes, partialReason] };
      continue;
    }
    if (context.readOnlyReason) {
      run.report = { ...run.report, notes: [...run.report.notes, `Code scanning upload skipped: ${context.readOnlyReason}. The SARIF file is still written.`] };
      continue;
    }
    if (!client) continue;
    const log = run.log;
    const category = run.log.runs[0]?.automationDetails?.id ?? categoryOf(run.scanner);
    const uploadNotes: string[] = [];
    const url = await uploadToCodeScanning({ client, context, checkedOutSha, log, category, logger, note: (line) => uploadNotes.push(line) });
    run.report = {
      ...run.report,
      notes: [...run.report.notes, ...uploadNotes],
      ...(url ? { links: { ...run.report.links, codeScanningUrl: url } } : {}),
    };
  }

  // The SBOM, on the inventory dependency-audit read.
  let sbomFiles: string[] = [];
  let sbomNotes: string[] = [];
  if (inputs.scanners.includes('sbom') && common) {
    const config = common.config;
    const section = config.sbom;
    if (section.enabled) {
      try {
        const { produceSboms } = await import('../scanners/sbom/run-sbom-action.js');
        const produced = await produceSboms({
          runtime,
          context,
          root: common.root,
          ignore: [...config.paths.ignore, ...section.paths.ignore],
          formats: section.format ?? ['cyclonedx-json'],
          cyclonedxVersion: section['cyclonedx-version'] ?? '1.6',
          perWorkspace: section['per-workspace'] ?? false,
          reproducible: section.reproducible ?? false,
          output: '',
          artifactName: inputs['upload-artifact'] ? 'sbom' : undefined,
          dependencySnapshot: section['dependency-snapshot'] ?? true,
          token,
          inventoryCache: cache,
        });
        sbomFiles = produced.files;
        sbomNotes = produced.notes;
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        errors.push(`sbom: ${error.message}`);
      }
    }
  }

  // The gate, over what the scanners wrote (and the SBOM for licences).
  let gate: PolicyStepOutcome | undefined;
  if (inputs.policy && common) {
    const failOnByFile = new Map<string, FailOn>(runs.map((run) => [run.sarifFile, run.settings.failOn]));
    try {
      gate = await runPolicyStep({
        runtime,
        context,
        config: common.config,
        configFile: runtime.getInput('config') || '.github/devsecops.yml',
        policyFile: inputs['policy-file'],
        mode: inputs.mode,
        failOnSeverity: inputs['fail-on-severity'],
        sarifFiles: runs.map((run) => run.sarifFile),
        // Both formats describe the same packages: one is enough for the licence lists.
        sbomFiles: sbomFiles.slice(0, 1),
        failOnForFile: (file) => failOnByFile.get(file),
        artifactName: inputs['upload-artifact'] ? 'policy-gate-evidence' : undefined,
        dismissAlerts: inputs['dismiss-alerts'],
        client,
        notes,
        now,
      });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      errors.push(`policy-gate: ${error.message}`);
    }
  }
  for (const line of errors) logger.error(line);

  // Annotations across all: the gate's (with each rule's message) when it decided, else the scanners'.
  if (inputs.annotations) {
    if (gate) annotateDecisions(runtime, gate.run.result.findings);
    else {
      const all = runs.flatMap((run) => run.findings);
      const { annotations, overflowNote } = buildAnnotations(all, { rules: runs.flatMap((run) => run.scan.rules) });
      for (const annotation of annotations) runtime.annotate(annotation);
      if (overflowNote) runtime.annotate({ level: 'notice', title: 'devsecops: more findings', message: overflowNote });
    }
  }

  const decision: 'pass' | 'warn' | 'fail' = errors.length > 0 ? 'fail' : gate ? gate.run.result.decision : runs.some((run) => run.result === 'fail') ? 'fail' : 'pass';
  const head = buildHead(decision, errors, notes, runs, gate, sbomFiles, context);

  if (wantsComment) {
    await publishStickyComment({ client, context, marker: commentMarker(SUITE_ID), body: buildCombined(head, runs, gate, 'comment'), logger, notes });
  }
  try {
    await runtime.appendSummary(buildCombined(buildHead(decision, errors, notes, runs, gate, sbomFiles, context), runs, gate, 'summary'));
  } catch (error) {
    logger.warning(`Job summary not written: ${describeError(error)}`);
  }

  for (const run of runs) runtime.setOutput(`${run.scanner.id}-sarif-file`, run.sarifFile);
  runtime.setOutput('sbom-file', sbomFiles[0] ?? '');
  runtime.setOutput('result', decision);
  runtime.setOutput('evidence-file', gate?.evidenceFile ?? '');
  const all = runs.flatMap((run) => run.findings);
  runtime.setOutput('findings', String(all.length));
  runtime.setOutput('new-findings', String(all.filter((f) => f.isNew === true).length));
  for (const line of sbomNotes) logger.info(line);

  if (errors.length > 0) return { exitCode: EXIT_USAGE };
  if (decision === 'fail') {
    logger.error(`devsecops: ${gate ? `the policy gate fails: ${gate.run.result.reasons[0] ?? ''}` : 'findings reach a scanner\'s threshold'}. The job summary says what to do next.`);
    return { exitCode: EXIT_FINDINGS, result: 'fail' };
  }
  return { exitCode: EXIT_OK, result: 'pass' };
}

const ICON = { pass: '✅', warn: '⚠️', fail: '❌' } as const;

function buildHead(
  decision: 'pass' | 'warn' | 'fail',
  errors: readonly string[],
  notes: readonly string[],
  runs: readonly ScannerRun[],
  gate: PolicyStepOutcome | undefined,
  sbomFiles: readonly string[],
  context: GitHubContext,
): string {
  const lines = [`## ${ICON[decision]} devsecops: ${decision}`];
  if (errors.length > 0) lines.push('', '**Could not run:**', ...errors.map((line) => `- ${line}`));
  const parts = runs.map((run) => `${run.scanner.title} ${run.result === 'fail' ? 'has findings at its threshold' : 'passed'} (${run.findings.length} finding${run.findings.length === 1 ? '' : 's'})`);
  if (sbomFiles.length > 0) parts.push(`SBOM written (${sbomFiles.map((file) => `\`${path.relative(context.runnerTemp, file)}\``).join(', ')})`);
  if (!gate) parts.push('no policy gate (decided by each scanner\'s fail-on-severity)');
  lines.push('', parts.join(' · '));
  const own = notes.filter((line) => !gate?.report.notes.includes(line));
  if (own.length > 0) lines.push('', '**Notes**', '', ...own.map((line) => `- ${line}`));
  return lines.join('\n');
}

/**
 * The combined body: the head, the gate's report, then each scanner's, with
 * the space shared out so the whole stays within GitHub's limit.
 */
function buildCombined(head: string, runs: readonly ScannerRun[], gate: PolicyStepOutcome | undefined, kind: 'comment' | 'summary'): string {
  // The marker must be the body's first line (see commentMarker).
  const parts: string[] = [kind === 'comment' ? `${commentMarker(SUITE_ID)}\n${head}` : head];
  const limit = kind === 'comment' ? COMMENT_BODY_MAX_CHARS : SUMMARY_MAX_BYTES;
  const size = (text: string) => (kind === 'comment' ? text.length : Buffer.byteLength(text));
  let remaining = limit - size(parts.join('\n\n')) - 64;
  const shares = runs.length + (gate ? 1 : 0);
  const share = () => Math.max(1_000, Math.floor(remaining / Math.max(1, shares)));
  if (gate) {
    const budget = share();
    const body = kind === 'comment' ? withoutMarker(buildGateComment(gate.report, { maxChars: budget })) : buildGateSummary(gate.report, { maxBytes: budget });
    const text = demote(body);
    parts.push(text);
    remaining -= size(text);
  }
  for (const run of runs) {
    const budget = share();
    const body =
      kind === 'comment' ? withoutMarker(buildCommentBody(run.report, { maxChars: budget, maxRows: 20 })) : buildSummaryMarkdown(run.report, { maxBytes: budget });
    const text = demote(body);
    parts.push(text);
    remaining -= size(text);
  }
  return `${parts.join('\n\n')}\n`;
}

function defaultClient(token: string, apiUrl: string, logger: Logger): Promise<GitHubClient> {
  return createGitHubClient({ token, apiUrl, logger });
}

/**
 * A shard job's end: each scanner's SARIF marked with the shard, uploaded as
 * the artifact `devsecops-shard-<i>-of-<n>` for the merge job. Nothing is
 * decided, uploaded to code scanning or commented here: a shard sees part of
 * the repository, and only the merge job sees it all.
 */
async function finishShard(options: { runtime: ActionRuntime; shard: Shard; runs: ScannerRun[]; errors: string[]; uploadArtifact: boolean }): Promise<ActionOutcome> {
  const { runtime, shard, runs, errors } = options;
  const { logger } = runtime;
  for (const line of errors) logger.error(line);
  const context = readGitHubContext(runtime.env);
  const dir = path.join(context.runnerTemp, 'devsecops', 'shards');
  mkdirSync(dir, { recursive: true });
  const files = runs.map((run) => {
    const file = path.join(dir, shardFileName(run.scanner.id, shard));
    writeFileSync(file, `${JSON.stringify(markShard(run.log, shard, run.scan.partial === true))}\n`);
    return file;
  });
  const name = `devsecops-shard-${shard.index}-of-${shard.count}`;
  let where = `\`${dir}\``;
  if (options.uploadArtifact && files.length > 0) {
    const upload = await uploadArtifact({ name, files, rootDirectory: dir, logger, env: runtime.env });
    if (upload.status === 'uploaded') where = `the artifact \`${upload.name}\``;
  }
  const lines = [
    `## devsecops: shard ${describeShard(shard)}`,
    '',
    ...runs.map((run) => `- ${run.scanner.title}: ${run.findings.length} finding(s) in this shard's part of the repository.`),
    '',
    `The shard's SARIF files are in ${where}. The merge job (\`merge:\` with the downloaded shard files) uploads to code scanning, comments and decides.`,
    ...(errors.length > 0 ? ['', '**Could not run:**', ...errors.map((line) => `- ${line}`)] : []),
  ];
  try {
    await runtime.appendSummary(`${lines.join('\n')}\n`);
  } catch (error) {
    logger.warning(`Job summary not written: ${describeError(error)}`);
  }
  runtime.setOutput('shard-files', files.join('\n'));
  runtime.setOutput('result', errors.length > 0 ? 'fail' : 'pass');
  return { exitCode: errors.length > 0 ? EXIT_USAGE : EXIT_OK };
}

/** The merge job's runs: each selected scanner's shards put back together (shards.ts). */
async function mergeShards(options: {
  dir: string;
  prepared: { scanner: Scanner; settings: ResolvedSettings }[];
  context: GitHubContext;
  checkedOutSha: string;
  logger: Logger;
  errors: string[];
}): Promise<(ScannerRun | undefined)[]> {
  const { context, logger } = options;
  const merged = mergeShardFiles(options.dir);
  options.errors.push(...merged.errors);
  logger.info(`Merging ${merged.files} shard file(s) from ${options.dir}.`);
  return options.prepared.map(({ scanner, settings }) => {
    const part = merged.merged.find((m) => m.scannerId === scanner.id);
    if (!part) {
      options.errors.push(`${scanner.id}: no shard files of it in ${options.dir}`);
      return undefined;
    }
    const text = JSON.stringify(part.log, null, 2);
    const file = path.join(context.runnerTemp, 'devsecops', `${scanner.id}.sarif`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${text}\n`);
    const findings = sortFindings(readSarif(text, file, { checkoutRoot: context.workspace }).findings);
    const runLog = part.log.runs[0]!;
    const scan: ScanResult = {
      rules: (runLog.tool.driver.rules ?? []).map(ruleFromSarif),
      findings,
      skipped: [],
      baselineCompared: findings.some((f) => f.isNew !== undefined),
      executionSuccessful: runLog.invocations?.every((i) => i.executionSuccessful) ?? true,
      notes: [`Merged from ${part.count} shards.`],
      partial: runLog.properties?.[PARTIAL_PROPERTY] === true,
    };
    const result = failingFindings(findings, settings.failOn).length > 0 ? 'fail' : 'pass';
    const report = scanReportInput({
      scanner,
      scan,
      findings,
      result,
      failOn: settings.failOn,
      scopeDescription: `${part.count} shards, merged`,
      notes: scan.notes,
      context,
      sha: options.checkedOutSha,
      sarifFile: file,
    });
    return { scanner, settings, scan, findings, sarifFile: file, log: part.log, report, result };
  });
}
