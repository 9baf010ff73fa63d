/**
 * A folder of OSV records fetched from the API, one `<id>.json` each. The
 * querybatch answer names each vulnerability's `modified` time, so a later run
 * fetches again only the ids whose record changed since it was stored.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseOsvJson, type OsvRecord } from './osv-schema.js';

/**
 * A file name for an id. OSV ids are `<DB>-<ENTRYID>` of letters, digits,
 * `-`, `.` and `_`; anything else (and a leading dot, so `..` never walks up)
 * is percent-encoded, which keeps distinct ids distinct.
 */
export function cacheFileName(id: string): string {
  const safe = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(id) ? id : encodeURIComponent(id).replace(/\./g, '%2E');
  return `${safe.replace(/^\./, '%2E')}.json`;
}

/**
 * True when two `modified` stamps name the same time. osv.dev writes
 * nanoseconds (`…:25.123456789Z`) where other sources stop at seconds, so
 * equal strings or equal instants both count.
 */
export function sameModified(a: string, b: string): boolean {
  if (a === b) return true;
  const left = Date.parse(a);
  const right = Date.parse(b);
  return Number.isFinite(left) && left === right;
}

export class RecordCache {
  private madeFolder = false;

  constructor(readonly folder: string) {}

  private fileFor(id: string): string {
    return path.join(this.folder, cacheFileName(id));
  }

  /**
   * The stored record for `id`, when there is one and (given `modified`) it is
   * that version. A missing, unreadable or malformed file is a miss.
   */
  async get(id: string, modified?: string): Promise<OsvRecord | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileFor(id), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const record = parseOsvJson(text, cacheFileName(id));
      if (record.id !== id) return undefined;
      if (modified !== undefined && !sameModified(record.modified, modified)) return undefined;
      return record;
    } catch {
      return undefined;
    }
  }

  /** Stores a record; written to a temporary file and renamed, so a reader never sees half a file. */
  async put(record: OsvRecord): Promise<void> {
    if (!this.madeFolder) {
      await mkdir(this.folder, { recursive: true });
      this.madeFolder = true;
    }
    const target = this.fileFor(record.id);
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, JSON.stringify(record), 'utf8');
    await rename(temporary, target);
  }
}
