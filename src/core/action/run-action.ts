import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { buildSarifLog } from '../sarif/writer.js';
import { applyIngestionLimits } from '../sarif/limits.js';
import { addLineHashes } from '../sarif/line-hash.js';
import { readGitHubContext, type GitHubContext } from '../github/context.js';
import { createGitHubClient, type GitHubClient } from '../github/client.js';
import { resolveUploadTarget, toCheckoutUri, uploadSarif } from '../publish/sarif-upload.js';
import { upsertStickyComment } from '../publish/pr-comment.js';
import { buildSummaryMarkdown } from '../report/summary.js';
import { buildCommentBody, commentMarker } from '../report/comment.js';
import { buildAnnotations } from '../report/annotations.js';
import type { ReportInput } from '../report/types.js';
import { failingFindings, sortFindings, type Finding } from '../findings.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { headCommit } from '../git/head.js';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../version.js';
import { categoryOf, type ScanResult, type ScanScope, type Scanner } from './scanner.js';
import { resolveSettings, type ResolvedSettings } from './settings.js';
import { describeScope, resolveScanScope } from './scope.js';

/** One annotation as the toolkit's `core.error/warning/notice` take it. */
export interface RuntimeAnnotation {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
  /** Absent for a note that belongs to no line (shown on the run, not on a file). */
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/**
 * What the pipeline needs from the runner. The entry layer binds it to
 * @actions/core; nothing below it imports the toolkit.
 */
export interface ActionRuntime {
  env: NodeJS.ProcessEnv;
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
  annotate(annotation: RuntimeAnnotation): void;
  logger: Logger;
  /** Builds the GitHub client; defaults to the one factory in github/client.ts. */
  createClient?: (token: string, apiUrl: string, logger: Logger) => Promise<GitHubClient>;
}

export interface ActionOutcome {
  exitCode: number;
  result?: 'pass' | 'fail';
}

/** How long to wait for code scanning to process an upload (codeql-action waits 2 minutes too). */
const UPLOAD_PROCESSING_MAX_WAIT_MS = 120_000;
const UPLOAD_POLL_INTERVAL_MS = 5_000;

interface Prepared {
  context: GitHubContext;
  settings: ResolvedSettings;
  scope: ScanScope;
  category: string;
}

/**
 * The pipeline every action runs: inputs → context → config → scope → scan →
 * SARIF → publish (annotations, code scanning, PR comment, summary) → outputs.
 * A user's mistake exits 2 with one line; a missing permission is a warning;
 * only findings at or above the threshold fail the step.
 */
export async function runAction(scanner: Scanner, runtime: ActionRuntime): Promise<ActionOutcome> {
  const { logger } = runtime;
  let prepared: Prepared;
  let scan: ScanResult;
  try {
    prepared = await prepare(scanner, runtime);
    if (!prepared.settings.enabled) {
      logger.info(`${scanner.title} is switched off in the config file (${scanner.configSection}.enabled: false).`);
      await runtime.appendSummary(`## ${scanner.title}\n\nSwitched off in the config file (\`${scanner.configSection}.enabled: false\`).\n`);
      setOutputs(runtime, { sarifFile: '', findings: [], baselineCompared: false, result: 'pass' });
      return { exitCode: EXIT_OK, result: 'pass' };
    }
    const { settings, scope, context } = prepared;
    logger.info(`${scanner.title}: scanning ${describeScope(scope, context)}.`);
    scan = await scanner.scan({
      root: settings.root,
      repoRoot: context.workspace,
      scope,
      config: settings.config,
      ignore: settings.ignore,
      inputs: settings.inputs,
      logger,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      logger.error(error.message);
      return { exitCode: EXIT_USAGE };
    }
    throw error;
  }
  return publish(scanner, runtime, prepared, scan);
}

async function prepare(scanner: Scanner, runtime: ActionRuntime): Promise<Prepared> {
  const context = readGitHubContext(runtime.env);
  const settings = await resolveSettings(scanner, { getInput: runtime.getInput, workspace: context.workspace, logger: runtime.logger });
  const scope = settings.enabled
    ? await resolveScanScope({ requested: settings.scope, context, repoRoot: context.workspace, logger: runtime.logger })
    : ({ kind: 'all' } as const);
  // Two runs of one scanner on different folders of a monorepo must not replace
  // each other's alerts, so the folder is part of the category.
  const relative = path.relative(context.workspace, settings.root).split(path.sep).join('/');
  const category = relative ? `${categoryOf(scanner)}path:${relative}/` : categoryOf(scanner);
  return { context, settings, scope, category };
}

async function publish(scanner: Scanner, runtime: ActionRuntime, prepared: Prepared, scan: ScanResult): Promise<ActionOutcome> {
  const { logger } = runtime;
  const { context, settings, category } = prepared;
  /** What the summary and the comment tell the reader; each is also logged once, where it arises. */
  const notes: string[] = [];
  const note = (message: string, alreadyLogged = false) => {
    notes.push(message);
    if (!alreadyLogged) logger.warning(message);
  };
  for (const line of scan.notes) note(line);

  const findings = sortFindings(scan.findings);
  const failing = failingFindings(findings, settings.failOn);
  const result = failing.length > 0 ? 'fail' : 'pass';

  // The SARIF file comes first: it is the full record the other outputs point
  // to, and it is written even when every GitHub call below is refused.
  const checkedOutSha = (await headCommit(context.workspace).catch(() => undefined)) ?? context.sha;
  const { log: sarifLog, file: sarifFile } = await writeScanSarif({ scanner, scan, findings, context, checkedOutSha, category, logger, note });
  const limited = { log: sarifLog };

  if (settings.annotations) {
    const { annotations, overflowNote } = buildAnnotations(findings, { rules: scan.rules });
    for (const annotation of annotations) runtime.annotate(annotation);
    if (overflowNote) runtime.annotate({ level: 'notice', title: `${scanner.title}: more findings`, message: overflowNote });
  }

  const wantsComment = settings.comment && context.pullRequest !== undefined;
  let client: GitHubClient | undefined;
  if ((settings.uploadSarif || wantsComment) && !context.readOnlyReason) {
    client = await (runtime.createClient ?? defaultClient)(settings.token, context.apiUrl, logger);
  }

  let codeScanningUrl: string | undefined;
  if (settings.uploadSarif) {
    const partialReason = partialUploadReason(scan, context);
    if (partialReason) {
      note(partialReason);
    } else if (context.readOnlyReason) {
      note(
        `Code scanning upload skipped: ${context.readOnlyReason}. The SARIF file is still written; upload it from a \`workflow_run\` workflow to see these results in code scanning (see the README).`,
      );
    } else if (client) {
      codeScanningUrl = await uploadToCodeScanning({ client, context, checkedOutSha, log: limited.log, category, logger, note });
    }
  }

  const report = scanReportInput({
    scanner,
    scan,
    findings,
    result,
    failOn: settings.failOn,
    scopeDescription: describeScope(prepared.scope, context),
    notes,
    context,
    sha: checkedOutSha,
    sarifFile,
    ...(codeScanningUrl ? { codeScanningUrl } : {}),
  });

  if (wantsComment && context.pullRequest) {
    if (context.readOnlyReason) {
      note(`Pull request comment skipped: ${context.readOnlyReason}. The job summary and annotations carry the same report.`);
    } else if (client) {
      const outcome = await upsertStickyComment({
        client,
        owner: context.owner,
        repo: context.repo,
        issueNumber: context.pullRequest.number,
        marker: commentMarker(scanner.id),
        body: buildCommentBody(report),
        logger,
      });
      if (outcome.action === 'skipped' && outcome.reason) note(outcome.reason, true);
    }
  }

  try {
    await runtime.appendSummary(buildSummaryMarkdown(report));
  } catch (error) {
    logger.warning(`Job summary not written: ${describeError(error)}`);
  }

  setOutputs(runtime, { sarifFile, findings, baselineCompared: scan.baselineCompared, result });
  if (result === 'fail') {
    logger.error(
      `${scanner.title}: ${failing.length} finding${failing.length === 1 ? '' : 's'} at or above fail-on-severity "${settings.failOn}". The job summary says what to do next for each.`,
    );
    return { exitCode: EXIT_FINDINGS, result };
  }
  logger.info(
    `${scanner.title}: ${findings.length === 0 ? 'no findings' : `${findings.length} finding(s), none failing at fail-on-severity "${settings.failOn}"`}.`,
  );
  return { exitCode: EXIT_OK, result };
}

/**
 * Why a scan's SARIF must not be uploaded to code scanning here, or undefined:
 * a partial scan (only the lines a push added) would replace the branch's
 * whole analysis and close every alert it did not look at.
 */
export function partialUploadReason(scan: Pick<ScanResult, 'partial'>, context: Pick<GitHubContext, 'pullRequest' | 'eventName'>): string | undefined {
  if (!scan.partial || context.pullRequest) return undefined;
  return (
    `Code scanning upload skipped: this ${context.eventName} scan covers only the lines the change added, and code scanning would take it ` +
    'as the whole analysis of the branch and close the alerts it did not look at. Upload from a full scan (`scope: all`, e.g. a scheduled run) to keep the branch\'s alerts current; the SARIF file is still written.'
  );
}

/** What the summary and the comment of one scanner are built from. */
export function scanReportInput(options: {
  scanner: Pick<Scanner, 'id' | 'title'>;
  scan: ScanResult;
  /** The scan's findings, sorted. */
  findings: Finding[];
  result: 'pass' | 'fail';
  failOn: ResolvedSettings['failOn'];
  scopeDescription: string;
  notes: readonly string[];
  context: GitHubContext;
  sha: string;
  sarifFile: string;
  codeScanningUrl?: string;
}): ReportInput {
  const { scanner, scan, context } = options;
  return {
    actionName: scanner.id,
    title: scanner.title,
    findings: options.findings,
    rules: scan.rules,
    skipped: scan.skipped,
    result: options.result,
    failOn: options.failOn,
    scopeDescription: options.scopeDescription,
    notes: options.notes,
    links: {
      serverUrl: context.serverUrl,
      owner: context.owner,
      repo: context.repo,
      sha: options.sha,
      runUrl: context.runUrl,
      ...(options.codeScanningUrl ? { codeScanningUrl: options.codeScanningUrl } : {}),
    },
    sarifFile: path.relative(context.workspace, options.sarifFile),
    ...(scan.sections ? { sections: scan.sections } : {}),
  };
}

/**
 * Builds a scanner's SARIF log (ingestion limits applied, line hashes added)
 * and writes it to RUNNER_TEMP/devsecops/<id>.sarif, where the policy gate
 * and later steps of the job find it.
 */
export async function writeScanSarif(options: {
  scanner: Pick<Scanner, 'id'>;
  scan: ScanResult;
  /** The scan's findings, sorted. */
  findings: Finding[];
  context: GitHubContext;
  checkedOutSha: string;
  category: string;
  logger: Logger;
  note: (message: string) => void;
}): Promise<{ log: Log; file: string }> {
  const { scan, findings, context, logger } = options;
  const built = buildSarifLog({
    tool: { name: TOOL_NAME, version: VERSION, informationUri: INFORMATION_URI },
    rules: scan.rules,
    findings,
    category: options.category,
    provenance: {
      repositoryUri: `${context.serverUrl}/${context.owner}/${context.repo}`,
      revisionId: options.checkedOutSha,
      ...(context.ref ? { branch: context.ref } : {}),
    },
    skipped: scan.skipped,
    executionSuccessful: scan.executionSuccessful,
    baselineCompared: scan.baselineCompared,
  });
  const limited = applyIngestionLimits(built);
  for (const line of limited.notes) options.note(line);
  await addLineHashes(limited.log, { checkoutRoot: context.workspace, logger });
  const file = path.join(context.runnerTemp, 'devsecops', `${options.scanner.id}.sarif`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(limited.log, null, 2)}\n`);
  logger.info(`SARIF written to ${file} (${findings.length} result${findings.length === 1 ? '' : 's'}).`);
  return { log: limited.log, file };
}

export async function uploadToCodeScanning(options: {
  client: GitHubClient;
  context: GitHubContext;
  checkedOutSha: string;
  log: Log;
  category: string;
  logger: Logger;
  note: (message: string, alreadyLogged?: boolean) => void;
}): Promise<string | undefined> {
  const { context } = options;
  const target = resolveUploadTarget({
    eventName: context.eventName,
    sha: context.sha,
    ref: context.ref,
    ...(context.pullRequest ? { pullRequest: { number: context.pullRequest.number, headSha: context.pullRequest.headSha } } : {}),
    checkedOutSha: options.checkedOutSha,
  });
  const upload = await uploadSarif({
    client: options.client,
    owner: context.owner,
    repo: context.repo,
    target,
    sarif: options.log,
    checkoutUri: toCheckoutUri(context.workspace),
    category: options.category,
    logger: options.logger,
    waitForProcessing: true,
    pollIntervalMs: UPLOAD_POLL_INTERVAL_MS,
    maxWaitMs: UPLOAD_PROCESSING_MAX_WAIT_MS,
    // One ledger per job: steps are separate processes, RUNNER_TEMP is the job's.
    uploadedCategoriesFile: path.join(context.runnerTemp, 'devsecops', 'uploaded-categories.json'),
  });
  if (upload.status !== 'uploaded') {
    options.note(upload.reason, true);
    return undefined;
  }
  const query = context.pullRequest ? `pr:${context.pullRequest.number} tool:${TOOL_NAME}` : `tool:${TOOL_NAME} ref:${target.ref}`;
  return `${context.serverUrl}/${context.owner}/${context.repo}/security/code-scanning?query=${encodeURIComponent(query)}`;
}

function setOutputs(
  runtime: ActionRuntime,
  outcome: { sarifFile: string; findings: readonly Finding[]; baselineCompared: boolean; result: 'pass' | 'fail' },
): void {
  // Without a base to compare with, every finding is new to the reader.
  const newFindings = outcome.baselineCompared ? outcome.findings.filter((f) => f.isNew === true).length : outcome.findings.length;
  runtime.setOutput('sarif-file', outcome.sarifFile);
  runtime.setOutput('findings', String(outcome.findings.length));
  runtime.setOutput('new-findings', String(newFindings));
  runtime.setOutput('result', outcome.result);
}

function defaultClient(token: string, apiUrl: string, logger: Logger): Promise<GitHubClient> {
  return createGitHubClient({ token, apiUrl, logger });
}
