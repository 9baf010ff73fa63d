import type { SecretRule } from '../../rule.js';
import { UUID, assigned, prefixed } from './shared.js';

// Shopify (shpat_/shpca_/shppa_/shpss_ + 32 hex), Square (`EAAA` + 60 for
// current access tokens, `sq0atp-`/`sq0csp-` for legacy tokens and app
// secrets), Braintree (`access_token$production$…`), Shippo, EasyPost,
// Flutterwave, GoCardless, Lob and Plaid. Test/sandbox credentials are not
// reported (see stripe.ts); they appear as negatives.

function shopify(
  id: string,
  title: string,
  prefix: string,
  severity: SecretRule['severity'],
  revoke: string,
  example: string,
): SecretRule {
  return {
    id,
    title,
    provider: 'Shopify',
    keywords: [prefix],
    pattern: prefixed(prefix, '[a-fA-F0-9]{32}'),
    confidence: 'high',
    severity,
    minEntropy: 3,
    remediation: {
      revoke,
      docsUrl: 'https://shopify.dev/docs/apps/build/authentication-authorization/client-secrets/rotate-revoke-client-credentials',
    },
    examples: { positive: [example], negative: [`${prefix}00000000000000000000000000000000`] },
  };
}

export const PAYMENT_RULES: SecretRule[] = [
  shopify(
    'shopify-access-token',
    'Shopify Admin API access token',
    'shpat_',
    'critical',
    'Uninstall and reinstall the app (or, for a custom app, "Uninstall" in Settings → Apps and sales channels → Develop apps and reinstall) to revoke the token and issue a new one.',
    `SHOPIFY_ACCESS_TOKEN=${'shpat'}_7beef6eac0d60421975794ec54655f9d`,
  ),
  shopify(
    'shopify-custom-app-access-token',
    'Shopify custom app access token',
    'shpca_',
    'high',
    'Uninstall the custom app from the store and reinstall it to revoke this token and issue a new one.',
    `headers: { 'X-Shopify-Access-Token': '${'shpca'}_ccdbc08f454013513799e016f5c7a714' }`,
  ),
  shopify(
    'shopify-private-app-access-token',
    'Shopify private app access token',
    'shppa_',
    'high',
    'Private apps are legacy: delete the private app in the store admin (which revokes its token) and replace it with a custom app.',
    `shopify_password: ${'shppa'}_9fdfad7752f48a053aa5b82c3af5a228`,
  ),
  shopify(
    'shopify-shared-secret',
    'Shopify app shared secret',
    'shpss_',
    'high',
    'Rotate the client secret in the Partner Dashboard (App setup → Client credentials → "Rotate"), deploy the new secret, then revoke the old one.',
    `SHOPIFY_API_SECRET="${'shpss'}_8c7edb7e4554c303fad59ec93c245f12"`,
  ),
  {
    id: 'square-access-token',
    title: 'Square production access token',
    provider: 'Square',
    keywords: ['eaaa'],
    pattern: prefixed('EAAA', '[A-Za-z0-9_-]{60}'),
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke:
        'Replace the personal access token in the Developer Console (Credentials → "Replace"), or revoke OAuth tokens with the `RevokeToken` endpoint, then deploy the new token from a secret manager.',
      docsUrl: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    },
    examples: {
      positive: [`SQUARE_ACCESS_TOKEN=${'EAAA'}mRqhR0BpH61bz3dpMNPrCIuaxsNr93SDjIVH2GMQb_QE8Q0YQlVNqnGvzZu2`],
      negative: ['SQUARE_ACCESS_TOKEN=EAAAxxxxxxxx'],
    },
  },
  {
    id: 'square-legacy-access-token',
    title: 'Square access token (legacy sq0atp- format)',
    provider: 'Square',
    keywords: ['sq0atp-'],
    pattern: prefixed('sq0atp-', '[A-Za-z0-9_-]{22}'),
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'Replace the access token in the Developer Console (Credentials → "Replace") or revoke it with `RevokeToken`, then deploy the new one.',
      docsUrl: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    },
    examples: { positive: [`square.access_token = "${'sq0atp'}-pcFbtBM4lQRvi1SmrQ-BLD"`] },
  },
  {
    id: 'square-application-secret',
    title: 'Square OAuth application secret',
    provider: 'Square',
    keywords: ['sq0csp-'],
    pattern: prefixed('sq0csp-', '[A-Za-z0-9_-]{43}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke:
        'Replace the application secret in the Developer Console (OAuth → "Replace secret") and update the OAuth server that exchanges codes.',
      docsUrl: 'https://developer.squareup.com/docs/oauth-api/overview',
    },
    examples: { positive: [`SQUARE_APP_SECRET=${'sq0csp'}-zUrgPBxpIFr7wfhbt9CGnwzEr_VdOzA3NkcC2wg5cTV`] },
  },
  {
    id: 'braintree-production-access-token',
    title: 'PayPal Braintree production access token',
    provider: 'PayPal',
    keywords: ['access_token$production$'],
    pattern: prefixed('access_token$production$', String.raw`[a-z0-9]{16}\$[a-f0-9]{32}`),
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3,
    remediation: {
      revoke:
        'Revoke the access token from the PayPal developer dashboard (Apps & Credentials) or the Braintree Control Panel API settings, then generate a new one and deploy it from a secret manager.',
      docsUrl: 'https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials',
    },
    examples: {
      positive: [`BRAINTREE_ACCESS_TOKEN=${'access_token$production'}$56tcgfpsgsezxmna$fce622dbb97de7bfde14ae3661e6abc6`],
      negative: [`BRAINTREE_ACCESS_TOKEN=${'access_token$sandbox'}$tem8hkbxgscam1ws$ccbda5febc8f98b1b855c03ce3e7b68f`],
    },
  },
  {
    id: 'shippo-live-api-token',
    title: 'Shippo live API token',
    provider: 'Shippo',
    keywords: ['shippo_live_'],
    pattern: prefixed('shippo_live_', '[a-fA-F0-9]{40}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke: 'Regenerate the live token in the Shippo dashboard (Settings → API → "Generate token") and delete the old one.',
      docsUrl: 'https://docs.goshippo.com/docs/guides_general/authentication/',
    },
    examples: {
      positive: [`SHIPPO_API_KEY=${'shippo_live'}_6cb9d6746c70f7022bad119a98ee9524e0c1351a`],
      negative: [`SHIPPO_API_KEY=${'shippo_test'}_35a46e37184bd241b78bcf7a23f1f7d259da5ea7`],
    },
  },
  {
    id: 'easypost-production-api-key',
    title: 'EasyPost production API key',
    provider: 'EasyPost',
    keywords: ['ezak'],
    pattern: prefixed('EZAK', '[A-Za-z0-9]{54}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Disable the production key in the EasyPost dashboard (Account Settings → API Keys), create a new one and update clients.',
      docsUrl: 'https://docs.easypost.com/docs/authentication',
    },
    examples: {
      positive: [`client = easypost.EasyPostClient("${'EZAK'}ERYJKFKb9uq72z2bhP7qp3pXWiJjLP8LioEwFHwpJ77Mi41FmBHNyM")`],
      negative: [`client = easypost.EasyPostClient("${'EZTK'}WSx7Xn2YEPhqUTR8qW9frMNZE1pGh5ZR1KDPWKittqLm9CKx2tIdli")`],
    },
  },
  {
    id: 'flutterwave-live-secret-key',
    title: 'Flutterwave live secret key',
    provider: 'Flutterwave',
    keywords: ['flwseck-'],
    pattern: prefixed('FLWSECK-', '[a-f0-9]{32}-X'),
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3,
    remediation: {
      revoke: 'Generate new API keys in the Flutterwave dashboard (Settings → API Keys → "Generate new keys"), which invalidates the old pair, and deploy the new secret key.',
      docsUrl: 'https://developer.flutterwave.com/docs/authentication',
    },
    examples: {
      positive: [`FLW_SECRET_KEY=${'FLWSECK'}-9d02cd2296bff9631edc8f22579df57c-X`],
      negative: [`FLW_SECRET_KEY=${'FLWSECK_TEST'}-a5cb885930b16914a50cfe3a7f97ca7a-X`],
    },
  },
  {
    id: 'gocardless-live-access-token',
    title: 'GoCardless live access token',
    provider: 'GoCardless',
    keywords: ['gocardless'],
    pattern: assigned(['gocardless'], 'live_[A-Za-z0-9_=-]{40}'),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the access token in the GoCardless dashboard (Developers → Access tokens) and create a new one for the integration.',
      docsUrl: 'https://developer.gocardless.com/getting-started/api/making-your-first-request',
    },
    examples: {
      positive: [`GOCARDLESS_ACCESS_TOKEN=${'live'}_GBZrAhHRngiTsq2I2MsDz4BxrzqXVdjaydv7szVw`],
      negative: [`GOCARDLESS_ACCESS_TOKEN=sandbox_FXGvGIrjRWPqL-0NPN7nsGCjMDQK44OUqokYG-54`],
    },
  },
  {
    id: 'lob-live-api-key',
    title: 'Lob live secret API key',
    provider: 'Lob',
    // `lob` is in blob and global; the key's own `live_` prefix is rarer.
    keywords: ['live_'],
    pattern: assigned(['lob'], 'live_[a-f0-9]{35}'),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke: 'Roll the live secret key in the Lob dashboard (Settings → API Keys) and update the integration.',
      docsUrl: 'https://help.lob.com/account-management/api-keys',
    },
    examples: {
      positive: [`LOB_API_KEY=${'live'}_3c39cf82df72bc52d21f022cb764ab077a2`],
      negative: [`LOB_API_KEY=${'live_pub'}_49a1ee8526a41816fb474ae2154bc4a`],
    },
  },
  {
    id: 'plaid-production-access-token',
    title: 'Plaid production access token',
    provider: 'Plaid',
    keywords: ['access-production-'],
    pattern: prefixed('access-production-', UUID),
    confidence: 'high',
    severity: 'critical',
    remediation: {
      revoke:
        'An access token reads the linked bank account: rotate it with `/item/access_token/invalidate` (or remove the Item with `/item/remove`) and store the new token server-side only.',
      docsUrl: 'https://plaid.com/docs/api/items/#itemaccess_tokeninvalidate',
    },
    examples: {
      positive: [`access_token = "${'access-production'}-0f57b4a9-19e6-0167-e04c-f20eae5c6dda"`],
      negative: [`access_token = "${'access-sandbox'}-43884c34-c130-700e-5940-bb713bad12bd"`],
    },
  },
  {
    id: 'plaid-secret',
    title: 'Plaid API secret',
    provider: 'Plaid',
    keywords: ['plaid'],
    pattern: assigned(['plaid'], '[a-z0-9]{30}'),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3.5,
    remediation: {
      revoke: 'Rotate the secret in the Plaid Dashboard (Developers → Keys → "Rotate secret"), deploy the new secret, then delete the old one.',
      docsUrl: 'https://plaid.com/docs/account/security/#rotating-keys',
    },
    examples: {
      positive: [`PLAID_SECRET=6lfy7r6tnolbhl501ixbgkq1hel6gw`],
      negative: ['PLAID_SECRET=your_plaid_secret_here'],
    },
  },
];
