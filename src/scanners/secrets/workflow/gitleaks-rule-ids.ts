/**
 * gitleaks rule ids (from its default config, config/gitleaks.toml) that have
 * an obvious equivalent among our built-in rules, so a `.gitleaksignore` entry
 * or an `[extend] disabledRules` written for gitleaks applies to our finding
 * of the same credential. Ids without an entry are compared as they are.
 *
 * The right-hand side must name built-in rule ids (src/scanners/secrets/rules);
 * keep the two in step when a rule is added or renamed.
 */
export const GITLEAKS_RULE_EQUIVALENTS: Readonly<Record<string, string>> = {
  'aws-access-token': 'aws-access-key-id',
  'github-pat': 'github-pat-classic',
  'github-fine-grained-pat': 'github-pat-fine-grained',
  'github-oauth': 'github-oauth-token',
  'github-app-token': 'github-app-token',
  'github-refresh-token': 'github-refresh-token',
  'gitlab-pat': 'gitlab-pat',
  'slack-bot-token': 'slack-bot-token',
  'slack-user-token': 'slack-user-token',
  'slack-webhook-url': 'slack-webhook-url',
  'stripe-access-token': 'stripe-secret-key',
  'npm-access-token': 'npm-access-token',
  'pypi-upload-token': 'pypi-api-token',
  'gcp-api-key': 'google-api-key',
  'openai-api-key': 'openai-api-key',
  'anthropic-api-key': 'anthropic-api-key',
  'sendgrid-api-token': 'sendgrid-api-key',
  'private-key': 'private-key',
  jwt: 'jwt',
  'generic-api-key': 'generic-api-key',
};

/** Our rule id for a gitleaks rule id: the equivalent when there is one, else the id itself. */
export function ourRuleIdFor(gitleaksRuleId: string, equivalents: Readonly<Record<string, string>> = GITLEAKS_RULE_EQUIVALENTS): string {
  return Object.hasOwn(equivalents, gitleaksRuleId) ? (equivalents[gitleaksRuleId] as string) : gitleaksRuleId;
}

/** True when a rule id written for gitleaks designates our rule `ruleId` (equivalent or identical). */
export function gitleaksRuleIdMatches(
  gitleaksRuleId: string,
  ruleId: string,
  equivalents: Readonly<Record<string, string>> = GITLEAKS_RULE_EQUIVALENTS,
): boolean {
  return gitleaksRuleId === ruleId || ourRuleIdFor(gitleaksRuleId, equivalents) === ruleId;
}
