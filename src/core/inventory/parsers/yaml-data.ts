/**
 * Large YAML lockfiles (pnpm-lock.yaml) read with js-yaml, about ten times
 * faster than the `yaml` library's document model, and the lines of their
 * entries found by scanning the text. Both libraries read YAML 1.2 with the
 * failsafe schema here, so every scalar stays a string (`1.10` must not become
 * the number 1.1), and both refuse duplicate keys.
 *
 * js-yaml keeps an alias as a second reference to the anchored value instead
 * of a copy, so it cannot be told to stop at an alias budget. A text with
 * anything that may be an anchor is therefore read by the `yaml` library
 * with one (lockfile writers never use anchors). The `yaml` library also
 * places keys when the text is laid out in a way the scan does not follow.
 */
import { FAILSAFE_SCHEMA, load, type YAMLException } from 'js-yaml';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { LockfileError } from '../types.js';
import { firstLine } from './js-guard.js';
import type { LineIndex } from './line-index.js';

/** Anchors and aliases are not something lockfile writers produce; a handful is tolerated, a bomb is not. */
const MAX_ALIAS_COUNT = 100;
/** Deeper than any lockfile nests; js-yaml refuses past it instead of recursing on. */
const MAX_DEPTH = 500;

/**
 * `&name` where a node may start: at a line's start, after a space or a flow
 * indicator. Also true for a quoted `&` at such a place, which only costs the
 * slower reader.
 */
const MAY_HOLD_ANCHOR = /(?:^|[\s[{,])&[^\s\]},]/m;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * js-yaml reads an empty value as null where the `yaml` library's failsafe
 * schema gives an empty string; the parsers were written against the latter.
 * Without anchors there are no shared values, so this visits each node once.
 */
function emptyForNull(value: unknown): unknown {
  if (value === null) return '';
  const pending: unknown[] = [value];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i += 1) {
        if (node[i] === null) node[i] = '';
        else if (typeof node[i] === 'object') pending.push(node[i]);
      }
    } else if (isRecord(node)) {
      for (const key of Object.keys(node)) {
        if (node[key] === null) node[key] = '';
        else if (typeof node[key] === 'object') pending.push(node[key]);
      }
    }
  }
  return value;
}

export class YamlLockfile {
  private document: Document | undefined;

  private constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly what: string,
    /** The whole file as plain values (mappings, sequences, strings). */
    readonly data: unknown,
    document?: Document,
  ) {
    this.document = document;
  }

  /** Parses the text; invalid YAML (or too many aliases) is a LockfileError naming `what`, at its line. */
  static parse(text: string, lines: LineIndex, what: string): YamlLockfile {
    if (MAY_HOLD_ANCHOR.test(text)) {
      const document = parseWithYaml(text, lines, what);
      return new YamlLockfile(text, lines, what, document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), document);
    }
    let data: unknown;
    try {
      data = load(text, { schema: FAILSAFE_SCHEMA, maxDepth: MAX_DEPTH } as Parameters<typeof load>[1]);
    } catch (error) {
      const { reason, mark, message } = error as YAMLException;
      const line = mark && Number.isInteger(mark.line) ? mark.line + 1 : undefined;
      throw new LockfileError(`not valid YAML for ${what}: ${firstLine(reason || message || String(error))}`, line);
    }
    return new YamlLockfile(text, lines, what, emptyForNull(data));
  }

  /**
   * The line of each key of the top-level mapping `section`, for the keys the
   * parsed value has. Read from the text when the section is a block mapping
   * laid out one key per line at one indentation (as every lockfile writer
   * does it); otherwise from the `yaml` library's document.
   */
  keyLines(section: string): Map<string, number> {
    const value = isRecord(this.data) ? this.data[section] : undefined;
    if (!isRecord(value)) return new Map();
    if (Object.keys(value).length === 0) return new Map();
    const scanned = scanBlockMappingKeys(this.text, this.lines, section);
    if (scanned && scanned.size === Object.keys(value).length && [...scanned.keys()].every((key) => Object.hasOwn(value, key))) {
      return scanned;
    }
    this.document ??= parseWithYaml(this.text, this.lines, this.what);
    const found = new Map<string, number>();
    const node = this.document.get(section, true);
    if (!isMap(node)) return found;
    for (const pair of node.items) {
      if (isScalar(pair.key)) found.set(String(pair.key.value), this.lines.lineAt(pair.key.range?.[0] ?? 0));
    }
    return found;
  }
}

function parseWithYaml(text: string, lines: LineIndex, what: string): Document {
  const document = parseDocument(text, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
  const error = document.errors[0];
  if (error) throw new LockfileError(`not valid YAML for ${what}: ${firstLine(error.message)}`, lines.lineAt(error.pos[0]));
  return document;
}

/** A key as written at the start of a block mapping line, and nothing else: undefined for any form the scan does not read. */
function readKey(line: string, indent: number): string | undefined {
  const first = line.charCodeAt(indent);
  let key: string;
  let rest: string;
  if (first === 0x27 /* ' */) {
    let end = indent + 1;
    for (;;) {
      end = line.indexOf("'", end);
      if (end === -1) return undefined;
      if (line.charCodeAt(end + 1) !== 0x27) break;
      end += 2;
    }
    key = line.slice(indent + 1, end).replace(/''/g, "'");
    rest = line.slice(end + 1);
  } else if (first === 0x22 /* " */) {
    const end = line.indexOf('"', indent + 1);
    if (end === -1) return undefined;
    key = line.slice(indent + 1, end);
    // Escapes are YAML's own: let the document model read such a key.
    if (key.includes('\\')) return undefined;
    rest = line.slice(end + 1);
  } else {
    // A plain key ends at the first `: ` (or `:` ending the line); one starting with an indicator is not read here.
    if ('-?:,[]{}#&*!|>%@`'.includes(line[indent]!)) return undefined;
    const colon = line.search(/:(?:\s|$)/);
    if (colon <= indent) return undefined;
    key = line.slice(indent, colon).trimEnd();
    if (key.includes(' #')) return undefined;
    rest = line.slice(colon);
  }
  return /^\s*:(?:\s|$)/.test(rest) ? key : undefined;
}

/**
 * Keys of the top-level block mapping `section` and their lines, from the
 * text: the `section:` line at the left margin, then every line at the
 * indentation of its first key, until the next line at the left margin.
 * Undefined when a line at that indentation is not a plain or quoted key.
 */
function scanBlockMappingKeys(text: string, lines: LineIndex, section: string): Map<string, number> | undefined {
  const header = new RegExp(`^${section}:[ \\t]*(?:#.*)?\\r?$`, 'm').exec(text);
  if (!header) return undefined;
  const keys = new Map<string, number>();
  let lineNumber = lines.lineAt(header.index);
  let indent = -1;
  for (let start = text.indexOf('\n', header.index) + 1; start > 0 && start < text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
    lineNumber += 1;
    start = end + 1;
    const spaces = line.length - line.trimStart().length;
    const blank = line.trim() === '' || line.trimStart().startsWith('#');
    if (!blank) {
      if (spaces === 0) break;
      if (line[spaces - 1] === '\t' || line.slice(0, spaces).includes('\t')) return undefined;
      if (indent === -1) indent = spaces;
      if (spaces < indent) return undefined;
      if (spaces === indent) {
        const key = readKey(line, indent);
        if (key === undefined || keys.has(key)) return undefined;
        keys.set(key, lineNumber);
      }
    }
    if (end === -1) break;
  }
  return keys;
}
