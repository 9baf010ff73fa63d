/**
 * The OSV API (google.github.io/osv.dev/api): POST /v1/querybatch names the
 * vulnerabilities of each package version (ids and `modified` only), then
 * GET /v1/vulns/{id} fetches each record, unless the cache already holds that
 * version of it.
 */
import { z } from 'zod';
import { AdvisorySourceError, describeError, type LoadedAdvisories } from './advisory-source.js';
import type { RecordCache } from './cache.js';
import { parseOsvRecord, type OsvRecord } from './osv-schema.js';
import type { PackageQuery } from './package-key.js';

export const OSV_API_BASE_URL = 'https://api.osv.dev';
/** osv.dev rejects a querybatch of more than 1000 queries (API docs, "Query vulnerabilities (batched)"). */
export const QUERYBATCH_MAX_QUERIES = 1000;
/** A query whose pages never end is a broken server, not a big package: stop following it here. */
const MAX_PAGES_PER_QUERY = 100;

export interface OsvApiOptions {
  /** Default https://api.osv.dev; tests point it at a loopback double. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Per request, body included. */
  timeoutMs?: number;
  /** Parallel GET /v1/vulns requests. */
  concurrency?: number;
  /** Further attempts after a 5xx, 429, timeout or network error. */
  retries?: number;
  /** First retry delay; doubles each attempt (a 429's Retry-After wins when given). */
  backoffMs?: number;
  cache?: RecordCache;
  userAgent?: string;
  /** Told after each advisory record is taken (fetched or from the cache), for progress on long downloads. */
  onProgress?: (done: number, total: number) => void;
}

export interface OsvApiResult extends LoadedAdvisories {
  /** Records fetched from the API this run. */
  fetched: number;
  /** Records taken from the cache because their `modified` had not changed. */
  fromCache: number;
}

const DEFAULTS = {
  timeoutMs: 30_000,
  concurrency: 8,
  retries: 3,
  backoffMs: 1_000,
};
const MAX_RETRY_AFTER_MS = 60_000;

const batchResponseSchema = z.object({
  results: z.array(
    z.object({
      vulns: z.array(z.object({ id: z.string().min(1), modified: z.string().optional() })).nullish(),
      next_page_token: z.string().nullish(),
    }),
  ),
});

/** An answer that retrying will not change: a 4xx other than 429, or a body that is not JSON. */
class UnusableAnswerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Why a request failed without an answer. Errors are read by shape: fetch's come from another realm under a vm. */
function networkReason(error: unknown, timeoutMs: number): string {
  const name = field(error, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  // undici's fetch says only "fetch failed"; the cause has the socket error (ECONNREFUSED, ENOTFOUND).
  const cause = field(error, 'cause');
  if (cause !== undefined) {
    const code = field(cause, 'code');
    return typeof code === 'string' ? `${code} (${describeError(cause)})` : describeError(cause);
  }
  return describeError(error);
}

/**
 * Go modules are spelled `v1.2.3` in go.mod, while osv.dev's Go versions drop
 * the `v` (osv-scanner's go.mod extractor trims it before querying).
 */
function apiVersion(pkg: PackageQuery): string {
  return pkg.ecosystem === 'Go' ? pkg.version.replace(/^v/, '') : pkg.version;
}

class OsvApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly userAgent: string | undefined;

  constructor(options: OsvApiOptions) {
    this.baseUrl = (options.baseUrl ?? OSV_API_BASE_URL).replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.retries = Math.max(0, options.retries ?? DEFAULTS.retries);
    this.backoffMs = options.backoffMs ?? DEFAULTS.backoffMs;
    this.userAgent = options.userAgent;
  }

  /** JSON from one endpoint, retried on 5xx, 429, timeouts and network errors. */
  async requestJson(method: 'GET' | 'POST', endpoint: string, body?: unknown): Promise<unknown> {
    const url = `${this.baseUrl}${endpoint}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.userAgent) headers['user-agent'] = this.userAgent;
    let lastProblem = '';
    for (let attempt = 0; attempt <= this.retries; attempt += 1) {
      let waitMs = this.backoffMs * 2 ** attempt;
      try {
        const response = await this.fetchImpl(url, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (response.ok) {
          const text = await response.text();
          try {
            return JSON.parse(text) as unknown;
          } catch {
            throw new UnusableAnswerError(response.status, `the OSV API at ${this.baseUrl} answered ${method} ${endpoint} with something that is not JSON`);
          }
        }
        await response.arrayBuffer().catch(() => undefined);
        const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        if (response.status !== 429 && response.status < 500) {
          throw new UnusableAnswerError(response.status, `the OSV API at ${this.baseUrl} answered ${status} to ${method} ${endpoint}`);
        }
        lastProblem = `answered ${status}`;
        const retryAfter = Number(response.headers.get('retry-after'));
        if (response.status === 429 && Number.isFinite(retryAfter) && retryAfter >= 0) {
          waitMs = Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS);
        }
      } catch (error) {
        if (error instanceof UnusableAnswerError) throw error;
        lastProblem = networkReason(error, this.timeoutMs);
      }
      if (attempt < this.retries) await sleep(waitMs);
    }
    throw new AdvisorySourceError(
      `the OSV API at ${this.baseUrl} could not be reached (${method} ${endpoint}: ${lastProblem}, ${this.retries + 1} attempts); ` +
        'check the runner can reach it, or point the advisory source at a local folder or zip',
    );
  }
}

/** A package to ask about; inventory packages carry `local` for workspace members. */
export type QueryPackage = PackageQuery & { local?: boolean };

interface PendingQuery {
  pkg: PackageQuery;
  pageToken?: string;
  pages: number;
}

/** Every vulnerability id (with its `modified`) affecting the packages, following next_page_token. */
async function queryVulnerabilityIds(
  client: OsvApiClient,
  packages: readonly PackageQuery[],
  warnings: string[],
): Promise<Map<string, string | undefined>> {
  const ids = new Map<string, string | undefined>();
  let pending: PendingQuery[] = packages.map((pkg) => ({ pkg, pages: 0 }));
  while (pending.length > 0) {
    const next: PendingQuery[] = [];
    for (let start = 0; start < pending.length; start += QUERYBATCH_MAX_QUERIES) {
      const chunk = pending.slice(start, start + QUERYBATCH_MAX_QUERIES);
      let answer: unknown;
      try {
        answer = await client.requestJson('POST', '/v1/querybatch', {
          queries: chunk.map(({ pkg, pageToken }) => ({
            package: { ecosystem: pkg.ecosystem, name: pkg.name },
            version: apiVersion(pkg),
            ...(pageToken !== undefined ? { page_token: pageToken } : {}),
          })),
        });
      } catch (error) {
        if (error instanceof UnusableAnswerError) throw new AdvisorySourceError(error.message);
        throw error;
      }
      const parsed = batchResponseSchema.safeParse(answer);
      if (!parsed.success || parsed.data.results.length !== chunk.length) {
        throw new AdvisorySourceError(
          `the OSV API answered POST /v1/querybatch with ${parsed.success ? `${parsed.data.results.length} results for ${chunk.length} queries` : 'an unexpected shape'}`,
        );
      }
      parsed.data.results.forEach((result, index) => {
        for (const vuln of result.vulns ?? []) {
          if (!ids.has(vuln.id) || ids.get(vuln.id) === undefined) ids.set(vuln.id, vuln.modified);
        }
        const query = chunk[index];
        if (!query || !result.next_page_token) return;
        if (query.pages + 1 >= MAX_PAGES_PER_QUERY) {
          warnings.push(
            `OSV API: ${query.pkg.ecosystem}/${query.pkg.name}@${query.pkg.version}: stopped after ${MAX_PAGES_PER_QUERY} pages of results`,
          );
          return;
        }
        next.push({ pkg: query.pkg, pageToken: result.next_page_token, pages: query.pages + 1 });
      });
    }
    pending = next;
  }
  return ids;
}

/**
 * The distinct (ecosystem, name, version) triples worth asking about. A
 * `local` package (workspace, path dependency) is never sent: its name may be
 * private and no public database knows it.
 */
function uniquePackages(packages: readonly QueryPackage[]): PackageQuery[] {
  const seen = new Map<string, PackageQuery>();
  for (const pkg of packages) {
    if (pkg.version === '' || pkg.local) continue;
    const key = `${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version}`;
    if (!seen.has(key)) seen.set(key, { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version });
  }
  return [...seen.values()];
}

/** Runs `work` over `items` with at most `limit` in flight; the first failure stops the rest. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let nextIndex = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && nextIndex < items.length) {
      const item = items[nextIndex] as T;
      nextIndex += 1;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** The OSV records affecting `packages`, from the OSV API and the cache. */
export async function loadFromOsvApi(packages: readonly QueryPackage[], options: OsvApiOptions = {}): Promise<OsvApiResult> {
  const client = new OsvApiClient(options);
  const warnings: string[] = [];
  const queries = uniquePackages(packages);
  if (queries.length === 0) return { records: [], warnings, fetched: 0, fromCache: 0 };

  const ids = await queryVulnerabilityIds(client, queries, warnings);
  const records: OsvRecord[] = [];
  let fetched = 0;
  let fromCache = 0;
  const cache = options.cache;
  const sortedIds = [...ids.keys()].sort();
  const byId = new Map<string, OsvRecord>();

  let done = 0;
  const progress = () => options.onProgress?.(++done, sortedIds.length);
  await forEachLimited(sortedIds, options.concurrency ?? DEFAULTS.concurrency, async (id) => {
    await takeRecord(id);
    progress();
  });
  async function takeRecord(id: string): Promise<void> {
    const modified = ids.get(id);
    // Without a `modified` in the answer the cached copy cannot be shown current.
    const cached = cache && modified !== undefined ? await cache.get(id, modified) : undefined;
    if (cached) {
      byId.set(id, cached);
      fromCache += 1;
      return;
    }
    let answer: unknown;
    try {
      answer = await client.requestJson('GET', `/v1/vulns/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof UnusableAnswerError) {
        warnings.push(`OSV API: ${id}: ${error.message}; record skipped`);
        return;
      }
      throw error;
    }
    let record: OsvRecord;
    try {
      record = parseOsvRecord(answer, `OSV API ${id}`);
    } catch (error) {
      warnings.push(describeError(error));
      return;
    }
    fetched += 1;
    byId.set(id, record);
    if (cache) {
      await cache.put(record).catch((error: unknown) => {
        warnings.push(`advisory cache ${cache.folder}: ${id} not stored: ${describeError(error)}`);
      });
    }
  }

  for (const id of sortedIds) {
    const record = byId.get(id);
    if (record) records.push(record);
  }
  return { records, warnings, fetched, fromCache };
}
