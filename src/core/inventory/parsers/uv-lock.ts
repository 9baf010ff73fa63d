/**
 * uv.lock: `[[package]]` tables with their source, dependencies, extras,
 * dependency groups and artifacts. The project itself (and each workspace
 * member) is in the file as an editable or virtual package, so its
 * dependencies are the roots and no manifest needs to be read.
 */
import { z } from 'zod';
import type { DependencyScope, LockfileParser, ParseContext, ParsedLockfile, ParsedPackage, RootDependency } from '../types.js';
import { addIdByName, describeGitSource, isArchivePath, resolveName, singleArtifactHash } from './python-lock.js';
import { normalizePythonName } from './python-names.js';
import { SCOPE_RANK, scopeOfExtra } from './python-pyproject.js';
import { isTable, parseTomlDocument, readPackageTables } from './toml-document.js';

const dependencySchema = z.object({ name: z.string().min(1), version: z.string().optional() });
const dependencyListSchema = z.array(z.unknown());
const artifactSchema = z.object({ hash: z.string().optional() });

const packageSchema = z.object({
  name: z.string().min(1),
  // uv leaves the version out for a local project whose version is dynamic.
  version: z.string().optional(),
  source: z.record(z.string(), z.unknown()).optional(),
  dependencies: dependencyListSchema.optional(),
  'optional-dependencies': z.record(z.string(), dependencyListSchema).optional(),
  'dev-dependencies': z.record(z.string(), dependencyListSchema).optional(),
  sdist: artifactSchema.optional(),
  wheels: z.array(artifactSchema).optional(),
});
type UvPackage = z.infer<typeof packageSchema>;

interface SourceFacts {
  local: boolean;
  /** The folder of an editable or virtual package: a project of this lockfile. */
  projectPath?: string;
  resolved?: string;
}

/** Reads `source = { registry = … }` and its siblings (uv's `Source` enum). */
function readSource(source: UvPackage['source']): SourceFacts {
  if (source === undefined) return { local: false };
  const text = (key: string): string | undefined => (typeof source[key] === 'string' ? (source[key] as string) : undefined);
  const editable = text('editable') ?? text('virtual');
  if (editable !== undefined) return { local: true, projectPath: editable };
  if (text('directory') !== undefined) return { local: true };
  const git = text('git');
  if (git !== undefined) return { local: false, resolved: describeGitSource(git, undefined) };
  const path = text('path');
  // `path` is a wheel or sdist in the repository: a third-party package, audited like any other.
  if (path !== undefined) return isArchivePath(path) ? { local: false, resolved: path } : { local: true };
  const location = text('registry') ?? text('url');
  return location === undefined ? { local: false } : { local: false, resolved: location };
}

export const uvLockParser: LockfileParser = {
  format: 'uv.lock',
  parse(text: string, _context: ParseContext): ParsedLockfile {
    const document = parseTomlDocument(text, 'uv.lock');
    const warnings: string[] = [];
    const tables = readPackageTables(text, document, warnings);

    const entries: Array<{ entry: UvPackage; id: string; line: number; source: SourceFacts }> = [];
    const idsByName = new Map<string, string[]>();
    const known = new Set<string>();
    for (const { table, line } of tables) {
      const parsed = packageSchema.safeParse(table);
      if (!parsed.success) {
        warnings.push(`line ${line}: a [[package]] without a readable name; ignored`);
        continue;
      }
      const entry = parsed.data;
      const id = `${entry.name}@${entry.version ?? ''}`;
      if (known.has(id)) {
        warnings.push(`line ${line}: ${id} is locked twice; kept the first`);
        continue;
      }
      known.add(id);
      entries.push({ entry, id, line, source: readSource(entry.source) });
      addIdByName(idsByName, entry.name, id);
    }

    // uv names the version when a name is locked more than once, so most references are exact.
    const resolve = (raw: unknown): readonly string[] => {
      const dependency = dependencySchema.safeParse(raw);
      if (!dependency.success) return [];
      const { name, version } = dependency.data;
      if (version !== undefined) {
        const exact = idsByName.get(normalizePythonName(name))?.find((id) => id.endsWith(`@${version}`));
        if (exact !== undefined) return [exact];
      }
      return resolveName(idsByName, name);
    };
    const resolveAll = (list: readonly unknown[] | undefined): string[] => (list ?? []).flatMap((raw) => [...resolve(raw)]);

    const rootScopes = new Map<string, { scope: DependencyScope; workspace: string }>();
    const addRoots = (ids: readonly string[], scope: DependencyScope, workspace: string): void => {
      for (const id of ids) {
        const current = rootScopes.get(id);
        if (current === undefined || SCOPE_RANK[scope] < SCOPE_RANK[current.scope]) rootScopes.set(id, { scope, workspace });
      }
    };

    let project: ParsedLockfile['project'];
    const projectPaths: string[] = [];
    const packages: ParsedPackage[] = entries.map(({ entry, id, line, source }) => {
      const edges = new Set(resolveAll(entry.dependencies));
      if (source.projectPath !== undefined) {
        const workspace = source.projectPath === '' ? '.' : source.projectPath;
        projectPaths.push(workspace);
        if (workspace === '.') project = { name: entry.name, ...(entry.version !== undefined ? { version: entry.version } : {}) };
        addRoots([...edges], 'runtime', workspace);
        for (const [extra, list] of Object.entries(entry['optional-dependencies'] ?? {})) {
          addRoots(resolveAll(list), scopeOfExtra(extra), workspace);
        }
        for (const list of Object.values(entry['dev-dependencies'] ?? {})) addRoots(resolveAll(list), 'development', workspace);
      } else {
        // An extra of a dependency is installed when some dependent asks for it; the lockfile
        // does not say which did, so its packages hang off the package itself.
        for (const list of Object.values(entry['optional-dependencies'] ?? {})) for (const target of resolveAll(list)) edges.add(target);
      }
      edges.delete(id);
      const artifactHashes = [entry.sdist, ...(entry.wheels ?? [])].flatMap((artifact) =>
        artifact?.hash === undefined ? [] : [artifact.hash],
      );
      const hashes = source.local ? undefined : singleArtifactHash(artifactHashes);
      return {
        id,
        ecosystem: 'PyPI',
        name: entry.name,
        version: entry.version ?? '',
        line,
        dependencies: [...edges],
        ...(hashes !== undefined ? { hashes } : {}),
        ...(source.resolved !== undefined ? { resolved: source.resolved } : {}),
        ...(source.local ? { local: true } : {}),
      };
    });

    const roots: RootDependency[] = [...rootScopes].map(([id, { scope, workspace }]) => ({ id, scope, workspace }));
    const manifest = isTable(document['manifest']) ? document['manifest'] : {};
    const hasWorkspace = Array.isArray(manifest['members']) || projectPaths.length > 1;
    return {
      format: 'uv.lock',
      packages,
      roots,
      ...(project !== undefined ? { project } : {}),
      ...(hasWorkspace ? { workspaces: [...new Set(projectPaths)] } : {}),
      warnings,
    };
  },
};
