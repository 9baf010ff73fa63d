import { describe, expect, it } from '@jest/globals';
import { buildPathChart, MAX_CHART_EDGES } from '../../src/scanners/dependencies/mermaid.js';

const step = (name: string, version = '1.0.0') => ({ name, version });

describe('buildPathChart', () => {
  it('draws shared steps once and highlights the vulnerable packages', () => {
    const chart = buildPathChart(
      [
        [step('express', '4.17.1'), step('body-parser', '1.19.0'), step('qs', '6.7.0')],
        [step('express', '4.17.1'), step('qs', '6.7.0')],
      ],
      new Set(['qs@6.7.0']),
    )!;
    expect(chart.split('\n')).toEqual([
      '```mermaid',
      'graph LR',
      '  p0["express@4.17.1"]',
      '  p1["body-parser@1.19.0"]',
      '  p2["qs@6.7.0"]',
      '  p0 --> p1',
      '  p1 --> p2',
      '  p0 --> p2',
      '  classDef vulnerable fill:#ffebe9,stroke:#cf222e,color:#82071e',
      '  class p2 vulnerable',
      '```',
    ]);
  });

  it('escapes characters that would end a label and gives up on direct-only paths', () => {
    expect(buildPathChart([[step('a"b<c>'), step('x')]], new Set())).toContain('p0["a#34;b#60;c#62;@1.0.0"]');
    expect(buildPathChart([[step('lodash')]], new Set(['lodash@1.0.0']))).toBeUndefined();
  });

  it('stops adding edges past MAX_CHART_EDGES', () => {
    const paths = Array.from({ length: MAX_CHART_EDGES + 20 }, (_, i) => [step('root'), step(`dep${i}`)]);
    const chart = buildPathChart(paths, new Set())!;
    expect(chart.split('\n').filter((l) => l.includes('-->'))).toHaveLength(MAX_CHART_EDGES);
  });
});
