import { describe, expect, it } from '@jest/globals';
import {
  annotationLevel,
  ANNOTATIONS_PER_JOB,
  ANNOTATIONS_PER_STEP_PER_LEVEL,
  buildAnnotations,
} from '../../src/core/report/annotations.js';
import { makeFinding, RULES } from './make-report.js';

const places = { jobSummary: true, sarifFile: 'devsecops-secrets-scan.sarif' };

function errors(count: number, start = 0) {
  return Array.from({ length: count }, (_, i) =>
    makeFinding({ fingerprint: `e-${start + i}`, location: { path: 'src/a.ts', startLine: start + i + 1 } }),
  );
}

describe('annotationLevel', () => {
  it('maps critical and high to error, medium to warning, low and note to notice', () => {
    expect(['critical', 'high', 'medium', 'low', 'note'].map((s) => annotationLevel(s as never))).toEqual([
      'error',
      'error',
      'warning',
      'notice',
      'notice',
    ]);
  });
});

describe('buildAnnotations', () => {
  it('annotates a finding at its line with the rule name, the message and what to do next', () => {
    expect(buildAnnotations([makeFinding()], { rules: RULES, places })).toEqual({
      annotations: [
        {
          level: 'error',
          title: 'AWS access key (critical)',
          message:
            'An AWS access key ID was added.\n\nWhat to do next: Deactivate the key in IAM and move it to a secret store.',
          file: 'src/config.ts',
          startLine: 12,
        },
      ],
      omitted: { error: 0, warning: 0, notice: 0 },
    });
  });

  it(`shows ${ANNOTATIONS_PER_STEP_PER_LEVEL} of 25 error findings and notes the 15 more`, () => {
    const result = buildAnnotations(errors(25), { rules: RULES, places });
    expect(result.annotations).toHaveLength(10);
    expect(result.annotations.map((a) => a.startLine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.omitted).toEqual({ error: 15, warning: 0, notice: 0 });
    expect(result.overflowNote).toBe(
      '15 more findings are not annotated (15 error): GitHub shows at most 10 annotations of each level ' +
        'per step and 50 per job. See all findings in the job summary and the SARIF file devsecops-secrets-scan.sarif.',
    );
  });

  it('chooses the most severe first; a finding the base already had is a notice, after the new ones', () => {
    const findings = [
      makeFinding({ fingerprint: 'low', severity: 'low', score: 2, location: { path: 'a', startLine: 1 } }),
      makeFinding({ fingerprint: 'old', severity: 'critical', score: 9.9, isNew: false, location: { path: 'b', startLine: 1 } }),
      makeFinding({ fingerprint: 'new', severity: 'high', score: 7, isNew: true, location: { path: 'c', startLine: 1 } }),
      makeFinding({ fingerprint: 'med', severity: 'medium', score: 5, location: { path: 'd', startLine: 1 } }),
    ];
    expect(buildAnnotations(findings).annotations.map((a) => [a.level, a.file])).toEqual([
      ['error', 'c'],
      ['warning', 'd'],
      ['notice', 'a'],
      ['notice', 'b'],
    ]);
    expect(buildAnnotations(findings).annotations.find((a) => a.file === 'b')?.title).toMatch(/\(critical, existing\)$/);
  });

  it('fills each level up to its own limit', () => {
    const findings = [
      ...errors(12),
      ...Array.from({ length: 12 }, (_, i) =>
        makeFinding({ fingerprint: `w-${i}`, severity: 'medium', score: 5, location: { path: 'w.ts', startLine: i + 1 } }),
      ),
      ...Array.from({ length: 3 }, (_, i) =>
        makeFinding({ fingerprint: `n-${i}`, severity: 'low', score: 2, location: { path: 'n.ts', startLine: i + 1 } }),
      ),
    ];
    const result = buildAnnotations(findings, { places });
    const count = (level: string) => result.annotations.filter((a) => a.level === level).length;
    expect([count('error'), count('warning'), count('notice')]).toEqual([10, 10, 3]);
    expect(result.omitted).toEqual({ error: 2, warning: 2, notice: 0 });
    expect(result.overflowNote).toMatch(/^4 more findings are not annotated \(2 error, 2 warning\): /);
  });

  it('keeps a notice slot free for the overflow note when notices are full', () => {
    const notices = Array.from({ length: 10 }, (_, i) =>
      makeFinding({ fingerprint: `n-${i}`, severity: 'note', score: 0, location: { path: 'n.ts', startLine: i + 1 } }),
    );
    const result = buildAnnotations([...errors(11), ...notices], { places });
    expect(result.annotations.filter((a) => a.level === 'notice')).toHaveLength(9);
    expect(result.omitted).toEqual({ error: 1, warning: 0, notice: 1 });
    expect(buildAnnotations(notices).annotations).toHaveLength(10);
    expect(
      buildAnnotations([...errors(11), ...notices], { reserveNoteSlot: false }).annotations.filter(
        (a) => a.level === 'notice',
      ),
    ).toHaveLength(10);
  });

  it(`stops at the ${ANNOTATIONS_PER_JOB} per job, counting those earlier steps showed`, () => {
    const result = buildAnnotations(errors(5), { usedInJob: 47, places });
    // 3 left in the job, one kept for the note.
    expect(result.annotations).toHaveLength(2);
    expect(result.omitted.error).toBe(3);
    expect(buildAnnotations(errors(5), { usedInJob: 60 }).annotations).toHaveLength(0);
  });

  it('does not annotate a finding without a location, but counts it and says why', () => {
    const result = buildAnnotations(
      [makeFinding({ location: undefined, package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20' } })],
      { places: { jobSummary: true } },
    );
    expect(result.annotations).toEqual([]);
    expect(result.omitted).toEqual({ error: 1, warning: 0, notice: 0 });
    expect(result.overflowNote).toBe(
      '1 finding is not annotated (1 error): 1 finding has no file location. See all findings in the job summary.',
    );
  });

  it('sets columns on a single line, converting the exclusive end to the inclusive one', () => {
    const [annotation] = buildAnnotations([
      makeFinding({ location: { path: 'a.ts', startLine: 3, startColumn: 5, endColumn: 25 } }),
    ]).annotations;
    expect(annotation).toMatchObject({ startLine: 3, startColumn: 5, endColumn: 24 });
    expect(annotation).not.toHaveProperty('endLine');
  });

  it('leaves columns out across lines, where the toolkit would ignore them', () => {
    const [annotation] = buildAnnotations([
      makeFinding({ location: { path: 'a.ts', startLine: 3, endLine: 6, startColumn: 5, endColumn: 2 } }),
    ]).annotations;
    expect(annotation).toEqual(expect.objectContaining({ startLine: 3, endLine: 6 }));
    expect(annotation).not.toHaveProperty('startColumn');
    expect(annotation).not.toHaveProperty('endColumn');
  });

  it('shows bidi controls in titles and messages rather than letting them reorder the text', () => {
    const [annotation] = buildAnnotations([makeFinding({ ruleId: 'x/\u202Eevil', message: 'a\u2066b' })]).annotations;
    expect(annotation!.title).toBe('x/<U+202E>evil (critical)');
    expect(annotation!.message.startsWith('a<U+2066>b')).toBe(true);
  });
});
