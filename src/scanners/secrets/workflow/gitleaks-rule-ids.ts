/**
 * gitleaks rule ids (from its default config, config/gitleaks.toml) that have
 * an obvious equivalent among our built-in rules, so a `.gitleaksignore` entry
 * or an `[extend] disabledRules` written for gitleaks applies to our finding
 * of the same credential. Ids without an entry are compared as they are.
 *
 * The right-hand side must name built-in rule ids (src/scanners/secrets/rules);
 * keep the two in step when a rule is added or renamed.
 */
export const GITLEAKS_RULE_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = {
  'aws-access-token': ['aws-access-key-id'],
  'github-pat': ['github-pat-classic'],
  'github-fine-grained-pat': ['github-fine-grained-pat'],
  'github-oauth': ['github-oauth-access-token'],
  'github-app-token': ['github-installation-access-token', 'github-user-to-server-token'],
  'github-refresh-token': ['github-refresh-token'],
  'gitlab-pat': ['gitlab-personal-access-token'],
  'gitlab-pat-routable': ['gitlab-personal-access-token-routable'],
  'gitlab-ptt': ['gitlab-pipeline-trigger-token'],
  'gitlab-rrt': ['gitlab-runner-registration-token'],
  'gitlab-runner-authentication-token': ['gitlab-runner-authentication-token'],
  'gitlab-deploy-token': ['gitlab-deploy-token'],
  'slack-bot-token': ['slack-bot-token'],
  'slack-user-token': ['slack-user-token'],
  'slack-app-token': ['slack-app-level-token'],
  'slack-webhook-url': ['slack-incoming-webhook-url', 'slack-workflow-webhook-url'],
  'slack-config-access-token': ['slack-config-access-token'],
  'slack-config-refresh-token': ['slack-config-refresh-token'],
  'stripe-access-token': ['stripe-live-secret-key', 'stripe-live-restricted-key'],
  'npm-access-token': ['npm-access-token'],
  'pypi-upload-token': ['pypi-api-token'],
  'gcp-api-key': ['google-api-key'],
  'openai-api-key': ['openai-legacy-api-key'],
  'anthropic-api-key': ['anthropic-api-key'],
  'anthropic-admin-api-key': ['anthropic-admin-key'],
  'sendgrid-api-token': ['sendgrid-api-key'],
  'twilio-api-key': ['twilio-api-key'],
  'heroku-api-key': ['heroku-api-key'],
  'heroku-api-key-v2': ['heroku-api-key-v2'],
  'digitalocean-pat': ['digitalocean-personal-access-token'],
  'digitalocean-access-token': ['digitalocean-oauth-access-token'],
  'digitalocean-refresh-token': ['digitalocean-oauth-refresh-token'],
  'hashicorp-tf-api-token': ['terraform-cloud-api-token'],
  'vault-service-token': ['vault-service-token'],
  'vault-batch-token': ['vault-batch-token'],
  'azure-ad-client-secret': ['azure-entra-client-secret'],
  'huggingface-access-token': ['huggingface-access-token'],
  'huggingface-organization-api-token': ['huggingface-org-api-token'],
  'age-secret-key': ['age-secret-key'],
  '1password-secret-key': ['onepassword-secret-key'],
  '1password-service-account-token': ['onepassword-service-account-token'],
  'private-key': [
    'private-key-rsa',
    'private-key-ec',
    'private-key-dsa',
    'private-key-pkcs8',
    'private-key-pkcs8-encrypted',
    'private-key-pem-encrypted',
    'private-key-pgp',
  ],
  jwt: ['jwt', 'jwt-unsigned'],
  'generic-api-key': ['generic-secret-assignment'],
};

/** Our rule ids for a gitleaks rule id: its equivalents, else the id itself. */
export function ourRuleIdsFor(
  gitleaksRuleId: string,
  equivalents: Readonly<Record<string, readonly string[]>> = GITLEAKS_RULE_EQUIVALENTS,
): readonly string[] {
  return Object.hasOwn(equivalents, gitleaksRuleId) ? (equivalents[gitleaksRuleId] as readonly string[]) : [gitleaksRuleId];
}

/** True when a rule id written for gitleaks designates our rule `ruleId` (an equivalent, or the same id). */
export function gitleaksRuleIdMatches(
  gitleaksRuleId: string,
  ruleId: string,
  equivalents: Readonly<Record<string, readonly string[]>> = GITLEAKS_RULE_EQUIVALENTS,
): boolean {
  return gitleaksRuleId === ruleId || ourRuleIdsFor(gitleaksRuleId, equivalents).includes(ruleId);
}
