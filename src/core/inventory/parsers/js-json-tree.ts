/**
 * JSON lockfiles (package-lock.json, bun.lock) read as a syntax tree, so each
 * entry keeps the offset of its key and therefore its line.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LockfileError } from '../types.js';
import type { LineIndex } from './line-index.js';

export type { Node } from 'jsonc-parser';

export interface JsonProperty {
  key: string;
  /** Offset of the key's opening quote. */
  keyOffset: number;
  value: Node;
}

/** Parses the whole text; a syntax error becomes a LockfileError at its line. */
export function parseJsonObject(
  text: string,
  lines: LineIndex,
  what: string,
  options: { jsonc: boolean },
): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    allowTrailingComma: options.jsonc,
    disallowComments: !options.jsonc,
    allowEmptyContent: false,
  });
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

/** A plain value (a small object of strings, a string) as JavaScript. */
export function plainValue(node: Node | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}
