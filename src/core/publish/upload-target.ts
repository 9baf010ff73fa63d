/** The commit and ref a SARIF upload is attributed to. */
export interface UploadTarget {
  commitSha: string;
  ref: string;
}

export interface UploadTargetInput {
  /** GITHUB_EVENT_NAME. */
  eventName: string;
  /** GITHUB_SHA. */
  sha: string;
  /** GITHUB_REF. */
  ref: string;
  /** From the event payload, on pull_request events. */
  pullRequest?: { number: number; headSha: string };
  /** `git rev-parse HEAD` in the workspace, when known. */
  checkedOutSha?: string;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * Picks the commit and ref code scanning should attach results to.
 *
 * On pull_request events GITHUB_SHA is the test merge commit and GITHUB_REF is
 * `refs/pull/N/merge`, which is right when the default checkout ran. When the
 * workflow checked out the PR head instead (actions/checkout with
 * `ref: ${{ github.event.pull_request.head.sha }}`), the analysed commit is the
 * head, and code scanning accepts it as `refs/pull/N/head` (docs: REST "Upload an
 * analysis as SARIF data" lists both refs/pull/N/merge and refs/pull/N/head).
 * Every other event uses GITHUB_SHA and GITHUB_REF as they are.
 */
export function resolveUploadTarget(input: UploadTargetInput): UploadTarget {
  const { pullRequest, checkedOutSha } = input;
  if (
    PULL_REQUEST_EVENTS.has(input.eventName) &&
    pullRequest !== undefined &&
    checkedOutSha !== undefined &&
    checkedOutSha !== input.sha &&
    checkedOutSha === pullRequest.headSha
  ) {
    return { commitSha: pullRequest.headSha, ref: `refs/pull/${pullRequest.number}/head` };
  }
  return { commitSha: input.sha, ref: input.ref };
}
