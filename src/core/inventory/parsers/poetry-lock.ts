/**
 * poetry.lock (lock-version 1.x written by Poetry 1, 2.x by Poetry 1.5+ and 2):
 * `[[package]]` tables with their dependencies, source and artifact hashes.
 * The lockfile does not say which packages are direct, so the roots come from
 * the pyproject.toml beside it when it can be read.
 */
import { z } from 'zod';
import type { DependencyScope, LockfileParser, ParseContext, ParsedLockfile, ParsedPackage } from '../types.js';
import { addIdByName, describeGitSource, resolveName, singleArtifactHash } from './python-lock.js';
import { normalizePythonName } from './python-names.js';
import { readPyprojectRoots } from './python-pyproject.js';
import { isTable, parseTomlDocument, readPackageTables } from './toml-document.js';

const artifactSchema = z.object({ file: z.string().optional(), hash: z.string() });

const packageSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  // Poetry 1 wrote `category = "main" | "dev"`; Poetry 2 writes `groups = [...]`.
  category: z.string().optional(),
  groups: z.array(z.string()).optional(),
  optional: z.boolean().optional(),
  dependencies: z.record(z.string(), z.unknown()).optional(),
  source: z
    .object({
      type: z.string(),
      url: z.string().optional(),
      reference: z.string().optional(),
      resolved_reference: z.string().optional(),
    })
    .optional(),
  files: z.array(artifactSchema).optional(),
});
type PoetryPackage = z.infer<typeof packageSchema>;

const metadataFilesSchema = z.record(z.string(), z.array(artifactSchema));

/** The scope Poetry records per package, when it does (lock-version 2.0 records none). */
function scopeOf(entry: PoetryPackage): DependencyScope | undefined {
  let scope: DependencyScope | undefined;
  if (entry.groups !== undefined && entry.groups.length > 0) {
    scope = entry.groups.includes('main') ? 'runtime' : 'development';
  } else if (entry.category !== undefined) {
    scope = entry.category === 'dev' ? 'development' : 'runtime';
  }
  // `optional = true`: installed only for an extra of the project.
  if (scope === 'runtime' && entry.optional === true) return 'optional';
  return scope;
}

/** Where a non-index package comes from; `directory` sources are part of the repository. */
function describeSource(source: PoetryPackage['source']): Pick<ParsedPackage, 'resolved' | 'local'> {
  if (source === undefined) return {};
  switch (source.type) {
    case 'directory':
      return { local: true };
    case 'git':
      return source.url === undefined ? {} : { resolved: describeGitSource(source.url, source.resolved_reference ?? source.reference) };
    default:
      // `file` (a wheel or sdist in the repository, still a third-party package), `url`, `legacy` (a private index).
      return source.url === undefined ? {} : { resolved: source.url };
  }
}

export const poetryLockParser: LockfileParser = {
  format: 'poetry.lock',
  parse(text: string, context: ParseContext): ParsedLockfile {
    const document = parseTomlDocument(text, 'poetry.lock');
    const warnings: string[] = [];
    const tables = readPackageTables(text, document, warnings);
    const metadata = isTable(document['metadata']) ? document['metadata'] : {};
    const metadataFiles = metadataFilesSchema.safeParse(metadata['files']);
    const oldFiles = new Map<string, Array<{ hash: string }>>();
    if (metadataFiles.success) {
      for (const [name, artifacts] of Object.entries(metadataFiles.data)) oldFiles.set(normalizePythonName(name), artifacts);
    }

    const entries: Array<{ entry: PoetryPackage; id: string; line: number }> = [];
    const idsByName = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const { table, line } of tables) {
      const parsed = packageSchema.safeParse(table);
      if (!parsed.success) {
        warnings.push(`line ${line}: a [[package]] without a name and version; ignored`);
        continue;
      }
      const entry = parsed.data;
      const id = `${entry.name}@${entry.version}`;
      if (seen.has(id)) {
        warnings.push(`line ${line}: ${id} is locked twice; kept the first`);
        continue;
      }
      seen.add(id);
      entries.push({ entry, id, line });
      addIdByName(idsByName, entry.name, id);
    }

    const packages: ParsedPackage[] = entries.map(({ entry, id, line }) => {
      const dependencies = new Set<string>();
      // Poetry may lock one name twice (marker-split versions) without saying which a dependent uses: link both.
      for (const name of Object.keys(entry.dependencies ?? {})) {
        for (const target of resolveName(idsByName, name)) if (target !== id) dependencies.add(target);
      }
      const artifacts = entry.files ?? lookupOldFiles(oldFiles, entry.name, idsByName);
      const hashes = singleArtifactHash(artifacts.map((artifact) => artifact.hash));
      const scope = scopeOf(entry);
      return {
        id,
        ecosystem: 'PyPI',
        name: entry.name,
        version: entry.version,
        line,
        dependencies: [...dependencies],
        ...(scope !== undefined ? { scope } : {}),
        ...(hashes !== undefined ? { hashes } : {}),
        ...describeSource(entry.source),
      };
    });

    return { format: 'poetry.lock', packages, ...readPyprojectRoots(context, idsByName, 'poetry.lock', warnings), warnings };
  },
};

/**
 * Poetry 1 kept artifacts in `[metadata.files]`, keyed by name only: with two
 * locked versions of one name they cannot be told apart, so none are used.
 */
function lookupOldFiles(
  files: ReadonlyMap<string, Array<{ hash: string }>>,
  name: string,
  idsByName: ReadonlyMap<string, readonly string[]>,
): Array<{ hash: string }> {
  const normalized = normalizePythonName(name);
  if ((idsByName.get(normalized)?.length ?? 0) > 1) return [];
  return files.get(normalized) ?? [];
}
