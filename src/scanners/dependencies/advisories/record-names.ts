/**
 * Which package names a record file may be about, read from its text without
 * parsing it. JSON.parse of a whole database export (100,000 records, 300 MB)
 * costs several times more than the files' reading; an audit needs the few
 * thousand records that name one of its packages. The scan may answer too
 * many names (a `credits[].name` is a name too), never too few: every
 * `affected[].package.name` is a `"name": "…"` pair in the text.
 */
import { normalizePackageName, type PackageQuery } from './package-key.js';

const NAME_KEY = Buffer.from('"name"');
const UNICODE_ESCAPE = Buffer.from('\\u');
const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const COLON = 0x3a;

function isJsonSpace(code: number | undefined): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * The offset of the quote closing the string whose content starts at `from`
 * (a quote preceded by an even run of backslashes), or -1. Quote and
 * backslash bytes never occur inside a UTF-8 multi-byte character, so the
 * bytes can be searched as they are.
 */
function closingQuote(bytes: Buffer, from: number): number {
  for (let quote = bytes.indexOf(QUOTE, from); quote !== -1; quote = bytes.indexOf(QUOTE, quote + 1)) {
    let slashes = 0;
    while (quote - 1 - slashes >= from && bytes[quote - 1 - slashes] === BACKSLASH) slashes += 1;
    if (slashes % 2 === 0) return quote;
  }
  return -1;
}

/**
 * True when some key holds a `\u` escape, which could spell `name` so that
 * the scan does not see it. No database writes keys that way, but JSON allows
 * it; such a file is parsed instead. One pass: each escape leads to the end of
 * its string, and the search goes on from there.
 */
function hasEscapedKey(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(UNICODE_ESCAPE); at !== -1; ) {
    const end = closingQuote(bytes, at + 2);
    if (end === -1) return true;
    let next = end + 1;
    while (isJsonSpace(bytes[next])) next += 1;
    if (bytes[next] === COLON) return true;
    at = bytes.indexOf(UNICODE_ESCAPE, end + 1);
  }
  return false;
}

/**
 * The values of every `"name"` key in a record file's bytes, or undefined
 * when they cannot be scanned safely (a key written with escapes): parse the
 * file then. Bytes rather than text: most files are never decoded at all.
 */
export function scanRecordNames(bytes: Buffer): string[] | undefined {
  const names: string[] = [];
  let from = 0;
  for (let at = bytes.indexOf(NAME_KEY, from); at !== -1; at = bytes.indexOf(NAME_KEY, from)) {
    from = at + NAME_KEY.length;
    let next = from;
    while (isJsonSpace(bytes[next])) next += 1;
    if (bytes[next] !== COLON) continue;
    next += 1;
    while (isJsonSpace(bytes[next])) next += 1;
    if (bytes[next] !== QUOTE) continue;
    const end = closingQuote(bytes, next + 1);
    if (end === -1) break;
    from = end + 1;
    const raw = bytes.toString('utf8', next + 1, end);
    if (!raw.includes('\\')) names.push(raw);
    else {
      try {
        names.push(JSON.parse(`"${raw}"`) as string);
      } catch {
        // Not a valid JSON string: then the file is not valid JSON either, and says so when parsed.
      }
    }
  }
  if (bytes.includes(UNICODE_ESCAPE) && hasEscapedKey(bytes)) return undefined;
  return names;
}

/**
 * The spellings a name is compared under: as written, lower case (Packagist,
 * NuGet) and PEP 503 (PyPI). A query's normalised name is one of them
 * whenever the record's name would match it in the query's ecosystem.
 */
export function nameForms(name: string): string[] {
  const lower = normalizePackageName('NuGet', name);
  const python = normalizePackageName('PyPI', name);
  if (lower === name) return python === name ? [name] : [name, python];
  return python === lower ? [name, lower] : [name, lower, python];
}

/** The names an audit asks about, to tell which records can concern it. */
export class NameFilter {
  /** Every wanted name, normalised for its ecosystem: the spellings a stored index is searched for. */
  readonly wanted: ReadonlySet<string>;
  /** The same, by how the ecosystem compares names (see normalizePackageName). */
  private readonly exact = new Set<string>();
  private readonly lowerCase = new Set<string>();
  private readonly python = new Set<string>();

  constructor(packages: Iterable<PackageQuery & { local?: boolean }>) {
    const wanted = new Set<string>();
    for (const pkg of packages) {
      if (pkg.local) continue;
      const key = normalizePackageName(pkg.ecosystem, pkg.name);
      wanted.add(key);
      if (pkg.ecosystem === 'PyPI') this.python.add(key);
      else if (pkg.ecosystem === 'Packagist' || pkg.ecosystem === 'NuGet') this.lowerCase.add(key);
      else this.exact.add(key);
    }
    this.wanted = wanted;
  }

  /** True when one of the names a record holds is, in some wanted package's ecosystem, that package's name. */
  wants(names: readonly string[]): boolean {
    for (const name of names) {
      if (this.exact.has(name)) return true;
      if (this.lowerCase.size > 0 && this.lowerCase.has(normalizePackageName('NuGet', name))) return true;
      if (this.python.size > 0 && this.python.has(normalizePackageName('PyPI', name))) return true;
    }
    return false;
  }
}
