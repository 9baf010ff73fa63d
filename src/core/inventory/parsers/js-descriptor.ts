/**
 * How the JavaScript package managers spell a dependency: `name@range`
 * descriptors with scoped names, `npm:` aliases, and the non-registry sources
 * (git, tarball URLs, folders, workspaces) that carry no registry version.
 */

/** `name@range`, where the name may be scoped (`@scope/name@^1`); a bare name has an empty range. */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', 1);
  if (at === -1) return { name: descriptor, range: '' };
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/**
 * The package an `npm:` range really installs: `npm:string-width@^4.2.0`
 * (package.json's alias form) names another package; `npm:^4.2.0` (yarn
 * berry's default protocol) does not.
 */
export function parseNpmRange(range: string): { name?: string; range: string } | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const rest = range.slice(4);
  if (/^(@[^/@]+\/)?[^@/]+@/.test(rest)) {
    const { name, range: target } = splitDescriptor(rest);
    return { name, range: target };
  }
  return { range: rest };
}

/** The names in a nested path like bun's `serve-static/send/depd`, keeping scopes whole. */
export function splitNamePath(path: string): string[] {
  const names: string[] = [];
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i]!;
    if (part.startsWith('@') && i + 1 < parts.length) {
      names.push(`${part}/${parts[i + 1]}`);
      i += 1;
    } else {
      names.push(part);
    }
  }
  return names;
}

export type SourceKind = 'registry' | 'workspace' | 'folder' | 'git' | 'tarball';

export interface Source {
  kind: SourceKind;
  /** The version the spec pins: the registry version, or a git commit. */
  version?: string;
  /** Where the package comes from, for non-registry sources. */
  resolved?: string;
  /** For workspace and folder sources, the folder the spec names. */
  folder?: string;
}

const GIT_PREFIXES = ['git+', 'git:', 'git@', 'github:', 'gitlab:', 'bitbucket:', 'gist:'];
const FOLDER_PREFIXES = ['file:', 'link:', 'portal:'];

/**
 * What a resolved spec (the part after `name@` in a lockfile's resolution)
 * says about the package's source. Registry versions come back as they are;
 * a git spec's version is its commit, when the spec pins one.
 */
export function classifySource(spec: string): Source {
  if (spec.startsWith('workspace:')) return { kind: 'workspace', folder: spec.slice('workspace:'.length) };
  for (const prefix of FOLDER_PREFIXES) {
    if (spec.startsWith(prefix)) return { kind: 'folder', folder: spec.slice(prefix.length), resolved: spec };
  }
  if (GIT_PREFIXES.some((prefix) => spec.startsWith(prefix)) || /\.git(#|$)/.test(spec)) {
    const hash = spec.lastIndexOf('#');
    // yarn berry writes `#commit=<sha>`; npm and bun write the bare commit.
    const commit = hash === -1 ? undefined : spec.slice(hash + 1).replace(/^commit=/, '');
    return { kind: 'git', resolved: spec, ...(commit ? { version: commit } : {}) };
  }
  if (/^https?:\/\//.test(spec)) return { kind: 'tarball', resolved: spec };
  const npm = parseNpmRange(spec);
  return { kind: 'registry', version: npm ? npm.range : spec };
}
