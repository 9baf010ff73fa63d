/**
 * The policy gate as one call, shared by the action and the CLI: SARIF files
 * (and an SBOM) in, a decision with its reasons out. Files are read here;
 * the policy itself is compiled by the caller, so a policy error stops the
 * run before any input is read.
 *
 * Findings under `paths.ignore` (top level and the policy section) are left
 * out before the policy sees them, as every scanner of the suite leaves them
 * out: a gate must not fail on what the scanners were told not to report.
 */
import path from 'node:path';
import type { Finding } from '../../core/findings.js';
import type { FailOn } from '../../core/severity.js';
import type { CompiledPolicy } from './compile-policy.js';
import { evaluatePolicy } from './evaluate-policy.js';
import { compileGlob, normalizeGlobPath } from './glob.js';
import type { PolicyResult, SbomPackage } from './policy-result.js';
import { loadSarifInputs, type SarifInputs } from './sarif-inputs.js';
import { loadSbomLicenses } from './sbom-licenses.js';

export interface GateRequest {
  /** The repository root (absolute): SARIF paths are made relative to it. */
  repoRoot: string;
  sarifFiles: readonly string[];
  /** SBOM files (CycloneDX or SPDX JSON); their packages are checked together. */
  sbomFiles: readonly string[];
  policy: CompiledPolicy;
  /** `paths.ignore` globs (gitignore-style, relative to the repository root). */
  ignore: readonly string[];
  /** YYYY-MM-DD, the day exceptions are judged against. */
  today: string;
  /** Files are named relative to this folder in messages (the CLI: where the user stands); default the repository root. */
  displayRoot?: string;
  /** fail-on-severity for the findings of one SARIF file, when not the policy's (see EvaluatePolicyOptions.failOnFor). */
  failOnForFile?: (file: string) => FailOn | undefined;
}

export interface GateSbomFile {
  path: string;
  sha256: string;
  bytes: number;
  format: 'cyclonedx' | 'spdx';
  specVersion: string;
  packages: number;
}

export interface GateRun {
  inputs: SarifInputs;
  /** Which finding of `inputs.findings` each decision is about (ignored ones are not decided). */
  decidedIndexes: number[];
  sbomFiles: GateSbomFile[];
  result: PolicyResult;
  /** Findings left out by `paths.ignore`. */
  ignored: number;
  /** Lines for the reader: inputs skipped, SBOM problems. */
  notes: string[];
}

function ignoreTest(globs: readonly string[]): (finding: Finding) => boolean {
  if (globs.length === 0) return () => false;
  const tests = globs.map((glob) => compileGlob(glob, 'path'));
  return (finding) => {
    const where = finding.location?.path;
    if (where === undefined) return false;
    const relative = normalizeGlobPath(where);
    return tests.some((test) => test(relative));
  };
}

export async function runGate(request: GateRequest): Promise<GateRun> {
  const notes: string[] = [];
  const displayRoot = request.displayRoot ?? request.repoRoot;
  const displayName = (file: string) => {
    const relative = path.relative(displayRoot, file);
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  };
  const inputs = await loadSarifInputs(request.sarifFiles, { checkoutRoot: request.repoRoot, displayName });
  notes.push(...inputs.warnings);
  if (inputs.duplicates > 0) notes.push(`${inputs.duplicates} result(s) repeated in the SARIF inputs were counted once.`);

  const isIgnored = ignoreTest(request.ignore);
  const decidedIndexes: number[] = [];
  const findings: Finding[] = [];
  for (const [index, finding] of inputs.findings.entries()) {
    if (isIgnored(finding)) continue;
    decidedIndexes.push(index);
    findings.push(finding);
  }
  const ignored = inputs.findings.length - findings.length;

  const sbomFiles: GateSbomFile[] = [];
  let sbomLicenses: SbomPackage[] | undefined;
  for (const file of request.sbomFiles) {
    const sbom = await loadSbomLicenses(file);
    sbomFiles.push({ path: file, sha256: sbom.sha256, bytes: sbom.bytes, format: sbom.format, specVersion: sbom.specVersion, packages: sbom.packages.length });
    notes.push(...sbom.warnings);
    sbomLicenses = mergePackages(sbomLicenses ?? [], sbom.packages);
  }

  const result = evaluatePolicy(findings, request.policy, {
    today: request.today,
    ...(sbomLicenses ? { sbomLicenses } : {}),
    contextOf: (finding, index) => inputs.contextOf(finding, decidedIndexes[index] ?? -1),
    ...(request.failOnForFile
      ? {
          failOnFor: (_finding: Finding, index: number) => {
            const origin = inputs.origins[decidedIndexes[index] ?? -1]?.[0];
            return origin ? request.failOnForFile?.(origin.file) : undefined;
          },
        }
      : {}),
  });
  return { inputs, decidedIndexes, sbomFiles, result, ignored, notes };
}

/** One entry per package across SBOMs of several workspaces (the same package is often in more than one). */
function mergePackages(into: SbomPackage[], more: readonly SbomPackage[]): SbomPackage[] {
  const key = (pkg: SbomPackage) => pkg.purl ?? `${pkg.ecosystem ?? ''}/${pkg.name}@${pkg.version ?? ''}`;
  const seen = new Set(into.map(key));
  for (const pkg of more) {
    const id = key(pkg);
    if (seen.has(id)) continue;
    seen.add(id);
    into.push(pkg);
  }
  return into;
}

/** Today in UTC as YYYY-MM-DD; `now` is injectable so tests and the evidence agree on the day. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** One line on what the gate read, for the report: files, tools and their findings, SBOMs, what paths.ignore left out. */
export function describeInputs(run: GateRun, repoRoot: string): string {
  const relative = (file: string) => path.relative(repoRoot, file) || file;
  const tools = run.inputs.tools.map((tool) => `${tool.name} ${tool.findings}`).join(', ');
  const sarif =
    run.inputs.files.length === 0
      ? 'no SARIF file'
      : `${run.inputs.files.length} SARIF file${run.inputs.files.length === 1 ? '' : 's'}${tools ? ` (${tools})` : ''}`;
  const sbom = run.sbomFiles.map((file) => `SBOM ${relative(file.path)} (${file.packages} packages)`);
  const ignored = run.ignored > 0 ? [`${run.ignored} finding(s) under paths.ignore left out`] : [];
  return [sarif, ...sbom, ...ignored].join('; ');
}
