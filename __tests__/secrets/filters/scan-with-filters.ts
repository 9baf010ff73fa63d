import type { SecretRule } from '../../../src/scanners/secrets/rule.js';
import { explainFalsePositive } from '../../../src/scanners/secrets/filters/index.js';
import { referenceMatches } from '../support/reference-match.js';

export interface Outcome {
  ruleId: string;
  secret: string;
  /** Why the false-positive gate dropped it; undefined when it is kept. */
  droppedBecause: string | undefined;
}

/** The line of `text` where `secret` starts (the engine passes this as `lineText`). */
function lineOf(text: string, secret: string): string {
  const at = text.indexOf(secret);
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Every rule over `text` with the reference matcher, then the false-positive gate, as the engine does. */
export function scan(rules: readonly SecretRule[], text: string, path = 'src/app/config.txt'): Outcome[] {
  return rules.flatMap((rule) =>
    referenceMatches(rule, text).map((secret) => ({
      ruleId: rule.id,
      secret,
      droppedBecause: explainFalsePositive({ rule, secret, path, lineText: lineOf(text, secret) }),
    })),
  );
}

/** The secrets that survive the gate. */
export function kept(rules: readonly SecretRule[], text: string, path?: string): string[] {
  return scan(rules, text, path)
    .filter((o) => o.droppedBecause === undefined)
    .map((o) => o.secret);
}
