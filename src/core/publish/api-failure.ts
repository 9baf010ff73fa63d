import { describeError } from '../errors.js';
import { httpStatusOf } from '../github/client.js';

/** Why a call to an optional GitHub feature did not happen. */
export type ApiFailureReason = 'missing-permission' | 'feature-disabled' | 'api-error';

export interface ApiFailure {
  reason: ApiFailureReason;
  /** The HTTP status, when GitHub answered at all. */
  status?: number;
  /** One line for the log: what was skipped, why, and what to change. */
  message: string;
}

/**
 * GitHub's 403 covers both "this token may not" (`Resource not accessible by
 * integration`) and "this repository does not have the feature" (code scanning
 * on a private repository without Advanced Security, an archived repository).
 * Only the message tells them apart.
 */
const FEATURE_UNAVAILABLE_PATTERN = /advanced security|not enabled|is archived|disabled/i;
const RATE_LIMIT_PATTERN = /rate limit/i;

function messageOf(error: unknown): string {
  // Octokit's RequestError carries GitHub's JSON body on `response.data`.
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') return data.message;
  return describeError(error);
}

/**
 * Turns an error from an optional GitHub call (upload, comment) into one line
 * that says what was skipped and what to change, so the caller can log a
 * warning instead of failing the run.
 *
 * @param feature  what was attempted, as the start of a sentence: "Code scanning upload"
 * @param permission  the workflow permission it needs: "security-events: write"
 * @param unavailableHint  what it means here when the feature is missing (a 404, or a 403 that is not about permissions)
 */
export function describeApiFailure(
  error: unknown,
  feature: string,
  permission: string,
  unavailableHint = 'the feature is not available for this repository',
): ApiFailure {
  const status = httpStatusOf(error);
  const said = status === undefined ? describeError(error) : `${status} ${messageOf(error)}`;
  if (status === 403 && !RATE_LIMIT_PATTERN.test(messageOf(error))) {
    if (FEATURE_UNAVAILABLE_PATTERN.test(messageOf(error))) {
      return { reason: 'feature-disabled', status, message: `${feature} skipped: ${unavailableHint} (GitHub said: ${said}).` };
    }
    return {
      reason: 'missing-permission',
      status,
      message:
        `${feature} skipped: the token lacks \`${permission}\` (add \`permissions: ${permission}\` to the job; ` +
        `fork pull requests never have it) (GitHub said: ${said}).`,
    };
  }
  if (status === 404) {
    return { reason: 'feature-disabled', status, message: `${feature} skipped: ${unavailableHint} (GitHub said: ${said}).` };
  }
  if (status === 401) {
    return {
      reason: 'missing-permission',
      status,
      message: `${feature} skipped: GitHub rejected the token; check the \`token\` input (GitHub said: ${said}).`,
    };
  }
  return {
    reason: 'api-error',
    ...(status === undefined ? {} : { status }),
    message: `${feature} failed: ${status === undefined ? said : `GitHub answered ${said}`}.`,
  };
}

/** The `skipped` result an optional GitHub call returns on failure, after logging its one line. */
export interface SkippedByApiFailure {
  status: 'skipped';
  cause: ApiFailureReason;
  reason: string;
  httpStatus?: number;
}

/** describeApiFailure, logged as a warning and shaped as the caller's `skipped` result. */
export function skipAfterApiFailure(
  error: unknown,
  feature: string,
  permission: string,
  unavailableHint: string,
  logger: { warning(message: string): void },
): SkippedByApiFailure {
  const failure = describeApiFailure(error, feature, permission, unavailableHint);
  logger.warning(failure.message);
  return {
    status: 'skipped',
    cause: failure.reason,
    reason: failure.message,
    ...(failure.status !== undefined ? { httpStatus: failure.status } : {}),
  };
}
