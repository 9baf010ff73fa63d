import { regexProblem } from '../../../core/config/sections/secrets.js';

/**
 * Translates a Go RE2 regular expression (as gitleaks configs hold them) into
 * a JavaScript one. RE2 and JavaScript agree on most syntax; the differences
 * that appear in real configs are handled here:
 * - inline flags: a leading `(?i)` / `(?s)` / `(?m)` becomes a JS flag; a flag
 *   group later in the pattern (`x(?i)y`, `(?i:y)`) cannot be scoped in
 *   Node 20's JavaScript, so it is widened to the whole pattern and a warning
 *   says the match is now broader; `(?U)` (ungreedy) is refused;
 * - `(?P<name>…)` → `(?<name>…)`;
 * - `\A` / `\z` → lookarounds that mean start / end of the text in any mode;
 * - `\Q…\E` literals → escaped characters;
 * - `\pL`, `\p{Greek}`, `\x{1F600}` → their JS forms, with the `u` flag;
 * - POSIX classes `[[:alpha:]]` → explicit ranges;
 * - a `]` first in a class (`[]a]`, a literal in RE2, an empty class in JS) → `\]`.
 * Anything else that does not compile in JavaScript is reported with the
 * engine's reason.
 */

export interface TranslatedRegex {
  source: string;
  /** JavaScript flags, from "imsu". */
  flags: string;
  /** Where the translation had to widen the match, for the user to review. */
  warnings: string[];
}

export class RegexTranslationError extends Error {
  override readonly name = 'RegexTranslationError';
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const SPECIAL_OUTSIDE_CLASS = /[\\^$.|?*+()[\]{}/]/;
const SPECIAL_IN_CLASS = /[\\^[\]-]/;

/** Escapes one literal character; `\-` is only valid inside a class under the `u` flag. */
function escapeLiteral(ch: string, inClass: boolean): string {
  return (inClass ? SPECIAL_IN_CLASS : SPECIAL_OUTSIDE_CLASS).test(ch) ? `\\${ch}` : ch;
}

/** Translates `source`; throws RegexTranslationError when it cannot be expressed in JavaScript. */
export function translateGoRegex(source: string): TranslatedRegex {
  const flags = new Set<string>();
  const warnings: string[] = [];
  let out = '';
  let i = 0;
  let inClass = false;

  const widen = (flagText: string, at: number): void => {
    for (const flag of flagText) {
      if (flag === 'U') throw new RegexTranslationError('the ungreedy flag (?U) has no JavaScript equivalent');
      if (!'ims'.includes(flag)) throw new RegexTranslationError(`unknown inline flag "${flag}"`);
      if (!flags.has(flag)) {
        flags.add(flag);
        if (at > 0) warnings.push(`the inline flag "${flag}" at offset ${at} applies to the whole expression in JavaScript, which makes the match broader`);
      }
    }
  };

  // Leading inline flags, possibly several groups: (?i)(?s)…
  for (let lead = /^\(\?([imsU]+)\)/.exec(source); lead; lead = /^\(\?([imsU]+)\)/.exec(source.slice(i))) {
    widen(lead[1] as string, 0);
    i += lead[0].length;
  }

  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === '\\') {
      const next = source.charAt(i + 1);
      if (next === '') throw new RegexTranslationError('the expression ends with a lone backslash');
      if (next === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        const literal = source.slice(i + 2, end === -1 ? source.length : end);
        out += [...literal].map((c) => escapeLiteral(c, inClass)).join('');
        i = end === -1 ? source.length : end + 2;
        continue;
      }
      if (next === 'z' && !inClass) {
        out += '(?![\\s\\S])';
        i += 2;
        continue;
      }
      if (next === 'A' && !inClass) {
        out += '(?<![\\s\\S])';
        i += 2;
        continue;
      }
      if (next === 'C') throw new RegexTranslationError('\\C (any byte) has no JavaScript equivalent');
      if (next === 'p' || next === 'P') {
        flags.add('u');
        if (source.charAt(i + 2) === '{') {
          const end = source.indexOf('}', i + 3);
          if (end === -1) throw new RegexTranslationError(`unterminated \\${next}{ at offset ${i}`);
          out += `\\${next}{${source.slice(i + 3, end)}}`;
          i = end + 1;
        } else {
          out += `\\${next}{${source.charAt(i + 2)}}`;
          i += 3;
        }
        continue;
      }
      if (next === 'x' && source.charAt(i + 2) === '{') {
        const end = source.indexOf('}', i + 3);
        if (end === -1) throw new RegexTranslationError(`unterminated \\x{ at offset ${i}`);
        flags.add('u');
        out += `\\u{${source.slice(i + 3, end)}}`;
        i = end + 1;
        continue;
      }
      out += ch + next;
      i += 2;
      continue;
    }

    if (inClass) {
      if (ch === '[' && source.charAt(i + 1) === ':') {
        const end = source.indexOf(':]', i + 2);
        const name = end === -1 ? undefined : source.slice(i + 2, end);
        if (name !== undefined && /^\^?[a-z]+$/.test(name)) {
          if (name.startsWith('^')) throw new RegexTranslationError(`the negated POSIX class [:${name}:] is not supported`);
          const range = POSIX_CLASSES[name];
          if (range === undefined) throw new RegexTranslationError(`unknown POSIX class [:${name}:]`);
          out += range;
          i = end + 2;
          continue;
        }
      }
      if (ch === ']') {
        inClass = false;
        out += ch;
        i += 1;
        continue;
      }
      out += ch === '[' ? '\\[' : ch;
      i += 1;
      continue;
    }

    if (ch === '[') {
      inClass = true;
      out += ch;
      i += 1;
      if (source.charAt(i) === '^') {
        out += '^';
        i += 1;
      }
      // A `]` right after `[` or `[^` is a literal in RE2; JavaScript would read an empty class.
      if (source.charAt(i) === ']') {
        out += '\\]';
        i += 1;
      }
      continue;
    }

    if (ch === '(' && source.charAt(i + 1) === '?') {
      const named = /^\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(source.slice(i));
      if (named) {
        out += `(?<${named[1] as string}>`;
        i += named[0].length;
        continue;
      }
      const flagGroup = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(source.slice(i));
      if (flagGroup && (flagGroup[1] || flagGroup[2] !== undefined)) {
        widen(flagGroup[1] ?? '', i);
        if (flagGroup[2]) {
          warnings.push(`the flag removal "(?-${flagGroup[2]}" at offset ${i} is ignored in JavaScript, which makes the match broader`);
        }
        out += flagGroup[3] === ':' ? '(?:' : '';
        i += flagGroup[0].length;
        continue;
      }
    }

    out += ch;
    i += 1;
  }
  if (inClass) throw new RegexTranslationError('a character class is not closed');

  const jsFlags = [...flags].sort().join('');
  const problem = regexProblem(out, jsFlags);
  if (problem) throw new RegexTranslationError(`does not compile in JavaScript: ${problem}`);
  return { source: out, flags: jsFlags, warnings };
}
