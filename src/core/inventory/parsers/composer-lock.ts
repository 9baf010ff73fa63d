/**
 * composer.lock: JSON with `packages` (runtime) and `packages-dev`
 * (development), each with its `require` edges, dist checksum, licences and
 * download location. The direct dependencies are in the composer.json beside
 * it, read when it is there.
 *
 * Versions are kept as written: Composer records the tag, so Symfony's
 * packages keep their leading `v` (`v7.1.0`) and the advisory matcher
 * compares them with that in mind.
 */
import { z } from 'zod';
import {
  LockfileError,
  type DependencyScope,
  type LockfileParser,
  type ParseContext,
  type ParsedLockfile,
  type ParsedPackage,
  type RootDependency,
} from '../types.js';
import { child, parseJsonObject, plainValue } from './json-tree.js';
import { LineIndex } from './line-index.js';

const linksSchema = z.record(z.string(), z.unknown());

const packageSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  require: linksSchema.optional(),
  replace: linksSchema.optional(),
  provide: linksSchema.optional(),
  source: z.object({ type: z.string().optional(), url: z.string().optional() }).optional(),
  dist: z
    .object({ type: z.string().optional(), url: z.string().optional(), shasum: z.string().nullable().optional() })
    .optional(),
  license: z.union([z.string(), z.array(z.unknown())]).optional(),
});
type ComposerPackage = z.infer<typeof packageSchema>;

const manifestSchema = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  require: linksSchema.optional(),
  'require-dev': linksSchema.optional(),
});

const SECTIONS: ReadonlyArray<[string, DependencyScope]> = [
  ['packages', 'runtime'],
  ['packages-dev', 'development'],
];

/** Package entries nest a few levels (`autoload.psr-4`); deeper values are not read. */
const MAX_ENTRY_DEPTH = 8;

/**
 * `php`, `ext-json`, `lib-icu`, `composer-plugin-api`: the platform, not
 * packages. Every installable package is `vendor/name`.
 */
function isPlatformPackage(name: string): boolean {
  return !name.includes('/');
}

/** Composer's `license` array lists alternatives (its docs: "the user may choose"), so it is an SPDX `OR`. */
function describeLicense(license: ComposerPackage['license']): string | undefined {
  if (license === undefined) return undefined;
  const names = (typeof license === 'string' ? [license] : license).filter(
    (name): name is string => typeof name === 'string' && name.trim() !== '',
  );
  if (names.length === 0) return undefined;
  if (names.length === 1) return names[0]!.trim();
  return names.map((name) => (/\s/.test(name.trim()) ? `(${name.trim()})` : name.trim())).join(' OR ');
}

function describeSource(entry: ComposerPackage): Pick<ParsedPackage, 'resolved' | 'local' | 'hashes'> {
  // A `path` repository is a folder of this repository (a monorepo package).
  if (entry.dist?.type === 'path' || entry.source?.type === 'path') return { local: true };
  const shasum = entry.dist?.shasum?.trim().toLowerCase();
  const resolved = entry.dist?.url ?? entry.source?.url;
  return {
    ...(resolved !== undefined && resolved !== '' ? { resolved } : {}),
    ...(shasum !== undefined && /^[0-9a-f]{40}$/.test(shasum) ? { hashes: [{ algorithm: 'SHA-1', hex: shasum }] } : {}),
  };
}

export const composerLockParser: LockfileParser = {
  format: 'composer.lock',
  parse(text: string, context: ParseContext): ParsedLockfile {
    const lines = new LineIndex(text);
    const root = parseJsonObject(text, lines, 'composer.lock');
    const warnings: string[] = [];
    const entries: Array<{ entry: ComposerPackage; id: string; line: number; scope: DependencyScope }> = [];
    const idByName = new Map<string, string>();
    const providers = new Map<string, string>();

    for (const [section, scope] of SECTIONS) {
      const list = child(root, section);
      if (list === undefined) continue;
      if (list.type !== 'array') throw new LockfileError(`"${section}" must be an array of packages`, lines.lineAt(list.offset));
      for (const node of list.children ?? []) {
        const line = lines.lineAt(node.offset);
        const parsed = packageSchema.safeParse(plainValue(node, MAX_ENTRY_DEPTH));
        if (!parsed.success) {
          warnings.push(`line ${line}: an entry of "${section}" without a name and version; ignored`);
          continue;
        }
        const entry = parsed.data;
        const name = entry.name.toLowerCase();
        const id = `${entry.name}@${entry.version}`;
        if (idByName.has(name)) {
          warnings.push(`line ${line}: ${entry.name} is locked twice; kept the first`);
          continue;
        }
        idByName.set(name, id);
        for (const replaced of [...Object.keys(entry.replace ?? {}), ...Object.keys(entry.provide ?? {})]) {
          if (!providers.has(replaced.toLowerCase())) providers.set(replaced.toLowerCase(), id);
        }
        entries.push({ entry, id, line, scope });
      }
    }

    // A requirement may be met by a package that `replace`s or `provide`s it (polyfills, virtual packages).
    const resolve = (name: string): string | undefined => idByName.get(name.toLowerCase()) ?? providers.get(name.toLowerCase());

    const packages: ParsedPackage[] = entries.map(({ entry, id, line, scope }) => {
      const dependencies = new Set<string>();
      for (const name of Object.keys(entry.require ?? {})) {
        if (isPlatformPackage(name)) continue;
        const target = resolve(name);
        if (target !== undefined && target !== id) dependencies.add(target);
      }
      const license = describeLicense(entry.license);
      return {
        id,
        ecosystem: 'Packagist',
        name: entry.name,
        version: entry.version,
        line,
        dependencies: [...dependencies],
        scope,
        ...(license !== undefined ? { license } : {}),
        ...describeSource(entry),
      };
    });

    const manifestText = context.readRelative('composer.json');
    if (manifestText === undefined) return { format: 'composer.lock', packages, roots: [], warnings };
    return { format: 'composer.lock', packages, ...readManifestRoots(manifestText, resolve, warnings), warnings };
  },
};

/** Roots from composer.json's `require` and `require-dev`; a manifest that cannot be read is a warning. */
function readManifestRoots(
  text: string,
  resolve: (name: string) => string | undefined,
  warnings: string[],
): Pick<ParsedLockfile, 'roots' | 'project'> {
  let manifest: z.infer<typeof manifestSchema>;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      warnings.push(`composer.json ignored: ${issue?.path.map(String).join('.') ?? ''} ${issue?.message ?? 'unexpected shape'}`.trim());
      return { roots: [] };
    }
    manifest = parsed.data;
  } catch (error) {
    warnings.push(`composer.json ignored: not valid JSON (${(error as Error).message})`);
    return { roots: [] };
  }
  const roots = new Map<string, DependencyScope>();
  const add = (links: Record<string, unknown> | undefined, scope: DependencyScope, key: string): void => {
    for (const name of Object.keys(links ?? {})) {
      if (isPlatformPackage(name)) continue;
      const id = resolve(name);
      if (id === undefined) {
        warnings.push(`composer.json ${key} names ${name}, which composer.lock does not lock`);
        continue;
      }
      if (!roots.has(id)) roots.set(id, scope);
    }
  };
  add(manifest.require, 'runtime', 'require');
  add(manifest['require-dev'], 'development', 'require-dev');
  const rootList: RootDependency[] = [...roots].map(([id, scope]) => ({ id, scope }));
  const project =
    manifest.name !== undefined && manifest.name !== ''
      ? { name: manifest.name, ...(manifest.version !== undefined ? { version: manifest.version } : {}) }
      : undefined;
  return { roots: rootList, ...(project !== undefined ? { project } : {}) };
}
