/**
 * The policy gate's inputs: SARIF files from this suite and from other tools,
 * read by the core reader into findings the policy evaluates.
 *
 * On top of the reader this adds what the gate needs across files:
 * - a file that is missing, too big or not SARIF is one warning line, and the
 *   other files are still read (a gate that stops at one bad upload would
 *   hide every other tool's findings);
 * - the package and advisory of dependency findings from osv-scanner and
 *   Trivy, which write them only into the message text, so `package:` and
 *   `advisory:` conditions and exceptions match them as they match ours
 *   (ours carry them in result `properties`, which the reader already reads);
 * - one finding where a tool reported the same result twice, in one file or
 *   in two (osv-scanner repeats a result per occurrence of a package).
 *
 * `new` stays as the reader sets it: true only for `baselineState: "new"`; a
 * result without a baseline state is not new to `new:` conditions.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { describeError } from '../../core/errors.js';
import type { Finding } from '../../core/findings.js';
import { purlOf } from '../../core/inventory/purl.js';
import type { Ecosystem } from '../../core/inventory/types.js';
import { readSarif } from '../../core/sarif/reader.js';
import { findRuleOfResult } from '../../core/sarif/result-severity.js';
import type { Run } from 'sarif';
import type { PolicyFindingContext } from './policy-finding.js';

/**
 * Largest SARIF file read, in bytes. Code scanning takes 20 runs of 25,000
 * results, 10 MB gzipped, which is well under this uncompressed; a bigger file
 * would cost gigabytes as parsed JSON, so it is a warning instead.
 */
export const MAX_SARIF_INPUT_BYTES = 256 * 1024 * 1024;

export interface LoadSarifInputsOptions {
  /** The checkout root (absolute), to make absolute and `file://` URIs repo-relative. */
  checkoutRoot?: string;
  /** Overrides MAX_SARIF_INPUT_BYTES (tests). */
  maxFileBytes?: number;
  /** How messages name a file (e.g. relative to where the user stands); default as given. */
  displayName?: (file: string) => string;
}

export interface SarifInputTool {
  /** The driver name as first written (tools are matched case-insensitively). */
  name: string;
  /** Versions seen, in file order. */
  versions: string[];
  /** Files with a run of this tool, as given. */
  files: string[];
  /** Findings kept, after duplicates were dropped. */
  findings: number;
}

/** Where a finding was written: the result to carry its suppression in a gated copy. */
export interface SarifOrigin {
  file: string;
  run: number;
  result: number;
}

/** A file that was read, for the evidence: what was decided on, byte for byte. */
export interface SarifInputFile {
  path: string;
  sha256: string;
  bytes: number;
  /** Driver names of its runs. */
  tools: string[];
  /** Findings it contributed (its results that were not duplicates, suppressed or fixed). */
  findings: number;
}

export interface SarifInputs {
  /** Every file's findings in file order, duplicates dropped. */
  findings: Finding[];
  /** Per finding, every result that reported it (more than one when a tool repeated itself). */
  origins: SarifOrigin[][];
  /** The files read, in the order given. */
  files: SarifInputFile[];
  /** The parsed logs by file, for gated copies (see gated-sarif.ts). */
  logs: Map<string, { runs: unknown[] } & Record<string, unknown>>;
  /** What the SARIF result adds to finding `index` for CEL (`finding.properties`). */
  contextOf(finding: Finding, index: number): PolicyFindingContext | undefined;
  /** One entry per tool (by lower-cased name), in the order first seen. */
  tools: SarifInputTool[];
  /** One line per file that could not be read. */
  warnings: string[];
  /** Results dropped because an earlier one was the same finding. */
  duplicates: number;
}

/** Reads the SARIF files the gate evaluates; never throws for a file's content or absence. */
export async function loadSarifInputs(files: readonly string[], options: LoadSarifInputsOptions = {}): Promise<SarifInputs> {
  const maxBytes = options.maxFileBytes ?? MAX_SARIF_INPUT_BYTES;
  const findings: Finding[] = [];
  const origins: SarifOrigin[][] = [];
  const inputFiles: SarifInputFile[] = [];
  const logs = new Map<string, { runs: unknown[] } & Record<string, unknown>>();
  const tools = new Map<string, SarifInputTool>();
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  let duplicates = 0;

  for (const file of files) {
    if (logs.has(file)) continue;
    const name = options.displayName?.(file) ?? file;
    const text = await readInput(file, name, maxBytes, warnings);
    if (text === undefined) continue;
    let outcome;
    try {
      outcome = readSarif(text, name, options.checkoutRoot !== undefined ? { checkoutRoot: options.checkoutRoot } : {});
    } catch (error) {
      warnings.push(`Skipped ${describeError(error)}`);
      continue;
    }
    logs.set(file, outcome.json);
    const inputFile: SarifInputFile = {
      path: file,
      sha256: createHash('sha256').update(text).digest('hex'),
      bytes: Buffer.byteLength(text),
      tools: [...new Set(outcome.runs.map((run) => run.tool.name))],
      findings: 0,
    };
    inputFiles.push(inputFile);
    for (const [runIndex, run] of outcome.runs.entries()) {
      const key = run.tool.name.toLowerCase();
      let tool = tools.get(key);
      if (!tool) {
        tool = { name: run.tool.name, versions: [], files: [], findings: 0 };
        tools.set(key, tool);
      }
      if (run.tool.version !== undefined && !tool.versions.includes(run.tool.version)) tool.versions.push(run.tool.version);
      if (!tool.files.includes(file)) tool.files.push(file);
      for (const [position, raw] of run.findings.entries()) {
        const origin: SarifOrigin = { file, run: runIndex, result: run.resultIndexes[position] ?? -1 };
        const finding = withThirdPartyPackage(raw);
        const identity = identityOf(finding);
        const earlier = seen.get(identity);
        if (earlier !== undefined) {
          origins[earlier]?.push(origin);
          duplicates++;
          continue;
        }
        seen.set(identity, findings.length);
        findings.push(finding);
        origins.push([origin]);
        tool.findings++;
        inputFile.findings++;
      }
    }
  }
  const contextOf = (_finding: Finding, index: number): PolicyFindingContext | undefined => {
    const origin = origins[index]?.[0];
    const run = origin ? (logs.get(origin.file)?.runs[origin.run] as Run | undefined) : undefined;
    const result = origin ? run?.results?.[origin.result] : undefined;
    if (!run || !result) return undefined;
    const rule = findRuleOfResult(result, run);
    const sarifProperties = { ...asRecord(rule?.properties), ...asRecord(result.properties) };
    return Object.keys(sarifProperties).length > 0 ? { sarifProperties } : undefined;
  };
  return { findings, origins, files: inputFiles, logs, contextOf, tools: [...tools.values()], warnings, duplicates };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

async function readInput(file: string, name: string, maxBytes: number, warnings: string[]): Promise<string | undefined> {
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      warnings.push(`Skipped ${name}: not a file`);
      return undefined;
    }
    if (info.size > maxBytes) {
      warnings.push(`Skipped ${name}: ${info.size} bytes is over the ${maxBytes}-byte limit for a SARIF input`);
      return undefined;
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    warnings.push(code === 'ENOENT' ? `Skipped ${name}: no such file` : `Skipped ${name}: cannot be read (${describeError(error)})`);
    return undefined;
  }
}

/** Same tool, rule, place and fingerprint: one finding, whichever file said it. */
function identityOf(finding: Finding): string {
  const where = finding.location
    ? `${finding.location.path}:${finding.location.startLine}:${finding.location.startColumn ?? 0}`
    : typeof finding.properties?.['artifactUri'] === 'string'
      ? finding.properties['artifactUri']
      : '';
  return [finding.tool.toLowerCase(), finding.ruleId, where, finding.fingerprint].join('\u0000');
}

/**
 * Ecosystems of the manifests and lockfiles dependency scanners name as a
 * result's location; osv-scanner's message has no ecosystem, its location
 * (`…/Cargo.lock`, `…/go.mod`) says it.
 */
const ECOSYSTEM_OF_FILE: Readonly<Record<string, Ecosystem>> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'yarn.lock': 'npm',
  'pnpm-lock.yaml': 'npm',
  'bun.lock': 'npm',
  'poetry.lock': 'PyPI',
  'Pipfile.lock': 'PyPI',
  'uv.lock': 'PyPI',
  'pdm.lock': 'PyPI',
  'requirements.txt': 'PyPI',
  'go.mod': 'Go',
  'Cargo.lock': 'crates.io',
  'Gemfile.lock': 'RubyGems',
  'gems.locked': 'RubyGems',
  'composer.lock': 'Packagist',
  'pom.xml': 'Maven',
  'gradle.lockfile': 'Maven',
  'packages.lock.json': 'NuGet',
  'pubspec.lock': 'Pub',
  'mix.lock': 'Hex',
};

function ecosystemOfLocation(finding: Finding): Ecosystem | undefined {
  const artifact = finding.properties?.['artifactUri'];
  const where = finding.location?.path ?? (typeof artifact === 'string' ? artifact : '');
  const base = where.slice(where.replace(/\\/g, '/').lastIndexOf('/') + 1);
  return ECOSYSTEM_OF_FILE[base];
}

type PackageRef = NonNullable<Finding['package']>;
type AdvisoryRef = NonNullable<Finding['advisory']>;

/** The finding with the package and advisory its tool wrote only as text; unchanged when it has them or is not such a finding. */
function withThirdPartyPackage(finding: Finding): Finding {
  if (finding.package) return finding;
  const tool = finding.tool.toLowerCase();
  const found = tool === 'osv-scanner' ? fromOsvScanner(finding) : tool === 'trivy' ? fromTrivy(finding) : undefined;
  if (!found) return finding;
  return { ...finding, package: found.package, ...(finding.advisory || !found.advisory ? {} : { advisory: found.advisory }) };
}

function packageRef(ecosystem: Ecosystem | undefined, name: string, version: string, fixedVersion?: string): PackageRef {
  return {
    ecosystem: ecosystem ?? '',
    name,
    ...(version !== '' ? { version } : {}),
    ...(ecosystem ? { purl: purlOf(ecosystem, name, version || undefined) } : {}),
    ...(fixedVersion ? { fixedVersion } : {}),
  };
}

/** osv-scanner 1.x: `Package 'regex@1.5.1' is vulnerable to 'CVE-…' (also known as 'RUSTSEC-…', 'GHSA-…').` */
const OSV_MESSAGE = /^Package '([^']+)' is vulnerable to '([^']+)'(?: \(also known as ([^)]*)\))?/;

function fromOsvScanner(finding: Finding): { package: PackageRef; advisory: AdvisoryRef } | undefined {
  const match = OSV_MESSAGE.exec(finding.message);
  if (!match) return undefined;
  const [, spec = '', id = '', also = ''] = match;
  // The version follows the last "@": npm scopes ("@babel/core@7.0.0") start with one.
  const at = spec.lastIndexOf('@');
  const name = at > 0 ? spec.slice(0, at) : spec;
  const version = at > 0 ? spec.slice(at + 1) : '';
  const aliases = [...also.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '').filter((alias) => alias !== '' && alias !== id);
  return { package: packageRef(ecosystemOfLocation(finding), name, version), advisory: { id, aliases: [...new Set(aliases)] } };
}

function messageField(message: string, label: string): string | undefined {
  // Captured whole and trimmed: no lazy match that could backtrack over a long line.
  const value = new RegExp(`^${label}:([^\\r\\n]*)`, 'm').exec(message)?.[1]?.trim();
  return value === '' ? undefined : value;
}

/**
 * Trivy's vulnerability results: `Package: …`, `Installed Version: …`,
 * `Vulnerability CVE-…`, `Fixed Version: …` lines in the message. The OS of an
 * OS package is not in the SARIF, so its ecosystem is left empty ("" matches
 * `package:` by name, never by version range).
 */
function fromTrivy(finding: Finding): { package: PackageRef; advisory?: AdvisoryRef } | undefined {
  const name = messageField(finding.message, 'Package');
  const version = messageField(finding.message, 'Installed Version');
  if (name === undefined || version === undefined) return undefined;
  const fixed = messageField(finding.message, 'Fixed Version');
  const id = /^Vulnerability[ \t]+(\S+)/m.exec(finding.message)?.[1];
  return {
    package: packageRef(ecosystemOfLocation(finding), name, version, fixed),
    ...(id !== undefined ? { advisory: { id, aliases: [] } } : {}),
  };
}
