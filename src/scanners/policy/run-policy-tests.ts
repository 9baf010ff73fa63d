/**
 * Runs a policy's own `tests:` (sample findings → the decision expected), as
 * `opa test` and `conftest verify` run theirs, so a change to the policy is
 * reviewed with the tests it passes.
 *
 * Each test is decided in enforce mode whatever the policy's `mode`: mode says
 * whether a failing policy stops the run, the tests say what the rules decide,
 * and moving from warn to enforce must not change what they expect. Exceptions
 * apply with their dates as of `today`, so a test that relies on an
 * exception starts failing when the exception expires, which is the point.
 * Tests have no SBOM: licence lists are not exercised by them.
 */
import type { CompiledPolicy, CompiledPolicyTest } from './compile-policy.js';
import { evaluatePolicy } from './evaluate-policy.js';
import type { PolicyDecision, PolicyResult } from './policy-result.js';

export interface PolicyTestResult {
  index: number;
  /** `policy.tests[0]`. */
  where: string;
  name: string;
  expected: PolicyDecision;
  actual: PolicyDecision;
  passed: boolean;
  /** Why the policy decided as it did: the decision's reasons, then each finding's outcome and reason. */
  why: string[];
}

export interface PolicyTestRun {
  passed: number;
  failed: number;
  results: PolicyTestResult[];
}

function describeFindings(result: PolicyResult): string[] {
  return result.findings.map((decision, index) => {
    const finding = decision.finding;
    const where = finding.location ? ` at ${finding.location.path}` : '';
    return `findings[${index}] ${finding.ruleId}${where}: ${decision.outcome} — ${decision.reasons[0] ?? decision.message}`;
  });
}

function runOne(policy: CompiledPolicy, test: CompiledPolicyTest, today: string): PolicyTestResult {
  const result = evaluatePolicy(test.findings, policy, { today });
  const actual = result.decision;
  const passed = actual === test.expect;
  const verdict = passed ? `decided ${actual}, as expected` : `expected ${test.expect}, but the policy decided ${actual}`;
  return {
    index: test.index,
    where: test.where,
    name: test.name,
    expected: test.expect,
    actual,
    passed,
    why: [verdict, ...result.reasons, ...describeFindings(result)],
  };
}

/** Runs every test of `policy`; a test never throws, it passes or fails with reasons. */
export function runPolicyTests(policy: CompiledPolicy, options: { today: string }): PolicyTestRun {
  const enforcing: CompiledPolicy = { ...policy, mode: 'enforce' };
  const results = policy.tests.map((test) => runOne(enforcing, test, options.today));
  const passed = results.filter((result) => result.passed).length;
  return { passed, failed: results.length - passed, results };
}
