import { computeFingerprint } from '../../core/fingerprint.js';
import type { Finding, RuleDescriptor } from '../../core/findings.js';
import type { InventoryLockfile, InventoryPackage, PathStep } from '../../core/inventory/inventory.js';
import type { Ecosystem } from '../../core/inventory/types.js';
import type { VulnerabilityGroup } from './advisories/index.js';

/** The rule id of a vulnerability: its display id, as code scanning shows it. */
export function ruleIdOf(group: VulnerabilityGroup): string {
  return group.displayId;
}

/** Where a reader can see the advisory. GHSA ids have GitHub's page; every id has osv.dev's. */
export function advisoryUrl(id: string): string {
  return id.startsWith('GHSA-') ? `https://github.com/advisories/${id}` : `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

const MAX_HELP_DETAILS_CHARS = 6_000;

/** One SARIF rule per vulnerability: what it is, how bad, where to read more, what to do. */
export function ruleForGroup(group: VulnerabilityGroup): RuleDescriptor {
  const record = group.records[0];
  const summary = group.summary ?? record?.summary?.trim() ?? `Known vulnerability ${group.displayId}`;
  const details = (record?.details ?? '').trim();
  const references = [...new Set(group.records.flatMap((r) => r.references.map((ref) => ref.url)))].slice(0, 12);
  const severity = group.severity;
  const help = [
    `**${group.displayId}**: ${summary}`,
    group.aliases.length > 0 ? `Also known as: ${group.aliases.join(', ')}.` : '',
    severity.unknown
      ? 'Severity: not stated by the advisory databases (shown as medium).'
      : `Severity: ${severity.band} (${severity.score.toFixed(1)}${severity.vector ? `, \`${severity.vector}\`` : `, from ${severity.source}`}).`,
    details.length > MAX_HELP_DETAILS_CHARS ? `${details.slice(0, MAX_HELP_DETAILS_CHARS)}…` : details,
    '**What to do**: upgrade the package to the fixed version named in the result (for a transitive dependency, upgrade the direct dependency that pulls it in, or pin it with your package manager\'s override mechanism). If no fix exists or the vulnerable code is not reachable, record an exclusion with a reason and an expiry date in `.github/devsecops.yml` (`dependencies.exclude.advisories`).',
    references.length > 0 ? `**References**\n\n${references.map((url) => `- ${url}`).join('\n')}` : '',
  ].filter(Boolean);
  return {
    id: ruleIdOf(group),
    name: group.displayId,
    shortDescription: summary.length > 1000 ? `${summary.slice(0, 999)}…` : summary,
    ...(details ? { fullDescription: details.length > 1000 ? `${details.slice(0, 999)}…` : details } : {}),
    helpMarkdown: help.join('\n\n'),
    helpUri: advisoryUrl(group.displayId),
    tags: ['security', 'vulnerability', 'dependency'],
    precision: 'very-high',
    score: severity.score,
    properties: {
      aliases: group.aliases,
      ...(severity.vector ? { cvssVector: severity.vector } : {}),
      severitySource: severity.source,
      ...(record?.published ? { published: record.published } : {}),
      ...(record?.modified ? { modified: record.modified } : {}),
    },
  };
}

/** How each ecosystem's package manager pins a transitive dependency. */
const OVERRIDE_HINT: Partial<Record<Ecosystem, string>> = {
  npm: '`overrides` (npm), `resolutions` (yarn) or `pnpm.overrides`',
  PyPI: 'a constraint in your requirements or lock tool',
  Go: 'a `require` of the fixed version in go.mod (`go get module@version`)',
  'crates.io': '`cargo update -p <crate> --precise <version>`',
  RubyGems: '`bundle update <gem> --conservative`',
  Packagist: '`composer update <package> --with-dependencies`',
  Maven: '`<dependencyManagement>`',
  NuGet: 'a direct `PackageReference` of the fixed version',
};

function describePath(path: readonly PathStep[]): string {
  return path.map((step) => step.name).join(' > ');
}

/** What the developer does next, from the fix version and how the package is pulled in. */
export function remediationFor(pkg: InventoryPackage, group: VulnerabilityGroup, paths: readonly PathStep[][], rootsKnown = true): string {
  const fix = group.fixedVersion;
  if (!fix) {
    return `No fixed version of ${pkg.name} is published for ${group.displayId}. Remove or replace ${pkg.name}, or, if the vulnerable code is not reachable, add an exclusion with a reason and an expiry date under dependencies.exclude.advisories in .github/devsecops.yml.`;
  }
  // osv-scanner's convention: the Go standard library is the package `stdlib`, fixed by a newer toolchain.
  if (pkg.ecosystem === 'Go' && pkg.name === 'stdlib') {
    return `Build with Go ${fix} or later (raise the \`toolchain\` or \`go\` line of go.mod and the Go version in CI); it fixes ${group.displayId}.`;
  }
  if (pkg.direct || !rootsKnown) return `Upgrade ${pkg.name} to ${fix} or later (the smallest version that fixes ${group.displayId}).`;
  const via = paths[0]?.[0]?.name;
  const override = OVERRIDE_HINT[pkg.ecosystem];
  return `${pkg.name} ${fix} fixes ${group.displayId}. Upgrade ${via && via !== pkg.name ? `${via} (which pulls it in)` : 'the dependency that pulls it in'} to a version that depends on ${pkg.name} >= ${fix}${override ? `, or pin it with ${override}` : ''}.`;
}

/** The key that tells whether a change introduced a vulnerability: the package name, not its version or line. */
export function introductionKeys(lockfile: string, pkg: InventoryPackage, group: VulnerabilityGroup): string[] {
  return [group.displayId, ...group.aliases].map((id) => `${lockfile}\u0000${pkg.ecosystem}\u0000${pkg.name}\u0000${id}`);
}

export function findingFor(
  lockfile: InventoryLockfile,
  pkg: InventoryPackage,
  group: VulnerabilityGroup,
  paths: readonly PathStep[][],
): Finding {
  const severity = group.severity;
  const kind = pkg.scope === 'runtime' ? 'dependency' : `${pkg.scope} dependency`;
  // Without roots (a yarn.lock with no package.json beside it) the lockfile cannot tell direct from transitive.
  const how = !lockfile.rootsKnown
    ? kind
    : pkg.direct
      ? `direct ${kind}`
      : paths.length > 0 && paths[0]!.length > 1
        ? `${pkg.scope === 'runtime' ? '' : `${pkg.scope}, `}via ${describePath(paths[0]!)}`
        : `transitive ${kind}`;
  const summary = group.summary ? `: ${group.summary.replace(/\.?$/, '.')}` : '.';
  return {
    tool: 'devsecops',
    ruleId: ruleIdOf(group),
    severity: severity.band,
    score: severity.score,
    message: `${pkg.name} ${pkg.version} (${pkg.ecosystem}, ${how}) is affected by ${group.displayId}${summary}${
      group.fixedVersion ? ` Fixed in ${group.fixedVersion}.` : ' No fixed version is published.'
    }${severity.unknown ? ' The advisory states no severity; shown as medium.' : ''}`,
    location: { path: lockfile.path, startLine: pkg.location.line },
    fingerprint: computeFingerprint(['dependency-audit', lockfile.path, pkg.ecosystem, pkg.name, pkg.version, group.displayId]),
    remediation: remediationFor(pkg, group, paths, lockfile.rootsKnown),
    tags: ['dependency', ...(lockfile.rootsKnown ? [pkg.direct ? 'direct' : 'transitive'] : []), pkg.scope],
    package: {
      ecosystem: pkg.ecosystem,
      name: pkg.name,
      version: pkg.version,
      purl: pkg.purl,
      ...(group.fixedVersion ? { fixedVersion: group.fixedVersion } : {}),
    },
    advisory: { id: group.displayId, aliases: group.aliases, url: advisoryUrl(group.displayId) },
    properties: {
      ecosystem: pkg.ecosystem,
      name: pkg.name,
      version: pkg.version,
      purl: pkg.purl,
      ...(lockfile.rootsKnown ? { direct: pkg.direct } : {}),
      scope: pkg.scope,
      lockfile: lockfile.path,
      aliases: group.aliases,
      ...(group.fixedVersion ? { fixedVersion: group.fixedVersion } : {}),
      ...(severity.vector ? { cvssVector: severity.vector } : {}),
      severitySource: severity.source,
      dependencyPaths: paths.map((p) => p.map((s) => `${s.name}@${s.version}`)),
    },
  };
}
