import type { SecretRule } from '../../rule.js';
import { anyCase, assignedValue } from './support.js';

function digitalOceanToken(options: {
  prefix: 'dop' | 'doo' | 'dor';
  id: string;
  title: string;
  revoke: string;
  positive: string;
}): SecretRule {
  const { prefix, id, title, revoke, positive } = options;
  return {
    id,
    title,
    provider: 'DigitalOcean',
    keywords: [`${prefix}_v1_`],
    pattern: new RegExp(`(?<![A-Za-z0-9_])(?<secret>${prefix}_v1_[0-9a-f]{64})(?![0-9A-Za-z_])`),
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3,
    remediation: { revoke, docsUrl: 'https://docs.digitalocean.com/reference/api/create-personal-access-token/' },
    examples: {
      positive: [positive],
      negative: [`token = "${prefix}_v1_${'0'.repeat(64)}"`, `token = "${prefix}_v1_abc123"`],
    },
  };
}

export const DIGITALOCEAN_RULES: SecretRule[] = [
  digitalOceanToken({
    prefix: 'dop',
    id: 'digitalocean-personal-access-token',
    title: 'DigitalOcean personal access token',
    revoke: 'Delete the token in the control panel (API > Tokens), create a new one with custom scopes and an expiry, and review the team\'s security history.',
    positive: 'DIGITALOCEAN_ACCESS_TOKEN=dop_v1_4337e04f3ef0e977cb0871598199318d4b09970b83609d6e682ca1dd01da4bb9',
  }),
  digitalOceanToken({
    prefix: 'doo',
    id: 'digitalocean-oauth-access-token',
    title: 'DigitalOcean OAuth access token',
    revoke: 'Revoke it with `POST https://cloud.digitalocean.com/v1/oauth/revoke` (or remove the application under API > OAuth Applications / Authorized Applications) and authorise again.',
    positive: 'Authorization: Bearer doo_v1_baa79a41c57c18b4e02be09c414ff454c062202043f82b8e63e75b73d5242509',
  }),
  digitalOceanToken({
    prefix: 'dor',
    id: 'digitalocean-oauth-refresh-token',
    title: 'DigitalOcean OAuth refresh token',
    revoke: 'Revoke the authorisation under API > Authorized Applications (or `POST https://cloud.digitalocean.com/v1/oauth/revoke`), which invalidates its refresh token.',
    positive: 'refresh_token: dor_v1_7bfab23d281c4614b600b85ec7ecdbe35ae2077ebb94ca48594c14aa972f9cf2',
  }),
];

const HEROKU_DOCS = 'https://devcenter.heroku.com/articles/authentication#api-token-storage';
const HEROKU_REVOKE =
  'Regenerate the API key (Account settings > API Key > Regenerate, or `heroku authorizations:revoke` for OAuth authorizations) and update the tools that used it.';

export const HEROKU_RULES: SecretRule[] = [
  {
    id: 'heroku-api-key',
    title: 'Heroku API key (UUID format)',
    provider: 'Heroku',
    keywords: ['heroku'],
    pattern: assignedValue(
      anyCase('heroku'),
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      '(?![0-9A-Za-z-])',
    ),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 3,
    remediation: { revoke: HEROKU_REVOKE, docsUrl: HEROKU_DOCS },
    examples: {
      positive: ['HEROKU_API_KEY=133cd6c0-b67a-618d-5604-a5395dcf23be'],
      negative: ['HEROKU_API_KEY=00000000-0000-0000-0000-000000000000', 'heroku_app_id: not-a-uuid'],
    },
  },
  {
    id: 'heroku-api-key-v2',
    title: 'Heroku API key',
    provider: 'Heroku',
    keywords: ['hrku-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>HRKU-AA[0-9A-Za-z_-]{58})(?![0-9A-Za-z_-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: { revoke: HEROKU_REVOKE, docsUrl: HEROKU_DOCS },
    examples: {
      positive: ['export HEROKU_API_KEY="HRKU-AAtL2pbkvx9oJym10x550wcFA4iES793fM-hbUoTBTW6wqxwjNH2Sf9T0vcS"'],
      negative: ['export HEROKU_API_KEY="HRKU-AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
    },
  },
];
