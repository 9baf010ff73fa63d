/**
 * Offsets to 1-based line numbers for a text, in O(log n) per lookup. Parsers
 * that read a whole file with a library (JSON, YAML, TOML) find where each
 * package is declared afterwards, from an offset or by searching the text.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The 1-based line holding `offset` (clamped to the text). */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  /** The 1-based line of the first occurrence of `needle` at or after `from`, or undefined. */
  lineOf(needle: string, from = 0): number | undefined {
    const at = this.text.indexOf(needle, from);
    return at === -1 ? undefined : this.lineAt(at);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/**
 * Calls `visit` with each line of the text (without its `\n`; a `\r` stays)
 * and its 1-based number: the lines `text.split('\n')` would give, without
 * building the array.
 */
export function forEachLine(text: string, visit: (line: string, lineNumber: number) => void): void {
  let lineNumber = 0;
  for (let start = 0; ; ) {
    const end = text.indexOf('\n', start);
    lineNumber += 1;
    visit(end === -1 ? text.slice(start) : text.slice(start, end), lineNumber);
    if (end === -1) return;
    start = end + 1;
  }
}
