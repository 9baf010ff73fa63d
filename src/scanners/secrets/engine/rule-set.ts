import type { Logger } from '../../../core/logger.js';
import { explainFalsePositive } from '../filters/index.js';
import type { SecretRule } from '../rule.js';
import { compileRules, type CompiledRules } from './compile-rules.js';
import { customRuleToSecretRule, type CustomRuleSpec } from './custom-rule.js';

/**
 * Which rules to run, as plain data: worker threads cannot be sent RegExps or
 * functions, so each one rebuilds the rule set from this.
 */
export interface RuleSetSpec {
  /** Run the built-in rules (default true). */
  builtin?: boolean;
  /** Ids of built-in rules to leave out. */
  disabledRuleIds?: readonly string[];
  /** Rules from the config (or imported), run with the built-in ones. */
  customRules?: readonly CustomRuleSpec[];
  /** Drop the matches the false-positive filters explain (default true). */
  falsePositiveFilters?: boolean;
}

/**
 * Builds and compiles the rule set a spec describes. A bad custom rule throws
 * a one-line UsageError naming it; a disabled id that matches no rule is a
 * warning (a rule renamed in a later version must not break a config).
 */
export async function loadRuleSet(spec: RuleSetSpec, logger?: Logger): Promise<CompiledRules> {
  let rules: SecretRule[] = [];
  if (spec.builtin !== false) {
    // Loaded on demand: a rule set of custom rules alone does not parse every vendor rule.
    const { BUILTIN_RULES } = await import('../rules/index.js');
    rules = [...BUILTIN_RULES];
  }
  for (const custom of spec.customRules ?? []) rules.push(customRuleToSecretRule(custom));
  const disabled = new Set(spec.disabledRuleIds ?? []);
  if (disabled.size > 0) {
    const known = new Set(rules.map((rule) => rule.id));
    for (const id of disabled) {
      if (!known.has(id)) logger?.warning(`Secrets: the disabled rule "${id}" does not exist; check the id in "disable"`);
    }
    rules = rules.filter((rule) => !disabled.has(rule.id));
  }
  return compileRules(rules, spec.falsePositiveFilters === false ? {} : { explainFalsePositive });
}
