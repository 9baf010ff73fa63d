import type { SecretRule } from '../../rule.js';
import { assigned, prefixed } from './shared.js';

// SendGrid (SG.<22>.<43>), Mailgun (legacy `key-` + 32 hex; current private
// keys 32 hex-8 hex-8 hex, which carry no prefix), Mailchimp (32 hex + `-us`
// data-centre suffix) and Brevo (`xkeysib-` API keys, `xsmtpsib-` SMTP keys).

export const EMAIL_RULES: SecretRule[] = [
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    provider: 'SendGrid',
    keywords: ['sg.'],
    pattern: prefixed('SG.', String.raw`[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke:
        'Delete the key in SendGrid (Settings → API Keys → Delete), which revokes it at once; create a replacement with the least scopes needed and check Activity for mail you did not send.',
      docsUrl: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
    },
    examples: {
      positive: [`SENDGRID_API_KEY='${'SG'}.u4k-eHrqgOhd6qXsmbvcvY.H2d2NPz7iIcuaBTbMfi7yiM5BBFmcqmgLYqL-SL7fiA'`],
      negative: ['SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'mailgun-legacy-api-key',
    title: 'Mailgun API key (legacy key- format)',
    provider: 'Mailgun',
    keywords: ['key-'],
    pattern: prefixed('key-', '[a-f0-9]{32}'),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke:
        'Rotate the key in Mailgun (API Security → API keys: delete it and create a new one), update senders, and check the logs for mail you did not send.',
      docsUrl: 'https://help.mailgun.com/hc/en-us/articles/203380100-Where-can-I-find-my-API-keys-and-SMTP-credentials',
    },
    examples: {
      positive: [`MAILGUN_API_KEY=${'key'}-0a72bb13379d0171e783ad8c739a665b`],
      negative: ['api_key = "key-00000000000000000000000000000000"'],
    },
  },
  {
    id: 'mailgun-private-api-key',
    title: 'Mailgun private API key',
    provider: 'Mailgun',
    keywords: ['mailgun'],
    pattern: assigned(['mailgun'], '[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}'),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke:
        'Delete the key in Mailgun (API Security → API keys) and create a new one; if it was the webhook signing key, reset it under Webhooks → "HTTP webhook signing key".',
      docsUrl: 'https://help.mailgun.com/hc/en-us/articles/203380100-Where-can-I-find-my-API-keys-and-SMTP-credentials',
    },
    examples: {
      positive: [`MAILGUN_API_KEY="b0d830872537643419545fc313a7c480-da000582-230d882f"`],
      negative: ['MAILGUN_API_KEY="<your-private-api-key>"'],
    },
  },
  {
    id: 'mailchimp-api-key',
    title: 'Mailchimp Marketing API key',
    provider: 'Mailchimp',
    keywords: ['-us'],
    pattern: prefixed('', String.raw`[a-f0-9]{32}-us\d{1,2}`),
    // The keyword is the token's data-centre suffix: the 32 hex characters come just before it.
    window: { before: 40, after: 8 },
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke:
        'Disable the key in Mailchimp (Profile → Extras → API keys → Disable, then delete) and generate a new one for the integration.',
      docsUrl: 'https://mailchimp.com/help/about-api-keys/',
    },
    examples: {
      positive: [`mailchimp.setConfig({ apiKey: '09941af9f0e1cfc6f1e4b3b8340c9a6a-${'us'}21', server: 'us21' });`],
      negative: ['apiKey: "YOUR_API_KEY-us21"'],
    },
  },
  {
    id: 'brevo-api-key',
    title: 'Brevo (Sendinblue) API key',
    provider: 'Brevo',
    keywords: ['xkeysib-'],
    pattern: prefixed('xkeysib-', '[a-f0-9]{64}-[A-Za-z0-9]{16}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke:
        'Delete the key in Brevo (SMTP & API → API keys) and create a new one; check the transactional logs for mail you did not send.',
      docsUrl: 'https://help.brevo.com/hc/en-us/articles/209467485-Create-and-manage-your-API-keys',
    },
    examples: {
      positive: [`BREVO_API_KEY=${'xkeysib'}-0a812772ed1e13e8aed557f08957b6dbb1b2d95d1910aeebf491e90639dc52b1-lQw20JAUKvKOPzFX`],
    },
  },
  {
    id: 'brevo-smtp-key',
    title: 'Brevo (Sendinblue) SMTP key',
    provider: 'Brevo',
    keywords: ['xsmtpsib-'],
    pattern: prefixed('xsmtpsib-', '[a-f0-9]{64}-[A-Za-z0-9]{16}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke: 'Delete the SMTP key in Brevo (SMTP & API → SMTP) and generate a new one for the mail relay.',
      docsUrl: 'https://help.brevo.com/hc/en-us/articles/209467485-Create-and-manage-your-API-keys',
    },
    examples: {
      positive: [`smtp_password: ${'xsmtpsib'}-9fdbf516a1a64cd9ddde43e0c0fc375603d9b0b3c7266dbd6f06cc27b0a4efb4-pd2fkd5ZvKai1TFA`],
    },
  },
  {
    id: 'mailersend-api-token',
    title: 'MailerSend API token',
    provider: 'MailerSend',
    keywords: ['mlsn.'],
    pattern: prefixed('mlsn.', '[a-f0-9]{64}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke:
        'Delete the token in MailerSend (Integrations → API tokens → Manage → Delete), create a new one with only the domains and scopes needed, and check the activity log for mail you did not send.',
      docsUrl: 'https://www.mailersend.com/help/managing-api-tokens',
    },
    examples: {
      positive: [`MAILERSEND_API_KEY=${'mlsn'}.3f1c9a4e7b2d8c6f0a5e9d1b4c7f2a8e6d3b0c9f5a2e7d4b1c8f6a3e0d9b5c2f`],
      negative: ['MAILERSEND_API_KEY=mlsn.0000000000000000000000000000000000000000000000000000000000000000'],
    },
  },
];
