import type { getOctokit } from '@actions/github';
import type { Logger } from '../logger.js';

/** The Octokit the suite uses: REST methods, pagination, retry and throttling. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** The REST base URL: GITHUB_API_URL on a runner (GitHub Enterprise Server included). */
  apiUrl: string;
  logger: Logger;
  /**
   * Multiplier for `retry-after` seconds (ms). Only tests lower it, so a 429
   * with `retry-after: 1` does not cost a real second.
   */
  retryAfterBaseMs?: number;
  /** How many times a rate-limited request is retried before it fails. */
  maxRateLimitRetries?: number;
}

const DEFAULT_MAX_RATE_LIMIT_RETRIES = 3;

/**
 * The one place a GitHub client is built. Nothing builds one at import time:
 * entry points call this and hand the client to the library, so tests can point
 * it at the API double through `apiUrl`. The toolkit is imported lazily so that
 * a run that never talks to GitHub (the CLI, a dry run) does not pay for loading it.
 */
export async function createGitHubClient(options: GitHubClientOptions): Promise<GitHubClient> {
  const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const maxRetries = options.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES;
  const { logger } = options;
  // Primary and secondary rate limits: wait as GitHub says (retry-after or the
  // reset time), a bounded number of times, and say so in the log.
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount < maxRetries) {
        logger.warning(
          `GitHub ${kind} rate limit hit on ${request.method} ${request.url}; retrying in ${retryAfter}s (attempt ${retryCount + 1} of ${maxRetries}).`,
        );
        return true;
      }
      logger.warning(`GitHub ${kind} rate limit hit on ${request.method} ${request.url}; giving up after ${maxRetries} retries.`);
      return false;
    };
  return getOctokit(
    options.token,
    {
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      log: {
        debug: (message: string) => logger.debug(message),
        info: (message: string) => logger.debug(message),
        warn: (message: string) => logger.debug(message),
        error: (message: string) => logger.debug(message),
      },
      // 429 belongs to the throttling plugin, which honours `retry-after`; left
      // to the retry plugin it would be retried after its own 1 s back-off. A 413
      // (a body too large, e.g. a dependency snapshot) will not shrink by resending.
      retry: {
        doNotRetry: [400, 401, 403, 404, 410, 413, 422, 429, 451],
        ...(options.retryAfterBaseMs !== undefined ? { retryAfterBaseValue: options.retryAfterBaseMs } : {}),
      },
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        ...(options.retryAfterBaseMs !== undefined ? { retryAfterBaseValue: options.retryAfterBaseMs } : {}),
      },
    },
    retry,
    throttling,
  );
}

/** The HTTP status of an Octokit RequestError, if that is what was thrown. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status;
    if (typeof status === 'number') return status;
  }
  return undefined;
}
