import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGitHubClient, type GitHubClient } from '../../src/core/github/client.js';
import { workingTree } from '../../src/core/inventory/file-tree.js';
import { buildInventory, type Inventory } from '../../src/core/inventory/inventory.js';
import { createRecordingLogger } from '../../src/core/logger.js';
import {
  resolveSnapshotTarget,
  submitDependencySnapshot,
  submitDependencySnapshots,
  type DependencySnapshot,
} from '../../src/core/publish/dependency-snapshot.js';
import { buildLockfileSnapshots, type LockfileSnapshot } from '../../src/scanners/sbom/snapshot.js';
import { startApiDouble, type ApiDouble } from '../support/api-double.js';

const ROUTE = 'POST /repos/{owner}/{repo}/dependency-graph/snapshots';
const FIXTURES = fileURLToPath(new URL('../fixtures/lockfiles/', import.meta.url));
const SHA = 'c0ffee'.padEnd(40, '0');

let tree: string;
let inventory: Inventory;
let built: LockfileSnapshot[];

beforeAll(async () => {
  tree = mkdtempSync(path.join(os.tmpdir(), 'dependency-snapshot-'));
  for (const [at, fixture] of [
    ['web', 'npm-package-lock-v3'],
    ['services/api', 'poetry'],
  ] as const) {
    mkdirSync(path.join(tree, at), { recursive: true });
    cpSync(path.join(FIXTURES, fixture), path.join(tree, at), { recursive: true });
  }
  inventory = await buildInventory({ tree: workingTree(tree), pathPrefix: '' });
  built = buildLockfileSnapshots(inventory, {
    sha: SHA,
    ref: 'refs/heads/main',
    run: { workflow: 'CI', job: 'sbom', id: '4242', htmlUrl: 'https://github.com/octo-org/octo-repo/actions/runs/4242' },
    detector: { name: 'devsecops-actions', version: '0.1.0', url: 'https://github.com/devsecops/devsecops-actions' },
    scanned: '2026-11-23T14:00:00Z',
  });
});
afterAll(() => rmSync(tree, { recursive: true, force: true }));

let double: ApiDouble;
let client: GitHubClient;
let logger: ReturnType<typeof createRecordingLogger>;

beforeEach(async () => {
  double = await startApiDouble();
  logger = createRecordingLogger();
  client = await createGitHubClient({ token: double.token, apiUrl: double.url, logger, retryAfterBaseMs: 5 });
});
afterEach(async () => {
  await double.close();
});

const warnings = () => logger.lines.filter((l) => l.level === 'warning').map((l) => l.message);
const submitAll = (readOnlyReason?: string) =>
  submitDependencySnapshots({
    client,
    owner: 'octo-org',
    repo: 'octo-repo',
    snapshots: built,
    logger,
    ...(readOnlyReason ? { readOnlyReason } : {}),
  });

describe('submitDependencySnapshots', () => {
  it('posts one snapshot per real lockfile, each a body GitHub accepts, exactly as built', async () => {
    const results = await submitAll();
    double.assertNoViolations();
    expect(results).toEqual([
      { manifest: 'services/api/poetry.lock', status: 'submitted', id: 1, result: 'SUCCESS' },
      { manifest: 'web/package-lock.json', status: 'submitted', id: 2, result: 'SUCCESS' },
    ]);
    expect(double.state.snapshots.map((s) => [s.owner, s.repo])).toEqual([
      ['octo-org', 'octo-repo'],
      ['octo-org', 'octo-repo'],
    ]);
    expect(double.state.snapshots.map((s) => s.body)).toEqual(built.map((b) => b.snapshot));
    const sent = double.state.snapshots[1]!.body as DependencySnapshot;
    expect(sent.job.correlator).toBe('CI sbom web/package-lock.json');
    expect(Object.keys(sent.manifests['web/package-lock.json']!.resolved)).toHaveLength(732);
    expect(warnings()).toEqual([]);
    expect(logger.lines.filter((l) => l.level === 'info').map((l) => l.message)).toEqual([
      `Submitted the dependency snapshot of services/api/poetry.lock to the dependency graph for refs/heads/main at ${SHA} (snapshot 1, SUCCESS).`,
      `Submitted the dependency snapshot of web/package-lock.json to the dependency graph for refs/heads/main at ${SHA} (snapshot 2, SUCCESS).`,
    ]);
  });

  it('turns a 403 into one warning naming `contents: write`, and sends nothing more', async () => {
    double.fail(ROUTE, { kind: 'forbidden' });
    const results = await submitAll();
    expect(double.requestsTo(ROUTE)).toHaveLength(1);
    expect(double.state.snapshots).toEqual([]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^Dependency submission skipped: the token lacks `contents: write` \(add `permissions: contents: write`/);
    expect(warnings()[0]).toContain('403 Resource not accessible by integration');
    expect(results.map((r) => [r.manifest, r.status, r.status === 'skipped' ? r.cause : undefined])).toEqual([
      ['services/api/poetry.lock', 'skipped', 'missing-permission'],
      ['web/package-lock.json', 'skipped', 'missing-permission'],
    ]);
  });

  it('sends nothing with a read-only token (a fork pull request) and says why once', async () => {
    const results = await submitAll('this pull request comes from a fork, and GitHub gives such runs a read-only token');
    expect(double.requests).toEqual([]);
    expect(warnings()).toEqual([
      'Dependency submission skipped: this pull request comes from a fork, and GitHub gives such runs a read-only token; ' +
        'the dependency graph needs `contents: write`. The SBOM files are still written.',
    ]);
    expect(results.every((r) => r.status === 'skipped' && r.cause === 'read-only')).toBe(true);
    expect(results).toHaveLength(2);
  });

  it('says the dependency graph is off on a 404, once', async () => {
    double.fail(ROUTE, { kind: 'not-found' });
    const results = await submitAll();
    expect(double.requestsTo(ROUTE)).toHaveLength(1);
    expect(warnings()).toEqual([
      'Dependency submission skipped: the dependency graph is not enabled for this repository (Settings > Advanced Security > ' +
        'Dependency graph), or the token cannot see it (GitHub said: 404 Not Found).',
    ]);
    expect(results.map((r) => r.status)).toEqual(['skipped', 'skipped']);
  });

  it('skips a snapshot GitHub finds too large (413), naming its lockfile and size', async () => {
    // GitHub refuses the same body every time; the client may retry it.
    double.fail(ROUTE, { kind: 'status', status: 413, body: { message: 'Payload Too Large' }, times: Number.POSITIVE_INFINITY });
    const results = await submitDependencySnapshots({ client, owner: 'octo-org', repo: 'octo-repo', snapshots: [built[1]!], logger });
    const bytes = Buffer.byteLength(JSON.stringify(built[1]!.snapshot), 'utf8');
    expect(results).toEqual([
      {
        manifest: 'web/package-lock.json',
        status: 'skipped',
        cause: 'too-large',
        httpStatus: 413,
        reason:
          `Dependency submission skipped: GitHub refused the dependency snapshot of web/package-lock.json (${bytes.toLocaleString('en-US')} bytes) ` +
          'as too large (413). The SBOM files still list every package.',
      },
    ]);
    expect(warnings()).toEqual([results[0]!.status === 'skipped' ? results[0]!.reason : '']);
    expect(double.state.snapshots).toEqual([]);
  });

  it('skips only the snapshot GitHub refuses for itself, and sends the next one', async () => {
    double.fail(ROUTE, { kind: 'status', status: 422, body: { message: 'Invalid request' } });
    const results = await submitAll();
    expect(results.map((r) => [r.manifest, r.status])).toEqual([
      ['services/api/poetry.lock', 'skipped'],
      ['web/package-lock.json', 'submitted'],
    ]);
    expect(warnings()).toEqual(['Dependency submission failed: GitHub answered 422 Invalid request.']);
    expect(double.state.snapshots.map((s) => Object.keys((s.body as DependencySnapshot).manifests))).toEqual([['web/package-lock.json']]);
  });

  it('retries a 502 and then submits', async () => {
    double.fail(ROUTE, { kind: 'server-error', status: 502 });
    const results = await submitAll();
    expect(results.map((r) => r.status)).toEqual(['submitted', 'submitted']);
    expect(double.requestsTo(ROUTE).map((r) => r.status)).toEqual([502, 201, 201]);
    expect(warnings()).toEqual([]);
  });
});

describe('submitDependencySnapshot', () => {
  it('returns the snapshot id GitHub gives', async () => {
    const result = await submitDependencySnapshot({ client, owner: 'octo-org', repo: 'octo-repo', snapshot: built[0]!.snapshot, logger });
    expect(result).toEqual({ status: 'submitted', id: 1, result: 'SUCCESS' });
    double.assertNoViolations();
  });

  it('does not count a snapshot GitHub answers INVALID as submitted', async () => {
    double.fail(ROUTE, {
      kind: 'status',
      status: 201,
      body: { id: 7, created_at: '2026-11-23T14:00:01Z', result: 'INVALID', message: 'manifests are not valid' },
    });
    const result = await submitDependencySnapshot({ client, owner: 'octo-org', repo: 'octo-repo', snapshot: built[0]!.snapshot, logger });
    expect(result).toEqual({
      status: 'skipped',
      cause: 'rejected',
      reason: 'Dependency submission: GitHub did not accept the dependency snapshot of services/api/poetry.lock (result INVALID: manifests are not valid).',
    });
    expect(warnings()).toEqual([result.status === 'skipped' ? result.reason : '']);
  });

  it('warns instead of throwing when the API cannot be reached', async () => {
    const unreachable = await createGitHubClient({ token: 't', apiUrl: 'http://127.0.0.1:1', logger, retryAfterBaseMs: 1 });
    const result = await submitDependencySnapshot({ client: unreachable, owner: 'o', repo: 'r', snapshot: built[0]!.snapshot, logger });
    expect(result).toMatchObject({ status: 'skipped', cause: 'api-error' });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^Dependency submission failed: /);
  });

  it('is a body the API double rejects when it breaks GitHub’s description (the check is real)', async () => {
    const broken = { ...built[0]!.snapshot, ref: 'main' };
    const result = await submitDependencySnapshot({ client, owner: 'octo-org', repo: 'octo-repo', snapshot: broken, logger });
    expect(result).toMatchObject({ status: 'skipped', httpStatus: 422 });
    expect(double.violations.map((v) => v.kind)).toEqual(['invalid-body']);
  });
});

describe('resolveSnapshotTarget', () => {
  const head = 'b'.repeat(40);
  it('uses the pull request head on pull_request: GITHUB_SHA is a merge commit no one pushed', () => {
    expect(resolveSnapshotTarget({ eventName: 'pull_request', sha: SHA, ref: 'refs/pull/7/merge', pullRequest: { headSha: head } })).toEqual({
      sha: head,
      ref: 'refs/pull/7/merge',
    });
  });

  it('keeps GITHUB_SHA on pull_request_target (it runs on the base) and on a push', () => {
    expect(resolveSnapshotTarget({ eventName: 'pull_request_target', sha: SHA, ref: 'refs/heads/main', pullRequest: { headSha: head } })).toEqual({
      sha: SHA,
      ref: 'refs/heads/main',
    });
    expect(resolveSnapshotTarget({ eventName: 'push', sha: SHA, ref: 'refs/heads/main' })).toEqual({ sha: SHA, ref: 'refs/heads/main' });
  });
});
