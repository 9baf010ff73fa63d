import type {
  Log,
  Notification,
  PhysicalLocation,
  PropertyBag,
  Region,
  ReportingDescriptor,
  Result,
  Run,
} from 'sarif';
import { sortFindings, type Finding, type RuleDescriptor, type SkippedItem } from '../findings.js';
import { FINGERPRINT_KEY } from '../fingerprint.js';
import { severityFromScore, type Severity } from '../severity.js';

/** The schema our logs validate against (the OASIS errata01 file vendored in schemas/vendor/). */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** All our URIs are relative to this base, the repository root, as code scanning expects. */
export const SRCROOT = '%SRCROOT%';
/**
 * Where a finding without a location is put. GitHub code scanning drops results
 * that have no location ("SARIF support for code scanning": `locations[]` is
 * required), so a repository-wide finding goes on line 1 of a root-level file;
 * the producer should name the file the finding is about (`noLocationPath`),
 * this is only the fallback.
 */
export const DEFAULT_NO_LOCATION_PATH = 'README.md';
/** The `toolExecutionNotifications` descriptor of a file that was not scanned. */
export const SKIPPED_FILE_NOTIFICATION_ID = 'devsecops/skipped-file';
export const INVOCATION_NOTE_ID = 'devsecops/note';

export interface SarifToolInfo {
  name: string;
  version: string;
  informationUri: string;
  semanticVersion?: string;
}

export interface SarifProvenance {
  repositoryUri: string;
  revisionId: string;
  /** Omitted on a detached HEAD. */
  branch?: string;
}

/** A skipped file, optionally a warning (unreadable) rather than a note (skipped by design). */
export type SkippedForSarif = SkippedItem & { level?: 'note' | 'warning' };

export interface BuildSarifLogInput {
  tool: SarifToolInfo;
  rules: readonly RuleDescriptor[];
  findings: readonly Finding[];
  /** `automationDetails.id`, e.g. `devsecops/secrets-scan/`: GitHub's category. */
  category: string;
  provenance?: SarifProvenance;
  skipped: readonly SkippedForSarif[];
  executionSuccessful: boolean;
  /** Whether findings were compared with a base; only then is `baselineState` written. */
  baselineCompared: boolean;
  invocationNotes?: readonly string[];
  /** The root-level file a finding without a location is reported on (see DEFAULT_NO_LOCATION_PATH). */
  noLocationPath?: string;
}

/** SARIF `level` for a band: critical/high → error, medium → warning, low/note → note. */
export function levelForSeverity(severity: Severity): 'error' | 'warning' | 'note' {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** CodeQL's `problem.severity`, which code scanning shows for non-security alerts. */
function problemSeverity(severity: Severity): 'error' | 'warning' | 'recommendation' {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'recommendation';
}

/** `security-severity` as GitHub reads it: a string holding a number, one decimal. */
export function formatSecuritySeverity(score: number): string {
  return (Math.round(Math.min(10, Math.max(0, score)) * 10) / 10).toFixed(1);
}

/**
 * A repository-relative path as a SARIF relative URI reference: forward slashes,
 * no leading `./` or `/`, each segment percent-encoded (so `#`, `?`, `%`, spaces
 * and a `:` that would read as a scheme survive).
 */
export function toArtifactUri(repoPath: string): string {
  const segments = repoPath
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.');
  return segments.map((segment) => encodeURIComponent(segment)).join('/');
}

function uniqueTags(tags: readonly string[]): string[] {
  // `security` first: GitHub shows only the first 10 tags and accepts 20 (limits.ts).
  return [...new Set(['security', ...tags.filter((t) => t.trim() !== '')])];
}

function buildRule(rule: RuleDescriptor): ReportingDescriptor {
  const severity = severityFromScore(rule.score);
  const fullText = rule.fullDescription ?? rule.shortDescription;
  const helpText = rule.helpUri ? `${fullText}\n\nMore: ${rule.helpUri}` : fullText;
  const properties: PropertyBag = {
    ...rule.properties,
    tags: uniqueTags(rule.tags),
    precision: rule.precision,
    'problem.severity': problemSeverity(severity),
  };
  // A score of 0 (band `note`) is informational: without security-severity GitHub
  // ranks the alert by its level instead of calling it a 0.0 security alert.
  if (rule.score > 0) properties['security-severity'] = formatSecuritySeverity(rule.score);
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.shortDescription },
    fullDescription: { text: fullText },
    help: { text: helpText, markdown: rule.helpMarkdown ?? helpText },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: levelForSeverity(severity) },
    properties,
  };
}

/** A rule for a finding whose producer did not describe it: never drop a finding. */
function ruleFromFinding(finding: Finding): RuleDescriptor {
  return {
    id: finding.ruleId,
    // A name equal to the id draws the multitool's SARIF1001 warning: derive a PascalCase one.
    name:
      finding.ruleId
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('') || 'UnnamedRule',
    shortDescription: finding.ruleId,
    tags: [],
    precision: 'medium',
    score: finding.score,
  };
}

function buildRegion(finding: Finding): Region {
  const loc = finding.location;
  if (!loc) return { startLine: 1 };
  const region: Region = { startLine: loc.startLine };
  if (loc.startColumn !== undefined) region.startColumn = loc.startColumn;
  const endLine = loc.endLine !== undefined && loc.endLine >= loc.startLine ? loc.endLine : undefined;
  if (endLine !== undefined) region.endLine = endLine;
  if (loc.endColumn !== undefined) {
    // SARIF: on a one-line region the (exclusive) end column cannot precede the start.
    const sameLine = (endLine ?? loc.startLine) === loc.startLine;
    if (!sameLine || loc.startColumn === undefined || loc.endColumn >= loc.startColumn) region.endColumn = loc.endColumn;
  }
  return region;
}

function buildPhysicalLocation(uri: string, region?: Region): PhysicalLocation {
  return { artifactLocation: { uri, uriBaseId: SRCROOT }, ...(region ? { region } : {}) };
}

function buildResult(
  finding: Finding,
  ruleIndex: number,
  options: { baselineCompared: boolean; noLocationPath: string },
): Result {
  const { primaryLocationLineHash, ...producerProperties } = finding.properties ?? {};
  const partialFingerprints: Record<string, string> = { [FINGERPRINT_KEY]: finding.fingerprint };
  if (typeof primaryLocationLineHash === 'string' && primaryLocationLineHash !== '') {
    partialFingerprints['primaryLocationLineHash'] = primaryLocationLineHash;
  }
  const path = finding.location ? toArtifactUri(finding.location.path) : '';
  const properties: PropertyBag = {
    ...producerProperties,
    'security-severity': formatSecuritySeverity(finding.score),
    tags: [...new Set(finding.tags)],
  };
  if (finding.package) properties['package'] = finding.package;
  if (finding.advisory) properties['advisory'] = finding.advisory;
  if (finding.commit) properties['commit'] = finding.commit;
  if (finding.remediation) properties['remediation'] = finding.remediation;
  if (path === '') properties['devsecops/location'] = 'repository';
  const result: Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: levelForSeverity(finding.severity),
    message: { text: finding.message.trim() === '' ? finding.ruleId : finding.message },
    locations: [
      {
        physicalLocation: buildPhysicalLocation(
          path === '' ? toArtifactUri(options.noLocationPath) : path,
          buildRegion(finding),
        ),
      },
    ],
    partialFingerprints,
    properties,
  };
  if (options.baselineCompared) result.baselineState = finding.isNew === false ? 'unchanged' : 'new';
  return result;
}

function buildNotifications(skipped: readonly SkippedForSarif[], notes: readonly string[]): Notification[] {
  const files = [...skipped]
    .sort((a, b) => a.path.localeCompare(b.path) || a.reason.localeCompare(b.reason))
    .map(
      (item): Notification => ({
        descriptor: { id: SKIPPED_FILE_NOTIFICATION_ID },
        level: item.level ?? 'note',
        message: { text: `Not scanned: ${item.path}: ${item.reason}` },
        locations: [{ physicalLocation: buildPhysicalLocation(toArtifactUri(item.path) || '.') }],
      }),
    );
  const general = notes.map(
    (text): Notification => ({ descriptor: { id: INVOCATION_NOTE_ID }, level: 'note', message: { text } }),
  );
  return [...files, ...general];
}

/**
 * Builds the SARIF 2.1.0 log code scanning ingests from our findings and rule
 * descriptors. Pure and deterministic: rules are ordered by id, results by
 * `compareFindings`, notifications by path.
 */
export function buildSarifLog(input: BuildSarifLogInput): Log {
  const described = new Map(input.rules.map((rule) => [rule.id, rule]));
  for (const finding of input.findings) {
    if (!described.has(finding.ruleId)) described.set(finding.ruleId, ruleFromFinding(finding));
  }
  const rules = [...described.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const noLocationPath = input.noLocationPath ?? DEFAULT_NO_LOCATION_PATH;

  const results = sortFindings(input.findings).map((finding) =>
    buildResult(finding, ruleIndex.get(finding.ruleId) ?? 0, {
      baselineCompared: input.baselineCompared,
      noLocationPath,
    }),
  );

  const run: Run = {
    tool: {
      driver: {
        name: input.tool.name,
        version: input.tool.version,
        ...(input.tool.semanticVersion ? { semanticVersion: input.tool.semanticVersion } : {}),
        informationUri: input.tool.informationUri,
        rules: rules.map(buildRule),
      },
    },
    automationDetails: { id: input.category.endsWith('/') ? input.category : `${input.category}/` },
    originalUriBaseIds: {
      [SRCROOT]: { description: { text: 'The root of the repository checkout.' } },
    },
    columnKind: 'utf16CodeUnits',
    ...(input.provenance
      ? {
          versionControlProvenance: [
            {
              repositoryUri: input.provenance.repositoryUri,
              revisionId: input.provenance.revisionId,
              ...(input.provenance.branch ? { branch: input.provenance.branch } : {}),
              // Says which local root the repository is checked out at (multitool SARIF2007).
              mappedTo: { uriBaseId: SRCROOT },
            },
          ],
        }
      : {}),
    invocations: [
      {
        executionSuccessful: input.executionSuccessful,
        toolExecutionNotifications: buildNotifications(input.skipped, input.invocationNotes ?? []),
      },
    ],
    results,
  };
  return { $schema: SARIF_SCHEMA_URI, version: SARIF_VERSION, runs: [run] };
}
