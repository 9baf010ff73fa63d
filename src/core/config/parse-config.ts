import type { z } from 'zod';
import { isCollection, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { UsageError } from '../errors.js';
import { configSchema, type DevsecopsConfig } from './schema.js';
import { describeIssue, formatKeyPath, objectKeysAt } from './describe-issue.js';

/**
 * Aliases a config file may expand. A config has no use for many; the limit
 * stops a "billion laughs" file from expanding into gigabytes (yaml's own
 * default is 100).
 */
export const MAX_ALIAS_COUNT = 50;


/**
 * yaml options: YAML 1.2 core schema, so `on`, `no` and `2024-01-31` stay
 * strings (no YAML 1.1 booleans or timestamps); duplicate keys are errors; no
 * `<<` merge keys (1.2 has none, and an unknown `<<` key is then reported).
 */
const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: true,
  merge: false,
  strict: true,
  prettyErrors: true,
  // yaml reports problems through process warnings otherwise; we turn every one into an error.
  logLevel: 'silent',
} as const;

/** The "at line 3, column 5:" yaml appends to its messages; we put the position in front instead. */
const YAML_POSITION_SUFFIX = /\s+at line \d+, column \d+:?\s*$/;

function yamlError(file: string, message: string, pos: { line: number; col: number } | undefined): UsageError {
  const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
  const firstLine = (message.split('\n')[0] ?? message).replace(YAML_POSITION_SUFFIX, '');
  return new UsageError(`${where}: ${firstLine}`);
}

/** The position of the node at `path` (or of its key, for an unknown key), if the document has one. */
function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  keyItself: boolean,
): { line: number; col: number } | undefined {
  const parentPath = keyItself ? path.slice(0, -1) : path;
  let node: unknown = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath as unknown[], true);
  if (keyItself && isCollection(node)) {
    const key = path[path.length - 1];
    const pair = (node.items as { key?: unknown }[]).find((item) => isScalar(item.key) && String(item.key.value) === String(key));
    node = pair?.key;
  }
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (range) return lineCounter.linePos(range[0]);
  // A missing key has no node: point at the mapping that lacks it.
  return path.length > 0 ? positionOf(doc, lineCounter, path.slice(0, -1), false) : undefined;
}

/**
 * Parses the text of a config file into a validated config with every default
 * applied. `file` is only used in messages. Anything wrong with the text (YAML
 * syntax, duplicate keys, too many aliases, a value the schema rejects) throws
 * a UsageError with one line: `file:line:col: key.path: expected X, got Y`.
 */
export function parseConfigText(text: string, file: string): DevsecopsConfig {
  return parseYamlWithSchema(text, file, configSchema);
}

/**
 * The same for any YAML file of ours with its own schema (a separate policy
 * file): same YAML rules, same one-line errors with position and key path.
 */
export function parseYamlWithSchema<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const pos = problem.linePos?.[0];
    throw yamlError(file, problem.message, pos);
  }

  // Keys must be plain scalars: a list or mapping used as a key would be
  // stringified into a key nobody wrote.
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        const range = (pair.key as { range?: [number, number, number] }).range;
        throw yamlError(file, 'keys must be plain strings', range ? lineCounter.linePos(range[0]) : undefined);
      }
    },
  });

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${file}: ${message.split('\n')[0] ?? message} (at most ${MAX_ALIAS_COUNT} aliases are expanded)`);
  }

  // An empty file (or one with only comments) is an empty config.
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    const got = Array.isArray(data) ? 'a list' : `${typeof data} ${JSON.stringify(data)}`;
    throw new UsageError(`${file}: expected a mapping of settings at the top level, got ${got}`);
  }

  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;

  // Report the problem that comes first in the file, as a reader goes through it.
  const located = result.error.issues.map((issue) => {
    const d = describeIssue(issue, { separator: '|' }, (path) => objectKeysAt(schema, path));
    return { d, pos: positionOf(doc, lineCounter, d.path, issue.code === 'unrecognized_keys') };
  });
  const order = (pos: { line: number; col: number } | undefined) => (pos ? pos.line * 1e6 + pos.col : Infinity);
  located.sort((a, b) => order(a.pos) - order(b.pos));
  const [first] = located;
  if (!first) throw new UsageError(`${file}: invalid configuration`);
  const { d, pos } = first;
  const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
  const keyPath = formatKeyPath(d.path);
  const what = d.problem ?? `expected ${d.expected ?? 'a valid value'}${d.got !== undefined ? `, got ${d.got}` : ''}`;
  const more = located.length > 1 ? ` (and ${located.length - 1} more)` : '';
  throw new UsageError(`${where}: ${keyPath ? `${keyPath}: ` : ''}${what}${more}`);
}
