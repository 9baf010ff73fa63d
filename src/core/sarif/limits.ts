import { gzipSync } from 'node:zlib';
import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { findRuleOfResult, severityOfResult } from './result-severity.js';

/*
 * GitHub code scanning's ingestion limits. Source: GitHub Docs, "SARIF support for
 * code scanning" → "Validating your SARIF file" (table of maximum values) and
 * "SARIF results exceed one or more limits"
 * (https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit),
 * and "SARIF file is too large" (…/troubleshooting-sarif-uploads/file-too-large).
 * A file over a maximum is rejected whole; we cut instead and say what was cut.
 */

/** The upload, gzipped, in bytes. Docs say "10 MB": we read it as decimal, the stricter reading. */
export const MAX_UPLOAD_GZIPPED_BYTES = 10_000_000;
/** Runs per SARIF file. */
export const MAX_RUNS_PER_FILE = 20;
/** Results per run; more rejects the file. */
export const MAX_RESULTS_PER_RUN = 25_000;
/** Results per run that code scanning shows ("only the top 5,000 … prioritized by severity"). */
export const DISPLAYED_RESULTS_PER_RUN = 5_000;
/** Rules per run (driver plus extensions). */
export const MAX_RULES_PER_RUN = 25_000;
/** Tool extensions per run. */
export const MAX_TOOL_EXTENSIONS_PER_RUN = 100;
/** Thread-flow locations per result (1,000 are shown). */
export const MAX_THREAD_FLOW_LOCATIONS_PER_RESULT = 10_000;
/** Locations per result (100 are shown). */
export const MAX_LOCATIONS_PER_RESULT = 1_000;
/** Tags per rule (10 are shown). */
export const MAX_TAGS_PER_RULE = 20;

/** The notification descriptor of everything this module cuts. */
export const INGESTION_LIMIT_NOTIFICATION_ID = 'devsecops/ingestion-limit';

export interface IngestionLimitsOutcome {
  log: Log;
  /** One sentence per cut or warning, for the job summary and the log. */
  notes: string[];
}

/** Size of the upload body as code scanning measures it: the gzipped JSON. */
export function measureGzippedBytes(json: string): number {
  return gzipSync(Buffer.from(json, 'utf8')).byteLength;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function limitTags(rule: ReportingDescriptor): { rule: ReportingDescriptor; cut: number } {
  const tags = rule.properties?.tags;
  if (!Array.isArray(tags) || tags.length <= MAX_TAGS_PER_RULE) return { rule, cut: 0 };
  return {
    rule: { ...rule, properties: { ...rule.properties, tags: tags.slice(0, MAX_TAGS_PER_RULE) } },
    cut: tags.length - MAX_TAGS_PER_RULE,
  };
}

function limitResultLocations(result: Result): { result: Result; cutLocations: number; cutFlowLocations: number } {
  let out = result;
  let cutLocations = 0;
  let cutFlowLocations = 0;
  if (Array.isArray(result.locations) && result.locations.length > MAX_LOCATIONS_PER_RESULT) {
    cutLocations = result.locations.length - MAX_LOCATIONS_PER_RESULT;
    out = { ...out, locations: result.locations.slice(0, MAX_LOCATIONS_PER_RESULT) };
  }
  if (Array.isArray(result.codeFlows)) {
    // The limit counts every thread-flow location of the result: keep the first ones, flow by flow.
    let budget = MAX_THREAD_FLOW_LOCATIONS_PER_RESULT;
    const codeFlows = result.codeFlows.map((flow) => ({
      ...flow,
      threadFlows: (flow.threadFlows ?? []).map((thread) => {
        const locations = thread.locations ?? [];
        const kept = locations.slice(0, Math.max(0, budget));
        budget -= kept.length;
        cutFlowLocations += locations.length - kept.length;
        return { ...thread, locations: kept };
      }),
    }));
    if (cutFlowLocations > 0) out = { ...out, codeFlows };
  }
  return { result: out, cutLocations, cutFlowLocations };
}

function limitRun(run: Run, runLabel: string): { run: Run; notes: string[] } {
  const notes: string[] = [];
  let tool = run.tool;

  const extensions = tool.extensions ?? [];
  if (extensions.length > MAX_TOOL_EXTENSIONS_PER_RUN) {
    notes.push(
      `${runLabel}: kept ${MAX_TOOL_EXTENSIONS_PER_RUN} of ${plural(extensions.length, 'tool extension')} (GitHub accepts ${MAX_TOOL_EXTENSIONS_PER_RUN}).`,
    );
    tool = { ...tool, extensions: extensions.slice(0, MAX_TOOL_EXTENSIONS_PER_RUN) };
  }

  // Rank every result once: most severe first, the original order breaking ties.
  const ranked = (run.results ?? []).map((result, position) => ({
    result,
    position,
    score: severityOfResult(result, findRuleOfResult(result, run)).score,
  }));
  let results = ranked.map((r) => r.result);
  if (ranked.length > MAX_RESULTS_PER_RUN) {
    const kept = [...ranked].sort((a, b) => b.score - a.score || a.position - b.position).slice(0, MAX_RESULTS_PER_RUN);
    const lowest = kept[kept.length - 1]?.score ?? 0;
    notes.push(
      `${runLabel}: kept the ${MAX_RESULTS_PER_RUN.toLocaleString('en-US')} most severe of ${plural(ranked.length, 'result')} ` +
        `(GitHub rejects more); ${plural(ranked.length - kept.length, 'result')} at severity ${lowest.toFixed(1)} or below were left out.`,
    );
    results = kept.map((r) => r.result);
  }
  if (results.length > DISPLAYED_RESULTS_PER_RUN) {
    notes.push(
      `${runLabel}: ${plural(results.length, 'result')}; GitHub shows only the top ${DISPLAYED_RESULTS_PER_RUN.toLocaleString('en-US')} by severity.`,
    );
  }

  // Rules: cutting the driver's rules would break every ruleIndex after the cut, so
  // keep the rules results use (reindexed) and drop unused ones first.
  let driverRules = tool.driver.rules ?? [];
  const extensionRuleCount = (tool.extensions ?? []).reduce((n, e) => n + (e.rules?.length ?? 0), 0);
  if (driverRules.length + extensionRuleCount > MAX_RULES_PER_RUN) {
    const room = Math.max(0, MAX_RULES_PER_RUN - extensionRuleCount);
    const used = new Set<number>();
    for (const result of results) {
      if (typeof result.ruleIndex === 'number' && result.rule?.toolComponent === undefined) used.add(result.ruleIndex);
    }
    const keepIndexes = [...used].filter((i) => i >= 0 && i < driverRules.length).sort((a, b) => a - b);
    for (let i = 0; keepIndexes.length < room && i < driverRules.length; i++) if (!used.has(i)) keepIndexes.push(i);
    const kept = keepIndexes.sort((a, b) => a - b).slice(0, room);
    const newIndex = new Map(kept.map((oldIndex, i) => [oldIndex, i]));
    const before = results.length;
    results = results.flatMap((result) => {
      if (typeof result.ruleIndex !== 'number' || result.rule?.toolComponent !== undefined) return [result];
      const index = newIndex.get(result.ruleIndex);
      if (index === undefined) return [];
      const rule = result.rule ? { ...result.rule, index } : undefined;
      return [{ ...result, ruleIndex: index, ...(rule ? { rule } : {}) }];
    });
    notes.push(
      `${runLabel}: kept ${plural(kept.length, 'rule')} of ${plural(driverRules.length + extensionRuleCount, 'rule')} (GitHub accepts ${MAX_RULES_PER_RUN.toLocaleString('en-US')})` +
        (before > results.length ? `; ${plural(before - results.length, 'result')} of dropped rules were left out.` : '.'),
    );
    driverRules = kept.map((i) => driverRules[i] as ReportingDescriptor);
  }
  let cutTags = 0;
  let rulesWithCutTags = 0;
  driverRules = driverRules.map((rule) => {
    const limited = limitTags(rule);
    if (limited.cut > 0) rulesWithCutTags++;
    cutTags += limited.cut;
    return limited.rule;
  });
  const extensionsOut = (tool.extensions ?? []).map((extension) => ({
    ...extension,
    ...(extension.rules
      ? {
          rules: extension.rules.map((rule) => {
            const limited = limitTags(rule);
            if (limited.cut > 0) rulesWithCutTags++;
            cutTags += limited.cut;
            return limited.rule;
          }),
        }
      : {}),
  }));
  if (cutTags > 0) {
    notes.push(`${runLabel}: ${plural(rulesWithCutTags, 'rule')} had over ${MAX_TAGS_PER_RULE} tags; ${plural(cutTags, 'tag')} were cut.`);
  }

  let cutLocations = 0;
  let cutFlowLocations = 0;
  let resultsTouched = 0;
  results = results.map((result) => {
    const limited = limitResultLocations(result);
    if (limited.cutLocations + limited.cutFlowLocations > 0) resultsTouched++;
    cutLocations += limited.cutLocations;
    cutFlowLocations += limited.cutFlowLocations;
    return limited.result;
  });
  if (cutLocations > 0) {
    notes.push(`${runLabel}: ${plural(cutLocations, 'location')} beyond ${MAX_LOCATIONS_PER_RESULT.toLocaleString('en-US')} per result were cut.`);
  }
  if (cutFlowLocations > 0) {
    notes.push(
      `${runLabel}: ${plural(cutFlowLocations, 'thread-flow location')} beyond ${MAX_THREAD_FLOW_LOCATIONS_PER_RESULT.toLocaleString('en-US')} per result were cut` +
        ` (${plural(resultsTouched, 'result')} affected).`,
    );
  }

  const hasRules = tool.driver.rules !== undefined || driverRules.length > 0;
  const limitedRun: Run = {
    ...run,
    tool: {
      ...tool,
      driver: { ...tool.driver, ...(hasRules ? { rules: driverRules } : {}) },
      ...(tool.extensions ? { extensions: extensionsOut } : {}),
    },
    ...(run.results ? { results } : {}),
  };
  return { run: limitedRun, notes };
}

function addNotifications(run: Run, notes: readonly string[]): Run {
  if (notes.length === 0) return run;
  const added: Notification[] = notes.map((text) => ({
    descriptor: { id: INGESTION_LIMIT_NOTIFICATION_ID },
    level: 'warning',
    message: { text },
  }));
  const [first, ...rest] = run.invocations ?? [];
  const invocation = first
    ? { ...first, toolExecutionNotifications: [...(first.toolExecutionNotifications ?? []), ...added] }
    : { executionSuccessful: true, toolExecutionNotifications: added };
  return { ...run, invocations: [invocation, ...rest] };
}

/**
 * Cuts what GitHub would reject (see the constants above): extra runs, results
 * past the limit (keeping the most severe), unused rules, tags, locations and
 * thread-flow locations. What was cut is returned in `notes` and recorded as a
 * warning notification in the run it concerns (extra runs: in the first run), so
 * the user is told. The input is not modified. The upload size is checked by the
 * publisher with `measureGzippedBytes`, since cutting bytes has no natural order.
 */
export function applyIngestionLimits(log: Log): IngestionLimitsOutcome {
  const notes: string[] = [];
  const runs = log.runs ?? [];
  const keptRuns = runs.slice(0, MAX_RUNS_PER_FILE).map((run, i) => {
    const label = `run ${i + 1} (${run.tool?.driver?.name ?? 'unknown tool'})`;
    const limited = limitRun(run, label);
    notes.push(...limited.notes);
    return addNotifications(limited.run, limited.notes);
  });
  if (runs.length > MAX_RUNS_PER_FILE) {
    const dropped = runs.slice(MAX_RUNS_PER_FILE).map((run) => run.tool?.driver?.name ?? 'unknown tool');
    const note = `Kept ${MAX_RUNS_PER_FILE} of ${plural(runs.length, 'run')} (GitHub accepts ${MAX_RUNS_PER_FILE} per file); left out: ${dropped.join(', ')}.`;
    notes.push(note);
    if (keptRuns[0]) keptRuns[0] = addNotifications(keptRuns[0], [note]);
  }
  return { log: { ...log, runs: keptRuns }, notes };
}
