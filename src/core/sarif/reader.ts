import path from 'node:path';
import type { ArtifactLocation, Result, Run } from 'sarif';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import {
  advisoryRefSchema,
  commitRefSchema,
  findingSchema,
  packageRefSchema,
  type Finding,
  type Location,
} from '../findings.js';
import { FINGERPRINT_KEY, computeFingerprint } from '../fingerprint.js';
import { findRuleOfResult, severityOfResult } from './result-severity.js';

/*
 * Reads SARIF 2.1.0 from any tool (CodeQL, Semgrep, Trivy, gitleaks, osv-scanner,
 * ours) into findings. The outer shape (version, runs, tool.driver) is parsed with
 * zod and a file that does not have it is a UsageError; inside a run every field is
 * optional and checked where it is used, because real tools omit or bend most of
 * them. A result that still cannot become a valid Finding is counted, not thrown.
 */

const looseRecord = z.record(z.string(), z.unknown());

const runSchema = z.looseObject({
  tool: z.looseObject({
    driver: z.looseObject({
      // tool-names.sarif in codeql-action's tests has `"name": null`.
      name: z.string().nullish(),
      version: z.string().nullish(),
      semanticVersion: z.string().nullish(),
      rules: z.array(z.unknown()).nullish(),
    }),
    extensions: z.array(z.unknown()).nullish(),
  }),
  results: z.array(z.unknown()).nullish(),
  artifacts: z.array(z.unknown()).nullish(),
  originalUriBaseIds: looseRecord.nullish(),
  automationDetails: z.looseObject({ id: z.string().nullish() }).nullish(),
});

const logSchema = z.looseObject({
  version: z.string(),
  runs: z.array(runSchema),
});

export interface SarifToolRef {
  name: string;
  version?: string;
}

export interface SarifRunFindings {
  tool: SarifToolRef;
  /** `automationDetails.id`, GitHub's category, when the run has one. */
  category?: string;
  findings: Finding[];
  /** For each finding, the index of its result in the run's `results` (to write back to the same result). */
  resultIndexes: number[];
  /** Results left out: malformed, suppressed, or `baselineState: absent` (fixed). */
  skippedResults: number;
}

export interface SarifReadOutcome {
  runs: SarifRunFindings[];
  /** Every run's findings, in file order. */
  findings: Finding[];
  /** The parsed JSON as written, for callers that read more of a result than a Finding keeps or write it back. */
  json: { runs: unknown[] } & Record<string, unknown>;
}

export interface ReadSarifOptions {
  /** The checkout root (absolute), to make absolute and `file://` URIs repo-relative. */
  checkoutRoot?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'unexpected structure';
  const at = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the top level';
  return `${at}: ${oneLine(issue.message, 120)}`;
}

/**
 * Parses `text` as a SARIF 2.1.0 log written by any tool. `source` names the file
 * in error messages. Throws UsageError (one line) when the text is not SARIF 2.1.0.
 */
export function readSarif(text: string, source: string, options: ReadSarifOptions = {}): SarifReadOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UsageError(`${source} is not SARIF: not valid JSON (${oneLine(error instanceof Error ? error.message : String(error))})`);
  }
  if (!isRecord(json) || !('runs' in json)) {
    throw new UsageError(`${source} is not SARIF: expected a JSON object with "version": "2.1.0" and a "runs" array`);
  }
  if (json['version'] !== '2.1.0') {
    const found = typeof json['version'] === 'string' ? `"${oneLine(json['version'], 40)}"` : 'missing';
    throw new UsageError(`${source}: SARIF version ${found} is not supported; expected "2.1.0"`);
  }
  const parsed = logSchema.safeParse(json);
  if (!parsed.success) {
    throw new UsageError(`${source} is not valid SARIF 2.1.0 at ${describeIssue(parsed.error.issues[0])}`);
  }
  const root = options.checkoutRoot ? path.resolve(options.checkoutRoot) : undefined;
  // The zod types are loose; the sarif types name the fields, and each is checked where read.
  const runs = parsed.data.runs.map((run) => readRun(run as unknown as Run, root));
  return { runs, findings: runs.flatMap((run) => run.findings), json: json as { runs: unknown[] } & Record<string, unknown> };
}

function readRun(run: Run, root: string | undefined): SarifRunFindings {
  const driver = run.tool.driver;
  const toolName = typeof driver.name === 'string' && driver.name.trim() !== '' ? driver.name : 'unknown';
  const version = typeof driver.semanticVersion === 'string' ? driver.semanticVersion : driver.version;
  const tool: SarifToolRef = { name: toolName, ...(typeof version === 'string' ? { version } : {}) };
  const category = typeof run.automationDetails?.id === 'string' ? run.automationDetails.id : undefined;
  const findings: Finding[] = [];
  const resultIndexes: number[] = [];
  let skippedResults = 0;
  for (const [index, raw] of (run.results ?? []).entries()) {
    const finding = isRecord(raw) ? readResult(raw as Result, run, toolName, root) : undefined;
    if (finding) {
      findings.push(finding);
      resultIndexes.push(index);
    } else skippedResults++;
  }
  return { tool, ...(category !== undefined ? { category } : {}), findings, resultIndexes, skippedResults };
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isSuppressed(result: Result): boolean {
  // A suppression counts unless it is rejected or still under review (SARIF §3.35.3).
  return Array.isArray(result.suppressions) && result.suppressions.some((s) => isRecord(s) && s.status !== 'rejected' && s.status !== 'underReview');
}

function readResult(result: Result, run: Run, toolName: string, root: string | undefined): Finding | undefined {
  if (result.baselineState === 'absent' || isSuppressed(result)) return undefined;
  const rule = findRuleOfResult(result, run);
  const ref = isRecord(result.rule) ? result.rule : undefined;
  const ruleId =
    (typeof result.ruleId === 'string' && result.ruleId !== '' && result.ruleId) ||
    (typeof ref?.id === 'string' && ref.id !== '' && ref.id) ||
    (typeof rule?.id === 'string' && rule.id !== '' && rule.id) ||
    'unknown-rule';
  const { severity, score } = severityOfResult(result, rule);
  const location = readLocation(result, run, root);
  const message = readMessage(result, rule) || ruleId;
  const props = isRecord(result.properties) ? result.properties : {};
  const ruleProps = isRecord(rule?.properties) ? rule.properties : {};
  const tags = [...new Set([...stringsOf(ruleProps['tags']), ...stringsOf(props['tags'])])];

  const partial = isRecord(result.partialFingerprints) ? result.partialFingerprints : {};
  const lineHash = typeof partial['primaryLocationLineHash'] === 'string' ? partial['primaryLocationLineHash'] : undefined;
  const properties: Record<string, unknown> = {};
  if (lineHash) properties['primaryLocationLineHash'] = lineHash;
  if (!location.value && location.uri) properties['artifactUri'] = location.uri;

  // Built loosely and parsed: whatever a tool wrote, only a valid Finding leaves here.
  const input: Record<string, unknown> = {
    tool: toolName,
    ruleId,
    severity,
    score,
    message,
    ...(location.value ? { location: location.value } : {}),
    fingerprint: readFingerprint(result, partial, { toolName, ruleId, path: location.value?.path ?? location.uri ?? '', message }),
    ...(result.baselineState === 'new' ? { isNew: true } : {}),
    ...(result.baselineState === 'unchanged' || result.baselineState === 'updated' ? { isNew: false } : {}),
    tags,
    ...optionalRef('package', packageRefSchema, props['package']),
    ...optionalRef('advisory', advisoryRefSchema, props['advisory']),
    ...optionalRef('commit', commitRefSchema, props['commit']),
    ...(typeof props['remediation'] === 'string' ? { remediation: props['remediation'] } : {}),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
  const finding = findingSchema.safeParse(input);
  return finding.success ? finding.data : undefined;
}

function optionalRef<K extends string>(key: K, schema: z.ZodType, value: unknown): Partial<Record<K, unknown>> {
  if (value === undefined) return {};
  const parsed = schema.safeParse(value);
  return parsed.success ? ({ [key]: parsed.data } as Record<K, unknown>) : {};
}

function readMessage(result: Result, rule: { messageStrings?: unknown; shortDescription?: unknown } | undefined): string {
  const message = isRecord(result.message) ? result.message : {};
  let text: string | undefined =
    typeof message['text'] === 'string' ? message['text'] : typeof message['markdown'] === 'string' ? message['markdown'] : undefined;
  if (text === undefined && typeof message['id'] === 'string' && isRecord(rule?.messageStrings)) {
    const entry = rule.messageStrings[message['id']];
    if (isRecord(entry) && typeof entry['text'] === 'string') text = entry['text'];
  }
  if (text === undefined && isRecord(rule?.shortDescription) && typeof rule.shortDescription['text'] === 'string') {
    text = rule.shortDescription['text'];
  }
  if (text === undefined) return '';
  const args = stringsOf(message['arguments']);
  // SARIF §3.11.5 placeholders: {0}, {1}… (only those with an argument are replaced).
  return args.length > 0 ? text.replace(/\{(\d+)\}/g, (match, n: string) => args[Number(n)] ?? match) : text;
}

interface FingerprintContext {
  toolName: string;
  ruleId: string;
  path: string;
  message: string;
}

/**
 * Ours (`devsecops/v1`) as is, so baselines match across our own runs; else a
 * hash of the tool's own fingerprint (primaryLocationLineHash first, then other
 * partial fingerprints, then `fingerprints`) with rule and path, since those are
 * only unique within a rule and file; else rule + path + message.
 */
function readFingerprint(result: Result, partial: Record<string, unknown>, ctx: FingerprintContext): string {
  const own = partial[FINGERPRINT_KEY];
  if (typeof own === 'string' && own !== '') return own;
  const stable = isRecord(result.fingerprints) ? result.fingerprints : {};
  const candidates: Array<[string, unknown]> = [
    ['primaryLocationLineHash', partial['primaryLocationLineHash']],
    ...Object.keys(partial).sort().map((k): [string, unknown] => [k, partial[k]]),
    ...Object.keys(stable).sort().map((k): [string, unknown] => [k, stable[k]]),
  ];
  const found = candidates.find(([, value]) => typeof value === 'string' && value !== '');
  if (found) return computeFingerprint([ctx.toolName, ctx.ruleId, ctx.path, found[0], found[1] as string]);
  return computeFingerprint([ctx.toolName, ctx.ruleId, ctx.path, ctx.message]);
}

interface ReadLocation {
  value?: Location;
  /** The URI as written, when it could not be made repo-relative. */
  uri?: string;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

function readLocation(result: Result, run: Run, root: string | undefined): ReadLocation {
  const first = Array.isArray(result.locations) ? result.locations[0] : undefined;
  const physical = isRecord(first) && isRecord(first.physicalLocation) ? first.physicalLocation : undefined;
  if (!physical || !isRecord(physical.artifactLocation)) return {};
  let artifact: ArtifactLocation = physical.artifactLocation;
  if (typeof artifact.uri !== 'string' && typeof artifact.index === 'number') {
    const entry = Array.isArray(run.artifacts) ? run.artifacts[artifact.index] : undefined;
    const listed = isRecord(entry) && isRecord(entry.location) ? entry.location : undefined;
    if (listed && typeof listed.uri === 'string') artifact = { ...listed, ...artifact, uri: listed.uri };
  }
  if (typeof artifact.uri !== 'string' || artifact.uri === '') return {};
  const repoPath = toRepoPath(artifact, run, root);
  if (!repoPath) return { uri: artifact.uri };

  const region = isRecord(physical.region) ? physical.region : {};
  // A missing region means the whole file: line 1, as codeql-action once did for its hash.
  const startLine = positiveInt(region.startLine) ?? 1;
  const value: Location = { path: repoPath, startLine };
  const startColumn = positiveInt(region.startColumn);
  const endLine = positiveInt(region.endLine);
  const endColumn = positiveInt(region.endColumn);
  if (startColumn !== undefined) value.startColumn = startColumn;
  if (endLine !== undefined && endLine >= startLine) value.endLine = endLine;
  if (endColumn !== undefined) value.endColumn = endColumn;
  return { value };
}

const MAX_BASE_DEPTH = 8;

/** The absolute `file:` base a uriBaseId stands for, following chained bases; undefined if unknown. */
function resolveBase(id: string | undefined, run: Run, depth = 0): string | undefined {
  if (id === undefined || depth > MAX_BASE_DEPTH) return undefined;
  const bases = isRecord(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
  const entry = bases[id];
  if (!isRecord(entry) || typeof entry.uri !== 'string') return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry.uri)) return entry.uri;
  const parent = resolveBase(typeof entry.uriBaseId === 'string' ? entry.uriBaseId : undefined, run, depth + 1);
  return parent ? joinUri(parent, entry.uri) : undefined;
}

function joinUri(base: string, relative: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${relative}`;
}

function decode(uri: string): string | undefined {
  try {
    return decodeURIComponent(uri);
  } catch {
    return undefined;
  }
}

/** A normalised repo-relative path, or undefined when it leaves the repository. */
function cleanRelative(p: string): string | undefined {
  const normal = path.posix.normalize(p.replace(/\\/g, '/')).replace(/^(\.\/)+/, '');
  if (normal === '' || normal === '.' || normal.startsWith('../') || normal === '..' || normal.startsWith('/')) return undefined;
  return normal;
}

/** Absolute filesystem path from a `file:` URI or an absolute path; undefined for other schemes. */
function absolutePathOf(uri: string): string | undefined {
  if (/^file:/i.test(uri)) {
    const rest = uri.replace(/^file:(\/\/[^/]*)?/i, '');
    const decoded = decode(rest);
    // file:///C:/x on Windows runners: keep the drive as a path segment.
    return decoded !== undefined ? decoded.replace(/^\/([A-Za-z]:)/, '$1') : undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[A-Za-z]:[\\/]/.test(uri)) return undefined;
  const decoded = decode(uri);
  if (decoded === undefined) return undefined;
  return decoded.startsWith('/') || /^[A-Za-z]:[\\/]/.test(decoded) ? decoded : undefined;
}

function relativeToRoot(absolute: string, root: string | undefined): string | undefined {
  if (!root) return undefined;
  const rel = path.posix.relative(root.replace(/\\/g, '/'), absolute.replace(/\\/g, '/'));
  return cleanRelative(rel);
}

/**
 * Makes an artifact URI repo-relative. A relative URI is taken as relative to the
 * repository (code scanning does the same whatever its uriBaseId), unless its base
 * resolves inside `root`, where the base's own sub-path is prefixed. Absolute and
 * `file:` URIs need `root` and must lie inside it.
 */
function toRepoPath(artifact: ArtifactLocation, run: Run, root: string | undefined): string | undefined {
  const uri = artifact.uri as string;
  const absolute = absolutePathOf(uri);
  if (absolute !== undefined) return relativeToRoot(absolute, root);
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return undefined;
  const decoded = decode(uri);
  if (decoded === undefined) return undefined;
  const base = resolveBase(typeof artifact.uriBaseId === 'string' ? artifact.uriBaseId : undefined, run);
  const baseAbsolute = base ? absolutePathOf(base) : undefined;
  if (baseAbsolute !== undefined && root) {
    const prefix = path.posix.relative(root.replace(/\\/g, '/'), baseAbsolute.replace(/\\/g, '/'));
    if (prefix !== '' && !prefix.startsWith('..') && !path.posix.isAbsolute(prefix)) {
      return cleanRelative(`${prefix}/${decoded}`);
    }
  }
  return cleanRelative(decoded);
}
