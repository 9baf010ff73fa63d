/**
 * Pipfile.lock (pipenv): JSON with the `default` packages (runtime) and the
 * `develop` packages (development), each `"version": "==1.2.3"` with the
 * hashes pip may accept. It records no edges and does not mark the Pipfile's
 * own entries, so every package is treated as direct.
 */
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
import { child, parseJsonObject, plainValue, properties } from './json-tree.js';
import { LineIndex } from './line-index.js';
import { parseHashString } from './python-lock.js';

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

/** Entries are a few levels deep; anything deeper is not an entry and need not be read (nor recursed into). */
const MAX_ENTRY_DEPTH = 8;

export const pipfileLockParser: LockfileParser = {
  format: 'Pipfile.lock',
  parse(text: string, _context: ParseContext): ParsedLockfile {
    const lines = new LineIndex(text);
    const root = parseJsonObject(text, lines, 'Pipfile.lock');
    const warnings: string[] = [];
    const packages: ParsedPackage[] = [];
    const byId = new Map<string, ParsedPackage>();

    for (const [section, scope] of SECTIONS) {
      const sectionNode = child(root, section);
      if (sectionNode !== undefined && sectionNode.type !== 'object') {
        throw new LockfileError(`"${section}" must be an object of packages`, lines.lineAt(sectionNode.offset));
      }
      for (const { key: name, keyOffset, value } of properties(sectionNode)) {
        const line = lines.lineAt(keyOffset);
        const parsed = entrySchema.safeParse(plainValue(value, MAX_ENTRY_DEPTH));
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
