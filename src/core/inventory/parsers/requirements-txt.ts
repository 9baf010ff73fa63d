/**
 * requirements*.txt as pip reads them: one requirement per logical line
 * (`\` continues a line, ` #` starts a comment), `-r`/`-c` includes, and
 * per-requirement `--hash` options. Only exact pins (`==`, `===`) say what
 * is installed; like osv-scanner and pip-audit without a resolver, anything
 * else is reported as a warning instead of guessed.
 */
import { posix } from 'node:path';
import type {
  DependencyScope,
  LockfileParser,
  PackageHash,
  ParseContext,
  ParsedLockfile,
  ParsedPackage,
  RootDependency,
} from '../types.js';
import { isDevelopmentLabel, normalizePythonName } from './python-names.js';
import { exactVersion, parsePep508 } from './python-requirement.js';
import { isArchivePath, parseHashString } from './python-lock.js';
import { SCOPE_RANK } from './python-pyproject.js';

/**
 * A package read from a requirements file. `sourcePath` names the included
 * file (relative to the lockfile's folder) that declares it, since `line`
 * counts in that file; it is absent for the lockfile's own lines.
 */
export interface RequirementsPackage extends ParsedPackage {
  sourcePath?: string;
}

interface Requirement {
  name: string;
  normalized: string;
  /** Exact pin of the line itself. */
  version: string | undefined;
  line: number;
  sourcePath: string | undefined;
  scope: DependencyScope;
  hashes: PackageHash[];
  text: string;
}

interface Constraint {
  version: string;
}

/** Deeper include chains than this are a loop pip would also refuse, or an attack. */
const MAX_INCLUDE_DEPTH = 32;

/** A project splits its requirements into a handful of files; past this many, includes are not followed. */
const MAX_INCLUDED_FILES = 256;

/** Options pip accepts on their own line that change where or how packages are fetched, not which. */
const GLOBAL_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '--no-index',
  '-f',
  '--find-links',
  '--trusted-host',
  '--pre',
  '--prefer-binary',
  '--require-hashes',
  '--only-binary',
  '--no-binary',
  '--use-feature',
  '-Z',
  '--always-unzip',
  '--config-settings',
  '-C',
  '--global-option',
  '--install-option',
]);

class RequirementsReader {
  readonly requirements: Requirement[] = [];
  readonly constraints = new Map<string, Constraint>();
  readonly warnings: string[] = [];
  private readonly visited = new Set<string>();

  constructor(private readonly context: ParseContext) {}

  /** Reads one file; `sourcePath` is undefined for the lockfile itself. */
  read(text: string, sourcePath: string | undefined, asConstraints: boolean, depth: number): void {
    const ownPath = sourcePath ?? posix.basename(this.context.path);
    this.visited.add(ownPath);
    const scope: DependencyScope = isDevelopmentLabel(posix.basename(ownPath).replace(/\.[^.]*$/, ''))
      ? 'development'
      : 'runtime';
    const where = (line: number): string => (sourcePath === undefined ? `line ${line}` : `${sourcePath} line ${line}`);

    for (const { line, content } of logicalLines(text)) {
      const tokens = content.split(/\s+/).filter((token) => token !== '');
      if (tokens.length === 0) continue;
      const firstOption = tokens.findIndex((token) => token.startsWith('-'));
      if (firstOption === 0) {
        this.readOptionLine(tokens, ownPath, asConstraints, depth, where(line));
        continue;
      }
      const args = firstOption === -1 ? tokens : tokens.slice(0, firstOption);
      const options = firstOption === -1 ? [] : tokens.slice(firstOption);
      this.readRequirement(args.join(' '), options, { line, sourcePath, scope, asConstraints, where: where(line) });
    }
  }

  private readOptionLine(tokens: string[], ownPath: string, asConstraints: boolean, depth: number, where: string): void {
    const option = splitOption(tokens);
    switch (option.name) {
      case '-r':
      case '--requirement':
        this.include(option.value, ownPath, asConstraints, depth, where);
        return;
      case '-c':
      case '--constraint':
        this.include(option.value, ownPath, true, depth, where);
        return;
      case '-e':
      case '--editable':
        if (!asConstraints) {
          this.warnings.push(`${where}: "${shorten(tokens.join(' '))}" is an editable install, not a versioned package; not inventoried`);
        }
        return;
      default:
        if (!GLOBAL_OPTIONS.has(option.name) && !asConstraints) {
          this.warnings.push(`${where}: option ${shorten(option.name)} is not understood; ignored`);
        }
    }
  }

  private include(reference: string | undefined, ownPath: string, asConstraints: boolean, depth: number, where: string): void {
    const kind = asConstraints ? 'constraints file' : 'requirements file';
    if (reference === undefined || reference === '') {
      this.warnings.push(`${where}: an include without a file name; ignored`);
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(reference) || reference.startsWith('/') || /^[a-z]:[\\/]/i.test(reference)) {
      this.warnings.push(`${where}: ${kind} ${shorten(reference)} is a URL or an absolute path; not read`);
      return;
    }
    const target = posix.normalize(posix.join(posix.dirname(ownPath), reference.replace(/\\/g, '/')));
    if (this.visited.has(target)) return;
    if (depth >= MAX_INCLUDE_DEPTH) {
      this.warnings.push(`${where}: ${kind} ${shorten(target)} is included more than ${MAX_INCLUDE_DEPTH} levels deep; not read`);
      return;
    }
    if (this.visited.size >= MAX_INCLUDED_FILES) {
      this.warnings.push(`${where}: more than ${MAX_INCLUDED_FILES} files are included; ${shorten(target)} not read`);
      return;
    }
    const text = this.context.readRelative(target);
    if (text === undefined) {
      this.warnings.push(`${where}: ${kind} ${shorten(target)} was not found; not read`);
      return;
    }
    this.read(text, target, asConstraints, depth + 1);
  }

  private readRequirement(
    text: string,
    options: string[],
    at: { line: number; sourcePath: string | undefined; scope: DependencyScope; asConstraints: boolean; where: string },
  ): void {
    const requirement = parsePep508(text);
    if (requirement === undefined || requirement.url !== undefined || isArchivePath(requirement.name)) {
      if (at.asConstraints) return;
      const looksLikeLocation = requirement !== undefined || /[/\\:]/.test(text) || text.startsWith('.');
      this.warnings.push(
        looksLikeLocation
          ? `${at.where}: "${shorten(text)}" is a URL or path, not a versioned package; not inventoried`
          : `${at.where}: "${shorten(text)}" is not a requirement; ignored`,
      );
      return;
    }
    const version = exactVersion(requirement.clauses);
    const normalized = normalizePythonName(requirement.name);
    if (at.asConstraints) {
      if (version !== undefined && !this.constraints.has(normalized)) this.constraints.set(normalized, { version });
      return;
    }
    this.requirements.push({
      name: requirement.name,
      normalized,
      version,
      line: at.line,
      sourcePath: at.sourcePath,
      scope: at.scope,
      hashes: this.readHashes(options, at.where),
      text,
    });
  }

  private readHashes(options: string[], where: string): PackageHash[] {
    const hashes: PackageHash[] = [];
    for (let index = 0; index < options.length; index += 1) {
      const token = options[index]!;
      let value: string | undefined;
      if (token === '--hash') value = options[++index];
      else if (token.startsWith('--hash=')) value = token.slice('--hash='.length);
      else continue;
      const hash = value === undefined ? undefined : parseHashString(value);
      if (hash === undefined) this.warnings.push(`${where}: --hash ${shorten(value ?? '')} is not algorithm:hex; ignored`);
      else if (!hashes.some((known) => known.hex === hash.hex)) hashes.push(hash);
    }
    return hashes;
  }
}

/** Joins `\` continuations and drops comments the way pip does; each line keeps the number of its first physical line. */
function* logicalLines(text: string): Generator<{ line: number; content: string }> {
  const physical = text.split('\n');
  let pending: string[] = [];
  let pendingLine = 0;
  for (let index = 0; index < physical.length; index += 1) {
    const raw = physical[index]!.replace(/\r$/, '');
    const isComment = /^\s*#/.test(raw);
    if (raw.endsWith('\\') && !isComment) {
      if (pending.length === 0) pendingLine = index + 1;
      pending.push(raw.slice(0, -1));
      continue;
    }
    const line = pending.length === 0 ? index + 1 : pendingLine;
    const joined = pending.length === 0 ? raw : pending.join('') + (isComment ? ' ' : '') + raw;
    pending = [];
    yield { line, content: stripComment(joined).trim() };
  }
  if (pending.length > 0) yield { line: pendingLine, content: stripComment(pending.join('')).trim() };
}

/** A `#` at the start or after whitespace starts a comment; inside a URL (`#egg=`) it does not. */
function stripComment(line: string): string {
  for (let at = line.indexOf('#'); at !== -1; at = line.indexOf('#', at + 1)) {
    if (at === 0 || /\s/.test(line[at - 1]!)) return line.slice(0, at);
  }
  return line;
}

/** `-r file`, `-rfile`, `--requirement file`, `--requirement=file`. */
function splitOption(tokens: string[]): { name: string; value: string | undefined } {
  const first = tokens[0]!;
  if (first.startsWith('--')) {
    const equals = first.indexOf('=');
    if (equals !== -1) return { name: first.slice(0, equals), value: first.slice(equals + 1) };
    return { name: first, value: tokens[1] };
  }
  if (first.length > 2) return { name: first.slice(0, 2), value: first.slice(2) };
  return { name: first, value: tokens[1] };
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function describeLocation(requirement: Requirement): string {
  return requirement.sourcePath === undefined
    ? `line ${requirement.line}`
    : `${requirement.sourcePath} line ${requirement.line}`;
}

/** One package per PEP 503 name: pip installs one version of a project, whichever file names it. */
function buildPackages(reader: RequirementsReader): { packages: RequirementsPackage[]; roots: RootDependency[] } {
  const groups = new Map<string, Requirement[]>();
  for (const requirement of reader.requirements) {
    const group = groups.get(requirement.normalized);
    if (group === undefined) groups.set(requirement.normalized, [requirement]);
    else group.push(requirement);
  }
  const packages: RequirementsPackage[] = [];
  const roots: RootDependency[] = [];
  for (const [normalized, group] of groups) {
    const pinned = group.filter((requirement) => requirement.version !== undefined);
    let chosen: Requirement | undefined = pinned[0];
    let version = chosen?.version;
    for (const other of pinned.slice(1)) {
      if (other.version !== version) {
        reader.warnings.push(
          `${describeLocation(other)}: ${other.name} is pinned to ${other.version} but ${describeLocation(chosen!)} pins ${version}; kept ${version}`,
        );
      }
    }
    if (chosen === undefined) {
      const constraint = reader.constraints.get(normalized);
      if (constraint !== undefined) {
        chosen = group[0]!;
        version = constraint.version;
      }
    }
    if (chosen === undefined || version === undefined) {
      for (const requirement of group) {
        reader.warnings.push(
          `${describeLocation(requirement)}: "${shorten(requirement.text)}" does not pin one version (==); not inventoried`,
        );
      }
      continue;
    }
    const scope = group.reduce<DependencyScope>(
      (best, requirement) => (SCOPE_RANK[requirement.scope] < SCOPE_RANK[best] ? requirement.scope : best),
      'development',
    );
    const id = `${chosen.name}@${version}`;
    packages.push({
      id,
      ecosystem: 'PyPI',
      name: chosen.name,
      version,
      line: chosen.line,
      dependencies: [],
      scope,
      ...(chosen.hashes.length > 0 ? { hashes: chosen.hashes } : {}),
      ...(chosen.sourcePath !== undefined ? { sourcePath: chosen.sourcePath } : {}),
    });
    roots.push({ id, scope });
  }
  return { packages, roots };
}

export const requirementsTxtParser: LockfileParser = {
  format: 'requirements.txt',
  parse(text: string, context: ParseContext): ParsedLockfile {
    const reader = new RequirementsReader(context);
    reader.read(text, undefined, false, 0);
    const { packages, roots } = buildPackages(reader);
    return { format: 'requirements.txt', packages, roots, warnings: reader.warnings };
  },
};
