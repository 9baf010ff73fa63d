/**
 * `dismiss-alerts`: code scanning keeps showing a result a policy exception
 * covers as an open alert, because the exception lives in our config and not
 * in GitHub. This dismisses those alerts, and reopens the ones we dismissed
 * once their exception has expired or gone, matching alerts to findings by
 * tool, rule and location as advanced-security/dismiss-alerts does.
 */
import { z } from 'zod';
import type { GitHubClient } from '../../core/github/client.js';
import type { Logger } from '../../core/logger.js';
import { describeApiFailure, skipAfterApiFailure, type ApiFailureReason } from '../../core/publish/api-failure.js';
import type { ExceptionRef, FindingDecision } from './policy-result.js';

/** Starts every dismissal comment we write: the only alerts we ever reopen are the ones carrying it. */
export const DISMISSAL_MARKER = 'devsecops policy-gate:';

/** `dismissed_comment` may hold at most 280 characters (maxLength in GitHub's OpenAPI description of update-alert). */
export const MAX_DISMISSED_COMMENT_CHARS = 280;

/** The largest page GitHub serves, so a repository with many alerts costs as few requests as possible. */
const PER_PAGE = 100;

const DEFAULT_DISMISS_REASON: DismissReason = "won't fix";

const FEATURE = 'Alert dismissal';
const PERMISSION = 'security-events: write';
const UNAVAILABLE_HINT = 'code scanning is not enabled for this repository';

export interface AlertDismissalOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** The ref whose alerts are synced: `refs/heads/main`, `refs/pull/1/merge`. */
  ref: string;
  decisions: readonly FindingDecision[];
  logger: Logger;
  /** List and decide, but change nothing (for the CLI). */
  dryRun?: boolean;
}

export interface AlertChange {
  alertNumber: number;
  /** The alert's page (`html_url`). */
  url: string;
  ruleId: string;
  tool: string;
  path?: string;
  line?: number;
  /** The fingerprint of the finding the alert matched. */
  fingerprint: string;
  /** The exception (`policy.exceptions[0]`) that dismissed it, or whose end reopened it. */
  exception: string;
}

export type ReopenedAlert = AlertChange & { why: string };

export type AlertDismissalResult =
  | {
      status: 'done';
      dismissed: AlertChange[];
      reopened: ReopenedAlert[];
      /** Alerts of excepted findings that were dismissed already (by us or by hand). */
      alreadyDismissed: number;
      /** Excepted findings no open or dismissed alert on the ref matches (not uploaded, or without a location). */
      withoutAlert: number;
    }
  | { status: 'skipped'; reason: string; cause: ApiFailureReason; httpStatus?: number };

// The fields of a code-scanning alert this module relies on.
const alertSchema = z.object({
  number: z.number(),
  html_url: z.string(),
  state: z.string().nullish(),
  dismissed_comment: z.string().nullish(),
  rule: z.object({ id: z.string().nullish() }),
  tool: z.object({ name: z.string().nullish() }),
  most_recent_instance: z
    .object({
      location: z.object({ path: z.string().nullish(), start_line: z.number().nullish() }).nullish(),
    })
    .nullish(),
});
type Alert = z.infer<typeof alertSchema>;

type DismissReason = NonNullable<ExceptionRef['dismissReason']>;
type AlertUpdate = { state: 'open' } | { state: 'dismissed'; dismissed_reason: DismissReason; dismissed_comment: string };

/** Tool names differ in case between SARIF drivers and what people type; rule and path do not. */
function matchKey(tool: string, ruleId: string, path: string, line: number): string {
  return JSON.stringify([tool.toLowerCase(), ruleId, path, line]);
}

function alertKey(alert: Alert): string | undefined {
  const location = alert.most_recent_instance?.location;
  if (!alert.tool.name || !alert.rule.id || !location?.path || !location.start_line) return undefined;
  return matchKey(alert.tool.name, alert.rule.id, location.path, location.start_line);
}

function decisionKey(decision: FindingDecision): string | undefined {
  const { finding } = decision;
  if (!finding.location) return undefined;
  return matchKey(finding.tool, finding.ruleId, finding.location.path, finding.location.startLine);
}

const codePoints = (text: string) => [...text];

/**
 * The comment a dismissal carries: the marker first (how we recognise our
 * dismissals later), then the exception, its owner and expiry. Only the
 * free-text reason is cut to fit GitHub's limit.
 */
export function buildDismissalComment(exception: ExceptionRef): string {
  const head = `${DISMISSAL_MARKER} excepted by ${exception.where}, owner ${exception.owner}, expires ${exception.expires}.`;
  const full = `${head} Reason: ${exception.reason}`;
  if (codePoints(full).length <= MAX_DISMISSED_COMMENT_CHARS) return full;
  const prefix = `${head} Reason: `;
  const room = MAX_DISMISSED_COMMENT_CHARS - codePoints(prefix).length - 1;
  // An owner long enough to leave no room for the reason is not worth a reason-less special case.
  if (room < 1) return `${codePoints(head).slice(0, MAX_DISMISSED_COMMENT_CHARS - 1).join('')}…`;
  return `${prefix}${codePoints(exception.reason).slice(0, room).join('').trimEnd()}…`;
}

/** The exception our earlier dismissal named, read back from its comment. */
function exceptionNamedIn(comment: string): string | undefined {
  return /^ excepted by (\S+?),/.exec(comment.slice(DISMISSAL_MARKER.length))?.[1];
}

async function listAlerts(options: AlertDismissalOptions, state: 'open' | 'dismissed'): Promise<Alert[]> {
  const { client, owner, repo, ref } = options;
  const raw = await client.paginate('GET /repos/{owner}/{repo}/code-scanning/alerts', { owner, repo, ref, state, per_page: PER_PAGE });
  return z.array(alertSchema).parse(raw);
}

function changeOf(alert: Alert, decision: FindingDecision, exception: string): AlertChange {
  const location = alert.most_recent_instance?.location;
  return {
    alertNumber: alert.number,
    url: alert.html_url,
    ruleId: alert.rule.id ?? '',
    tool: alert.tool.name ?? '',
    ...(location?.path ? { path: location.path } : {}),
    ...(location?.start_line ? { line: location.start_line } : {}),
    fingerprint: decision.finding.fingerprint,
    exception,
  };
}

interface Plan {
  dismiss: Array<{ change: AlertChange; exception: ExceptionRef }>;
  reopen: ReopenedAlert[];
  alreadyDismissed: number;
  withoutAlert: number;
}

/**
 * Several findings can share a rule and a line (two results on one line), and
 * an alert cannot tell which of them it is. So an alert is dismissed only when
 * every finding at its place is excepted, and one of ours reopens as soon as
 * any of them is not: never hide a finding the policy still counts.
 */
function planChanges(decisions: readonly FindingDecision[], open: Alert[], dismissed: Alert[]): Plan {
  const byKey = new Map<string, FindingDecision[]>();
  for (const decision of decisions) {
    const key = decisionKey(decision);
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), decision]);
  }
  const plan: Plan = { dismiss: [], reopen: [], alreadyDismissed: 0, withoutAlert: 0 };
  const keysWithAlert = new Set<string>();

  for (const alert of open) {
    const key = alertKey(alert);
    const group = key === undefined ? undefined : byKey.get(key);
    if (key === undefined || !group) continue;
    keysWithAlert.add(key);
    const first = group[0];
    if (!first?.exception || !group.every((d) => d.outcome === 'excepted')) continue;
    plan.dismiss.push({ change: changeOf(alert, first, first.exception.where), exception: first.exception });
  }

  for (const alert of dismissed) {
    const key = alertKey(alert);
    const group = key === undefined ? undefined : byKey.get(key);
    if (key === undefined || !group) continue;
    keysWithAlert.add(key);
    const counted = group.find((d) => d.outcome !== 'excepted');
    if (!counted) {
      plan.alreadyDismissed++;
      continue;
    }
    const comment = alert.dismissed_comment ?? '';
    // Someone dismissed it by hand: that is their call, not the policy's.
    if (!comment.startsWith(DISMISSAL_MARKER)) continue;
    const expired = group.flatMap((d) => d.expiredExceptions)[0];
    plan.reopen.push({
      ...changeOf(alert, counted, expired?.where ?? exceptionNamedIn(comment) ?? ''),
      why: expired ? `exception ${expired.where} expired on ${expired.expires}` : 'no exception covers it any more',
    });
  }

  for (const decision of decisions) {
    if (decision.outcome !== 'excepted') continue;
    const key = decisionKey(decision);
    if (key === undefined || !keysWithAlert.has(key)) plan.withoutAlert++;
  }
  return plan;
}

function describeAlert(change: AlertChange): string {
  const place = change.path ? ` at ${change.path}${change.line ? `:${change.line}` : ''}` : '';
  return `alert ${change.alertNumber} (${change.tool} ${change.ruleId}${place})`;
}

/**
 * Dismisses the open code-scanning alerts of excepted findings on `ref` and
 * reopens the ones we dismissed whose finding is no longer excepted. Like any
 * optional GitHub call it never throws for an API failure: listing failures and
 * a missing permission return `skipped` (logged as a warning); a failure on one
 * alert is a warning and the others go on.
 */
export async function syncAlertDismissals(options: AlertDismissalOptions): Promise<AlertDismissalResult> {
  const { client, owner, repo, ref, logger } = options;
  let open: Alert[];
  let dismissed: Alert[];
  try {
    open = await listAlerts(options, 'open');
    dismissed = await listAlerts(options, 'dismissed');
  } catch (error) {
    // An unexpected answer (a ZodError) is skipped too: publishing never decides the run's outcome.
    return skipAfterApiFailure(error, FEATURE, PERMISSION, UNAVAILABLE_HINT, logger);
  }

  const plan = planChanges(options.decisions, open, dismissed);
  const done: Extract<AlertDismissalResult, { status: 'done' }> = {
    status: 'done',
    dismissed: [],
    reopened: [],
    alreadyDismissed: plan.alreadyDismissed,
    withoutAlert: plan.withoutAlert,
  };

  if (options.dryRun) {
    for (const { change } of plan.dismiss) logger.info(`Would dismiss ${describeAlert(change)}: excepted by ${change.exception}.`);
    for (const change of plan.reopen) logger.info(`Would reopen ${describeAlert(change)}: ${change.why}.`);
    return { ...done, dismissed: plan.dismiss.map((d) => d.change), reopened: plan.reopen };
  }

  // One at a time: GitHub asks for mutating requests to be serial to stay clear of secondary rate limits.
  const patch = async (alertNumber: number, body: AlertUpdate) => {
    await client.request('PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}', {
      owner,
      repo,
      alert_number: alertNumber,
      ...body,
    });
  };
  const steps = [
    ...plan.reopen.map((change) => ({
      change,
      verb: 'Reopening',
      send: () => patch(change.alertNumber, { state: 'open' }),
      record: () => {
        done.reopened.push(change);
        logger.info(`Reopened ${describeAlert(change)}: ${change.why}. ${change.url}`);
      },
    })),
    ...plan.dismiss.map(({ change, exception }) => ({
      change,
      verb: 'Dismissing',
      send: () =>
        patch(change.alertNumber, {
          state: 'dismissed',
          dismissed_reason: exception.dismissReason ?? DEFAULT_DISMISS_REASON,
          dismissed_comment: buildDismissalComment(exception),
        }),
      record: () => {
        done.dismissed.push(change);
        logger.info(`Dismissed ${describeAlert(change)}: excepted by ${change.exception}. ${change.url}`);
      },
    })),
  ];

  for (const step of steps) {
    try {
      await step.send();
      step.record();
    } catch (error) {
      const failure = describeApiFailure(error, FEATURE, PERMISSION, UNAVAILABLE_HINT);
      // A token that may not change one alert may change none, and a 403 for an archived repository
      // is the same for all: stop. A 404 or 422 concerns this alert only.
      if (failure.reason === 'missing-permission' || failure.status === 403) {
        // What was changed stays changed in GitHub (each logged above); the reason says how much.
        const changed = done.dismissed.length + done.reopened.length;
        const sofar = changed > 0 ? ` ${done.dismissed.length} dismissed and ${done.reopened.length} reopened before it (logged above).` : '';
        const reason = `${failure.message}${sofar}`;
        logger.warning(reason);
        return { status: 'skipped', reason, cause: failure.reason, ...(failure.status !== undefined ? { httpStatus: failure.status } : {}) };
      }
      const action = `${step.verb} ${describeAlert(step.change)}`;
      logger.warning(describeApiFailure(error, action, PERMISSION, 'the alert was not found (deleted since it was listed?)').message);
    }
  }

  logger.info(
    `Alert dismissal on ${ref}: ${done.dismissed.length} dismissed, ${done.reopened.length} reopened, ` +
      `${done.alreadyDismissed} already dismissed, ${done.withoutAlert} excepted finding(s) without an alert.`,
  );
  return done;
}
