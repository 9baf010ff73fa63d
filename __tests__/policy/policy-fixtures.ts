import { parse as parseYaml } from 'yaml';
import { policySectionSchema } from '../../src/core/config/sections/policy.js';
import type { Finding } from '../../src/core/findings.js';
import { scoreForSeverity, type Severity } from '../../src/core/severity.js';
import { compilePolicy, type CompiledPolicy, type CompilePolicyOptions } from '../../src/scanners/policy/compile-policy.js';

/** The day the tests run on, as far as exceptions are concerned. */
export const TODAY = '2026-06-15';

let counter = 0;

/** A finding as the SARIF reader would hand it over; fields not given take plain defaults. */
export function finding(overrides: Partial<Finding> & { severity?: Severity; path?: string } = {}): Finding {
  const { path, ...rest } = overrides;
  const severity = rest.severity ?? 'medium';
  counter++;
  return {
    tool: 'devsecops',
    ruleId: 'test/rule',
    severity,
    score: scoreForSeverity(severity),
    message: 'a finding',
    fingerprint: `fp-${counter}`,
    tags: [],
    ...(path ? { location: { path, startLine: 1 } } : {}),
    ...rest,
  };
}

/** The `policy` section as a user writes it in YAML, validated and compiled. */
export function compileYaml(yaml: string, options: CompilePolicyOptions = {}): CompiledPolicy {
  return compilePolicy(policySectionSchema.parse(parseYaml(yaml) ?? {}), options);
}

/** A section from an object, validated and compiled. */
export function compileObject(section: unknown, options: CompilePolicyOptions = {}): CompiledPolicy {
  return compilePolicy(policySectionSchema.parse(section), options);
}

/**
 * The policy the issue shows (rules, thresholds, exceptions), unindented, so
 * tests embed it at the top level of a policy file or under `policy:`.
 */
export const ISSUE_POLICY_CORE = `mode: enforce
rules:
  - id: no-new-high
    when: { severity: high, new: true }
    action: fail
    message: New high-severity findings must be fixed before merge.
  - id: python-injection
    when: { tool: semgrep, cel: 'finding.ruleId.startsWith("python.") && finding.severity >= 5.0' }
    action: fail
thresholds:
  - { severity: high, max: 5 }
exceptions:
  - match: { ruleId: "javascript.express.security.audit.xss", path: "legacy/**" }
    reason: Legacy admin UI, replaced in Q1.
    owner: "@octo-org/web"
    expires: 2027-03-31
`;

/** Indents every line of a YAML block, to nest it under a key. */
export function indentYaml(text: string, spaces = 2): string {
  return text.replace(/^(?=.)/gm, ' '.repeat(spaces));
}
