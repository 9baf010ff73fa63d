import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { AdvisorySourceError } from '../../src/scanners/dependencies/advisories/advisory-source.js';
import { RecordCache, cacheFileName, sameModified } from '../../src/scanners/dependencies/advisories/cache.js';
import { loadAdvisories } from '../../src/scanners/dependencies/advisories/load-advisories.js';
import { loadFromOsvApi, type OsvApiOptions } from '../../src/scanners/dependencies/advisories/source-osv-api.js';
import type { PackageQuery } from '../../src/scanners/dependencies/advisories/package-key.js';
import { makeTempDir } from '../support/temp-repo.js';
import { fixture, fixtureText } from './fixtures.js';

interface Seen {
  method: string;
  path: string;
  body: any;
}
interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
  delayMs?: number;
}

/** A loopback double of the OSV API; `handle` answers each request in order of arrival. */
async function startApi(handle: (request: Seen, index: number) => Reply | Promise<Reply>) {
  const seen: Seen[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: Seen = { method: req.method ?? '', path: req.url ?? '', body: text ? JSON.parse(text) : undefined };
      seen.push(request);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      void Promise.resolve(handle(request, seen.length - 1)).then(async (reply) => {
        if (reply.hang) return;
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        inFlight -= 1;
        const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(payload);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seen,
    maxInFlight: () => maxInFlight,
  };
}

const servers: Server[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const FAST: OsvApiOptions = { backoffMs: 5, timeoutMs: 2_000, retries: 2 };

/** GET /v1/vulns/{id} answered from the fixtures. */
function serveRecord(request: Seen): Reply | undefined {
  const match = /^\/v1\/vulns\/(.+)$/.exec(request.path);
  if (request.method !== 'GET' || !match?.[1]) return undefined;
  try {
    return { body: fixtureText(decodeURIComponent(match[1])) };
  } catch {
    return { status: 404, body: { code: 5, message: 'Bug not found.' } };
  }
}

function vulnsOf(...ids: string[]) {
  return ids.map((id) => ({ id, modified: fixture(id).modified }));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a rejection');
}

const lodash: PackageQuery = { ecosystem: 'npm', name: 'lodash', version: '4.17.11' };
const minimist: PackageQuery = { ecosystem: 'npm', name: 'minimist', version: '1.2.5' };

describe('the OSV API source', () => {
  it('queries in one batch (never local packages), follows next_page_token for that query only, then fetches each distinct id', async () => {
    const api = await startApi((request) => {
      if (request.path === '/v1/querybatch') {
        const first = request.body.queries[0];
        if (first.page_token === 'page-2') return { body: { results: [{ vulns: vulnsOf('GHSA-jf85-cpcp-j695') }] } };
        return {
          body: {
            results: [
              { vulns: vulnsOf('GHSA-35jh-r3h4-6jhm'), next_page_token: 'page-2' },
              { vulns: vulnsOf('GHSA-xvch-5gv4-984h', 'GHSA-35jh-r3h4-6jhm') },
            ],
          },
        };
      }
      return serveRecord(request) ?? { status: 500 };
    });
    const workspace = { ecosystem: 'npm' as const, name: '@acme/internal-app', version: '1.0.0', local: true };
    const progress: string[] = [];
    const result = await loadFromOsvApi([lodash, minimist, { ...lodash }, workspace], {
      ...FAST,
      baseUrl: api.baseUrl,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    expect(result.records.map((r) => r.id)).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-jf85-cpcp-j695', 'GHSA-xvch-5gv4-984h']);
    expect(result.warnings).toEqual([]);
    expect([result.fetched, result.fromCache]).toEqual([3, 0]);
    const posts = api.seen.filter((s) => s.method === 'POST');
    expect(posts.map((p) => p.body)).toEqual([
      {
        queries: [
          { package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.11' },
          { package: { ecosystem: 'npm', name: 'minimist' }, version: '1.2.5' },
        ],
      },
      { queries: [{ package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.11', page_token: 'page-2' }] },
    ]);
    expect(
      api.seen
        .filter((s) => s.method === 'GET')
        .map((s) => s.path)
        .sort(),
    ).toEqual(['/v1/vulns/GHSA-35jh-r3h4-6jhm', '/v1/vulns/GHSA-jf85-cpcp-j695', '/v1/vulns/GHSA-xvch-5gv4-984h']);
  });

  it('asks nothing when there is nothing to ask', async () => {
    const api = await startApi(() => ({ status: 500 }));
    const result = await loadFromOsvApi([{ ecosystem: 'npm', name: 'app', version: '1.0.0', local: true }], { ...FAST, baseUrl: api.baseUrl });
    expect(result).toEqual({ records: [], warnings: [], fetched: 0, fromCache: 0 });
    expect(api.seen).toEqual([]);
  });

  it('sends at most 1000 queries per batch, and Go versions without their `v`', async () => {
    const api = await startApi((request) => ({ body: { results: request.body.queries.map(() => ({})) } }));
    const packages: PackageQuery[] = Array.from({ length: 1001 }, (_, i) => ({ ecosystem: 'Go', name: `example.com/m${i}`, version: 'v1.2.3' }));
    const result = await loadFromOsvApi(packages, { ...FAST, baseUrl: api.baseUrl });
    expect(result.records).toEqual([]);
    expect(api.seen.map((s) => s.body.queries.length)).toEqual([1000, 1]);
    expect(api.seen[1]?.body.queries[0]).toEqual({ package: { ecosystem: 'Go', name: 'example.com/m1000' }, version: '1.2.3' });
  });

  it('retries a 500 and a 429 (honouring Retry-After), then succeeds', async () => {
    const api = await startApi((request, index) => {
      if (index === 0) return { status: 500, body: 'oops' };
      if (index === 1) return { status: 429, headers: { 'retry-after': '0' } };
      if (request.path === '/v1/querybatch') return { body: { results: [{ vulns: vulnsOf('GHSA-xvch-5gv4-984h') }] } };
      return serveRecord(request) ?? { status: 500 };
    });
    const result = await loadFromOsvApi([minimist], { ...FAST, baseUrl: api.baseUrl });
    expect(result.records.map((r) => r.id)).toEqual(['GHSA-xvch-5gv4-984h']);
    expect(api.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /v1/querybatch',
      'POST /v1/querybatch',
      'POST /v1/querybatch',
      'GET /v1/vulns/GHSA-xvch-5gv4-984h',
    ]);
  });

  it('gives up after the retries with one line naming the API, the request and the last problem', async () => {
    const api = await startApi(() => ({ status: 503, body: 'down' }));
    const error = await rejection(loadFromOsvApi([minimist], { ...FAST, baseUrl: api.baseUrl }));
    expect(error).toBeInstanceOf(AdvisorySourceError);
    expect(error.message).toBe(
      `the OSV API at ${api.baseUrl} could not be reached (POST /v1/querybatch: answered 503 Service Unavailable, 3 attempts); ` +
        'check the runner can reach it, or point the advisory source at a local folder or zip',
    );
    expect(api.seen).toHaveLength(3);
  });

  it('a request without an answer times out and counts as a failed attempt', async () => {
    const api = await startApi(() => ({ hang: true }));
    const error = await rejection(loadFromOsvApi([minimist], { baseUrl: api.baseUrl, timeoutMs: 150, retries: 1, backoffMs: 5 }));
    expect(error).toBeInstanceOf(AdvisorySourceError);
    expect(error.message).toMatch(/\(POST \/v1\/querybatch: no answer within 150 ms, 2 attempts\)/);
    expect(api.seen).toHaveLength(2);
  });

  it('an unreachable API is one clear error naming it', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const error = await rejection(loadFromOsvApi([minimist], { baseUrl: `http://127.0.0.1:${port}/`, retries: 1, backoffMs: 5 }));
    expect(error).toBeInstanceOf(AdvisorySourceError);
    expect(error.message).toMatch(
      new RegExp(`^the OSV API at http://127\\.0\\.0\\.1:${port} could not be reached \\(POST /v1/querybatch: ECONNREFUSED \\(.*\\), 2 attempts\\); `),
    );
  });

  it('a 400 is not retried and fails the source; a 404 for one record is a warning', async () => {
    const bad = await startApi(() => ({ status: 400, body: { message: 'Invalid query.' } }));
    const error = await rejection(loadFromOsvApi([minimist], { ...FAST, baseUrl: bad.baseUrl }));
    expect(error).toBeInstanceOf(AdvisorySourceError);
    expect(error.message).toBe(`the OSV API at ${bad.baseUrl} answered 400 Bad Request to POST /v1/querybatch`);
    expect(bad.seen).toHaveLength(1);

    const api = await startApi((request) => {
      if (request.path === '/v1/querybatch') {
        return { body: { results: [{ vulns: [...vulnsOf('GHSA-xvch-5gv4-984h'), { id: 'GHSA-gone-gone-gone', modified: '2024-01-01T00:00:00Z' }] }] } };
      }
      return serveRecord(request) ?? { status: 500 };
    });
    const result = await loadFromOsvApi([minimist], { ...FAST, baseUrl: api.baseUrl });
    expect(result.records.map((r) => r.id)).toEqual(['GHSA-xvch-5gv4-984h']);
    expect(result.warnings).toEqual([
      `OSV API: GHSA-gone-gone-gone: the OSV API at ${api.baseUrl} answered 404 Not Found to GET /v1/vulns/GHSA-gone-gone-gone; record skipped`,
    ]);
  });

  it('an answer of the wrong shape fails the source in one line', async () => {
    const api = await startApi(() => ({ body: { results: [] } }));
    const error = await rejection(loadFromOsvApi([minimist], { ...FAST, baseUrl: api.baseUrl }));
    expect(error.message).toBe('the OSV API answered POST /v1/querybatch with 0 results for 1 queries');
  });

  it('fetches records with at most `concurrency` requests in flight', async () => {
    const ids = ['GHSA-35jh-r3h4-6jhm', 'GHSA-jf85-cpcp-j695', 'GHSA-xvch-5gv4-984h', 'GHSA-c2qf-rxjj-qqgw', 'GHSA-rv95-896h-c2vc', 'GHSA-qw6h-vgh9-j6wx'];
    const api = await startApi((request) => {
      if (request.path === '/v1/querybatch') return { body: { results: [{ vulns: vulnsOf(...ids) }] } };
      return { ...(serveRecord(request) ?? { status: 500 }), delayMs: 30 };
    });
    const result = await loadFromOsvApi([lodash], { ...FAST, baseUrl: api.baseUrl, concurrency: 2 });
    expect(result.records).toHaveLength(6);
    expect(api.maxInFlight()).toBe(2);
  });
});

describe('the record cache', () => {
  it('a later run fetches only the ids whose `modified` changed', async () => {
    const cacheDir = makeTempDir('osv-cache-');
    folders.push(cacheDir);
    let minimistModified = fixture('GHSA-xvch-5gv4-984h').modified;
    const api = await startApi((request) => {
      if (request.path === '/v1/querybatch') {
        return {
          body: {
            results: [
              { vulns: vulnsOf('GHSA-35jh-r3h4-6jhm', 'GHSA-jf85-cpcp-j695') },
              { vulns: [{ id: 'GHSA-xvch-5gv4-984h', modified: minimistModified }] },
            ],
          },
        };
      }
      return serveRecord(request) ?? { status: 500 };
    });
    const gets = () => api.seen.filter((s) => s.method === 'GET').length;
    const run = () => loadFromOsvApi([lodash, minimist], { ...FAST, baseUrl: api.baseUrl, cache: new RecordCache(cacheDir) });

    const first = await run();
    expect([first.fetched, first.fromCache, gets()]).toEqual([3, 0, 3]);
    expect(readdirSync(cacheDir).sort()).toEqual(['GHSA-35jh-r3h4-6jhm.json', 'GHSA-jf85-cpcp-j695.json', 'GHSA-xvch-5gv4-984h.json']);

    const second = await run();
    expect([second.fetched, second.fromCache, gets()]).toEqual([0, 3, 3]);
    expect(second.records.map((r) => r.id)).toEqual(first.records.map((r) => r.id));

    minimistModified = '2099-01-01T00:00:00Z';
    const third = await run();
    expect([third.fetched, third.fromCache, gets()]).toEqual([1, 2, 4]);
    expect(api.seen.at(-1)?.path).toBe('/v1/vulns/GHSA-xvch-5gv4-984h');
  });

  it('loadAdvisories("osv") uses the API and the cache folder', async () => {
    const cacheDir = makeTempDir('osv-cache-');
    folders.push(cacheDir);
    const api = await startApi((request) => {
      if (request.path === '/v1/querybatch') return { body: { results: [{ vulns: vulnsOf('GHSA-xvch-5gv4-984h') }] } };
      return serveRecord(request) ?? { status: 500 };
    });
    const loaded = await loadAdvisories('osv', [minimist], { api: { ...FAST, baseUrl: api.baseUrl }, cacheDir });
    expect(loaded.kind).toBe('osv-api');
    expect(loaded.database.lookup(minimist).records.map((r) => r.id)).toEqual(['GHSA-xvch-5gv4-984h']);
    expect(readdirSync(cacheDir)).toEqual(['GHSA-xvch-5gv4-984h.json']);
  });

  it('names cache files safely and compares modified stamps by instant', () => {
    expect(cacheFileName('GHSA-xvch-5gv4-984h')).toBe('GHSA-xvch-5gv4-984h.json');
    expect(cacheFileName('../etc/passwd')).toBe('%2E%2E%2Fetc%2Fpasswd.json');
    expect(cacheFileName('.hidden')).toBe('%2Ehidden.json');
    expect(cacheFileName('a/b')).toBe('a%2Fb.json');
    expect(sameModified('2024-08-13T19:53:25Z', '2024-08-13T19:53:25.000000000Z')).toBe(true);
    expect(sameModified('2024-08-13T19:53:25Z', '2024-08-13T19:53:26Z')).toBe(false);
    expect(sameModified('garbage', 'garbage')).toBe(true);
    expect(sameModified('garbage', 'other')).toBe(false);
  });

  it('a damaged cache file is a miss, not a failure', async () => {
    const cacheDir = makeTempDir('osv-cache-');
    folders.push(cacheDir);
    const cache = new RecordCache(cacheDir);
    await cache.put(fixture('GHSA-xvch-5gv4-984h'));
    expect((await cache.get('GHSA-xvch-5gv4-984h', fixture('GHSA-xvch-5gv4-984h').modified))?.id).toBe('GHSA-xvch-5gv4-984h');
    writeFileSync(`${cacheDir}/GHSA-xvch-5gv4-984h.json`, '{"id": tru');
    expect(await cache.get('GHSA-xvch-5gv4-984h')).toBeUndefined();
    expect(await cache.get('GHSA-none')).toBeUndefined();
  });
});
