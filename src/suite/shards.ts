/**
 * The shard files of a sharded scan and their merge. Each shard job writes
 * one SARIF file per scanner with its shard in the run's properties
 * (`devsecops/shard: "2/4"`) and uploads them as an artifact; the merge job
 * downloads them all (actions/download-artifact, `merge-multiple`) and this
 * module puts each scanner's shards back together: one run per category with
 * every result and every rule, as the unsharded scan would have written it.
 * A shard that is missing, given twice or from a different split is an error:
 * a merged result must never silently lack part of the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import { describeShard, parseShard, type Shard } from '../core/action/shard.js';
import { describeError } from '../core/errors.js';
import type { RuleDescriptor } from '../core/findings.js';
import { readSarif } from '../core/sarif/reader.js';

export const SHARD_PROPERTY = 'devsecops/shard';

/** The file a shard job writes for one scanner: `secrets-scan.shard-2-of-4.sarif`. */
export function shardFileName(scannerId: string, shard: Shard): string {
  return `${scannerId}.shard-${shard.index}-of-${shard.count}.sarif`;
}

/** Marks a run whose scan covered only a change's lines (ScanResult.partial), so the merge keeps knowing it. */
export const PARTIAL_PROPERTY = 'devsecops/partial';

/** The log with its runs marked as this shard's (and as partial when the scan was). */
export function markShard(log: Log, shard: Shard, partial = false): Log {
  const marks = { [SHARD_PROPERTY]: describeShard(shard), ...(partial ? { [PARTIAL_PROPERTY]: true } : {}) };
  return { ...log, runs: log.runs.map((run) => ({ ...run, properties: { ...run.properties, ...marks } })) };
}

export interface MergedCategory {
  /** `devsecops/secrets-scan/` (with `path:…/` when a folder was scanned). */
  category: string;
  /** The scanner id the category names (`secrets-scan`). */
  scannerId: string;
  log: Log;
  count: number;
}

export interface MergeResult {
  merged: MergedCategory[];
  /** One line per problem (missing or repeated shards, unreadable files). */
  errors: string[];
  files: number;
}

function sarifFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.sarif')) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

function ruleKey(rule: ReportingDescriptor): string {
  return rule.id;
}

/** Reads every shard file under `dir` and merges the runs of each category. Never throws for a file's content. */
export function mergeShardFiles(dir: string): MergeResult {
  const errors: string[] = [];
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    files = sarifFilesUnder(dir);
  } catch (error) {
    return { merged: [], errors: [`${dir}: cannot read the shard folder (${describeError(error)})`], files: 0 };
  }
  if (files.length === 0) return { merged: [], errors: [`${dir}: no shard files (*.sarif) in it; did the shard jobs upload them, and did download-artifact use merge-multiple?`], files: 0 };

  const byCategory = new Map<string, { runs: Map<number, Run>; count: number; template: Log }>();
  for (const file of files) {
    let log: Log;
    try {
      const text = readFileSync(file, 'utf8');
      readSarif(text, file); // validates, with one-line errors
      log = JSON.parse(text) as Log;
    } catch (error) {
      errors.push(describeError(error));
      continue;
    }
    for (const run of log.runs) {
      const category = run.automationDetails?.id;
      const mark = run.properties?.[SHARD_PROPERTY];
      const shard = typeof mark === 'string' ? parseShard(mark) : undefined;
      if (!category || !shard || 'error' in shard) {
        errors.push(`${file}: a run without ${category ? `a valid "${SHARD_PROPERTY}" property` : 'a category (automationDetails.id)'}; was it written by a shard job?`);
        continue;
      }
      let entry = byCategory.get(category);
      if (!entry) byCategory.set(category, (entry = { runs: new Map(), count: shard.count, template: log }));
      if (entry.count !== shard.count) {
        errors.push(`${file}: ${category} shard ${describeShard(shard)} does not belong to the same split as the others (of ${entry.count})`);
        continue;
      }
      if (entry.runs.has(shard.index)) {
        errors.push(`${file}: ${category} shard ${describeShard(shard)} is there twice`);
        continue;
      }
      entry.runs.set(shard.index, run);
    }
  }

  const merged: MergedCategory[] = [];
  for (const [category, entry] of byCategory) {
    const missing = Array.from({ length: entry.count }, (_, i) => i + 1).filter((index) => !entry.runs.has(index));
    if (missing.length > 0) {
      errors.push(`${category}: shard(s) ${missing.map((index) => `${index}/${entry.count}`).join(', ')} missing; the merged result would lack part of the repository`);
    }
    const runs = [...entry.runs.entries()].sort((a, b) => a[0] - b[0]).map(([, run]) => run);
    const first = runs[0]!;
    const rules = new Map<string, ReportingDescriptor>();
    const results: Result[] = [];
    const notifications = [];
    let executionSuccessful = true;
    for (const run of runs) {
      for (const rule of run.tool.driver.rules ?? []) if (!rules.has(ruleKey(rule))) rules.set(ruleKey(rule), rule);
      for (const result of run.results ?? []) {
        // Indexes point into this run's rule list; the merged list differs, so ruleId is what stays.
        const { ruleIndex: _ruleIndex, rule: _rule, ...rest } = result;
        results.push(rest);
      }
      for (const invocation of run.invocations ?? []) {
        executionSuccessful &&= invocation.executionSuccessful;
        notifications.push(...(invocation.toolExecutionNotifications ?? []));
      }
    }
    const sortedRules = [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const { [SHARD_PROPERTY]: _mark, ...properties } = first.properties ?? {};
    const run: Run = {
      ...first,
      tool: { ...first.tool, driver: { ...first.tool.driver, rules: sortedRules } },
      results,
      invocations: [{ executionSuccessful, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    };
    if (Object.keys(properties).length === 0) delete run.properties;
    const scannerId = /^devsecops\/([^/]+)\//.exec(category)?.[1] ?? category;
    merged.push({ category, scannerId, log: { ...entry.template, runs: [run] }, count: entry.count });
  }
  merged.sort((a, b) => (a.category < b.category ? -1 : 1));
  return { merged, errors, files: files.length };
}

/** A SARIF rule as the report builders take it (names and links; the SARIF file keeps the rest). */
export function ruleFromSarif(rule: ReportingDescriptor): RuleDescriptor {
  const score = Number(rule.properties?.['security-severity']);
  return {
    id: rule.id,
    name: rule.name ?? rule.id,
    shortDescription: rule.shortDescription?.text ?? rule.id,
    ...(rule.fullDescription?.text ? { fullDescription: rule.fullDescription.text } : {}),
    ...(rule.help?.markdown ? { helpMarkdown: rule.help.markdown } : {}),
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    tags: Array.isArray(rule.properties?.['tags']) ? (rule.properties['tags'] as string[]) : [],
    precision: 'high',
    score: Number.isFinite(score) ? Math.min(10, Math.max(0, score)) : 0,
  };
}
