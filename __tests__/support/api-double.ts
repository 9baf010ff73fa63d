/**
 * A loopback stand-in for GitHub's REST API, for tests.
 *
 * It answers the operations in `__tests__/fixtures/github-openapi/` (a subset of
 * GitHub's official OpenAPI description) statefully, and checks every request
 * against that description: an unknown method + path answers 404, a body or
 * query the description does not allow answers 422, and both are recorded in
 * `violations`, so a test can assert that nothing GitHub would reject was sent.
 *
 * It runs in the jest process. Code under test reaches it either in-process
 * (a client built with `apiUrl: double.url`) or as a child process started with
 * `env: { ...process.env, ...double.env }`. Start children asynchronously
 * (`execFile`/`spawn`, never `spawnSync`): the double answers on the jest
 * process's event loop, so a synchronous child would wait for it forever.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under ESM its function may sit on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const DESCRIPTION_URL = new URL('../fixtures/github-openapi/api.github.com.subset.json', import.meta.url);

/** GitHub's page size for list endpoints when `per_page` is absent, and its maximum. */
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

/** The largest gzipped SARIF GitHub accepts (bytes); over it the upload answers 413. */
const MAX_SARIF_GZIPPED_BYTES = 10 * 1024 * 1024;

const DOCS = 'https://docs.github.com/rest';

/** The ref a seeded alert is on unless the test says otherwise. */
const DEFAULT_ALERT_REF = 'refs/heads/main';

// ---------------------------------------------------------------------------
// Public types

/** Who the token belongs to. */
export interface Identity {
  login: string;
  id?: number;
  /**
   * `installation` tokens (GITHUB_TOKEN, GitHub App tokens) cannot call GET /user:
   * it answers 403 "Resource not accessible by integration". `user` tokens (PATs) can.
   */
  kind: 'installation' | 'user';
}

/** How the processing of the next SARIF uploads goes, as GET .../sarifs/{id} reports it. */
export interface SarifProcessing {
  /** How many status polls answer `pending` before the outcome. */
  pendingPolls?: number;
  /** `complete`, or `failed` with the processing errors GitHub lists. */
  outcome?: 'complete' | { failed: string[] };
}

export type Fault =
  /** 500/502/503 responses (Octokit's retry plugin retries them). */
  | { kind: 'server-error'; status?: 500 | 502 | 503; times?: number }
  /** A secondary rate limit: 429 with `retry-after` (seconds), as GitHub sends it. */
  | { kind: 'rate-limit'; retryAfterSeconds?: number; times?: number }
  /** 403; the default message is what a token without the permission gets. */
  | { kind: 'forbidden'; message?: string; times?: number }
  /** 404, e.g. code scanning not enabled or the repository not visible. */
  | { kind: 'not-found'; message?: string; times?: number }
  /** Anything else. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string>; times?: number };

export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/repos/o/r/issues/1/comments`. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
  /** The matched operation, e.g. `issues/create-comment`; undefined for an unknown route. */
  operationId: string | undefined;
  /** The status the double answered with. */
  status: number;
  /** The fault that answered, when one did. */
  fault?: Fault['kind'];
}

export interface Violation {
  kind: 'unknown-route' | 'invalid-body' | 'invalid-query' | 'invalid-path' | 'missing-auth' | 'invalid-sarif' | 'invalid-response';
  method: string;
  path: string;
  operationId?: string;
  message: string;
}

export interface StoredComment {
  id: number;
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  login: string;
  createdAt: string;
  updatedAt: string;
  htmlUrl: string;
}

export interface StoredSarifUpload {
  id: string;
  owner: string;
  repo: string;
  /** The request body as sent (sarif still gzipped + base64). */
  body: Record<string, unknown>;
  /** The SARIF log, decoded. */
  sarif: { runs?: Array<{ automationDetails?: { id?: string } }> } & Record<string, unknown>;
  polls: number;
  processing: Required<SarifProcessing>;
}

export interface StoredAlert {
  number: number;
  state: 'open' | 'dismissed' | 'fixed';
  ruleId: string;
  severity: 'none' | 'note' | 'warning' | 'error';
  securitySeverityLevel?: 'low' | 'medium' | 'high' | 'critical';
  toolName: string;
  dismissedReason: string | null;
  dismissedComment: string | null;
  /** Where the most recent instance is; default `README.md` line 1. */
  path?: string;
  startLine?: number;
  /** The ref the alert was found on, as list-alerts' `ref` filters it; default `refs/heads/main`. */
  ref?: string;
  /** The commit of the most recent instance; default forty zeros. */
  commitSha?: string;
}

export interface ApiDoubleOptions {
  /** Whom the token belongs to; default the runner's GITHUB_TOKEN (`github-actions[bot]`, installation). */
  identity?: Identity;
  /** The token the double hands out in `env`; any non-empty token is accepted. */
  token?: string;
  /** The repository state helpers use when none is named; default `octo-org/octo-repo`. */
  repository?: string;
  /** Default processing of SARIF uploads; change later through `state.sarifProcessing`. */
  sarifProcessing?: SarifProcessing;
}

export interface ApiDoubleState {
  /** Applies to uploads received from now on. */
  sarifProcessing: Required<SarifProcessing>;
  readonly sarifUploads: StoredSarifUpload[];
  readonly snapshots: Array<{ owner: string; repo: string; body: unknown }>;
  /** The comments on an issue, oldest first. */
  comments(issueNumber: number, repository?: string): StoredComment[];
  /** Seeds a comment as if someone (by default us) had written it. */
  addComment(comment: { issueNumber: number; body: string; login?: string; repository?: string }): StoredComment;
  alerts(repository?: string): StoredAlert[];
  addAlert(alert: Partial<StoredAlert> & { ruleId: string }, repository?: string): StoredAlert;
}

export interface ApiDouble {
  /** The base URL, for `createGitHubClient({ apiUrl })` or GITHUB_API_URL. */
  url: string;
  /** GITHUB_API_URL and GITHUB_TOKEN for a child process. */
  env: { GITHUB_API_URL: string; GITHUB_TOKEN: string };
  token: string;
  identity: Identity;
  requests: RecordedRequest[];
  violations: Violation[];
  state: ApiDoubleState;
  /**
   * Makes the next requests to a route fail. `route` is an operationId
   * (`code-scanning/upload-sarif`) or `METHOD /template`
   * (`POST /repos/{owner}/{repo}/code-scanning/sarifs`). Faults queue up in order.
   */
  fail(route: string, fault: Fault): void;
  /** The requests to one route (same forms as `fail`). */
  requestsTo(route: string): RecordedRequest[];
  /** Throws, listing them, if any request broke the description. */
  assertNoViolations(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------
// The description

interface OperationObject {
  operationId: string;
  parameters: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: object }>;
  requestBody?: { required: boolean; content: { 'application/json': { schema: object } } };
  responses: Record<string, { content?: { 'application/json': { schema: object } } }>;
}

interface CompiledOperation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  pathParamNames: string[];
  validatePath: ValidateFunction;
  validateQuery: ValidateFunction;
  validateBody: ValidateFunction | undefined;
  bodyRequired: boolean;
  validateResponse: Map<number, ValidateFunction>;
}

let compiledCache: CompiledOperation[] | undefined;

/** Compiles the subset once per test file: ajv compilation is the slow part. */
function compileDescription(): CompiledOperation[] {
  if (compiledCache) return compiledCache;
  const description = normalizeNullable(JSON.parse(readFileSync(DESCRIPTION_URL, 'utf8'))) as {
    paths: Record<string, Record<string, OperationObject>>;
  };
  // OpenAPI 3.0 schemas: `nullable` is understood by ajv; `int64` etc. come from ajv-formats.
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
  addFormats(ajv);
  // Path and query values arrive as strings: a second instance coerces them to the declared types.
  const coercing = new Ajv({ allErrors: true, strict: false, coerceTypes: true });
  addFormats(coercing);
  const out: CompiledOperation[] = [];
  for (const [template, methods] of Object.entries(description.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const pathParamNames: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
        pathParamNames.push(name);
        return '([^/]+)';
      });
      const paramsSchema = (where: 'path' | 'query') => {
        const params = operation.parameters.filter((p) => p.in === where);
        return {
          type: 'object',
          properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
          required: params.filter((p) => p.required).map((p) => p.name),
        };
      };
      const bodySchema = operation.requestBody?.content['application/json'].schema;
      const validateResponse = new Map<number, ValidateFunction>();
      for (const [status, response] of Object.entries(operation.responses)) {
        const schema = response.content?.['application/json'].schema;
        if (schema) validateResponse.set(Number(status), ajv.compile(schema));
      }
      out.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${source}$`),
        pathParamNames,
        validatePath: coercing.compile(paramsSchema('path')),
        validateQuery: coercing.compile(paramsSchema('query')),
        validateBody: bodySchema ? ajv.compile(bodySchema) : undefined,
        bodyRequired: operation.requestBody?.required ?? false,
        validateResponse,
      });
    }
  }
  compiledCache = out;
  return out;
}

/**
 * GitHub's description writes `nullable: true` next to `anyOf`/`allOf` without a
 * `type`, meaning "this or null"; ajv only understands `nullable` beside `type`,
 * so such schemas become `anyOf: [null, schema]`. Everything else is left as is.
 */
function normalizeNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normalizeNullable);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, normalizeNullable(v)])) : normalizeNullable(value);
  }
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  // Likewise `nullable: true` beside an `enum` without null (update-alert's
  // `dismissed_reason`): GitHub answers null there, ajv would refuse it.
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  return out;
}

function formatAjvErrors(errors: ErrorObject[] | null | undefined, root: string): string {
  return (errors ?? [])
    .map((e) => {
      const where = `${root}${e.instancePath}`;
      if (e.keyword === 'additionalProperties') {
        return `${where} has a property the description does not allow: ${String((e.params as { additionalProperty: string }).additionalProperty)}`;
      }
      return `${where} ${e.message ?? e.keyword}`;
    })
    .join('; ');
}

// ---------------------------------------------------------------------------
// Response builders (shaped like GitHub's, and checked against the description)

function simpleUser(login: string, id: number, type: 'User' | 'Bot') {
  const url = `https://api.github.com/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${encodeURIComponent(login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
  };
}

// ---------------------------------------------------------------------------

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

function errorBody(message: string, status: number, extra: Record<string, unknown> = {}) {
  return { message, documentation_url: DOCS, status: String(status), ...extra };
}

/** Starts the double on 127.0.0.1 with a free port. */
export async function startApiDouble(options: ApiDoubleOptions = {}): Promise<ApiDouble> {
  const operations = compileDescription();
  const identity: Identity = options.identity ?? { login: 'github-actions[bot]', id: 41898282, kind: 'installation' };
  const identityId = identity.id ?? 1000;
  const token = options.token ?? 'ghs_apidoubletoken0000000000000000000000';
  const defaultRepository = options.repository ?? 'octo-org/octo-repo';

  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const faults = new Map<string, Fault[]>();
  const comments = new Map<string, StoredComment[]>();
  const alerts = new Map<string, StoredAlert[]>();
  const sarifUploads: StoredSarifUpload[] = [];
  const snapshots: Array<{ owner: string; repo: string; body: unknown }> = [];
  const userIds = new Map<string, number>([[identity.login, identityId]]);
  let nextCommentId = 1_000_001;
  let baseUrl = '';

  const userFor = (login: string) => {
    if (!userIds.has(login)) userIds.set(login, 2_000 + userIds.size);
    const type = login.endsWith('[bot]') ? 'Bot' : 'User';
    return simpleUser(login, userIds.get(login) ?? 0, type);
  };

  const resolveRoute = (route: string): CompiledOperation => {
    const trimmed = route.trim();
    const found = operations.find(
      (op) => op.operationId === trimmed || `${op.method} ${op.template}` === trimmed.replace(/^(\w+)/, (m) => m.toUpperCase()),
    );
    if (!found) {
      const known = operations.map((op) => op.operationId).join(', ');
      throw new Error(`The API double has no route "${route}". Expected an operationId (${known}) or "METHOD /template".`);
    }
    return found;
  };

  const toComment = (c: StoredComment) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${baseUrl}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
    html_url: c.htmlUrl,
    body: c.body,
    user: userFor(c.login),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${baseUrl}/repos/${c.owner}/${c.repo}/issues/${c.issueNumber}`,
    author_association: c.login === identity.login && identity.kind === 'user' ? 'MEMBER' : 'NONE',
  });

  const storeComment = (owner: string, repo: string, issueNumber: number, body: string, login: string): StoredComment => {
    const key = `${owner}/${repo}#${issueNumber}`;
    const id = nextCommentId++;
    const now = new Date().toISOString();
    const comment: StoredComment = {
      id,
      owner,
      repo,
      issueNumber,
      body,
      login,
      createdAt: now,
      updatedAt: now,
      htmlUrl: `https://github.com/${owner}/${repo}/pull/${issueNumber}#issuecomment-${id}`,
    };
    comments.set(key, [...(comments.get(key) ?? []), comment]);
    return comment;
  };

  const splitRepository = (repository: string): [string, string] => {
    const [owner, repo] = repository.split('/');
    if (!owner || !repo) throw new Error(`Expected a repository as owner/repo, got "${repository}".`);
    return [owner, repo];
  };

  const state: ApiDoubleState = {
    sarifProcessing: { pendingPolls: 0, outcome: 'complete', ...options.sarifProcessing },
    sarifUploads,
    snapshots,
    comments(issueNumber, repository = defaultRepository) {
      return [...(comments.get(`${repository}#${issueNumber}`) ?? [])];
    },
    addComment({ issueNumber, body, login = identity.login, repository = defaultRepository }) {
      const [owner, repo] = splitRepository(repository);
      return storeComment(owner, repo, issueNumber, body, login);
    },
    alerts(repository = defaultRepository) {
      return [...(alerts.get(repository) ?? [])];
    },
    addAlert(alert, repository = defaultRepository) {
      const list = alerts.get(repository) ?? [];
      const stored: StoredAlert = {
        number: list.length + 1,
        state: 'open',
        severity: 'warning',
        toolName: 'devsecops',
        dismissedReason: null,
        dismissedComment: null,
        ...alert,
      };
      alerts.set(repository, [...list, stored]);
      return stored;
    },
  };

  /** Slices a list like GitHub: `per_page` (default 30, max 100), 1-based `page`, and a Link header. */
  const paginate = <T>(items: T[], path: string, query: Record<string, string>): HttpAnswer => {
    const perPage = Math.min(Math.max(Number(query.per_page ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE, 1), MAX_PER_PAGE);
    const page = Math.max(Number(query.page ?? 1) || 1, 1);
    const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (p: number) => {
      const params = new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) });
      return `${baseUrl}${path}?${params.toString()}`;
    };
    const rels: string[] = [];
    if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`);
    if (page < lastPage) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(lastPage)}>; rel="last"`);
    if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
    return new HttpAnswer(200, slice, rels.length > 0 ? { link: rels.join(', ') } : {});
  };

  type Handler = (ctx: {
    params: Record<string, string>;
    query: Record<string, string>;
    body: Record<string, unknown>;
    path: string;
    method: string;
  }) => HttpAnswer;

  const handlers: Record<string, Handler> = {
    'users/get-authenticated': () => {
      if (identity.kind === 'installation') {
        return new HttpAnswer(403, errorBody('Resource not accessible by integration', 403));
      }
      const now = new Date(0).toISOString();
      return new HttpAnswer(200, {
        ...simpleUser(identity.login, identityId, 'User'),
        name: null,
        company: null,
        blog: '',
        location: null,
        email: null,
        hireable: null,
        bio: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: now,
        updated_at: now,
      });
    },

    'issues/list-comments': ({ params, query, path }) => {
      const list = comments.get(`${params.owner}/${params.repo}#${params.issue_number}`) ?? [];
      return paginate(list.map(toComment), path, query);
    },

    'issues/create-comment': ({ params, body }) => {
      const stored = storeComment(params.owner!, params.repo!, Number(params.issue_number), String(body.body), identity.login);
      return new HttpAnswer(201, toComment(stored), { location: toComment(stored).url });
    },

    'issues/update-comment': ({ params, body }) => {
      const list = [...comments.entries()]
        .filter(([key]) => key.startsWith(`${params.owner}/${params.repo}#`))
        .flatMap(([, value]) => value);
      const found = list.find((c) => c.id === Number(params.comment_id));
      if (!found) return new HttpAnswer(404, errorBody('Not Found', 404));
      if (found.login !== identity.login) {
        // GitHub lets only the author (or a maintainer) edit; a bot token never edits others' comments.
        return new HttpAnswer(403, errorBody('Resource not accessible by integration', 403));
      }
      found.body = String(body.body);
      found.updatedAt = new Date().toISOString();
      return new HttpAnswer(200, toComment(found));
    },

    'code-scanning/upload-sarif': ({ params, body }) => {
      let sarif: StoredSarifUpload['sarif'];
      try {
        const gzipped = Buffer.from(String(body.sarif), 'base64');
        if (gzipped.length > MAX_SARIF_GZIPPED_BYTES) {
          return new HttpAnswer(413, errorBody('Payload Too Large', 413));
        }
        sarif = JSON.parse(gunzipSync(gzipped).toString('utf8')) as StoredSarifUpload['sarif'];
      } catch (error) {
        throw new RequestViolation(
          'invalid-sarif',
          400,
          `sarif is not gzip + base64 of a JSON document: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const upload: StoredSarifUpload = {
        id: randomUUID(),
        owner: params.owner!,
        repo: params.repo!,
        body,
        sarif,
        polls: 0,
        processing: { ...state.sarifProcessing },
      };
      sarifUploads.push(upload);
      return new HttpAnswer(202, { id: upload.id, url: `${baseUrl}/repos/${upload.owner}/${upload.repo}/code-scanning/sarifs/${upload.id}` });
    },

    'code-scanning/get-sarif': ({ params }) => {
      const upload = sarifUploads.find((u) => u.id === params.sarif_id && u.owner === params.owner && u.repo === params.repo);
      if (!upload) return new HttpAnswer(404, errorBody('Not Found', 404));
      upload.polls += 1;
      const analysesUrl = `${baseUrl}/repos/${upload.owner}/${upload.repo}/code-scanning/analyses?sarif_id=${upload.id}`;
      if (upload.polls <= upload.processing.pendingPolls) {
        return new HttpAnswer(200, { processing_status: 'pending', analyses_url: null });
      }
      const { outcome } = upload.processing;
      if (outcome === 'complete') return new HttpAnswer(200, { processing_status: 'complete', analyses_url: analysesUrl });
      return new HttpAnswer(200, { processing_status: 'failed', analyses_url: null, errors: outcome.failed });
    },

    'dependency-graph/create-repository-snapshot': ({ params, body }) => {
      snapshots.push({ owner: params.owner!, repo: params.repo!, body });
      return new HttpAnswer(201, {
        id: snapshots.length,
        created_at: new Date().toISOString(),
        result: 'SUCCESS',
        message: 'Dependency results for the repo have been successfully updated.',
      });
    },

    'code-scanning/list-alerts-for-repo': ({ params, query, path }) => {
      const repository = `${params.owner}/${params.repo}`;
      // GitHub takes `ref` as refs/heads/<branch> or the bare branch name.
      const ref = query.ref === undefined || query.ref.startsWith('refs/') ? query.ref : `refs/heads/${query.ref}`;
      const list = (alerts.get(repository) ?? []).filter(
        (a) =>
          (!query.state || a.state === query.state) &&
          (ref === undefined || (a.ref ?? DEFAULT_ALERT_REF) === ref) &&
          (query.tool_name === undefined || a.toolName === query.tool_name),
      );
      return paginate(
        list.map((a) => toAlert(a, repository)),
        path,
        query,
      );
    },

    'code-scanning/update-alert': ({ params, body }) => {
      const repository = `${params.owner}/${params.repo}`;
      const alert = (alerts.get(repository) ?? []).find((a) => a.number === Number(params.alert_number));
      if (!alert) return new HttpAnswer(404, errorBody('Not Found', 404));
      if (body.state === 'dismissed' && !body.dismissed_reason) {
        return new HttpAnswer(422, errorBody('dismissed_reason is required when state is dismissed', 422));
      }
      if (body.state === 'open' || body.state === 'dismissed') alert.state = body.state;
      alert.dismissedReason = (body.dismissed_reason as string | undefined) ?? null;
      alert.dismissedComment = (body.dismissed_comment as string | undefined) ?? null;
      return new HttpAnswer(200, toAlert(alert, repository));
    },
  };

  const toAlert = (a: StoredAlert, repository: string) => {
    const api = `${baseUrl}/repos/${repository}/code-scanning/alerts/${a.number}`;
    return {
      number: a.number,
      created_at: new Date(0).toISOString(),
      url: api,
      html_url: `https://github.com/${repository}/security/code-scanning/${a.number}`,
      instances_url: `${api}/instances`,
      state: a.state,
      fixed_at: null,
      dismissed_by: a.state === 'dismissed' ? userFor(identity.login) : null,
      dismissed_at: a.state === 'dismissed' ? new Date().toISOString() : null,
      dismissed_reason: a.state === 'dismissed' ? a.dismissedReason : null,
      dismissed_comment: a.state === 'dismissed' ? a.dismissedComment : null,
      rule: {
        id: a.ruleId,
        name: a.ruleId,
        severity: a.severity,
        security_severity_level: a.securitySeverityLevel ?? null,
        description: a.ruleId,
        tags: [],
      },
      tool: { name: a.toolName, version: null, guid: null },
      most_recent_instance: {
        ref: a.ref ?? DEFAULT_ALERT_REF,
        analysis_key: '.github/workflows/devsecops.yml:scan',
        category: '',
        environment: '{}',
        state: a.state,
        commit_sha: a.commitSha ?? '0'.repeat(40),
        message: { text: a.ruleId },
        location: {
          path: a.path ?? 'README.md',
          start_line: a.startLine ?? 1,
          end_line: a.startLine ?? 1,
          start_column: 1,
          end_column: 2,
        },
        classifications: [],
      },
    };
  };

  const takeFault = (operationId: string): Fault | undefined => {
    const queue = faults.get(operationId);
    const fault = queue?.[0];
    if (!queue || !fault) return undefined;
    const remaining = (fault.times ?? defaultTimes(fault)) - 1;
    if (remaining <= 0) queue.shift();
    else queue[0] = { ...fault, times: remaining };
    return fault;
  };

  const answerFault = (fault: Fault): HttpAnswer => {
    switch (fault.kind) {
      case 'server-error': {
        const status = fault.status ?? 502;
        return new HttpAnswer(status, errorBody('Server Error', status));
      }
      case 'rate-limit':
        // GitHub's wording: Octokit's throttling plugin recognises "secondary rate" and honours retry-after.
        return new HttpAnswer(
          429,
          errorBody('You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', 429),
          { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
        );
      case 'forbidden':
        return new HttpAnswer(403, errorBody(fault.message ?? 'Resource not accessible by integration', 403));
      case 'not-found':
        return new HttpAnswer(404, errorBody(fault.message ?? 'Not Found', 404));
      case 'status':
        return new HttpAnswer(fault.status, fault.body ?? errorBody(`Status ${fault.status}`, fault.status), fault.headers);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams.entries());
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method,
      path,
      query,
      headers: req.headers,
      body: undefined,
      operationId: undefined,
      status: 0,
    };
    requests.push(record);
    const violate = (kind: Violation['kind'], status: number, message: string, operationId?: string) => {
      violations.push({ kind, method, path, ...(operationId ? { operationId } : {}), message });
      return new HttpAnswer(status, errorBody(message, status));
    };

    const answer = ((): HttpAnswer => {
      if (raw.length > 0) {
        try {
          record.body = JSON.parse(raw);
        } catch {
          return violate('invalid-body', 400, 'Problems parsing JSON');
        }
      }
      const candidates = operations.filter((op) => op.pattern.test(path));
      const operation = candidates.find((op) => op.method === method);
      if (!operation) {
        return violate(
          'unknown-route',
          404,
          candidates.length > 0
            ? `${method} is not an operation on ${path} (the description has ${candidates.map((c) => c.method).join(', ')})`
            : `No operation in the description matches ${method} ${path}`,
        );
      }
      record.operationId = operation.operationId;
      const id = operation.operationId;
      if (!req.headers.authorization) return violate('missing-auth', 401, 'Requires authentication', id);

      const match = operation.pattern.exec(path);
      const params = Object.fromEntries(
        operation.pathParamNames.map((name, i) => [name, decodeURIComponent(match?.[i + 1] ?? '')]),
      );
      const coercedParams: Record<string, unknown> = { ...params };
      if (!operation.validatePath(coercedParams)) {
        return violate('invalid-path', 422, formatAjvErrors(operation.validatePath.errors, 'path'), id);
      }
      const coercedQuery: Record<string, unknown> = { ...query };
      if (!operation.validateQuery(coercedQuery)) {
        return violate('invalid-query', 422, formatAjvErrors(operation.validateQuery.errors, 'query'), id);
      }
      if (operation.validateBody) {
        if (record.body === undefined) {
          if (operation.bodyRequired) return violate('invalid-body', 422, 'The request needs a JSON body', id);
        } else if (!operation.validateBody(record.body)) {
          return violate('invalid-body', 422, `Invalid request. ${formatAjvErrors(operation.validateBody.errors, 'body')}`, id);
        }
      }

      const fault = takeFault(id);
      if (fault) {
        record.fault = fault.kind;
        return answerFault(fault);
      }
      const handler = handlers[id];
      if (!handler) return new HttpAnswer(501, errorBody(`The API double does not implement ${id}`, 501));
      try {
        const answer = handler({ params, query, body: (record.body ?? {}) as Record<string, unknown>, path, method });
        const validateResponse = operation.validateResponse.get(answer.status);
        if (validateResponse && !validateResponse(answer.body)) {
          // The double's own bug, not the caller's: still recorded so a test notices.
          violations.push({
            kind: 'invalid-response',
            method,
            path,
            operationId: id,
            message: `The double answered ${answer.status} with a body the description does not allow: ${formatAjvErrors(validateResponse.errors, 'response')}`,
          });
        }
        return answer;
      } catch (error) {
        if (error instanceof RequestViolation) return violate(error.kind, error.status, error.message, id);
        throw error;
      }
    })();

    record.status = answer.status;
    const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': `DOUBLE:${requests.length}`,
      ...answer.headers,
    });
    res.end(payload);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(errorBody(`API double crashed: ${error instanceof Error ? error.stack : String(error)}`, 500)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    env: { GITHUB_API_URL: baseUrl, GITHUB_TOKEN: token },
    token,
    identity,
    requests,
    violations,
    state,
    fail(route, fault) {
      const { operationId } = resolveRoute(route);
      faults.set(operationId, [...(faults.get(operationId) ?? []), fault]);
    },
    requestsTo(route) {
      const { operationId } = resolveRoute(route);
      return requests.filter((r) => r.operationId === operationId);
    },
    assertNoViolations() {
      if (violations.length > 0) {
        const lines = violations.map((v) => `- ${v.kind}: ${v.method} ${v.path}: ${v.message}`);
        throw new Error(`The API double saw ${violations.length} request(s) GitHub would reject:\n${lines.join('\n')}`);
      }
    },
    close() {
      // Octokit's fetch keeps connections alive; without this, close() waits for them to time out.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Permission and feature faults persist (a token does not gain a permission mid-run); transient ones happen once. */
function defaultTimes(fault: Fault): number {
  return fault.kind === 'forbidden' || fault.kind === 'not-found' ? Number.POSITIVE_INFINITY : 1;
}

class RequestViolation extends Error {
  constructor(
    readonly kind: Violation['kind'],
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
