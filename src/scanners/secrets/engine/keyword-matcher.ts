/**
 * A multi-keyword matcher: Aho–Corasick compiled to a full DFA over UTF-16 code
 * units, with ASCII case folding, in typed arrays. Scanning is one linear pass
 * whatever the number of keywords; a character that occurs in no keyword maps
 * to one shared class, so the table stays small (states × distinct keyword
 * characters).
 *
 * A DFA step depends on the previous one (two dependent table loads per
 * character), which caps a plain DFA loop near 200 MB/s. So while no keyword
 * prefix is alive the matcher skips ahead with a bit set of the keywords'
 * first three characters: a test per position with no dependency between
 * positions (with ~300 keywords a table of first pairs let a tenth of all
 * positions of source code through; triples far fewer). Only where such a
 * triple occurs does the DFA run, and it hands back to the skip loop as soon
 * as the live prefix is one character or less.
 *
 * Keywords must be at least 3 characters long, as the rules ask.
 */
export class KeywordMatcher {
  /** The keywords, lower-case, in the order given (a hit names one by its index). */
  readonly keywords: readonly string[];
  /** Length of each keyword in code units. */
  readonly keywordLengths: Int32Array;
  readonly longestKeyword: number;
  /** Code unit -> character class (0: in no keyword). Upper-case ASCII shares its lower-case class. */
  private readonly classes: Uint16Array;
  /** Rows are 2^shift wide (the alphabet rounded up), so a row is `state << shift`. */
  private readonly shift: number;
  /**
   * The DFA: `delta[row + class]` is the next state's row, stored as `~row`
   * (negative) when that state ends at least one keyword.
   */
  private readonly delta: Int32Array;
  /** Length of the keyword prefix each state stands for. */
  private readonly depth: Int32Array;
  /** Bit ((a << shift | b) << shift | c) is set when classes a, b, c start some keyword. */
  private readonly firstTriples: Uint32Array;
  /** Keywords ending in state s (its own and its suffixes'): outList[outStart[s] .. outStart[s + 1]). */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;

  constructor(keywords: readonly string[]) {
    for (const keyword of keywords) {
      if (keyword.length < 3) throw new Error(`KeywordMatcher: keyword ${JSON.stringify(keyword)} is shorter than 3 characters`);
    }
    this.keywords = keywords;
    this.keywordLengths = Int32Array.from(keywords, (k) => k.length);
    this.longestKeyword = keywords.reduce((max, k) => Math.max(max, k.length), 0);

    const classes = new Uint16Array(0x10000);
    let used = 1;
    for (const keyword of keywords) {
      for (let i = 0; i < keyword.length; i += 1) {
        const unit = foldAscii(keyword.charCodeAt(i));
        if (classes[unit] === 0) {
          classes[unit] = used;
          if (unit >= 0x61 && unit <= 0x7a) classes[unit - 0x20] = used;
          used += 1;
        }
      }
    }
    let shift = 0;
    while (1 << shift < used) shift += 1;
    const width = 1 << shift;
    this.classes = classes;
    this.shift = shift;

    const triples = new Uint32Array(Math.max(1, (width * width * width) >>> 5));
    for (const keyword of keywords) {
      const a = classes[foldAscii(keyword.charCodeAt(0))] as number;
      const b = classes[foldAscii(keyword.charCodeAt(1))] as number;
      const c = classes[foldAscii(keyword.charCodeAt(2))] as number;
      const bit = (((a << shift) | b) << shift) | c;
      triples[bit >>> 5] = (triples[bit >>> 5] as number) | (1 << (bit & 31));
    }
    this.firstTriples = triples;

    // The trie, as a goto table (-1: no edge), with the keywords ending at each node.
    const maxStates = keywords.reduce((sum, k) => sum + k.length, 0) + 1;
    const trie = new Int32Array(maxStates * width).fill(-1);
    const own: number[][] = [[]];
    const depth = [0];
    let states = 1;
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i += 1) {
        const slot = state * width + (classes[foldAscii(keyword.charCodeAt(i))] as number);
        let next = trie[slot] as number;
        if (next < 0) {
          next = states;
          states += 1;
          trie[slot] = next;
          own.push([]);
          depth.push(i + 1);
        }
        state = next;
      }
      (own[state] as number[]).push(index);
    });

    // Breadth-first: failure links, then each state's full transition row and outputs.
    const fail = new Int32Array(states);
    const delta = new Int32Array(states * width);
    const outputs: number[][] = new Array<number[]>(states);
    outputs[0] = [];
    const queue = new Int32Array(states);
    let head = 0;
    let tail = 0;
    for (let c = 0; c < width; c += 1) {
      const next = trie[c] as number;
      if (next > 0) {
        fail[next] = 0;
        queue[tail++] = next;
        delta[c] = next;
      }
    }
    while (head < tail) {
      const state = queue[head++] as number;
      const failure = fail[state] as number;
      outputs[state] = [...(own[state] as number[]), ...(outputs[failure] as number[])];
      for (let c = 0; c < width; c += 1) {
        const next = trie[state * width + c] as number;
        if (next >= 0) {
          fail[next] = delta[failure * width + c] as number;
          queue[tail++] = next;
          delta[state * width + c] = next;
        } else {
          delta[state * width + c] = delta[failure * width + c] as number;
        }
      }
    }

    // Pre-multiply rows and mark the states that end a keyword as negative.
    for (let i = 0; i < delta.length; i += 1) {
      const target = delta[i] as number;
      delta[i] = (outputs[target] as number[]).length > 0 ? ~(target << shift) : target << shift;
    }
    this.delta = delta;
    this.depth = Int32Array.from(depth);
    this.outStart = new Int32Array(states + 1);
    const flat: number[] = [];
    for (let s = 0; s < states; s += 1) {
      this.outStart[s] = flat.length;
      flat.push(...(outputs[s] as number[]));
    }
    this.outStart[states] = flat.length;
    this.outList = Int32Array.from(flat);
  }

  /** The state before any text: pass it to the first `scan`. */
  get initialState(): number {
    return 0;
  }

  /**
   * Scans `text[from, to)` starting in `state` (so a long text can be scanned
   * in slices), calling `onHit(keywordIndex, end)` for every keyword
   * occurrence ending in the range (`end` exclusive), in order of `end`.
   * Returns the state to continue from.
   */
  scan(text: string, from: number, to: number, state: number, onHit: (keyword: number, end: number) => void): number {
    const { delta, classes, depth, firstTriples, shift, outStart, outList } = this;
    const mask = (1 << shift) - 1;
    // The last position a keyword (3 characters or more) can start at.
    const lastStart = text.length - 3;
    let s = state;
    let i = from;
    while (i < to) {
      let next: number;
      if (s === 0) {
        // Skip to the next position where some keyword's first three characters occur.
        if (i > lastStart) return 0;
        let a = classes[text.charCodeAt(i)] as number;
        let b = classes[text.charCodeAt(i + 1)] as number;
        let triple: number;
        for (;;) {
          triple = (((a << shift) | b) << shift) | (classes[text.charCodeAt(i + 2)] as number);
          if (((firstTriples[triple >>> 5] as number) & (1 << (triple & 31))) !== 0) break;
          i += 1;
          if (i >= to || i > lastStart) return 0;
          a = b;
          b = triple & mask;
        }
        // Take the three characters before looking at the depth again: they are a
        // keyword prefix, so the DFA is then 3 deep and cannot loop back here.
        s = delta[a] as number;
        i += 1;
        if (i >= to) return s;
        s = delta[s + b] as number;
        i += 1;
        if (i >= to) return s;
        next = delta[s + (triple & mask)] as number;
        i += 1;
      } else {
        next = delta[s + (classes[text.charCodeAt(i)] as number)] as number;
        i += 1;
      }
      if (next < 0) {
        s = ~next;
        const id = s >>> shift;
        const end = outStart[id + 1] as number;
        for (let k = outStart[id] as number; k < end; k += 1) onHit(outList[k] as number, i);
      } else {
        s = next;
      }
      const d = depth[s >>> shift] as number;
      if (d <= 1) {
        // Nothing longer than the last character is alive: back to skipping, from that character.
        i -= d;
        s = 0;
      }
    }
    return s;
  }
}

function foldAscii(unit: number): number {
  return unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
}
