import type { Inventory } from '../../core/inventory/inventory.js';
import { codeSpan, escapeTableCell, tableDelimiter, tableRow } from '../../core/report/markdown.js';
import type { BuiltSbom } from './types.js';

/** Our choice: a pie of more slices than this is unreadable; the rest is one "other" slice. */
export const MAX_PIE_SLICES = 8;

export interface SbomSummaryInput {
  inventory: Inventory;
  /** Each document written, with where it went (workspace-relative or absolute). */
  documents: ReadonlyArray<{ built: BuiltSbom; file: string }>;
  /** The licence of each distinct package (purl → SPDX expression, or undefined when unknown). */
  licenses: ReadonlyMap<string, string | undefined>;
  /** What was not resolved or not done, one line each. */
  notes: readonly string[];
}

/** Mermaid labels are quoted; quotes and markdown-ish characters become entity codes. */
function pieLabel(text: string): string {
  return text.replace(/["#<>`]/g, (c) => `#${c.charCodeAt(0)};`);
}

function pie(title: string, counts: ReadonlyArray<[string, number]>): string {
  const top = counts.slice(0, MAX_PIE_SLICES);
  const rest = counts.slice(MAX_PIE_SLICES).reduce((n, [, c]) => n + c, 0);
  const slices = rest > 0 ? [...top, ['other', rest] as [string, number]] : top;
  return ['```mermaid', `pie title ${pieLabel(title)}`, ...slices.map(([label, count]) => `  "${pieLabel(label)}" : ${count}`), '```'].join('\n');
}

/** Most first, then by name in code-unit order, so the summary is the same on every run. */
function sortedCounts(map: ReadonlyMap<string, number>): Array<[string, number]> {
  return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * The job summary: the documents written, components per ecosystem and per
 * licence (tables, with Mermaid pies GitHub renders beside them), and what
 * could not be resolved.
 */
export function buildSbomSummary(input: SbomSummaryInput): string {
  const byEcosystem = new Map<string, number>();
  const seen = new Set<string>();
  for (const lockfile of input.inventory.lockfiles) {
    for (const pkg of lockfile.packages) {
      if (pkg.local || seen.has(pkg.purl)) continue;
      seen.add(pkg.purl);
      byEcosystem.set(pkg.ecosystem, (byEcosystem.get(pkg.ecosystem) ?? 0) + 1);
    }
  }
  const byLicense = new Map<string, number>();
  for (const purl of seen) {
    const license = input.licenses.get(purl) ?? 'unknown';
    byLicense.set(license, (byLicense.get(license) ?? 0) + 1);
  }

  const parts: string[] = ['## SBOM'];
  parts.push(
    [
      tableRow(['Document', 'Format', 'Components', 'Relationships']),
      tableDelimiter(['left', 'left', 'right', 'right']),
      ...input.documents.map(({ built, file }) =>
        tableRow([codeSpan(file, { inTable: true }), `${built.format} ${built.specVersion}`, String(built.componentCount), String(built.relationshipCount)]),
      ),
    ].join('\n'),
  );
  if (seen.size === 0) {
    parts.push('No lockfile with packages was found: the documents describe the repository alone.');
  } else {
    const ecosystems = sortedCounts(byEcosystem);
    parts.push(
      `### Components by ecosystem (${seen.size})`,
      [
        tableRow(['Ecosystem', 'Components']),
        tableDelimiter(['left', 'right']),
        ...ecosystems.map(([name, count]) => tableRow([escapeTableCell(name), String(count)])),
      ].join('\n'),
      pie('Components by ecosystem', ecosystems),
    );
    const licenses = sortedCounts(byLicense);
    parts.push(
      '### Licences',
      [
        tableRow(['Licence', 'Components']),
        tableDelimiter(['left', 'right']),
        ...licenses.map(([name, count]) => tableRow([name === 'unknown' ? 'not stated' : codeSpan(name, { inTable: true }), String(count)])),
      ].join('\n'),
      pie('Licences', licenses),
    );
  }
  if (input.notes.length > 0) {
    parts.push('### Not resolved', input.notes.map((note) => `- ${escapeTableCell(note)}`).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
