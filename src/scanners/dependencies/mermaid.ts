import type { PathStep } from '../../core/inventory/inventory.js';

/** Our choice: past this many edges a chart is harder to read than a list. */
export const MAX_CHART_EDGES = 60;

/** Mermaid labels are quoted strings; quotes and markdown-ish characters become entity codes. */
function label(step: PathStep): string {
  const text = step.version ? `${step.name}@${step.version}` : step.name;
  return text.replace(/["#<>`]/g, (c) => `#${c.charCodeAt(0)};`);
}

/**
 * A left-to-right Mermaid graph of how vulnerable packages are pulled in:
 * every path from a direct dependency, shared steps drawn once, vulnerable
 * packages highlighted. GitHub renders ```mermaid blocks in comments and job
 * summaries. Undefined when no path has an intermediate step (a list says it
 * as well) or nothing fits.
 */
export function buildPathChart(paths: readonly PathStep[][], vulnerable: ReadonlySet<string>): string | undefined {
  const ids = new Map<string, string>();
  const edges = new Set<string>();
  const lines: string[] = [];
  const nodeOf = (step: PathStep): string => {
    const key = `${step.name}@${step.version}`;
    let id = ids.get(key);
    if (!id) {
      id = `p${ids.size}`;
      ids.set(key, id);
      lines.push(`  ${id}["${label(step)}"]`);
    }
    return id;
  };
  for (const path of paths) {
    if (path.length < 2) continue;
    for (let i = 1; i < path.length; i++) {
      const edge = `  ${nodeOf(path[i - 1]!)} --> ${nodeOf(path[i]!)}`;
      if (edges.has(edge)) continue;
      if (edges.size >= MAX_CHART_EDGES) break;
      edges.add(edge);
    }
  }
  if (edges.size === 0) return undefined;
  const highlighted = [...ids].filter(([key]) => vulnerable.has(key)).map(([, id]) => id);
  return [
    '```mermaid',
    'graph LR',
    ...lines,
    ...edges,
    ...(highlighted.length > 0 ? ['  classDef vulnerable fill:#ffebe9,stroke:#cf222e,color:#82071e', `  class ${highlighted.join(',')} vulnerable`] : []),
    '```',
  ].join('\n');
}
