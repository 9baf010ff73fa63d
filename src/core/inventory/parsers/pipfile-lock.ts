/**
 * Pipfile.lock (pipenv): JSON with the `default` packages (runtime) and the
 * `develop` packages (development), each `"version": "==1.2.3"` with the
 * hashes pip may accept. It records no edges and does not mark the Pipfile's
 * own entries, so every package is treated as direct.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import {
  LockfileError,
  type DependencyScope,
  type LockfileParser,
  type PackageHash,
  type ParseContext,
  type ParsedLockfile,
  type ParsedPackage,
} from '../types.js';
import { LineIndex } from './line-index.js';
import { parseHashString } from './python-toml.js';

const entrySchema = z.object({
  version: z.string().optional(),
  hashes: z.array(z.string()).optional(),
  git: z.string().optional(),
  path: z.string().optional(),
  file: z.string().optional(),
  editable: z.boolean().optional(),
});

const SECTIONS: ReadonlyArray<[string, DependencyScope]> = [
  ['default', 'runtime'],
  ['develop', 'development'],
];

/** Parses the JSON text into a tree with offsets; every failure is a LockfileError. */
function parseJson(text: string, lines: LineIndex): Node {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    // jsonc-parser recurses per nesting level: absurdly deep input overflows the stack.
    throw new LockfileError(`not valid JSON for Pipfile.lock: ${error instanceof RangeError ? 'nested too deeply' : String(error)}`);
  }
  const first = errors[0];
  if (first !== undefined) {
    throw new LockfileError(`not valid JSON for Pipfile.lock: ${printParseErrorCode(first.error)}`, lines.lineAt(first.offset));
  }
  if (root === undefined || root.type !== 'object') throw new LockfileError('Pipfile.lock must be a JSON object', 1);
  return root;
}

/** An object's properties in document order, with the offset of each key. */
function propertiesOf(node: Node | undefined): Array<{ key: string; offset: number; value: Node }> {
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return key?.type === 'string' && value !== undefined ? [{ key: String(key.value), offset: key.offset, value }] : [];
  });
}

/** Entries are a few levels deep; anything deeper is not an entry and need not be read (nor recursed into). */
const MAX_ENTRY_DEPTH = 8;

/** A JSON value of the small shapes a Pipfile.lock entry has (strings, booleans, arrays of strings). */
function plainValue(node: Node, depth = 0): unknown {
  if (depth > MAX_ENTRY_DEPTH) return undefined;
  switch (node.type) {
    case 'object':
      return Object.fromEntries(propertiesOf(node).map(({ key, value }) => [key, plainValue(value, depth + 1)]));
    case 'array':
      return (node.children ?? []).map((item) => plainValue(item, depth + 1));
    default:
      return node.value;
  }
}

export const pipfileLockParser: LockfileParser = {
  format: 'Pipfile.lock',
  parse(text: string, _context: ParseContext): ParsedLockfile {
    const lines = new LineIndex(text);
    const root = parseJson(text, lines);
    const warnings: string[] = [];
    const packages: ParsedPackage[] = [];
    const byId = new Map<string, ParsedPackage>();

    for (const [section, scope] of SECTIONS) {
      const sectionNode = propertiesOf(root).find((property) => property.key === section)?.value;
      if (sectionNode !== undefined && sectionNode.type !== 'object') {
        throw new LockfileError(`"${section}" must be an object of packages`, lines.lineAt(sectionNode.offset));
      }
      for (const { key: name, offset, value } of propertiesOf(sectionNode)) {
        const line = lines.lineAt(offset);
        const parsed = entrySchema.safeParse(plainValue(value));
        if (!parsed.success) {
          warnings.push(`line ${line}: ${section}.${name} is not a package entry; ignored`);
          continue;
        }
        const entry = parsed.data;
        const version = entry.version?.replace(/^={2,3}/, '').trim();
        if (version === undefined || version === '' || version === entry.version) {
          const what = entry.git !== undefined ? 'a git checkout' : entry.path !== undefined || entry.file !== undefined ? 'a local path or file' : 'not pinned to one version';
          warnings.push(`line ${line}: ${section}.${name} is ${what}, not a versioned package; not inventoried`);
          continue;
        }
        const id = `${name}@${version}`;
        const known = byId.get(id);
        if (known !== undefined) {
          // pipenv locks develop against default, so a package in both is one installed package.
          if (scope === 'runtime') known.scope = 'runtime';
          continue;
        }
        const hashes: PackageHash[] = [];
        for (const value of entry.hashes ?? []) {
          const hash = parseHashString(value);
          if (hash === undefined) warnings.push(`line ${line}: ${section}.${name} hash "${value.slice(0, 80)}" is not algorithm:hex; ignored`);
          else hashes.push(hash);
        }
        const pkg: ParsedPackage = {
          id,
          ecosystem: 'PyPI',
          name,
          version,
          line,
          dependencies: [],
          scope,
          ...(hashes.length > 0 ? { hashes } : {}),
        };
        byId.set(id, pkg);
        packages.push(pkg);
      }
    }
    return { format: 'Pipfile.lock', packages, roots: [], warnings };
  },
};
