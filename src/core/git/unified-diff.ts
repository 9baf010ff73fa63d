/**
 * A pure parser for git's unified diff output (`git diff -U<n>`), fed line by
 * line so a huge diff is parsed with bounded memory, or whole via
 * parseUnifiedDiff. It keeps what a scanner needs: which lines were added, at
 * which line of the new version, with their text.
 *
 * Hunk bodies are read by the counts in their `@@` header, never by the look
 * of a line: an added line whose text is `++ b/x` prints as `+++ b/x`, and only
 * the counts tell it from a file header.
 */

/** An inclusive range of 1-based line numbers. */
export interface LineRange {
  start: number;
  end: number;
}

/** One added line: its 1-based number in the new version and its text without the line ending. */
export interface AddedLine {
  line: number;
  text: string;
}

export type FileChangeStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied';

export interface FileDiff {
  status: FileChangeStatus;
  /** The path in the old version; undefined for an added file. */
  oldPath: string | undefined;
  /** The path in the new version; undefined for a deleted file. */
  newPath: string | undefined;
  oldMode: string | undefined;
  newMode: string | undefined;
  /** Rename or copy similarity, 0–100, when git reported one. */
  similarity: number | undefined;
  /** "Binary files … differ": no lines to report. */
  isBinary: boolean;
  /** A gitlink (mode 160000): its one "line" is a commit id, not content. */
  isSubmodule: boolean;
  /** A symbolic link (mode 120000): its one "line" is the link target, not content. */
  isSymlink: boolean;
  addedLines: AddedLine[];
  /** Lines removed, numbered in the old version. */
  removedLines: LineRange[];
}

/** The diff text is not what git prints; the message names the line. */
export class DiffParseError extends Error {
  override readonly name = 'DiffParseError';
  constructor(
    message: string,
    readonly lineNumber: number,
  ) {
    super(`diff line ${lineNumber}: ${message}`);
  }
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const SUBMODULE_MODE = '160000';
const SYMLINK_MODE = '120000';
/** Hunk counts beyond this are not from a real diff; refusing them keeps arithmetic exact. */
const MAX_HUNK_NUMBER = 2 ** 40;

interface HunkState {
  oldRemaining: number;
  newRemaining: number;
  oldLine: number;
  newLine: number;
}

export class UnifiedDiffParser {
  private readonly files: FileDiff[] = [];
  private current: FileDiff | undefined;
  /** The current section has printed its `+++` line (its hunks may follow). */
  private sawNewHeader = false;
  private hunk: HunkState | undefined;
  private lineNumber = 0;
  private readonly onFile: ((file: FileDiff) => void) | undefined;

  /** With `onFile`, each file is handed over when complete and not kept. */
  constructor(onFile?: (file: FileDiff) => void) {
    this.onFile = onFile;
  }

  /** Feeds one line, without its `\n` (a trailing `\r` is content and kept until stored). */
  pushLine(line: string): void {
    this.lineNumber += 1;
    if (this.hunk && (this.hunk.oldRemaining > 0 || this.hunk.newRemaining > 0)) {
      this.readHunkLine(line);
      return;
    }
    if (line.startsWith('\\')) return; // "\ No newline at end of file" after the last hunk line
    if (line.startsWith('diff --git ')) {
      this.startFile(parseDiffGitHeader(line.slice('diff --git '.length), this.lineNumber));
      return;
    }
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      throw new DiffParseError('combined (merge) diffs are not supported', this.lineNumber);
    }
    if (line.startsWith('@@ ')) {
      this.startHunk(line);
      return;
    }
    if (line.startsWith('--- ')) {
      // A plain unified diff has no `diff --git` line: `---` then opens the section.
      if (!this.current || this.sawNewHeader) this.startFile({ oldPath: undefined, newPath: undefined });
      const file = this.requireFile();
      const path = parseHeaderPath(line.slice(4), 'a/', this.lineNumber);
      if (path === undefined) file.status = 'added';
      file.oldPath = path;
      return;
    }
    if (line.startsWith('+++ ')) {
      const file = this.requireFile();
      const path = parseHeaderPath(line.slice(4), 'b/', this.lineNumber);
      if (path === undefined) file.status = 'deleted';
      file.newPath = path;
      this.sawNewHeader = true;
      return;
    }
    if (!this.current || this.sawNewHeader) return; // text between sections: not ours to judge
    this.readExtendedHeader(line, this.current);
  }

  /** Ends the input and returns every file (empty when files went to `onFile`). */
  finish(): FileDiff[] {
    if (this.hunk && (this.hunk.oldRemaining > 0 || this.hunk.newRemaining > 0)) {
      throw new DiffParseError(
        `the diff ends inside a hunk (${this.hunk.oldRemaining} old and ${this.hunk.newRemaining} new lines missing)`,
        this.lineNumber,
      );
    }
    this.closeFile();
    return this.files;
  }

  private requireFile(): FileDiff {
    if (!this.current) throw new DiffParseError('a file header or hunk comes before any `diff --git` line', this.lineNumber);
    return this.current;
  }

  private startFile(paths: { oldPath: string | undefined; newPath: string | undefined }): void {
    this.closeFile();
    this.current = {
      status: 'modified',
      oldPath: paths.oldPath,
      newPath: paths.newPath,
      oldMode: undefined,
      newMode: undefined,
      similarity: undefined,
      isBinary: false,
      isSubmodule: false,
      isSymlink: false,
      addedLines: [],
      removedLines: [],
    };
    this.sawNewHeader = false;
    this.hunk = undefined;
  }

  private closeFile(): void {
    const file = this.current;
    if (!file) return;
    this.current = undefined;
    if (file.status === 'added') file.oldPath = undefined;
    if (file.status === 'deleted') file.newPath = undefined;
    const mode = file.newMode ?? file.oldMode;
    file.isSubmodule = mode === SUBMODULE_MODE;
    file.isSymlink = mode === SYMLINK_MODE;
    if (this.onFile) this.onFile(file);
    else this.files.push(file);
  }

  private readExtendedHeader(line: string, file: FileDiff): void {
    const space = line.indexOf(' ');
    const word = space === -1 ? line : line.slice(0, space);
    const rest = space === -1 ? '' : line.slice(space + 1);
    switch (word) {
      case 'new':
        if (rest.startsWith('file mode ')) {
          file.status = 'added';
          file.newMode = rest.slice('file mode '.length).trim();
        } else if (rest.startsWith('mode ')) file.newMode = rest.slice(5).trim();
        return;
      case 'deleted':
        if (rest.startsWith('file mode ')) {
          file.status = 'deleted';
          file.oldMode = rest.slice('file mode '.length).trim();
        }
        return;
      case 'old':
        if (rest.startsWith('mode ')) file.oldMode = rest.slice(5).trim();
        return;
      case 'rename':
      case 'copy':
        if (rest.startsWith('from ')) file.oldPath = parseQuotable(rest.slice(5), this.lineNumber);
        else if (rest.startsWith('to ')) file.newPath = parseQuotable(rest.slice(3), this.lineNumber);
        file.status = word === 'rename' ? 'renamed' : 'copied';
        return;
      case 'similarity': {
        const match = /^index (\d+)%/.exec(rest);
        if (match) file.similarity = Number(match[1]);
        return;
      }
      case 'index': {
        // "index abc..def 100644": the mode appears here when it did not change.
        const mode = /^\S+ (\d{6})$/.exec(rest);
        if (mode) {
          file.oldMode ??= mode[1];
          file.newMode ??= mode[1];
        }
        return;
      }
      case 'Binary':
        if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
          file.isBinary = true;
          if (line.startsWith('Binary files /dev/null and ')) file.status = 'added';
          if (line.endsWith(' and /dev/null differ')) file.status = 'deleted';
        }
        return;
      default:
        return; // unknown extended headers (git adds some over time) carry nothing we use
    }
  }

  private startHunk(line: string): void {
    this.requireFile();
    const match = HUNK_HEADER.exec(line);
    if (!match) throw new DiffParseError(`malformed hunk header ${JSON.stringify(line.slice(0, 80))}`, this.lineNumber);
    const [oldStart, oldCount, newStart, newCount] = [match[1], match[2] ?? '1', match[3], match[4] ?? '1'].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    if ([oldStart, oldCount, newStart, newCount].some((n) => n > MAX_HUNK_NUMBER)) {
      throw new DiffParseError('hunk header numbers are out of range', this.lineNumber);
    }
    this.sawNewHeader = true; // a hunk ends the header; `---` after it opens a new file
    this.hunk = { oldRemaining: oldCount, newRemaining: newCount, oldLine: oldStart, newLine: newStart };
  }

  private readHunkLine(line: string): void {
    const hunk = this.hunk as HunkState;
    const file = this.current as FileDiff;
    const marker = line.charAt(0);
    if (marker === '+') {
      if (hunk.newRemaining === 0) throw this.countError('added');
      file.addedLines.push({ line: hunk.newLine, text: stripCarriageReturn(line.slice(1)) });
      hunk.newLine += 1;
      hunk.newRemaining -= 1;
    } else if (marker === '-') {
      if (hunk.oldRemaining === 0) throw this.countError('removed');
      appendLine(file.removedLines, hunk.oldLine);
      hunk.oldLine += 1;
      hunk.oldRemaining -= 1;
    } else if (marker === ' ' || line === '') {
      // An empty line is a context line whose space was stripped (diff.suppressBlankEmpty, some mailers).
      if (hunk.oldRemaining === 0 || hunk.newRemaining === 0) throw this.countError('context');
      hunk.oldLine += 1;
      hunk.newLine += 1;
      hunk.oldRemaining -= 1;
      hunk.newRemaining -= 1;
    } else if (marker === '\\') {
      // "\ No newline at end of file": describes the previous line, counts nothing.
    } else {
      throw new DiffParseError(
        `expected a hunk line (' ', '+', '-' or '\\'), found ${JSON.stringify(line.slice(0, 40))}; the hunk header promised more lines`,
        this.lineNumber,
      );
    }
  }

  private countError(kind: string): DiffParseError {
    return new DiffParseError(`more ${kind} lines than the hunk header announced`, this.lineNumber);
  }
}

/** Parses a whole diff. Throws DiffParseError on text git would not print. */
export function parseUnifiedDiff(text: string): FileDiff[] {
  const parser = new UnifiedDiffParser();
  const lines = text.split('\n');
  // A final "\n" ends the last line; it does not start an empty one.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) parser.pushLine(line);
  return parser.finish();
}

/** The path a file diff is reported under: the new path, or the old one for a deletion. */
export function diffPath(file: FileDiff): string {
  return file.newPath ?? file.oldPath ?? '';
}

/** Collapses sorted line numbers into inclusive ranges. */
export function toLineRanges(lines: readonly number[]): LineRange[] {
  const ranges: LineRange[] = [];
  for (const line of lines) appendLine(ranges, line);
  return ranges;
}

function appendLine(ranges: LineRange[], line: number): void {
  const last = ranges[ranges.length - 1];
  if (last && last.end + 1 === line) last.end = line;
  else ranges.push({ start: line, end: line });
}

function stripCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/**
 * The two paths of `diff --git a/x b/y`. Unquoted paths may contain spaces, so
 * the split is only certain when both sides name the same file (git's own
 * heuristic in apply.c); renames are settled by the `rename from/to` lines and
 * content changes by `---`/`+++`, which override these guesses.
 */
function parseDiffGitHeader(rest: string, lineNumber: number): { oldPath: string | undefined; newPath: string | undefined } {
  if (rest.startsWith('"')) {
    const { value, end } = readQuoted(rest, 0, lineNumber);
    const second = rest.slice(end).replace(/^ /, '');
    const newRaw = second.startsWith('"') ? readQuoted(second, 0, lineNumber).value : second;
    return { oldPath: stripPrefix(value, 'a/'), newPath: stripPrefix(newRaw, 'b/') };
  }
  const quotedSecond = rest.indexOf(' "');
  if (quotedSecond !== -1 && rest.endsWith('"')) {
    const second = readQuoted(rest, quotedSecond + 1, lineNumber);
    if (second.end === rest.length) {
      return { oldPath: stripPrefix(rest.slice(0, quotedSecond), 'a/'), newPath: stripPrefix(second.value, 'b/') };
    }
  }
  // "a/X b/X": both halves have the same length.
  if ((rest.length - 1) % 2 === 0) {
    const half = (rest.length - 1) / 2;
    const left = rest.slice(0, half);
    const right = rest.slice(half + 1);
    if (rest.charAt(half) === ' ' && left.slice(2) === right.slice(2)) {
      return { oldPath: stripPrefix(left, 'a/'), newPath: stripPrefix(right, 'b/') };
    }
  }
  const split = rest.indexOf(' b/');
  if (split === -1) return { oldPath: undefined, newPath: undefined };
  return { oldPath: stripPrefix(rest.slice(0, split), 'a/'), newPath: rest.slice(split + 3) };
}

/** `--- a/x` / `+++ b/x`: undefined for /dev/null. Git appends a tab when the name has a space. */
function parseHeaderPath(raw: string, prefix: string, lineNumber: number): string | undefined {
  const value = raw.startsWith('"') ? readQuoted(raw, 0, lineNumber).value : raw.replace(/\t.*$/, '');
  if (value === '/dev/null') return undefined;
  return stripPrefix(value, prefix);
}

function parseQuotable(raw: string, lineNumber: number): string {
  return raw.startsWith('"') ? readQuoted(raw, 0, lineNumber).value : raw;
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  '\\': 92,
};

/**
 * Reads a C-quoted path as git writes it (quote_c_style in quote.c): `\"`,
 * `\\`, `\t`-style escapes and `\ooo` octal bytes, which may spell UTF-8.
 */
export function unquoteGitPath(quoted: string): string {
  return readQuoted(quoted, 0, 0).value;
}

function readQuoted(text: string, start: number, lineNumber: number): { value: string; end: number } {
  if (text.charAt(start) !== '"') throw new DiffParseError('expected a quoted path', lineNumber);
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"') return { value: Buffer.from(bytes).toString('utf8'), end: i + 1 };
    if (ch !== '\\') {
      const code = text.codePointAt(i) as number;
      const encoded = Buffer.from(String.fromCodePoint(code), 'utf8');
      bytes.push(...encoded);
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const next = text.charAt(i + 1);
    if (/[0-3]/.test(next) && /^[0-7]{3}$/.test(text.slice(i + 1, i + 4))) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 4;
    } else if (next in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[next] as number);
      i += 2;
    } else {
      throw new DiffParseError(`unknown escape \\${next} in a quoted path`, lineNumber);
    }
  }
  throw new DiffParseError('a quoted path has no closing quote', lineNumber);
}
