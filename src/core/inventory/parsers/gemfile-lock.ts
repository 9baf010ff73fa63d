/**
 * Gemfile.lock (Bundler): indentation-structured sections. `GEM`, `GIT`,
 * `PATH` and `PLUGIN SOURCE` list specs (4 spaces, `name (version[-platform])`)
 * with their dependencies (6 spaces); `DEPENDENCIES` lists the Gemfile's
 * direct gems; `CHECKSUMS` (Bundler 2.6+) the artifacts' digests.
 *
 * Which direct gems are development-only is not in the lockfile but in the
 * Gemfile's `group :development, :test do` blocks; the Gemfile beside the
 * lockfile is read for that when its blocks can be followed line by line.
 */
import { posix } from 'node:path';
import {
  LockfileError,
  type DependencyScope,
  type LockfileParser,
  type PackageHash,
  type ParseContext,
  type ParsedLockfile,
  type ParsedPackage,
  type RootDependency,
} from '../types.js';

const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);

/** A gem locked for several platforms is a handful of variants; more of one name is not a lockfile Bundler wrote. */
const MAX_VERSIONS_PER_NAME = 8;

/** Bundler's groups for tools only used while developing; `:production`, `:assets` and custom groups ship. */
const DEVELOPMENT_GROUPS = new Set(['development', 'test']);

interface Spec {
  id: string;
  name: string;
  version: string;
  line: number;
  dependencyNames: string[];
  resolved?: string;
  local: boolean;
}

interface SourceState {
  section: string;
  remote?: string;
  revision?: string;
}

/**
 * `name (1.2.3-x86_64-linux)` → name, version, platform. Bundler's own
 * pattern takes the version up to the first `-` (gem versions use `.pre`,
 * never `-`, in lockfiles) and the rest as the platform.
 */
function splitNameVersion(text: string): { name: string; version?: string; requirement?: string } {
  const open = text.indexOf(' (');
  if (open === -1 || !text.endsWith(')')) return { name: text };
  const inner = text.slice(open + 2, -1);
  const dash = inner.indexOf('-');
  return { name: text.slice(0, open), version: dash === -1 ? inner : inner.slice(0, dash), requirement: inner };
}

function describeSource(state: SourceState): Pick<Spec, 'resolved' | 'local'> {
  if (state.section === 'PATH') return { local: true };
  if (state.remote === undefined) return { local: false };
  if (state.section === 'GIT') {
    const base = state.remote.startsWith('git+') ? state.remote : `git+${state.remote}`;
    return { local: false, resolved: state.revision === undefined ? base : `${base}#${state.revision}` };
  }
  return { local: false, resolved: state.remote };
}

function parseChecksum(text: string): PackageHash | undefined {
  for (const digest of text.split(',')) {
    const [algorithm, hex] = digest.trim().split('=');
    if (algorithm === 'sha256' && hex !== undefined && /^[0-9a-f]{64}$/i.test(hex)) {
      return { algorithm: 'SHA-256', hex: hex.toLowerCase() };
    }
  }
  return undefined;
}

export const gemfileLockParser: LockfileParser = {
  format: 'Gemfile.lock',
  parse(text: string, context: ParseContext): ParsedLockfile {
    const warnings: string[] = [];
    const specs: Spec[] = [];
    const specById = new Map<string, Spec>();
    const directNames: string[] = [];
    const checksums = new Map<string, Array<PackageHash | undefined>>();
    let project: ParsedLockfile['project'];
    let sawSection = false;
    let section = '';
    let state: SourceState = { section: '' };
    let current: Spec | undefined;

    const physical = text.split('\n');
    for (let index = 0; index < physical.length; index += 1) {
      const raw = physical[index]!.replace(/\r$/, '');
      const lineNumber = index + 1;
      if (raw.trim() === '') continue;
      if (!raw.startsWith(' ')) {
        section = raw.trim();
        state = { section };
        current = undefined;
        if (SOURCE_SECTIONS.has(section) || section === 'DEPENDENCIES' || section === 'PLATFORMS') sawSection = true;
        continue;
      }
      const indent = raw.length - raw.trimStart().length;
      const body = raw.trim();
      if (SOURCE_SECTIONS.has(section)) {
        if (indent === 2) {
          const colon = body.indexOf(': ');
          if (body.startsWith('remote: ')) state.remote ??= body.slice('remote: '.length);
          else if (body.startsWith('revision: ')) state.revision = body.slice('revision: '.length);
          else if (body !== 'specs:' && colon === -1 && !body.endsWith(':')) {
            warnings.push(`line ${lineNumber}: "${body.slice(0, 80)}" in ${section} is not understood; ignored`);
          }
          continue;
        }
        if (indent === 4) {
          const { name, version } = splitNameVersion(body);
          if (version === undefined || version === '' || name === '') {
            warnings.push(`line ${lineNumber}: "${body.slice(0, 80)}" is not name (version); ignored`);
            current = undefined;
            continue;
          }
          const id = `${name}@${version}`;
          const known = specById.get(id);
          if (known !== undefined) {
            // Another platform's build of the same version: one package, declared at its first line.
            current = known;
            continue;
          }
          current = { id, name, version, line: lineNumber, dependencyNames: [], ...describeSource(state) };
          specById.set(id, current);
          specs.push(current);
          if (section === 'PATH' && (state.remote === '.' || state.remote === './')) project ??= { name, version };
          continue;
        }
        if (indent === 6 && current !== undefined) {
          current.dependencyNames.push(splitNameVersion(body).name);
          continue;
        }
        warnings.push(`line ${lineNumber}: "${body.slice(0, 80)}" is not understood; ignored`);
        continue;
      }
      if (section === 'DEPENDENCIES' && indent === 2) {
        // A trailing `!` marks a gem from a git or path source; the name is the same.
        directNames.push(splitNameVersion(body.replace(/!$/, '')).name);
        continue;
      }
      if (section === 'CHECKSUMS' && indent === 2) {
        const space = body.lastIndexOf(') ');
        const { name, version } = splitNameVersion(space === -1 ? body : body.slice(0, space + 1));
        if (version === undefined) continue;
        const key = `${name}@${version}`;
        const list = checksums.get(key) ?? [];
        list.push(space === -1 ? undefined : parseChecksum(body.slice(space + 2)));
        checksums.set(key, list);
      }
    }
    if (!sawSection && text.trim() !== '') {
      throw new LockfileError('not a Gemfile.lock: no GEM, GIT, PATH, PLATFORMS or DEPENDENCIES section', 1);
    }

    const idsByName = new Map<string, string[]>();
    for (const spec of specs) {
      const ids = idsByName.get(spec.name);
      if (ids === undefined) idsByName.set(spec.name, [spec.id]);
      else ids.push(spec.id);
    }
    const resolve = (name: string): readonly string[] => {
      const ids = idsByName.get(name) ?? [];
      return ids.length > MAX_VERSIONS_PER_NAME ? [] : ids;
    };

    const packages: ParsedPackage[] = specs.map((spec) => {
      const dependencies = new Set<string>();
      for (const name of spec.dependencyNames) for (const id of resolve(name)) if (id !== spec.id) dependencies.add(id);
      // Several checksums of one version are several platform builds: none is *the* gem's hash.
      const digests = checksums.get(spec.id);
      const hash = digests?.length === 1 ? digests[0] : undefined;
      return {
        id: spec.id,
        ecosystem: 'RubyGems',
        name: spec.name,
        version: spec.version,
        line: spec.line,
        dependencies: [...dependencies],
        ...(hash !== undefined ? { hashes: [hash] } : {}),
        ...(spec.resolved !== undefined ? { resolved: spec.resolved } : {}),
        ...(spec.local ? { local: true } : {}),
      };
    });

    const gemfileName = posix.basename(context.path) === 'gems.locked' ? 'gems.rb' : 'Gemfile';
    const gemfile = context.readRelative(gemfileName);
    const developmentGems = gemfile === undefined ? undefined : readDevelopmentGems(gemfile, gemfileName, warnings);
    const roots: RootDependency[] = [];
    const rooted = new Set<string>();
    for (const name of directNames) {
      // Gems for other platforms (`wdm` on Windows) are direct but not locked here: nothing to audit.
      const scope: DependencyScope = developmentGems?.has(name) === true ? 'development' : 'runtime';
      for (const id of resolve(name)) {
        if (rooted.has(id)) continue;
        rooted.add(id);
        roots.push({ id, scope });
      }
    }
    return { format: 'Gemfile.lock', packages, roots, ...(project !== undefined ? { project } : {}), warnings };
  },
};

/**
 * The gems every `gem` line of the Gemfile puts only in development or test
 * groups, by following `group … do` / `end` blocks line by line. Gemfiles are
 * Ruby: when the blocks do not balance (a one-line block, a `{ }` block, code
 * this reading does not follow), it gives up with a warning and every direct
 * gem stays runtime, which over-reports rather than hides.
 */
function readDevelopmentGems(text: string, fileName: string, warnings: string[]): Set<string> | undefined {
  const stack: Array<string[] | undefined> = [];
  const declarations = new Map<string, boolean[]>();
  const physical = text.split('\n');
  for (let index = 0; index < physical.length; index += 1) {
    const line = stripRubyComment(physical[index]!).trim();
    if (line === '') continue;
    const opensBlock = /\bdo(\s*\|[^|]*\|)?$/.test(line);
    if (/^group\b/.test(line) && opensBlock) {
      stack.push(groupNames(line.replace(/\bdo(\s*\|[^|]*\|)?$/, '')));
      continue;
    }
    if (opensBlock || /^(if|unless|case|while|until|begin|def|class|module)\b/.test(line)) {
      stack.push(undefined);
      continue;
    }
    if (/^end\b/.test(line)) {
      if (stack.length === 0) return giveUp(fileName, warnings);
      stack.pop();
      continue;
    }
    const gem = /^gem[\s(]+["']([^"']+)["'](.*)$/.exec(line);
    if (gem === null) continue;
    const inline = /(?:\bgroups?:|:groups?\s*=>)\s*(\[[^\]]*\]|%[iIwW]\[[^\]]*\]|:\w+|["']\w+["'])/.exec(gem[2]!);
    const groups = [...stack.flatMap((frame) => frame ?? []), ...(inline === null ? [] : groupNames(inline[1]!))];
    const development = groups.length > 0 && groups.every((group) => DEVELOPMENT_GROUPS.has(group));
    const list = declarations.get(gem[1]!) ?? [];
    list.push(development);
    declarations.set(gem[1]!, list);
  }
  if (stack.length !== 0) return giveUp(fileName, warnings);
  const development = new Set<string>();
  for (const [name, flags] of declarations) if (flags.every(Boolean)) development.add(name);
  return development;
}

function giveUp(fileName: string, warnings: string[]): undefined {
  warnings.push(`${fileName}: its blocks could not be followed; every direct gem is treated as runtime`);
  return undefined;
}

/** `:development, :test`, `[:test]`, `"test"`, `%i[development test]` → the group names (not `:optional => true` keys). */
function groupNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/(?<![\w:]):(\w+)\b(?!\s*=>)|["'](\w+)["']|%[iIwW]\[([^\]]*)\]/g)) {
    if (match[3] !== undefined) names.push(...match[3].split(/\s+/).filter((name) => name !== ''));
    else names.push(match[1] ?? match[2]!);
  }
  return names;
}

/** Drops a `#` comment that is not inside a string literal. */
function stripRubyComment(line: string): string {
  let quote: string | undefined;
  for (let at = 0; at < line.length; at += 1) {
    const char = line[at]!;
    if (quote !== undefined) {
      if (char === '\\') at += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#') {
      return line.slice(0, at);
    }
  }
  return line;
}
