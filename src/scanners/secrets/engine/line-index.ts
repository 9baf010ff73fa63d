/**
 * Line starts of a text, found only when first asked for (a file without a
 * match never pays for it). A line ends at LF, at CRLF (one break) or at a
 * lone CR, as editors and SARIF viewers count them.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The 0-based line holding `offset` (an offset at a line break belongs to the line it ends). */
  lineOf(offset: number): number {
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Where 0-based line `line` starts. */
  startOf(line: number): number {
    return this.lineStarts()[line] as number;
  }

  /** Where 0-based line `line` ends, before its line break. */
  endOf(line: number): number {
    const starts = this.lineStarts();
    const next = starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 0x0a) end -= 1;
    if (end > (starts[line] as number) && this.text.charCodeAt(end - 1) === 0x0d) end -= 1;
    return end;
  }

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const text = this.text;
    const starts = [0];
    // indexOf runs natively; a text without CR pays one extra pass to learn so.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        if (cr + 1 === lf) {
          starts.push(lf + 1);
          lf = text.indexOf('\n', lf + 1);
        } else {
          starts.push(cr + 1);
        }
        cr = text.indexOf('\r', cr + 1);
      } else {
        starts.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      }
    }
    this.starts = starts;
    return starts;
  }
}
