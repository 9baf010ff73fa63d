/**
 * A record read from a folder or zip and outlined (id, modified, withdrawn,
 * affected packages) but not yet checked by the schema: the database checks
 * it when a lookup first needs it.
 */
import { outlineOsvJson, type OsvOutline, type OsvRecord, type OutlinedRecord } from './osv-schema.js';
import type { NameFilter } from './record-names.js';

export class PendingRecord {
  readonly outline: OsvOutline;
  /** The JSON value, until the database has read it with the schema. */
  value: unknown;
  /** Already read with the schema (when the outline needed it). */
  readonly record: OsvRecord | undefined;

  /** `source` names the record in messages: `npm/GHSA-….json`, `all.zip: GHSA-….json`. */
  constructor(
    readonly source: string,
    outlined: OutlinedRecord,
  ) {
    this.outline = outlined.outline;
    this.value = outlined.value;
    this.record = outlined.record;
  }

  get id(): string {
    return this.outline.id;
  }
}

/** Reads one record file's text; throws OsvRecordError (one line, naming `source`) when it is not JSON or not a record. */
export function readPendingRecord(text: string, source: string): PendingRecord {
  return new PendingRecord(source, outlineOsvJson(text, source));
}

/** What a folder or zip source hands to the database. */
export interface SourceRecords {
  records: PendingRecord[];
  /** Files skipped, one line each (file, id, problem); never fatal. */
  warnings: string[];
  stats: SourceReadStats;
}

export interface SourceReadStats {
  /** Record files (`.json`) in the source. */
  files: number;
  /** Files whose text was read (all of them, unless a stored index named the few needed). */
  read: number;
  /** Files parsed as JSON (those that may name a wanted package). */
  parsed: number;
  /** The stored index: not kept (no cache folder), used, written this run, or not written (see the source). */
  index: 'none' | 'used' | 'written' | 'not-written';
}

export interface SourceReadOptions {
  /** Only records that may name one of these packages are parsed; the rest are read and scanned only. */
  filter?: NameFilter;
  /** Cache folder for the source's index (record-index.ts); none is kept without it. */
  cacheDir?: string;
}
