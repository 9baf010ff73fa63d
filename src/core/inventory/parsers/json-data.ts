/**
 * Large JSON lockfiles (package-lock.json runs to tens of MB) read with
 * JSON.parse, which is native and several times faster than building a
 * jsonc-parser tree, and their lines found afterwards by one linear scan of
 * the text for object keys. jsonc-parser is only asked where a syntax error
 * is, when JSON.parse has already said there is one.
 */
import { LockfileError } from '../types.js';
import { parseJsonObject, plainValue } from './json-tree.js';
import type { LineIndex } from './line-index.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const BYTE_ORDER_MARK = 0xfeff;

/**
 * Parses the whole text, which must hold one JSON object. A syntax error
 * becomes a LockfileError naming `what` at the error's line.
 */
export function parseJsonData(text: string, lines: LineIndex, what: string): Record<string, unknown> {
  let data: unknown;
  try {
    // jsonc-parser, which read these files before, allows a byte order mark; JSON.parse does not.
    data = JSON.parse(text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text);
  } catch {
    // Throws the LockfileError with the line. Should it accept the text after
    // all (it also takes Unicode spaces between tokens), its reading stands.
    data = plainValue(parseJsonObject(text, lines, what));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new LockfileError(`${what} must be a JSON object`, 1);
  return data as Record<string, unknown>;
}

/**
 * Where an object key sits: `path` holds the keys of the objects around it
 * from the top (`null` for an array element), and is only valid during the
 * call.
 */
export type JsonKeyVisitor = (path: readonly (string | null)[], key: string, line: number) => void;

/** The offset of the quote closing the string whose content starts at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  for (let quote = text.indexOf('"', from); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === BACKSLASH) slashes += 1;
    if (slashes % 2 === 0) return quote;
  }
  return -1;
}

/**
 * Calls `visit` with every object key of JSON text that parseJsonData
 * accepted, in document order, with its 1-based line. One pass with an
 * explicit stack: strings are skipped with indexOf, and a valid JSON string
 * holds no raw line break, so lines are counted between tokens.
 */
export function scanJsonKeys(text: string, visit: JsonKeyVisitor): void {
  /** Per open container: the key last read in it (objects), or null (arrays). */
  const lastKeys: Array<string | null> = [];
  const isObject: boolean[] = [];
  const path: Array<string | null> = [];
  let expectKey = false;
  let line = 1;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = closingQuote(text, i + 1);
      if (end === -1) return;
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        lastKeys[lastKeys.length - 1] = key;
        visit(path, key, line);
        expectKey = false;
      }
      i = end;
    } else if (code === NEWLINE) {
      line += 1;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (isObject.length > 0) path.push(isObject[isObject.length - 1] ? (lastKeys[lastKeys.length - 1] ?? null) : null);
      isObject.push(code === OPEN_OBJECT);
      lastKeys.push(null);
      expectKey = code === OPEN_OBJECT;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      isObject.pop();
      lastKeys.pop();
      if (isObject.length > 0) path.pop();
      expectKey = false;
    } else if (code === COMMA) {
      expectKey = isObject[isObject.length - 1] === true;
    }
  }
}

/** A key's value, when `value` is an object that has the key itself (JSON.parse results inherit from Object.prototype). */
export function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

export function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' ? found : undefined;
}

export function isTrueField(value: unknown, key: string): boolean {
  return field(value, key) === true;
}
