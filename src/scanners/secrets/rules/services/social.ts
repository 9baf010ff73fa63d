import type { SecretRule } from '../../rule.js';
import { assigned, isMixedAlnum, prefixed } from './shared.js';

// X/Twitter app bearer tokens start with 22 `A`s (URL-encoded base64 of a
// zero-padded id); Meta user/page tokens start `EAA` + the app marker (never
// `EAAA`, which is Square's prefix); Yandex Cloud API keys start `AQVN`.
// App secrets and the rest have no prefix and are found by name.

export const SOCIAL_RULES: SecretRule[] = [
  {
    id: 'twitter-bearer-token',
    title: 'X (Twitter) app bearer token',
    provider: 'X',
    keywords: ['aaaaaaaaaaaaaaaaaaaaaa'],
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9%])(?<secret>A{22}[A-Za-z0-9%]{80,120})(?![A-Za-z0-9%])`),
    confidence: 'high',
    severity: 'high',
    minEntropy: 3.5,
    verify: (secret) => isMixedAlnum(secret.slice(22)),
    remediation: {
      revoke: 'Regenerate the bearer token in the X developer portal (Projects & Apps → the app → Keys and tokens → Bearer token → "Regenerate"), or invalidate it with `POST /oauth2/invalidate_token`.',
      docsUrl: 'https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens',
    },
    examples: { positive: [`TWITTER_BEARER_TOKEN=${'AAAAAAAAAAA'}AAAAAAAAAAAw1fidH8xO1IVOevjpQHgN8Wk81qMkQ1YU6dTKaSv%3DdlbgspgI01eH0ujfdlMvmKjbctMVR8Y3ZZgzZgzAL3Pw4fSbhH`] },
  },
  {
    id: 'twitter-api-key-secret',
    title: 'X (Twitter) API key secret (consumer secret)',
    provider: 'X',
    keywords: ['twitter'],
    pattern: assigned(['twitter'], '[A-Za-z0-9]{50}', { qualifiers: ['secret'] }),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Regenerate the API key and secret in the X developer portal (Keys and tokens → "Regenerate"), which invalidates the old pair and the tokens issued with it.',
      docsUrl: 'https://developer.x.com/en/docs/authentication/oauth-1-0a/api-key-and-secret',
    },
    examples: { positive: [`TWITTER_API_SECRET=EB0RmL9XPlDWDvEu8R5oYBaCYvZdGkmDgg7PBVxdv6PbYpRrmt`, `twitter_consumer_secret: "oEVgqfy2410lxuuBmdIcMYZ5l6GoFmiTP7vo7k8FqLmRreFScH"`] },
  },
  {
    id: 'facebook-access-token',
    title: 'Meta (Facebook) access token',
    provider: 'Meta',
    keywords: ['eaa'],
    pattern: prefixed('EAA', '[B-Z][A-Za-z0-9]{100,400}'),
    window: { before: 32, after: 460 },
    confidence: 'high',
    severity: 'high',
    minEntropy: 4.5,
    remediation: {
      revoke: 'Invalidate the token: for a user token, remove the app in Settings → Apps and websites; for a page or system-user token, regenerate it in Business Settings; then reset the app secret if it was stored alongside.',
      docsUrl: 'https://developers.facebook.com/docs/facebook-login/guides/access-tokens/',
    },
    examples: {
      positive: [`FB_PAGE_ACCESS_TOKEN=${'EAA'}GaHVNd70jnUOVyVT3rhBnFkMdC09l5pSCS4Rg46OvbFHxt3bGupajLhqIBwzEKCe3VTP4OxZGYrOsEDxZleNCOFlmuY1lS4REPWMUrJ6zvCYIKMUVfdscCx8fP9Glync0qZc4z9uIgw3C4m5P5JZJUMuHEghmFyhtSdZ1GhVYDSg1pIgAFYEk`],
      negative: [`SQUARE_ACCESS_TOKEN=${'EAAA'}oWMDgA0qFOQp9c7PBYFd6i4pamgdB_zAnpzUWVnmeNFeqBDyKkW-JovdVsps`],
    },
  },
  {
    id: 'facebook-app-secret',
    title: 'Meta (Facebook) app secret',
    provider: 'Meta',
    keywords: ['facebook'],
    pattern: assigned(['facebook'], '[a-f0-9]{32}', { qualifiers: ['secret'] }),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke: 'Reset the app secret in the Meta App Dashboard (App settings → Basic → App secret → "Reset"), which also invalidates app access tokens.',
      docsUrl: 'https://developers.facebook.com/docs/facebook-login/security/#appsecret',
    },
    examples: { positive: [`FACEBOOK_APP_SECRET=52fdfcce1b69c7b176e23ef66c793fdc`] },
  },
  {
    id: 'linkedin-client-secret',
    title: 'LinkedIn app client secret',
    provider: 'LinkedIn',
    keywords: ['linkedin'],
    pattern: assigned(['linkedin'], '[A-Za-z0-9]{16}', { qualifiers: ['secret'] }),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3.5,
    verify: (secret) => isMixedAlnum(secret),
    remediation: {
      revoke: 'Generate a new client secret in the LinkedIn Developer Portal (My apps → Auth → "Generate a new Client Secret"), deploy it, then delete the old one.',
      docsUrl: 'https://learn.microsoft.com/en-us/linkedin/shared/authentication/client-credentials-flow',
    },
    examples: { positive: [`LINKEDIN_CLIENT_SECRET=bYPegnEoA6Sp7crl`] },
  },
  {
    id: 'twitch-oauth-token',
    title: 'Twitch OAuth token or client secret',
    provider: 'Twitch',
    keywords: ['twitch'],
    pattern: assigned(['twitch'], '(?:oauth:)?[a-z0-9]{30}'),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3.5,
    remediation: {
      revoke: 'Revoke the token with `POST https://id.twitch.tv/oauth2/revoke` (or generate a new client secret in the Developer Console → the app → "New Secret").',
      docsUrl: 'https://dev.twitch.tv/docs/authentication/revoke-tokens/',
    },
    examples: { positive: [`TWITCH_CLIENT_SECRET=gtj4k7ab6gmdqud2r2l9xj2q03b2dd`, `twitch_oauth = "oauth:u954s3536n5g4rk5s39pbe1tsogxcr"`] },
  },
  {
    id: 'yandex-cloud-api-key',
    title: 'Yandex Cloud API key',
    provider: 'Yandex',
    keywords: ['aqvn'],
    pattern: prefixed('AQVN', '[A-Za-z0-9_-]{35,38}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the API key of the service account (Yandex Cloud console → the service account → API keys, or `yc iam api-key delete`) and create a new one.',
      docsUrl: 'https://yandex.cloud/en/docs/iam/operations/authentication/manage-api-keys',
    },
    examples: { positive: [`YC_API_KEY=${'AQVN'}4mbSJlEbcSL79MnHP8vc6E1Anzz7cfjwtRUR`] },
  },
  {
    id: 'yandex-cloud-static-access-key',
    title: 'Yandex Cloud static access key secret',
    provider: 'Yandex',
    keywords: ['yandex'],
    pattern: assigned(['yandex'], 'YC[A-Za-z0-9_-]{38}'),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the static access key of the service account (`yc iam access-key delete`) and create a new one for the S3 client.',
      docsUrl: 'https://yandex.cloud/en/docs/iam/operations/authentication/manage-access-keys',
    },
    examples: { positive: [`YANDEX_SECRET_ACCESS_KEY=${'YC'}7Fgz1cvSUlNxYzEjb9dFNp59FWQjtV2IRXJhc1`] },
  },
  {
    id: 'zoom-client-secret',
    title: 'Zoom app client secret',
    provider: 'Zoom',
    keywords: ['zoom'],
    pattern: assigned(['zoom'], '[A-Za-z0-9]{32}', { qualifiers: ['secret'] }),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Regenerate the client secret in the Zoom App Marketplace (Manage → the app → App credentials → "Regenerate") and update the server that requests tokens.',
      docsUrl: 'https://developers.zoom.us/docs/internal-apps/s2s-oauth/',
    },
    examples: { positive: [`ZOOM_CLIENT_SECRET=MUQyKWm3ntoFnxneTZRAI1tW4tXrC6SR`] },
  },
];

