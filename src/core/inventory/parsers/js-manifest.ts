/**
 * The direct dependencies a JavaScript project declares (package.json, or a
 * lockfile's copy of it), and reading package.json beside a lockfile.
 */
import type { DependencyScope, ParseContext } from '../types.js';

/** The four sections, in the order that decides a name listed in more than one. */
const SECTIONS = [
  ['dependencies', 'runtime'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'development'],
  ['peerDependencies', 'peer'],
] as const satisfies ReadonlyArray<readonly [string, DependencyScope]>;

export type DependencySection = (typeof SECTIONS)[number][0];

export interface DeclaredDependency {
  name: string;
  /** The range or spec as declared (`^1.2.0`, `npm:bar@1`, `workspace:*`). */
  range: string;
  scope: DependencyScope;
  section: DependencySection;
}

export interface Manifest {
  name?: string;
  version?: string;
  dependencies: DeclaredDependency[];
  /** `workspaces` entries (folders or globs), from the array or the `{ packages }` form. */
  workspaces: string[];
}

/**
 * A name's dependency sections flattened: a name in `dependencies` and
 * `devDependencies` is a runtime dependency, as npm installs it for production.
 */
export function collectDeclared(readSection: (section: DependencySection) => unknown): DeclaredDependency[] {
  const declared = new Map<string, DeclaredDependency>();
  for (const [section, scope] of SECTIONS) {
    for (const [name, range] of stringEntries(readSection(section))) {
      if (!declared.has(name)) declared.set(name, { name, range, scope, section });
    }
  }
  return [...declared.values()];
}

/** The string-valued entries of a plain object; anything else is ignored. */
export function stringEntries(value: unknown): Array<[string, string]> {
  if (!isRecord(value)) return [];
  return Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field of a lockfile entry, when it is a string. */
export function stringField(fields: Record<string, unknown>, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A workspace folder with forward slashes and no leading `./` or trailing
 * `/`. The project's own folder stays as the lockfile spells it (`.` or
 * empty): each format keys it its own way.
 */
export function normaliseFolder(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
}

/**
 * Reads a package.json relative to the lockfile. Undefined when it is missing;
 * a malformed one is a warning, not a failure, because the lockfile alone
 * still says what is installed.
 */
export function readManifest(context: ParseContext, relativePath: string, warnings: string[]): Manifest | undefined {
  const text = context.readRelative(relativePath);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    warnings.push(`${relativePath} is not valid JSON; its dependencies were not read`);
    return undefined;
  }
  if (!isRecord(json)) {
    warnings.push(`${relativePath} is not a JSON object; its dependencies were not read`);
    return undefined;
  }
  const workspaces = Array.isArray(json.workspaces)
    ? json.workspaces
    : isRecord(json.workspaces)
      ? json.workspaces.packages
      : undefined;
  return {
    ...(typeof json.name === 'string' ? { name: json.name } : {}),
    ...(typeof json.version === 'string' ? { version: json.version } : {}),
    dependencies: collectDeclared((section) => json[section]),
    workspaces: Array.isArray(workspaces) ? workspaces.filter((entry): entry is string => typeof entry === 'string') : [],
  };
}

/** The path of a workspace's package.json relative to the lockfile (`.` is the lockfile's own folder). */
export function manifestPath(folder: string): string {
  const trimmed = folder.replace(/^\.\/+/, '').replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? 'package.json' : `${trimmed}/package.json`;
}

/**
 * Declared dependencies that match no lockfile entry, counted so that a
 * damaged or hand-edited lockfile gives one warning instead of thousands.
 */
export class MissingDependencies {
  private count = 0;
  private example = '';

  note(what: string): void {
    if (this.count === 0) this.example = what;
    this.count += 1;
  }

  report(warnings: string[], lockfile: string): void {
    if (this.count === 0) return;
    const counted = this.count === 1 ? '1 dependency has' : `${this.count} dependencies have`;
    warnings.push(`${counted} no entry in ${lockfile} and ${this.count === 1 ? 'was' : 'were'} left out, e.g. ${this.example}`);
  }
}
