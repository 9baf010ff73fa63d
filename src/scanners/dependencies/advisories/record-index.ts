/**
 * An index of a folder or zip of OSV records, kept in the cache folder
 * between runs: which records each package name appears in, and where each
 * record is. A later audit of the same, unchanged source reads only the
 * records naming its packages instead of every file (the first read of a
 * 100,000-record export is most of an audit's time).
 *
 * The source decides what "unchanged" means (its `stamp`: a folder's
 * sub-folder times, a zip's size and times) and what a location holds.
 * Locations and names are stored as lines of tab-separated fields inside two
 * JSON strings: for 100,000 records that parses in a third of the time an
 * array per record takes, and a run only decodes the lines it needs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nameForms, type NameFilter } from './record-names.js';

/** Bump when the stored shape changes: an index of another version is ignored and rebuilt. */
const INDEX_FORMAT = 2;
const INDEX_FOLDER = 'advisory-index';

export type IndexedSourceKind = 'directory' | 'zip';

interface IndexFile<Stamp> {
  format: number;
  kind: IndexedSourceKind;
  /** The source's absolute path. */
  source: string;
  stamp: Stamp;
  /** One line per record, in read order: the source's fields, tab-separated. */
  locations: string;
  /** One line per name spelling (see nameForms): the spelling, a tab, the record positions (ascending, comma-separated). */
  names: string;
}

/**
 * A field as stored: as it is, unless it holds a tab, a line break, a
 * backslash or starts with a quote; then as a JSON string (which has none of
 * the first two raw).
 */
function encodeField(value: string): string {
  return /[\t\n\r\\]/.test(value) || value.startsWith('"') ? JSON.stringify(value) : value;
}

function decodeField(value: string): string | undefined {
  if (!value.startsWith('"')) return value;
  try {
    const decoded: unknown = JSON.parse(value);
    return typeof decoded === 'string' ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** The index file of a source: one per source path and kind. */
export function indexFileFor(cacheDir: string, kind: IndexedSourceKind, source: string): string {
  const digest = createHash('sha256').update(`${kind}\u0000${source}`).digest('hex').slice(0, 24);
  return path.join(cacheDir, INDEX_FOLDER, `${kind}-${digest}.json`);
}

/** A stored index as read back: the stamp to compare, and the records that may name given packages. */
export class StoredIndex<Stamp> {
  private lines: string[] | undefined;

  private constructor(
    readonly stamp: Stamp,
    private readonly locationText: string,
    private readonly names: string,
  ) {}

  /**
   * The stored index for this source, or undefined when there is none or it
   * is unreadable, of another format or about another source. The caller then
   * compares the stamp.
   */
  static read<Stamp>(file: string, kind: IndexedSourceKind, source: string): StoredIndex<Stamp> | undefined {
    let stored: Partial<IndexFile<Stamp>>;
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<IndexFile<Stamp>>;
    } catch {
      return undefined;
    }
    const valid =
      typeof stored === 'object' &&
      stored !== null &&
      stored.format === INDEX_FORMAT &&
      stored.kind === kind &&
      stored.source === source &&
      typeof stored.locations === 'string' &&
      typeof stored.names === 'string';
    return valid ? new StoredIndex(stored.stamp as Stamp, stored.locations!, stored.names!) : undefined;
  }

  /** Records in the source. */
  get size(): number {
    return this.locations().length;
  }

  /** The fields of the record at `position`; undefined when there is no such line or a field is damaged. */
  location(position: number): string[] | undefined {
    const line = this.locations()[position];
    if (line === undefined) return undefined;
    const fields: string[] = [];
    for (const raw of line.split('\t')) {
      const field = decodeField(raw);
      if (field === undefined) return undefined;
      fields.push(field);
    }
    return fields;
  }

  /** The positions (ascending) of the records that may name one of the wanted packages. */
  select(filter: NameFilter): number[] {
    const selected = new Set<number>();
    for (let start = 0; start < this.names.length; ) {
      const end = this.names.indexOf('\n', start);
      const line = this.names.slice(start, end === -1 ? this.names.length : end);
      start = end === -1 ? this.names.length : end + 1;
      const tab = line.lastIndexOf('\t');
      const form = tab === -1 ? undefined : decodeField(line.slice(0, tab));
      if (form === undefined || !filter.wanted.has(form)) continue;
      for (const position of line.slice(tab + 1).split(',')) {
        const value = Number(position);
        if (Number.isSafeInteger(value) && value >= 0) selected.add(value);
      }
    }
    return [...selected].sort((a, b) => a - b);
  }

  private locations(): string[] {
    this.lines ??= this.locationText === '' ? [] : this.locationText.split('\n');
    return this.lines;
  }
}

/**
 * Writes the index (to a temporary file, then renamed, so a reader never sees
 * half of one). Best effort: an index that cannot be written only costs the
 * next run a full read.
 */
export function writeStoredIndex<Stamp>(
  file: string,
  index: { kind: IndexedSourceKind; source: string; stamp: Stamp; locations: ReadonlyArray<readonly string[]>; names: NameIndexBuilder },
): boolean {
  const stored: IndexFile<Stamp> = {
    format: INDEX_FORMAT,
    kind: index.kind,
    source: index.source,
    stamp: index.stamp,
    locations: index.locations.map((fields) => fields.map(encodeField).join('\t')).join('\n'),
    names: index.names.lines().join('\n'),
  };
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, JSON.stringify(stored), 'utf8');
    renameSync(temporary, file);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

/** Collects the names of each record as a source reads them. */
export class NameIndexBuilder {
  /** Each name as written → the positions of the records holding it, ascending. */
  private readonly names = new Map<string, number[]>();

  /** Notes that the record at `position` holds `names` (positions are added in ascending order). */
  add(position: number, names: readonly string[]): void {
    for (const name of names) {
      const list = this.names.get(name);
      if (!list) this.names.set(name, [position]);
      else if (list.at(-1) !== position) list.push(position);
    }
  }

  /** One line per spelling a lookup may use (worked out once per distinct name). */
  lines(): string[] {
    const byForm = new Map<string, number[]>();
    for (const [name, positions] of this.names) {
      for (const form of nameForms(name)) {
        const list = byForm.get(form);
        byForm.set(form, list ? mergeAscending(list, positions) : positions);
      }
    }
    return [...byForm].map(([form, positions]) => `${encodeField(form)}\t${positions.join(',')}`);
  }
}

/** The union of two ascending lists, ascending (two spellings of one name, as `Flask` and `flask`, share a form). */
function mergeAscending(a: number[], b: number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (merged.at(-1) !== next) merged.push(next);
  }
  return merged;
}
