import type { SecretRule } from '../../rule.js';
import { anyCase, assignedValue } from './support.js';

const VAULT_REVOKE_DOCS = 'https://developer.hashicorp.com/vault/docs/commands/token/revoke';

export const HASHICORP_RULES: SecretRule[] = [
  {
    id: 'vault-service-token',
    title: 'HashiCorp Vault service token',
    provider: 'HashiCorp',
    keywords: ['hvs.'],
    pattern: /(?<![A-Za-z0-9_.-])(?<secret>hvs\.[0-9A-Za-z_-]{24,200})(?![0-9A-Za-z_-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke:
        'Revoke it and its children with `vault token revoke <token>` (or `vault token revoke -accessor <accessor>`), review the audit device for its use, and issue a new short-lived token.',
      docsUrl: VAULT_REVOKE_DOCS,
    },
    examples: {
      positive: ['VAULT_TOKEN=hvs.CAESIxzfe2oGyN47jSIk8aBzsRCoMyEHciQcCtDjLI4x-AfrsXW41fAjLnAirYPsJ9HwtIR-p9BfZhCUp1AG7VVEJWX'],
      negative: ['VAULT_TOKEN=hvs.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'VAULT_TOKEN=hvs.short'],
    },
  },
  {
    id: 'vault-batch-token',
    title: 'HashiCorp Vault batch token',
    provider: 'HashiCorp',
    keywords: ['hvb.'],
    pattern: /(?<![A-Za-z0-9_.-])(?<secret>hvb\.[0-9A-Za-z_-]{100,400})(?![0-9A-Za-z_-])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke:
        'Batch tokens cannot be revoked one by one: they expire with their TTL or when their parent token is revoked. Revoke the parent (or the auth method\'s leases with `vault lease revoke -prefix auth/<mount>`) if the TTL is long.',
      docsUrl: 'https://developer.hashicorp.com/vault/docs/concepts/tokens#batch-tokens',
    },
    examples: {
      positive: ['export VAULT_TOKEN=hvb.AAAAAQLHVw36DzIMkVuu0zDdwRafmHh1JCtOzLiAl7y6sCCPVwTL71PWR8Kp80LwWRlP13JbozK5e-tJcqjFTvee23YglWAKRTIhZj70tY8wIRXBxyivgwMsbTm8hf2iQO5RQE5TYtuoaxRUKEFZ8-VqHYMz'],
      negative: ['export VAULT_TOKEN=hvb.short'],
    },
  },
  {
    id: 'vault-legacy-service-token',
    title: 'HashiCorp Vault service token (pre-1.10 format)',
    provider: 'HashiCorp',
    keywords: ['vault'],
    pattern: assignedValue(anyCase('vault'), String.raw`s\.[A-Za-z0-9]{24}`),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 3.5,
    // Without a digit it is far more likely a word than a token.
    verify: (secret) => /[0-9]/.test(secret),
    remediation: {
      revoke: 'Revoke it with `vault token revoke <token>`, review the audit log, and upgrade clients to the current token format.',
      docsUrl: VAULT_REVOKE_DOCS,
    },
    examples: {
      positive: ['VAULT_TOKEN=s.g90Jyn5n4RRW2a7Rmqdv89kc'],
      negative: ['vault_mode: s.AbcdefghijklmnopqrstuvwX', 'VAULT_TOKEN=s.short'],
    },
  },
  {
    id: 'terraform-cloud-api-token',
    title: 'HCP Terraform (Terraform Cloud) API token',
    provider: 'HashiCorp',
    keywords: ['.atlasv1.'],
    pattern: /(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke:
        'Delete the user, team or organization token in HCP Terraform (User settings > Tokens, or the team/organization API token page) and create a new one; check the organization audit trail.',
      docsUrl: 'https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens',
    },
    examples: {
      positive: ['credentials "app.terraform.io" {\n  token = "Ig8agiEQ3J9bnn.atlasv1.djWX2dfBR55Otjk91uF5dkpLZ8zisnyqNzDxK5GX_x6tMHF60n34sNKacZ6iI8dVLYO"\n}'],
      negative: ['token = "xxxxxxxxxxxxxx.atlasv1.xxxx"'],
    },
  },
];
