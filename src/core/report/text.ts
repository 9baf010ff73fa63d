/**
 * Wording and small pieces shared by the summary, the PR comment and the
 * annotations, so the three outputs describe a finding the same way. Everything
 * here returns plain (unescaped) text; the markdown builders escape it.
 */
import type { Finding, Location, RuleDescriptor } from '../findings.js';
import { SEVERITIES, type FailOn, type Severity } from '../severity.js';
import { codeSpan, markdownLink } from './markdown.js';
import type { ReportLinks } from './types.js';

/** `path:line`, or `path:start-end` for a range of lines. */
export function formatLocation(location: Location): string {
  const { path, startLine, endLine } = location;
  return endLine !== undefined && endLine > startLine
    ? `${path}:${startLine}-${endLine}`
    : `${path}:${startLine}`;
}

/**
 * Where a finding is, for people: `path:line` when it has a location, otherwise
 * the package (`npm lodash@4.17.20`), otherwise an empty string.
 */
export function describePlace(finding: Finding): string {
  if (finding.location) return formatLocation(finding.location);
  const pkg = finding.package;
  if (pkg) return `${pkg.ecosystem} ${pkg.name}${pkg.version ? `@${pkg.version}` : ''}`;
  return '';
}

/**
 * Cuts text to at most `maxChars` UTF-16 code units, on a code point boundary,
 * ending with `…` when something was cut.
 */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 0) return '';
  let end = maxChars - 1;
  // Do not split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** A message on one line: whitespace runs (line breaks included) become one space, cut to `maxChars`. */
export function oneLine(text: string, maxChars: number): string {
  return truncateText(text.replace(/\s+/g, ' ').trim(), maxChars);
}

/** The rule's human name, or its id when the rule is not described. */
export function ruleName(rules: readonly RuleDescriptor[], ruleId: string): string {
  return rules.find((rule) => rule.id === ruleId)?.name ?? ruleId;
}

/** `1 finding`, `2 findings`. */
export function countOf(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** True when a base was compared, i.e. producers marked findings new or existing. */
export function wasBaseCompared(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.isNew !== undefined);
}

/** What `fail-on-severity` means, e.g. `high or above`, `any severity`. */
export function describeThreshold(failOn: FailOn): string {
  switch (failOn) {
    case 'any':
      return 'any severity';
    case 'none':
      return 'no severity (fail-on-severity is none)';
    case 'critical':
      return 'critical';
    default:
      return `${failOn} or above`;
  }
}

function encodePathSegments(path: string): string {
  // encodeURIComponent leaves ( ) ' ! * unencoded; ( and ) would end a markdown link destination.
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[()'!*]/g,
        (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

/** A link to the finding's lines at the scanned commit: `…/blob/<sha>/<path>#L12-L14`. */
export function blobUrl(links: ReportLinks, location: Location): string {
  const base = links.serverUrl.replace(/\/+$/, '');
  const lines =
    location.endLine !== undefined && location.endLine > location.startLine
      ? `#L${location.startLine}-L${location.endLine}`
      : `#L${location.startLine}`;
  return (
    `${base}/${encodePathSegments(links.owner)}/${encodePathSegments(links.repo)}` +
    `/blob/${encodePathSegments(links.sha)}/${encodePathSegments(location.path)}${lines}`
  );
}

/** Where every finding can be read when an output had to leave some out. */
export interface FullResultsPlaces {
  /** The job summary of this run holds the complete table (false when it is the output being cut). */
  jobSummary: boolean;
  /** The run page, where the job summary is shown: makes "the job summary" a link in markdown. */
  runUrl?: string;
  codeScanningUrl?: string;
  sarifFile?: string;
}

/**
 * Names the places: `the job summary, code scanning and the SARIF file
 * results.sarif`. As markdown, code scanning is a link and the file a code span.
 * Never empty: with nothing else named, the step's SARIF output.
 */
export function listFullResultsPlaces(
  places: FullResultsPlaces,
  format: 'text' | 'markdown' = 'text',
): string {
  const md = format === 'markdown';
  const parts: string[] = [];
  if (places.jobSummary) {
    parts.push(md && places.runUrl ? markdownLink('the job summary', places.runUrl) : 'the job summary');
  }
  if (places.codeScanningUrl) {
    parts.push(md ? markdownLink('code scanning', places.codeScanningUrl) : 'code scanning');
  }
  if (places.sarifFile) {
    parts.push(`the SARIF file ${md ? codeSpan(places.sarifFile) : places.sarifFile}`);
  }
  if (parts.length === 0) return "the step's SARIF output";
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
