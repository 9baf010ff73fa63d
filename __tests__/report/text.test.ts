import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fitRowBlock, measureChars, measureUtf8Bytes, cutToFit } from '../../src/core/report/fit.js';
import {
  blobUrl,
  describePlace,
  formatLocation,
  listFullResultsPlaces,
  oneLine,
  truncateText,
} from '../../src/core/report/text.js';
import { makeFinding, makeReport } from './make-report.js';

describe('formatLocation and describePlace', () => {
  it('shows path:line, or path:start-end for a range', () => {
    expect(formatLocation({ path: 'src/a.ts', startLine: 4 })).toBe('src/a.ts:4');
    expect(formatLocation({ path: 'src/a.ts', startLine: 4, endLine: 4 })).toBe('src/a.ts:4');
    expect(formatLocation({ path: 'src/a.ts', startLine: 4, endLine: 9 })).toBe('src/a.ts:4-9');
  });

  it('falls back to the package, then to nothing', () => {
    expect(describePlace(makeFinding({ location: undefined, package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20' } }))).toBe(
      'npm lodash@4.17.20',
    );
    expect(describePlace(makeFinding({ location: undefined }))).toBe('');
  });
});

describe('blobUrl', () => {
  it('links to the lines at the scanned commit, percent-encoding the path', () => {
    const { links } = makeReport();
    expect(blobUrl(links, { path: 'docs/my file (v2)#1.md', startLine: 3, endLine: 5 })).toBe(
      'https://github.com/octo-org/app/blob/def5678/docs/my%20file%20%28v2%29%231.md#L3-L5',
    );
    expect(blobUrl({ ...links, serverUrl: 'https://ghe.example.com/' }, { path: 'a.ts', startLine: 1 })).toBe(
      'https://ghe.example.com/octo-org/app/blob/def5678/a.ts#L1',
    );
  });
});

describe('truncateText and oneLine', () => {
  it('cuts with an ellipsis and never splits a surrogate pair', () => {
    expect(truncateText('abcdef', 4)).toBe('abc…');
    expect(truncateText('abc', 3)).toBe('abc');
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
  });

  it('puts a message on one line', () => {
    expect(oneLine('  first\n\n second\tthird ', 100)).toBe('first second third');
  });
});

describe('listFullResultsPlaces', () => {
  it('names every place there is, as text or markdown', () => {
    const places = {
      jobSummary: true,
      runUrl: 'https://github.com/o/r/actions/runs/1',
      codeScanningUrl: 'https://github.com/o/r/security/code-scanning',
      sarifFile: 'out.sarif',
    };
    expect(listFullResultsPlaces(places)).toBe('the job summary, code scanning and the SARIF file out.sarif');
    expect(listFullResultsPlaces(places, 'markdown')).toBe(
      '[the job summary](https://github.com/o/r/actions/runs/1), ' +
        '[code scanning](https://github.com/o/r/security/code-scanning) and the SARIF file `out.sarif`',
    );
    expect(listFullResultsPlaces({ jobSummary: false })).toBe("the step's SARIF output");
  });
});

describe('fitRowBlock', () => {
  const block = (rows: string[]) => ({
    lead: '### T',
    open: '| h |\n| --- |',
    rows,
    close: '',
    note: (omitted: number) => `${omitted} left out.`,
  });

  it('shows every row when they fit, and no note', () => {
    expect(fitRowBlock(block(['| a |', '| b |']), 1_000, measureChars)).toEqual({
      text: '### T\n\n| h |\n| --- |\n| a |\n| b |',
      shown: 2,
      omitted: 0,
    });
  });

  it('leaves whole rows out and says how many', () => {
    const fitted = fitRowBlock(block(['| a |', '| b |', '| c |']), 40, measureChars);
    expect(fitted).toEqual({ text: '### T\n\n| h |\n| --- |\n| a |\n\n2 left out.', shown: 1, omitted: 2 });
  });

  it('never exceeds its budget, in bytes or characters', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 30 }), fc.nat(600), (cells, budget) => {
        const rows = cells.map((c) => `| ${c} |`);
        for (const measure of [measureChars, measureUtf8Bytes]) {
          const fitted = fitRowBlock(block(rows), budget, measure);
          expect(measure(fitted.text)).toBeLessThanOrEqual(budget);
          expect(fitted.shown + fitted.omitted).toBe(rows.length);
        }
      }),
    );
  });
});

describe('cutToFit', () => {
  it('cuts at a line break', () => {
    expect(cutToFit('one\ntwo\nthree\n', 9, measureChars)).toBe('one\ntwo\n');
    expect(cutToFit('short\n', 9, measureChars)).toBe('short\n');
  });
});
