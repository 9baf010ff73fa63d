/**
 * What the Python lockfiles share (poetry.lock, uv.lock, pdm.lock, and the
 * hashes of Pipfile.lock and requirements files): artifact hashes, source
 * descriptions, and finding the locked versions of a name.
 */
import type { PackageHash } from '../types.js';
import { normalizePythonName } from './python-names.js';

const ALGORITHMS: Record<string, PackageHash['algorithm']> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

const HEX_LENGTH: Record<PackageHash['algorithm'], number> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-384': 96,
  'SHA-512': 128,
};

/** Reads `sha256:<hex>` (pip, Poetry, uv, pdm spelling); undefined when it is not a known algorithm with hex of the right length. */
export function parseHashString(value: string): PackageHash | undefined {
  const colon = value.indexOf(':');
  if (colon === -1) return undefined;
  const algorithm = ALGORITHMS[value.slice(0, colon).trim().toLowerCase()];
  const hex = value.slice(colon + 1).trim().toLowerCase();
  if (algorithm === undefined || hex.length !== HEX_LENGTH[algorithm] || !/^[0-9a-f]+$/.test(hex)) return undefined;
  return { algorithm, hex };
}

/**
 * The package hash from the hashes of its artifacts (one per wheel and sdist).
 * Only a single artifact's hash is a hash *of the package*: with several, each
 * identifies a different file, and listing them all as the package's hashes
 * would tell an SBOM reader that one file has several SHA-256 values, which no
 * verifier can satisfy. So several artifacts give no package hash.
 */
export function singleArtifactHash(artifactHashes: readonly string[]): PackageHash[] | undefined {
  if (artifactHashes.length !== 1) return undefined;
  const hash = parseHashString(artifactHashes[0]!);
  return hash === undefined ? undefined : [hash];
}

/** True for a path that names an archive (a wheel or sdist file) rather than a project folder. */
export function isArchivePath(path: string): boolean {
  return /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar\.xz|egg)$/i.test(path);
}

/** A git source as one string, `git+<url>#<commit>`, the spelling npm lockfiles use for the same thing. */
export function describeGitSource(url: string, commit: string | undefined): string {
  const base = url.startsWith('git+') ? url : `git+${url}`;
  return commit === undefined || commit === '' ? base : `${base}#${commit}`;
}

/** Files a locked version under its PEP 503 name, for resolveName. */
export function addIdByName(idsByName: Map<string, string[]>, name: string, id: string): void {
  const key = normalizePythonName(name);
  const ids = idsByName.get(key);
  if (ids === undefined) idsByName.set(key, [id]);
  else ids.push(id);
}

/**
 * A lockfile may hold a few versions of one name (marker-split resolutions)
 * without saying which one a dependent uses; each is linked. Past this many,
 * the file is not one a resolver wrote, and linking all would make the graph
 * grow with the square of the file.
 */
const MAX_VERSIONS_PER_NAME = 8;

/** The ids a dependency on `name` may point at, by PEP 503 name. */
export function resolveName(idsByName: ReadonlyMap<string, readonly string[]>, name: string): readonly string[] {
  const ids = idsByName.get(normalizePythonName(name)) ?? [];
  return ids.length > MAX_VERSIONS_PER_NAME ? [] : ids;
}
