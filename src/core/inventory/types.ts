/**
 * The dependency inventory: what every lockfile under a path says is installed.
 * dependency-audit matches it against advisories and sbom serializes it, so it
 * knows nothing of either.
 */

/** OSV ecosystem names, exactly as OSV records spell them (they key the advisory match). */
export const ECOSYSTEMS = [
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Packagist',
  'Maven',
  'NuGet',
  'Pub',
  'Hex',
] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

/** How a package is needed, where the format says (or the manifest beside it does). */
export type DependencyScope = 'runtime' | 'development' | 'optional' | 'peer';

export const LOCKFILE_FORMATS = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock@v1',
  'yarn.lock@berry',
  'pnpm-lock.yaml',
  'bun.lock',
  'requirements.txt',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'go.mod',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
  'pom.xml',
  'gradle.lockfile',
  'packages.lock.json',
  'pubspec.lock',
  'mix.lock',
] as const;
export type LockfileFormat = (typeof LOCKFILE_FORMATS)[number];

/** A content hash the lockfile records for a package (npm `integrity`, Cargo `checksum`, …). */
export interface PackageHash {
  /** CycloneDX spelling: `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`, `MD5`. */
  algorithm: 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** Lower-case hex. */
  hex: string;
}

/**
 * One package as a parser reads it. `id` is unique within the lockfile and is
 * what `dependencies` and `ParsedLockfile.roots` refer to (a node_modules path
 * for npm, `name@version` elsewhere); two entries of one name and version at
 * different places in an npm tree are two packages.
 */
export interface ParsedPackage {
  id: string;
  ecosystem: Ecosystem;
  /** As the ecosystem names it: `@scope/name`, `group:artifact`, a Go module path. */
  name: string;
  /** As locked, without range operators or a leading `v` the ecosystem does not use (Go keeps `v`). */
  version: string;
  /** 1-based line in the lockfile where the package is declared (its entry's first line). */
  line: number;
  /** Ids of the packages it depends on, resolved within this lockfile. */
  dependencies: string[];
  /**
   * The scope when the format states it per package (npm's dev/optional/peer
   * flags, pubspec's `dependency:` field, Pipfile's develop group). Left
   * undefined, it is derived from the roots through the graph.
   */
  scope?: DependencyScope;
  hashes?: PackageHash[];
  /** SPDX expression or licence names, when the lockfile records them. */
  license?: string;
  /** Where it is fetched from (tarball URL, git URL, registry), when recorded. */
  resolved?: string;
  /** True for a package that is part of this repository (a workspace or path dependency): not audited. */
  local?: boolean;
  /**
   * The file that declares it, relative to the lockfile's folder, when that is
   * another file (a requirements file included with `-r`); `line` is in it.
   */
  sourcePath?: string;
}

/** A direct dependency of the project (or of one workspace of it). */
export interface RootDependency {
  id: string;
  scope: DependencyScope;
  /** The workspace (relative folder, `.` for the root project) that declares it. */
  workspace?: string;
}

/** What one parser returns for one file. */
export interface ParsedLockfile {
  format: LockfileFormat;
  packages: ParsedPackage[];
  /**
   * The direct dependencies. Empty when the format cannot tell direct from
   * transitive (then every package is treated as direct, and said so).
   */
  roots: RootDependency[];
  /** The project itself, when the file or its manifest names it. */
  project?: { name: string; version?: string };
  /** Workspaces of a monorepo (relative folders), when the lockfile lists them. */
  workspaces?: string[];
  /** Things read but not understood, one line each; never fatal. */
  warnings: string[];
}

/** What a parser may read beside its lockfile. */
export interface ParseContext {
  /** The lockfile's path relative to the repository root, forward slashes (for messages). */
  path: string;
  /**
   * Reads a file relative to the lockfile's folder (`package.json`, a `-r`
   * include). Undefined when it does not exist or leaves the workspace.
   */
  readRelative(relativePath: string): string | undefined;
}

/**
 * A lockfile that cannot be read. Its message is one line naming the problem
 * (the caller prefixes the path); the other lockfiles are still audited.
 */
export class LockfileError extends Error {
  override readonly name = 'LockfileError';
  constructor(
    message: string,
    /** 1-based line of the problem, when known. */
    readonly line?: number,
  ) {
    super(message);
  }
}

export interface LockfileParser {
  format: LockfileFormat;
  /** Parses the text; throws LockfileError on malformed input, never anything else. */
  parse(text: string, context: ParseContext): ParsedLockfile;
}
