/**
 * CEL conditions of policy rules (`when.cel`): compiled and type-checked once
 * when the policy loads, then evaluated on every finding.
 *
 * The library was chosen by measurement (bench/policy/cel-candidates.mjs, on
 * Node 20.20, 2 shared vCPUs; 10,000 findings; medians of 7 runs; figures vary
 * about 2× between runs on this loaded machine):
 *
 * | library                  | 4 conditions × 10k | `"cwe-79" in finding.tags` × 10k: compiled / parsed per call | type check at load | std functions | min (gzip) KB | deps |
 * | ------------------------ | ------------------ | ------------------------------------------------------------ | ------------------ | ------------- | ------------- | ---- |
 * | @marcbachmann/cel-js 8.0 | 23 ms              | 7 ms / 83 ms                                                 | yes (3 of 3)       | 10 of 10      | 80 (23)       | 0    |
 * | @bufbuild/cel 0.6.1      | 273 ms             | 56 ms / 1,690 ms                                             | no (not exported)  | 10 of 10      | 278 (69)      | 2    |
 * | cel-js 0.8.2 (ChromeGG)  | 519 ms*            | 51 ms / 404 ms                                               | no                 | 3 of 10       | 153 (45)      | 2    |
 *
 * (*) cel-js has no startsWith, endsWith, contains, matches, size() method or
 * timestamp(): two of the four conditions threw on every finding. Parsing per
 * call costs 8–30× the compiled evaluation, and bufbuild's one-shot `run()` is
 * 240× marcbachmann's compiled condition, so conditions are compiled exactly
 * once here. @marcbachmann/cel-js type-checks against a declared object type
 * (an unknown field, a method on the wrong type and a non-bool result are all
 * caught before any finding is seen), has no dependencies and runs on Node 20
 * (engines >=20.19). Its one gap, `matches()` on a backtracking RegExp, is
 * closed in cel-regex.ts. Through toPolicyFinding() and this module the four
 * conditions decide 10,000 core findings in about 50 ms (compile: 8 ms).
 */
import { Environment, type ASTNode, type ParseResult } from '@marcbachmann/cel-js';
import { checkMatchesPattern, NON_LITERAL_PATTERN } from './cel-regex.js';
import { PolicyError } from './policy-error.js';
import { POLICY_FINDING_CEL_TYPES, type PolicyFinding } from './policy-finding.js';

/** A condition longer than this is not a condition someone reviews; also bounds parse time. */
export const MAX_CEL_EXPRESSION_CHARS = 10_000;

export interface CompiledCondition {
  readonly expression: string;
  /** Where the condition is in the policy, e.g. `policy.rules[1] (python-injection).when.cel`. */
  readonly where: string;
  /**
   * True when the condition holds for `finding`. Never throws: a condition
   * that fails at run time (a missing `properties` key, a division by zero, a
   * non-bool result) counts as not matching and is recorded in `warning`, so
   * a broken condition neither passes silently nor stops the gate. The
   * finding is read as immutable: its CEL form is kept per object.
   */
  evaluate(finding: PolicyFinding): boolean;
  /**
   * Things that compile but probably do not mean what the author thinks,
   * found when the policy loads (without `where`), e.g. a has() that is
   * always true.
   */
  readonly warnings: readonly string[];
  /** How many evaluations failed at run time. */
  readonly failures: number;
  /** One line about the failures (their count and the first one), or undefined when there were none. */
  readonly warning: string | undefined;
}

let environment: Environment | undefined;

/** Built on first use: building an Environment is the expensive part of the library. */
function celEnvironment(): Environment {
  environment ??= new Environment().registerVariable({
    name: 'finding',
    schema: POLICY_FINDING_CEL_TYPES,
    description: 'The finding the policy rule is evaluated on (src/scanners/policy/policy-finding.ts).',
  });
  return environment;
}

const FIELD_LIST = Object.entries(POLICY_FINDING_CEL_TYPES)
  .map(([key, type]) => (typeof type === 'object' ? `${key}.{${Object.keys(type).join(',')}}` : key))
  .join(', ');

interface CelErrorLike {
  code?: unknown;
  summary?: unknown;
  range?: { start?: unknown };
}

/** One line for a library error; a missing key means a bad field at load time and a missing `properties` key at run time. */
function describeCelError(error: unknown, phase: 'compile' | 'run' = 'compile'): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as CelErrorLike;
  const summary = typeof e.summary === 'string' ? e.summary : error instanceof Error ? error.message : String(error);
  const text = summary.split('\n')[0] ?? summary;
  const column = typeof e.range?.start === 'number' ? ` at column ${e.range.start + 1}` : '';
  if (e.code === 'no_such_key') {
    const key = JSON.stringify(/^No such key: (.*)$/.exec(text)?.[1] ?? text);
    return phase === 'compile'
      ? `unknown field ${key}${column} (the finding has ${FIELD_LIST})`
      : `no key ${key}${column} (guard properties keys with has() or "in")`;
  }
  return `${text}${column}`;
}

function isAstNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value;
}

/** `finding.package.name` for a select chain rooted at the `finding` variable, else undefined. */
function findingPathOf(node: unknown): string[] | undefined {
  const names: string[] = [];
  let current = node;
  while (isAstNode(current) && current.op === '.') {
    names.unshift(current.args[1]);
    current = current.args[0];
  }
  return isAstNode(current) && current.op === 'id' && current.args === 'finding' ? names : undefined;
}

/**
 * has() on a declared field is always true: absent values are empty strings
 * and lists (policy-finding.ts). Only `properties` keys can be missing.
 */
function hasWarning(node: ASTNode): string | undefined {
  if (node.op !== 'call' || node.args[0] !== 'has') return undefined;
  const path = findingPathOf(node.args[1][0]);
  if (!path || path.length === 0 || (path[0] === 'properties' && path.length > 1)) return undefined;
  const text = ['finding', ...path].join('.');
  return `has(${text}) is always true: the finding's fields are always present, empty ("" or []) when unknown; compare with "" or use size() instead`;
}

interface AstReview {
  /** Why a `matches()` in the condition is unsafe or invalid. */
  problem?: string;
  warnings: string[];
}

/** Walks the condition once for unsafe `matches()` patterns and always-true has(). */
function reviewAst(root: ASTNode): AstReview {
  const review: AstReview = { warnings: [] };
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const item = pending.pop();
    if (Array.isArray(item)) {
      pending.push(...(item as unknown[]));
      continue;
    }
    if (!isAstNode(item)) continue;
    let pattern: unknown;
    let isMatches = false;
    if (item.op === 'rcall' && item.args[0] === 'matches') {
      isMatches = true;
      pattern = item.args[2][0];
    } else if (item.op === 'call' && item.args[0] === 'matches') {
      isMatches = true;
      pattern = item.args[1][1];
    }
    if (isMatches) {
      const problem =
        isAstNode(pattern) && pattern.op === 'value' && typeof pattern.args === 'string' ? checkMatchesPattern(pattern.args) : NON_LITERAL_PATTERN;
      if (problem) return { ...review, problem };
    }
    const warning = hasWarning(item);
    if (warning && !review.warnings.includes(warning)) review.warnings.push(warning);
    if (Array.isArray(item.args)) pending.push(item.args);
  }
  return review;
}

function parseAndCheck(expression: string, where: string): { parsed: ParseResult; warnings: string[] } {
  if (expression.trim() === '') throw new PolicyError(where, 'the CEL condition is empty');
  if (expression.length > MAX_CEL_EXPRESSION_CHARS) {
    throw new PolicyError(where, `the CEL condition is ${expression.length} characters long; the limit is ${MAX_CEL_EXPRESSION_CHARS}`);
  }
  let parsed: ParseResult;
  try {
    parsed = celEnvironment().parse(expression);
  } catch (error) {
    throw new PolicyError(where, `CEL syntax error: ${describeCelError(error)}`);
  }
  let checked: ReturnType<ParseResult['check']>;
  try {
    checked = parsed.check();
  } catch (error) {
    throw new PolicyError(where, `CEL type error: ${describeCelError(error)}`);
  }
  if (!checked.valid) throw new PolicyError(where, `CEL type error: ${describeCelError(checked.error)}`);
  // dyn (e.g. a `properties` value) may still be a bool at run time; anything else never is.
  if (checked.type !== 'bool' && checked.type !== 'dyn') {
    throw new PolicyError(where, `the CEL condition must be true or false, but its type is ${String(checked.type)}`);
  }
  const review = reviewAst(parsed.ast);
  if (review.problem) throw new PolicyError(where, review.problem);
  return { parsed, warnings: review.warnings };
}

/** The CEL variables for one finding; ints are BigInt in the library, and one finding is often asked by several rules. */
const activations = new WeakMap<PolicyFinding, { finding: unknown }>();

function activationOf(finding: PolicyFinding): { finding: unknown } {
  let activation = activations.get(finding);
  if (!activation) {
    activation = { finding: { ...finding, line: BigInt(finding.line) } };
    activations.set(finding, activation);
  }
  return activation;
}

function describeFinding(finding: PolicyFinding): string {
  const where = finding.path ? ` at ${finding.path}${finding.line > 0 ? `:${finding.line}` : ''}` : '';
  return `${finding.ruleId}${where}`;
}

/**
 * Parses and type-checks `expression` against the finding object
 * (policy-finding.ts). Throws PolicyError, one line starting with `where`,
 * for a syntax error, an unknown field, a type error, a result that is not a
 * bool, or an unsafe `matches()` pattern; never anything else.
 */
export function compileCondition(expression: string, where: string): CompiledCondition {
  let parsed: ParseResult;
  let warnings: string[];
  try {
    ({ parsed, warnings } = parseAndCheck(expression, where));
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    // A library bug or a stack overflow on a pathological expression: still the policy's problem to fix.
    throw new PolicyError(where, `the CEL condition cannot be compiled: ${describeCelError(error)}`);
  }
  let failures = 0;
  let firstFailure: string | undefined;
  const fail = (problem: string, finding: PolicyFinding): false => {
    failures++;
    if (firstFailure === undefined) {
      let subject: string;
      try {
        subject = describeFinding(finding);
      } catch {
        subject = 'a finding';
      }
      firstFailure = `${problem} (on ${subject})`;
    }
    return false;
  };
  return {
    expression,
    where,
    warnings,
    evaluate(finding: PolicyFinding): boolean {
      let value: unknown;
      try {
        value = parsed(activationOf(finding));
      } catch (error) {
        return fail(describeCelError(error, 'run'), finding);
      }
      if (value === true || value === false) return value;
      return fail(`the result is ${typeof value === 'object' && value !== null ? 'not a bool' : `${typeof value}, not a bool`}`, finding);
    },
    get failures() {
      return failures;
    },
    get warning() {
      if (failures === 0) return undefined;
      const count = failures === 1 ? '1 finding and did not match it' : `${failures} findings and did not match them`;
      return `${where}: the CEL condition failed on ${count}; first: ${firstFailure}`;
    },
  };
}
