import type { SecretRule } from '../../rule.js';
import { anyCase, assignedValue, crc32 } from './support.js';

const ROLL_TOKEN_DOCS = 'https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/';

/**
 * Scannable credentials (2026): `cfk_`/`cfut_`/`cfat_`, 40 base62 characters,
 * then the CRC-32 of those 40 characters as 8 lower-case hex digits.
 * https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/
 */
export function hasCloudflareChecksum(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  return body.length === 48 && crc32(body.slice(0, 40)).toString(16).padStart(8, '0') === body.slice(40);
}

function scannableCredential(options: {
  prefix: 'cfk' | 'cfut' | 'cfat';
  id: string;
  title: string;
  revoke: string;
  docsUrl: string;
  positive: string;
  negative?: string[];
}): SecretRule {
  const { prefix, id, title, revoke, docsUrl, positive, negative = [] } = options;
  return {
    id,
    title,
    provider: 'Cloudflare',
    keywords: [`${prefix}_`],
    pattern: new RegExp(`(?<![A-Za-z0-9_])(?<secret>${prefix}_[A-Za-z0-9]{40}[0-9a-f]{8})(?![A-Za-z0-9_])`),
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    verify: hasCloudflareChecksum,
    remediation: { revoke, docsUrl },
    examples: { positive: [positive], negative: [`token: ${prefix}_${'x'.repeat(48)}`, ...negative] },
  };
}

export const CLOUDFLARE_RULES: SecretRule[] = [
  scannableCredential({
    prefix: 'cfut',
    id: 'cloudflare-user-api-token',
    title: 'Cloudflare user API token',
    revoke:
      'Roll the token (My Profile > API Tokens > Roll) or delete it and create a new one with only the permissions and zones needed.',
    docsUrl: ROLL_TOKEN_DOCS,
    positive: 'CLOUDFLARE_API_TOKEN=cfut_kARkhT9BSYFaJc8UtXfYLqm71Eyhi81iH2wlDrqV8c76b20d',
    // Right shape, wrong CRC-32.
    negative: ['CLOUDFLARE_API_TOKEN=cfut_kARkhT9BSYFaJc8UtXfYLqm71Eyhi81iH2wlDrqV8c76b20a'],
  }),
  scannableCredential({
    prefix: 'cfat',
    id: 'cloudflare-account-api-token',
    title: 'Cloudflare account API token',
    revoke:
      'Roll or delete the token under Manage Account > Account API Tokens and create a replacement with the least permissions.',
    docsUrl: ROLL_TOKEN_DOCS,
    positive: 'wrangler_token = "cfat_Bl2bZlKZkx3LWqnjoDb2ClYEHCEb77WfGbTZfW9O10d9847d"',
  }),
  scannableCredential({
    prefix: 'cfk',
    id: 'cloudflare-global-api-key',
    title: 'Cloudflare Global API Key',
    revoke:
      'Change the Global API Key (My Profile > API Tokens > Global API Key > Change): it has full access to the account. Move integrations to scoped API tokens.',
    docsUrl: 'https://developers.cloudflare.com/fundamentals/api/get-started/keys/',
    positive: 'CLOUDFLARE_API_KEY=cfk_GKi1OtmxmO0el2ytVXwIqH2m63yFg2nl7tPp63fy937a4924',
  }),
  {
    id: 'cloudflare-global-api-key-legacy',
    title: 'Cloudflare Global API Key (37 hex characters)',
    provider: 'Cloudflare',
    keywords: ['cloudflare', 'cf_api_key'],
    pattern: assignedValue(`(?:${anyCase('cloudflare')}|${anyCase('cf_api_key')})`, '[0-9a-f]{37}'),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 3,
    remediation: {
      revoke:
        'Change the Global API Key (My Profile > API Tokens > Global API Key > Change) and move integrations to scoped API tokens.',
      docsUrl: 'https://developers.cloudflare.com/fundamentals/api/get-started/keys/',
    },
    examples: {
      positive: ['CLOUDFLARE_API_KEY=9699166ad21459bdc5f54d3dfaa16c8b7b4a4'],
      negative: ['CLOUDFLARE_ZONE_ID=7f09ac8347727c69559dcaf73a666233'],
    },
  },
  {
    id: 'cloudflare-api-token-legacy',
    title: 'Cloudflare API token (40-character format)',
    provider: 'Cloudflare',
    keywords: ['cloudflare', 'cf_api_token'],
    pattern: assignedValue(
      `(?:${anyCase('cloudflare')}|${anyCase('cf')})_?(?:${anyCase('api')}_?)?${anyCase('token')}`,
      '[A-Za-z0-9_-]{40}',
    ),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke: 'Roll the token (My Profile > API Tokens > Roll) or delete it; new tokens use the scannable `cfut_` format.',
      docsUrl: ROLL_TOKEN_DOCS,
    },
    examples: {
      positive: ['CLOUDFLARE_API_TOKEN=jabf66KVFdGGZaeUgdmoyW2wPXCiSdh2JAcGRzQh', 'cf_api_token: "jabf66KVFdGGZaeUgdmoyW2wPXCiSdh2JAcGRzQh"'],
      negative: ['CLOUDFLARE_API_TOKEN=${{ secrets.CLOUDFLARE_API_TOKEN }}', 'CLOUDFLARE_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'cloudflare-origin-ca-key',
    title: 'Cloudflare Origin CA key',
    provider: 'Cloudflare',
    keywords: ['v1.0-'],
    pattern: /(?<![A-Za-z0-9.])(?<secret>v1\.0-[0-9a-f]{24}-[0-9a-f]{146})(?![0-9A-Za-z])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke:
        'Change the Origin CA Key (My Profile > API Tokens > Origin CA Key > Change) and update the tools that issue origin certificates with it.',
      docsUrl: 'https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys/',
    },
    examples: {
      positive: ['CF_API_USER_SERVICE_KEY=v1.0-0b7ebe24b157708ce8a66014-6b192684b81cb874056691a35fee02e2ce8654ba5e1757c59b83b5e2acd86f9b72cc20fc3174f59002ee3e5f8d71eadefd955e6aaad1161d54985b4a69429aae511248b8f5dc4235ed'],
      negative: ['version: v1.0-0000'],
    },
  },
];
