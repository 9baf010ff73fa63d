import { LineIndex } from './line-index.js';
import { LockfileError, type LockfileParser, type ParsedLockfile, type ParsedPackage } from '../types.js';

/**
 * mix.lock (Elixir): a map literal from each dependency's app name to how it
 * is locked:
 *
 *   "plug": {:hex, :plug, "1.8.2", "<inner sha256>", [:mix], [deps], "hexpm", "<outer sha256>"},
 *   "phoenix": {:git, "https://…", "<sha>", [branch: "v1.4"]},
 *
 * No library reads it (Mix evaluates it as code), so a small reader for the
 * literal subset Mix writes lives here: maps, tuples, lists, keyword lists,
 * atoms, strings, numbers, booleans and nil. It reads each character once and
 * fails with a LockfileError naming the line.
 *
 * Which dependencies the project asked for is in mix.exs, which is code: the
 * lock has no roots. Hex entries link to the deps they list; git entries
 * list none and have no version (their commit is in `resolved`).
 */
export const mixLockParser: LockfileParser = { format: 'mix.lock', parse: parseMixLock };

/** Deeper than any lock Mix writes (about 5), shallow enough for the call stack. */
const MAX_NESTING = 64;

const SHA256_HEX = /^[0-9a-f]{64}$/i;

type Term =
  | { kind: 'map'; at: number; entries: Array<[Term, Term]> }
  | { kind: 'tuple'; at: number; items: Term[] }
  | { kind: 'list'; at: number; items: Term[] }
  | { kind: 'atom'; at: number; value: string }
  | { kind: 'string'; at: number; value: string }
  | { kind: 'number'; at: number; value: number }
  | { kind: 'literal'; at: number; value: boolean | null };

function parseMixLock(text: string): ParsedLockfile {
  const lines = new LineIndex(text);
  const reader = new TermReader(text, lines);
  const lock = reader.readDocument();
  if (lock === undefined) return { format: 'mix.lock', packages: [], roots: [], warnings: [] };
  if (lock.kind !== 'map') throw new LockfileError('not a mix.lock: expected a map %{…}', lines.lineAt(lock.at));

  const warnings: string[] = [];
  const packages: ParsedPackage[] = [];
  const idByApp = new Map<string, string>();
  const usedIds = new Set<string>();
  const pendingDeps: Array<{ pkg: ParsedPackage; apps: string[] }> = [];

  for (const [key, value] of lock.entries) {
    const line = lines.lineAt(key.at);
    const app = key.kind === 'string' || key.kind === 'atom' ? key.value : undefined;
    if (app === undefined || value.kind !== 'tuple' || value.items[0]?.kind !== 'atom') {
      warnings.push(`line ${line}: an entry that is not "app": {:scm, …} skipped`);
      continue;
    }
    const scm = value.items[0].value;
    let pkg: ParsedPackage | undefined;
    if (scm === 'hex') {
      const hex = readHexEntry(value.items, app, line, warnings);
      if (!hex) continue;
      pkg = hex.pkg;
      pendingDeps.push({ pkg, apps: hex.deps });
    } else if (scm === 'git') {
      const url = stringAt(value.items, 1);
      const commit = stringAt(value.items, 2);
      pkg = {
        id: `${app}@git`,
        ecosystem: 'Hex',
        name: app,
        version: '',
        line,
        dependencies: [],
        ...(url ? { resolved: `git+${url}${commit ? `#${commit}` : ''}` } : {}),
      };
    } else if (scm === 'path') {
      pkg = { id: `${app}@path`, ecosystem: 'Hex', name: app, version: '', line, dependencies: [], local: true };
    } else {
      warnings.push(`line ${line}: ${app} is locked from the unknown source :${scm}; skipped`);
      continue;
    }
    // Two apps can lock one Hex package (an alias); ids stay unique.
    const base = pkg.id;
    if (usedIds.has(pkg.id)) pkg.id = `${base} (${app})`;
    for (let copy = 2; usedIds.has(pkg.id); copy++) pkg.id = `${base} (${app}) #${copy}`;
    usedIds.add(pkg.id);
    idByApp.set(app, pkg.id);
    packages.push(pkg);
  }

  for (const { pkg, apps } of pendingDeps) {
    const linked = new Set<string>();
    for (const app of apps) {
      // An optional dependency nobody else requires is not fetched, so not locked.
      const target = idByApp.get(app);
      if (target === undefined || target === pkg.id || linked.has(target)) continue;
      linked.add(target);
      pkg.dependencies.push(target);
    }
  }
  return { format: 'mix.lock', packages, roots: [], warnings };
}

/**
 * `{:hex, :name, "version", "inner checksum", [managers], [deps], "repo", "outer checksum"}`;
 * Mix before 1.10 wrote no outer checksum, before 1.5 only the first three.
 * The outer checksum is the SHA-256 of the package tarball (the inner one
 * hashes its contents), so it is the one reported.
 */
function readHexEntry(
  items: Term[],
  app: string,
  line: number,
  warnings: string[],
): { pkg: ParsedPackage; deps: string[] } | undefined {
  const nameTerm = items[1];
  const name = nameTerm?.kind === 'atom' || nameTerm?.kind === 'string' ? nameTerm.value : undefined;
  const version = stringAt(items, 2);
  if (!name || !version) {
    warnings.push(`line ${line}: ${app} is a :hex entry without a package name and version; skipped`);
    return undefined;
  }
  const pkg: ParsedPackage = { id: `${name}@${version}`, ecosystem: 'Hex', name, version, line, dependencies: [] };
  const outer = stringAt(items, 7);
  if (outer !== undefined && SHA256_HEX.test(outer)) pkg.hashes = [{ algorithm: 'SHA-256', hex: outer.toLowerCase() }];
  const repo = stringAt(items, 6);
  // A private organisation's repository (`hexpm:acme`) is where the package really comes from.
  if (repo !== undefined && repo !== 'hexpm') pkg.resolved = repo;

  const deps: string[] = [];
  const depList = items[5];
  if (depList?.kind === 'list') {
    for (const dep of depList.items) {
      if (dep.kind === 'tuple' && dep.items[0]?.kind === 'atom') deps.push(dep.items[0].value);
    }
  }
  return { pkg, deps };
}

function stringAt(items: Term[], index: number): string | undefined {
  const term = items[index];
  return term?.kind === 'string' ? term.value : undefined;
}

type Token =
  | { type: 'punct'; value: '%{' | '{' | '}' | '[' | ']' | ',' | '=>'; at: number }
  | { type: 'key'; value: string; at: number }
  | { type: 'term'; term: Term; at: number }
  | { type: 'end'; at: number };

const STRING_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  s: ' ',
  e: '\x1b',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** A recursive-descent reader over a one-token lookahead lexer. */
class TermReader {
  private position = 0;
  private token: Token;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {
    this.token = this.lex();
  }

  /** The one term of the file, or undefined when the file is empty. */
  readDocument(): Term | undefined {
    if (this.atEnd()) return undefined;
    const term = this.readTerm(0);
    if (!this.atEnd()) this.fail('unexpected text after the lock map', this.token.at);
    return term;
  }

  private atEnd(): boolean {
    return this.token.type === 'end';
  }

  private readTerm(depth: number): Term {
    if (depth > MAX_NESTING) this.fail('nested too deeply', this.token.at);
    const token = this.token;
    if (token.type === 'term') {
      this.advance();
      return token.term;
    }
    if (token.type === 'punct') {
      if (token.value === '%{') return this.readMap(depth, token.at);
      if (token.value === '{') {
        this.advance();
        return { kind: 'tuple', at: token.at, items: this.readItems('}', depth) };
      }
      if (token.value === '[') {
        this.advance();
        return { kind: 'list', at: token.at, items: this.readItems(']', depth) };
      }
    }
    return this.fail(token.type === 'end' ? 'the file ends in the middle of a term' : `unexpected ${this.describe(token)}`, token.at);
  }

  private readMap(depth: number, at: number): Term {
    this.advance();
    const entries: Array<[Term, Term]> = [];
    while (!this.isPunct('}')) {
      const token = this.token;
      if (token.type === 'key') {
        this.advance();
        entries.push([{ kind: 'atom', at: token.at, value: token.value }, this.readTerm(depth + 1)]);
      } else {
        const key = this.readTerm(depth + 1);
        this.expectPunct('=>');
        entries.push([key, this.readTerm(depth + 1)]);
      }
      if (!this.isPunct(',')) break;
      this.advance();
    }
    this.expectPunct('}');
    return { kind: 'map', at, entries };
  }

  /** Items of a tuple or list; `key: value` pairs (keyword lists) read as 2-tuples. */
  private readItems(close: '}' | ']', depth: number): Term[] {
    const items: Term[] = [];
    while (!this.isPunct(close)) {
      const token = this.token;
      if (token.type === 'key') {
        this.advance();
        items.push({ kind: 'tuple', at: token.at, items: [{ kind: 'atom', at: token.at, value: token.value }, this.readTerm(depth + 1)] });
      } else {
        items.push(this.readTerm(depth + 1));
      }
      if (!this.isPunct(',')) break;
      this.advance();
    }
    this.expectPunct(close);
    return items;
  }

  private isPunct(value: string): boolean {
    return this.token.type === 'punct' && this.token.value === value;
  }

  private expectPunct(value: string): void {
    if (!this.isPunct(value)) {
      const found = this.token.type === 'end' ? 'the end of the file' : this.describe(this.token);
      this.fail(`expected "${value}" but found ${found}`, this.token.at);
    }
    this.advance();
  }

  private advance(): void {
    this.token = this.lex();
  }

  private describe(token: Token): string {
    if (token.type === 'punct') return `"${token.value}"`;
    if (token.type === 'key') return `the key "${token.value}:"`;
    if (token.type === 'term') return `a ${token.term.kind}`;
    return 'the end of the file';
  }

  private fail(message: string, at: number): never {
    const line = this.lines.lineAt(at);
    throw new LockfileError(`not a readable mix.lock (line ${line}: ${message})`, line);
  }

  private lex(): Token {
    const { text } = this;
    // Whitespace and `#` comments.
    for (;;) {
      const c = text[this.position];
      if (c === ' ' || c === '\n' || c === '\t' || c === '\r') this.position++;
      else if (c === '#') {
        const end = text.indexOf('\n', this.position);
        this.position = end === -1 ? text.length : end;
      } else break;
    }
    const at = this.position;
    if (at >= text.length) return { type: 'end', at };
    const c = text[at]!;
    if (c === '%') {
      if (text[at + 1] !== '{') this.fail('"%" must open a map "%{"', at);
      this.position += 2;
      return { type: 'punct', value: '%{', at };
    }
    if (c === '{' || c === '}' || c === '[' || c === ']' || c === ',') {
      this.position++;
      return { type: 'punct', value: c, at };
    }
    if (c === '=' && text[at + 1] === '>') {
      this.position += 2;
      return { type: 'punct', value: '=>', at };
    }
    if (c === '"') {
      const value = this.readString(at);
      // `"app": value` in a map: a keyword key written as a string.
      if (this.isKeySuffix()) return { type: 'key', value, at };
      return { type: 'term', term: { kind: 'string', at, value }, at };
    }
    if (c === ':') {
      if (text[at + 1] === '"') {
        this.position++;
        return { type: 'term', term: { kind: 'atom', at, value: this.readString(at + 1) }, at };
      }
      this.position++;
      const name = this.readIdentifier();
      if (name === '') this.fail('":" must start an atom', at);
      return { type: 'term', term: { kind: 'atom', at, value: name }, at };
    }
    if (/[0-9-]/.test(c)) {
      const match = /^-?[0-9][0-9_]*(?:\.[0-9]+)?/.exec(text.slice(at, at + 64));
      if (!match) return this.fail(`unexpected "${c}"`, at);
      this.position += match[0].length;
      return { type: 'term', term: { kind: 'number', at, value: Number(match[0].replace(/_/g, '')) }, at };
    }
    if (/[A-Za-z_]/.test(c)) {
      const name = this.readIdentifier();
      if (this.isKeySuffix()) return { type: 'key', value: name, at };
      if (name === 'true' || name === 'false') return { type: 'term', term: { kind: 'literal', at, value: name === 'true' }, at };
      if (name === 'nil') return { type: 'term', term: { kind: 'literal', at, value: null }, at };
      return this.fail(`unexpected name "${name}"`, at);
    }
    return this.fail(`unexpected character "${c}"`, at);
  }

  /** After a name or string: `: ` (colon, then whitespace) makes it a keyword key; the colon is consumed. */
  private isKeySuffix(): boolean {
    const { text, position } = this;
    if (text[position] !== ':') return false;
    const next = text[position + 1];
    if (next !== undefined && next !== ' ' && next !== '\n' && next !== '\t' && next !== '\r') return false;
    this.position++;
    return true;
  }

  private readIdentifier(): string {
    const start = this.position;
    const { text } = this;
    while (this.position < text.length && /[A-Za-z0-9_@]/.test(text[this.position]!)) this.position++;
    if (text[this.position] === '?' || text[this.position] === '!') this.position++;
    return text.slice(start, this.position);
  }

  /** A double-quoted string starting at `at`, with Elixir's escapes. */
  private readString(at: number): string {
    const { text } = this;
    let value = '';
    let i = at + 1;
    let runStart = i;
    for (;;) {
      if (i >= text.length) this.fail('unterminated string', at);
      const c = text[i]!;
      if (c === '"') break;
      if (c !== '\\') {
        i++;
        continue;
      }
      value += text.slice(runStart, i);
      const escaped = text[i + 1];
      if (escaped === undefined) this.fail('unterminated string', at);
      if (escaped === 'x') {
        const hex = /^[0-9A-Fa-f]{1,2}/.exec(text.slice(i + 2, i + 4));
        if (!hex) this.fail('bad \\x escape in a string', i);
        value += String.fromCharCode(parseInt(hex[0], 16));
        i += 2 + hex[0].length;
      } else if (escaped === 'u') {
        const hex = text[i + 2] === '{' ? /^\{([0-9A-Fa-f]{1,6})\}/.exec(text.slice(i + 2, i + 10)) : /^()([0-9A-Fa-f]{4})/.exec(text.slice(i + 2, i + 6));
        const digits = hex?.[1] || hex?.[2];
        const code = digits ? parseInt(digits, 16) : NaN;
        if (!hex || !(code <= 0x10ffff)) this.fail('bad \\u escape in a string', i);
        value += String.fromCodePoint(code);
        i += 2 + hex[0].length;
      } else {
        value += STRING_ESCAPES[escaped] ?? escaped;
        i += 2;
      }
      runStart = i;
    }
    value += text.slice(runStart, i);
    this.position = i + 1;
    return value;
  }
}
