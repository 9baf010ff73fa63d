/**
 * An index of a folder or zip of OSV records, kept in the cache folder
 * between runs: which records each package name appears in, and where each
 * record is. A later audit of the same, unchanged source reads only the
 * records naming its packages instead of every file (the first read of a
 * 100,000-record export is most of an audit's time).
 *
 * The source decides what "unchanged" means (its `stamp`: a folder's
 * sub-folder times, a zip's size and times) and what a location is.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nameForms, type NameFilter } from './record-names.js';

/** Bump when the stored shape changes: an index of another version is ignored and rebuilt. */
const INDEX_FORMAT = 1;
const INDEX_FOLDER = 'advisory-index';

export type IndexedSourceKind = 'directory' | 'zip';

export interface StoredIndex<Stamp, Location> {
  format: number;
  kind: IndexedSourceKind;
  /** The source's absolute path. */
  source: string;
  stamp: Stamp;
  /** Every record's location, in read order. */
  locations: Location[];
  /** Name spelling (see nameForms) → indexes into `locations`, ascending. */
  names: Record<string, number[]>;
}

/** The index file of a source: one per source path and kind. */
export function indexFileFor(cacheDir: string, kind: IndexedSourceKind, source: string): string {
  const digest = createHash('sha256').update(`${kind}\u0000${source}`).digest('hex').slice(0, 24);
  return path.join(cacheDir, INDEX_FOLDER, `${kind}-${digest}.json`);
}

/**
 * The stored index for this source, or undefined when there is none or it is
 * unreadable, of another format or about another source. The caller then
 * compares the stamp.
 */
export function readStoredIndex<Stamp, Location>(file: string, kind: IndexedSourceKind, source: string): StoredIndex<Stamp, Location> | undefined {
  let stored: Partial<StoredIndex<Stamp, Location>>;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredIndex<Stamp, Location>>;
  } catch {
    return undefined;
  }
  const valid =
    typeof stored === 'object' &&
    stored !== null &&
    stored.format === INDEX_FORMAT &&
    stored.kind === kind &&
    stored.source === source &&
    Array.isArray(stored.locations) &&
    typeof stored.names === 'object' &&
    stored.names !== null;
  return valid ? (stored as StoredIndex<Stamp, Location>) : undefined;
}

/**
 * Writes the index (to a temporary file, then renamed, so a reader never sees
 * half of one). Best effort: an index that cannot be written only costs the
 * next run a full read.
 */
export function writeStoredIndex<Stamp, Location>(file: string, index: Omit<StoredIndex<Stamp, Location>, 'format'>): boolean {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, JSON.stringify({ format: INDEX_FORMAT, ...index }), 'utf8');
    renameSync(temporary, file);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

/** Collects the names of each record as a source reads them. */
export class NameIndexBuilder {
  /** Each name as written → the locations holding it, ascending. */
  private readonly names = new Map<string, number[]>();

  /** Notes that the record at `location` holds `names` (locations are added in ascending order). */
  add(location: number, names: readonly string[]): void {
    for (const name of names) {
      const list = this.names.get(name);
      if (!list) this.names.set(name, [location]);
      else if (list.at(-1) !== location) list.push(location);
    }
  }

  /** Each spelling a lookup may use → the locations, ascending (spellings are worked out once per distinct name). */
  toJSON(): Record<string, number[]> {
    const byForm = new Map<string, number[]>();
    for (const [name, locations] of this.names) {
      for (const form of nameForms(name)) {
        const list = byForm.get(form);
        byForm.set(form, list ? mergeAscending(list, locations) : locations);
      }
    }
    return Object.fromEntries(byForm);
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

/** The locations (indexes, ascending) of the records that may name one of the wanted packages. */
export function selectLocations(names: Record<string, number[]>, filter: NameFilter): number[] {
  const selected = new Set<number>();
  for (const form of filter.wanted) {
    // The stored object came from JSON: look at its own keys only (`constructor` is no package here).
    if (!Object.hasOwn(names, form)) continue;
    const list = names[form];
    if (!Array.isArray(list)) continue;
    for (const location of list) selected.add(location);
  }
  return [...selected].sort((a, b) => a - b);
}
