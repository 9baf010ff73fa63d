/**
 * The job summary: the full account of a step, written to `$GITHUB_STEP_SUMMARY`.
 * The PR comment is the short version; this one lists every finding that fits.
 */
import { sortFindings, type Finding } from '../findings.js';
import { SEVERITIES } from '../severity.js';
import { cutToFit, fitRowBlock, measureUtf8Bytes } from './fit.js';
import { buildDecision, buildHeading, buildNotes, buildScope } from './headline.js';
import {
  codeSpan,
  escapeTableCell,
  markdownLink,
  tableDelimiter,
  tableRow,
} from './markdown.js';
import {
  blobUrl,
  countBySeverity,
  countOf,
  describePlace,
  formatLocation,
  listFullResultsPlaces,
  ruleName,
  truncateText,
  wasBaseCompared,
} from './text.js';
import type { ReportInput } from './types.js';

/**
 * GitHub's limit on one step's job summary, in bytes (1 MiB). GitHub docs,
 * "Workflow commands for GitHub Actions" › "Adding a job summary" › "Step
 * isolation and limits": "each step is restricted to a maximum size of 1MiB
 * … If more than 1MiB of content is added for a step, then the upload for the
 * step will fail and an error annotation will be created." Past it the whole
 * summary is lost, so the findings table is cut instead.
 */
export const SUMMARY_MAX_BYTES = 1024 * 1024;

/** Our choice, for a readable table: a message or remediation longer than this is cut with `…`. */
export const SUMMARY_CELL_MAX_CHARS = 1_000;

export interface SummaryOptions {
  /**
   * The bytes this summary may take, SUMMARY_MAX_BYTES unless the step writes
   * something else to its summary too (the limit is per step, not per write).
   */
  maxBytes?: number;
}

const PARAGRAPH_BREAK = '\n\n';

function buildCountsTable(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  if (!wasBaseCompared(findings)) {
    return [
      tableRow(['Severity', 'Findings']),
      tableDelimiter(['left', 'right']),
      ...SEVERITIES.map((s) => tableRow([s, String(counts[s])])),
      tableRow(['**Total**', `**${findings.length}**`]),
    ].join('\n');
  }
  const existing = countBySeverity(findings.filter((f) => f.isNew === false));
  const totalExisting = findings.filter((f) => f.isNew === false).length;
  return [
    tableRow(['Severity', 'Findings', 'New', 'Existing']),
    tableDelimiter(['left', 'right', 'right', 'right']),
    ...SEVERITIES.map((s) =>
      tableRow([s, String(counts[s]), String(counts[s] - existing[s]), String(existing[s])]),
    ),
    tableRow([
      '**Total**',
      `**${findings.length}**`,
      `**${findings.length - totalExisting}**`,
      `**${totalExisting}**`,
    ]),
  ].join('\n');
}

function buildFindingRow(report: ReportInput, finding: Finding, baseCompared: boolean): string {
  const severity = baseCompared
    ? `${finding.severity} (${finding.isNew === false ? 'existing' : 'new'})`
    : finding.severity;
  const name = ruleName(report.rules, finding.ruleId);
  const rule =
    name === finding.ruleId
      ? codeSpan(finding.ruleId, { inTable: true })
      : `${escapeTableCell(name)} ${codeSpan(finding.ruleId, { inTable: true })}`;
  const place = finding.location
    ? markdownLink(formatLocation(finding.location), blobUrl(report.links, finding.location))
    : escapeTableCell(describePlace(finding)) || '—';
  const message = escapeTableCell(truncateText(finding.message, SUMMARY_CELL_MAX_CHARS)) || '—';
  const next = finding.remediation
    ? escapeTableCell(truncateText(finding.remediation, SUMMARY_CELL_MAX_CHARS))
    : '—';
  return tableRow([severity, rule, place, message, next]);
}

/**
 * The markdown for `$GITHUB_STEP_SUMMARY`: the result with its threshold, the
 * scope, counts by severity (new and existing when a base was compared), the
 * notes, every finding most severe first with a link to its line, and the
 * skipped files. Within `maxBytes` UTF-8 bytes: when the findings do not all
 * fit, the table is cut between rows and a note says how many were left out and
 * where all of them are. Deterministic: the same report yields the same bytes.
 */
export function buildSummaryMarkdown(report: ReportInput, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? SUMMARY_MAX_BYTES;
  const measure = measureUtf8Bytes;
  const findings = sortFindings(report.findings);
  const baseCompared = wasBaseCompared(findings);

  const fixed: string[] = [buildHeading(report), buildDecision(report), buildScope(report)];
  if (findings.length > 0) fixed.push(buildCountsTable(findings));
  const notes = buildNotes(report.notes, '### Notes');
  if (notes) fixed.push(notes);

  // Sizes are measured on the final text: parts joined by blank lines, plus a final newline.
  const sizeOf = (parts: readonly string[]) => measure(parts.join(PARAGRAPH_BREAK)) + 1;
  const sep = measure(PARAGRAPH_BREAK);

  const places = listFullResultsPlaces(
    {
      jobSummary: false,
      codeScanningUrl: report.links.codeScanningUrl,
      sarifFile: report.sarifFile,
    },
    'markdown',
  );
  const findingsBlock = {
    lead: '### Findings',
    open: [
      tableRow(['Severity', 'Rule', 'Location', 'Message', 'What to do next']),
      tableDelimiter(['left', 'left', 'left', 'left', 'left']),
    ].join('\n'),
    rows: findings.map((f) => buildFindingRow(report, f, baseCompared)),
    close: '',
    note: (omitted: number) =>
      `**${omitted} of ${countOf(findings.length, 'finding')} ${omitted === 1 ? 'is' : 'are'} not shown** ` +
      `to keep this summary within GitHub's 1 MiB limit. All findings are in ${places}.`,
  };
  const skippedBlock = {
    lead: `### Skipped (${report.skipped.length})`,
    open: [tableRow(['Path', 'Reason']), tableDelimiter(['left', 'left'])].join('\n'),
    rows: report.skipped.map((item) =>
      tableRow([
        codeSpan(item.path, { inTable: true }),
        escapeTableCell(truncateText(item.reason, SUMMARY_CELL_MAX_CHARS)) || '—',
      ]),
    ),
    close: '',
    note: (omitted: number) =>
      `${countOf(omitted, 'more skipped file')} ${omitted === 1 ? 'is' : 'are'} not listed, ` +
      `to keep this summary within GitHub's 1 MiB limit.`,
  };

  const parts = [...fixed];
  let remaining = maxBytes - sizeOf(parts);
  // Keep room for the smallest form of the skipped section (its heading and note) before filling the table.
  const skippedMinimum =
    report.skipped.length > 0
      ? sep + measure(skippedBlock.lead) + sep + measure(skippedBlock.note(report.skipped.length))
      : 0;
  if (findings.length > 0) {
    const fitted = fitRowBlock(findingsBlock, remaining - sep - skippedMinimum, measure);
    if (fitted.text) {
      parts.push(fitted.text);
      remaining -= sep + measure(fitted.text);
    }
  }
  for (const section of report.sections ?? []) {
    const text = `### ${section.title}\n\n${section.markdown}`;
    const shown = measure(text) <= remaining - sep - skippedMinimum ? text : `### ${section.title}\n\nLeft out to keep this summary within GitHub's 1 MiB limit.`;
    if (measure(shown) > remaining - sep - skippedMinimum) continue;
    parts.push(shown);
    remaining -= sep + measure(shown);
  }
  if (report.skipped.length > 0) {
    const fitted = fitRowBlock(skippedBlock, remaining - sep, measure);
    if (fitted.text) parts.push(fitted.text);
  }

  return cutToFit(`${parts.join(PARAGRAPH_BREAK)}\n`, maxBytes, measure);
}
