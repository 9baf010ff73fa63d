/**
 * A zip of OSV JSON records, such as the per-ecosystem `<ecosystem>/all.zip`
 * exports of osv.dev (records at the top level) or a zipped database clone
 * (records at any depth).
 *
 * The central directory is read here and each entry inflated with Node's
 * zlib: on a 100,000-record export that is about twice as fast as fflate's
 * inflate, and knowing where each entry's data starts lets the stored index
 * send a later run straight to the few entries it needs.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { AdvisorySourceError, describeError } from './advisory-source.js';
import { RecordCollector } from './collect-records.js';
import type { SourceReadOptions, SourceRecords } from './pending-record.js';
import { indexFileFor, NameIndexBuilder, StoredIndex, writeStoredIndex } from './record-index.js';

/** No single OSV record comes near this (the largest, Linux kernel CVEs, are a few MB); bigger is refused, not inflated. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
/** A zip changed less than this before it was read may change again within one timestamp tick unseen: its index is not stored. */
const RACY_ZIP_MS = 2_000;

const STORED = 0;
const DEFLATED = 8;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const MAX_END_SEARCH = 22 + 0xffff;
const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8_NAME = 0x800;

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** An entry's name, data offset, compressed and unpacked size, and method: all a later run needs to inflate it. */
type EntryLocation = [name: string, dataOffset: number, compressedSize: number, size: number, method: number];

/** A stored location as this reader wrote it (the index file is ours, but a cache folder can be tampered with). */
function entryLocation(fields: readonly string[] | undefined): EntryLocation | undefined {
  if (fields?.length !== 5) return undefined;
  const [name, ...numbers] = fields as [string, string, string, string, string];
  const [dataOffset, compressedSize, size, method] = numbers.map(Number) as [number, number, number, number];
  const valid =
    numbers.every((field) => /^\d+$/.test(field)) &&
    Number.isSafeInteger(dataOffset) &&
    compressedSize <= MAX_ENTRY_BYTES &&
    size <= MAX_ENTRY_BYTES &&
    (method === STORED || method === DEFLATED);
  return valid ? [name, dataOffset, compressedSize, size, method] : undefined;
}

/** The zip's size and times when its index was taken. */
interface ZipStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

class ZipFormatError extends Error {}

function u16(data: Buffer, at: number): number {
  if (at < 0 || at + 2 > data.length) throw new ZipFormatError(`truncated at byte ${at}`);
  return data.readUInt16LE(at);
}

function u32(data: Buffer, at: number): number {
  if (at < 0 || at + 4 > data.length) throw new ZipFormatError(`truncated at byte ${at}`);
  return data.readUInt32LE(at);
}

/** A 64-bit size or offset; beyond 2^53 no file this reads can be, so it is refused. */
function u64(data: Buffer, at: number): number {
  const low = u32(data, at);
  const high = u32(data, at + 4);
  if (high >= 0x200000) throw new ZipFormatError(`64-bit field at byte ${at} is out of range`);
  return high * 0x100000000 + low;
}

/** Where the central directory is and how many entries it holds (zip64 when the classic fields overflow). */
function findCentralDirectory(data: Buffer): { offset: number; count: number } {
  const lowest = Math.max(0, data.length - MAX_END_SEARCH);
  let end = -1;
  for (let at = data.length - 22; at >= lowest; at -= 1) {
    if (data.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end === -1) throw new ZipFormatError('no end of central directory record');
  let count = u16(data, end + 10);
  let offset = u32(data, end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator >= 0 && u32(data, locator) === ZIP64_END_LOCATOR) {
      const record = u64(data, locator + 8);
      if (u32(data, record) !== ZIP64_END) throw new ZipFormatError('zip64 end record not where its locator says');
      count = u64(data, record + 32);
      offset = u64(data, record + 48);
    }
  }
  return { offset, count };
}

/** The entries of the central directory, in its order. */
function readCentralDirectory(data: Buffer): ZipEntry[] {
  const { offset, count } = findCentralDirectory(data);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (u32(data, at) !== CENTRAL_HEADER) throw new ZipFormatError(`central directory entry ${i + 1} of ${count} is damaged`);
    const flags = u16(data, at + 8);
    const method = u16(data, at + 10);
    let compressedSize = u32(data, at + 20);
    let size = u32(data, at + 24);
    const nameLength = u16(data, at + 28);
    const extraLength = u16(data, at + 30);
    const commentLength = u16(data, at + 32);
    let localOffset = u32(data, at + 42);
    const nameStart = at + 46;
    if (nameStart + nameLength + extraLength > data.length) throw new ZipFormatError(`central directory entry ${i + 1} is truncated`);
    const name = data.toString(flags & FLAG_UTF8_NAME ? 'utf8' : 'latin1', nameStart, nameStart + nameLength);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // The zip64 extra field holds, in this order, only the values that overflowed.
      for (let extra = nameStart + nameLength; extra + 4 <= nameStart + nameLength + extraLength; ) {
        const id = u16(data, extra);
        const length = u16(data, extra + 2);
        if (id === 0x0001) {
          let field = extra + 4;
          if (size === 0xffffffff) {
            size = u64(data, field);
            field += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(data, field);
            field += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(data, field);
          break;
        }
        extra += 4 + length;
      }
    }
    entries.push({ name, flags, method, compressedSize, size, localOffset });
    at = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}

function isRecordEntry(name: string): boolean {
  return !name.endsWith('/') && name.toLowerCase().endsWith('.json');
}

/** Why an entry is not read, or undefined when it can be. */
function unsupported(entry: ZipEntry): string | undefined {
  if (entry.flags & FLAG_ENCRYPTED) return 'skipped: it is encrypted';
  if (entry.method !== STORED && entry.method !== DEFLATED) return `skipped: compression method ${entry.method} is not supported`;
  if (entry.size > MAX_ENTRY_BYTES) return `skipped: ${entry.size} bytes unpacked is over the ${MAX_ENTRY_BYTES}-byte limit`;
  return undefined;
}

/** An entry's bytes from its compressed bytes; throws when they do not unpack to the size the directory states. */
function unpack(compressed: Buffer, method: number, size: number): Buffer {
  if (method === STORED) {
    if (compressed.length !== size) throw new ZipFormatError(`holds ${compressed.length} bytes, not the ${size} its header states`);
    return compressed;
  }
  // The stated size bounds the output: a bomb stops there instead of filling memory.
  const content = inflateRawSync(compressed, { maxOutputLength: Math.max(1, size) });
  if (content.length !== size) throw new ZipFormatError(`unpacks to ${content.length} bytes, not the ${size} its header states`);
  return content;
}

/** Where an entry's data starts: after its local header, whose name and extra field may differ in length from the central copy. */
function dataOffsetOf(data: Buffer, entry: ZipEntry): number {
  if (u32(data, entry.localOffset) !== LOCAL_HEADER) throw new ZipFormatError('its local header is damaged');
  return entry.localOffset + 30 + u16(data, entry.localOffset + 26) + u16(data, entry.localOffset + 28);
}

function zipError(label: string, error: unknown): AdvisorySourceError {
  const reason = error instanceof ZipFormatError ? error.message : describeError(error);
  return new AdvisorySourceError(`${label} is not a readable zip: ${reason}`);
}

/** Every record entry inflated and scanned; parsed when it may name a wanted package (all, without a filter). */
function readWholeZip(
  data: Buffer,
  label: string,
  options: SourceReadOptions,
  builder?: NameIndexBuilder,
): SourceRecords & { locations: EntryLocation[]; skipped: number } {
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(data);
  } catch (error) {
    throw zipError(label, error);
  }
  const collector = new RecordCollector(options.filter, builder);
  const readable: ZipEntry[] = [];
  let skipped = 0;
  for (const entry of entries) {
    if (!isRecordEntry(entry.name)) continue;
    const why = unsupported(entry);
    if (why) {
      skipped += 1;
      collector.warnings.push(`${label}: ${entry.name}: ${why}`);
    } else {
      readable.push(entry);
    }
  }
  readable.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const locations: EntryLocation[] = [];
  for (const entry of readable) {
    const source = `${label}: ${entry.name}`;
    let bytes: Buffer;
    let dataOffset: number;
    try {
      dataOffset = dataOffsetOf(data, entry);
      if (dataOffset + entry.compressedSize > data.length) throw new ZipFormatError('its data runs past the end of the zip');
      bytes = unpack(data.subarray(dataOffset, dataOffset + entry.compressedSize), entry.method, entry.size);
    } catch (error) {
      collector.fail(source, error);
      continue;
    }
    collector.add(locations.length, bytes, source);
    locations.push([entry.name, dataOffset, entry.compressedSize, entry.size, entry.method]);
  }
  const { records, warnings, parsed } = collector;
  return { records, warnings, locations, skipped, stats: { files: readable.length, read: locations.length, parsed, index: 'none' } };
}

/** Reads the OSV records of a zip held in memory; `label` names it in messages. */
export function readZipRecords(data: Uint8Array, label: string, options: Omit<SourceReadOptions, 'cacheDir'> = {}): SourceRecords {
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const { records, warnings, stats } = readWholeZip(buffer, label, options);
  return { records, warnings, stats };
}

function sameStamp(stats: Stats, stamp: ZipStamp | undefined): boolean {
  return stamp !== undefined && stats.size === stamp.size && stats.mtimeMs === stamp.mtimeMs && stats.ctimeMs === stamp.ctimeMs;
}

/** Only the entries the stored index names for the wanted packages; undefined when the index is missing or stale. */
function readThroughIndex(file: string, options: SourceReadOptions, indexFile: string): SourceRecords | undefined {
  const { filter } = options;
  const stored = StoredIndex.read<ZipStamp>(indexFile, 'zip', path.resolve(file));
  if (!filter || !stored) return undefined;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    if (!sameStamp(fstatSync(fd), stored.stamp)) return undefined;
    // The index may name a few records more than the filter wants (it is searched by spelling, not ecosystem): the filter decides, as on a full read.
    const collector = new RecordCollector(filter);
    const wanted = stored.select(filter);
    for (const position of wanted) {
      const location = entryLocation(stored.location(position));
      if (!location) return undefined;
      const [name, dataOffset, compressedSize, size, method] = location;
      const source = `${file}: ${name}`;
      try {
        const compressed = Buffer.allocUnsafe(compressedSize);
        if (readSync(fd, compressed, 0, compressedSize, dataOffset) !== compressedSize) throw new ZipFormatError('its data runs past the end of the zip');
        collector.add(position, unpack(compressed, method, size), source);
      } catch (error) {
        collector.fail(source, error);
      }
    }
    const { records, warnings, parsed } = collector;
    return { records, warnings, stats: { files: stored.size, read: wanted.length, parsed, index: 'used' } };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the OSV records of a zip file. With a filter, only records that may
 * name a wanted package are parsed; with a cache folder too, the zip's index
 * is kept there and a later run inflates only those records' entries.
 */
export async function loadZip(file: string, options: SourceReadOptions = {}): Promise<SourceRecords> {
  const indexFile = options.cacheDir ? indexFileFor(options.cacheDir, 'zip', path.resolve(file)) : undefined;
  const throughIndex = indexFile && options.filter ? readThroughIndex(file, options, indexFile) : undefined;
  if (throughIndex) return throughIndex;

  const started = Date.now();
  let data: Buffer;
  let stats: Stats;
  try {
    const fd = openSync(file, 'r');
    try {
      stats = fstatSync(fd);
      data = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new AdvisorySourceError(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `advisory zip ${file} does not exist (use "osv" for the OSV API, or a path relative to the repository root)`
        : `advisory zip ${file} cannot be read: ${describeError(error)}`,
    );
  }
  const builder = indexFile ? new NameIndexBuilder() : undefined;
  const { records, warnings, locations, skipped, stats: readStats } = readWholeZip(data, file, options, builder);
  if (builder && indexFile) {
    // An entry skipped or not unpacked has no names in the index: a later run would pass it over without a word.
    const storable = skipped === 0 && locations.length === readStats.files && stats.mtimeMs <= started - RACY_ZIP_MS;
    const stored =
      storable &&
      writeStoredIndex<ZipStamp>(indexFile, {
        kind: 'zip',
        source: path.resolve(file),
        stamp: { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs },
        locations: locations.map((location) => location.map(String)),
        names: builder,
      });
    readStats.index = stored ? 'written' : 'not-written';
  }
  return { records, warnings, stats: readStats };
}
