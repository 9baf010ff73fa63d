import { describe, expect, it } from '@jest/globals';
import type { Log, Result, Run } from 'sarif';
import {
  INGESTION_LIMIT_NOTIFICATION_ID,
  MAX_LOCATIONS_PER_RESULT,
  MAX_RESULTS_PER_RUN,
  MAX_RULES_PER_RUN,
  MAX_RUNS_PER_FILE,
  MAX_TAGS_PER_RULE,
  MAX_THREAD_FLOW_LOCATIONS_PER_RESULT,
  MAX_TOOL_EXTENSIONS_PER_RUN,
  applyIngestionLimits,
  measureGzippedBytes,
} from '../../src/core/sarif/limits.js';

const loc = (line: number) => ({ physicalLocation: { artifactLocation: { uri: 'a.js' }, region: { startLine: line } } });
const run = (over: Partial<Run> = {}): Run => ({ tool: { driver: { name: 'tool', rules: [{ id: 'r' }] } }, results: [], ...over });
const log = (runs: Run[]): Log => ({ version: '2.1.0', runs });
const notifications = (r: Run | undefined) => r?.invocations?.[0]?.toolExecutionNotifications ?? [];

describe('applyIngestionLimits', () => {
  it('leaves a log within every limit untouched and says nothing', () => {
    const input = log([run({ results: [{ ruleId: 'r', ruleIndex: 0, message: { text: 'm' }, locations: [loc(1)] }] })]);
    const { log: out, notes } = applyIngestionLimits(input);
    expect(notes).toEqual([]);
    expect(out).toEqual(input);
  });

  it(`keeps the ${MAX_RESULTS_PER_RUN} most severe results and says how many were cut`, () => {
    const results: Result[] = Array.from({ length: MAX_RESULTS_PER_RUN + 3 }, (_, i) => ({
      ruleId: 'r',
      message: { text: `m${i}` },
      level: i < 3 ? 'error' : 'note',
      properties: i === MAX_RESULTS_PER_RUN + 2 ? { 'security-severity': '9.8' } : {},
    }));
    const input = log([run({ results })]);
    const { log: out, notes } = applyIngestionLimits(input);
    const kept = out.runs[0]?.results ?? [];
    expect(kept).toHaveLength(MAX_RESULTS_PER_RUN);
    expect(kept.slice(0, 4).map((r) => r.message.text)).toEqual([`m${MAX_RESULTS_PER_RUN + 2}`, 'm0', 'm1', 'm2']);
    expect(notes[0]).toMatch(/kept the 25,000 most severe of 25,003 results .*3 results at severity 2\.0 or below were left out/);
    expect(notes[1]).toMatch(/GitHub shows only the top 5,000/);
    expect(notifications(out.runs[0])).toEqual(
      notes.map((text) => ({ descriptor: { id: INGESTION_LIMIT_NOTIFICATION_ID }, level: 'warning', message: { text } })),
    );
    expect(input.runs[0]?.results).toHaveLength(MAX_RESULTS_PER_RUN + 3);
  });

  it(`keeps ${MAX_RUNS_PER_FILE} runs and records the dropped ones in the first`, () => {
    const runs = Array.from({ length: MAX_RUNS_PER_FILE + 2 }, (_, i) => run({ tool: { driver: { name: `t${i}` } } }));
    const { log: out, notes } = applyIngestionLimits(log(runs));
    expect(out.runs).toHaveLength(MAX_RUNS_PER_FILE);
    expect(notes).toEqual([`Kept 20 of 22 runs (GitHub accepts 20 per file); left out: t20, t21.`]);
    expect(notifications(out.runs[0])[0]?.message.text).toBe(notes[0]);
  });

  it('cuts locations, thread-flow locations, tags and extensions past their limits', () => {
    const flowLocations = Array.from({ length: MAX_THREAD_FLOW_LOCATIONS_PER_RESULT + 5 }, (_, i) => ({ location: loc(i + 1) }));
    const input = log([
      run({
        tool: {
          driver: { name: 't', rules: [{ id: 'r', properties: { tags: Array.from({ length: MAX_TAGS_PER_RULE + 4 }, (_, i) => `t${i}`) } }] },
          extensions: Array.from({ length: MAX_TOOL_EXTENSIONS_PER_RUN + 1 }, (_, i) => ({ name: `e${i}` })),
        },
        invocations: [{ executionSuccessful: true }],
        results: [
          {
            ruleId: 'r',
            ruleIndex: 0,
            message: { text: 'm' },
            locations: Array.from({ length: MAX_LOCATIONS_PER_RESULT + 2 }, (_, i) => loc(i + 1)),
            codeFlows: [{ threadFlows: [{ locations: flowLocations.slice(0, 6000) }, { locations: flowLocations.slice(6000) }] }],
          },
        ],
      }),
    ]);
    const { log: out, notes } = applyIngestionLimits(input);
    const r = out.runs[0];
    expect(r?.tool.extensions).toHaveLength(MAX_TOOL_EXTENSIONS_PER_RUN);
    expect(r?.tool.driver.rules?.[0]?.properties?.tags).toHaveLength(MAX_TAGS_PER_RULE);
    expect(r?.results?.[0]?.locations).toHaveLength(MAX_LOCATIONS_PER_RESULT);
    const flows = r?.results?.[0]?.codeFlows?.[0]?.threadFlows ?? [];
    expect(flows.reduce((n, t) => n + t.locations.length, 0)).toBe(MAX_THREAD_FLOW_LOCATIONS_PER_RESULT);
    expect(notes).toHaveLength(4);
    expect(notifications(r)).toHaveLength(4);
    expect(r?.invocations?.[0]?.executionSuccessful).toBe(true);
  });

  it(`keeps the rules results use when a run has over ${MAX_RULES_PER_RUN} rules, reindexing results`, () => {
    const rules = Array.from({ length: MAX_RULES_PER_RUN + 10 }, (_, i) => ({ id: `r${i}` }));
    const last = MAX_RULES_PER_RUN + 9;
    const input = log([run({ tool: { driver: { name: 't', rules } }, results: [{ ruleId: `r${last}`, ruleIndex: last, message: { text: 'm' } }] })]);
    const { log: out, notes } = applyIngestionLimits(input);
    const kept = out.runs[0]?.tool.driver.rules ?? [];
    expect(kept).toHaveLength(MAX_RULES_PER_RUN);
    const index = out.runs[0]?.results?.[0]?.ruleIndex as number;
    expect(kept[index]?.id).toBe(`r${last}`);
    expect(notes[0]).toMatch(/kept 25,000 rules of 25,010 rules/);
  });

  it('measures the upload as gzipped bytes', () => {
    const json = JSON.stringify(log([run()]));
    expect(measureGzippedBytes(json)).toBeGreaterThan(0);
    expect(measureGzippedBytes('x'.repeat(100_000))).toBeLessThan(1_000);
  });
});
