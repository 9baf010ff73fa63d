/**
 * Rego conditions: a rule points at an OPA policy compiled to WebAssembly
 * (`opa build -t wasm -e devsecops/fail`), and a finding matches when the
 * chosen entrypoint decides so for `input` = the policy finding object
 * (policy-finding.ts), the same object CEL conditions see as `finding`.
 *
 * `wasm` is the `policy.wasm` itself or the `bundle.tar.gz` that `opa build`
 * writes; a bundle's `data.json` files become the policy's `data`, under the
 * rule's own `data`. @open-policy-agent/opa-wasm is imported only here, when a
 * policy uses Rego, so runs without Rego never parse it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { describeError } from '../../core/errors.js';
import { PolicyError } from './policy-error.js';
import type { PolicyFinding } from './policy-finding.js';

export interface RegoCondition {
  /** Path to a `policy.wasm` or a `bundle.tar.gz` from `opa build -t wasm`, relative to the policy file. */
  wasm: string;
  /** The entrypoint, as given to `opa build -e` (`devsecops/fail`, or `data.devsecops.fail`); optional when the module has one. */
  entrypoint?: string;
  /** The policy's `data` document (an object), merged over a bundle's `data.json`. */
  data?: unknown;
}

export interface LoadedRego {
  /**
   * True when the entrypoint decides the finding matches. Throws an Error
   * (never a PolicyError) when evaluation fails on this finding, e.g. a
   * complete rule with two values; the caller counts it and moves on.
   */
  evaluate(input: PolicyFinding): boolean;
  /** Every entrypoint the module was built with, sorted. */
  entrypoints: string[];
}

/** Larger than any real policy bundle; stops a mistaken path from inflating a huge archive into memory. */
const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
const TAR_BLOCK_BYTES = 512;
const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/**
 * Exports every module `opa build -t wasm` writes (ABI 1.x). Checked before
 * instantiating, because opa-wasm fails on other modules with a TypeError and
 * logs to stderr on the way.
 */
const OPA_EXPORTS = ['opa_eval', 'entrypoints', 'builtins', 'opa_wasm_abi_version', 'opa_wasm_abi_minor_version'];

/** The part of the WebAssembly JS API used here: TypeScript declares it only in the DOM library. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  Module: { exports(module: object): { name: string }[] };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type JsonObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `b` over `a`, objects merged key by key, anything else replaced. */
function mergeData(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const base = out[key];
    out[key] = isPlainObject(base) && isPlainObject(value) ? mergeData(base, value) : value;
  }
  return out;
}

/** opa-wasm throws strings and `{ message }` objects as well as Errors. */
function describeOpaError(error: unknown): string {
  if (isPlainObject(error) && typeof error.message === 'string') return error.message;
  return describeError(error);
}

function readTarString(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
}

/** The `path` record of a PAX extended header (`<len> path=<name>\n`), which Go's archive/tar writes for long names. */
function readPaxPath(body: Buffer): string | undefined {
  for (const record of body.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/s.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * The regular files of a ustar/PAX archive by name, without a leading `/` or
 * `./` (`opa build` writes `/policy.wasm`). Enough for OPA bundles; not a
 * general tar reader.
 */
function readTarFiles(archive: Buffer): Map<string, Buffer> | string {
  const files = new Map<string, Buffer>();
  let paxPath: string | undefined;
  for (let offset = 0; offset + TAR_BLOCK_BYTES <= archive.length; ) {
    const header = archive.subarray(offset, offset + TAR_BLOCK_BYTES);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(readTarString(header, 124, 12).trim() || '0', 8);
    if (!Number.isSafeInteger(size) || size < 0) return `a tar header at byte ${offset} has a bad size`;
    const bodyStart = offset + TAR_BLOCK_BYTES;
    if (bodyStart + size > archive.length) return 'the tar archive is truncated';
    const body = archive.subarray(bodyStart, bodyStart + size);
    const type = String.fromCharCode(header[156] ?? 0);
    if (type === 'x') {
      paxPath = readPaxPath(body);
    } else {
      if (type === '0' || type === '\0') {
        const prefix = readTarString(header, 257, 5) === 'ustar' ? readTarString(header, 345, 155) : '';
        const name = paxPath ?? (prefix ? `${prefix}/${readTarString(header, 0, 100)}` : readTarString(header, 0, 100));
        files.set(name.replace(/^(\.?\/)+/, ''), body);
      }
      paxPath = undefined;
    }
    offset = bodyStart + Math.ceil(size / TAR_BLOCK_BYTES) * TAR_BLOCK_BYTES;
  }
  return files;
}

interface PolicySource {
  module: Buffer;
  /** The bundle's `data.json` files, merged at their directories' paths. */
  data: JsonObject;
}

/** The wasm module and data of an `opa build` bundle. */
function readBundle(gzipped: Buffer, fail: (problem: string) => never): PolicySource {
  let archive: Buffer;
  try {
    archive = gunzipSync(gzipped, { maxOutputLength: MAX_BUNDLE_BYTES });
  } catch (error) {
    return fail(`is not a readable gzip bundle: ${describeError(error)}`);
  }
  const files = readTarFiles(archive);
  if (typeof files === 'string') return fail(`is not a readable bundle: ${files}`);
  const modules = [...files.keys()].filter((name) => name.endsWith('.wasm'));
  if (modules.length === 0) return fail('is a bundle without a WebAssembly module: build it with `opa build -t wasm -e <package>/<rule>`');
  if (modules.length > 1) return fail(`is a bundle with ${modules.length} WebAssembly modules (${modules.join(', ')}); expected one`);
  let data: JsonObject = {};
  for (const [name, content] of files) {
    if (/(^|\/)data\.ya?ml$/.test(name)) return fail(`holds ${name}: only data.json is read from a bundle`);
    if (!/(^|\/)data\.json$/.test(name)) continue;
    let value: unknown;
    try {
      value = JSON.parse(content.toString('utf8'));
    } catch (error) {
      return fail(`holds ${name}, which is not JSON: ${describeError(error)}`);
    }
    // A data.json in a/b/ is the document at data.a.b, as OPA loads bundles.
    const segments = name.split('/').slice(0, -1);
    const nested = segments.reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value);
    if (!isPlainObject(nested)) return fail(`holds ${name}, whose root is not a JSON object`);
    data = mergeData(data, nested);
  }
  return { module: files.get(modules[0] ?? '') ?? Buffer.alloc(0), data };
}

/** `data.devsecops.fail` and `/devsecops/fail` name the entrypoint `opa build -e devsecops/fail` made. */
function normalizeEntrypoint(name: string): string {
  const trimmed = name.trim();
  if (trimmed.startsWith('data.')) return trimmed.slice('data.'.length).replaceAll('.', '/');
  return trimmed.replace(/^\/+/, '');
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  const kind = Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  return `${kind} (${text.length > 40 ? `${text.slice(0, 39)}…` : text})`;
}

/**
 * The decision in an entrypoint's result set, read the way `opa eval` users
 * read their rules: an undefined result (empty set, e.g. `allow if {…}` with
 * no default) does not match; a boolean is the answer; a set, array or object
 * matches when non-empty, so a conftest-style `deny contains msg if {…}` matches
 * when it produced a message. Anything else (a string, a number, null) is no
 * decision: an error rather than a guess.
 */
function readDecision(resultSet: unknown, entrypoint: string): boolean {
  if (!Array.isArray(resultSet)) throw new Error(`Rego entrypoint ${entrypoint} returned no result set`);
  if (resultSet.length === 0) return false;
  const first: unknown = resultSet[0];
  const value = isPlainObject(first) ? first.result : undefined;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  throw new Error(`Rego entrypoint ${entrypoint} returned ${describeValue(value)}, not a boolean or a set`);
}

function chooseEntrypoint(requested: string | undefined, available: string[], fail: (problem: string) => never): string {
  if (available.length === 0) return fail('has no entrypoint: build it with `opa build -t wasm -e <package>/<rule>`');
  if (requested === undefined) {
    if (available.length === 1) return available[0] ?? '';
    return fail(`has ${available.length} entrypoints (${available.join(', ')}): name one in entrypoint`);
  }
  const name = normalizeEntrypoint(requested);
  if (!available.includes(name)) return fail(`has no entrypoint ${JSON.stringify(requested)}; it has: ${available.join(', ')}`);
  return name;
}

/**
 * Loads and checks a Rego condition: the file, the module, the entrypoint and
 * the data. Every problem is a PolicyError at `where` that names the file.
 */
export async function loadRegoCondition(
  condition: RegoCondition,
  options: { baseDir: string; where: string },
): Promise<LoadedRego> {
  const { where } = options;
  const file = condition.wasm;
  const failAt = (key: string) => (problem: string): never => {
    throw new PolicyError(`${where}.${key}`, `${file} ${problem}`);
  };
  const failFile = failAt('wasm');

  if (condition.data !== undefined && !isPlainObject(condition.data)) {
    throw new PolicyError(`${where}.data`, `must be an object (OPA's data document), not ${describeValue(condition.data)}`);
  }

  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(options.baseDir, file));
  } catch (error) {
    const code = isPlainObject(error) ? error.code : undefined;
    return failFile(code === 'ENOENT' ? 'does not exist' : `cannot be read: ${describeError(error)}`);
  }

  let source: PolicySource;
  if (bytes.subarray(0, WASM_MAGIC.length).equals(WASM_MAGIC)) source = { module: bytes, data: {} };
  else if (bytes.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC)) source = readBundle(bytes, failFile);
  else return failFile('is neither a WebAssembly module nor a bundle from `opa build -t wasm`');

  let compiled: object;
  try {
    compiled = await wasmApi.compile(source.module);
  } catch (error) {
    return failFile(`is not a valid WebAssembly module: ${describeError(error)}`);
  }
  const exported = new Set(wasmApi.Module.exports(compiled).map((entry) => entry.name));
  const missing = OPA_EXPORTS.filter((name) => !exported.has(name));
  if (missing.length > 0) {
    return failFile(`is WebAssembly but not an OPA policy (no ${missing.join(', ')} export): build it with \`opa build -t wasm\``);
  }

  const { loadPolicy } = await import('@open-policy-agent/opa-wasm');
  let policy: LoadedPolicy;
  try {
    policy = await loadPolicy(compiled);
  } catch (error) {
    return failFile(`cannot be loaded as an OPA policy: ${describeOpaError(error)}`);
  }

  const entrypointIds: unknown = policy.entrypoints;
  const available = isPlainObject(entrypointIds) ? Object.keys(entrypointIds).sort() : [];
  const entrypoint = chooseEntrypoint(condition.entrypoint, available, failAt('entrypoint'));

  const data = mergeData(source.data, condition.data ?? {});
  if (Object.keys(data).length > 0) {
    try {
      policy.setData(data);
    } catch (error) {
      throw new PolicyError(`${where}.data`, `cannot be given to ${file}: ${describeOpaError(error)}`);
    }
  }

  return {
    entrypoints: available,
    evaluate(input: PolicyFinding): boolean {
      let resultSet: unknown;
      try {
        resultSet = policy.evaluate(input, entrypoint);
      } catch (error) {
        throw new Error(`Rego entrypoint ${entrypoint} failed: ${describeOpaError(error)}`, { cause: error });
      }
      return readDecision(resultSet, entrypoint);
    },
  };
}
