import type { SecretRule } from '../../rule.js';
import { END, START, assigned, decodeBase64 } from './shared.js';

// Telegram bot tokens are `<bot id>:<35 characters starting with AA>` (Bot API
// docs, "Authorizing your bot"). A Discord bot token is three base64url parts:
// the bot's user id (a 17–20 digit snowflake), a timestamp and an HMAC; the
// first part must decode to the id. Webhook URLs hold their own secret.

/** True when the first part of a Discord bot token decodes to a snowflake id. */
function isDiscordBotToken(token: string): boolean {
  const first = token.split('.')[0] ?? '';
  const decoded = decodeBase64(first);
  return decoded !== undefined && /^\d{17,20}$/.test(decoded);
}

export const CHAT_RULES: SecretRule[] = [
  {
    id: 'telegram-bot-token',
    title: 'Telegram bot token',
    provider: 'Telegram',
    keywords: [':aa'],
    pattern: new RegExp(String.raw`(?<![\w:-])(?<secret>\d{8,10}:AA[A-Za-z0-9_-]{33})${END}`),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke:
        'Send `/revoke` to @BotFather and pick the bot: the old token stops working and BotFather returns a new one to deploy from a secret store.',
      docsUrl: 'https://core.telegram.org/bots/features#botfather',
    },
    examples: {
      positive: [`TELEGRAM_BOT_TOKEN=7070626122${':AA'}zRA2bKsL4-VzHEqiTJv4P7sSZZ_z0l_AP`, `bot = Bot(token="694656381${':AA'}pTdSYCog5mFvuvFO0WhGS-AzDIK4D3lQC")`],
      negative: ['TELEGRAM_BOT_TOKEN=123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'mac 00:aa:bb:cc:dd:ee'],
    },
  },
  {
    id: 'discord-bot-token',
    title: 'Discord bot token',
    provider: 'Discord',
    keywords: ['discord'],
    pattern: new RegExp(
      String.raw`${START}(?<secret>[MNO][A-Za-z0-9_-]{22,26}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})${END}`,
    ),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 4,
    verify: (secret) => isDiscordBotToken(secret),
    remediation: {
      revoke:
        'Reset the token in the Developer Portal (Applications → your app → Bot → "Reset Token"), which invalidates the old one, and deploy the new token from a secret store.',
      docsUrl: 'https://discord.com/developers/docs/topics/oauth2#bots',
    },
    examples: {
      positive: [
        // base64url of a 19-digit snowflake, a timestamp part and an HMAC part.
        `DISCORD_BOT_TOKEN=MTA0MTE0OTgxODExNzY4MTI3Ng.PiaSFG.pp91W2LRAIhKNEn0YUwhTZjmoSKTDacKqA4iSS`,
      ],
      negative: [
        // Same shape, but the first part does not decode to a snowflake.
        `DISCORD_BOT_TOKEN=Mzk0SZtdTNiqBzyuBhMttBZBlF.CfZUWN.i2-Kzq-FAFaRS_alNQT_qXNQYjVhAcQ4LuWvla`,
      ],
    },
  },
  {
    id: 'discord-webhook-url',
    title: 'Discord webhook URL',
    provider: 'Discord',
    keywords: ['discord'],
    pattern: new RegExp(
      String.raw`${START}(?<secret>https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api(?:/v\d{1,2})?/webhooks/\d{17,20}/[A-Za-z0-9_-]{60,72})${END}`,
    ),
    confidence: 'high',
    severity: 'medium',
    minEntropy: 4,
    remediation: {
      revoke:
        'Anyone with the URL can post as the webhook: delete it (Server Settings → Integrations → Webhooks → Delete) or reset it with the API, then create a new one and keep its URL secret.',
      docsUrl: 'https://support.discord.com/hc/en-us/articles/228383668-Intro-to-Webhooks',
    },
    examples: {
      positive: [
        `DISCORD_WEBHOOK=https://${'discord'}.com/api/webhooks/5615521915440522350/OAmZUXA5kHKhMI96N_wd2JxsNU5rPu2LQM4OigPAY8tFSSir6Btf0I_twcXu5i47-jvt`,
        `url = "https://${'discordapp'}.com/api/webhooks/080217263143860471/vbcdWgD-zK0osc7KSIMzQFU7MuvoE5t9jMjDPR3tfk714qSXp204BKhtyDS1Sy8c4uRX"`,
      ],
      negative: ['https://discord.com/api/webhooks/{webhook.id}/{webhook.token}'],
    },
  },
  {
    id: 'mattermost-access-token',
    title: 'Mattermost personal access or bot token',
    provider: 'Mattermost',
    keywords: ['mattermost'],
    pattern: assigned(['mattermost'], '[a-z0-9]{26}'),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'Revoke the token in Mattermost (Profile → Security → Personal Access Tokens, or System Console → Integrations → Bot Accounts) and create a new one.',
      docsUrl: 'https://developers.mattermost.com/integrate/reference/personal-access-token/',
    },
    examples: { positive: [`MATTERMOST_TOKEN=rx2me0tnypvg5oqq5kcjj939ik`] },
  },
  {
    id: 'microsoft-teams-incoming-webhook-url',
    title: 'Microsoft Teams incoming webhook URL',
    provider: 'Microsoft Teams',
    keywords: ['webhook.office.com'],
    pattern: new RegExp(
      String.raw`${START}(?<secret>https://[a-z0-9-]{1,63}\.webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}(?:/[A-Za-z0-9_-]{20,80})?)${END}`,
    ),
    confidence: 'high',
    severity: 'medium',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'Anyone with the URL can post to the channel: remove the Incoming Webhook connector from the channel (Manage channel → Connectors) and create a new one, or move to a Workflows webhook.',
      docsUrl: 'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
    },
    examples: {
      positive: [
        `TEAMS_WEBHOOK_URL=https://contoso.${'webhook.office'}.com/webhookb2/c50f8211-2d10-bce8-68a6-97da54cf1ee5@0752b824-ced0-37c7-1c0c-9ca948410bae/IncomingWebhook/3c4d492a91d8ad6696de503a50148e64/70e5e2ea-35ab-4672-3bfe-e69e6907de53/V2r2XCIS9tMLnrDDUis7zhw3miE_nvHedHhrjSGD_LnCDU`,
      ],
    },
  },
  {
    id: 'zapier-webhook-url',
    title: 'Zapier catch hook URL',
    provider: 'Zapier',
    keywords: ['hooks.zapier.com'],
    pattern: new RegExp(
      String.raw`${START}(?<secret>https://hooks\.zapier\.com/hooks/catch/\d{4,10}/[a-z0-9]{5,8})(?![A-Za-z0-9_-])`,
    ),
    confidence: 'high',
    severity: 'medium',
    remediation: {
      revoke:
        'Anyone with the URL can trigger the Zap: turn the Zap off, replace the "Catch Hook" trigger so Zapier issues a new URL, and keep the URL in a secret store.',
      docsUrl: 'https://help.zapier.com/hc/en-us/articles/8496288690317-Trigger-Zaps-from-webhooks',
    },
    examples: {
      positive: [`ZAPIER_WEBHOOK_URL=https://${'hooks.zapier'}.com/hooks/catch/45128164/zh8ljfh/`],
      negative: ['placeholder="https://hooks.zapier.com/hooks/catch/..."', 'https://hooks.zapier.com/hooks/catch/xxxxx/yyyyy/'],
    },
  },
];
