/**
 * A record read from a folder or zip and outlined (id, modified, withdrawn,
 * affected packages) but not yet checked by the schema: the database checks
 * it when a lookup first needs it.
 */
import { describeError } from './advisory-source.js';
import { outlineOsvJson, parseOsvRecord, type OsvOutline, type OsvRecord, type OutlinedRecord } from './osv-schema.js';
import type { NameFilter } from './record-names.js';

export class PendingRecord {
  readonly outline: OsvOutline;
  /** The JSON value, until the schema has read it. */
  private value: unknown;
  private checked: { record: OsvRecord } | { failure: string } | undefined;

  /** `source` names the record in messages: `npm/GHSA-….json`, `all.zip: GHSA-….json`. */
  constructor(
    readonly source: string,
    outlined: OutlinedRecord,
  ) {
    this.outline = outlined.outline;
    this.value = outlined.value;
    if (outlined.record) this.checked = { record: outlined.record };
  }

  get id(): string {
    return this.outline.id;
  }

  /** The record as the schema reads it, or the one line saying why it refuses it; the schema runs once. */
  check(): { record: OsvRecord } | { failure: string } {
    if (!this.checked) {
      try {
        this.checked = { record: parseOsvRecord(this.value, this.source) };
      } catch (error) {
        this.checked = { failure: describeError(error) };
      }
      this.value = undefined;
    }
    return this.checked;
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
