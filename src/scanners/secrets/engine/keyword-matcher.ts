/**
 * A multi-keyword matcher: Aho–Corasick compiled to a full DFA over UTF-16 code
 * units, with ASCII case folding, in typed arrays. Scanning is one linear pass
 * whatever the number of keywords; a character that occurs in no keyword maps
 * to one shared class, so the table stays small (states × distinct keyword
 * characters).
 *
 * A DFA step depends on the previous one (two dependent table loads per
 * character), which caps a plain DFA loop near 200 MB/s. So while no keyword
 * prefix is alive the matcher skips ahead with a table of the keywords' first
 * two characters: a test per position with no dependency between positions.
 * Only where such a pair occurs does the DFA run, and it hands back to the
 * skip loop as soon as the live prefix is one character or less.
 *
 * Keywords must be at least 2 characters long (the rules ask for 3).
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
  /** Length of the longest keyword prefix each state stands for. */
  private readonly depth: Int32Array;
  /** 1 where (class, class) << shift is the start of some keyword. */
  private readonly firstPairs: Uint8Array;
  /** Keywords ending in state s (its own and its suffixes'): outList[outStart[s] .. outStart[s + 1]). */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    this.keywordLengths = Int32Array.from(keywords, (k) => k.length);
    this.longestKeyword = keywords.reduce((max, k) => Math.max(max, k.length), 0);

    const classes = new Uint16Array(0x10000);
    let alphabetSize = 1;
    for (const keyword of keywords) {
      for (let i = 0; i < keyword.length; i += 1) {
        const unit = foldAscii(keyword.charCodeAt(i));
        if (classes[unit] === 0) {
          classes[unit] = alphabetSize;
          if (unit >= 0x61 && unit <= 0x7a) classes[unit - 0x20] = alphabetSize;
          alphabetSize += 1;
        }
      }
    }
    for (const keyword of keywords) {
      if (keyword.length < 2) throw new Error(`KeywordMatcher: keyword ${JSON.stringify(keyword)} is shorter than 2 characters`);
    }
    let shift = 0;
    while (1 << shift < alphabetSize) shift += 1;
    alphabetSize = 1 << shift;
    this.classes = classes;
    this.shift = shift;
    this.firstPairs = new Uint8Array(alphabetSize * alphabetSize);
    for (const keyword of keywords) {
      const a = classes[foldAscii(keyword.charCodeAt(0))] as number;
      const b = classes[foldAscii(keyword.charCodeAt(1))] as number;
      this.firstPairs[(a << shift) | b] = 1;
    }

    // The trie, as a goto table (-1: no edge), with the keyword ending at each node.
    const maxStates = keywords.reduce((sum, k) => sum + k.length, 0) + 1;
    const trie = new Int32Array(maxStates * alphabetSize).fill(-1);
    const own: number[][] = [[]];
    const depth = [0];
    let states = 1;
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i += 1) {
        const slot = state * alphabetSize + (classes[foldAscii(keyword.charCodeAt(i))] as number);
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
    const delta = new Int32Array(states * alphabetSize);
    const outputs: number[][] = new Array<number[]>(states);
    outputs[0] = [];
    const queue = new Int32Array(states);
    let head = 0;
    let tail = 0;
    for (let c = 0; c < alphabetSize; c += 1) {
      const next = trie[c] as number;
      if (next > 0) {
        fail[next] = 0;
        queue[tail++] = next;
        delta[c] = next;
      } else {
        delta[c] = 0;
      }
    }
    while (head < tail) {
      const state = queue[head++] as number;
      const failure = fail[state] as number;
      outputs[state] = [...(own[state] as number[]), ...(outputs[failure] as number[])];
      for (let c = 0; c < alphabetSize; c += 1) {
        const next = trie[state * alphabetSize + c] as number;
        if (next >= 0) {
          fail[next] = delta[failure * alphabetSize + c] as number;
          queue[tail++] = next;
          delta[state * alphabetSize + c] = next;
        } else {
          delta[state * alphabetSize + c] = delta[failure * alphabetSize + c] as number;
        }
      }
    }

    // Pre-multiply rows and mark states that end a keyword as negative.
    for (let i = 0; i < delta.length; i += 1) {
      const target = delta[i] as number;
      const row = target * alphabetSize;
      delta[i] = (outputs[target] as number[]).length > 0 ? ~row : row;
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
    const { delta, classes, depth, firstPairs, shift, outStart, outList } = this;
    const last = text.length - 1;
    let s = state;
    let i = from;
    while (i < to) {
      let next: number;
      if (s === 0) {
        // Skip to the next position where some keyword's first two characters occur.
        let first = classes[text.charCodeAt(i)] as number;
        while (i < to && i < last) {
          const second = classes[text.charCodeAt(i + 1)] as number;
          if (firstPairs[(first << shift) | second] !== 0) break;
          first = second;
          i += 1;
        }
        if (i >= to || i >= last) return 0;
        // Take both characters before looking at the depth again: the pair is a
        // keyword prefix, so the DFA is then at least 2 deep and cannot loop back here.
        s = delta[first] as number;
        i += 1;
        if (i >= to) return s;
        next = delta[s + (classes[text.charCodeAt(i)] as number)] as number;
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
