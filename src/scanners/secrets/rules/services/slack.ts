import type { SecretRule } from '../../rule.js';
import { END, START, prefixed } from './shared.js';

// Formats: Slack "Token types" (api.slack.com/authentication/token-types) and
// "Sending messages using incoming webhooks"; the digit groups are the team,
// user and bot ids, so they are bounded to the lengths Slack issues.

const ROTATE_TOKEN =
  'Revoke it with `auth.revoke` or by reinstalling the app (OAuth & Permissions → "Revoke all OAuth tokens"), then issue a new token and store it in a secret manager; turn on token rotation for the app.';

export const SLACK_RULES: SecretRule[] = [
  {
    id: 'slack-bot-token',
    title: 'Slack bot token',
    provider: 'Slack',
    keywords: ['xoxb-'],
    pattern: prefixed('xoxb-', String.raw`\d{8,13}-\d{8,13}-[A-Za-z0-9]{24}`),
    confidence: 'high',
    severity: 'high',
    minEntropy: 3.5,
    remediation: { revoke: ROTATE_TOKEN, docsUrl: 'https://api.slack.com/authentication/rotation' },
    examples: {
      positive: [`SLACK_BOT_TOKEN=${'xoxb'}-735019972492-7806298241638-YNsH90f8lNgkbntNZVk2Oo25`],
      negative: [
        'SLACK_BOT_TOKEN=xoxb-your-bot-token-here',
        `token = "${'xoxb'}-680063726430-9367523449887-bcFjbNI1Q0kR"`,
      ],
    },
  },
  {
    id: 'slack-user-token',
    title: 'Slack user token',
    provider: 'Slack',
    keywords: ['xoxp-'],
    pattern: prefixed('xoxp-', String.raw`\d{8,13}-\d{8,13}-\d{8,13}-[a-f0-9]{32}`),
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3,
    remediation: {
      revoke:
        'A user token acts as that person: revoke it with `auth.revoke` (or remove the app from the user\'s authorised apps), reinstall the app to issue a new one, and review the audit log for its use.',
      docsUrl: 'https://api.slack.com/methods/auth.revoke',
    },
    examples: {
      positive: [`client = WebClient(token="${'xoxp'}-66277401803-937351911464-9686477300152-94481e58e33b7f6ce1983b308c1dd55f")`],
      negative: [`"${'xoxp'}-46731835996-211773365503-02aa5618ecbe568064df9b47e7d0acb6"`],
    },
  },
  {
    id: 'slack-app-level-token',
    title: 'Slack app-level token',
    provider: 'Slack',
    keywords: ['xapp-'],
    pattern: prefixed('xapp-', String.raw`\d-A[A-Z0-9]{8,12}-\d{10,14}-[a-f0-9]{64}`),
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke:
        'In the app\'s Basic Information → App-Level Tokens, revoke the token and generate a new one; update Socket Mode clients that used it.',
      docsUrl: 'https://api.slack.com/authentication/token-types#app-level',
    },
    examples: {
      positive: [`SLACK_APP_TOKEN: ${'xapp'}-1-AW2P3NV4ZCR-3191304565858-66ebc3fd3aa6a522216e7bf200643fd325b0504de6be7de75003a4142236fd0f`],
      negative: ['SLACK_APP_TOKEN: xapp-1-A0000000000-0000000000000-<hex>'],
    },
  },
  {
    id: 'slack-config-access-token',
    title: 'Slack app configuration access token',
    provider: 'Slack',
    keywords: ['xoxe.xox'],
    pattern: prefixed('xoxe.xox', String.raw`[bp]-\d-[A-Za-z0-9]{163,166}`),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke:
        'Configuration tokens can create and change apps: revoke it with `tooling.tokens.rotate` using its refresh token (or regenerate it under "Your App Configuration Tokens"), and rotate the refresh token too.',
      docsUrl: 'https://api.slack.com/authentication/config-tokens',
    },
    examples: {
      positive: [`export SLACK_CONFIG_TOKEN='${'xoxe.xoxp'}-1-jFsdgzWkchR5vht6ZakB1le7zRXllWDJDaPgNliEzfgoYJQAgf8uReh1RzfOU2lmHH9yJvHekTrnSYqlzFYHWHAnpGnkiWPXbEAEgz2X5J4z7cRn7zHdGl9k4AZLH2VqS4zBJHQQfGYjScyugfuuwalNWjIvl1kHJxdG'`],
    },
  },
  {
    id: 'slack-config-refresh-token',
    title: 'Slack app configuration refresh token',
    provider: 'Slack',
    keywords: ['xoxe-'],
    pattern: prefixed('xoxe-', String.raw`\d-[A-Za-z0-9]{146}`),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke:
        'Regenerate the configuration token pair under "Your App Configuration Tokens" (api.slack.com/apps); the leaked refresh token can mint new access tokens until then.',
      docsUrl: 'https://api.slack.com/authentication/config-tokens',
    },
    examples: {
      positive: [`refresh_token = "${'xoxe'}-1-UjCGuy8fulzs9q8pXJtHj0K0nDoWkuZJmENc2gMAUxPiaZdNmC2oSlLZBwbTgdywcXPmSVhkdWzCpNWfiU0ljbSJAG1DxMG91xhcFYeZxOct2jC1enxBxHNk2DralJvVP3b97cK8gPUz83jaYI"`],
    },
  },
  {
    id: 'slack-workspace-access-token',
    title: 'Slack legacy workspace app access token',
    provider: 'Slack',
    keywords: ['xoxa-'],
    pattern: prefixed('xoxa-', String.raw`(?:\d-)?\d{8,13}-\d{8,13}-[A-Za-z0-9]{8,64}(?:-[A-Za-z0-9]{8,64}){0,2}`),
    confidence: 'high',
    severity: 'high',
    minEntropy: 3.5,
    remediation: { revoke: ROTATE_TOKEN, docsUrl: 'https://api.slack.com/authentication/token-types' },
    examples: {
      positive: [`SLACK_TOKEN=${'xoxa'}-2-978845400681-602075391151-CbohiYm88ES92QFVgOhAJEtjw7WNbAtm`],
      negative: ['SLACK_TOKEN=xoxa-2-placeholder'],
    },
  },
  {
    id: 'slack-workspace-refresh-token',
    title: 'Slack legacy workspace app refresh token',
    provider: 'Slack',
    keywords: ['xoxr-'],
    pattern: prefixed('xoxr-', String.raw`(?:\d-)?\d{8,13}-\d{8,13}-[A-Za-z0-9]{8,64}(?:-[A-Za-z0-9]{8,64}){0,2}`),
    confidence: 'high',
    severity: 'high',
    minEntropy: 3.5,
    remediation: { revoke: ROTATE_TOKEN, docsUrl: 'https://api.slack.com/authentication/token-types' },
    examples: {
      positive: [`"refresh_token": "${'xoxr'}-641076991670-929169554779-w9q5PWxh2F8uk6NZw0X18LKgkKGAZtkfgQwWWFQO"`],
    },
  },
  {
    id: 'slack-session-token',
    title: 'Slack legacy user session token',
    provider: 'Slack',
    keywords: ['xoxs-'],
    pattern: prefixed('xoxs-', String.raw`\d{1,13}-\d{1,13}-\d{1,13}-[a-f0-9]{16,64}`),
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3,
    remediation: {
      revoke:
        'A session token is a signed-in browser session: sign the user out of all sessions (workspace admin → Manage members → "Sign out of all sessions") and reset their password.',
      docsUrl: 'https://slack.com/help/articles/214613347-Sign-out-of-Slack',
    },
    examples: {
      positive: [`cookie_token = '${'xoxs'}-0301298616-31510095395-1893877251259-1acfc711683126ee9b8001067374a23a31d345e6b2eb6b46bc6a7f77833055f1'`],
    },
  },
  {
    id: 'slack-incoming-webhook-url',
    title: 'Slack incoming webhook URL',
    provider: 'Slack',
    keywords: ['hooks.slack.com'],
    pattern: new RegExp(
      String.raw`${START}(?<secret>https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})${END}`,
    ),
    confidence: 'high',
    severity: 'medium',
    minEntropy: 4,
    remediation: {
      revoke:
        'Anyone with the URL can post to the channel: remove the webhook (app → Incoming Webhooks, or the channel\'s integrations), add a new one and keep its URL in a secret store.',
      docsUrl: 'https://api.slack.com/messaging/webhooks',
    },
    examples: {
      positive: [`SLACK_WEBHOOK_URL=https://${'hooks.slack'}.com/services/T7EUXTUUTZW/BFQYU822TETJ/2PBib8Lg3nK9LzLBZd2VsdEB`],
      negative: [
        'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
        'url: https://hooks.slack.com/services/YOUR/WEBHOOK/URL',
      ],
    },
  },
  {
    id: 'slack-workflow-webhook-url',
    title: 'Slack Workflow Builder webhook URL',
    provider: 'Slack',
    keywords: ['hooks.slack.com'],
    pattern: new RegExp(
      String.raw`${START}(?<secret>https://hooks\.slack\.com/(?:workflows/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/\d{15,20}/[A-Za-z0-9]{24}|triggers/T[A-Z0-9]{8,12}/\d{10,16}/[a-f0-9]{32}))${END}`,
    ),
    confidence: 'high',
    severity: 'medium',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'Anyone with the URL can start the workflow: in Workflow Builder, delete the webhook trigger (or the workflow), create a new trigger and store its URL as a secret.',
      docsUrl: 'https://slack.com/help/articles/360041352714-Build-a-workflow--Create-a-workflow-that-starts-outside-of-Slack',
    },
    examples: {
      positive: [
        `endpoint = "https://${'hooks.slack'}.com/workflows/TKGS9Q13K56/ATBOIOOUE0ZO/190986325819826246/gF6vls8qu3g1hFaKDvfV5wkh"`,
        `notify: https://${'hooks.slack'}.com/triggers/TQUDNSA1U35/5120430882193/12dc8c6a3689d3fbf26befb0ef954a7e`,
      ],
      negative: ['https://hooks.slack.com/workflows/XXXXXX/XXXXX/XXXXX/XXXXXXXXXXXXXXXXXX'],
    },
  },
];
