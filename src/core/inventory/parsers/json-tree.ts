/**
 * JSON lockfiles (package-lock.json, bun.lock, composer.lock, Pipfile.lock,
 * packages.lock.json) read as a syntax tree, so each entry keeps the offset of
 * its key and therefore its line.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LockfileError } from '../types.js';
import { firstLine } from './js-guard.js';
import type { LineIndex } from './line-index.js';

export type { Node } from 'jsonc-parser';

export interface JsonProperty {
  key: string;
  /** Offset of the key's opening quote. */
  keyOffset: number;
  value: Node;
}

/**
 * Parses the whole text, which must hold one JSON object; `jsonc` also allows
 * comments and trailing commas (bun.lock). A syntax error becomes a
 * LockfileError naming `what` at the error's line.
 */
export function parseJsonObject(text: string, lines: LineIndex, what: string, options: { jsonc?: boolean } = {}): Node {
  const jsonc = options.jsonc ?? false;
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: jsonc, disallowComments: !jsonc, allowEmptyContent: false });
  } catch (error) {
    // jsonc-parser recurses per nesting level: absurdly deep input overflows the stack.
    const reason = error instanceof RangeError ? 'nested too deeply' : firstLine(String(error));
    throw new LockfileError(`not valid JSON for ${what}: ${reason}`);
  }
  const first = errors[0];
  if (first) {
    throw new LockfileError(`not valid JSON for ${what}: ${printParseErrorCode(first.error)}`, lines.lineAt(first.offset));
  }
  if (!root || root.type !== 'object') throw new LockfileError(`${what} must be a JSON object`, 1);
  return root;
}

/** An object's properties in document order; empty for anything that is not an object. */
export function properties(node: Node | undefined): JsonProperty[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const result: JsonProperty[] = [];
  for (const property of node.children) {
    const [key, value] = property.children ?? [];
    if (key?.type === 'string' && value) result.push({ key: String(key.value), keyOffset: key.offset, value });
  }
  return result;
}

/** The value of a key (the last one, as JSON.parse would keep it). */
export function child(node: Node | undefined, key: string): Node | undefined {
  let found: Node | undefined;
  for (const property of properties(node)) if (property.key === key) found = property.value;
  return found;
}

export function stringAt(node: Node | undefined, key: string): string | undefined {
  const value = child(node, key);
  return value?.type === 'string' ? String(value.value) : undefined;
}

export function isTrue(node: Node | undefined, key: string): boolean {
  const value = child(node, key);
  return value?.type === 'boolean' && value.value === true;
}

/**
 * A value as JavaScript, as JSON.parse would give it. Below `maxDepth`
 * levels it is undefined: a caller that only reads a few levels (a lock
 * entry) need not recurse through, or copy, whatever else the input nests.
 */
export function plainValue(node: Node | undefined, maxDepth = Number.POSITIVE_INFINITY): unknown {
  if (!node || maxDepth < 0) return undefined;
  switch (node.type) {
    case 'object':
      return Object.fromEntries(properties(node).map(({ key, value }) => [key, plainValue(value, maxDepth - 1)]));
    case 'array':
      return (node.children ?? []).map((item) => plainValue(item, maxDepth - 1));
    default:
      return node.value;
  }
}
