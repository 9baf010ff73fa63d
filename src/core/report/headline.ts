/**
 * The parts the job summary and the PR comment open with, so both state the
 * decision in the same words: the heading, the decision sentence, the scope and
 * the notes.
 */
import { failingFindings, type Finding } from '../findings.js';
import { SEVERITIES, type FailOn } from '../severity.js';
import { codeSpan, escapeMarkdownInline } from './markdown.js';
import { countBySeverity, countOf, describeThreshold, truncateText, wasBaseCompared } from './text.js';
import type { ReportInput } from './types.js';

/** Caller text (title, scope, notes) is ours, but may quote a ref name or an API error: it is capped and escaped. */
const CALLER_TEXT_MAX_CHARS = 1_000;

function capped(text: string): string {
  return truncateText(text, CALLER_TEXT_MAX_CHARS);
}

/** `## Secrets scan: failed` */
export function buildHeading(report: ReportInput): string {
  return `## ${escapeMarkdownInline(capped(report.title))}: ${report.result === 'pass' ? 'passed' : 'failed'}`;
}

function thresholdSetting(failOn: FailOn): string {
  return codeSpan(`fail-on-severity: ${failOn}`);
}

/**
 * One sentence that says what decided the result, with the threshold, e.g.
 * `**Failed:** 2 new findings at high or above (`fail-on-severity: high`).`
 */
export function buildDecision(report: ReportInput): string {
  const baseCompared = wasBaseCompared(report.findings);
  const failing = failingFindings(report.findings, report.failOn);
  const threshold = `${describeThreshold(report.failOn)} (${thresholdSetting(report.failOn)})`;
  const noun = baseCompared ? 'new finding' : 'finding';
  if (report.result === 'fail') {
    if (failing.length > 0) return `**Failed:** ${countOf(failing.length, noun)} at ${threshold}.`;
    return report.notes.length > 0 ? '**Failed.** See the notes below.' : '**Failed.**';
  }
  if (report.findings.length === 0) return '**Passed:** no findings.';
  // A caller that passes despite failing findings (an exception it granted) explains it in the notes.
  if (failing.length > 0) return report.notes.length > 0 ? '**Passed.** See the notes below.' : '**Passed.**';
  if (report.failOn === 'none') {
    return `**Passed:** findings do not fail this step (${thresholdSetting(report.failOn)}).`;
  }
  return `**Passed:** no ${noun}s at ${threshold}.`;
}

/** `Scanned: lines added by this pull request (abc1234...def5678).` */
export function buildScope(report: ReportInput): string {
  const scope = capped(report.scopeDescription).replace(/\.$/, '');
  return `Scanned: ${escapeMarkdownInline(scope)}.`;
}

/**
 * `**Findings:** 1 critical, 2 high (2 new, 1 existing).` Bands with no
 * finding are left out; new and existing only when a base was compared.
 */
export function buildCountsLine(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  const bands = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  let line = `**${countOf(findings.length, 'finding')}:** ${bands.join(', ')}`;
  if (wasBaseCompared(findings)) {
    const existing = findings.filter((f) => f.isNew === false).length;
    line += ` (${findings.length - existing} new, ${existing} existing)`;
  }
  return `${line}.`;
}

/** The notes as a list under `lead`, or '' when there are none. */
export function buildNotes(notes: readonly string[], lead: string): string {
  if (notes.length === 0) return '';
  return [lead, '', ...notes.map((note) => `- ${escapeMarkdownInline(capped(note))}`)].join('\n');
}
