/**
 * A denied or unknown licence as a finding, so it reaches SARIF, the report
 * and exceptions like any other. Policy rules do not apply to these: the
 * licence lists decide them (denied fails, unknown warns).
 */
import type { Finding } from '../../core/findings.js';
import { computeFingerprint } from '../../core/fingerprint.js';
import { scoreForSeverity } from '../../core/severity.js';
import type { LicenseCheck } from './license-check.js';
import { ecosystemNamed, viewPackage } from './package-spec.js';
import type { SbomPackage } from './policy-result.js';

export const LICENSE_DENIED_RULE = 'policy/license-denied';
export const LICENSE_UNKNOWN_RULE = 'policy/license-unknown';

function describePackage(pkg: SbomPackage): string {
  return pkg.version ? `${pkg.name}@${pkg.version}` : pkg.name;
}

/** The finding for a licence that is not allowed; undefined for an allowed one. */
export function licenseFinding(pkg: SbomPackage, check: LicenseCheck): Finding | undefined {
  if (check.verdict === 'allowed') return undefined;
  const denied = check.verdict === 'denied';
  const ruleId = denied ? LICENSE_DENIED_RULE : LICENSE_UNKNOWN_RULE;
  const ecosystem =
    ecosystemNamed(pkg.ecosystem) ?? (pkg.purl ? viewPackage({ ecosystem: '', name: pkg.name, purl: pkg.purl }).ecosystem : undefined);
  const identity = pkg.purl ?? `${ecosystem ?? pkg.ecosystem ?? ''}/${describePackage(pkg)}`;
  const severity = denied ? 'high' : 'low';
  return {
    tool: 'devsecops',
    ruleId,
    severity,
    score: scoreForSeverity(severity),
    message: denied
      ? `${describePackage(pkg)} is licensed under a licence the policy does not allow: ${check.reason}.`
      : `The licence of ${describePackage(pkg)} cannot be checked against the policy: ${check.reason}.`,
    fingerprint: computeFingerprint(['policy-license', ruleId, identity]),
    tags: ['license'],
    package: {
      ecosystem: ecosystem ?? pkg.ecosystem ?? '',
      name: pkg.name,
      ...(pkg.version ? { version: pkg.version } : {}),
      ...(pkg.purl ? { purl: pkg.purl } : {}),
    },
    properties: { license: check.expression ?? pkg.license ?? null, verdict: check.verdict },
  };
}
