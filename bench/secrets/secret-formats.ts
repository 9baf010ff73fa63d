/**
 * Fake credentials in the real formats of their issuers, for the accuracy
 * corpus and the throughput corpus. Every value is random (from a seeded
 * generator) and has never been issued: the formats are public (vendor
 * prefixes, lengths, alphabets and, where the issuer has one, the checksum).
 */
import type { Rng } from './random.js';
import { ALNUM, BASE32, BASE64, BASE64URL, DIGITS, LETTERS, LOWER, LOWER_ALNUM, UPPER_ALNUM, base62, base64url, crc32 } from './random.js';

export interface SecretFormat {
  /** Our own name for the format (not a rule id of the scanner). */
  id: string;
  /** The issuer, as a person would name it. */
  provider: string;
  /** The variable or key a developer would keep it in (also the context medium-confidence rules need). */
  names: readonly string[];
  /** A fresh fake value. Multi-line values (PEM blocks) contain `\n`. */
  make(r: Rng): string;
  /**
   * How the value sits in code: `assign` (a variable holds it), `url` (the
   * value is a whole URL: webhook, connection string) or `block` (a
   * multi-line PEM block, written as is).
   */
  shape: 'assign' | 'url' | 'block';
}

/** `prefix` + 30 random base62 characters + their CRC32 in base62 (GitHub's and npm's token format). */
export function checksummedToken(r: Rng, prefix: string): string {
  const random = r.mixed(ALNUM, 30);
  return `${prefix}${random}${base62(crc32(random), 6)}`;
}

function pemBody(r: Rng, bytes: number, lead?: Buffer, width = 64): string {
  const body = lead ? Buffer.concat([lead, r.bytes(bytes - lead.length)]) : r.bytes(bytes);
  return body.toString('base64').replace(new RegExp(`.{1,${width}}`, 'g'), '$&\n').trimEnd();
}

function pem(label: string, body: string): string {
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

/** A DER SEQUENCE header, so the base64 body starts the way real keys do (`MII…`). */
function derLead(length: number, rest: number[]): Buffer {
  return Buffer.from([0x30, 0x82, (length >> 8) & 0xff, length & 0xff, ...rest]);
}

function jwt(r: Rng, payload: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  return `${header}.${base64url(JSON.stringify(payload))}.${r.string(BASE64URL, 43)}`;
}

function password(r: Rng, length: number): string {
  // Letters, digits and a few symbols that need no escaping in URLs or shells.
  for (;;) {
    const s = r.string(`${ALNUM}!%^*-_`, length);
    if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s)) return s;
  }
}

const ACCOUNT_WORDS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'stark', 'wayne', 'tyrell', 'cyberdyne'];

export const SECRET_FORMATS: readonly SecretFormat[] = [
  // --- Cloud providers and version control -----------------------------------------------
  { id: 'aws-access-key-id', provider: 'AWS', names: ['AWS_ACCESS_KEY_ID', 'aws_access_key_id', 'accessKeyId'], shape: 'assign', make: (r) => `AKIA${r.string(BASE32.replace(/[01]/g, ''), 16)}` },
  { id: 'aws-temporary-access-key-id', provider: 'AWS', names: ['AWS_ACCESS_KEY_ID', 'aws_access_key_id'], shape: 'assign', make: (r) => `ASIA${r.string(BASE32, 16)}` },
  { id: 'github-pat-classic', provider: 'GitHub', names: ['GITHUB_TOKEN', 'GH_TOKEN', 'githubToken'], shape: 'assign', make: (r) => checksummedToken(r, 'ghp_') },
  { id: 'github-oauth', provider: 'GitHub', names: ['GITHUB_OAUTH_TOKEN', 'oauthToken'], shape: 'assign', make: (r) => checksummedToken(r, 'gho_') },
  { id: 'github-app-user', provider: 'GitHub', names: ['GH_USER_TOKEN'], shape: 'assign', make: (r) => checksummedToken(r, 'ghu_') },
  { id: 'github-app-installation', provider: 'GitHub', names: ['GH_INSTALLATION_TOKEN', 'installationToken'], shape: 'assign', make: (r) => checksummedToken(r, 'ghs_') },
  { id: 'github-refresh', provider: 'GitHub', names: ['GH_REFRESH_TOKEN'], shape: 'assign', make: (r) => checksummedToken(r, 'ghr_') },
  { id: 'github-pat-fine-grained', provider: 'GitHub', names: ['GITHUB_PAT', 'GH_PAT'], shape: 'assign', make: (r) => `github_pat_11${r.string(UPPER_ALNUM, 20)}_${r.mixed(ALNUM, 59)}` },
  { id: 'gitlab-pat', provider: 'GitLab', names: ['GITLAB_TOKEN', 'CI_JOB_PAT', 'gitlabToken'], shape: 'assign', make: (r) => `glpat-${r.mixed(`${ALNUM}_-`, 20)}` },
  { id: 'gitlab-runner', provider: 'GitLab', names: ['RUNNER_TOKEN', 'runner_token'], shape: 'assign', make: (r) => `glrt-${r.mixed(`${ALNUM}_-`, 20)}` },
  { id: 'gitlab-trigger', provider: 'GitLab', names: ['TRIGGER_TOKEN'], shape: 'assign', make: (r) => `glptt-${r.hex(40)}` },
  { id: 'gitlab-deploy', provider: 'GitLab', names: ['GITLAB_DEPLOY_TOKEN'], shape: 'assign', make: (r) => `gldt-${r.mixed(`${ALNUM}_-`, 20)}` },
  { id: 'bitbucket-app-password', provider: 'Bitbucket', names: ['BITBUCKET_APP_PASSWORD'], shape: 'assign', make: (r) => `ATBB${r.mixed(ALNUM, 32)}${r.hex(8).toUpperCase()}` },
  { id: 'azure-storage-connection', provider: 'Azure', names: ['AZURE_STORAGE_CONNECTION_STRING', 'StorageConnection'], shape: 'url', make: (r) => `DefaultEndpointsProtocol=https;AccountName=${r.pick(ACCOUNT_WORDS)}${r.string(LOWER_ALNUM, 6)};AccountKey=${r.bytes(64).toString('base64')};EndpointSuffix=core.windows.net` },
  { id: 'azure-ad-client-secret', provider: 'Azure', names: ['AZURE_CLIENT_SECRET', 'ClientSecret'], shape: 'assign', make: (r) => `${r.mixed(ALNUM, 3)}8Q~${r.mixed(`${ALNUM}_~.-`, 34)}` },
  { id: 'azure-devops-pat', provider: 'Azure DevOps', names: ['AZURE_DEVOPS_PAT', 'AZDO_PERSONAL_ACCESS_TOKEN'], shape: 'assign', make: (r) => r.string('abcdefghijklmnopqrstuvwxyz234567', 52) },
  { id: 'gcp-api-key', provider: 'Google Cloud', names: ['GOOGLE_API_KEY', 'MAPS_API_KEY', 'apiKey'], shape: 'assign', make: (r) => `AIza${r.mixed(`${ALNUM}_-`, 35)}` },
  { id: 'gcp-oauth-client-secret', provider: 'Google Cloud', names: ['GOOGLE_CLIENT_SECRET', 'client_secret'], shape: 'assign', make: (r) => `GOCSPX-${r.mixed(`${ALNUM}_-`, 28)}` },
  { id: 'digitalocean-pat', provider: 'DigitalOcean', names: ['DIGITALOCEAN_TOKEN', 'DO_TOKEN'], shape: 'assign', make: (r) => `dop_v1_${r.hex(64)}` },
  { id: 'digitalocean-oauth', provider: 'DigitalOcean', names: ['DO_OAUTH_TOKEN'], shape: 'assign', make: (r) => `doo_v1_${r.hex(64)}` },
  { id: 'alibaba-access-key-id', provider: 'Alibaba Cloud', names: ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY'], shape: 'assign', make: (r) => `LTAI${r.mixed(ALNUM, 20)}` },
  { id: 'heroku-api-key', provider: 'Heroku', names: ['HEROKU_API_KEY'], shape: 'assign', make: (r) => r.uuid() },
  { id: 'flyio-token', provider: 'Fly.io', names: ['FLY_API_TOKEN'], shape: 'assign', make: (r) => `fo1_${r.mixed(`${ALNUM}_-`, 43)}` },
  { id: 'vault-service-token', provider: 'HashiCorp Vault', names: ['VAULT_TOKEN', 'vault_token'], shape: 'assign', make: (r) => `hvs.${r.mixed(`${ALNUM}_-`, 92)}` },
  { id: 'terraform-cloud-token', provider: 'HashiCorp Terraform Cloud', names: ['TFE_TOKEN', 'TF_TOKEN_app_terraform_io'], shape: 'assign', make: (r) => `${r.mixed(ALNUM, 14)}.atlasv1.${r.mixed(`${ALNUM}_-`, 67)}` },
  { id: 'doppler-token', provider: 'Doppler', names: ['DOPPLER_TOKEN'], shape: 'assign', make: (r) => `dp.pt.${r.mixed(ALNUM, 43)}` },
  { id: 'onepassword-service-account', provider: '1Password', names: ['OP_SERVICE_ACCOUNT_TOKEN'], shape: 'assign', make: (r) => `ops_${base64url(JSON.stringify({ signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: r.string(BASE64URL, 22) }, email: `${r.string(LOWER, 10)}@1passwordserviceaccounts.com`, srpX: r.hex(64), muk: { alg: 'A256GCM', ext: true, k: r.string(BASE64URL, 43), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' }, secretKey: `A3-${r.string(UPPER_ALNUM, 6)}-${r.string(UPPER_ALNUM, 11)}`, throttleSecret: { seed: r.hex(64), deviceUuid: r.string(LOWER_ALNUM, 26) }, deviceUuid: r.string(LOWER_ALNUM, 26) }))}` },
  { id: 'databricks-token', provider: 'Databricks', names: ['DATABRICKS_TOKEN'], shape: 'assign', make: (r) => `dapi${r.hex(32)}` },
  { id: 'cloudflare-api-token', provider: 'Cloudflare', names: ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'], shape: 'assign', make: (r) => r.mixed(`${ALNUM}_-`, 40) },
  { id: 'tailscale-auth-key', provider: 'Tailscale', names: ['TS_AUTHKEY', 'TAILSCALE_AUTH_KEY'], shape: 'assign', make: (r) => `tskey-auth-k${r.mixed(ALNUM, 16)}-${r.mixed(ALNUM, 33)}` },
  { id: 'jfrog-api-key', provider: 'JFrog', names: ['ARTIFACTORY_API_KEY', 'JFROG_API_KEY'], shape: 'assign', make: (r) => `AKCp${r.mixed(ALNUM, 69)}` },
  { id: 'nuget-api-key', provider: 'NuGet', names: ['NUGET_API_KEY'], shape: 'assign', make: (r) => `oy2${r.string(LOWER_ALNUM, 43)}` },
  // --- Package registries -------------------------------------------------------------------
  { id: 'npm-token', provider: 'npm', names: ['NPM_TOKEN', '//registry.npmjs.org/:_authToken'], shape: 'assign', make: (r) => checksummedToken(r, 'npm_') },
  { id: 'pypi-token', provider: 'PyPI', names: ['PYPI_API_TOKEN', 'TWINE_PASSWORD', 'password'], shape: 'assign', make: (r) => `pypi-AgEIcHlwaS5vcmc${r.mixed(BASE64URL, 150)}` },
  { id: 'rubygems-api-key', provider: 'RubyGems', names: ['GEM_HOST_API_KEY', 'RUBYGEMS_API_KEY'], shape: 'assign', make: (r) => `rubygems_${r.hex(48)}` },
  { id: 'dockerhub-pat', provider: 'Docker', names: ['DOCKERHUB_TOKEN', 'DOCKER_PASSWORD'], shape: 'assign', make: (r) => `dckr_pat_${r.mixed(`${ALNUM}_-`, 27)}` },
  { id: 'clojars-token', provider: 'Clojars', names: ['CLOJARS_DEPLOY_TOKEN'], shape: 'assign', make: (r) => `CLOJARS_${r.string(LOWER_ALNUM, 60)}` },
  // --- Payments and commerce ----------------------------------------------------------------
  { id: 'stripe-secret-key', provider: 'Stripe', names: ['STRIPE_SECRET_KEY', 'stripeSecretKey', 'stripe.api_key'], shape: 'assign', make: (r) => `sk_live_${r.mixed(ALNUM, 99)}` },
  { id: 'stripe-restricted-key', provider: 'Stripe', names: ['STRIPE_RESTRICTED_KEY'], shape: 'assign', make: (r) => `rk_live_${r.mixed(ALNUM, 99)}` },
  { id: 'stripe-webhook-secret', provider: 'Stripe', names: ['STRIPE_WEBHOOK_SECRET', 'endpointSecret'], shape: 'assign', make: (r) => `whsec_${r.mixed(ALNUM, 32)}` },
  { id: 'square-access-token', provider: 'Square', names: ['SQUARE_ACCESS_TOKEN'], shape: 'assign', make: (r) => `EAAA${r.mixed(`${ALNUM}_-`, 60)}` },
  { id: 'square-oauth-secret', provider: 'Square', names: ['SQUARE_APPLICATION_SECRET'], shape: 'assign', make: (r) => `sq0csp-${r.mixed(`${ALNUM}_-`, 43)}` },
  { id: 'shopify-access-token', provider: 'Shopify', names: ['SHOPIFY_ACCESS_TOKEN', 'shopifyAdminToken'], shape: 'assign', make: (r) => `shpat_${r.hex(32)}` },
  { id: 'shopify-shared-secret', provider: 'Shopify', names: ['SHOPIFY_API_SECRET'], shape: 'assign', make: (r) => `shpss_${r.hex(32)}` },
  { id: 'flutterwave-secret-key', provider: 'Flutterwave', names: ['FLW_SECRET_KEY'], shape: 'assign', make: (r) => `FLWSECK-${r.hex(32)}-X` },
  { id: 'plaid-access-token', provider: 'Plaid', names: ['PLAID_ACCESS_TOKEN'], shape: 'assign', make: (r) => `access-production-${r.uuid()}` },
  { id: 'duffel-token', provider: 'Duffel', names: ['DUFFEL_ACCESS_TOKEN'], shape: 'assign', make: (r) => `duffel_live_${r.mixed(`${ALNUM}_-`, 43)}` },
  { id: 'easypost-api-key', provider: 'EasyPost', names: ['EASYPOST_API_KEY'], shape: 'assign', make: (r) => `EZAK${r.mixed(ALNUM, 54)}` },
  { id: 'shippo-token', provider: 'Shippo', names: ['SHIPPO_API_TOKEN'], shape: 'assign', make: (r) => `shippo_live_${r.hex(40)}` },
  // --- Messaging and communication ----------------------------------------------------------
  { id: 'slack-bot-token', provider: 'Slack', names: ['SLACK_BOT_TOKEN', 'slackToken'], shape: 'assign', make: (r) => `xoxb-${r.string(DIGITS, 12)}-${r.string(DIGITS, 13)}-${r.mixed(ALNUM, 24)}` },
  { id: 'slack-user-token', provider: 'Slack', names: ['SLACK_USER_TOKEN'], shape: 'assign', make: (r) => `xoxp-${r.string(DIGITS, 12)}-${r.string(DIGITS, 12)}-${r.string(DIGITS, 13)}-${r.hex(32)}` },
  { id: 'slack-app-token', provider: 'Slack', names: ['SLACK_APP_TOKEN'], shape: 'assign', make: (r) => `xapp-1-A${r.string(UPPER_ALNUM, 10)}-${r.string(DIGITS, 13)}-${r.hex(64)}` },
  { id: 'slack-webhook', provider: 'Slack', names: ['SLACK_WEBHOOK_URL', 'slack_webhook'], shape: 'url', make: (r) => `https://hooks.slack.com/services/T${r.string(UPPER_ALNUM, 8)}/B${r.string(UPPER_ALNUM, 10)}/${r.mixed(ALNUM, 24)}` },
  { id: 'discord-webhook', provider: 'Discord', names: ['DISCORD_WEBHOOK_URL'], shape: 'url', make: (r) => `https://discord.com/api/webhooks/${r.string(DIGITS, 19)}/${r.mixed(`${ALNUM}_-`, 68)}` },
  { id: 'discord-bot-token', provider: 'Discord', names: ['DISCORD_BOT_TOKEN', 'discordToken'], shape: 'assign', make: (r) => `${Buffer.from(`1${r.string(DIGITS, 18)}`).toString('base64').replace(/=+$/, '')}.${r.mixed(`${ALNUM}_-`, 6)}.${r.mixed(`${ALNUM}_-`, 38)}` },
  { id: 'telegram-bot-token', provider: 'Telegram', names: ['TELEGRAM_BOT_TOKEN', 'telegram_token'], shape: 'assign', make: (r) => `${r.int(1, 7)}${r.string(DIGITS, 9)}:AA${r.mixed(`${ALNUM}_-`, 33)}` },
  { id: 'teams-webhook', provider: 'Microsoft Teams', names: ['TEAMS_WEBHOOK_URL'], shape: 'url', make: (r) => `https://${r.pick(ACCOUNT_WORDS)}.webhook.office.com/webhookb2/${r.uuid()}@${r.uuid()}/IncomingWebhook/${r.hex(32)}/${r.uuid()}` },
  { id: 'twilio-api-key', provider: 'Twilio', names: ['TWILIO_API_KEY'], shape: 'assign', make: (r) => `SK${r.hex(32)}` },
  { id: 'sendgrid-api-key', provider: 'SendGrid', names: ['SENDGRID_API_KEY'], shape: 'assign', make: (r) => `SG.${r.mixed(`${ALNUM}_-`, 22)}.${r.mixed(`${ALNUM}_-`, 43)}` },
  { id: 'mailgun-api-key', provider: 'Mailgun', names: ['MAILGUN_API_KEY'], shape: 'assign', make: (r) => `key-${r.hex(32)}` },
  { id: 'mailchimp-api-key', provider: 'Mailchimp', names: ['MAILCHIMP_API_KEY'], shape: 'assign', make: (r) => `${r.hex(32)}-us${r.int(1, 21)}` },
  { id: 'brevo-api-key', provider: 'Brevo', names: ['BREVO_API_KEY', 'SENDINBLUE_API_KEY'], shape: 'assign', make: (r) => `xkeysib-${r.hex(64)}-${r.mixed(ALNUM, 16)}` },
  { id: 'mailersend-token', provider: 'MailerSend', names: ['MAILERSEND_API_TOKEN'], shape: 'assign', make: (r) => `mlsn.${r.hex(64)}` },
  { id: 'resend-api-key', provider: 'Resend', names: ['RESEND_API_KEY'], shape: 'assign', make: (r) => `re_${r.mixed(ALNUM, 8)}_${r.mixed(ALNUM, 24)}` },
  { id: 'firebase-fcm-server-key', provider: 'Firebase', names: ['FCM_SERVER_KEY'], shape: 'assign', make: (r) => `AAAA${r.mixed(`${ALNUM}_-`, 7)}:APA91b${r.mixed(`${ALNUM}_-`, 134)}` },
  { id: 'intercom-access-token', provider: 'Intercom', names: ['INTERCOM_ACCESS_TOKEN'], shape: 'assign', make: (r) => `dG9rOj${r.mixed(ALNUM, 52)}=` },
  // --- AI and data --------------------------------------------------------------------------
  { id: 'openai-project-key', provider: 'OpenAI', names: ['OPENAI_API_KEY', 'openai.api_key'], shape: 'assign', make: (r) => `sk-proj-${r.mixed(`${ALNUM}_-`, 74)}T3BlbkFJ${r.mixed(`${ALNUM}_-`, 74)}` },
  { id: 'openai-legacy-key', provider: 'OpenAI', names: ['OPENAI_API_KEY'], shape: 'assign', make: (r) => `sk-${r.mixed(ALNUM, 20)}T3BlbkFJ${r.mixed(ALNUM, 20)}` },
  { id: 'anthropic-api-key', provider: 'Anthropic', names: ['ANTHROPIC_API_KEY'], shape: 'assign', make: (r) => `sk-ant-api03-${r.mixed(`${ALNUM}_-`, 93)}AA` },
  { id: 'huggingface-token', provider: 'Hugging Face', names: ['HF_TOKEN', 'HUGGINGFACEHUB_API_TOKEN'], shape: 'assign', make: (r) => `hf_${r.mixed(LETTERS, 34)}` },
  { id: 'groq-api-key', provider: 'Groq', names: ['GROQ_API_KEY'], shape: 'assign', make: (r) => `gsk_${r.mixed(ALNUM, 52)}` },
  { id: 'replicate-token', provider: 'Replicate', names: ['REPLICATE_API_TOKEN'], shape: 'assign', make: (r) => `r8_${r.mixed(ALNUM, 37)}` },
  { id: 'perplexity-api-key', provider: 'Perplexity', names: ['PERPLEXITY_API_KEY'], shape: 'assign', make: (r) => `pplx-${r.mixed(ALNUM, 48)}` },
  { id: 'algolia-admin-key', provider: 'Algolia', names: ['ALGOLIA_ADMIN_API_KEY'], shape: 'assign', make: (r) => r.hex(32) },
  { id: 'airtable-pat', provider: 'Airtable', names: ['AIRTABLE_TOKEN'], shape: 'assign', make: (r) => `pat${r.mixed(ALNUM, 14)}.${r.hex(64)}` },
  { id: 'contentful-pat', provider: 'Contentful', names: ['CONTENTFUL_MANAGEMENT_TOKEN'], shape: 'assign', make: (r) => `CFPAT-${r.mixed(`${ALNUM}_-`, 43)}` },
  { id: 'notion-token', provider: 'Notion', names: ['NOTION_TOKEN', 'NOTION_API_KEY'], shape: 'assign', make: (r) => `ntn_${r.string(DIGITS, 11)}${r.mixed(ALNUM, 35)}` },
  { id: 'planetscale-token', provider: 'PlanetScale', names: ['PLANETSCALE_SERVICE_TOKEN'], shape: 'assign', make: (r) => `pscale_tkn_${r.mixed(`${ALNUM}_`, 43)}` },
  { id: 'planetscale-password', provider: 'PlanetScale', names: ['DATABASE_PASSWORD'], shape: 'assign', make: (r) => `pscale_pw_${r.mixed(`${ALNUM}_`, 43)}` },
  { id: 'supabase-access-token', provider: 'Supabase', names: ['SUPABASE_ACCESS_TOKEN'], shape: 'assign', make: (r) => `sbp_${r.hex(40)}` },
  // --- Developer tools, CI and observability ------------------------------------------------
  { id: 'atlassian-api-token', provider: 'Atlassian', names: ['JIRA_API_TOKEN', 'CONFLUENCE_API_TOKEN'], shape: 'assign', make: (r) => `ATATT3xFfGF0${r.mixed(`${ALNUM}_-`, 172)}=${r.hex(8).toUpperCase()}` },
  { id: 'linear-api-key', provider: 'Linear', names: ['LINEAR_API_KEY'], shape: 'assign', make: (r) => `lin_api_${r.mixed(ALNUM, 40)}` },
  { id: 'asana-pat', provider: 'Asana', names: ['ASANA_ACCESS_TOKEN'], shape: 'assign', make: (r) => `2/${r.string(DIGITS, 16)}/${r.string(DIGITS, 16)}:${r.hex(32)}` },
  { id: 'figma-pat', provider: 'Figma', names: ['FIGMA_TOKEN'], shape: 'assign', make: (r) => `figd_${r.mixed(`${ALNUM}_-`, 40)}` },
  { id: 'postman-api-key', provider: 'Postman', names: ['POSTMAN_API_KEY'], shape: 'assign', make: (r) => `PMAK-${r.hex(24)}-${r.hex(34)}` },
  { id: 'sentry-user-token', provider: 'Sentry', names: ['SENTRY_AUTH_TOKEN'], shape: 'assign', make: (r) => `sntryu_${r.hex(64)}` },
  { id: 'sentry-org-token', provider: 'Sentry', names: ['SENTRY_AUTH_TOKEN'], shape: 'assign', make: (r) => `sntrys_${base64url(JSON.stringify({ iat: 1700000000 + r.int(0, 9999999), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: r.pick(ACCOUNT_WORDS) })).replace(/=+$/, '')}_${r.mixed(ALNUM, 43)}` },
  { id: 'datadog-api-key', provider: 'Datadog', names: ['DD_API_KEY', 'DATADOG_API_KEY'], shape: 'assign', make: (r) => r.hex(32) },
  { id: 'newrelic-user-key', provider: 'New Relic', names: ['NEW_RELIC_API_KEY'], shape: 'assign', make: (r) => `NRAK-${r.string(UPPER_ALNUM, 27)}` },
  { id: 'newrelic-license-key', provider: 'New Relic', names: ['NEW_RELIC_LICENSE_KEY'], shape: 'assign', make: (r) => `${r.hex(36)}NRAL` },
  { id: 'dynatrace-token', provider: 'Dynatrace', names: ['DT_API_TOKEN'], shape: 'assign', make: (r) => `dt0c01.${r.string(UPPER_ALNUM, 24)}.${r.string(UPPER_ALNUM, 64)}` },
  { id: 'grafana-cloud-token', provider: 'Grafana', names: ['GRAFANA_CLOUD_TOKEN'], shape: 'assign', make: (r) => `glc_${Buffer.from(JSON.stringify({ o: String(r.int(100000, 999999)), n: `stack-${r.int(100000, 999999)}-hm-read`, k: r.mixed(ALNUM, 24), m: { r: 'prod-us-east-0' } })).toString('base64')}` },
  { id: 'grafana-service-account', provider: 'Grafana', names: ['GRAFANA_SA_TOKEN'], shape: 'assign', make: (r) => `glsa_${r.mixed(ALNUM, 32)}_${r.hex(8)}` },
  { id: 'sonarqube-token', provider: 'SonarQube', names: ['SONAR_TOKEN'], shape: 'assign', make: (r) => `squ_${r.hex(40)}` },
  { id: 'snyk-token', provider: 'Snyk', names: ['SNYK_TOKEN'], shape: 'assign', make: (r) => r.uuid() },
  { id: 'circleci-pat', provider: 'CircleCI', names: ['CIRCLECI_TOKEN'], shape: 'assign', make: (r) => `CCIPAT_${r.mixed(ALNUM, 22)}_${r.hex(40)}` },
  { id: 'buildkite-token', provider: 'Buildkite', names: ['BUILDKITE_API_TOKEN'], shape: 'assign', make: (r) => `bkua_${r.hex(40)}` },
  { id: 'netlify-token', provider: 'Netlify', names: ['NETLIFY_AUTH_TOKEN'], shape: 'assign', make: (r) => `nfp_${r.mixed(ALNUM, 36)}` },
  { id: 'pulumi-token', provider: 'Pulumi', names: ['PULUMI_ACCESS_TOKEN'], shape: 'assign', make: (r) => `pul-${r.hex(40)}` },
  { id: 'prefect-api-key', provider: 'Prefect', names: ['PREFECT_API_KEY'], shape: 'assign', make: (r) => `pnu_${r.mixed(ALNUM, 36)}` },
  { id: 'readme-api-key', provider: 'ReadMe', names: ['README_API_KEY'], shape: 'assign', make: (r) => `rdme_${r.string(LOWER_ALNUM, 70)}` },
  { id: 'scalingo-token', provider: 'Scalingo', names: ['SCALINGO_API_TOKEN'], shape: 'assign', make: (r) => `tk-us-${r.mixed(`${ALNUM}_-`, 48)}` },
  { id: 'typeform-token', provider: 'Typeform', names: ['TYPEFORM_TOKEN'], shape: 'assign', make: (r) => `tfp_${r.mixed(ALNUM, 44)}_${r.mixed(ALNUM, 14)}` },
  { id: 'frameio-token', provider: 'Frame.io', names: ['FRAMEIO_TOKEN'], shape: 'assign', make: (r) => `fio-u-${r.mixed(`${ALNUM}_-`, 64)}` },
  { id: 'mapbox-secret-token', provider: 'Mapbox', names: ['MAPBOX_SECRET_TOKEN', 'MAPBOX_DOWNLOADS_TOKEN'], shape: 'assign', make: (r) => `sk.${base64url(JSON.stringify({ u: r.pick(ACCOUNT_WORDS), a: r.string(LOWER_ALNUM, 25) })).replace(/=+$/, '')}.${r.mixed(`${ALNUM}_-`, 22)}` },
  { id: 'okta-api-token', provider: 'Okta', names: ['OKTA_API_TOKEN'], shape: 'assign', make: (r) => `00${r.mixed(`${ALNUM}_-`, 40)}` },
  { id: 'launchdarkly-sdk-key', provider: 'LaunchDarkly', names: ['LAUNCHDARKLY_SDK_KEY'], shape: 'assign', make: (r) => `sdk-${r.uuid()}` },
  { id: 'twitter-bearer-token', provider: 'Twitter/X', names: ['TWITTER_BEARER_TOKEN'], shape: 'assign', make: (r) => `${'A'.repeat(22)}${r.mixed(ALNUM, 28)}%3D${r.mixed(ALNUM, 50)}` },
  { id: 'facebook-access-token', provider: 'Meta', names: ['FACEBOOK_ACCESS_TOKEN', 'FB_PAGE_TOKEN'], shape: 'assign', make: (r) => `EAAB${r.mixed(ALNUM, 180)}` },
  { id: 'age-secret-key', provider: 'age', names: ['AGE_SECRET_KEY', 'SOPS_AGE_KEY'], shape: 'assign', make: (r) => `AGE-SECRET-KEY-1${r.string('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}` },
  { id: 'yandex-api-key', provider: 'Yandex', names: ['YC_API_KEY'], shape: 'assign', make: (r) => `AQVN${r.mixed(`${ALNUM}_-`, 36)}` },
  { id: 'infracost-api-key', provider: 'Infracost', names: ['INFRACOST_API_KEY'], shape: 'assign', make: (r) => `ico-${r.mixed(ALNUM, 32)}` },
  // --- Structured credentials ---------------------------------------------------------------
  { id: 'jwt', provider: 'JWT', names: ['ACCESS_TOKEN', 'SUPABASE_SERVICE_ROLE_KEY', 'authToken'], shape: 'assign', make: (r) => jwt(r, { sub: r.uuid(), role: r.pick(['service_role', 'admin', 'deployer']), iss: `https://auth.${r.pick(ACCOUNT_WORDS)}.io`, iat: 1700000000 + r.int(0, 9999999), exp: 1900000000 + r.int(0, 9999999) }) },
  { id: 'postgres-url', provider: 'PostgreSQL', names: ['DATABASE_URL'], shape: 'url', make: (r) => `postgres://${r.pick(['app', 'api', 'billing', 'admin'])}:${password(r, 24)}@${r.pick(['db', 'pg-primary', 'postgres'])}.${r.pick(ACCOUNT_WORDS)}.internal:5432/${r.pick(['app', 'orders', 'prod'])}` },
  { id: 'mysql-url', provider: 'MySQL', names: ['MYSQL_URL'], shape: 'url', make: (r) => `mysql://${r.pick(['root', 'app', 'wp'])}:${password(r, 20)}@mysql.${r.pick(ACCOUNT_WORDS)}.net:3306/${r.pick(['shop', 'wordpress', 'crm'])}` },
  { id: 'mongodb-url', provider: 'MongoDB', names: ['MONGODB_URI', 'MONGO_URL'], shape: 'url', make: (r) => `mongodb+srv://${r.pick(['admin', 'svc-api', 'reporting'])}:${password(r, 22)}@cluster0.${r.string(LOWER_ALNUM, 5)}.mongodb.net/${r.pick(['prod', 'analytics'])}?retryWrites=true&w=majority` },
  { id: 'redis-url', provider: 'Redis', names: ['REDIS_URL'], shape: 'url', make: (r) => `redis://default:${password(r, 28)}@redis-${r.int(10000, 19999)}.c${r.int(1, 300)}.us-east-1-2.ec2.cloud.redislabs.com:${r.int(10000, 19999)}` },
  { id: 'amqp-url', provider: 'RabbitMQ', names: ['AMQP_URL', 'RABBITMQ_URL'], shape: 'url', make: (r) => `amqps://${r.pick(['worker', 'publisher'])}:${password(r, 24)}@rabbit.${r.pick(ACCOUNT_WORDS)}.cloud/${r.pick(['prod', 'jobs'])}` },
  { id: 'basic-auth-url', provider: 'Generic', names: ['REGISTRY_URL', 'GIT_REMOTE'], shape: 'url', make: (r) => `https://${r.pick(['deploy', 'ci-bot', 'jenkins'])}:${password(r, 26)}@${r.pick(['git', 'nexus', 'registry'])}.${r.pick(ACCOUNT_WORDS)}.com/${r.pick(['repository/npm-private/', 'scm/platform/api.git', 'v2/'])}` },
  { id: 'generic-password', provider: 'Generic', names: ['DB_PASSWORD', 'SMTP_PASSWORD', 'adminPassword', 'ldap_bind_password'], shape: 'assign', make: (r) => password(r, 22) },
  { id: 'generic-api-secret', provider: 'Generic', names: ['API_SECRET', 'client_secret', 'signingSecret', 'JWT_SECRET'], shape: 'assign', make: (r) => r.mixed(`${ALNUM}`, 40) },
  // --- Private keys (multi-line) ------------------------------------------------------------
  { id: 'rsa-private-key', provider: 'Private key', names: ['RSA private key'], shape: 'block', make: (r) => pem('RSA PRIVATE KEY', pemBody(r, 1190, derLead(1186, [0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00]))) },
  { id: 'pkcs8-private-key', provider: 'Private key', names: ['PKCS#8 private key'], shape: 'block', make: (r) => pem('PRIVATE KEY', pemBody(r, 1218, derLead(1214, [0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]))) },
  { id: 'ec-private-key', provider: 'Private key', names: ['EC private key'], shape: 'block', make: (r) => pem('EC PRIVATE KEY', pemBody(r, 121, Buffer.from([0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20]))) },
  { id: 'openssh-private-key', provider: 'Private key', names: ['OpenSSH private key'], shape: 'block', make: (r) => pem('OPENSSH PRIVATE KEY', pemBody(r, 400, Buffer.from('openssh-key-v1\0\0\0\0\x04none\0\0\0\x04none\0\0\0\0\0\0\0\x01\0\0\0\x33\0\0\0\x0bssh-ed25519', 'latin1'), 70)) },
  { id: 'pgp-private-key', provider: 'Private key', names: ['PGP private key'], shape: 'block', make: (r) => `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${pemBody(r, 900, Buffer.from([0x95, 0x03, 0x86, 0x04]))}\n=${r.string(BASE64, 4)}\n-----END PGP PRIVATE KEY BLOCK-----` },
];

/** Formats keyed by id. */
export const FORMAT_BY_ID: ReadonlyMap<string, SecretFormat> = new Map(SECRET_FORMATS.map((f) => [f.id, f]));

/** Providers the corpus covers (for the README and the test). */
export function listProviders(): string[] {
  return [...new Set(SECRET_FORMATS.map((f) => f.provider))].sort();
}

