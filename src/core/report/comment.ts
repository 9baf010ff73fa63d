/**
 * The sticky PR comment: one per action, found again by its marker and
 * replaced on every run. It is the short version of the job summary: the
 * decision, the counts, the new findings first, and a link to the run.
 */
import { sortFindings, type Finding } from '../findings.js';
import { cutToFit, fitRowBlock, measureChars, type RowBlock } from './fit.js';
import { buildCountsLine, buildDecision, buildHeading, buildNotes, buildScope } from './headline.js';
import { escapeHtml, escapeTableCell, markdownLink, tableDelimiter, tableRow } from './markdown.js';
import {
  blobUrl,
  countOf,
  describePlace,
  formatLocation,
  listFullResultsPlaces,
  oneLine,
  ruleName,
  wasBaseCompared,
} from './text.js';
import type { ReportInput } from './types.js';

/**
 * GitHub's limit on an issue or pull request comment body, in characters.
 * The REST API rejects a longer body with 422 "Body is too long (maximum is
 * 65536 characters)" (POST/PATCH /repos/{owner}/{repo}/issues/comments, see
 * docs.github.com "REST API endpoints for issue comments"); the same number is
 * MAX_COMMENT_LENGTH in actions/dependency-review-action's comment-pr.ts. We
 * count UTF-16 code units, which is never less than the count of characters.
 */
export const COMMENT_BODY_MAX_CHARS = 65_536;

/** Our choice, to keep the comment short: the job summary lists every finding. */
export const COMMENT_MAX_FINDING_ROWS = 50;

/** Our choice: a message or remediation is cut to one line of this many characters in the comment. */
export const COMMENT_CELL_MAX_CHARS = 300;

export interface CommentOptions {
  /** The characters the body may take, COMMENT_BODY_MAX_CHARS by default. */
  maxChars?: number;
  /** The most finding rows, new and existing together, COMMENT_MAX_FINDING_ROWS by default. */
  maxRows?: number;
}

const ACTION_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The hidden marker that identifies this action's comment, e.g.
 * `<!-- devsecops:secrets-scan -->`. It is always the first line of the body,
 * so the caller finds its comment by `body.startsWith(marker)` and a comment
 * that merely quotes the marker is never taken for ours.
 */
export function commentMarker(actionName: string): string {
  if (!ACTION_NAME.test(actionName)) {
    // A `-->` or `--` would end or break the HTML comment; the names are ours, so this is a bug.
    throw new Error(`Action name "${actionName}" must be lowercase words joined by single hyphens`);
  }
  return `<!-- devsecops:${actionName} -->`;
}

const PARAGRAPH_BREAK = '\n\n';

function buildFindingRow(report: ReportInput, finding: Finding): string {
  const place = finding.location
    ? markdownLink(formatLocation(finding.location), blobUrl(report.links, finding.location))
    : escapeTableCell(describePlace(finding)) || '—';
  const name = escapeTableCell(ruleName(report.rules, finding.ruleId));
  const message = oneLine(finding.message, COMMENT_CELL_MAX_CHARS);
  const what = message ? `**${name}**: ${escapeTableCell(message)}` : `**${name}**`;
  const next = finding.remediation
    ? escapeTableCell(oneLine(finding.remediation, COMMENT_CELL_MAX_CHARS)) || '—'
    : '—';
  return tableRow([finding.severity, place, what, next]);
}

const TABLE_HEAD = [
  tableRow(['Severity', 'Location', 'Finding', 'What to do next']),
  tableDelimiter(['left', 'left', 'left', 'left']),
].join('\n');

/**
 * The body of the sticky PR comment: the marker on the first line, then the
 * decision, the scope, the counts, the new findings (existing ones folded in a
 * `<details>`), the notes and a link to the run. With no findings it says so,
 * so a re-run that finds nothing replaces a stale comment. Within `maxChars`:
 * rows are left out whole, `<details>` is always closed, and a note says how
 * many were left out and where to see them. No timestamps: an unchanged result
 * yields a byte-identical body, and the caller can skip the update.
 */
export function buildCommentBody(report: ReportInput, options: CommentOptions = {}): string {
  const maxChars = options.maxChars ?? COMMENT_BODY_MAX_CHARS;
  const maxRows = options.maxRows ?? COMMENT_MAX_FINDING_ROWS;
  const measure = measureChars;
  const marker = commentMarker(report.actionName);
  const findings = sortFindings(report.findings);
  const baseCompared = wasBaseCompared(findings);
  const fresh = baseCompared ? findings.filter((f) => f.isNew !== false) : findings;
  const existing = baseCompared ? findings.filter((f) => f.isNew === false) : [];

  // The marker and heading share the first block: the marker must be line one.
  const head: string[] = [`${marker}\n${buildHeading(report)}`, buildDecision(report), buildScope(report)];
  if (findings.length > 0) head.push(buildCountsLine(findings));
  const notes = buildNotes(report.notes, '**Notes**');
  if (notes) head.push(notes);

  const places = listFullResultsPlaces(
    {
      jobSummary: true,
      runUrl: report.links.runUrl,
      codeScanningUrl: report.links.codeScanningUrl,
      sarifFile: report.sarifFile,
    },
    'markdown',
  );
  const footer = report.links.runUrl ? markdownLink('View the run', report.links.runUrl) : '';

  const sep = measure(PARAGRAPH_BREAK);
  const sizeOf = (parts: readonly string[]) => measure(parts.join(PARAGRAPH_BREAK)) + 1;
  const notListed = (omitted: number, kind: string) =>
    `${countOf(omitted, `more ${kind}finding`)} ${omitted === 1 ? 'is' : 'are'} not listed here. ` +
    `See all findings in ${places}.`;

  const freshBlock: RowBlock = {
    lead: baseCompared ? `### New findings (${fresh.length})` : '### Findings',
    open: TABLE_HEAD,
    rows: fresh.map((f) => buildFindingRow(report, f)),
    close: '',
    note: (omitted) => notListed(omitted, baseCompared ? 'new ' : ''),
    maxRows,
  };
  const existingBlock: RowBlock = {
    lead: '',
    open: `<details><summary>${escapeHtml(`Existing findings (${existing.length})`)}</summary>\n\n${TABLE_HEAD}`,
    rows: existing.map((f) => buildFindingRow(report, f)),
    close: '\n\n</details>',
    note: (omitted) => notListed(omitted, 'existing '),
  };

  const parts = [...head];
  const tail = footer ? [footer] : [];
  let remaining = maxChars - sizeOf([...parts, ...tail]);
  // Room for the existing findings' note, should none of them fit.
  const existingMinimum = existing.length > 0 ? sep + measure(existingBlock.note(existing.length)) : 0;
  let rowsLeft = maxRows;
  if (fresh.length > 0) {
    const fitted = fitRowBlock(freshBlock, remaining - sep - existingMinimum, measure);
    if (fitted.text) {
      parts.push(fitted.text);
      remaining -= sep + measure(fitted.text);
      rowsLeft -= fitted.shown;
    }
  }
  if (existing.length > 0) {
    const fitted = fitRowBlock({ ...existingBlock, maxRows: rowsLeft }, remaining - sep, measure);
    if (fitted.text) {
      parts.push(fitted.text);
      remaining -= sep + measure(fitted.text);
    }
  }
  for (const section of report.sections ?? []) {
    if (section.inComment === false) continue;
    const text = `### ${section.title}\n\n${section.markdown}`;
    // Whole or not at all; the job summary has the room the comment lacks.
    const shown = measure(text) <= remaining - sep ? text : `### ${section.title}\n\nToo long for this comment: see the job summary.`;
    if (measure(shown) > remaining - sep) continue;
    parts.push(shown);
    remaining -= sep + measure(shown);
  }
  parts.push(...tail);

  return cutToFit(`${parts.join(PARAGRAPH_BREAK)}\n`, maxChars, measure);
}
