import { describe, expect, it } from '@jest/globals';
import {
  buildCommentBody,
  commentMarker,
  COMMENT_BODY_MAX_CHARS,
  COMMENT_MAX_FINDING_ROWS,
} from '../../src/core/report/comment.js';
import { makeFinding, makeReport } from './make-report.js';

/** The number of cells in a GFM table row, ignoring escaped pipes. */
function cellCount(row: string): number {
  return row.replace(/\\\|/g, '').split('|').length - 2;
}

describe('commentMarker', () => {
  it('is a hidden HTML comment named for the action', () => {
    expect(commentMarker('secrets-scan')).toBe('<!-- devsecops:secrets-scan -->');
  });

  it('refuses a name that could end the HTML comment', () => {
    expect(() => commentMarker('x -->')).toThrow('lowercase words joined by single hyphens');
    expect(() => commentMarker('a--b')).toThrow();
  });
});

describe('buildCommentBody', () => {
  it('says plainly that there are no findings, so a re-run replaces a stale comment', () => {
    expect(buildCommentBody(makeReport())).toBe(
      [
        '<!-- devsecops:secrets-scan -->',
        '## Secrets scan: passed',
        '',
        '**Passed:** no findings.',
        '',
        'Scanned: lines added by this pull request (abc1234...def5678).',
        '',
        '[View the run](https://github.com/octo-org/app/actions/runs/42)',
        '',
      ].join('\n'),
    );
  });

  it('puts the decision first, then the new findings, with existing ones folded away', () => {
    const report = makeReport({
      result: 'fail',
      findings: [
        makeFinding({
          fingerprint: 'fp-old',
          severity: 'critical',
          score: 9.8,
          isNew: false,
          ruleId: 'secrets/github-token',
          message: 'A GitHub token.',
          location: { path: 'old.env', startLine: 2 },
          remediation: 'Revoke the token.',
        }),
        makeFinding({
          isNew: true,
          severity: 'high',
          score: 8,
          message: 'An AWS access key ID\nwas added.',
        }),
      ],
      notes: ['Code scanning upload skipped: the token lacks security-events: write'],
    });
    expect(buildCommentBody(report)).toBe(
      [
        '<!-- devsecops:secrets-scan -->',
        '## Secrets scan: failed',
        '',
        '**Failed:** 1 new finding at high or above (`fail-on-severity: high`).',
        '',
        'Scanned: lines added by this pull request (abc1234...def5678).',
        '',
        '**2 findings:** 1 critical, 1 high (1 new, 1 existing).',
        '',
        '**Notes**',
        '',
        '- Code scanning upload skipped: the token lacks security-events: write',
        '',
        '### New findings (1)',
        '',
        '| Severity | Location | Finding | What to do next |',
        '| --- | --- | --- | --- |',
        '| high | [src/config.ts:12](https://github.com/octo-org/app/blob/def5678/src/config.ts#L12) | **AWS access key**: An AWS access key ID was added. | Deactivate the key in IAM and move it to a secret store. |',
        '',
        '<details><summary>Existing findings (1)</summary>',
        '',
        '| Severity | Location | Finding | What to do next |',
        '| --- | --- | --- | --- |',
        '| critical | [old.env:2](https://github.com/octo-org/app/blob/def5678/old.env#L2) | **secrets/github-token**: A GitHub token. | Revoke the token. |',
        '',
        '</details>',
        '',
        '[View the run](https://github.com/octo-org/app/actions/runs/42)',
        '',
      ].join('\n'),
    );
  });

  it('escapes a malicious file name and a tool message that mentions a team and carries a link', () => {
    const body = buildCommentBody(
      makeReport({
        result: 'fail',
        findings: [
          makeFinding({
            ruleId: 'trivy/x',
            message: 'ping @org/team [click](javascript:alert(1)) </details>',
            location: { path: '<!-- devsecops:secrets-scan -->|.md', startLine: 1 },
            remediation: '@everyone see ![img](https://evil.example/x.png)',
          }),
        ],
      }),
    );
    expect(body).toContain(
      '| critical | [&lt;!-- devsecops:secrets-scan --&gt;&#124;.md:1]' +
        '(https://github.com/octo-org/app/blob/def5678/%3C%21--%20devsecops%3Asecrets-scan%20--%3E%7C.md#L1) |',
    );
    expect(body).toContain(
      '| **trivy/x**: ping @&#8203;org/team &#91;click&#93;(javascript:alert(1)) &lt;/details&gt; | @&#8203;everyone see !&#91;img&#93;(https://evil.example/x.png) |',
    );
    expect(body.split('\n')[0]).toBe('<!-- devsecops:secrets-scan -->');
    expect(body.match(/<!-- devsecops/g)).toHaveLength(1);
  });

  it('lists new findings first when a base was compared, and all findings under one heading otherwise', () => {
    const body = buildCommentBody(makeReport({ result: 'fail', findings: [makeFinding()] }));
    expect(body).toContain('### Findings\n\n| Severity |');
    expect(body).not.toContain('<details>');
  });

  it(`lists at most ${COMMENT_MAX_FINDING_ROWS} findings and says where the rest are`, () => {
    const findings = Array.from({ length: 60 }, (_, i) => makeFinding({ fingerprint: `fp-${i}`, isNew: true }));
    const body = buildCommentBody(
      makeReport({ result: 'fail', findings, sarifFile: 'devsecops-secrets-scan.sarif' }),
    );
    expect(body.split('\n').filter((l) => l.startsWith('| critical |'))).toHaveLength(COMMENT_MAX_FINDING_ROWS);
    expect(body).toContain(
      '10 more new findings are not listed here. See all findings in ' +
        '[the job summary](https://github.com/octo-org/app/actions/runs/42) and the SARIF file `devsecops-secrets-scan.sarif`.',
    );
  });

  it('cuts a body over 65,536 characters between rows, closes <details> and says where the rest are', () => {
    const findings = Array.from({ length: 400 }, (_, i) =>
      makeFinding({
        fingerprint: `fp-${String(i).padStart(3, '0')}`,
        isNew: i % 2 === 0,
        // Pipes expand to six characters each when escaped.
        message: `leaked ${'|'.repeat(290)}`,
        location: { path: `src/module-${i}/config.ts`, startLine: i + 1 },
      }),
    );
    const body = buildCommentBody(makeReport({ result: 'fail', findings }), { maxRows: 1_000 });

    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_MAX_CHARS);
    expect(body.length).toBeGreaterThan(COMMENT_BODY_MAX_CHARS - 2_000);
    expect(body.startsWith('<!-- devsecops:secrets-scan -->\n## Secrets scan: failed\n')).toBe(true);
    // No half row: every table line has the header's four cells and ends the row.
    const tableLines = body.split('\n').filter((l) => l.startsWith('|'));
    for (const line of tableLines) {
      expect(line.endsWith(' |')).toBe(true);
      expect(cellCount(line)).toBe(4);
    }
    expect((body.match(/<details>/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length);
    const shownNew = body.split('\n').filter((l) => l.startsWith('| critical |')).length;
    expect(shownNew).toBeLessThan(200);
    expect(body).toContain(
      `${200 - shownNew} more new findings are not listed here. ` +
        'See all findings in [the job summary](https://github.com/octo-org/app/actions/runs/42).',
    );
    expect(body).toContain(
      '200 more existing findings are not listed here. ' +
        'See all findings in [the job summary](https://github.com/octo-org/app/actions/runs/42).',
    );
    expect(body.endsWith('[View the run](https://github.com/octo-org/app/actions/runs/42)\n')).toBe(true);
  });

  it('is byte-identical for an unchanged result, whatever order the findings came in', () => {
    const findings = [
      makeFinding({ fingerprint: 'a', isNew: true }),
      makeFinding({ fingerprint: 'b', isNew: false, severity: 'low', score: 2 }),
    ];
    expect(buildCommentBody(makeReport({ findings }))).toBe(
      buildCommentBody(makeReport({ findings: [...findings].reverse() })),
    );
  });

  it('stays within a tiny budget with the marker still on the first line', () => {
    const body = buildCommentBody(makeReport({ result: 'fail', findings: [makeFinding()] }), { maxChars: 80 });
    expect(body).toBe('<!-- devsecops:secrets-scan -->\n## Secrets scan: failed\n\n');
  });
});
