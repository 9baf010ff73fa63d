import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';

const shaSchema = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a full commit SHA');
/** A push that creates a branch has `before` set to all zeros. */
const ZERO_SHA = /^0+$/;

const repoSchema = z.object({ full_name: z.string(), fork: z.boolean().optional() }).nullable().optional();

/** The parts of a pull_request / pull_request_target payload the suite relies on. */
const pullRequestPayloadSchema = z.object({
  pull_request: z.object({
    number: z.number().int().positive(),
    base: z.object({ sha: shaSchema, ref: z.string(), repo: repoSchema }),
    head: z.object({ sha: shaSchema, ref: z.string(), repo: repoSchema }),
  }),
});

/** The parts of a push payload the suite relies on. */
const pushPayloadSchema = z.object({
  before: z.string(),
  after: shaSchema,
  created: z.boolean().optional(),
  forced: z.boolean().optional(),
  repository: z.object({ default_branch: z.string().optional() }).optional(),
});

const envSchema = z.object({
  GITHUB_EVENT_NAME: z.string().min(1),
  GITHUB_REPOSITORY: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'expected owner/repo'),
  GITHUB_SHA: shaSchema,
  GITHUB_REF: z.string().default(''),
  GITHUB_SERVER_URL: z.string().url().default('https://github.com'),
  GITHUB_API_URL: z.string().url().default('https://api.github.com'),
  GITHUB_RUN_ID: z.string().default('0'),
  GITHUB_RUN_ATTEMPT: z.string().default('1'),
  GITHUB_WORKFLOW: z.string().default(''),
  GITHUB_JOB: z.string().default(''),
  GITHUB_ACTOR: z.string().default(''),
  GITHUB_WORKSPACE: z.string().optional(),
  GITHUB_EVENT_PATH: z.string().optional(),
  RUNNER_TEMP: z.string().optional(),
});

export interface PullRequestContext {
  number: number;
  baseSha: string;
  headSha: string;
  baseRef: string;
  headRef: string;
  /** The head lives in another repository: GITHUB_TOKEN is read-only on `pull_request`. */
  isFork: boolean;
}

export interface PushContext {
  /** Undefined when the push created the branch (GitHub sends all zeros). */
  before?: string;
  after: string;
  created: boolean;
  forced: boolean;
  defaultBranch?: string;
}

export interface GitHubContext {
  eventName: string;
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  serverUrl: string;
  apiUrl: string;
  runId: string;
  runAttempt: string;
  workflow: string;
  job: string;
  actor: string;
  workspace: string;
  runnerTemp: string;
  runUrl: string;
  pullRequest?: PullRequestContext;
  push?: PushContext;
  /**
   * Set when the event alone shows the token cannot write (a fork's pull
   * request under `pull_request`): write calls are skipped before they are made.
   */
  readOnlyReason?: string;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

function describeZodIssue(where: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const key = issue?.path.join('.') ?? '';
  return `${where}${key ? ` ${key}` : ''}: ${issue?.message ?? 'invalid'}`;
}

function readEventPayload(eventPath: string | undefined): unknown {
  if (!eventPath) return {};
  let text: string;
  try {
    text = readFileSync(eventPath, 'utf8');
  } catch (error) {
    throw new UsageError(`GITHUB_EVENT_PATH ${eventPath}: cannot read the event payload (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`GITHUB_EVENT_PATH ${eventPath}: the event payload is not valid JSON.`);
  }
}

/**
 * Reads the runner's environment and event payload into a validated context.
 * Every part a later step relies on is checked here, so a missing SHA or a
 * malformed payload is one clear message instead of a failure deep inside.
 */
export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const parsedEnv = envSchema.safeParse(env);
  if (!parsedEnv.success) throw new UsageError(describeZodIssue('Runner environment', parsedEnv.error));
  const e = parsedEnv.data;
  const [owner, repo] = e.GITHUB_REPOSITORY.split('/') as [string, string];
  const payload = readEventPayload(e.GITHUB_EVENT_PATH);
  const workspace = path.resolve(e.GITHUB_WORKSPACE ?? process.cwd());
  const serverUrl = e.GITHUB_SERVER_URL.replace(/\/+$/, '');
  const context: GitHubContext = {
    eventName: e.GITHUB_EVENT_NAME,
    owner,
    repo,
    sha: e.GITHUB_SHA,
    ref: e.GITHUB_REF,
    serverUrl,
    apiUrl: e.GITHUB_API_URL.replace(/\/+$/, ''),
    runId: e.GITHUB_RUN_ID,
    runAttempt: e.GITHUB_RUN_ATTEMPT,
    workflow: e.GITHUB_WORKFLOW,
    job: e.GITHUB_JOB,
    actor: e.GITHUB_ACTOR,
    workspace,
    runnerTemp: path.resolve(e.RUNNER_TEMP ?? path.join(workspace, '..', '_temp')),
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${e.GITHUB_RUN_ID}`,
  };

  if (PULL_REQUEST_EVENTS.has(context.eventName)) {
    const parsed = pullRequestPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new UsageError(describeZodIssue(`${context.eventName} event payload (${e.GITHUB_EVENT_PATH ?? 'missing'})`, parsed.error));
    const pr = parsed.data.pull_request;
    const headRepo = pr.head.repo?.full_name;
    const baseRepo = pr.base.repo?.full_name ?? e.GITHUB_REPOSITORY;
    // A deleted fork has head.repo null: treat it as a fork, it certainly is not this repository.
    const isFork = headRepo === undefined ? pr.head.repo === null : headRepo.toLowerCase() !== baseRepo.toLowerCase();
    context.pullRequest = {
      number: pr.number,
      baseSha: pr.base.sha,
      headSha: pr.head.sha,
      baseRef: pr.base.ref,
      headRef: pr.head.ref,
      isFork,
    };
    // GitHub gives `pull_request` runs from forks a read-only GITHUB_TOKEN whatever
    // the workflow's `permissions` say ("Permissions for the GITHUB_TOKEN" docs).
    if (isFork && context.eventName === 'pull_request') {
      context.readOnlyReason = 'this pull request comes from a fork, and GitHub gives such runs a read-only token';
    }
  } else if (context.eventName === 'push') {
    const parsed = pushPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new UsageError(describeZodIssue(`push event payload (${e.GITHUB_EVENT_PATH ?? 'missing'})`, parsed.error));
    const p = parsed.data;
    const created = p.created ?? ZERO_SHA.test(p.before);
    context.push = {
      ...(ZERO_SHA.test(p.before) || !shaSchema.safeParse(p.before).success ? {} : { before: p.before }),
      after: p.after,
      created,
      forced: p.forced ?? false,
      ...(p.repository?.default_branch ? { defaultBranch: p.repository.default_branch } : {}),
    };
  }
  return context;
}
