/**
 * Copies of the SARIF inputs with the gate's decisions written into them:
 * an excepted result gets a SARIF suppression (kind `external`, status
 * `accepted`, the exception's reason as justification, owner and expiry in
 * its properties), and every decided result says its outcome in
 * `properties["devsecops/policy"]`. Uploading a copy instead of the
 * original (github/codeql-action/upload-sarif) shows excepted results as
 * suppressed rather than open.
 *
 * The copies leave out every `snippet`: a secret scanner's snippet is the
 * secret itself (gitleaks writes the matched line), and code scanning reads
 * the source at the commit anyway. Nothing else is changed, so a copy stays
 * what its tool wrote.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GateRun } from './gate.js';
import type { FindingDecision } from './policy-result.js';

export interface GatedSarifFile {
  /** The input it copies. */
  source: string;
  /** Where the copy was written. */
  file: string;
  /** Results marked as suppressed in it. */
  suppressed: number;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deletes `snippet` keys anywhere below `value` (locations, related locations, code flows, fixes). */
function dropSnippets(value: unknown, depth = 0): void {
  if (depth > 32 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) dropSnippets(item, depth + 1);
    return;
  }
  const record = value as JsonObject;
  delete record['snippet'];
  for (const item of Object.values(record)) dropSnippets(item, depth + 1);
}

function suppressionOf(decision: FindingDecision): JsonObject | undefined {
  const exception = decision.exception;
  if (decision.outcome !== 'excepted' || !exception) return undefined;
  return {
    kind: 'external',
    status: 'accepted',
    justification: `${exception.reason} (${exception.where}, owner ${exception.owner}, until ${exception.expires})`,
    properties: { owner: exception.owner, expires: exception.expires, exception: exception.where },
  };
}

function policyProperty(decision: FindingDecision): JsonObject {
  return {
    outcome: decision.outcome,
    ...(decision.rule ? { rule: decision.rule.id } : {}),
    ...(decision.exception ? { exception: decision.exception.where } : {}),
  };
}

/** A file name for the copy of input `index`: unique, and still recognisable. */
function copyName(source: string, index: number): string {
  const base = path.basename(source).replace(/\.sarif(\.json)?$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-') || 'input';
  return `${String(index + 1).padStart(2, '0')}-${base}.gated.sarif`;
}

/**
 * Writes one gated copy per SARIF input into `outDir`. The parsed logs in
 * `run.inputs.logs` are changed in place: they are not read after this.
 */
export function writeGatedSarif(run: GateRun, outDir: string): GatedSarifFile[] {
  const byResult = new Map<unknown, FindingDecision>();
  for (const [position, decision] of run.result.findings.entries()) {
    const index = run.decidedIndexes[position];
    for (const origin of index === undefined ? [] : (run.inputs.origins[index] ?? [])) {
      const log = run.inputs.logs.get(origin.file);
      const runObject = log?.runs[origin.run];
      const results = isObject(runObject) && Array.isArray(runObject['results']) ? runObject['results'] : [];
      const result: unknown = results[origin.result];
      if (isObject(result)) byResult.set(result, decision);
    }
  }
  mkdirSync(outDir, { recursive: true });
  const written: GatedSarifFile[] = [];
  for (const [index, [source, log]] of [...run.inputs.logs].entries()) {
    let suppressed = 0;
    for (const runObject of log.runs) {
      if (!isObject(runObject) || !Array.isArray(runObject['results'])) continue;
      for (const result of runObject['results'] as unknown[]) {
        if (!isObject(result)) continue;
        dropSnippets(result);
        const decision = byResult.get(result);
        if (!decision) continue;
        const properties = isObject(result['properties']) ? result['properties'] : {};
        result['properties'] = { ...properties, 'devsecops/policy': policyProperty(decision) };
        const suppression = suppressionOf(decision);
        if (suppression) {
          const existing = Array.isArray(result['suppressions']) ? result['suppressions'] : [];
          result['suppressions'] = [...existing, suppression];
          suppressed++;
        }
      }
    }
    const file = path.join(outDir, copyName(source, index));
    writeFileSync(file, `${JSON.stringify(log)}\n`);
    written.push({ source, file, suppressed });
  }
  return written;
}
