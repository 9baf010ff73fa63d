/**
 * The `package` condition: which package a finding is about, and optionally
 * which versions of it.
 *
 *   lodash                       the package named lodash, in any ecosystem
 *   lodash@<4.17.21              …at a version before 4.17.21
 *   @babel/core@>=7.0.0 <7.24.0  a scoped npm name: the version follows the last "@"
 *   pkg:pypi/django@>=4.0,<4.2.7 a purl: that ecosystem only (names compared as purls
 *                                normalize them), versions checked when the policy loads
 *
 * The range syntax is in version-range.ts; versions are ordered by the
 * finding's ecosystem. A finding without a version, or of an ecosystem with no
 * known ordering, never matches a condition with a range.
 */
import { PackageURL } from 'packageurl-js';
import type { Finding } from '../../core/findings.js';
import { purlOf } from '../../core/inventory/purl.js';
import { ECOSYSTEMS, type Ecosystem } from '../../core/inventory/types.js';
import { normalizePackageName } from '../dependencies/advisories/package-key.js';
import { firstInvalidVersion, isInRange, parseVersionRange, type VersionRange } from './version-range.js';

export interface PackageSpec {
  text: string;
  /** A plain name, compared after the finding's ecosystem normalizes both (PyPI's `-`/`_`/case). */
  name?: string;
  /** A purl without version: `pkg:type/namespace/name` as the purl library writes it. */
  purl?: string;
  /** The ecosystem of a purl's type, when it is one with a version ordering. */
  ecosystem?: Ecosystem;
  range?: VersionRange;
}

export class PackageSpecError extends Error {
  override readonly name = 'PackageSpecError';
}

/** purl-spec types of the OSV ecosystems, the other way round from src/core/inventory/purl.ts. */
const ECOSYSTEM_OF_PURL_TYPE: Readonly<Record<string, Ecosystem>> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  composer: 'Packagist',
  maven: 'Maven',
  nuget: 'NuGet',
  pub: 'Pub',
  hex: 'Hex',
};

const ECOSYSTEM_BY_LOWER_NAME: ReadonlyMap<string, Ecosystem> = new Map([
  ...ECOSYSTEMS.map((ecosystem): [string, Ecosystem] => [ecosystem.toLowerCase(), ecosystem]),
  ...Object.entries(ECOSYSTEM_OF_PURL_TYPE),
  ['crates', 'crates.io'],
  ['go', 'Go'],
  ['rubygems', 'RubyGems'],
]);

/** An ecosystem as other tools spell it (`pypi`, `cargo`, `golang`), in OSV spelling. */
export function ecosystemNamed(name: string | undefined): Ecosystem | undefined {
  return name === undefined ? undefined : ECOSYSTEM_BY_LOWER_NAME.get(name.toLowerCase());
}

function parsePurl(text: string): PackageURL {
  try {
    return PackageURL.fromString(text);
  } catch (error) {
    throw new PackageSpecError(`${JSON.stringify(text)} is not a valid purl (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** `pkg:type/namespace/name` without version, qualifiers or subpath. */
function purlWithoutVersion(purl: PackageURL): string {
  return new PackageURL(purl.type, purl.namespace, purl.name, undefined, undefined, undefined).toString();
}

/** Where the version part starts: the last `@` after the name's first character with no `/` after it. */
function versionSeparator(text: string, nameStart: number): number {
  const at = text.lastIndexOf('@');
  return at > nameStart && !text.slice(at + 1).includes('/') ? at : -1;
}

/** Reads a `package` condition; throws PackageSpecError with a one-line message. */
export function parsePackageSpec(text: string): PackageSpec {
  const trimmed = text.trim();
  const isPurl = /^pkg:/i.test(trimmed);
  // Qualifiers and subpath say nothing about which package it is.
  const base = isPurl ? trimmed.replace(/[?#].*$/s, '') : trimmed;
  const at = versionSeparator(base, isPurl ? 'pkg:'.length : 0);
  const namePart = at < 0 ? base : base.slice(0, at);
  const rangePart = at < 0 ? undefined : base.slice(at + 1);
  if (namePart === '' || (isPurl && namePart.length <= 'pkg:'.length)) throw new PackageSpecError(`${JSON.stringify(text)} names no package`);
  let range: VersionRange | undefined;
  if (rangePart !== undefined) {
    if (rangePart.trim() === '') throw new PackageSpecError(`${JSON.stringify(text)} has an "@" but no version range after it`);
    try {
      range = parseVersionRange(rangePart);
    } catch (error) {
      throw new PackageSpecError(error instanceof Error ? error.message : String(error));
    }
  }
  if (!isPurl) return { text, name: namePart, ...(range ? { range } : {}) };

  const purl = parsePurl(namePart);
  const ecosystem = ECOSYSTEM_OF_PURL_TYPE[purl.type];
  if (range && !ecosystem) {
    throw new PackageSpecError(
      `${JSON.stringify(text)}: purl type ${JSON.stringify(purl.type)} has no version ordering here (use one of ${Object.keys(ECOSYSTEM_OF_PURL_TYPE).join(', ')}), so a version range cannot be checked`,
    );
  }
  if (range && ecosystem) {
    const invalid = firstInvalidVersion(ecosystem, range);
    if (invalid !== undefined) throw new PackageSpecError(`${JSON.stringify(invalid)} in ${JSON.stringify(text)} is not a valid ${ecosystem} version`);
  }
  return { text, purl: purlWithoutVersion(purl), ...(ecosystem ? { ecosystem } : {}), ...(range ? { range } : {}) };
}

type PackageRef = NonNullable<Finding['package']>;

/**
 * Purls without version by the finding's own purl or its ecosystem and name.
 * The purl library parses through URL, the costliest step of a condition, and
 * 10,000 findings name a few hundred packages; dropped whole when full.
 */
const purlCache = new Map<string, string | null>();
const PURL_CACHE_LIMIT = 10_000;

function cachedPurl(key: string, build: () => string | undefined): string | undefined {
  let purl = purlCache.get(key);
  if (purl === undefined) {
    try {
      purl = build() ?? null;
    } catch {
      // A producer's broken purl, or a name the purl library refuses: no purl to compare.
      purl = null;
    }
    if (purlCache.size >= PURL_CACHE_LIMIT) purlCache.clear();
    purlCache.set(key, purl);
  }
  return purl ?? undefined;
}

/** What a finding's package looks like to `package` conditions; the purl is worked out only when a purl condition asks. */
export class PackageView {
  readonly ref: PackageRef;
  readonly ecosystem: Ecosystem | undefined;

  constructor(ref: PackageRef) {
    this.ref = ref;
    this.ecosystem = ecosystemNamed(ref.ecosystem) ?? (ref.purl ? ECOSYSTEM_OF_PURL_TYPE[purlType(ref.purl)] : undefined);
  }

  /** The finding's purl without version, from its own purl or from ecosystem and name. */
  get purl(): string | undefined {
    const { ref, ecosystem } = this;
    const own = ref.purl ? cachedPurl(`purl\u0000${ref.purl}`, () => purlWithoutVersion(PackageURL.fromString(ref.purl!))) : undefined;
    if (own !== undefined || !ecosystem) return own;
    return cachedPurl(`name\u0000${ecosystem}\u0000${ref.name}`, () => purlWithoutVersion(PackageURL.fromString(purlOf(ecosystem, ref.name, undefined))));
  }
}

/** The type of a purl string (`pkg:npm/…` → `npm`), lower-cased as the spec says, without parsing the rest. */
function purlType(purl: string): string {
  return /^pkg:\/*([A-Za-z.+-][A-Za-z0-9.+-]*)\//.exec(purl)?.[1]?.toLowerCase() ?? '';
}

export function viewPackage(ref: PackageRef): PackageView {
  return new PackageView(ref);
}

function sameName(spec: PackageSpec, view: PackageView): boolean {
  if (spec.purl !== undefined) return view.purl === spec.purl;
  const name = spec.name!;
  if (view.ref.name === name) return true;
  return view.ecosystem !== undefined && normalizePackageName(view.ecosystem, view.ref.name) === normalizePackageName(view.ecosystem, name);
}

/** True when the finding's package is the one `spec` names, at a version in its range if it has one. */
export function packageMatches(spec: PackageSpec, view: PackageView): boolean {
  if (!sameName(spec, view)) return false;
  if (!spec.range) return true;
  const ecosystem = spec.ecosystem ?? view.ecosystem;
  const version = view.ref.version;
  return ecosystem !== undefined && version !== undefined && version !== '' && isInRange(ecosystem, version, spec.range);
}

/** An ecosystem's package name from a purl's namespace and name (the reverse of src/core/inventory/purl.ts). */
function nameFromPurl(purl: PackageURL, ecosystem: Ecosystem | undefined): string {
  if (!purl.namespace) return purl.name;
  return ecosystem === 'Maven' ? `${purl.namespace}:${purl.name}` : `${purl.namespace}/${purl.name}`;
}

/**
 * The package of a hand-written finding (a policy test): a purl with a
 * version (`pkg:npm/lodash@4.17.20`) or `name@version` with the ecosystem
 * given beside it. Throws PackageSpecError.
 */
export function packageRefFromText(text: string, ecosystem: Ecosystem | undefined): PackageRef {
  const trimmed = text.trim();
  if (/^pkg:/i.test(trimmed)) {
    const purl = parsePurl(trimmed);
    const purlEcosystem = ECOSYSTEM_OF_PURL_TYPE[purl.type];
    return {
      ecosystem: purlEcosystem ?? ecosystem ?? purl.type,
      name: nameFromPurl(purl, purlEcosystem),
      ...(purl.version ? { version: purl.version } : {}),
      purl: purl.toString(),
    };
  }
  const at = versionSeparator(trimmed, 0);
  const name = at < 0 ? trimmed : trimmed.slice(0, at);
  const version = at < 0 ? undefined : trimmed.slice(at + 1).trim();
  if (name === '') throw new PackageSpecError(`${JSON.stringify(text)} names no package`);
  return { ecosystem: ecosystem ?? '', name, ...(version ? { version } : {}) };
}
