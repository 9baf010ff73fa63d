/**
 * The gate's report, for the job summary, the sticky PR comment and the
 * terminal: the decision first, then what blocked (with each rule's message
 * beside the finding), the thresholds, what warned, the licences, what was
 * excepted (owner, expiry, days left) and the state of every exception.
 *
 * Pure and deterministic: the same result gives the same bytes, so an
 * unchanged comment is not rewritten. Tables are cut by whole rows to fit
 * GitHub's limits, with a note that says where the rest is.
 */
import { commentMarker, COMMENT_BODY_MAX_CHARS } from '../../core/report/comment.js';
import { cutToFit, fitRowBlock, measureChars, measureUtf8Bytes, type Measure, type RowBlock } from '../../core/report/fit.js';
import { escapeTableCell, markdownLink, tableDelimiter, tableRow } from '../../core/report/markdown.js';
import { SUMMARY_MAX_BYTES } from '../../core/report/summary.js';
import { blobUrl, countOf, formatLocation, oneLine } from '../../core/report/text.js';
import type { ReportLinks } from '../../core/report/types.js';
import type { ExceptionReport, FindingDecision, PolicyResult } from './policy-result.js';

export const GATE_ID = 'policy-gate';
const CELL_MAX_CHARS = 300;
const COMMENT_MAX_ROWS = 30;
const PARAGRAPH_BREAK = '\n\n';

export interface GateReportInput {
  result: PolicyResult;
  /** One line on what was read, e.g. "3 SARIF files (devsecops 4, Semgrep 2), SBOM sbom.cdx.json (120 packages)". */
  inputsLine: string;
  notes: readonly string[];
  links: ReportLinks;
  /** Where the evidence file is (relative path or artifact name). */
  evidence?: string;
}

const ICON: Record<PolicyResult['decision'], string> = { pass: '✅', warn: '⚠️', fail: '❌' };

function headline(result: PolicyResult): string {
  const mode = result.mode === 'warn' && result.outcome === 'fail' ? ' (warn mode: the policy fails, the step does not)' : '';
  return `## ${ICON[result.decision]} Policy gate: ${result.decision}${mode}`;
}

function reasonsBlock(result: PolicyResult): string {
  if (result.reasons.length === 0) return 'Nothing the policy counts was found.';
  return result.reasons.map((reason) => `- ${escapeTableCell(reason)}`).join('\n');
}

function place(decision: FindingDecision, links: ReportLinks): string {
  const finding = decision.finding;
  if (finding.location) return markdownLink(formatLocation(finding.location), blobUrl(links, finding.location));
  if (finding.package) return escapeTableCell(`${finding.package.name}${finding.package.version ? `@${finding.package.version}` : ''}`);
  return '—';
}

function what(decision: FindingDecision): string {
  const finding = decision.finding;
  const message = oneLine(finding.message, CELL_MAX_CHARS);
  return `**${escapeTableCell(`${finding.tool}: ${finding.ruleId}`)}**${message ? ` ${escapeTableCell(message)}` : ''}`;
}

function age(decision: FindingDecision): string {
  const isNew = decision.finding.isNew;
  return isNew === true ? 'new' : isNew === false ? 'existing' : '—';
}

function decidedBy(decision: FindingDecision): string {
  const by = decision.rule ? `\`${decision.rule.id}\`` : 'default';
  const next = decision.finding.remediation ? ` ${oneLine(decision.finding.remediation, CELL_MAX_CHARS)}` : '';
  return `${by}: ${escapeTableCell(oneLine(decision.message, CELL_MAX_CHARS) + next)}`;
}

const OUTCOME_HEAD = [tableRow(['Severity', 'Age', 'Where', 'Finding', 'Decided by, and what to do']), tableDelimiter(['left', 'left', 'left', 'left', 'left'])].join('\n');
const EXCEPTED_HEAD = [tableRow(['Severity', 'Where', 'Finding', 'Exception', 'Owner', 'Until']), tableDelimiter(['left', 'left', 'left', 'left', 'left', 'left'])].join('\n');

function untilCell(exception: ExceptionReport | undefined, expires: string): string {
  if (!exception) return expires;
  if (exception.expiringSoon) return `⚠️ ${expires} (${exception.expiresInDays === 0 ? 'today' : `in ${countOf(exception.expiresInDays, 'day')}`})`;
  return expires;
}

function findingBlocks(input: GateReportInput, maxRows: number | undefined, where: string): RowBlock[] {
  const { result, links } = input;
  const byOutcome = (outcome: FindingDecision['outcome']) => result.findings.filter((d) => d.outcome === outcome);
  const note = (kind: string) => (omitted: number) => `${countOf(omitted, `more ${kind} finding`)} ${omitted === 1 ? 'is' : 'are'} not listed here; ${where}.`;
  const failed = byOutcome('fail');
  const warned = byOutcome('warn');
  const excepted = byOutcome('excepted');
  const exceptionByIndex = new Map(result.exceptions.map((e) => [e.index, e]));
  const blocks: RowBlock[] = [];
  if (failed.length > 0) {
    blocks.push({
      lead: `### Blocked (${failed.length})`,
      open: OUTCOME_HEAD,
      rows: failed.map((d) => tableRow([d.finding.severity, age(d), place(d, links), what(d), decidedBy(d)])),
      close: '',
      note: note('blocked'),
      ...(maxRows !== undefined ? { maxRows } : {}),
    });
  }
  if (warned.length > 0) {
    blocks.push({
      lead: `### Warned (${warned.length})`,
      open: OUTCOME_HEAD,
      rows: warned.map((d) => tableRow([d.finding.severity, age(d), place(d, links), what(d), decidedBy(d)])),
      close: '',
      note: note('warned'),
      ...(maxRows !== undefined ? { maxRows } : {}),
    });
  }
  if (excepted.length > 0) {
    blocks.push({
      lead: `### Excepted (${excepted.length})`,
      open: EXCEPTED_HEAD,
      rows: excepted.map((d) => {
        const ref = d.exception!;
        return tableRow([
          d.finding.severity,
          place(d, links),
          what(d),
          `\`${ref.where}\`: ${escapeTableCell(oneLine(ref.reason, CELL_MAX_CHARS))}`,
          escapeTableCell(ref.owner),
          untilCell(exceptionByIndex.get(ref.index), ref.expires),
        ]);
      }),
      close: '',
      note: note('excepted'),
      ...(maxRows !== undefined ? { maxRows } : {}),
    });
  }
  return blocks;
}

function thresholdsBlock(result: PolicyResult): string {
  if (result.thresholds.length === 0) return '';
  const lines = result.thresholds.map((t) => `- ${t.exceeded ? '❌' : '✅'} ${escapeTableCell(t.message)}`);
  return `### Thresholds\n\n${lines.join('\n')}`;
}

function licensesBlock(result: PolicyResult, maxRows: number | undefined): RowBlock | undefined {
  const licenses = result.licenses;
  if (!licenses) return undefined;
  if (!licenses.checked) {
    return { lead: '### Licences\n\nThe policy has licence lists, but no SBOM was given, so licences were not checked.', open: '', rows: [], close: '', note: () => '' };
  }
  const notAllowed = licenses.packages.filter((p) => p.verdict !== 'allowed');
  const { allowed, denied, unknown, excepted } = licenses.counts;
  const skipped = licenses.skippedDevelopment > 0 ? ` ${countOf(licenses.skippedDevelopment, 'development-only package')} not checked (\`skip-development\`).` : '';
  const lead = `### Licences\n\n${countOf(allowed + denied + unknown, 'package')} checked: ${allowed} allowed, ${denied} denied, ${unknown} unknown${excepted > 0 ? ` (${excepted} excepted)` : ''}.${skipped}`;
  return {
    lead,
    open: [tableRow(['Package', 'Licence', 'Verdict', 'Why']), tableDelimiter(['left', 'left', 'left', 'left'])].join('\n'),
    rows: notAllowed.map((p) =>
      tableRow([
        escapeTableCell(`${p.package.name}${p.package.version ? `@${p.package.version}` : ''}`),
        escapeTableCell(p.package.license ?? 'none stated'),
        p.outcome === 'excepted' ? `${p.verdict} (excepted by \`${p.exception?.where ?? ''}\`)` : p.verdict === 'denied' ? '❌ denied' : '⚠️ unknown',
        escapeTableCell(oneLine(p.reason, CELL_MAX_CHARS)),
      ]),
    ),
    close: '',
    note: (omitted) => `${countOf(omitted, 'more package')} not listed here; see the evidence file.`,
    ...(maxRows !== undefined ? { maxRows } : {}),
  };
}

function exceptionsBlock(result: PolicyResult): string {
  const worth = result.exceptions.filter((e) => e.status !== 'applied' || e.expiringSoon);
  const applied = result.exceptions.filter((e) => e.status === 'applied' && !e.expiringSoon).length;
  if (result.exceptions.length === 0) return '';
  const icon: Record<ExceptionReport['status'], string> = { applied: '⚠️', expired: '⌛', stale: '🧹', redundant: '🧹' };
  const lines = worth.map((e) => `- ${icon[e.status]} ${escapeTableCell(e.message)}`);
  const lead = `### Exceptions\n\n${countOf(result.exceptions.length, 'exception')}: ${applied + result.exceptions.filter((e) => e.status === 'applied' && e.expiringSoon).length} applied, ${result.exceptions.filter((e) => e.status === 'expired').length} expired, ${result.exceptions.filter((e) => e.status === 'stale' || e.status === 'redundant').length} matching nothing.`;
  return lines.length > 0 ? `${lead}\n\n${lines.join('\n')}` : lead;
}

function notesBlock(notes: readonly string[], warnings: readonly string[]): string {
  const seen = new Set<string>();
  const lines = [...warnings, ...notes].filter((line) => !seen.has(line) && seen.add(line));
  // Exceptions already have their own block; the other warnings are listed once here.
  return lines.length > 0 ? `**Notes**\n\n${lines.map((line) => `- ${escapeTableCell(line)}`).join('\n')}` : '';
}

function build(input: GateReportInput, options: { budget: number; measure: Measure; maxRows?: number; marker?: string; where: string }): string {
  const { result } = input;
  const { measure } = options;
  const head = [
    `${options.marker ? `${options.marker}\n` : ''}${headline(result)}`,
    reasonsBlock(result),
    `**Inputs:** ${escapeTableCell(input.inputsLine)}`,
  ];
  const tail: string[] = [];
  const thresholds = thresholdsBlock(result);
  const exceptions = exceptionsBlock(result);
  const nonExceptionWarnings = result.warnings.filter((w) => !result.exceptions.some((e) => e.message === w));
  const notes = notesBlock(input.notes, nonExceptionWarnings);
  const evidence = input.evidence ? `Evidence: ${input.evidence}${input.links.runUrl ? ` — ${markdownLink('view the run', input.links.runUrl)}` : ''}` : '';
  for (const part of [exceptions, notes, evidence]) if (part) tail.push(part);

  const blocks = findingBlocks(input, options.maxRows, options.where);
  const licenses = licensesBlock(result, options.maxRows);
  const parts = [...head];
  if (thresholds) parts.push(thresholds);
  const fixedCost = measure([...parts, ...tail].join(PARAGRAPH_BREAK)) + 1;
  let remaining = options.budget - fixedCost;
  // Blocked first, then thresholds' neighbours in the order a reviewer reads: warned, licences, excepted.
  const ordered = [blocks.find((b) => b.lead.startsWith('### Blocked')), blocks.find((b) => b.lead.startsWith('### Warned')), licenses, blocks.find((b) => b.lead.startsWith('### Excepted'))];
  for (const block of ordered) {
    if (!block) continue;
    if (block.rows.length === 0) {
      if (measure(block.lead) + measure(PARAGRAPH_BREAK) <= remaining) {
        parts.push(block.lead);
        remaining -= measure(block.lead) + measure(PARAGRAPH_BREAK);
      }
      continue;
    }
    const fitted = fitRowBlock(block, remaining - measure(PARAGRAPH_BREAK), measure);
    if (fitted.text) {
      parts.push(fitted.text);
      remaining -= measure(fitted.text) + measure(PARAGRAPH_BREAK);
    }
  }
  return cutToFit(`${[...parts, ...tail].join(PARAGRAPH_BREAK)}\n`, options.budget, measure);
}

/** The job summary: every row that fits in GitHub's 1 MiB. */
export function buildGateSummary(input: GateReportInput, options: { maxBytes?: number } = {}): string {
  return build(input, { budget: options.maxBytes ?? SUMMARY_MAX_BYTES, measure: measureUtf8Bytes, where: 'see the evidence file' });
}

/** The sticky PR comment: the marker on line one, at most COMMENT_MAX_ROWS rows a table. */
export function buildGateComment(input: GateReportInput, options: { maxChars?: number } = {}): string {
  return build(input, {
    budget: options.maxChars ?? COMMENT_BODY_MAX_CHARS,
    measure: measureChars,
    maxRows: COMMENT_MAX_ROWS,
    marker: commentMarker(GATE_ID),
    where: 'see the job summary',
  });
}

/** Plain text for the terminal (the CLI). */
export function buildGateText(input: Omit<GateReportInput, 'links'>): string {
  const { result } = input;
  const lines: string[] = [`Decision: ${result.decision.toUpperCase()}${result.mode === 'warn' && result.outcome === 'fail' ? ' (warn mode; the policy fails)' : ''}`];
  for (const reason of result.reasons) lines.push(`  ${reason}`);
  lines.push(`Inputs: ${input.inputsLine}`);
  const section = (title: string, decisions: FindingDecision[], describe: (d: FindingDecision) => string) => {
    if (decisions.length === 0) return;
    lines.push('', `${title} (${decisions.length})`);
    for (const d of decisions) {
      const where = d.finding.location ? formatLocation(d.finding.location) : d.finding.package ? `${d.finding.package.name}@${d.finding.package.version ?? ''}` : '-';
      lines.push(`  ${d.finding.severity.padEnd(8)} ${where}  ${d.finding.tool}: ${d.finding.ruleId}`, `           ${describe(d)}`);
    }
  };
  section('Blocked', result.findings.filter((d) => d.outcome === 'fail'), (d) => `${d.rule ? `[${d.rule.id}] ` : ''}${oneLine(d.message, 200)}`);
  section('Warned', result.findings.filter((d) => d.outcome === 'warn'), (d) => `${d.rule ? `[${d.rule.id}] ` : ''}${oneLine(d.message, 200)}`);
  section('Excepted', result.findings.filter((d) => d.outcome === 'excepted'), (d) => `${d.exception?.where} (owner ${d.exception?.owner}, until ${d.exception?.expires}): ${oneLine(d.exception?.reason ?? '', 160)}`);
  if (result.thresholds.length > 0) {
    lines.push('', 'Thresholds');
    for (const t of result.thresholds) lines.push(`  ${t.exceeded ? 'EXCEEDED' : 'ok      '} ${t.message}`);
  }
  const licenses = result.licenses;
  if (licenses?.checked) {
    const notAllowed = licenses.packages.filter((p) => p.verdict !== 'allowed');
    const skipped = licenses.skippedDevelopment > 0 ? `; ${licenses.skippedDevelopment} development-only not checked` : '';
    lines.push('', `Licences: ${licenses.counts.allowed} allowed, ${licenses.counts.denied} denied, ${licenses.counts.unknown} unknown${skipped}`);
    for (const p of notAllowed) lines.push(`  ${p.outcome.padEnd(8)} ${p.package.name}@${p.package.version ?? ''}: ${p.reason}`);
  }
  const warnings = [...result.warnings, ...input.notes];
  if (warnings.length > 0) {
    lines.push('', 'Notes');
    for (const warning of [...new Set(warnings)]) lines.push(`  - ${warning}`);
  }
  if (input.evidence) lines.push('', `Evidence: ${input.evidence}`);
  return `${lines.join('\n')}\n`;
}
