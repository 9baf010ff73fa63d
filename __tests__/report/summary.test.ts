import { describe, expect, it } from '@jest/globals';
import { buildSummaryMarkdown, SUMMARY_MAX_BYTES } from '../../src/core/report/summary.js';
import { makeFinding, makeReport } from './make-report.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('buildSummaryMarkdown', () => {
  it('says plainly that nothing was found', () => {
    expect(buildSummaryMarkdown(makeReport())).toBe(
      [
        '## Secrets scan: passed',
        '',
        '**Passed:** no findings.',
        '',
        'Scanned: lines added by this pull request (abc1234...def5678).',
        '',
      ].join('\n'),
    );
  });

  it('lists findings most severe first, with counts, new and existing, skipped files and notes', () => {
    const report = makeReport({
      result: 'fail',
      findings: [
        makeFinding({
          fingerprint: 'fp-2',
          ruleId: 'deps/vulnerable-package',
          severity: 'medium',
          score: 5.3,
          isNew: false,
          message: 'lodash 4.17.20 has a prototype pollution advisory.',
          location: { path: 'package-lock.json', startLine: 40, endLine: 44 },
          remediation: 'Upgrade lodash to 4.17.21.',
        }),
        makeFinding({ isNew: true }),
      ],
      skipped: [{ path: 'assets/logo.png', reason: 'binary file' }],
      notes: ['Code scanning upload skipped: the token lacks security-events: write'],
      sarifFile: 'devsecops-secrets-scan.sarif',
    });
    expect(buildSummaryMarkdown(report)).toBe(
      [
        '## Secrets scan: failed',
        '',
        '**Failed:** 1 new finding at high or above (`fail-on-severity: high`).',
        '',
        'Scanned: lines added by this pull request (abc1234...def5678).',
        '',
        '| Severity | Findings | New | Existing |',
        '| --- | ---: | ---: | ---: |',
        '| critical | 1 | 1 | 0 |',
        '| high | 0 | 0 | 0 |',
        '| medium | 1 | 0 | 1 |',
        '| low | 0 | 0 | 0 |',
        '| note | 0 | 0 | 0 |',
        '| **Total** | **2** | **1** | **1** |',
        '',
        '### Notes',
        '',
        '- Code scanning upload skipped: the token lacks security-events: write',
        '',
        '### Findings',
        '',
        '| Severity | Rule | Location | Message | What to do next |',
        '| --- | --- | --- | --- | --- |',
        '| critical (new) | AWS access key `secrets/aws-access-key` | [src/config.ts:12](https://github.com/octo-org/app/blob/def5678/src/config.ts#L12) | An AWS access key ID was added. | Deactivate the key in IAM and move it to a secret store. |',
        '| medium (existing) | `deps/vulnerable-package` | [package-lock.json:40-44](https://github.com/octo-org/app/blob/def5678/package-lock.json#L40-L44) | lodash 4.17.20 has a prototype pollution advisory. | Upgrade lodash to 4.17.21. |',
        '',
        '### Skipped (1)',
        '',
        '| Path | Reason |',
        '| --- | --- |',
        '| `assets/logo.png` | binary file |',
        '',
      ].join('\n'),
    );
  });

  it('shows counts without new and existing when no base was compared', () => {
    const summary = buildSummaryMarkdown(makeReport({ result: 'fail', findings: [makeFinding()] }));
    expect(summary).toContain(
      [
        '| Severity | Findings |',
        '| --- | ---: |',
        '| critical | 1 |',
        '| high | 0 |',
        '| medium | 0 |',
        '| low | 0 |',
        '| note | 0 |',
        '| **Total** | **1** |',
      ].join('\n'),
    );
    expect(summary).toContain('**Failed:** 1 finding at high or above (`fail-on-severity: high`).');
    expect(summary).toContain('| critical | AWS access key `secrets/aws-access-key` |');
  });

  it('escapes a malicious file name and a hostile tool message', () => {
    const summary = buildSummaryMarkdown(
      makeReport({
        result: 'fail',
        findings: [
          makeFinding({
            ruleId: 'semgrep/x',
            message: 'cc @org/team\n| forged | row | [click](javascript:alert(1)) <img src=x>',
            location: { path: 'src/<script>|`x`.ts', startLine: 7 },
            remediation: undefined,
          }),
        ],
      }),
    );
    expect(summary).toContain(
      '| critical | `semgrep/x` | [src/&lt;script&gt;&#124;&#96;x&#96;.ts:7](https://github.com/octo-org/app/blob/def5678/src/%3Cscript%3E%7C%60x%60.ts#L7) | cc @&#8203;org/team<br>&#124; forged &#124; row &#124; &#91;click&#93;(javascript:alert(1)) &lt;img src=x&gt; | — |',
    );
  });

  it('shows the package when a finding has no file location', () => {
    const summary = buildSummaryMarkdown(
      makeReport({
        findings: [
          makeFinding({ location: undefined, package: { ecosystem: 'npm', name: '@babel/core', version: '7.0.0' } }),
        ],
      }),
    );
    expect(summary).toContain('| npm @&#8203;babel/core@7.0.0 |');
  });

  it('states that findings do not fail the step when fail-on-severity is none', () => {
    const summary = buildSummaryMarkdown(makeReport({ failOn: 'none', findings: [makeFinding()] }));
    expect(summary).toContain('**Passed:** findings do not fail this step (`fail-on-severity: none`).');
  });

  it('cuts the table between rows past 1 MiB and says how many rows were left out and where they all are', () => {
    const message = `Token found: ${'x'.repeat(900)}`;
    const findings = Array.from({ length: 1_500 }, (_, i) =>
      makeFinding({ fingerprint: `fp-${i}`, message, location: { path: `src/file-${i}.ts`, startLine: i + 1 } }),
    );
    const summary = buildSummaryMarkdown(
      makeReport({
        result: 'fail',
        findings,
        sarifFile: 'devsecops-secrets-scan.sarif',
        links: { ...makeReport().links, codeScanningUrl: 'https://github.com/octo-org/app/security/code-scanning' },
      }),
    );

    expect(bytes(summary)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    const rows = summary.split('\n').filter((line) => line.startsWith('| critical | AWS access key'));
    const omitted = 1_500 - rows.length;
    expect(rows.length).toBeGreaterThan(900);
    expect(omitted).toBeGreaterThan(0);
    expect(summary.endsWith(
      `**${omitted} of 1500 findings are not shown** to keep this summary within GitHub's 1 MiB limit. ` +
        'All findings are in [code scanning](https://github.com/octo-org/app/security/code-scanning) ' +
        'and the SARIF file `devsecops-secrets-scan.sarif`.\n',
    )).toBe(true);
    // Every row is whole, and the next one would not have fitted.
    for (const row of rows) expect(row.endsWith(' | Deactivate the key in IAM and move it to a secret store. |')).toBe(true);
    expect(bytes(summary) + bytes(rows[0]!) + 1).toBeGreaterThan(SUMMARY_MAX_BYTES);
  });

  it('measures bytes, not characters: multi-byte messages leave fewer rows', () => {
    const make = (text: string) =>
      buildSummaryMarkdown(
        makeReport({
          findings: Array.from({ length: 100 }, (_, i) => makeFinding({ fingerprint: `fp-${i}`, message: text })),
        }),
        { maxBytes: 20_000 },
      );
    const ascii = make('a'.repeat(300));
    const cjk = make('秘'.repeat(300));
    expect(bytes(ascii)).toBeLessThanOrEqual(20_000);
    expect(bytes(cjk)).toBeLessThanOrEqual(20_000);
    const count = (s: string) => s.split('\n').filter((l) => l.startsWith('| critical | AWS')).length;
    expect(count(cjk)).toBeLessThan(count(ascii));
  });

  it('keeps the skipped files heading and a count when the findings take all the room', () => {
    const summary = buildSummaryMarkdown(
      makeReport({
        result: 'fail',
        findings: Array.from({ length: 200 }, (_, i) => makeFinding({ fingerprint: `fp-${i}` })),
        skipped: Array.from({ length: 500 }, (_, i) => ({ path: `assets/${i}.bin`, reason: 'binary file' })),
      }),
      { maxBytes: 8_000 },
    );
    expect(bytes(summary)).toBeLessThanOrEqual(8_000);
    expect(summary).toMatch(/\*\*\d+ of 200 findings are not shown\*\*/);
    expect(summary).toMatch(
      /### Skipped \(500\)\n\n(\| .*\n)*\n?\d+ more skipped files are not listed, to keep this summary within GitHub's 1 MiB limit\.\n$/,
    );
  });

  it('stays within a budget too small for anything but the heading', () => {
    const summary = buildSummaryMarkdown(makeReport({ result: 'fail', findings: [makeFinding()] }), {
      maxBytes: 60,
    });
    expect(summary).toBe('## Secrets scan: failed\n\n');
  });

  it('is deterministic: the same findings in another order give the same bytes', () => {
    const findings = [makeFinding({ fingerprint: 'a' }), makeFinding({ fingerprint: 'b', severity: 'low', score: 2 })];
    expect(buildSummaryMarkdown(makeReport({ findings }))).toBe(
      buildSummaryMarkdown(makeReport({ findings: [...findings].reverse() })),
    );
  });
});
