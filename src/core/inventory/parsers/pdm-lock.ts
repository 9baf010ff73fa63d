/**
 * pdm.lock: `[[package]]` tables whose `dependencies` are PEP 508 strings,
 * with `groups` (lock_version 4.4.1+, `inherit_metadata`) or `sections`
 * (before 4.0), and artifact hashes per package (4.x) or in
 * `[metadata.files]` (before 4.3). pdm writes one table per requested extra
 * (`extras = ["cli"]`); they are one installed package, so they are merged.
 * Roots come from the pyproject.toml beside it.
 */
import { z } from 'zod';
import type { DependencyScope, LockfileParser, ParseContext, ParsedLockfile, ParsedPackage } from '../types.js';
import { addIdByName, describeGitSource, isArchivePath, resolveName, singleArtifactHash } from './python-lock.js';
import { readPyprojectRoots } from './python-pyproject.js';
import { exactVersion, parsePep508 } from './python-requirement.js';
import { isTable, parseTomlDocument, readPackageTables } from './toml-document.js';

const artifactSchema = z.object({ hash: z.string() });

const packageSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  groups: z.array(z.string()).optional(),
  sections: z.array(z.string()).optional(),
  dependencies: z.array(z.string()).optional(),
  files: z.array(artifactSchema).optional(),
  path: z.string().optional(),
  editable: z.boolean().optional(),
  git: z.string().optional(),
  revision: z.string().optional(),
  url: z.string().optional(),
});
type PdmPackage = z.infer<typeof packageSchema>;

const metadataFilesSchema = z.record(z.string(), z.array(artifactSchema));

interface MergedPackage {
  entry: PdmPackage;
  id: string;
  line: number;
  groups: Set<string>;
  dependencies: string[];
}

function scopeOf(groups: ReadonlySet<string>): DependencyScope | undefined {
  if (groups.size === 0) return undefined;
  return groups.has('default') ? 'runtime' : 'development';
}

function describeSource(entry: PdmPackage): Pick<ParsedPackage, 'resolved' | 'local'> {
  if (entry.git !== undefined) return { resolved: describeGitSource(entry.git, entry.revision) };
  // A path to a wheel or sdist is a third-party package kept in the repository: audited.
  if (entry.path !== undefined) return isArchivePath(entry.path) ? { resolved: entry.path } : { local: true };
  if (entry.editable === true) return { local: true };
  if (entry.url !== undefined) return { resolved: entry.url };
  return {};
}

export const pdmLockParser: LockfileParser = {
  format: 'pdm.lock',
  parse(text: string, context: ParseContext): ParsedLockfile {
    const document = parseTomlDocument(text, 'pdm.lock');
    const warnings: string[] = [];
    const tables = readPackageTables(text, document, warnings);
    const metadata = isTable(document['metadata']) ? document['metadata'] : {};
    const metadataFiles = metadataFilesSchema.safeParse(metadata['files']);
    const oldFiles = metadataFiles.success ? new Map(Object.entries(metadataFiles.data)) : new Map<string, Array<{ hash: string }>>();

    const merged = new Map<string, MergedPackage>();
    const idsByName = new Map<string, string[]>();
    for (const { table, line } of tables) {
      const parsed = packageSchema.safeParse(table);
      if (!parsed.success) {
        warnings.push(`line ${line}: a [[package]] without a name and version; ignored`);
        continue;
      }
      const entry = parsed.data;
      const id = `${entry.name}@${entry.version}`;
      const existing = merged.get(id);
      const groups = entry.groups ?? entry.sections ?? [];
      if (existing !== undefined) {
        for (const group of groups) existing.groups.add(group);
        existing.dependencies.push(...(entry.dependencies ?? []));
        continue;
      }
      merged.set(id, { entry, id, line, groups: new Set(groups), dependencies: [...(entry.dependencies ?? [])] });
      addIdByName(idsByName, entry.name, id);
    }

    const packages: ParsedPackage[] = [...merged.values()].map(({ entry, id, line, groups, dependencies }) => {
      const edges = new Set<string>();
      for (const dependency of dependencies) {
        const requirement = parsePep508(dependency);
        if (requirement === undefined) {
          warnings.push(`line ${line}: dependency "${dependency.slice(0, 80)}" of ${id} is not a requirement; ignored`);
          continue;
        }
        const pinned = exactVersion(requirement.clauses);
        const candidates = resolveName(idsByName, requirement.name);
        const exact = pinned === undefined ? undefined : candidates.find((candidate) => candidate.endsWith(`@${pinned}`));
        for (const target of exact !== undefined ? [exact] : candidates) if (target !== id) edges.add(target);
      }
      const artifacts = entry.files ?? oldFiles.get(`${entry.name} ${entry.version}`) ?? [];
      const source = describeSource(entry);
      const hashes = source.local ? undefined : singleArtifactHash(artifacts.map((artifact) => artifact.hash));
      const scope = scopeOf(groups);
      return {
        id,
        ecosystem: 'PyPI',
        name: entry.name,
        version: entry.version,
        line,
        dependencies: [...edges],
        ...(scope !== undefined ? { scope } : {}),
        ...(hashes !== undefined ? { hashes } : {}),
        ...source,
      };
    });

    return { format: 'pdm.lock', packages, ...readPyprojectRoots(context, idsByName, 'pdm.lock', warnings), warnings };
  },
};
