/**
 * A folder of OSV JSON files, at any depth: a clone of an advisory database
 * (`<Ecosystem>/<ID>.json`, github/advisory-database's
 * `advisories/github-reviewed/YYYY/MM/<ID>/<ID>.json`) or an unpacked export.
 *
 * Files are read synchronously, one after the other: for 100,000 small files
 * that is faster than batches of promises (each read then costs a trip
 * through the thread pool), and nothing else runs meanwhile.
 */
import { closeSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { AdvisorySourceError, describeError } from './advisory-source.js';
import { RecordCollector } from './collect-records.js';
import type { SourceReadOptions, SourceRecords } from './pending-record.js';
import { indexFileFor, NameIndexBuilder, StoredIndex, writeStoredIndex } from './record-index.js';

/**
 * A folder changed less than this before the walk may change again within the
 * same timestamp tick (coarse on some file systems: FAT 2 s, HFS+ 1 s)
 * without its times moving, so an index taken then is not stored. (A change
 * always moves an older mtime, and ctime moves with it.)
 */
const RACY_FOLDER_MS = 2_000;

/** Each folder's path (relative, `/`-separated, '' for the root) and times when it was listed. */
type FolderStamp = [folder: string, mtimeMs: number, ctimeMs: number];
/** A record file, as stored: its folder's position in the stamp, and its name. */
type FileLocation = [folder: string, name: string];

/**
 * Adding, removing or renaming a file changes its folder's mtime and ctime
 * (and git checkouts and unzip replace files rather than rewrite them), so
 * unchanged folder times mean an unchanged listing. A file rewritten in place
 * leaves them as they were: its record is still read fresh, but a package
 * name it newly mentions is not seen until a folder changes.
 */
interface DirectoryStamp {
  folders: FolderStamp[];
}

interface Listing {
  folders: FolderStamp[];
  files: FileLocation[];
  /** `folder/name` of each file, in the order of `files`. */
  labels: string[];
  /** Some folder changed just before it was listed (see RACY_FOLDER_MS). */
  racy: boolean;
}

/** Reads whole files into one buffer that grows as needed, instead of a new one per file. */
class FileReader {
  private buffer = Buffer.allocUnsafe(1 << 16);

  /** The file's bytes, valid until the next read. */
  read(file: string): Buffer {
    const fd = openSync(file, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
          this.buffer.copy(bigger, 0, 0, length);
          this.buffer = bigger;
        }
        const read = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (read === 0) break;
        length += read;
      }
      return this.buffer.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  }
}

function joinLabel(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/** A relative `/`-separated path that cannot leave the folder it is relative to. */
function staysInside(label: string): boolean {
  if (label === '' || path.isAbsolute(label) || label.includes('\\')) return false;
  return label.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** `root` and a separator, to put before a label: 100,000 path.join calls show in a profile. */
function prefixOf(root: string): string {
  return root.endsWith('/') || root.endsWith(path.sep) ? root : `${root}${path.sep}`;
}

function stampOf(folder: string, stats: Stats): FolderStamp {
  return [folder, stats.mtimeMs, stats.ctimeMs];
}

/**
 * The `.json` files under `root`, sorted by path. Hidden folders (`.git`,
 * `.github`) are skipped: they hold no records, and a database clone's `.git`
 * is large. Symbolic links are not followed, so a link cycle cannot loop the
 * walk. Each folder is timed before it is listed: a change during the walk
 * then shows as a changed stamp on the next run.
 */
function listRecordFiles(root: string, started: number): Listing {
  const folders: FolderStamp[] = [];
  const found: Array<{ label: string; folder: number; name: string }> = [];
  let racy = false;
  const pending = [''];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    const full = folder === '' ? root : path.join(root, folder);
    const stamp = stampOf(folder, statSync(full));
    if (stamp[1] > started - RACY_FOLDER_MS) racy = true;
    const position = folders.push(stamp) - 1;
    for (const entry of readdirSync(full, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) pending.push(joinLabel(folder, entry.name));
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) {
        found.push({ label: joinLabel(folder, entry.name), folder: position, name: entry.name });
      }
    }
  }
  found.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { folders, files: found.map((file) => [String(file.folder), file.name]), labels: found.map((file) => file.label), racy };
}

/** Every file read; those that may name a wanted package (all, without a filter) parsed. The index is stored when asked. */
function readWholeFolder(root: string, options: SourceReadOptions, indexFile: string | undefined): SourceRecords {
  const started = Date.now();
  let listing: Listing;
  try {
    listing = listRecordFiles(root, started);
  } catch (error) {
    throw new AdvisorySourceError(`advisory folder ${root} cannot be listed: ${describeError(error)}`);
  }
  const builder = indexFile ? new NameIndexBuilder() : undefined;
  const collector = new RecordCollector(options.filter, builder);
  const reader = new FileReader();
  const prefix = prefixOf(root);
  let unreadable = false;
  listing.labels.forEach((label, position) => {
    let bytes: Buffer;
    try {
      bytes = reader.read(prefix + label);
    } catch (error) {
      unreadable = true;
      collector.fail(label, error);
      return;
    }
    collector.add(position, bytes, label);
  });

  let index: SourceRecords['stats']['index'] = 'none';
  if (builder && indexFile) {
    // An unreadable file has no names in the index: a later run would skip it without a word.
    const stored =
      !unreadable &&
      !listing.racy &&
      writeStoredIndex<DirectoryStamp>(indexFile, {
        kind: 'directory',
        source: path.resolve(root),
        stamp: { folders: listing.folders },
        locations: listing.files,
        names: builder,
      });
    index = stored ? 'written' : 'not-written';
  }
  const { records, warnings, parsed } = collector;
  return { records, warnings, stats: { files: listing.files.length, read: listing.files.length, parsed, index } };
}

/** True when every folder of the stamp still has its recorded times (so the same files). */
function folderUnchanged(root: string, stamp: DirectoryStamp): boolean {
  if (!Array.isArray(stamp?.folders) || stamp.folders.length === 0) return false;
  for (const recorded of stamp.folders) {
    if (!Array.isArray(recorded) || typeof recorded[0] !== 'string' || (recorded[0] !== '' && !staysInside(recorded[0]))) return false;
    let stats: Stats;
    try {
      stats = statSync(recorded[0] === '' ? root : path.join(root, recorded[0]));
    } catch {
      return false;
    }
    if (!stats.isDirectory() || stats.mtimeMs !== recorded[1] || stats.ctimeMs !== recorded[2]) return false;
  }
  return true;
}

/** Only the files the stored index names for the wanted packages; undefined when the index is missing or stale. */
function readThroughIndex(root: string, options: SourceReadOptions, indexFile: string): SourceRecords | undefined {
  const { filter } = options;
  const stored = StoredIndex.read<DirectoryStamp>(indexFile, 'directory', path.resolve(root));
  if (!filter || !stored || !folderUnchanged(root, stored.stamp)) return undefined;
  const folders = stored.stamp.folders;
  const reader = new FileReader();
  // The index may name a few records more than the filter wants (it is searched by spelling, not ecosystem): the filter decides, as on a full read.
  const collector = new RecordCollector(filter);
  const wanted = stored.select(filter);
  const prefix = prefixOf(root);
  for (const position of wanted) {
    const [folderPosition, name] = stored.location(position) ?? [];
    const folder = folders[Number(folderPosition)]?.[0];
    if (typeof folder !== 'string' || name === undefined) return undefined;
    const label = joinLabel(folder, name);
    // The cache folder is writable by others than this run: never follow an index out of the source.
    if (!staysInside(label)) return undefined;
    let bytes: Buffer;
    try {
      bytes = reader.read(prefix + label);
    } catch (error) {
      // Gone since the index was taken: the index is stale after all.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      collector.fail(label, error);
      continue;
    }
    collector.add(position, bytes, label);
  }
  const { records, warnings, parsed } = collector;
  return { records, warnings, stats: { files: stored.size, read: wanted.length, parsed, index: 'used' } };
}

/**
 * Reads the OSV records under `root`; a malformed file costs one warning
 * line, the rest still load. With a filter, only records that may name a
 * wanted package are parsed; with a cache folder too, the folder's index is
 * kept there and a later run reads only those records' files.
 */
export async function loadDirectory(root: string, options: SourceReadOptions = {}): Promise<SourceRecords> {
  let isFolder: boolean;
  try {
    isFolder = statSync(root).isDirectory();
  } catch (error) {
    throw new AdvisorySourceError(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `advisory folder ${root} does not exist (use "osv" for the OSV API, or a path relative to the repository root)`
        : `advisory folder ${root} cannot be read: ${describeError(error)}`,
    );
  }
  if (!isFolder) throw new AdvisorySourceError(`advisory source ${root} is not a folder`);
  const absolute = path.resolve(root);
  const indexFile = options.cacheDir ? indexFileFor(options.cacheDir, 'directory', absolute) : undefined;
  const throughIndex = indexFile && options.filter ? readThroughIndex(root, options, indexFile) : undefined;
  return throughIndex ?? readWholeFolder(root, options, indexFile);
}
