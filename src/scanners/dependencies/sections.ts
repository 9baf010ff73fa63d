import type { Finding } from '../../core/findings.js';
import type { PathStep } from '../../core/inventory/inventory.js';
import { codeSpan, escapeTableCell, tableDelimiter, tableRow } from '../../core/report/markdown.js';
import type { ReportSection } from '../../core/report/types.js';
import type { DependencyChange } from './changes.js';
import { buildPathChart } from './mermaid.js';

/** Our choice: past this many rows the change list is a wall; the counts line still says how many. */
export const MAX_CHANGE_ROWS = 200;

function versions(list: readonly string[]): string {
  return list.length === 0 ? '—' : list.map((v) => codeSpan(v, { inTable: true })).join(', ');
}

/** The dependencies a change adds, removes and moves, as dependency-review-action lists them. */
export function changesSection(changes: readonly DependencyChange[]): ReportSection {
  if (changes.length === 0) {
    const none = 'This change does not add, remove or change any locked dependency.';
    return { title: 'Dependency changes', markdown: none, text: none };
  }
  const count = (kind: DependencyChange['kind']) => changes.filter((c) => c.kind === kind).length;
  const lead = `${count('added')} added, ${count('changed')} changed, ${count('removed')} removed.`;
  const rows = changes.slice(0, MAX_CHANGE_ROWS).map((c) =>
    tableRow([
      c.kind,
      `${codeSpan(c.name, { inTable: true })}${c.direct ? '' : ' (transitive)'}`,
      versions(c.before),
      versions(c.after),
      c.scope,
      codeSpan(c.lockfile, { inTable: true }),
    ]),
  );
  const more = changes.length > MAX_CHANGE_ROWS ? `\n\n${changes.length - MAX_CHANGE_ROWS} more not listed.` : '';
  const sign = { added: '+', changed: '~', removed: '-' } as const;
  const text = [
    lead,
    ...changes.map(
      (c) =>
        `${sign[c.kind]} ${c.name} ${[c.before.join(', '), c.after.join(', ')].filter(Boolean).join(' -> ')}` +
        ` (${[c.direct ? 'direct' : 'transitive', c.scope, c.lockfile].join(', ')})`,
    ),
  ].join('\n');
  return {
    title: 'Dependency changes',
    text,
    markdown: [
      lead,
      '',
      tableRow(['Change', 'Package', 'Before', 'After', 'Scope', 'Lockfile']),
      tableDelimiter(['left', 'left', 'left', 'left', 'left', 'left']),
      ...rows,
    ].join('\n') + more,
  };
}

/**
 * How the vulnerable transitive packages are pulled in, as one Mermaid chart
 * (GitHub renders it), plus the paths as text for readers without it.
 */
export function pathsSection(findings: readonly Finding[]): ReportSection | undefined {
  const paths: PathStep[][] = [];
  const vulnerable = new Set<string>();
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const raw = finding.properties?.['dependencyPaths'];
    if (!Array.isArray(raw) || !finding.package || finding.tags.includes('direct')) continue;
    vulnerable.add(`${finding.package.name}@${finding.package.version ?? ''}`);
    for (const entry of raw as string[][]) {
      const text = entry.join(' > ');
      if (entry.length < 2 || seen.has(text)) continue;
      seen.add(text);
      lines.push(`- ${escapeTableCell(text)}`);
      paths.push(
        entry.map((step) => {
          const at = step.lastIndexOf('@');
          return at > 0 ? { name: step.slice(0, at), version: step.slice(at + 1) } : { name: step, version: '' };
        }),
      );
    }
  }
  const chart = buildPathChart(paths, vulnerable);
  if (!chart) return undefined;
  return { title: 'How the vulnerable packages are pulled in', markdown: `${chart}\n\n<details><summary>As text</summary>\n\n${lines.join('\n')}\n\n</details>` };
}
