import { UsageError } from '../../../core/errors.js';
import type { Severity } from '../../../core/severity.js';
import type { Confidence } from '../rule.js';
import { MIN_KEYWORD_LENGTH, type EngineRule } from './compile-rules.js';

/**
 * A rule as plain data, as the config's `secrets.rules` (and imports) give it:
 * it crosses to worker threads, where a RegExp or a function cannot go. The
 * config's own type (workflow/custom-rules.ts) is assignable to it; keys the
 * engine does not know (`paths`, `pathPatterns`, `allowlists`) are applied by
 * the workflow to the findings, not here.
 */
export interface CustomRuleSpec {
  id: string;
  /** For people; becomes the rule's title. */
  description?: string;
  /** JavaScript regular expression source. */
  regex: string;
  /** From "imsu". */
  flags?: string;
  /**
   * The capture group holding the secret (number or name; 0 is the whole
   * match). Default: the named group `secret`, else the whole match.
   */
  secretGroup?: number | string;
  /**
   * Literals, compared case-insensitively. Empty, or any shorter than 3
   * characters: the rule runs over the whole text (slower).
   */
  keywords?: readonly string[];
  /** Minimum Shannon entropy of the secret, bits per character. */
  entropy?: number;
  severity?: Severity;
  confidence?: Confidence;
  provider?: string;
  window?: { before: number; after: number };
  requires?: { ruleId: string; withinLines: number };
  /** Where the rule came from (`.github/devsecops.yml`, `.gitleaks.toml`), for messages. */
  origin?: string;
}

/** Rotation advice for a rule the project wrote itself: we cannot know the issuer. */
const CUSTOM_REMEDIATION = {
  revoke:
    'Revoke this credential with the system that issued it, issue a new one and store it in a secret store (for workflows, an encrypted GitHub secret) instead of the code.',
  docsUrl: 'https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions',
};

/**
 * Turns a custom rule into a SecretRule the engine runs. Throws a one-line
 * UsageError naming the rule when its flags are not allowed, its regex does
 * not compile or its secret group does not exist.
 *
 * Unbounded quantifiers are accepted (imported gitleaks rules are written for
 * RE2, which is linear, and use them freely): the window a pattern runs on
 * bounds how far a match can reach, and the time budget bounds a file. The
 * workflow can warn about them with `findUnboundedQuantifier`.
 */
export function customRuleToSecretRule(spec: CustomRuleSpec): EngineRule {
  const where = spec.origin ? ` (${spec.origin})` : '';
  const fail = (problem: string): never => {
    throw new UsageError(`Secrets rule "${spec.id}"${where}: ${problem}`);
  };
  const flags = spec.flags ?? '';
  if (!/^[imsu]*$/.test(flags)) fail(`flags ${JSON.stringify(flags)}: expected letters from "imsu"`);
  let pattern: RegExp;
  try {
    pattern = new RegExp(spec.regex, flags);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(`the regex does not compile (${message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')})`);
  }
  let secretGroup = spec.secretGroup;
  const probe = new RegExp(`(?:${spec.regex})|`, flags).exec('');
  if (secretGroup === undefined) secretGroup = probe?.groups && Object.hasOwn(probe.groups, 'secret') ? 'secret' : 0;
  else if (typeof secretGroup === 'number' && !(Number.isInteger(secretGroup) && secretGroup >= 0 && secretGroup < (probe?.length ?? 1))) {
    fail(`secretGroup ${secretGroup} does not exist (the regex has ${(probe?.length ?? 1) - 1} capture groups)`);
  } else if (typeof secretGroup === 'string' && !(probe?.groups && Object.hasOwn(probe.groups, secretGroup))) {
    fail(`secretGroup "${secretGroup}" does not exist in the regex`);
  }
  const keywords = [...new Set((spec.keywords ?? []).map((k) => k.toLowerCase()))];
  return {
    id: spec.id,
    title: spec.description ?? spec.id,
    provider: spec.provider ?? 'Custom',
    // A keyword too short to narrow anything down: the rule runs everywhere instead of missing matches.
    keywords: keywords.some((k) => k.length < MIN_KEYWORD_LENGTH) ? [] : keywords,
    pattern,
    ...(spec.window ? { window: spec.window } : {}),
    confidence: spec.confidence ?? 'medium',
    severity: spec.severity ?? 'high',
    ...(spec.entropy !== undefined ? { minEntropy: spec.entropy } : {}),
    ...(spec.requires ? { requires: spec.requires } : {}),
    remediation: CUSTOM_REMEDIATION,
    examples: { positive: [] },
    secretGroup,
  };
}

/**
 * The first unbounded quantifier (`*`, `+`, `{n,}`) in a regex source, outside
 * escapes and character classes, or undefined.
 */
export function findUnboundedQuantifier(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '*' || ch === '+') return ch;
    else if (ch === '{') {
      const open = /^\{\d+,\}/.exec(source.slice(i));
      if (open) return open[0];
    }
  }
  return undefined;
}
