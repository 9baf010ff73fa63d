/**
 * The direct dependencies a pyproject.toml declares, for the lockfiles that do
 * not record them (poetry.lock, pdm.lock). Reads the PEP 621 `[project]`
 * table, PEP 735 `[dependency-groups]`, Poetry's `[tool.poetry.*]` tables and
 * pdm's `[tool.pdm.dev-dependencies]`.
 */
import type { DependencyScope, ParseContext, ParsedLockfile, RootDependency } from '../types.js';
import { isDevelopmentLabel, normalizePythonName } from './python-names.js';
import { parsePep508 } from './python-requirement.js';
import { isTable, parseTomlDocument } from './toml-document.js';

export interface DeclaredDependency {
  /** PEP 503 normalized. */
  name: string;
  scope: DependencyScope;
  /** Where it was declared, for messages (`project.dependencies`). */
  origin: string;
}

export interface PyprojectManifest {
  project?: { name: string; version?: string };
  dependencies: DeclaredDependency[];
  warnings: string[];
}

/** Reads pyproject.toml text; a file that is not TOML gives a warning, not an error (the lockfile is still read). */
function readPyproject(text: string): PyprojectManifest {
  const warnings: string[] = [];
  let document: Record<string, unknown>;
  try {
    document = parseTomlDocument(text, 'pyproject.toml');
  } catch (error) {
    return { dependencies: [], warnings: [`pyproject.toml ignored: ${(error as Error).message}`] };
  }
  const dependencies: DeclaredDependency[] = [];
  const addRequirementList = (list: unknown, scope: DependencyScope, origin: string): void => {
    if (!Array.isArray(list)) return;
    for (const entry of list) {
      // PEP 735 `{ include-group = "x" }` entries repeat another group: nothing new to read.
      if (typeof entry !== 'string') continue;
      // pdm writes its editable entries as `-e file:///...#egg=name`.
      const spec = entry.trim().replace(/^-e\s+/, '');
      const requirement = parsePep508(spec) ?? parseEggName(spec);
      if (requirement === undefined) {
        warnings.push(`pyproject.toml ${origin}: "${entry}" is not a requirement; ignored`);
        continue;
      }
      dependencies.push({ name: normalizePythonName(requirement.name), scope, origin });
    }
  };
  const addPoetryTable = (table: unknown, scope: DependencyScope, origin: string): void => {
    if (!isTable(table)) return;
    for (const [name, value] of Object.entries(table)) {
      if (name.toLowerCase() === 'python') continue;
      const optional = isTable(value) && value['optional'] === true;
      dependencies.push({ name: normalizePythonName(name), scope: optional ? 'optional' : scope, origin });
    }
  };

  const project = document['project'];
  let manifestProject: PyprojectManifest['project'];
  if (isTable(project)) {
    addRequirementList(project['dependencies'], 'runtime', 'project.dependencies');
    const optional = project['optional-dependencies'];
    if (isTable(optional)) {
      for (const [extra, list] of Object.entries(optional)) {
        addRequirementList(list, scopeOfExtra(extra), `project.optional-dependencies.${extra}`);
      }
    }
    manifestProject = readProjectName(project);
  }

  const groups = document['dependency-groups'];
  if (isTable(groups)) {
    for (const [group, list] of Object.entries(groups)) addRequirementList(list, 'development', `dependency-groups.${group}`);
  }

  const tool = isTable(document['tool']) ? document['tool'] : {};
  const poetry = tool['poetry'];
  if (isTable(poetry)) {
    addPoetryTable(poetry['dependencies'], 'runtime', 'tool.poetry.dependencies');
    addPoetryTable(poetry['dev-dependencies'], 'development', 'tool.poetry.dev-dependencies');
    if (isTable(poetry['group'])) {
      for (const [group, body] of Object.entries(poetry['group'])) {
        // Poetry's `main` group is `tool.poetry.dependencies` under another name.
        const scope: DependencyScope = group === 'main' ? 'runtime' : 'development';
        if (isTable(body)) addPoetryTable(body['dependencies'], scope, `tool.poetry.group.${group}.dependencies`);
      }
    }
    manifestProject ??= readProjectName(poetry);
  }
  const pdm = tool['pdm'];
  if (isTable(pdm) && isTable(pdm['dev-dependencies'])) {
    for (const [group, list] of Object.entries(pdm['dev-dependencies'])) {
      addRequirementList(list, 'development', `tool.pdm.dev-dependencies.${group}`);
    }
  }
  // `dev = ["myproject[test]"]` names the project itself to pull in its own extras: not a dependency.
  const ownName = manifestProject === undefined ? undefined : normalizePythonName(manifestProject.name);
  return {
    ...(manifestProject ? { project: manifestProject } : {}),
    dependencies: dependencies.filter((dependency) => dependency.name !== ownName),
    warnings,
  };
}

/**
 * The roots, and the project's name, from the pyproject.toml beside the
 * lockfile; no roots when there is none.
 */
export function readPyprojectRoots(
  context: ParseContext,
  idsByName: ReadonlyMap<string, readonly string[]>,
  lockfileName: string,
  warnings: string[],
): Pick<ParsedLockfile, 'roots' | 'project'> {
  const text = context.readRelative('pyproject.toml');
  if (text === undefined) return { roots: [] };
  const manifest = readPyproject(text);
  warnings.push(...manifest.warnings);
  const roots = buildRoots(manifest.dependencies, idsByName, lockfileName, warnings);
  return { roots, ...(manifest.project !== undefined ? { project: manifest.project } : {}) };
}

/**
 * Roots for the declared dependencies that the lockfile locks. A name with
 * several locked versions (marker-split resolutions) roots each of them; a
 * name declared in several places keeps its most needed scope.
 */
function buildRoots(
  declared: readonly DeclaredDependency[],
  idsByName: ReadonlyMap<string, readonly string[]>,
  lockfileName: string,
  warnings: string[],
): RootDependency[] {
  const scopes = new Map<string, DependencyScope>();
  const missing = new Set<string>();
  for (const dependency of declared) {
    const ids = idsByName.get(dependency.name);
    if (ids === undefined || ids.length === 0) {
      if (!missing.has(dependency.name)) {
        missing.add(dependency.name);
        warnings.push(`pyproject.toml declares ${dependency.name} (${dependency.origin}), which ${lockfileName} does not lock`);
      }
      continue;
    }
    for (const id of ids) {
      const current = scopes.get(id);
      if (current === undefined || SCOPE_RANK[dependency.scope] < SCOPE_RANK[current]) scopes.set(id, dependency.scope);
    }
  }
  return [...scopes].map(([id, scope]) => ({ id, scope }));
}

/** Lower ranks are needed in more installs: a package both runtime and dev is runtime. */
export const SCOPE_RANK: Record<DependencyScope, number> = { runtime: 0, peer: 1, optional: 2, development: 3 };

/** Extras named like `dev` or `test` hold tools, not optional features of the package. */
export function scopeOfExtra(extra: string): DependencyScope {
  return isDevelopmentLabel(extra) ? 'development' : 'optional';
}

function readProjectName(table: Record<string, unknown>): PyprojectManifest['project'] {
  const name = table['name'];
  if (typeof name !== 'string' || name === '') return undefined;
  const version = table['version'];
  return typeof version === 'string' ? { name, version } : { name };
}

/** `file:///path#egg=name` (pdm's editable spelling) names its project only in the fragment. */
function parseEggName(spec: string): { name: string } | undefined {
  const egg = /#egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
  return egg === null ? undefined : { name: egg[1]! };
}
