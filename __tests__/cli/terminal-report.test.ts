import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { shouldUseColor } from '../../src/cli/color.js';
import { formatTotalLine, renderTerminalReport, sanitizeForTerminal } from '../../src/cli/terminal-report.js';
import { findingSchema, type FindingInput } from '../../src/core/findings.js';

const root = path.resolve('/repo');

function finding(input: Partial<FindingInput> & Pick<FindingInput, 'severity' | 'ruleId'>) {
  return findingSchema.parse({ score: 5, message: 'm', fingerprint: `fp-${input.ruleId}`, ...input });
}

const findings = [
  finding({ ruleId: 'deps/GHSA-1', severity: 'medium', message: 'lodash prototype pollution', package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20' } }),
  finding({ ruleId: 'secrets/aws', severity: 'critical', score: 9.5, message: 'AWS key', location: { path: 'src/a.ts', startLine: 3, startColumn: 7 }, isNew: true, remediation: 'Rotate the key.' }),
  finding({ ruleId: 'secrets/generic', severity: 'low', score: 2, message: 'Maybe a secret', location: { path: 'b.txt', startLine: 1 } }),
  finding({ ruleId: 'secrets/aws2', severity: 'critical', score: 9.5, message: 'Another key', location: { path: 'src/a.ts', startLine: 9 } }),
];

describe('renderTerminalReport', () => {
  it('groups findings by severity with clickable path:line:col and a one-line total', () => {
    const text = renderTerminalReport(findings, { color: false, failOn: 'high', root, cwd: root });
    expect(text).toBe(
      [
        'CRITICAL (2)',
        '  src/a.ts:3:7  secrets/aws  AWS key [new]',
        '      → Rotate the key.',
        '  src/a.ts:9:1  secrets/aws2  Another key',
        '',
        'MEDIUM (1)',
        '  npm lodash@4.17.20  deps/GHSA-1  lodash prototype pollution',
        '',
        'LOW (1)',
        '  b.txt:1:1  secrets/generic  Maybe a secret',
        '',
        '4 findings (2 critical, 1 medium, 1 low); 2 at or above fail-on-severity high.',
        '',
      ].join('\n'),
    );
  });

  it('prints paths relative to the working directory so they open from there', () => {
    const text = renderTerminalReport(findings.slice(1, 2), { color: false, failOn: 'high', root, cwd: path.join(root, 'src') });
    expect(text).toContain('  a.ts:3:7  secrets/aws');
    const outside = renderTerminalReport(findings.slice(1, 2), { color: false, failOn: 'high', root, cwd: path.resolve('/elsewhere') });
    expect(outside).toContain(`  ${path.join('..', 'repo', 'src', 'a.ts')}:3:7`);
  });

  it('says "No findings." when there are none', () => {
    expect(renderTerminalReport([], { color: false, failOn: 'high', root, cwd: root })).toBe('No findings.\n');
  });

  it('colours severities when asked and only then', () => {
    const coloured = renderTerminalReport(findings, { color: true, failOn: 'high', root, cwd: root });
    expect(coloured).toContain('\u001b[31m');
    // eslint-disable-next-line no-control-regex -- stripping ANSI escapes to compare with the plain report
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderTerminalReport(findings, { color: false, failOn: 'high', root, cwd: root }));
  });

  it('neutralises escape sequences and bidi overrides in untrusted text', () => {
    const evil = finding({
      ruleId: 'x',
      severity: 'high',
      message: 'ok\u001b[2J\u001b]8;;http://evil\u0007click\nnext\u202eline',
      location: { path: 'a\rb.ts', startLine: 1 },
    });
    const text = renderTerminalReport([evil], { color: false, failOn: 'high', root, cwd: root });
    // eslint-disable-next-line no-control-regex -- the control characters are what is tested
    expect(text).not.toMatch(/[\u001b\u0007\r\u202e]/);
    expect(text).toContain('ok\uFFFD[2J\uFFFD]8;;http://evil\uFFFDclick next\uFFFDline');
    expect(sanitizeForTerminal('tab\there')).toBe('tab here');
  });
});

describe('formatTotalLine', () => {
  it('counts the findings that fail the run', () => {
    expect(formatTotalLine(findings, 'critical')).toBe('4 findings (2 critical, 1 medium, 1 low); 2 at or above fail-on-severity critical.');
    expect(formatTotalLine(findings.slice(2, 3), 'high')).toBe('1 finding (1 low); none at or above fail-on-severity high.');
    expect(formatTotalLine(findings, 'none')).toBe('4 findings (2 critical, 1 medium, 1 low); none fail the run (fail-on-severity none).');
  });
});

describe('shouldUseColor', () => {
  it.each([
    [{ isTTY: true, env: {}, noColorFlag: false }, true],
    [{ isTTY: false, env: {}, noColorFlag: false }, false],
    [{ isTTY: true, env: {}, noColorFlag: true }, false],
    [{ isTTY: true, env: { NO_COLOR: '1' }, noColorFlag: false }, false],
    [{ isTTY: true, env: { NO_COLOR: '' }, noColorFlag: false }, true],
    [{ isTTY: true, env: { TERM: 'dumb' }, noColorFlag: false }, false],
    [{ isTTY: false, env: { FORCE_COLOR: '1' }, noColorFlag: false }, true],
    [{ isTTY: false, env: { FORCE_COLOR: '' }, noColorFlag: false }, true],
    [{ isTTY: true, env: { FORCE_COLOR: '0' }, noColorFlag: false }, false],
    [{ isTTY: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, noColorFlag: false }, true],
    [{ isTTY: true, env: { FORCE_COLOR: '1' }, noColorFlag: true }, false],
  ])('%j gives %s', (options, expected) => {
    expect(shouldUseColor(options)).toBe(expected);
  });
});
