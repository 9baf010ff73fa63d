/**
 * Zips the generated OSV folder as an export would be: every record deflated
 * (zlib's default level, as Python's zipfile writes osv.dev's all.zip), and a
 * zip64 end record, which writers add past 65,535 entries (fflate's zipSync
 * stops there, so the benchmark writes its own).
 */
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const UTF8_NAMES = 0x800;
const DEFLATED = 8;

export interface ZipExport {
  entries: number;
  bytes: number;
}

/** Writes every `.json` file under `folder` (as `<sub-folder>/<name>`, sorted) into the zip `file`. */
export function zipFolder(folder: string, file: string): ZipExport {
  const names = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  const fd = openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  const write = (buffer: Buffer) => {
    writeSync(fd, buffer);
    offset += buffer.length;
  };
  try {
    for (const name of names) {
      const content = readFileSync(path.join(folder, name));
      const compressed = deflateRawSync(content);
      const nameBytes = Buffer.from(name, 'utf8');
      const crc = crc32(content);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(UTF8_NAMES, 6);
      local.writeUInt16LE(DEFLATED, 8);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(compressed.length, 18);
      local.writeUInt32LE(content.length, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(45, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(UTF8_NAMES, 8);
      entry.writeUInt16LE(DEFLATED, 10);
      entry.writeUInt32LE(crc, 16);
      entry.writeUInt32LE(compressed.length, 20);
      entry.writeUInt32LE(content.length, 24);
      entry.writeUInt16LE(nameBytes.length, 28);
      entry.writeUInt32LE(offset, 42);
      central.push(entry, nameBytes);
      write(local);
      write(nameBytes);
      write(compressed);
    }
    const directoryOffset = offset;
    const directory = Buffer.concat(central);
    write(directory);
    const zip64End = Buffer.alloc(56);
    zip64End.writeUInt32LE(0x06064b50, 0);
    zip64End.writeBigUInt64LE(44n, 4);
    zip64End.writeUInt16LE(45, 12);
    zip64End.writeUInt16LE(45, 14);
    zip64End.writeBigUInt64LE(BigInt(names.length), 24);
    zip64End.writeBigUInt64LE(BigInt(names.length), 32);
    zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
    zip64End.writeBigUInt64LE(BigInt(directoryOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset), 8);
    locator.writeUInt32LE(1, 16);
    write(zip64End);
    write(locator);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(names.length, 0xffff), 8);
    end.writeUInt16LE(Math.min(names.length, 0xffff), 10);
    end.writeUInt32LE(Math.min(directory.length, 0xffffffff), 12);
    end.writeUInt32LE(Math.min(directoryOffset, 0xffffffff), 16);
    if (names.length >= 0xffff) {
      end.writeUInt16LE(0xffff, 8);
      end.writeUInt16LE(0xffff, 10);
    }
    write(end);
  } finally {
    closeSync(fd);
  }
  return { entries: names.length, bytes: offset };
}
