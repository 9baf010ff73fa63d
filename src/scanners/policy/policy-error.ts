import { UsageError } from '../../core/errors.js';

/** Longest problem text kept in the one-line message; a CEL error can quote a whole expression. */
const MAX_PROBLEM_CHARS = 300;

/**
 * A policy the gate cannot use as written: a bad CEL condition, an unknown
 * key, an invalid exception. It is a UsageError (exit 2, no stack trace) whose
 * one-line message names where in the policy the problem is, e.g.
 * `policy.rules[1] (python-injection).when.cel: unknown field "sevrity"`.
 */
export class PolicyError extends UsageError {
  /** Where in the policy, as the key path a reviewer would look for. */
  readonly where: string;
  /** What is wrong there, without the location. */
  readonly problem: string;

  constructor(where: string, problem: string) {
    const flat = problem.replace(/\s+/g, ' ').trim();
    const short = flat.length > MAX_PROBLEM_CHARS ? `${flat.slice(0, MAX_PROBLEM_CHARS - 1)}…` : flat;
    super(`${where}: ${short}`);
    this.where = where;
    this.problem = short;
  }
}
