/**
 * Globs of the policy language, compiled once to regular expressions.
 *
 * Not the `ignore` package the path filters use: it throws on paths that are
 * not plain relative ones (`../x`, `/abs`, `C:\x`), which SARIF from other
 * tools can carry, and gitignore rules make no sense for rule ids. The
 * semantics follow gitignore for paths (as `paths.ignore` does) and
 * picomatch for the rest:
 *
 * - `*` matches any characters but `/`, `?` one such character, `[a-z]` and
 *   `[!a-z]` (or `[^a-z]`) one character of a class, `{a,b}` either
 *   alternative, `\` takes the next character literally.
 * - Paths: `**` as a whole segment matches any number of directories
 *   (`legacy/**`, `**\/test/*.js`, `a/**\/b`); elsewhere it is a `*`. A
 *   pattern with no `/` but a trailing one matches a name at any depth
 *   (`*.min.js`, `vendor`); one with a `/` (or a leading `/`) is anchored at
 *   the repository root. A pattern that matches a directory matches every file
 *   below it (`legacy` ≡ `legacy/**`); a trailing `/` matches only below.
 * - Rule ids: the whole id must match; `**` matches anything, `/` included.
 * - Case matters, as it does in git paths and SARIF rule ids.
 */

export type GlobKind = 'path' | 'id';

/** A glob that cannot be compiled; the message says what is wrong, without the key path. */
export class GlobSyntaxError extends Error {
  override readonly name = 'GlobSyntaxError';
}

export type GlobTest = (text: string) => boolean;

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/** Index of the `]` closing the class opened at `start`, where `]` right after `[`, `[!` or `[^` is literal. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return -1;
}

function translateClass(body: string): string {
  let negated = false;
  let rest = body;
  if (rest.startsWith('!') || rest.startsWith('^')) {
    negated = true;
    rest = rest.slice(1);
  }
  let out = '';
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]!;
    if (ch === '\\' && i + 1 < rest.length) {
      out += escapeRegex(rest[++i]!);
    } else if (ch === '-' && out !== '' && i + 1 < rest.length) {
      out += '-';
    } else {
      out += escapeRegex(ch);
    }
  }
  // A class never matches the separator, as in gitignore and picomatch.
  return negated ? `[^/${out}]` : `(?!/)[${out}]`;
}

/** Splits a brace body at its top-level commas. */
function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(body.slice(from));
  return parts;
}

function braceEnd(pattern: string, start: number): number {
  let depth = 0;
  for (let i = start; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

function translate(pattern: string, kind: GlobKind): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      if (i + 1 >= pattern.length) throw new GlobSyntaxError('ends with a lone "\\"');
      out += escapeRegex(pattern[i + 1]!);
      i += 2;
    } else if (ch === '*') {
      let end = i;
      while (pattern[end] === '*') end++;
      const double = end - i >= 2;
      if (double && kind === 'id') {
        out += '.*';
      } else if (double && (i === 0 || pattern[i - 1] === '/') && (end === pattern.length || pattern[end] === '/')) {
        // A whole `**` segment: any number of directories.
        if (end === pattern.length) {
          out += '.*';
        } else {
          out += '(?:.*/)?';
          end++;
        }
      } else {
        out += '[^/]*';
      }
      i = end;
    } else if (ch === '?') {
      out += '[^/]';
      i++;
    } else if (ch === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) throw new GlobSyntaxError('has a "[" without its closing "]"');
      out += translateClass(pattern.slice(i + 1, end));
      i = end + 1;
    } else if (ch === '{') {
      const end = braceEnd(pattern, i);
      if (end < 0) throw new GlobSyntaxError('has a "{" without its closing "}"');
      out += `(?:${splitAlternatives(pattern.slice(i + 1, end))
        .map((part) => translate(part, kind))
        .join('|')})`;
      i = end + 1;
    } else if (ch === '}') {
      throw new GlobSyntaxError('has a "}" without its opening "{"');
    } else {
      out += escapeRegex(ch);
      i++;
    }
  }
  return out;
}

function pathSource(pattern: string): string {
  let body = pattern;
  let anchored = false;
  if (body.startsWith('/')) {
    anchored = true;
    body = body.replace(/^\/+/, '');
  }
  const directoryOnly = body.endsWith('/');
  body = body.replace(/\/+$/, '');
  if (body === '') throw new GlobSyntaxError('matches no file (it is only "/")');
  if (body.includes('/')) anchored = true;
  const start = anchored ? '^' : '^(?:.*/)?';
  // The pattern may match the file or any directory above it.
  const end = directoryOnly ? '/.*$' : '(?:/.*)?$';
  return `${start}${translate(body, 'path')}${end}`;
}

/**
 * Compiles `pattern` for paths or rule ids (see the top of this file).
 * Throws GlobSyntaxError for an unbalanced `[`, `{` or `}` or a trailing `\`.
 */
export function compileGlob(pattern: string, kind: GlobKind): GlobTest {
  const source = kind === 'path' ? pathSource(pattern) : `^${translate(pattern, 'id')}$`;
  let regex: RegExp;
  try {
    regex = new RegExp(source, 's');
  } catch (error) {
    // Only a class can make an invalid expression here, e.g. a reversed range `[z-a]`.
    throw new GlobSyntaxError(`is not a valid glob (${error instanceof Error ? error.message : String(error)})`);
  }
  return (text) => regex.test(text);
}

/** A finding's path as globs see it: `/` separators, no leading `./`. */
export function normalizeGlobPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}
