import type { SecretRule } from '../../rule.js';
import { ATLASSIAN_RULES } from './atlassian.js';
import { AWS_RULES } from './aws.js';
import { AZURE_RULES } from './azure.js';
import { CI_RULES } from './ci.js';
import { CLOUDFLARE_RULES } from './cloudflare.js';
import { CLOUD_PROVIDER_RULES } from './clouds.js';
import { DIGITALOCEAN_RULES, HEROKU_RULES } from './digitalocean-heroku.js';
import { GITHUB_RULES } from './github.js';
import { GITLAB_RULES } from './gitlab.js';
import { GOOGLE_RULES } from './google.js';
import { HASHICORP_RULES } from './hashicorp.js';
import { PLATFORM_RULES } from './platforms.js';
import { REGISTRY_RULES } from './registries.js';

/** Credentials issued by cloud providers, code hosts, CI services and package registries. */
export const CLOUD_VCS_RULES: SecretRule[] = [
  ...AWS_RULES,
  ...GITHUB_RULES,
  ...GITLAB_RULES,
  ...ATLASSIAN_RULES,
  ...AZURE_RULES,
  ...GOOGLE_RULES,
  ...DIGITALOCEAN_RULES,
  ...HEROKU_RULES,
  ...CLOUDFLARE_RULES,
  ...HASHICORP_RULES,
  ...REGISTRY_RULES,
  ...PLATFORM_RULES,
  ...CI_RULES,
  ...CLOUD_PROVIDER_RULES,
];
