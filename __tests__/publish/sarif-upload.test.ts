import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import type { Log, Result, Run } from 'sarif';
import { createGitHubClient, type GitHubClient } from '../../src/core/github/client.js';
import { createRecordingLogger } from '../../src/core/logger.js';
import {
  MAX_SARIF_GZIPPED_BYTES,
  MAX_SARIF_RESULTS_PER_RUN,
  MAX_SARIF_RUNS,
  SarifLimitError,
  buildUploadPayload,
  checkSarifLimits,
  uploadSarif,
  type UploadSarifOptions,
} from '../../src/core/publish/sarif-upload.js';
import { resolveUploadTarget } from '../../src/core/publish/upload-target.js';
import { startApiDouble, type ApiDouble } from '../support/api-double.js';

const SHA = 'c0ffee'.padEnd(40, '0');
const target = { commitSha: SHA, ref: 'refs/heads/main' };

function run(results: Result[] = [], name = 'devsecops'): Run {
  return { tool: { driver: { name, version: '0.1.0', rules: [] } }, results };
}
function sarifLog(runs: Run[] = [run([{ ruleId: 'secret/aws', message: { text: 'AWS key' } }])]): Log {
  return { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs };
}

let double: ApiDouble;
let client: GitHubClient;
let logger: ReturnType<typeof createRecordingLogger>;
let tmp: string;

beforeEach(async () => {
  double = await startApiDouble();
  logger = createRecordingLogger();
  client = await createGitHubClient({ token: double.token, apiUrl: double.url, logger, retryAfterBaseMs: 5 });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sarif-upload-'));
});
afterEach(async () => {
  await double.close();
  rmSync(tmp, { recursive: true, force: true });
});

const upload = (overrides: Partial<UploadSarifOptions> = {}) =>
  uploadSarif({
    client,
    owner: 'octo-org',
    repo: 'octo-repo',
    target,
    sarif: sarifLog(),
    checkoutUri: '/home/runner/work/octo-repo/octo-repo',
    category: 'devsecops/secrets',
    logger,
    pollIntervalMs: 1,
    maxWaitMs: 5_000,
    uploadedCategoriesFile: path.join(tmp, 'uploaded-categories.json'),
    ...overrides,
  });
const warnings = () => logger.lines.filter((l) => l.level === 'warning').map((l) => l.message);

describe('resolveUploadTarget', () => {
  it('uses GITHUB_SHA and GITHUB_REF on a push', () => {
    expect(resolveUploadTarget({ eventName: 'push', sha: SHA, ref: 'refs/heads/main', checkedOutSha: SHA })).toEqual({
      commitSha: SHA,
      ref: 'refs/heads/main',
    });
  });

  it('keeps the merge commit and refs/pull/N/merge when the default merge commit was checked out', () => {
    const merge = 'a'.repeat(40);
    expect(
      resolveUploadTarget({
        eventName: 'pull_request',
        sha: merge,
        ref: 'refs/pull/42/merge',
        pullRequest: { number: 42, headSha: 'b'.repeat(40) },
        checkedOutSha: merge,
      }),
    ).toEqual({ commitSha: merge, ref: 'refs/pull/42/merge' });
  });

  it('switches to the head sha and refs/pull/N/head when the PR head was checked out', () => {
    const head = 'b'.repeat(40);
    expect(
      resolveUploadTarget({
        eventName: 'pull_request',
        sha: 'a'.repeat(40),
        ref: 'refs/pull/42/merge',
        pullRequest: { number: 42, headSha: head },
        checkedOutSha: head,
      }),
    ).toEqual({ commitSha: head, ref: 'refs/pull/42/head' });
  });
});

describe('buildUploadPayload', () => {
  it('sends exactly commit_sha, ref, sarif, checkout_uri and tool_name, with the SARIF gzipped and base64-encoded', () => {
    const sarif = sarifLog();
    const payload = buildUploadPayload({ sarif, target, checkoutUri: '/home/runner/work/r/r' });
    expect(Object.keys(payload).sort()).toEqual(['checkout_uri', 'commit_sha', 'ref', 'sarif', 'tool_name']);
    expect(payload).toEqual(
      expect.objectContaining({ commit_sha: SHA, ref: 'refs/heads/main', checkout_uri: 'file:///home/runner/work/r/r', tool_name: 'devsecops' }),
    );
    expect(JSON.parse(gunzipSync(Buffer.from(payload.sarif, 'base64')).toString('utf8'))).toEqual(sarif);
  });

  it('accepts a log exactly at the run and result limits', () => {
    const results = Array.from({ length: MAX_SARIF_RESULTS_PER_RUN }, (): Result => ({ message: { text: 'x' } }));
    expect(checkSarifLimits(sarifLog([run(results), ...Array.from({ length: MAX_SARIF_RUNS - 1 }, () => run())]), 1)).toEqual([]);
  });

  it('refuses more than 20 runs', () => {
    const sarif = sarifLog(Array.from({ length: MAX_SARIF_RUNS + 1 }, () => run()));
    expect(() => buildUploadPayload({ sarif, target, checkoutUri: '/w' })).toThrow(/21 runs; GitHub accepts at most 20/);
  });

  it('refuses more than 25,000 results in a run', () => {
    const results = Array.from({ length: MAX_SARIF_RESULTS_PER_RUN + 1 }, (): Result => ({ message: { text: 'x' } }));
    expect(() => buildUploadPayload({ sarif: sarifLog([run(results)]), target, checkoutUri: '/w' })).toThrow(
      /25001 results; GitHub accepts at most 25,000 per run/,
    );
  });

  it('refuses a log over 10 MB gzipped', () => {
    // Random bytes do not compress: base64 of them stays ~75% of its size gzipped.
    const noise = randomBytes(Math.ceil(MAX_SARIF_GZIPPED_BYTES * 1.1)).toString('base64');
    const sarif = sarifLog([run([{ message: { text: noise } }])]);
    expect(() => buildUploadPayload({ sarif, target, checkoutUri: '/w' })).toThrow(SarifLimitError);
    expect(() => buildUploadPayload({ sarif, target, checkoutUri: '/w' })).toThrow(/bytes gzipped; GitHub accepts at most 10,000,000/);
  });
});

describe('uploadSarif against the API double', () => {
  it('uploads a body GitHub accepts, with the category in runs[].automationDetails.id', async () => {
    const result = await upload();
    expect(result).toEqual(expect.objectContaining({ status: 'uploaded', processingStatus: 'complete' }));
    double.assertNoViolations();
    const [sent] = double.requestsTo('code-scanning/upload-sarif');
    expect(Object.keys(sent?.body as object).sort()).toEqual(['checkout_uri', 'commit_sha', 'ref', 'sarif', 'tool_name']);
    expect(double.state.sarifUploads[0]?.sarif.runs?.[0]?.automationDetails?.id).toBe('devsecops/secrets/');
  });

  it('polls while processing is pending and reports complete', async () => {
    double.state.sarifProcessing = { pendingPolls: 2, outcome: 'complete' };
    const result = await upload();
    expect(result).toEqual(expect.objectContaining({ status: 'uploaded', processingStatus: 'complete' }));
    expect(double.requestsTo('code-scanning/get-sarif')).toHaveLength(3);
  });

  it('reports failed processing with GitHub\'s errors, in the result and the log', async () => {
    double.state.sarifProcessing = { pendingPolls: 0, outcome: { failed: ['locationFromSarifResult: expected artifact location'] } };
    const result = await upload();
    expect(result).toEqual(
      expect.objectContaining({ status: 'failed', errors: ['locationFromSarifResult: expected artifact location'] }),
    );
    expect(warnings().join('\n')).toContain('locationFromSarifResult: expected artifact location');
  });

  it('stops waiting after maxWaitMs with a warning, still counting the upload as done', async () => {
    double.state.sarifProcessing = { pendingPolls: 10_000, outcome: 'complete' };
    const result = await upload({ maxWaitMs: 30, pollIntervalMs: 5 });
    expect(result).toEqual(expect.objectContaining({ status: 'uploaded', processingStatus: 'pending' }));
    expect(warnings().join('\n')).toMatch(/had not finished processing/);
  });

  it('does not poll when waitForProcessing is off', async () => {
    const result = await upload({ waitForProcessing: false });
    expect(result).toEqual(expect.objectContaining({ status: 'uploaded', processingStatus: 'not-checked' }));
    expect(double.requestsTo('code-scanning/get-sarif')).toHaveLength(0);
  });

  it('retries a 5xx and then succeeds', async () => {
    double.fail('code-scanning/upload-sarif', { kind: 'server-error', status: 502 });
    const result = await upload({ waitForProcessing: false });
    expect(result.status).toBe('uploaded');
    expect(double.requestsTo('code-scanning/upload-sarif').map((r) => r.status)).toEqual([502, 202]);
  });

  it('retries a 429 and then succeeds', async () => {
    double.fail('code-scanning/upload-sarif', { kind: 'rate-limit', retryAfterSeconds: 1 });
    const result = await upload({ waitForProcessing: false });
    expect(result.status).toBe('uploaded');
    expect(double.requestsTo('code-scanning/upload-sarif').map((r) => r.status)).toEqual([429, 202]);
  });

  // The retry plugin must leave 429 to the throttling plugin, which reads `retry-after`.
  it('honours retry-after on a 429', async () => {
    const slow = await createGitHubClient({ token: double.token, apiUrl: double.url, logger, retryAfterBaseMs: 700 });
    double.fail('code-scanning/upload-sarif', { kind: 'rate-limit', retryAfterSeconds: 2 });
    const started = Date.now();
    const result = await upload({ client: slow, waitForProcessing: false });
    const elapsed = Date.now() - started;
    expect(result.status).toBe('uploaded');
    expect(double.requestsTo('code-scanning/upload-sarif').map((r) => r.status)).toEqual([429, 202]);
    // retry-after: 2 at 700 ms per second. Without it the retry comes after ~1,000 ms (the retry
    // plugin's first back-off, and the throttling plugin's one-write-per-second spacing).
    expect(elapsed).toBeGreaterThanOrEqual(1_390);
    expect(warnings().join('\n')).toMatch(/rate limit hit .* retrying in 2s/);
  });

  it('degrades a 403 from a read-only token to a warning naming security-events: write', async () => {
    double.fail('code-scanning/upload-sarif', { kind: 'forbidden' });
    const result = await upload();
    expect(result).toEqual(expect.objectContaining({ status: 'skipped', cause: 'missing-permission', httpStatus: 403 }));
    expect(warnings()).toEqual([
      'Code scanning upload skipped: the token lacks `security-events: write` (add `permissions: security-events: write` to the job; ' +
        'fork pull requests never have it) (GitHub said: 403 Resource not accessible by integration).',
    ]);
    expect(readFileSafe(path.join(tmp, 'uploaded-categories.json'))).toBeUndefined();
  });

  it('degrades a 403 for missing Advanced Security to a warning that code scanning is not enabled', async () => {
    double.fail('code-scanning/upload-sarif', {
      kind: 'forbidden',
      message: 'Advanced Security must be enabled for this repository to use code scanning.',
    });
    const result = await upload();
    expect(result).toEqual(expect.objectContaining({ status: 'skipped', cause: 'feature-disabled' }));
    expect(warnings()[0]).toMatch(/^Code scanning upload skipped: code scanning is not enabled for this repository/);
  });

  it('degrades a 404 to a warning that code scanning is not enabled', async () => {
    double.fail('code-scanning/upload-sarif', { kind: 'not-found' });
    const result = await upload();
    expect(result).toEqual(expect.objectContaining({ status: 'skipped', cause: 'feature-disabled', httpStatus: 404 }));
    expect(warnings()[0]).toMatch(/code scanning is not enabled .*GitHub said: 404 Not Found/);
  });

  it('degrades any other API error to a warning with the status instead of throwing', async () => {
    double.fail('code-scanning/upload-sarif', { kind: 'status', status: 400, body: { message: 'Invalid SARIF' } });
    const result = await upload();
    expect(result).toEqual(expect.objectContaining({ status: 'skipped', cause: 'api-error', httpStatus: 400 }));
    expect(warnings()[0]).toBe('Code scanning upload failed: GitHub answered 400 Invalid SARIF.');
  });

  it('refuses an over-limit log without sending anything', async () => {
    const result = await upload({ sarif: sarifLog(Array.from({ length: MAX_SARIF_RUNS + 1 }, () => run())) });
    expect(result).toEqual(expect.objectContaining({ status: 'skipped', cause: 'over-limit' }));
    expect(double.requests).toHaveLength(0);
  });

  it('refuses a second upload of the same category in one job', async () => {
    expect((await upload()).status).toBe('uploaded');
    const second = await upload({ category: 'devsecops/secrets/' });
    expect(second).toEqual(expect.objectContaining({ status: 'skipped', cause: 'duplicate-category' }));
    expect(warnings()[0]).toMatch(/category "devsecops\/secrets" was already uploaded in this job/);
    expect(double.requestsTo('code-scanning/upload-sarif')).toHaveLength(1);
    expect((await upload({ category: 'devsecops/dependencies' })).status).toBe('uploaded');
    expect(JSON.parse(readFileSync(path.join(tmp, 'uploaded-categories.json'), 'utf8'))).toEqual({
      categories: ['devsecops/dependencies', 'devsecops/secrets'],
    });
  });
});

function readFileSafe(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
