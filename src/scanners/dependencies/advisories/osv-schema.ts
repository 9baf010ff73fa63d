/**
 * The OSV record format (ossf.github.io/osv-schema, schema 1.x) as far as
 * matching, severity and display need it. Lenient where real databases differ
 * (unknown keys, empty or blank severity entries, missing optional lists);
 * strict where a wrong shape would silently change what matches (range types
 * and events).
 */
import { z } from 'zod';

const stringList = z
  .array(z.string())
  .nullish()
  .transform((list) => list ?? []);

/** Free-form objects (`ecosystem_specific`, `database_specific`): only ever read defensively. */
const freeObject = z.record(z.string(), z.unknown());

/**
 * `score` is a CVSS vector or a database's own rating. Kept as any string: GHSA
 * exports carry `"score": ""` (socket.io-parser GHSA-cqmj-92xf-r6r9), and the
 * severity code skips what it cannot score instead of rejecting the record.
 */
const severityEntrySchema = z.looseObject({
  type: z.string(),
  score: z.string(),
});
export type OsvSeverityEntry = z.infer<typeof severityEntrySchema>;

const severityList = z
  .array(severityEntrySchema)
  .nullish()
  .transform((list) => list ?? []);

export const EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
export type OsvEventKind = (typeof EVENT_KINDS)[number];

/**
 * One event holds exactly one of the four keys (the schema's "Requirements"):
 * `{introduced, fixed}` in one object would be read two ways, so it is refused.
 */
const eventSchema = z
  .looseObject({
    introduced: z.string().optional(),
    fixed: z.string().optional(),
    last_affected: z.string().optional(),
    limit: z.string().optional(),
  })
  .check((ctx) => {
    const present = EVENT_KINDS.filter((kind) => ctx.value[kind] !== undefined);
    if (present.length !== 1) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message:
          present.length === 0
            ? 'expected one of introduced, fixed, last_affected, limit'
            : `expected exactly one of introduced, fixed, last_affected, limit, found ${present.join(' and ')}`,
      });
    }
  });
export type OsvEvent = z.infer<typeof eventSchema>;

export const RANGE_TYPES = ['SEMVER', 'ECOSYSTEM', 'GIT'] as const;

const rangeSchema = z.looseObject({
  type: z.enum(RANGE_TYPES),
  repo: z.string().optional(),
  events: z.array(eventSchema),
  database_specific: freeObject.optional(),
});
export type OsvRange = z.infer<typeof rangeSchema>;

const packageSchema = z.looseObject({
  ecosystem: z.string(),
  name: z.string(),
  purl: z.string().optional(),
});

const affectedSchema = z.looseObject({
  // Optional in the schema: an entry may describe only GIT ranges of a repository.
  package: packageSchema.optional(),
  severity: severityList,
  ranges: z
    .array(rangeSchema)
    .nullish()
    .transform((list) => list ?? []),
  versions: stringList,
  ecosystem_specific: freeObject.nullish(),
  database_specific: freeObject.nullish(),
});
export type OsvAffected = z.infer<typeof affectedSchema>;

const referenceSchema = z.looseObject({
  type: z.string(),
  url: z.string(),
});

export const osvRecordSchema = z.looseObject({
  schema_version: z.string().optional(),
  id: z.string().min(1),
  // Required by the schema; the cache compares it to decide whether to re-fetch.
  modified: z.string(),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: stringList,
  related: stringList,
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: severityList,
  affected: z
    .array(affectedSchema)
    .nullish()
    .transform((list) => list ?? []),
  references: z
    .array(referenceSchema)
    .nullish()
    .transform((list) => list ?? []),
  database_specific: freeObject.nullish(),
});
export type OsvRecord = z.infer<typeof osvRecordSchema>;

/** A record that does not follow the OSV schema. The message is one line: source, id, key path, problem. */
export class OsvRecordError extends Error {
  override readonly name = 'OsvRecordError';
}

/** `affected[0].ranges[1].events[2]` from a zod issue path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(record)' : out;
}

function describeSource(source: string, input: unknown): string {
  const id =
    typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string'
      ? (input as { id: string }).id
      : undefined;
  return id === undefined || source.includes(id) ? source : `${source} (${id})`;
}

/** Reads one OSV record; throws OsvRecordError naming `source`, the id and the key path. */
export function parseOsvRecord(input: unknown, source: string): OsvRecord {
  const result = osvRecordSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined ? '(record)' : formatPath(issue.path);
  const problem = (issue?.message ?? 'not an OSV record').replace(/\s+/g, ' ');
  throw new OsvRecordError(`${describeSource(source, input)}: not an OSV record: ${where}: ${problem}`);
}

/** The JSON value of a record file; every failure is an OsvRecordError. */
function parseRecordJson(text: string, source: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OsvRecordError(`${source}: not valid JSON: ${reason.replace(/\s+/g, ' ')}`);
  }
  if (Array.isArray(value)) {
    throw new OsvRecordError(`${source}: holds a JSON array, not one OSV record`);
  }
  return value;
}

/** Parses JSON text holding one OSV record; every failure is an OsvRecordError. */
export function parseOsvJson(text: string, source: string): OsvRecord {
  return parseOsvRecord(parseRecordJson(text, source), source);
}

/** What the index needs of a record: read without the schema, which runs only when a lookup needs the record. */
export interface OsvOutline {
  id: string;
  modified: string;
  withdrawn: boolean;
  /** `affected[].package`, as written. */
  packages: Array<{ ecosystem: string; name: string }>;
}

/** A record file read as far as indexing needs: its outline and the JSON value the schema reads later. */
export interface OutlinedRecord {
  outline: OsvOutline;
  value: unknown;
  /** Set when the outline needed the schema (see outlineOsvRecord). */
  record?: OsvRecord;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `affected[].package` when the list has the shape the schema requires of it there; undefined when not. */
function affectedPackages(affected: unknown): OsvOutline['packages'] | undefined {
  if (affected === undefined || affected === null) return [];
  if (!Array.isArray(affected)) return undefined;
  const packages: OsvOutline['packages'] = [];
  for (const entry of affected) {
    if (!isObject(entry)) return undefined;
    const pkg = entry['package'];
    if (pkg === undefined) continue;
    if (!isObject(pkg)) return undefined;
    const { ecosystem, name, purl } = pkg;
    if (typeof ecosystem !== 'string' || typeof name !== 'string' || (purl !== undefined && typeof purl !== 'string')) return undefined;
    packages.push({ ecosystem, name });
  }
  return packages;
}

/**
 * Checks only the fields the index reads (id, modified, withdrawn and
 * `affected[].package`), each as strictly as the schema does, so that a
 * record refused here would be refused by the schema too; it is then parsed
 * with the schema, whose message names the problem. A database export holds
 * 100,000s of records of which an audit meets a few thousand: the full
 * schema on every one of them cost most of the load time.
 */
export function outlineOsvRecord(value: unknown, source: string): OutlinedRecord {
  if (isObject(value)) {
    const { id, modified, withdrawn } = value;
    const packages = affectedPackages(value['affected']);
    if (
      typeof id === 'string' &&
      id !== '' &&
      typeof modified === 'string' &&
      (withdrawn === undefined || typeof withdrawn === 'string') &&
      packages !== undefined
    ) {
      return { outline: { id, modified, withdrawn: withdrawn !== undefined, packages }, value };
    }
  }
  // Throws with the schema's message; should the schema accept what the outline did not, its reading stands.
  const record = parseOsvRecord(value, source);
  const packages = record.affected.flatMap((entry) => (entry.package ? [{ ecosystem: entry.package.ecosystem, name: entry.package.name }] : []));
  return { outline: { id: record.id, modified: record.modified, withdrawn: record.withdrawn !== undefined, packages }, value, record };
}

/** Parses a record file as far as indexing needs (see outlineOsvRecord); every failure is an OsvRecordError. */
export function outlineOsvJson(text: string, source: string): OutlinedRecord {
  return outlineOsvRecord(parseRecordJson(text, source), source);
}
