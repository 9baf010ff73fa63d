/**
 * Fitting a list of rows into what is left of a size limit, for the outputs
 * GitHub caps (the job summary in bytes, the comment body in characters).
 * Rows are whole table rows, so a cut never leaves half a row, and the markup
 * that opens the rows (`<details>`, a table header) is always closed.
 */

/** Counts size the way the limit does: UTF-8 bytes or UTF-16 code units. */
export type Measure = (text: string) => number;

export const measureUtf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');
/**
 * UTF-16 code units (`String#length`). GitHub states the comment limit in
 * characters; code units count an astral character (most emoji) as two, so this
 * never under-counts characters or code points.
 */
export const measureChars: Measure = (text) => text.length;

export interface RowBlock {
  /** Shown whenever the block is, e.g. a heading. May be empty. */
  lead: string;
  /** Shown on the line before the first row when at least one row fits, e.g. the table header. */
  open: string;
  rows: readonly string[];
  /** Appended after the last row when at least one row fits, e.g. `\n\n</details>`. */
  close: string;
  /** A paragraph said when rows were left out, given how many. */
  note: (omitted: number) => string;
  /** At most this many rows, whatever the space. */
  maxRows?: number;
}

export interface FittedBlock {
  /** The block's markdown, '' when there was nothing to say. */
  text: string;
  shown: number;
  omitted: number;
}

const PARAGRAPH_BREAK = '\n\n';

function render(block: RowBlock, shown: number): string {
  const omitted = block.rows.length - shown;
  const parts: string[] = [];
  if (block.lead) parts.push(block.lead);
  if (shown > 0) parts.push(`${block.open}\n${block.rows.slice(0, shown).join('\n')}${block.close}`);
  if (omitted > 0) parts.push(block.note(omitted));
  return parts.join(PARAGRAPH_BREAK);
}

/**
 * The block with as many leading rows as fit in `budget`, counting the note
 * that says how many were left out. Returns '' when even the lead and note do
 * not fit; the caller's final guard handles budgets that small.
 */
export function fitRowBlock(block: RowBlock, budget: number, measure: Measure): FittedBlock {
  const total = block.rows.length;
  const cap = Math.min(total, block.maxRows ?? total);
  const sep = measure(PARAGRAPH_BREAK);
  const leadCost = block.lead ? measure(block.lead) : 0;
  const openCloseCost = measure(block.open) + measure(block.close);
  const newline = measure('\n');

  // The size of render(block, shown), without building it: lead, rows and note
  // are parts joined by a paragraph break; rowsCost is Σ(newline + row).
  const costOf = (shown: number, rowsCost: number): number => {
    const omitted = total - shown;
    const pieces: number[] = [];
    if (block.lead) pieces.push(leadCost);
    if (shown > 0) pieces.push(openCloseCost + rowsCost);
    if (omitted > 0) pieces.push(measure(block.note(omitted)));
    return pieces.reduce((a, b) => a + b, 0) + Math.max(0, pieces.length - 1) * sep;
  };

  let shown = 0;
  let rowsCost = 0;
  while (shown < cap) {
    const next = rowsCost + newline + measure(block.rows[shown]!);
    if (costOf(shown + 1, next) > budget) break;
    shown += 1;
    rowsCost = next;
  }
  if (costOf(shown, rowsCost) > budget) return { text: '', shown: 0, omitted: total };
  return { text: render(block, shown), shown, omitted: total - shown };
}

/**
 * Cuts text to fit `budget` at the last line break that fits: the last resort
 * when even the fixed parts of an output are over the limit, which only a
 * caller-chosen budget far below GitHub's can cause.
 */
export function cutToFit(text: string, budget: number, measure: Measure): string {
  if (measure(text) <= budget) return text;
  let end = text.lastIndexOf('\n');
  while (end > 0 && measure(text.slice(0, end + 1)) > budget) end = text.lastIndexOf('\n', end - 1);
  return end > 0 ? text.slice(0, end + 1) : '';
}
