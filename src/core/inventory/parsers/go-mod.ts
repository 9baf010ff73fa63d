import { LockfileError, type LockfileParser, type ParsedLockfile, type ParsedPackage, type RootDependency } from '../types.js';
import { forEachLine } from './line-index.js';
import { capWarnings } from './line-warnings.js';

/**
 * go.mod: the module's requirements. With Go 1.17+ module graph pruning it
 * lists every module the build needs (`// indirect` marks the ones no package
 * of the module imports), so it is the inventory osv-scanner reads; go.sum
 * only holds hashes and stale versions, and is not read.
 *
 * Versions keep their `v` (`v1.2.3`), as Go and purl spell them; OSV's Go
 * ranges are written without it, which the advisory matcher must allow for.
 */
export const goModParser: LockfileParser = { format: 'go.mod', parse: parseGoMod };

/** One line of go.mod, split into tokens the way cmd/go's modfile lexer does. */
interface GoModLine {
  line: number;
  tokens: string[];
  /** Text after `//`, trimmed, when the line has a comment. */
  comment?: string;
}

interface Requirement {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
}

interface Replacement {
  oldPath: string;
  oldVersion?: string;
  newPath: string;
  newVersion?: string;
}

/** Directives that say nothing about which modules are built. */
const IGNORED_DIRECTIVES = new Set(['retract', 'godebug', 'tool', 'ignore']);

function parseGoMod(text: string): ParsedLockfile {
  const warnings: string[] = [];
  const requirements: Requirement[] = [];
  const replacements: Replacement[] = [];
  const excluded = new Set<string>();
  let modulePath: string | undefined;
  let goDirective: { version: string; line: number } | undefined;
  let toolchain: { name: string; line: number } | undefined;

  const handle = (verb: string, args: string[], entry: GoModLine): void => {
    const where = `line ${entry.line}`;
    switch (verb) {
      case 'module':
        if (args.length === 1) modulePath = args[0];
        else warnings.push(`${where}: module directive should name one module path`);
        return;
      case 'go':
        if (args.length === 1) goDirective = { version: args[0]!, line: entry.line };
        else warnings.push(`${where}: go directive should give one version`);
        return;
      case 'toolchain':
        if (args.length === 1) toolchain = { name: args[0]!, line: entry.line };
        else warnings.push(`${where}: toolchain directive should give one name`);
        return;
      case 'require':
        if (args.length === 2) {
          requirements.push({ path: args[0]!, version: args[1]!, indirect: isIndirect(entry.comment), line: entry.line });
        } else {
          warnings.push(`${where}: require should give a module path and a version`);
        }
        return;
      case 'exclude':
        if (args.length === 2) excluded.add(`${args[0]}@${args[1]}`);
        else warnings.push(`${where}: exclude should give a module path and a version`);
        return;
      case 'replace': {
        const replacement = readReplacement(args);
        if (replacement) replacements.push(replacement);
        else warnings.push(`${where}: replace should read "module [version] => module version" or "module [version] => ./path"`);
        return;
      }
      default:
        if (!IGNORED_DIRECTIVES.has(verb)) warnings.push(`${where}: unknown directive "${verb}" ignored`);
    }
  };

  let block: { verb: string; line: number } | undefined;
  for (const entry of lexGoMod(text)) {
    const { tokens } = entry;
    if (tokens.length === 0) continue;
    if (block) {
      if (tokens.length === 1 && tokens[0] === ')') block = undefined;
      else handle(block.verb, tokens, entry);
      continue;
    }
    const verb = tokens[0]!;
    if (tokens[1] === '(' && tokens.length === 2) {
      block = { verb, line: entry.line };
    } else if (tokens[1] === '(' && tokens[2] === ')' && tokens.length === 3) {
      // An empty block: nothing to read.
    } else if (verb === ')' || verb === '(') {
      warnings.push(`line ${entry.line}: unexpected "${verb}"`);
    } else {
      handle(verb, tokens.slice(1), entry);
    }
  }
  if (block) throw new LockfileError(`the ${block.verb} block opened on line ${block.line} is never closed`, block.line);
  if (modulePath === undefined) warnings.push('no module directive: is this a go.mod file?');

  const packages: ParsedPackage[] = [];
  const roots: RootDependency[] = [];
  const byId = new Map<string, ParsedPackage>();
  const rootIds = new Set<string>();
  for (const requirement of requirements) {
    if (excluded.has(`${requirement.path}@${requirement.version}`)) {
      warnings.push(`line ${requirement.line}: ${requirement.path} ${requirement.version} is required but also excluded; not reported`);
      continue;
    }
    const pkg = toPackage(requirement, findReplacement(replacements, requirement));
    if (!byId.has(pkg.id)) {
      byId.set(pkg.id, pkg);
      packages.push(pkg);
    }
    if (!requirement.indirect && !rootIds.has(pkg.id)) {
      rootIds.add(pkg.id);
      roots.push({ id: pkg.id, scope: 'runtime' });
    }
  }

  const stdlib = stdlibPackage(toolchain, goDirective, warnings);
  if (stdlib) {
    packages.push(stdlib);
    roots.push({ id: stdlib.id, scope: 'runtime' });
  }

  return {
    format: 'go.mod',
    packages,
    roots,
    ...(modulePath !== undefined ? { project: { name: modulePath } } : {}),
    warnings: capWarnings(warnings),
  };
}

/** `replace old [v] => new v` or `replace old [v] => ./dir`. */
function readReplacement(args: string[]): Replacement | undefined {
  const arrow = args.indexOf('=>');
  if (arrow !== 1 && arrow !== 2) return undefined;
  const left = args.slice(0, arrow);
  const right = args.slice(arrow + 1);
  if (right.length !== 1 && right.length !== 2) return undefined;
  const newPath = right[0]!;
  const newVersion = right[1];
  // Without a version the target must be a directory; cmd/go rejects anything else.
  if (newVersion === undefined && !isDirectoryPath(newPath)) return undefined;
  return { oldPath: left[0]!, ...(left[1] ? { oldVersion: left[1] } : {}), newPath, ...(newVersion ? { newVersion } : {}) };
}

/** A replacement of exactly this version wins over one of every version, as in cmd/go. */
function findReplacement(replacements: Replacement[], requirement: Requirement): Replacement | undefined {
  let anyVersion: Replacement | undefined;
  for (const replacement of replacements) {
    if (replacement.oldPath !== requirement.path) continue;
    if (replacement.oldVersion === requirement.version) return replacement;
    if (replacement.oldVersion === undefined) anyVersion = replacement;
  }
  return anyVersion;
}

/**
 * What is built for a requirement: the replacement when there is one (its
 * advisories are the ones that apply), a local folder when replaced by a path.
 */
function toPackage(requirement: Requirement, replacement: Replacement | undefined): ParsedPackage {
  const base = { ecosystem: 'Go' as const, line: requirement.line, dependencies: [] };
  if (!replacement) {
    return { ...base, id: `${requirement.path}@${requirement.version}`, name: requirement.path, version: requirement.version };
  }
  if (replacement.newVersion === undefined) {
    return {
      ...base,
      id: `${requirement.path}@${replacement.newPath}`,
      name: requirement.path,
      version: '',
      resolved: replacement.newPath,
      local: true,
    };
  }
  return {
    ...base,
    id: `${replacement.newPath}@${replacement.newVersion}`,
    name: replacement.newPath,
    version: replacement.newVersion,
  };
}

/**
 * The standard library as osv-scanner reports it (package `stdlib`), so Go's
 * own advisories match: at the toolchain's version, else the go directive's,
 * in the semver form the Go vulnerability database uses (`1.22` → `1.22.0`,
 * `1.21rc1` → `1.21.0-rc.1`).
 */
function stdlibPackage(
  toolchain: { name: string; line: number } | undefined,
  goDirective: { version: string; line: number } | undefined,
  warnings: string[],
): ParsedPackage | undefined {
  let source: { version: string; line: number } | undefined;
  if (toolchain) {
    // Toolchain names are goV or goV-suffix (https://go.dev/doc/toolchain).
    const match = /^go(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:[-+].*)?$/.exec(toolchain.name);
    if (match) source = { version: match[1]!, line: toolchain.line };
    else if (toolchain.name !== 'default') warnings.push(`line ${toolchain.line}: toolchain "${toolchain.name}" is not a Go release name`);
  }
  if (!source && goDirective) source = goDirective;
  if (!source) return undefined;
  const version = goVersionToSemver(source.version);
  if (version === undefined) {
    warnings.push(`line ${source.line}: Go version "${source.version}" not understood; the standard library is not reported`);
    return undefined;
  }
  return {
    id: `stdlib@${version}`,
    ecosystem: 'Go',
    name: 'stdlib',
    version,
    line: source.line,
    dependencies: [],
    scope: 'runtime',
  };
}

function goVersionToSemver(version: string): string | undefined {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(version);
  if (!match) return undefined;
  const [, major, minor, patch, pre, preNumber] = match;
  return `${major}.${minor}.${patch ?? '0'}${pre ? `-${pre}.${preNumber}` : ''}`;
}

/** cmd/go's rule: `// indirect` alone, or `// indirect; other words`. */
function isIndirect(comment: string | undefined): boolean {
  if (comment === undefined) return false;
  const words = comment.split(/\s+/).filter(Boolean);
  return (words.length === 1 && words[0] === 'indirect') || (words.length > 1 && words[0] === 'indirect;');
}

/** modfile.IsDirectoryPath: a replacement target that is a folder, not a module. */
function isDirectoryPath(path: string): boolean {
  return (
    path === '.' ||
    path === '..' ||
    /^\.{1,2}[/\\]/.test(path) ||
    path.startsWith('/') ||
    path.startsWith('\\\\') ||
    /^[A-Za-z]:[/\\]/.test(path)
  );
}

const STRING_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };

/**
 * Splits go.mod into lines of tokens: bare words, Go strings ("…" with
 * escapes, `…` raw), `(`, `)`, `=>`, and a trailing `//` comment. One pass
 * over the text.
 */
function lexGoMod(text: string): GoModLine[] {
  const lines: GoModLine[] = [];
  forEachLine(text, (line, lineNumber) => lines.push(lexLine(line, lineNumber)));
  return lines;
}

function lexLine(source: string, line: number): GoModLine {
  const tokens: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith('//', i)) {
      return { line, tokens, comment: source.slice(i + 2).trim() };
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i++;
    } else if (source.startsWith('=>', i)) {
      tokens.push('=>');
      i += 2;
    } else if (c === '`') {
      const close = source.indexOf('`', i + 1);
      if (close === -1) throw new LockfileError(`line ${line}: unterminated raw string`, line);
      tokens.push(source.slice(i + 1, close));
      i = close + 1;
    } else if (c === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= source.length) throw new LockfileError(`line ${line}: unterminated string`, line);
        const d = source[j]!;
        if (d === '"') break;
        if (d === '\\' && j + 1 < source.length) {
          const escaped = source[j + 1]!;
          value += STRING_ESCAPES[escaped] ?? escaped;
          j += 2;
        } else {
          value += d;
          j++;
        }
      }
      tokens.push(value);
      i = j + 1;
    } else {
      let j = i;
      while (j < source.length && !/[\s()"`]/.test(source[j]!) && !source.startsWith('//', j)) j++;
      tokens.push(source.slice(i, j));
      i = j;
    }
  }
  return { line, tokens };
}
