import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readGitHubContext } from '../../src/core/github/context.js';
import { UsageError } from '../../src/core/errors.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'context-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const MERGE = 'c'.repeat(40);

function event(name: string, mutate: (payload: Record<string, any>) => void = () => {}): string {
  const payload = JSON.parse(readFileSync(path.resolve('__tests__/fixtures/events', name), 'utf8')) as Record<string, any>;
  mutate(payload);
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(payload));
  return file;
}

function env(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_SHA: MERGE,
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_RUN_ID: '99',
    GITHUB_WORKSPACE: '/home/runner/work/octo-repo/octo-repo',
    RUNNER_TEMP: '/home/runner/work/_temp',
    ...overrides,
  };
}

const samePr = (p: Record<string, any>) => {
  p['pull_request'].number = 7;
  p['pull_request'].base.sha = BASE;
  p['pull_request'].head.sha = HEAD;
  p['pull_request'].base.repo.full_name = 'octo-org/octo-repo';
  p['pull_request'].head.repo.full_name = 'octo-org/octo-repo';
};

describe('readGitHubContext', () => {
  it('reads a pull request from the real payload shape, with base and head SHAs', () => {
    const ctx = readGitHubContext(env({ GITHUB_EVENT_PATH: event('pull_request.synchronize.json', samePr) }));
    expect(ctx.pullRequest).toEqual({
      number: 7,
      baseSha: BASE,
      headSha: HEAD,
      baseRef: expect.any(String),
      headRef: expect.any(String),
      isFork: false,
    });
    expect(ctx.readOnlyReason).toBeUndefined();
    expect(ctx.runUrl).toBe('https://github.com/octo-org/octo-repo/actions/runs/99');
    expect(ctx.apiUrl).toBe('https://api.github.com');
  });

  it('marks a fork pull request as read-only before any call is made', () => {
    const file = event('pull_request.opened.json', (p) => {
      samePr(p);
      p['pull_request'].head.repo.full_name = 'someone/octo-repo';
    });
    const ctx = readGitHubContext(env({ GITHUB_EVENT_PATH: file }));
    expect(ctx.pullRequest?.isFork).toBe(true);
    expect(ctx.readOnlyReason).toMatch(/fork/);
  });

  it('does not mark pull_request_target from a fork read-only: that event runs with the base repository token', () => {
    const file = event('pull_request.opened.json', (p) => {
      samePr(p);
      p['pull_request'].head.repo.full_name = 'someone/octo-repo';
    });
    const ctx = readGitHubContext(env({ GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: file }));
    expect(ctx.pullRequest?.isFork).toBe(true);
    expect(ctx.readOnlyReason).toBeUndefined();
  });

  it('treats a pull request whose fork was deleted (head.repo null) as a fork', () => {
    const file = event('pull_request.opened.json', (p) => {
      samePr(p);
      p['pull_request'].head.repo = null;
    });
    expect(readGitHubContext(env({ GITHUB_EVENT_PATH: file })).pullRequest?.isFork).toBe(true);
  });

  it('reads a push, with no `before` when the push created the branch', () => {
    const created = readGitHubContext(
      env({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/master', GITHUB_EVENT_PATH: event('push.json', (p) => (p['after'] = HEAD)) }),
    );
    expect(created.push).toEqual({ after: HEAD, created: true, forced: false, defaultBranch: expect.any(String) });
    const normal = readGitHubContext(
      env({
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: event('push.json', (p) => Object.assign(p, { before: BASE, after: HEAD, created: false })),
      }),
    );
    expect(normal.push?.before).toBe(BASE);
  });

  it('takes the server and API URLs of GitHub Enterprise Server from the runner', () => {
    const ctx = readGitHubContext(
      env({
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_SERVER_URL: 'https://ghe.example.com/',
        GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
      }),
    );
    expect(ctx.serverUrl).toBe('https://ghe.example.com');
    expect(ctx.apiUrl).toBe('https://ghe.example.com/api/v3');
    expect(ctx.runUrl).toBe('https://ghe.example.com/octo-org/octo-repo/actions/runs/99');
  });

  it('names the missing part of the runner environment in one line', () => {
    expect(() => readGitHubContext(env({ GITHUB_REPOSITORY: '' }))).toThrow(UsageError);
    expect(() => readGitHubContext(env({ GITHUB_REPOSITORY: 'not-a-repo' }))).toThrow(/^Runner environment GITHUB_REPOSITORY: expected owner\/repo$/);
    expect(() => readGitHubContext(env({ GITHUB_SHA: 'abc' }))).toThrow(/GITHUB_SHA: expected a full commit SHA/);
  });

  it('names the event file and the missing key when a pull request payload lacks its head SHA', () => {
    const file = event('pull_request.opened.json', (p) => {
      delete p['pull_request'].head.sha;
    });
    expect(() => readGitHubContext(env({ GITHUB_EVENT_PATH: file }))).toThrow(
      new RegExp(`^pull_request event payload \\(${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) pull_request\\.head\\.sha: `),
    );
  });

  it('says so when the event file is not JSON', () => {
    const file = path.join(tmp, 'broken.json');
    writeFileSync(file, '{"pull_request": ');
    expect(() => readGitHubContext(env({ GITHUB_EVENT_PATH: file }))).toThrow(/the event payload is not valid JSON/);
  });
});

describe('readGitHubContext on any event payload', () => {
  it('ends in a context or a one-line UsageError, never another exception', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.constantFrom('pull_request', 'pull_request_target', 'push', 'schedule'), fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ pull_request: v, before: v, after: v }))), (eventName, text) => {
        const file = path.join(tmp, 'fuzz.json');
        writeFileSync(file, text);
        try {
          readGitHubContext(env({ GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: file }));
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 300 },
    );
  });
});
