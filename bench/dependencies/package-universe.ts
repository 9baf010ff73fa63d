/**
 * A seeded registry of releases with dependencies that form a DAG, from which
 * the npm and pnpm lockfile generators install a project. Names are ranked:
 * a release only depends on names ranked after its own, so the graph has no
 * cycles, and the last fifth (small utilities) is depended on by many, so a
 * tree has the shared packages and conflicting majors real ones have.
 */
import { distinctNames, npmName, semverVersion } from './package-names.js';
import { Rng, BASE64 } from '../secrets/random.js';

export interface Dependency {
  name: string;
  version: string;
  /** The range the dependent asks for (`^1.2.3`), which `version` satisfies. */
  spec: string;
  optional: boolean;
}

export interface Release {
  name: string;
  version: string;
  rank: number;
  dependencies: Dependency[];
  /** An optional peer the dependent leaves to the project (`peerDependenciesMeta.optional`). */
  optionalPeer?: { name: string; spec: string };
  integrity: string;
  license?: string;
  engines?: string;
  bin: boolean;
  installScript: boolean;
  funding?: string;
}

/**
 * Real packages at versions real advisories (the fixtures in
 * __tests__/fixtures/osv/npm) name as vulnerable, so a generated project has
 * the findings of a real one beside the generated advisories.
 */
export const REAL_VULNERABLE: ReadonlyArray<readonly [string, string]> = [
  ['lodash', '4.17.20'], ['minimist', '1.2.5'], ['minimist', '0.0.8'], ['semver', '5.7.1'], ['semver', '7.5.1'],
  ['qs', '6.5.2'], ['json5', '1.0.1'], ['json5', '2.2.1'], ['ansi-regex', '5.0.0'], ['ansi-regex', '4.1.0'],
  ['glob-parent', '5.1.1'], ['minimatch', '3.0.4'], ['word-wrap', '1.2.3'], ['tough-cookie', '4.1.2'],
  ['ws', '5.2.2'], ['node-fetch', '2.6.0'], ['tar', '4.4.13'], ['braces', '3.0.2'], ['micromatch', '4.0.5'],
  ['path-to-regexp', '0.1.7'], ['body-parser', '1.20.1'], ['send', '0.18.0'], ['serve-static', '1.15.0'],
  ['cookie', '0.5.0'], ['nth-check', '1.0.2'], ['postcss', '8.4.27'], ['ip', '1.1.8'], ['follow-redirects', '1.15.2'],
  ['axios', '0.21.1'], ['express', '4.18.2'], ['jsonwebtoken', '8.5.1'], ['moment', '2.29.1'], ['handlebars', '4.7.6'],
  ['marked', '4.0.9'], ['decode-uri-component', '0.2.0'], ['xml2js', '0.4.23'], ['yaml', '2.2.1'],
  ['loader-utils', '2.0.3'], ['trim-newlines', '3.0.0'], ['normalize-url', '4.5.0'], ['hosted-git-info', '2.8.8'],
  ['ua-parser-js', '0.7.28'], ['node-forge', '0.10.0'], ['undici', '5.21.0'], ['got', '11.8.3'], ['jose', '2.0.6'],
  ['engine.io', '6.2.0'], ['socket.io-parser', '4.2.1'], ['@babel/traverse', '7.22.5'], ['webpack-dev-middleware', '5.3.3'],
  ['ansi-html', '0.0.7'], ['dicer', '0.3.0'],
];

const LICENSES = ['MIT', 'MIT', 'MIT', 'MIT', 'MIT', 'MIT', 'MIT', 'ISC', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'BSD-2-Clause', '0BSD', 'BlueOak-1.0.0', '(MIT OR Apache-2.0)', 'MIT AND ISC'];

function integrity(rng: Rng): string {
  // A few old packages are published with sha1 only.
  if (rng.chance(0.03)) return `sha1-${rng.string(BASE64, 27)}=`;
  return `sha512-${rng.string(BASE64, 86)}==`;
}

function rangeFor(rng: Rng, version: string): string {
  const roll = rng.next();
  if (roll < 0.75) return `^${version}`;
  if (roll < 0.88) return `~${version}`;
  if (roll < 0.97) return version;
  const major = Number(version.split('.')[0]);
  return `>=${version} <${major + 1}.0.0`;
}

export class PackageUniverse {
  readonly names: string[];
  readonly releases = new Map<string, Release[]>();
  private readonly rng: Rng;

  /**
   * `names` names in rank order; each has one to three releases of
   * different majors, the newest first.
   */
  constructor(seed: string, names: number, realReleases: ReadonlyArray<readonly [string, string]> = []) {
    this.rng = new Rng(seed);
    const rng = this.rng;
    const realNames = [...new Set(realReleases.map(([name]) => name))];
    const generated = distinctNames(rng, names - realNames.length, npmName, new Set(realNames));
    // Real packages are utilities: they join the popular last fifth, spread through it.
    const popularStart = Math.floor(generated.length * 0.8);
    this.names = generated.slice(0, popularStart);
    const popular = generated.slice(popularStart);
    const step = Math.max(1, Math.floor(popular.length / Math.max(1, realNames.length)));
    let real = 0;
    for (let i = 0; i < popular.length || real < realNames.length; i++) {
      if (i % step === 0 && real < realNames.length) this.names.push(realNames[real++]!);
      if (i < popular.length) this.names.push(popular[i]!);
    }

    const count = this.names.length;
    this.names.forEach((name, rank) => {
      const fixed = realReleases.filter(([n]) => n === name).map(([, v]) => v);
      const versions = fixed.length > 0 ? fixed : this.versionsFor();
      this.releases.set(
        name,
        versions.map((version) => ({
          name,
          version,
          rank,
          dependencies: [],
          integrity: integrity(rng),
          ...(rng.chance(0.98) ? { license: rng.pick(LICENSES) } : {}),
          ...(rng.chance(0.5) ? { engines: `>=${rng.pick(['0.10', '4', '6', '8', '10', '12', '14', '16', '18'])}` } : {}),
          bin: rng.chance(0.05),
          installScript: rng.chance(0.01),
          ...(rng.chance(0.08) ? { funding: `https://github.com/sponsors/${name.replace(/^@/, '').split('/')[0]}` } : {}),
        })),
      );
    });

    // Dependencies, after every release exists. Real packages stay leaves
    // (their own dependencies would be generated names, which is no better).
    const realSet = new Set(realNames);
    for (const [rank, name] of this.names.entries()) {
      if (realSet.has(name)) continue;
      for (const release of this.releases.get(name)!) {
        const fraction = rank / count;
        const wanted =
          fraction < 0.3 ? rng.int(3, 16) : fraction < 0.8 ? (rng.chance(0.15) ? 0 : rng.int(1, 8)) : rng.chance(0.6) ? 0 : rng.int(1, 2);
        const chosen = new Set<string>();
        for (let k = 0; k < wanted * 3 && chosen.size < wanted; k++) {
          const low = rank + 1;
          if (low >= count) break;
          const target =
            rng.chance(0.5) || fraction >= 0.8
              ? rng.int(Math.max(low, Math.floor(count * 0.8)), count - 1)
              : rng.int(low, Math.min(count - 1, rank + Math.floor(count * 0.3)));
          const depName = this.names[target]!;
          if (chosen.has(depName)) continue;
          chosen.add(depName);
          const options = this.releases.get(depName)!;
          const pick = rng.chance(0.7) ? options[0]! : rng.pick(options);
          release.dependencies.push({ name: depName, version: pick.version, spec: rangeFor(rng, pick.version), optional: rng.chance(0.02) });
        }
        release.dependencies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        if (rng.chance(0.03)) release.optionalPeer = { name: rng.pick(this.names.slice(0, Math.floor(count * 0.05))), spec: '*' };
      }
    }
  }

  private versionsFor(): string[] {
    const rng = this.rng;
    const n = rng.chance(0.6) ? 1 : rng.chance(0.75) ? 2 : 3;
    const newestMajor = rng.chance(0.25) ? 0 : rng.int(1, rng.chance(0.8) ? 6 : 20);
    const out: string[] = [];
    for (let i = 0; i < n && newestMajor - i >= 0; i++) out.push(semverVersion(rng, newestMajor - i));
    return out;
  }

  /** The release of `name` at `version`. */
  release(name: string, version: string): Release {
    const found = this.releases.get(name)?.find((r) => r.version === version);
    if (!found) throw new Error(`no release ${name}@${version}`);
    return found;
  }

  /** The registry tarball URL npm records in `resolved`. */
  static tarball(name: string, version: string): string {
    const base = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
    return `https://registry.npmjs.org/${name}/-/${base}-${version}.tgz`;
  }

  /** Shuffled candidates for direct dependencies: the top-ranked names (frameworks, tools) first. */
  directCandidates(rng: Rng): string[] {
    const top = this.names.slice(0, Math.floor(this.names.length * 0.35));
    for (let i = top.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [top[i], top[j]] = [top[j]!, top[i]!];
    }
    return top;
  }
}
