import type { CustomRuleConfig, SecretsAllowlistConfig, SecretsSection } from '../../../core/config/sections/secrets.js';

/** A regular expression as data: JavaScript source and flags (from "imsu"). */
export interface RegexSpec {
  source: string;
  flags: string;
}

/**
 * A detector as plain data, from the config's `secrets.rules` or imported from
 * a .gitleaks.toml; the engine turns it into a SecretRule. `regex` is
 * JavaScript syntax (imports are translated from Go RE2). The secret is the
 * group `secretGroup` names or numbers, else the named group `secret`, else
 * the whole match.
 */
export type CustomRuleSpec = CustomRuleConfig & {
  /**
   * Path regular expressions: the rule only runs on a file whose
   * repository-relative path matches one. Only imports set it (a gitleaks rule
   * carries a `path` regex); the config uses `paths` globs.
   */
  pathPatterns?: RegexSpec[];
  /** Allowlists scoped to this rule (gitleaks `[[rules.allowlists]]`). */
  allowlists?: AllowlistSpec[];
  /** Where the rule came from, for messages: `.gitleaks.toml` or the config file. */
  origin?: string;
};

/**
 * What a finding is allowed (not reported) by. The config's
 * `secrets.allowlist` has the first three keys; imports may set the rest.
 * With `condition: 'or'` (the default) any one criterion that is given
 * allows the finding; with `'and'` every criterion given must hold.
 */
export type AllowlistSpec = SecretsAllowlistConfig & {
  description?: string;
  /** Path regular expressions, as gitleaks writes them (translated to JavaScript). */
  pathPatterns?: RegexSpec[];
  /** Value regular expressions with flags, as gitleaks writes them (translated); `values` holds the config's. */
  valuePatterns?: RegexSpec[];
  /** What `values` and `valuePatterns` are matched against: the secret (default), the whole regex match, or the line. */
  valueTarget?: 'secret' | 'match' | 'line';
  /** Commits (full or abbreviated ids) whose findings are allowed; only meaningful for history scans. */
  commits?: string[];
  condition?: 'or' | 'and';
  /** When set, the allowlist applies only to findings of these rules. */
  ruleIds?: string[];
};

/** The config's own rules and allowlist, tagged with where they came from. */
export function specsFromConfig(
  section: Pick<SecretsSection, 'rules' | 'allowlist'>,
  origin: string,
): { rules: CustomRuleSpec[]; allowlists: AllowlistSpec[] } {
  const { paths, values, stopwords } = section.allowlist;
  const hasAllowlist = paths.length > 0 || values.length > 0 || stopwords.length > 0;
  return {
    rules: section.rules.map((rule) => ({ ...rule, origin })),
    allowlists: hasAllowlist ? [{ paths, values, stopwords }] : [],
  };
}
