import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Log } from 'sarif';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { ScanResult, Scanner } from '../../core/action/scanner.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../../core/errors.js';
import { failingFindings } from '../../core/findings.js';
import { headCommit } from '../../core/git/head.js';
import { describeShard, parseShard } from '../../core/action/shard.js';
import { readSarif } from '../../core/sarif/reader.js';
import { markShard, mergeShardFiles, ruleFromSarif, shardFileName } from '../../suite/shards.js';
import { resolveCommonSettings } from '../../core/inputs/resolve-settings.js';
import { InventoryCache } from '../../core/inventory/inventory-cache.js';
import type { FailOn } from '../../core/severity.js';
import { defineCommand, type CommandResult } from '../command-types.js';
import { findRepoRoot, resolveLocalScope } from '../scanner-command.js';
import { renderTerminalReport } from '../terminal-report.js';
import { writeJsonReport, writeSarifReport } from '../write-outputs.js';

const SCANNERS = ['secrets', 'dependencies', 'sbom'] as const;
type ScannerName = (typeof SCANNERS)[number];

const scannerList = z
  .string()
  .transform((raw, ctx) => {
    const items = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
    const unknown = items.filter((item) => !(SCANNERS as readonly string[]).includes(item));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', input: raw, message: `expected a comma-separated list of ${SCANNERS.join(', ')}, got "${unknown.join(', ')}"` });
      return z.NEVER;
    }
    return [...new Set(items)] as ScannerName[];
  })
  .optional();

/** A rule across the width of a terminal report: where one part ends and the next begins. */
function heading(title: string): string {
  return `── ${title} ${'─'.repeat(Math.max(4, 60 - title.length))}`;
}

/**
 * `devsecops scan`: what the all-in-one action does, on a laptop. The
 * scanners run in one process (secrets and dependencies concurrently, the
 * SBOM on the inventory the audit read), then the policy gate decides over
 * all their findings, and the exit status is its decision.
 */
export const scanCommand = defineCommand({
  name: 'scan',
  summary: 'Run everything: secrets, dependencies, SBOM, then the policy gate (what CI will say)',
  description: [
    'Runs secrets-scan and dependency-audit together, writes the SBOM from the same inventory, and decides with the',
    'policy gate over all findings (and the SBOM\'s licences), as the all-in-one action does in CI. The exit status is',
    'the gate\'s decision (0 pass or warn, 1 fail); with --no-gate, 1 when a scanner\'s findings reach its threshold.',
    '--output DIR keeps every file: <scanner>.sarif, sbom.cdx.json and evidence.json.',
  ].join('\n'),
  configSection: 'policy',
  defaultFailOn: 'high',
  reportsFindings: false,
  options: {
    scanners: { type: 'string', valueName: 'LIST', description: `Which to run, comma-separated: ${SCANNERS.join(', ')} (default all)` },
    advisories: { type: 'string', valueName: 'SOURCE', description: 'dependencies: osv (the OSV API), or a folder or .zip of OSV records (offline)' },
    base: { type: 'string', valueName: 'REV', description: 'With --scope changes: compare with this commit (default: the upstream branch)' },
    history: { type: 'boolean', description: 'secrets: also scan every commit reachable from HEAD' },
    policy: { type: 'string', valueName: 'FILE', description: 'A policy file instead of the config file\'s policy section' },
    'no-gate': { type: 'boolean', description: 'No policy gate: each scanner decides by its fail-on-severity' },
    output: { type: 'string', short: 'o', valueName: 'DIR', description: 'Write the SARIF files, the SBOM and the evidence into DIR' },
    shard: { type: 'string', valueName: 'I/N', description: 'Scan only shard I of N (with --output): the files and lockfiles whose path hashes to it' },
    merge: { type: 'string', valueName: 'DIR', description: 'Combine the shard files in DIR instead of scanning, then decide as usual' },
  },
  optionsSchema: z.object({
    scanners: scannerList,
    advisories: z.string().min(1).optional(),
    base: z.string().min(1).optional(),
    history: z.boolean().optional(),
    policy: z.string().min(1).optional(),
    'no-gate': z.boolean().default(false),
    output: z.string().min(1).optional(),
    shard: z
      .string()
      .transform((raw, zctx) => {
        const shard = parseShard(raw);
        if ('error' in shard) {
          zctx.addIssue({ code: 'custom', input: raw, message: shard.error });
          return z.NEVER;
        }
        return shard;
      })
      .optional(),
    merge: z.string().min(1).optional(),
  }),
  async run(ctx): Promise<CommandResult> {
    const { options, config, logger } = ctx;
    if (options.shard && options.output === undefined) throw new UsageError('--shard writes its SARIF files for the merge: give --output DIR.');
    if (options.shard && options.merge !== undefined) throw new UsageError('--shard and --merge exclude each other: shards scan, the merge combines them.');
    const selected = options.scanners ?? [...SCANNERS];
    const mergeDir = options.merge !== undefined ? path.resolve(ctx.cwd, options.merge) : undefined;
    const merged = mergeDir ? mergeShardFiles(mergeDir) : undefined;
    const repoRoot = await findRepoRoot(ctx.root);
    const outDir = options.output !== undefined ? path.resolve(ctx.cwd, options.output) : mkdtempSync(path.join(os.tmpdir(), 'devsecops-scan-'));
    const errors: string[] = [];
    const cache = new InventoryCache();
    const flagFailOn = ctx.settings.failOnSeverity.source === 'input' ? ctx.settings.failOnSeverity.value : undefined;
    const flagScope = ctx.settings.scope.source === 'input' ? ctx.settings.scope.value : undefined;
    const advisories =
      options.advisories === undefined || options.advisories.trim() === 'osv' ? options.advisories : path.resolve(ctx.cwd, options.advisories);

    try {
      await mkdir(outDir, { recursive: true });
      // Each scanner with its own section's settings, as its own command would run it.
      const jobs: { name: ScannerName; scanner: Scanner; inputs: Record<string, unknown> }[] = [];
      if (selected.includes('secrets')) {
        const { secretsScanner } = await import('../../scanners/secrets/scanner.js');
        jobs.push({
          name: 'secrets',
          scanner: secretsScanner,
          inputs: { 'scan-history': { value: options.history ?? false, explicit: options.history !== undefined }, baseline: { value: undefined, explicit: false } },
        });
      }
      if (selected.includes('dependencies')) {
        const { dependencyAuditScanner } = await import('../../scanners/dependencies/scanner.js');
        jobs.push({ name: 'dependencies', scanner: dependencyAuditScanner, inputs: { advisories: { value: advisories, explicit: advisories !== undefined } } });
      }
      const runs = await Promise.all(
        jobs.map(async (job) => {
          const settings = resolveCommonSettings({
            inputs: {
              'fail-on-severity': { value: flagFailOn ?? job.scanner.defaultFailOn, explicit: flagFailOn !== undefined },
              scope: { value: flagScope ?? 'auto', explicit: flagScope !== undefined },
            },
            config,
            section: job.scanner.configSection,
          });
          if (!settings.enabled) return { job, failOn: settings.failOnSeverity.value, skipped: `${job.scanner.title} is switched off in the config file.` };
          if (merged) {
            const part = merged.merged.find((m) => m.scannerId === job.scanner.id);
            if (!part) {
              errors.push(`${job.scanner.id}: no shard files of it in ${options.merge}`);
              return { job, failOn: settings.failOnSeverity.value, skipped: `${job.scanner.title}: no shard files.` };
            }
            const text = JSON.stringify(part.log, null, 2);
            const sarifFile = path.join(outDir, `${job.scanner.id}.sarif`);
            await writeFile(sarifFile, `${text}\n`);
            const findings = readSarif(text, sarifFile, { checkoutRoot: repoRoot }).findings;
            const result: CommandResult = {
              pathBase: repoRoot,
              findings,
              rules: (part.log.runs[0]?.tool.driver.rules ?? []).map(ruleFromSarif),
              notes: [`Merged from ${part.count} shards.`],
            };
            return { job, failOn: settings.failOnSeverity.value, result, sarifFile };
          }
          try {
            const scope = await resolveLocalScope({ repoRoot, scope: settings.scope.value, staged: false, ...(options.base ? { base: options.base } : {}) });
            logger.info(`${job.scanner.title}: scanning…`);
            const scan: ScanResult = await job.scanner.scan({
              root: ctx.root,
              repoRoot,
              scope,
              config,
              ignore: settings.ignore,
              inputs: job.inputs,
              logger,
              inventoryCache: cache,
              ...(options.shard ? { shard: options.shard } : {}),
            });
            const sarifFile = path.join(outDir, options.shard ? shardFileName(job.scanner.id, options.shard) : `${job.scanner.id}.sarif`);
            const result: CommandResult = {
              pathBase: repoRoot,
              findings: scan.findings,
              rules: scan.rules,
              skipped: scan.skipped,
              baselineCompared: scan.baselineCompared,
              executionSuccessful: scan.executionSuccessful,
              notes: scan.notes,
              ...(scan.sections ? { sections: scan.sections } : {}),
            };
            await writeSarifReport(sarifFile, job.scanner.id, result);
            if (options.shard) {
              const log = JSON.parse(await readFile(sarifFile, 'utf8')) as Log;
              await writeFile(sarifFile, `${JSON.stringify(markShard(log, options.shard), null, 2)}\n`);
            }
            return { job, failOn: settings.failOnSeverity.value, result, sarifFile };
          } catch (error) {
            if (!(error instanceof UsageError)) throw error;
            errors.push(`${job.scanner.id}: ${error.message}`);
            return { job, failOn: settings.failOnSeverity.value, skipped: `${job.scanner.title} did not run: ${error.message}` };
          }
        }),
      );

      if (merged) errors.push(...merged.errors);
      let sbomFile: string | undefined;
      let sbomLine: string | undefined;
      if (selected.includes('sbom') && config.sbom.enabled && !options.shard) {
        const [{ generateSboms }, { writeDocuments }, { originUrl }] = await Promise.all([
          import('../../scanners/sbom/generate.js'),
          import('../../scanners/sbom/write-documents.js'),
          import('../../scanners/sbom/subject.js'),
        ]);
        logger.info('SBOM: writing…');
        const commit = await headCommit(repoRoot).catch(() => undefined);
        const url = await originUrl(repoRoot);
        const ignore = resolveCommonSettings({
          inputs: { 'fail-on-severity': { value: 'none', explicit: false }, scope: { value: 'auto', explicit: false } },
          config,
          section: 'sbom',
        }).ignore;
        const generated = await generateSboms({
          root: ctx.root,
          repoRoot,
          ignore,
          formats: ['cyclonedx-json'],
          cyclonedxVersion: config.sbom['cyclonedx-version'] ?? '1.6',
          reproducible: config.sbom.reproducible ?? false,
          sourceDateEpoch: ctx.env['SOURCE_DATE_EPOCH'],
          repository: { ...(url ? { url } : {}), ...(commit ? { commit } : {}) },
          logger,
          inventoryCache: cache,
        });
        [sbomFile] = writeDocuments(generated.documents, path.join(outDir, 'sbom.cdx.json'), '--output');
        const document = generated.documents[0];
        sbomLine = document
          ? `${document.built.componentCount} components from ${generated.inventory.lockfiles.length} lockfile(s)${options.output !== undefined ? `, written to ${path.relative(ctx.cwd, sbomFile ?? '') || sbomFile}` : ''}.`
          : 'No lockfiles found.';
      }

      const lines: string[] = [];
      for (const run of runs) {
        lines.push(heading(run.job.scanner.title));
        if ('skipped' in run) {
          lines.push(`  ${run.skipped}`, '');
          continue;
        }
        lines.push(
          renderTerminalReport(run.result.findings, {
            color: ctx.color,
            failOn: run.failOn,
            root: repoRoot,
            cwd: ctx.cwd,
            ...(run.result.sections ? { sections: run.result.sections } : {}),
            ...(run.result.notes ? { notes: run.result.notes } : {}),
          }).trimEnd(),
          '',
        );
      }
      if (sbomLine) lines.push(heading('SBOM'), `  ${sbomLine}`, '');

      const scanned = runs.filter((run): run is Extract<(typeof runs)[number], { result: CommandResult }> => 'result' in run);
      let exitCode: number;
      if (options.shard) {
        exitCode = EXIT_OK;
        lines.push(heading('Shard'), `  Shard ${describeShard(options.shard)}: its SARIF files are in ${options.output}; \`devsecops scan --merge DIR\` over every shard's files decides.`, '');
      } else if (options['no-gate'] || !config.policy.enabled) {
        exitCode = scanned.some((run) => failingFindings(run.result.findings, run.failOn).length > 0) ? EXIT_FINDINGS : EXIT_OK;
        lines.push(heading('Result'), `  ${exitCode === EXIT_OK ? 'PASS' : 'FAIL'}: ${options['no-gate'] ? 'no policy gate (--no-gate)' : 'the policy gate is switched off'}; each scanner decided by its fail-on-severity.`, '');
      } else {
        const gate = await decide({
          ctx,
          repoRoot,
          sarifFiles: scanned.map((run) => run.sarifFile),
          sbomFile,
          failOnByFile: new Map(scanned.map((run) => [run.sarifFile, run.failOn])),
          flagFailOn,
          outDir,
          keepEvidence: options.output !== undefined,
          ...(options.policy !== undefined ? { policyFile: options.policy } : {}),
        });
        lines.push(heading('Policy gate'), ...gate.text.trimEnd().split('\n').map((line) => `  ${line}`), '');
        exitCode = gate.decision === 'fail' ? EXIT_FINDINGS : EXIT_OK;
      }
      if (errors.length > 0) {
        lines.push(heading('Could not run'), ...errors.map((line) => `  ${line}`), '');
        exitCode = EXIT_USAGE;
      }
      if (options.output !== undefined) {
        for (const run of scanned) await writeJsonReport(path.join(outDir, `${run.job.scanner.id}.json`), run.job.scanner.id, run.result);
      }
      return { pathBase: repoRoot, findings: [], terminal: `${lines.join('\n')}\n`, exitCode };
    } finally {
      if (options.output === undefined) rmSync(outDir, { recursive: true, force: true });
    }
  },
});

async function decide(options: {
  ctx: Parameters<typeof scanCommand.run>[0];
  repoRoot: string;
  sarifFiles: string[];
  sbomFile: string | undefined;
  failOnByFile: Map<string, FailOn>;
  flagFailOn: FailOn | undefined;
  outDir: string;
  keepEvidence: boolean;
  policyFile?: string;
}): Promise<{ decision: string; text: string }> {
  const { ctx } = options;
  const [{ loadPolicy }, { compilePolicy, loadRegoConditions }, { runPolicyTests }, gateModule, { buildGateText }, { buildEvidence }] = await Promise.all([
    import('../../scanners/policy/load-policy.js'),
    import('../../scanners/policy/compile-policy.js'),
    import('../../scanners/policy/run-policy-tests.js'),
    import('../../scanners/policy/gate.js'),
    import('../../scanners/policy/gate-report.js'),
    import('../../scanners/policy/evidence.js'),
  ]);
  const loaded = await loadPolicy({ root: ctx.cwd, ...(options.policyFile ? { file: options.policyFile } : {}), config: ctx.config, configFile: ctx.configFile });
  const section = loaded.section;
  const failOn = options.flagFailOn ?? section['fail-on-severity'] ?? ctx.config['fail-on-severity'];
  const rego = await loadRegoConditions(section, { baseDir: options.repoRoot, where: loaded.where });
  const policy = compilePolicy(section, { where: loaded.where, failOnSeverity: failOn ?? 'high', rego });
  for (const warning of policy.warnings) ctx.logger.warning(warning);
  const started = new Date();
  const today = gateModule.utcDay(started);
  const tests = runPolicyTests(policy, { today });
  if (tests.failed > 0) {
    const failed = tests.results.filter((t) => !t.passed).map((t) => `${t.where} ${JSON.stringify(t.name)}`);
    throw new UsageError(`The policy's own tests fail: ${failed.join(', ')}. Run \`devsecops policy-gate --test\` to see why.`);
  }
  const run = await gateModule.runGate({
    repoRoot: options.repoRoot,
    sarifFiles: options.sarifFiles,
    sbomFiles: options.sbomFile && policy.licenses ? [options.sbomFile] : [],
    policy,
    ignore: [...ctx.config.paths.ignore, ...section.paths.ignore],
    today,
    displayRoot: ctx.cwd,
    // The scanners' own thresholds decide what no rule matches, unless the flag or the policy names one.
    ...(failOn === undefined ? { failOnForFile: (file: string) => options.failOnByFile.get(file) } : {}),
  });
  let evidence: string | undefined;
  if (options.keepEvidence) {
    const file = path.join(options.outDir, 'evidence.json');
    const commit = await headCommit(options.repoRoot).catch(() => undefined);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, `${JSON.stringify(buildEvidence(run, { timestamp: started.toISOString(), ...(commit ? { commit } : {}), repoRoot: options.repoRoot, policy: loaded, failOnSeverity: failOn ?? 'per scanner' }), null, 2)}\n`);
    evidence = path.relative(ctx.cwd, file) || file;
  }
  // The scanners' sections above already list each finding; the gate says what it decided and why.
  const text = buildGateText({ result: run.result, inputsLine: `${run.inputs.files.length} SARIF file(s) from this scan${options.sbomFile && policy.licenses ? ' and the SBOM' : ''}`, notes: run.notes, ...(evidence ? { evidence } : {}) });
  return { decision: run.result.decision, text };
}
