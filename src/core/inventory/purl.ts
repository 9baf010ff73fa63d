import { PackageURL } from 'packageurl-js';
import type { Ecosystem } from './types.js';

/** The purl type of each OSV ecosystem (purl-spec PURL-TYPES). */
const PURL_TYPE: Record<Ecosystem, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Packagist: 'composer',
  Maven: 'maven',
  NuGet: 'nuget',
  Pub: 'pub',
  Hex: 'hex',
};

/** Splits an ecosystem's package name into purl namespace and name. */
function splitName(ecosystem: Ecosystem, name: string): [namespace: string | undefined, name: string] {
  const cut = (separator: string): [string | undefined, string] => {
    const at = name.lastIndexOf(separator);
    return at > 0 ? [name.slice(0, at), name.slice(at + 1)] : [undefined, name];
  };
  switch (ecosystem) {
    case 'npm':
      return name.startsWith('@') ? cut('/') : [undefined, name];
    case 'Go':
    case 'Packagist':
      return cut('/');
    case 'Maven':
      return cut(':');
    default:
      return [undefined, name];
  }
}

/**
 * The package URL of a package (`pkg:npm/%40babel/core@7.24.0`), normalized
 * by the purl library the way the spec says per type (PyPI names lower-cased
 * with `-`, and so on), so SBOMs, SARIF and dependency submissions agree.
 */
export function purlOf(ecosystem: Ecosystem, name: string, version: string | undefined): string {
  const [namespace, shortName] = splitName(ecosystem, name);
  try {
    return new PackageURL(PURL_TYPE[ecosystem], namespace, shortName, version || undefined, undefined, undefined).toString();
  } catch {
    // A name the purl library refuses (it validates some types strictly) still gets an identifier.
    const path = [namespace, shortName].filter((part): part is string => Boolean(part)).map((part) => encodeURIComponent(part)).join('/');
    return `pkg:${PURL_TYPE[ecosystem]}/${path}${version ? `@${encodeURIComponent(version)}` : ''}`;
  }
}
