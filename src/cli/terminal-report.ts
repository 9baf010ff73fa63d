import type { ReportSection } from '../core/report/types.js';
import path from 'node:path';
import { sortFindings, failingFindings, type Finding } from '../core/findings.js';
import { SEVERITIES, type FailOn } from '../core/severity.js';
import { createPalette } from './color.js';

export interface TerminalReportOptions {
  /** Colour the output (decided by shouldUseColor). */
  color: boolean;
  /** The threshold, to say how many findings fail the run. */
  failOn: FailOn;
  /** The repository root finding paths are relative to. */
  root: string;
  /** Where the user stands: paths are printed relative to it, so terminals and editors can open them. */
  cwd: string;
  /** Scanner sections; those with a `text` form are printed. */
  sections?: readonly ReportSection[];
  /** What the scan wants the reader to know (files it could not read, expired exclusions, …). */
  notes?: readonly string[];
}

/**
 * Control characters (ANSI escapes, carriage returns) and bidirectional
 * overrides in a message or path from a scanned file or another tool could
 * rewrite the terminal or hide text (Trojan Source); they are shown as U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_TERMINAL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Makes untrusted text safe to print on one line. */
export function sanitizeForTerminal(text: string): string {
  return text.replace(/[\t\n]+/g, ' ').replace(UNSAFE_TERMINAL_CHARS, '\uFFFD');
}

/** `path:line:col` relative to the working directory, or the package for findings without a file. */
export function formatFindingPlace(finding: Finding, root: string, cwd: string): string {
  const location = finding.location;
  if (location) {
    const shown = path.relative(cwd, path.resolve(root, location.path)) || location.path;
    return `${shown}:${location.startLine}:${location.startColumn ?? 1}`;
  }
  const pkg = finding.package;
  if (pkg) return `${pkg.ecosystem} ${pkg.name}${pkg.version ? `@${pkg.version}` : ''}`;
  return '(no location)';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The one-line total: how many findings of each band, and how many fail the run. */
export function formatTotalLine(findings: readonly Finding[], failOn: FailOn): string {
  if (findings.length === 0) return 'No findings.';
  const counts = SEVERITIES.map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  const failing = failingFindings(findings, failOn).length;
  const verdict =
    failOn === 'none'
      ? 'none fail the run (fail-on-severity none)'
      : failing === 0
        ? `none at or above fail-on-severity ${failOn}`
        : `${failing} at or above fail-on-severity ${failOn}`;
  return `${plural(findings.length, 'finding')} (${counts.join(', ')}); ${verdict}.`;
}

/**
 * The findings as a terminal reads them: grouped by severity, most severe
 * first, each on a line starting with a clickable `path:line:col`, then the
 * one-line total.
 */
export function renderTerminalReport(findings: readonly Finding[], options: TerminalReportOptions): string {
  const palette = createPalette(options.color);
  const lines: string[] = [];
  const sorted = sortFindings(findings);
  for (const severity of SEVERITIES) {
    const group = sorted.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(palette.severity(severity, palette.bold(`${severity.toUpperCase()} (${group.length})`)));
    for (const finding of group) {
      const place = sanitizeForTerminal(formatFindingPlace(finding, options.root, options.cwd));
      const isNew = finding.isNew === true ? ` ${palette.bold('[new]')}` : '';
      lines.push(
        `  ${palette.bold(place)}  ${palette.dim(sanitizeForTerminal(finding.ruleId))}  ${sanitizeForTerminal(finding.message)}${isNew}`,
      );
      if (finding.remediation) lines.push(`      ${palette.dim(`→ ${sanitizeForTerminal(finding.remediation)}`)}`);
    }
    lines.push('');
  }
  // Then what the scan adds beyond findings, and its notes; the total line stays last, where the eye lands.
  for (const section of options.sections ?? []) {
    if (section.text === undefined) continue;
    lines.push(palette.bold(sanitizeForTerminal(section.title)));
    for (const line of section.text.split('\n')) lines.push(`  ${sanitizeForTerminal(line)}`);
    lines.push('');
  }
  if (options.notes && options.notes.length > 0) {
    lines.push(palette.bold('Notes'));
    for (const note of options.notes) lines.push(`  - ${sanitizeForTerminal(note)}`);
    lines.push('');
  }
  const failing = failingFindings(findings, options.failOn).length;
  const total = formatTotalLine(findings, options.failOn);
  lines.push(failing > 0 ? palette.fail(total) : palette.ok(total));
  return `${lines.join('\n')}\n`;
}


/** For commands that write documents rather than findings: their sections' text, then the notes. */
export function renderSectionsAndNotes(result: { sections?: readonly ReportSection[]; notes?: readonly string[] }): string {
  const lines: string[] = [];
  for (const section of result.sections ?? []) {
    if (section.text === undefined) continue;
    lines.push(sanitizeForTerminal(section.title), ...section.text.split('\n').map((line) => `  ${sanitizeForTerminal(line)}`), '');
  }
  if (result.notes && result.notes.length > 0) {
    lines.push('Notes', ...result.notes.map((note) => `  - ${sanitizeForTerminal(note)}`), '');
  }
  return lines.length > 0 ? `${lines.join('\n')}` : '';
}
