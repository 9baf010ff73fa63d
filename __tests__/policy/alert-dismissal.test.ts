import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/core/findings.js';
import { createGitHubClient, type GitHubClient } from '../../src/core/github/client.js';
import { createRecordingLogger } from '../../src/core/logger.js';
import {
  DISMISSAL_MARKER,
  MAX_DISMISSED_COMMENT_CHARS,
  buildDismissalComment,
  syncAlertDismissals,
  type AlertDismissalOptions,
} from '../../src/scanners/policy/alert-dismissal.js';
import { evaluatePolicy } from '../../src/scanners/policy/evaluate-policy.js';
import type { FindingDecision } from '../../src/scanners/policy/policy-result.js';
import { startApiDouble, type ApiDouble, type StoredAlert } from '../support/api-double.js';
import { TODAY, compileYaml, finding } from './policy-fixtures.js';

const MAIN = 'refs/heads/main';
const XSS = 'javascript.express.security.audit.xss';

/** Two exceptions: one still running (with a dismiss reason), one that ended before TODAY. */
const POLICY = `exceptions:
  - match: { ruleId: "${XSS}", path: "legacy/**" }
    reason: Legacy admin UI, replaced in Q1.
    owner: "@octo-org/web"
    expires: 2027-03-31
    dismiss-reason: false positive
  - match: { ruleId: "python.sql-injection" }
    reason: Parameterised by the ORM.
    owner: "@octo-org/data"
    expires: 2026-01-31
`;

const COMMENT_0 = `${DISMISSAL_MARKER} excepted by policy.exceptions[0], owner @octo-org/web, expires 2027-03-31. Reason: Legacy admin UI, replaced in Q1.`;
const COMMENT_1 = `${DISMISSAL_MARKER} excepted by policy.exceptions[1], owner @octo-org/data, expires 2026-01-31. Reason: Parameterised by the ORM.`;

let double: ApiDouble;
let client: GitHubClient;
let logger: ReturnType<typeof createRecordingLogger>;

beforeEach(async () => {
  double = await startApiDouble();
  logger = createRecordingLogger();
  client = await createGitHubClient({ token: double.token, apiUrl: double.url, logger, retryAfterBaseMs: 5 });
});
// Every test: nothing was sent that GitHub's description rejects.
afterEach(async () => {
  try {
    double.assertNoViolations();
  } finally {
    await double.close();
  }
});

const xssFinding = (overrides: Partial<Finding> = {}) =>
  finding({ tool: 'Semgrep OSS', ruleId: XSS, fingerprint: 'fp-xss', location: { path: 'legacy/admin.js', startLine: 12 }, ...overrides });
const sqlFinding = (overrides: Partial<Finding> = {}) =>
  finding({ tool: 'Semgrep OSS', ruleId: 'python.sql-injection', fingerprint: 'fp-sql', location: { path: 'app/db.py', startLine: 40 }, ...overrides });

const decide = (findings: Finding[]): FindingDecision[] => evaluatePolicy(findings, compileYaml(POLICY), { today: TODAY }).findings;

const sync = (decisions: FindingDecision[], overrides: Partial<AlertDismissalOptions> = {}) =>
  syncAlertDismissals({ client, owner: 'octo-org', repo: 'octo-repo', ref: MAIN, decisions, logger, ...overrides });

const seed = (alert: Partial<StoredAlert> & { ruleId: string }) => double.state.addAlert({ toolName: 'Semgrep OSS', ...alert });
const xssAlert = (alert: Partial<StoredAlert> = {}) => seed({ ruleId: XSS, path: 'legacy/admin.js', startLine: 12, ...alert });
const sqlAlert = (alert: Partial<StoredAlert> = {}) => seed({ ruleId: 'python.sql-injection', path: 'app/db.py', startLine: 40, ...alert });
const states = () => double.state.alerts().map((a) => `${a.number} ${a.state}`);

describe('syncAlertDismissals dismisses the alerts of excepted findings', () => {
  it('dismisses the matching open alert with the exception\'s reason, and a comment naming it, its owner and expiry', async () => {
    xssAlert();
    const result = await sync(decide([xssFinding()]));

    expect(result).toEqual({
      status: 'done',
      dismissed: [
        {
          alertNumber: 1,
          url: 'https://github.com/octo-org/octo-repo/security/code-scanning/1',
          ruleId: XSS,
          tool: 'Semgrep OSS',
          path: 'legacy/admin.js',
          line: 12,
          fingerprint: 'fp-xss',
          exception: 'policy.exceptions[0]',
        },
      ],
      reopened: [],
      alreadyDismissed: 0,
      withoutAlert: 0,
    });
    const patches = double.requestsTo('code-scanning/update-alert');
    expect(patches.map((r) => [r.path, r.body])).toEqual([
      [
        '/repos/octo-org/octo-repo/code-scanning/alerts/1',
        { state: 'dismissed', dismissed_reason: 'false positive', dismissed_comment: COMMENT_0 },
      ],
    ]);
    expect(COMMENT_0.length).toBeLessThanOrEqual(MAX_DISMISSED_COMMENT_CHARS);
    expect(double.state.alerts()[0]).toEqual(
      expect.objectContaining({ state: 'dismissed', dismissedReason: 'false positive', dismissedComment: COMMENT_0 }),
    );
    expect(logger.lines.filter((l) => l.level === 'warning')).toEqual([]);
  });

  it('dismisses as "won\'t fix" when the exception names no reason', async () => {
    const decision = decide([xssFinding()])[0]!;
    const { dismissReason: _omitted, ...exception } = decision.exception!;
    xssAlert();
    await sync([{ ...decision, exception }]);
    expect(double.requestsTo('code-scanning/update-alert')[0]?.body).toEqual(
      expect.objectContaining({ state: 'dismissed', dismissed_reason: "won't fix" }),
    );
  });

  it('matches the tool name whatever its case, and nothing on another line, tool, rule or path', async () => {
    xssAlert({ startLine: 13 });
    xssAlert({ toolName: 'CodeQL' });
    xssAlert({ ruleId: 'javascript.express.security.audit.xss-raw' });
    xssAlert({ path: 'legacy/admin2.js' });
    xssAlert({ toolName: 'semgrep oss' });

    const result = await sync(decide([xssFinding()]));

    expect(result).toEqual(expect.objectContaining({ status: 'done', alreadyDismissed: 0, withoutAlert: 0 }));
    expect(result.status === 'done' && result.dismissed.map((c) => c.alertNumber)).toEqual([5]);
    expect(states()).toEqual(['1 open', '2 open', '3 open', '4 open', '5 dismissed']);
  });

  it('counts an excepted finding without a location, or without an alert, as without alert and touches nothing', async () => {
    xssAlert({ ruleId: 'other.rule' });
    const [placed, elsewhere] = decide([xssFinding(), xssFinding({ location: { path: 'legacy/old.js', startLine: 3 } })]);
    // An exception on the fingerprint alone can cover a finding without a location.
    const { location: _none, ...unplaced } = placed!.finding;
    const result = await sync([{ ...placed!, finding: unplaced }, elsewhere!]);

    expect(result).toEqual({ status: 'done', dismissed: [], reopened: [], alreadyDismissed: 0, withoutAlert: 2 });
    expect(double.requestsTo('code-scanning/update-alert')).toEqual([]);
  });

  it('does not dismiss an alert when another finding at the same place is still counted', async () => {
    xssAlert();
    const decisions = decide([xssFinding(), xssFinding({ fingerprint: 'fp-xss-2', ruleId: XSS, location: { path: 'legacy/admin.js', startLine: 12 } })]);
    const counted = { ...decisions[1]!, outcome: 'fail' as const, counted: true };
    delete counted.exception;

    const result = await sync([decisions[0]!, counted]);

    expect(result).toEqual({ status: 'done', dismissed: [], reopened: [], alreadyDismissed: 0, withoutAlert: 0 });
    expect(states()).toEqual(['1 open']);
  });

  it('lists only the alerts of the given ref and leaves those of other refs alone', async () => {
    xssAlert({ ref: 'refs/pull/7/merge' });
    xssAlert({ ref: MAIN });

    const result = await sync(decide([xssFinding()]));

    expect(result.status === 'done' && result.dismissed.map((c) => c.alertNumber)).toEqual([2]);
    expect(states()).toEqual(['1 open', '2 dismissed']);
    expect(double.requestsTo('code-scanning/list-alerts-for-repo').map((r) => r.query)).toEqual([
      { ref: MAIN, state: 'open', per_page: '100' },
      { ref: MAIN, state: 'dismissed', per_page: '100' },
    ]);
  });

  it('finds a matching alert on the second page of more than 100 open alerts', async () => {
    for (let line = 1; line <= 150; line++) xssAlert({ startLine: line + 100 });
    const result = await sync(decide([xssFinding({ location: { path: 'legacy/admin.js', startLine: 240 } })]));

    expect(result.status === 'done' && result.dismissed.map((c) => [c.alertNumber, c.line])).toEqual([[140, 240]]);
    expect(double.requestsTo('code-scanning/list-alerts-for-repo').map((r) => `${r.query.state} ${r.query.page ?? '1'}`)).toEqual([
      'open 1',
      'open 2',
      'dismissed 1',
    ]);
    expect(double.requestsTo('code-scanning/update-alert').map((r) => r.path)).toEqual(['/repos/octo-org/octo-repo/code-scanning/alerts/140']);
  });
});

describe('syncAlertDismissals reopens the alerts it dismissed once their exception ends', () => {
  it('reopens our alert whose exception expired, but not one dismissed by hand or one still excepted', async () => {
    sqlAlert({ state: 'dismissed', dismissedReason: "won't fix", dismissedComment: COMMENT_1 });
    sqlAlert({ state: 'dismissed', dismissedReason: 'false positive', dismissedComment: 'Checked by hand: the ORM escapes it.', startLine: 41 });
    xssAlert({ state: 'dismissed', dismissedReason: 'false positive', dismissedComment: COMMENT_0 });
    // Ours, but no finding of this run is there: it may be fixed or not scanned; leave it.
    sqlAlert({ state: 'dismissed', dismissedReason: "won't fix", dismissedComment: COMMENT_1, path: 'app/gone.py' });

    const decisions = decide([sqlFinding(), sqlFinding({ fingerprint: 'fp-sql-2', location: { path: 'app/db.py', startLine: 41 } }), xssFinding()]);
    expect(decisions.map((d) => d.outcome)).toEqual(['pass', 'pass', 'excepted']);
    const result = await sync(decisions);

    expect(result).toEqual({
      status: 'done',
      dismissed: [],
      reopened: [
        {
          alertNumber: 1,
          url: 'https://github.com/octo-org/octo-repo/security/code-scanning/1',
          ruleId: 'python.sql-injection',
          tool: 'Semgrep OSS',
          path: 'app/db.py',
          line: 40,
          fingerprint: 'fp-sql',
          exception: 'policy.exceptions[1]',
          why: 'exception policy.exceptions[1] expired on 2026-01-31',
        },
      ],
      alreadyDismissed: 1,
      withoutAlert: 0,
    });
    expect(double.requestsTo('code-scanning/update-alert').map((r) => [r.path, r.body])).toEqual([
      ['/repos/octo-org/octo-repo/code-scanning/alerts/1', { state: 'open' }],
    ]);
    expect(states()).toEqual(['1 open', '2 dismissed', '3 dismissed', '4 dismissed']);
  });

  it('reopens our alert when no exception covers its finding any more, naming the one its comment named', async () => {
    xssAlert({ state: 'dismissed', dismissedReason: 'false positive', dismissedComment: COMMENT_0 });
    const decisions = evaluatePolicy([xssFinding()], compileYaml('mode: enforce\n'), { today: TODAY }).findings;

    const result = await sync(decisions);

    expect(result.status === 'done' && result.reopened.map((c) => [c.alertNumber, c.exception, c.why])).toEqual([
      [1, 'policy.exceptions[0]', 'no exception covers it any more'],
    ]);
    expect(states()).toEqual(['1 open']);
  });
});

describe('syncAlertDismissals when GitHub says no', () => {
  it('is skipped, naming security-events: write, when the token may not list alerts', async () => {
    xssAlert();
    double.fail('code-scanning/list-alerts-for-repo', { kind: 'forbidden' });

    const result = await sync(decide([xssFinding()]));

    expect(result).toEqual({
      status: 'skipped',
      cause: 'missing-permission',
      httpStatus: 403,
      reason:
        'Alert dismissal skipped: the token lacks `security-events: write` (add `permissions: security-events: write` to the job; ' +
        'fork pull requests never have it) (GitHub said: 403 Resource not accessible by integration).',
    });
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([result.status === 'skipped' ? result.reason : '']);
    expect(double.requestsTo('code-scanning/update-alert')).toEqual([]);
  });

  it('is skipped when code scanning is not enabled (404 on listing)', async () => {
    double.fail('code-scanning/list-alerts-for-repo', { kind: 'not-found', message: 'no analysis found' });
    const result = await sync(decide([xssFinding()]));
    expect(result).toEqual(
      expect.objectContaining({
        status: 'skipped',
        cause: 'feature-disabled',
        reason: 'Alert dismissal skipped: code scanning is not enabled for this repository (GitHub said: 404 no analysis found).',
      }),
    );
  });

  it('stops at the first 403 on a change and says how much was changed before it', async () => {
    sqlAlert({ state: 'dismissed', dismissedReason: "won't fix", dismissedComment: COMMENT_1 });
    xssAlert();
    xssAlert({ path: 'legacy/other.js', startLine: 5 });
    const decisions = decide([sqlFinding(), xssFinding(), xssFinding({ fingerprint: 'fp-other', location: { path: 'legacy/other.js', startLine: 5 } })]);
    // The reopening goes through; then the token loses its say: the first dismissal is refused, the second never tried.
    const refuseAfterReopening = {
      ...logger,
      info(message: string) {
        logger.info(message);
        if (message.startsWith('Reopened')) double.fail('code-scanning/update-alert', { kind: 'forbidden' });
      },
    };
    const result = await sync(decisions, { logger: refuseAfterReopening });

    expect(result).toEqual(
      expect.objectContaining({
        status: 'skipped',
        cause: 'missing-permission',
        reason: expect.stringMatching(/^Alert dismissal skipped: the token lacks `security-events: write`.* 0 dismissed and 1 reopened before it \(logged above\)\.$/),
      }),
    );
    expect(double.requestsTo('code-scanning/update-alert').map((r) => [r.path, r.status])).toEqual([
      ['/repos/octo-org/octo-repo/code-scanning/alerts/1', 200],
      ['/repos/octo-org/octo-repo/code-scanning/alerts/2', 403],
    ]);
    expect(states()).toEqual(['1 open', '2 open', '3 open']);
    expect(logger.lines.filter((l) => l.level === 'info').map((l) => l.message)).toContain(
      'Reopened alert 1 (Semgrep OSS python.sql-injection at app/db.py:40): exception policy.exceptions[1] expired on 2026-01-31. ' +
        'https://github.com/octo-org/octo-repo/security/code-scanning/1',
    );
  });

  it('warns about an alert that is gone by the time it is changed, and carries on with the others', async () => {
    xssAlert();
    xssAlert({ path: 'legacy/other.js', startLine: 5 });
    double.fail('code-scanning/update-alert', { kind: 'not-found', times: 1 });
    const decisions = decide([xssFinding(), xssFinding({ fingerprint: 'fp-other', location: { path: 'legacy/other.js', startLine: 5 } })]);

    const result = await sync(decisions);

    expect(result.status === 'done' && result.dismissed.map((c) => c.alertNumber)).toEqual([2]);
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      'Dismissing alert 1 (Semgrep OSS javascript.express.security.audit.xss at legacy/admin.js:12) skipped: ' +
        'the alert was not found (deleted since it was listed?) (GitHub said: 404 Not Found).',
    ]);
    expect(states()).toEqual(['1 open', '2 dismissed']);
  });
});

describe('syncAlertDismissals in a dry run', () => {
  it('lists what it would change and sends no change', async () => {
    xssAlert();
    sqlAlert({ state: 'dismissed', dismissedReason: "won't fix", dismissedComment: COMMENT_1 });

    const result = await sync(decide([xssFinding(), sqlFinding()]), { dryRun: true });

    expect(result.status === 'done' && [result.dismissed.map((c) => c.alertNumber), result.reopened.map((c) => c.alertNumber)]).toEqual([[1], [2]]);
    expect(double.requestsTo('code-scanning/update-alert')).toEqual([]);
    expect(states()).toEqual(['1 open', '2 dismissed']);
    expect(logger.lines.filter((l) => l.level === 'info').map((l) => l.message)).toEqual([
      'Would dismiss alert 1 (Semgrep OSS javascript.express.security.audit.xss at legacy/admin.js:12): excepted by policy.exceptions[0].',
      'Would reopen alert 2 (Semgrep OSS python.sql-injection at app/db.py:40): exception policy.exceptions[1] expired on 2026-01-31.',
    ]);
  });
});

describe('buildDismissalComment', () => {
  const exception = { index: 0, where: 'policy.exceptions[0]', owner: '@octo-org/web', expires: '2027-03-31', reason: 'Short.' };

  it('keeps a comment that fits as it is', () => {
    expect(buildDismissalComment(exception)).toBe(
      `${DISMISSAL_MARKER} excepted by policy.exceptions[0], owner @octo-org/web, expires 2027-03-31. Reason: Short.`,
    );
  });

  it('cuts a long reason with "…" to exactly 280 characters, keeping the marker, owner and expiry', () => {
    const comment = buildDismissalComment({ ...exception, reason: `${'x'.repeat(300)} tail` });
    expect([...comment]).toHaveLength(MAX_DISMISSED_COMMENT_CHARS);
    expect(comment).toBe(
      `${DISMISSAL_MARKER} excepted by policy.exceptions[0], owner @octo-org/web, expires 2027-03-31. Reason: ${'x'.repeat(173)}…`,
    );
  });

  it('counts characters, not UTF-16 units, and never splits one', () => {
    const comment = buildDismissalComment({ ...exception, reason: '🔒'.repeat(300) });
    expect([...comment]).toHaveLength(MAX_DISMISSED_COMMENT_CHARS);
    expect(comment.endsWith(`${'🔒'.repeat(173)}…`)).toBe(true);
  });
});
