/**
 * Turns the validated `policy` section into what the gate evaluates: rules
 * and exceptions with compiled conditions, thresholds, licence lists and the
 * policy's own tests as findings. Everything that can be wrong with a policy
 * beyond its shape (a glob, a version range, a CEL condition, a licence id)
 * is found here, before any finding is looked at, and reported as a
 * PolicyError naming the key path: `policy.rules[2] (x).when.ruleId: …`.
 */
import type {
  PolicyException,
  PolicySection,
  PolicyTest,
  PolicyTestFinding,
} from '../../core/config/sections/policy.js';
import type { Finding } from '../../core/findings.js';
import { computeFingerprint } from '../../core/fingerprint.js';
import { scoreForSeverity, severityFromScore, type FailOn, type Severity } from '../../core/severity.js';
import { canonicalLicenseId, createLicenseChecker, type LicenseCheck, type LicenseLists } from './license-check.js';
import { compileMatcher, type CompiledMatcher } from './matcher.js';
import { PackageSpecError, packageRefFromText } from './package-spec.js';
import { PolicyError } from './policy-error.js';
import type { LoadedRego } from './rego.js';

export type PolicyMode = 'enforce' | 'warn';
export type RuleAction = 'fail' | 'warn' | 'ignore';

export interface CompiledRule {
  index: number;
  id: string;
  /** `policy.rules[0] (no-new-high)`. */
  where: string;
  action: RuleAction;
  message?: string;
  matcher: CompiledMatcher;
}

export interface CompiledException {
  index: number;
  /** `policy.exceptions[0]`. */
  where: string;
  exception: PolicyException;
  matcher: CompiledMatcher;
}

export interface CompiledThreshold {
  index: number;
  where: string;
  severity: Severity;
  /** true: only new findings count; false: only existing ones; undefined: all. */
  new?: boolean;
  max: number;
}

export interface CompiledLicenses {
  lists: LicenseLists;
  check(license: string | undefined): LicenseCheck;
  /** Leave out packages only development needs (`licenses.skip-development`). */
  skipDevelopment: boolean;
}

export interface CompiledPolicyTest {
  index: number;
  where: string;
  name: string;
  expect: 'pass' | 'warn' | 'fail';
  findings: Finding[];
}

export interface CompiledPolicy {
  /** Where the section is (`policy`, or a policy file's name), the start of every key path. */
  where: string;
  mode: PolicyMode;
  /** Decides findings no rule matches (see evaluate-policy.ts). */
  failOnSeverity: FailOn;
  rules: CompiledRule[];
  exceptions: CompiledException[];
  thresholds: CompiledThreshold[];
  licenses?: CompiledLicenses;
  tests: CompiledPolicyTest[];
  /** Warnings from compiling CEL conditions, each with its key path. */
  warnings: string[];
}

export interface CompilePolicyOptions {
  /** The start of key paths in errors; default `policy`. */
  where?: string;
  /** The resolved fail-on-severity (input, section, top level, action default); default the section's, else `none`. */
  failOnSeverity?: FailOn;
  /** The action's `mode` input, which overrides the section's. */
  mode?: PolicyMode;
  /** Rego modules of `rego:` conditions, by key path (loadRegoConditions). */
  rego?: ReadonlyMap<string, LoadedRego>;
}

/**
 * Loads the OPA modules `rego:` conditions name, keyed by the condition's key
 * path, for compilePolicy. Async because WebAssembly is; the OPA runtime is
 * only imported when a policy has such a condition.
 */
export async function loadRegoConditions(section: PolicySection, options: { baseDir: string; where?: string }): Promise<Map<string, LoadedRego>> {
  const where = options.where ?? 'policy';
  const loaded = new Map<string, LoadedRego>();
  const wanted: [string, NonNullable<PolicySection['rules'][number]['when']['rego']>][] = [];
  section.rules.forEach((rule, index) => {
    if (rule.when.rego) wanted.push([`${where}.rules[${index}] (${rule.id}).when.rego`, rule.when.rego]);
  });
  section.exceptions.forEach((exception, index) => {
    if (exception.match.rego) wanted.push([`${where}.exceptions[${index}].match.rego`, exception.match.rego]);
  });
  if (wanted.length === 0) return loaded;
  const { loadRegoCondition } = await import('./rego.js');
  for (const [key, condition] of wanted) {
    loaded.set(key, await loadRegoCondition(condition, { baseDir: options.baseDir, where: key }));
  }
  return loaded;
}

function compileLicenseList(ids: readonly string[], where: string): string[] {
  return ids.map((id, index) => {
    const canonical = canonicalLicenseId(id);
    if ('error' in canonical) throw new PolicyError(`${where}[${index}]`, canonical.error);
    return canonical.id;
  });
}

function compileLicenses(section: PolicySection, where: string): CompiledLicenses | undefined {
  const licenses = section.licenses;
  if (!licenses || (licenses.allow === undefined && licenses.deny === undefined)) return undefined;
  const lists: LicenseLists = {
    ...(licenses.allow ? { allow: compileLicenseList(licenses.allow, `${where}.licenses.allow`) } : {}),
    ...(licenses.deny ? { deny: compileLicenseList(licenses.deny, `${where}.licenses.deny`) } : {}),
  };
  return { lists, check: createLicenseChecker(lists), skipDevelopment: licenses['skip-development'] };
}

/** Checks what the config schema requires, for policies built in code rather than loaded. */
function requireExceptionFields(exception: PolicyException, where: string): void {
  const missing = (['reason', 'owner', 'expires'] as const).find((key) => typeof exception[key] !== 'string' || exception[key].trim() === '');
  if (missing) throw new PolicyError(`${where}.${missing}`, 'is required: every exception needs a reason, an owner and an expiry date');
  if (Object.keys(exception.match).length === 0) {
    throw new PolicyError(`${where}.match`, 'expected at least one condition (an empty match would except every finding)');
  }
}

function testFinding(finding: PolicyTestFinding, test: PolicyTest, where: string, index: number): Finding {
  const severity = typeof finding.severity === 'number' ? severityFromScore(finding.severity) : finding.severity;
  const score = finding.score ?? (typeof finding.severity === 'number' ? finding.severity : scoreForSeverity(finding.severity));
  let pkg: Finding['package'];
  if (finding.package !== undefined) {
    try {
      pkg = packageRefFromText(finding.package, finding.ecosystem);
    } catch (error) {
      if (error instanceof PackageSpecError) throw new PolicyError(`${where}.package`, error.message);
      throw error;
    }
  }
  return {
    tool: finding.tool ?? 'devsecops',
    ruleId: finding.ruleId,
    severity,
    score,
    message: finding.message ?? `${finding.ruleId} (policy test ${JSON.stringify(test.name)})`,
    ...(finding.path ? { location: { path: finding.path, startLine: finding.line ?? 1 } } : {}),
    fingerprint: finding.fingerprint ?? computeFingerprint(['policy-test', test.name, String(index)]),
    ...(finding.new !== undefined ? { isNew: finding.new } : {}),
    tags: finding.tags ?? [],
    ...(pkg ? { package: pkg } : {}),
    ...(finding.advisory ? { advisory: { id: finding.advisory, aliases: finding.aliases ?? [] } } : {}),
  };
}

/**
 * Compiles a validated policy section. Throws PolicyError (a UsageError) for
 * the first problem, naming its key path.
 */
export function compilePolicy(section: PolicySection, options: CompilePolicyOptions = {}): CompiledPolicy {
  const where = options.where ?? 'policy';
  const warnings: string[] = [];

  const rules = section.rules.map((rule, index): CompiledRule => {
    const ruleWhere = `${where}.rules[${index}] (${rule.id})`;
    const matcher = compileMatcher(rule.when, `${ruleWhere}.when`, options.rego);
    warnings.push(...matcher.warnings);
    return { index, id: rule.id, where: ruleWhere, action: rule.action, ...(rule.message ? { message: rule.message } : {}), matcher };
  });

  const exceptions = section.exceptions.map((exception, index): CompiledException => {
    const exceptionWhere = `${where}.exceptions[${index}]`;
    requireExceptionFields(exception, exceptionWhere);
    const matcher = compileMatcher(exception.match, `${exceptionWhere}.match`, options.rego);
    warnings.push(...matcher.warnings);
    return { index, where: exceptionWhere, exception, matcher };
  });

  const thresholds = section.thresholds.map(
    (threshold, index): CompiledThreshold => ({
      index,
      where: `${where}.thresholds[${index}]`,
      severity: threshold.severity,
      ...(threshold.new !== undefined ? { new: threshold.new } : {}),
      max: threshold.max,
    }),
  );

  const licenses = compileLicenses(section, where);

  const tests = section.tests.map((test, index): CompiledPolicyTest => {
    const testWhere = `${where}.tests[${index}]`;
    return {
      index,
      where: testWhere,
      name: test.name,
      expect: test.expect,
      findings: test.findings.map((finding, findingIndex) => testFinding(finding, test, `${testWhere}.findings[${findingIndex}]`, findingIndex)),
    };
  });

  return {
    where,
    mode: options.mode ?? section.mode,
    failOnSeverity: options.failOnSeverity ?? section['fail-on-severity'] ?? 'none',
    rules,
    exceptions,
    thresholds,
    ...(licenses ? { licenses } : {}),
    tests,
    warnings,
  };
}
