import path from 'node:path';
import type { ActionOutcome, ActionRuntime } from '../../core/action/run-action.js';
import { loadConfig } from '../../core/config/load.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../../core/errors.js';
import { headCommit } from '../../core/git/head.js';
import { createGitHubClient, type GitHubClient } from '../../core/github/client.js';
import type { Logger } from '../../core/logger.js';
import { readGitHubContext, type GitHubContext } from '../../core/github/context.js';
import type { InventoryCache } from '../../core/inventory/inventory-cache.js';
import type { SbomFormat } from '../../core/config/sections/sbom.js';
import { parseActionInputs } from '../../core/inputs/parse-inputs.js';
import { uploadArtifact } from '../../core/publish/artifact-upload.js';
import { resolveSnapshotTarget, submitDependencySnapshots } from '../../core/publish/dependency-snapshot.js';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../../core/version.js';
import { generateSboms, type GeneratedSboms } from './generate.js';
import { sbomInputsSchema } from './sbom-inputs.js';
import { buildLockfileSnapshots } from './snapshot.js';
import { buildSbomSummary } from './summary.js';
import { writeDocuments } from './write-documents.js';

/**
 * The sbom action: inventory → CycloneDX / SPDX files under RUNNER_TEMP (or
 * `output`) → step outputs → workflow artifact → dependency snapshots →
 * job summary. It reports no findings: a problem reading one lockfile is a
 * note, and only a usage or configuration error fails the step (exit 2).
 */
export async function runSbomAction(runtime: ActionRuntime): Promise<ActionOutcome> {
  const { logger } = runtime;
  try {
    const context = readGitHubContext(runtime.env);
    const inputs = parseActionInputs(sbomInputsSchema, runtime.getInput);
    const root = path.resolve(context.workspace, inputs.path);
    const inside = path.relative(context.workspace, root);
    if (inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new UsageError(`Input "path" must stay inside the workspace ${context.workspace} (got "${inputs.path}").`);
    }
    const config = await loadConfig({ root: context.workspace, file: inputs.config.file, explicit: inputs.config.explicit, logger });
    const section = config.sbom;
    if (!section.enabled) {
      logger.info('The sbom action is switched off in the config file (sbom.enabled: false).');
      await runtime.appendSummary('## SBOM\n\nSwitched off in the config file (`sbom.enabled: false`).\n');
      return { exitCode: EXIT_OK };
    }
    const pick = <T>(input: { value: T; explicit: boolean }, fromConfig: T | undefined): T =>
      input.explicit ? input.value : (fromConfig ?? input.value);
    const produced = await produceSboms({
      runtime,
      context,
      root,
      ignore: [...config.paths.ignore, ...section.paths.ignore],
      formats: pick(inputs.format, section.format),
      cyclonedxVersion: pick(inputs['cyclonedx-version'], section['cyclonedx-version']),
      perWorkspace: pick(inputs['per-workspace'], section['per-workspace']),
      reproducible: pick(inputs.reproducible, section.reproducible),
      output: inputs.output,
      artifactName: inputs['upload-artifact'] ? inputs['artifact-name'] : undefined,
      dependencySnapshot: pick(inputs['dependency-snapshot'], section['dependency-snapshot']),
      token: inputs.token,
    });
    const { generated, files, notes } = produced;

    try {
      await runtime.appendSummary(
        buildSbomSummary({
          inventory: generated.inventory,
          documents: generated.documents.map((d, i) => ({ built: d.built, file: path.relative(context.workspace, files[i]!) || files[i]! })),
          licenses: generated.licenses,
          notes,
        }),
      );
    } catch (error) {
      logger.warning(`Job summary not written: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { exitCode: EXIT_OK };
  } catch (error) {
    if (error instanceof UsageError) {
      logger.error(error.message);
      return { exitCode: EXIT_USAGE };
    }
    throw error;
  }
}

function defaultClient(token: string, apiUrl: string, logger: Logger): Promise<GitHubClient> {
  return createGitHubClient({ token, apiUrl, logger });
}

export interface ProduceSbomsOptions {
  runtime: ActionRuntime;
  context: GitHubContext;
  root: string;
  ignore: readonly string[];
  formats: readonly SbomFormat[];
  cyclonedxVersion: '1.6' | '1.5';
  perWorkspace: boolean;
  reproducible: boolean;
  /** The `output` input: '' for a folder under RUNNER_TEMP. */
  output: string;
  /** Upload the documents as this artifact; undefined: no upload. */
  artifactName: string | undefined;
  dependencySnapshot: boolean;
  token: string;
  inventoryCache?: InventoryCache;
}

/**
 * Everything the sbom action does but its summary: generate, write, set the
 * outputs, upload the artifact, submit dependency snapshots. Shared with the
 * all-in-one action, which passes the inventory dependency-audit already read.
 */
export async function produceSboms(options: ProduceSbomsOptions): Promise<{ generated: GeneratedSboms; files: string[]; notes: string[] }> {
  const { runtime, context } = options;
  const { logger } = runtime;
  const root = options.root;
  const inside = path.relative(context.workspace, root);
  const commit = (await headCommit(context.workspace).catch(() => undefined)) ?? context.sha;
  const repositoryUrl = `${context.serverUrl}/${context.owner}/${context.repo}`;

  const generated = await generateSboms({
    root,
    repoRoot: context.workspace,
    ignore: options.ignore,
    formats: options.formats,
    cyclonedxVersion: options.cyclonedxVersion,
    perWorkspace: options.perWorkspace,
    reproducible: options.reproducible,
    ...(options.inventoryCache ? { inventoryCache: options.inventoryCache } : {}),
    sourceDateEpoch: runtime.env['SOURCE_DATE_EPOCH'],
    repository: { url: repositoryUrl, commit, name: context.repo },
    logger,
  });
  const notes = [...generated.notes];

  const output = options.output
    ? path.resolve(context.workspace, options.output)
    : path.join(context.runnerTemp, 'devsecops', 'sbom', ...(inside ? [inside.split(path.sep).join('-')] : []));
  const files = writeDocuments(generated.documents, output, 'Input "output"');
  for (const [index, document] of generated.documents.entries()) {
    logger.info(`${document.built.format} ${document.built.specVersion} written to ${files[index]} (${document.built.componentCount} components).`);
  }
  const fileOf = (format: string) => files[generated.documents.findIndex((d) => d.built.format === format)] ?? '';
  runtime.setOutput('cyclonedx-file', fileOf('cyclonedx-json'));
  runtime.setOutput('spdx-file', fileOf('spdx-json'));
  runtime.setOutput('files', files.join('\n'));
  runtime.setOutput('components', String(generated.documents[0]?.built.componentCount ?? 0));

  if (options.artifactName !== undefined) {
    const rootDirectory = path.dirname(files[0]!);
    const upload = await uploadArtifact({
      name: options.artifactName,
      files,
      rootDirectory: files.every((f) => path.dirname(f) === rootDirectory) ? rootDirectory : path.parse(rootDirectory).root,
      logger,
      env: runtime.env,
    });
    if (upload.status === 'uploaded') runtime.setOutput('artifact-id', upload.id === undefined ? '' : String(upload.id));
    else if (upload.cause === 'failed') notes.push(upload.reason);
  }

  if (options.dependencySnapshot) {
    const snapshots = buildLockfileSnapshots(generated.inventory, {
      ...resolveSnapshotTarget({
        eventName: context.eventName,
        sha: context.sha,
        ref: context.ref,
        ...(context.pullRequest ? { pullRequest: { headSha: context.pullRequest.headSha } } : {}),
      }),
      detector: { name: TOOL_NAME, version: VERSION, url: INFORMATION_URI },
      scanned: new Date().toISOString(),
      run: { workflow: context.workflow, job: context.job, id: context.runId, htmlUrl: context.runUrl },
    });
    for (const snapshot of snapshots) notes.push(...snapshot.warnings);
    if (snapshots.length > 0 && context.readOnlyReason) {
      const reason = `Dependency submission skipped: ${context.readOnlyReason}; the dependency graph needs \`contents: write\`. The SBOM files are still written.`;
      logger.warning(reason);
      notes.push(reason);
    } else if (snapshots.length > 0) {
      const client = await (runtime.createClient ?? defaultClient)(options.token, context.apiUrl, logger);
      const results = await submitDependencySnapshots({
        client,
        owner: context.owner,
        repo: context.repo,
        snapshots: snapshots.map((s) => ({ manifest: s.manifest, snapshot: s.snapshot })),
        logger,
      });
      const reasons = new Set<string>();
      for (const result of results) if (result.status === 'skipped') reasons.add(result.reason);
      notes.push(...reasons);
      runtime.setOutput('snapshots', String(results.filter((r) => r.status === 'submitted').length));
    }
  }
  return { generated, files, notes };
}
