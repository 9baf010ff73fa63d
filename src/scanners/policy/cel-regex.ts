/**
 * Keeps `matches()` in CEL conditions from hanging the gate.
 *
 * CEL specifies RE2, which runs in linear time; the CEL library runs
 * `matches()` with JavaScript's backtracking RegExp instead, and cannot be
 * given another engine (its built-in overload cannot be replaced). Paths and
 * messages come from the change under review, so a pattern such as
 * `^(.*\/)*legacy/` would let a crafted file name stall the gate for minutes
 * (measured: 4.7 s at 28 path segments, doubling with each more).
 *
 * So, when a policy first uses `matches()`:
 *  - V8's linear-time engine (the one behind the `l` flag) is switched on as
 *    a fallback for any RegExp that backtracks more than
 *    REGEXP_BACKTRACKS_BEFORE_FALLBACK steps. It gives the same answers; the
 *    pattern above then takes 0.03 ms. V8's flags are process-wide, but only
 *    a RegExp already stuck backtracking ever changes engine.
 *  - Each pattern must be a string literal (one built from finding data
 *    could be chosen by whoever wrote that data) and must be one the linear
 *    engine can run: no lookaround, no backreferences, counted repeats up to
 *    V8's bound. Those are not RE2 either, so a portable pattern never hits
 *    this.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's default is 50,000, about 1.3 ms per match on this machine: 13 s over 10,000 crafted findings. */
const REGEXP_BACKTRACKS_BEFORE_FALLBACK = 1000;

/** V8's flag for its linear-time engine; not standard, hence a constant rather than a literal flag. */
const LINEAR_FLAG = 'l';

let linearEngine: boolean | undefined;

/** Switches the fallback on (once) and tells whether V8 also accepts the `l` flag to check patterns. */
function enableLinearRegexEngine(): boolean {
  if (linearEngine === undefined) {
    setFlagsFromString('--enable-experimental-regexp-engine');
    setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
    setFlagsFromString(`--regexp-backtracks-before-fallback=${REGEXP_BACKTRACKS_BEFORE_FALLBACK}`);
    try {
      new RegExp('a', LINEAR_FLAG);
      linearEngine = true;
    } catch {
      // A Node whose V8 no longer has the flag: fall back to the syntax check below.
      linearEngine = false;
    }
  }
  return linearEngine;
}

/** What the linear engine cannot run, for a V8 without the `l` flag. */
const BACKTRACKING_ONLY = /\\[1-9]|\\k<|\(\?<?[=!]/;

function quote(pattern: string): string {
  return JSON.stringify(pattern.length > 80 ? `${pattern.slice(0, 79)}…` : pattern);
}

/** Why `pattern` cannot be used in `matches()`, or undefined when it can. */
export function checkMatchesPattern(pattern: string): string | undefined {
  // First, so no RegExp of the policy is ever compiled without the fallback.
  const linear = enableLinearRegexEngine();
  try {
    new RegExp(pattern);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '') : String(error);
    const hint = /\(\?[a-zA-Z]+[):]/.test(pattern)
      ? ' (inline flags such as (?i) are RE2 syntax that JavaScript lacks: lower-case the text with lowerAscii() instead)'
      : '';
    return `matches(): ${quote(pattern)} is not a valid regular expression: ${detail}${hint}`;
  }
  let linearOk: boolean;
  try {
    linearOk = linear ? (new RegExp(pattern, LINEAR_FLAG), true) : !BACKTRACKING_ONLY.test(pattern);
  } catch {
    linearOk = false;
  }
  if (!linearOk) {
    return `matches(): ${quote(pattern)} cannot be matched in linear time (lookaround, backreferences and counted repeats over 16 are not allowed)`;
  }
  return undefined;
}

/** The problem message for a `matches()` whose pattern is not a literal. */
export const NON_LITERAL_PATTERN =
  'matches(): the pattern must be a string literal (a pattern taken from finding data could take exponential time)';
