import { isUtf8 } from 'node:buffer';

/** A file's bytes as the text the engine scans. */
export interface DecodedText {
  text: string;
  /**
   * `utf-8` for valid UTF-8; `latin1` otherwise (one character per byte), so
   * ASCII credentials in a file of another encoding are still found and
   * columns count bytes.
   */
  encoding: 'utf-8' | 'latin1';
  /** A UTF-8 byte order mark was dropped (columns count from the first visible character, as editors do). */
  hadBom: boolean;
}

/** Decodes a file for scanning. */
export function decodeText(bytes: Buffer): DecodedText {
  if (!isUtf8(bytes)) return { text: bytes.toString('latin1'), encoding: 'latin1', hadBom: false };
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: bytes.toString('utf8', hadBom ? 3 : 0), encoding: 'utf-8', hadBom };
}

/** The byte offset in the file of a character offset in its decoded text. */
export function byteOffsetOf(decoded: DecodedText, offset: number): number {
  if (decoded.encoding === 'latin1') return offset;
  return Buffer.byteLength(decoded.text.slice(0, offset), 'utf8') + (decoded.hadBom ? 3 : 0);
}
