import type { SecretRule } from '../../rule.js';
import { anyCase, assignedValue, isMixedCase } from './support.js';

export const PLATFORM_RULES: SecretRule[] = [
  {
    id: 'databricks-personal-access-token',
    title: 'Databricks personal access token',
    provider: 'Databricks',
    keywords: ['dapi'],
    pattern: /(?<![A-Za-z0-9])(?<secret>dapi[0-9a-f]{32}(?:-[0-9])?)(?![A-Za-z0-9-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3,
    remediation: {
      revoke:
        'Revoke the token (User Settings > Developer > Access tokens, or `databricks tokens delete`; workspace admins can use the token management API) and prefer OAuth machine-to-machine credentials.',
      docsUrl: 'https://docs.databricks.com/en/dev-tools/auth/pat.html',
    },
    examples: {
      positive: ['DATABRICKS_TOKEN=dapieb36701a2fb3cf95b3570eb065b46982'],
      negative: ['DATABRICKS_TOKEN=dapi00000000000000000000000000000000', 'rapid api'],
    },
  },
  {
    id: 'flyio-access-token',
    title: 'Fly.io access token',
    provider: 'Fly.io',
    keywords: ['fo1_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>fo1_[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke: 'Revoke it with `fly tokens revoke <id>` (list ids with `fly tokens list`) or in the dashboard, then issue a narrower deploy or org token.',
      docsUrl: 'https://fly.io/docs/security/tokens/',
    },
    examples: {
      positive: ['FLY_API_TOKEN=fo1_uCTM08-0z1SiJ1RbaQifFysH-qur5SFYDicudZS1pqe'],
      negative: ['FLY_API_TOKEN=fo1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'flyio-macaroon-token',
    title: 'Fly.io macaroon token',
    provider: 'Fly.io',
    keywords: ['flyv1 fm'],
    // "FlyV1 " then one or more comma-separated macaroons (fm1a_/fm1r_/fm2_ + base64).
    pattern: /FlyV1 (?<secret>fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,4000}={0,3}(?:,fm(?:1[ar]|2)_[A-Za-z0-9+/]{20,4000}={0,3}){0,8})/,
    window: { before: 16, after: 8192 },
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke: 'Revoke it with `fly tokens revoke <id>` (list ids with `fly tokens list`) and create a deploy token scoped to one app with an expiry.',
      docsUrl: 'https://fly.io/docs/security/tokens/',
    },
    examples: {
      positive: ['FLY_API_TOKEN="FlyV1 fm2_2BL4dXIi9Kz84QESoCq6LRzeohUfYPub0Yfglbyhx5lIWIqVmvINpmsXpeFmgs0on4hcTJVaBzoIQ/3ERlBbsKiRDUn0LBicOdZiSqRZTeWdY6b5lk47bn+zlxsH9PC4riCje8/DsPAqQnMnvIsN24MK3tYdz5ngsA1TJz1mxwIq9oZfhT6rgwNcon2Oh6dT6FhS9USs4JQQhFZxr1L2uGhWoGwUioS1NiAZx4p8RNjQrjVGthTfZf+OLHCXut08om7iLUj2elaH30onJbvmQroOUPUNqQhvfH0DMDHzU+5L/0u8LFtabo2h47FA5E6ku15D3KsPv5TrWN2zclpsA0Jl2qXKUv9L8rGfbEmYvSLnKmHD4NHSRikzK0E34OhzusdoRmqdgQSYVeug=="'],
      negative: ['FLY_API_TOKEN="FlyV1 fm2_short"'],
    },
  },
  {
    id: 'vercel-access-token',
    title: 'Vercel access token',
    provider: 'Vercel',
    keywords: ['vercel'],
    pattern: assignedValue(anyCase('vercel'), '[A-Za-z0-9]{24}'),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 3.8,
    verify: isMixedCase,
    remediation: {
      revoke: 'Delete the token under Account Settings > Tokens on vercel.com and create a new one scoped to the team or project, with an expiry.',
      docsUrl: 'https://vercel.com/docs/accounts/access-tokens',
    },
    examples: {
      positive: ['VERCEL_TOKEN=MwOvDEV4E9G5umoq0rcG6zdZ'],
      negative: ['VERCEL_ORG_ID=team_abcdefghijklmnopqrstuvwx', 'VERCEL_TOKEN=aaaaaaaaaaaaaaaaaaaaaaaa'],
    },
  },
  {
    id: 'netlify-personal-access-token',
    title: 'Netlify personal access token',
    provider: 'Netlify',
    keywords: ['nfp_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>nfp_[A-Za-z0-9_]{36})(?![A-Za-z0-9_-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the token under User settings > Applications > Personal access tokens on app.netlify.com and create a new one with an expiry.',
      docsUrl: 'https://docs.netlify.com/api/get-started/#authentication',
    },
    examples: {
      positive: ['NETLIFY_AUTH_TOKEN=nfp_iLK4GMVxsjTalP0hWBjn2DOX0iIFTOPxhsPu'],
      negative: ['NETLIFY_AUTH_TOKEN=nfp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'pulumi-access-token',
    title: 'Pulumi Cloud access token',
    provider: 'Pulumi',
    keywords: ['pul-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>pul-[0-9a-f]{40})(?![0-9A-Za-z_-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3,
    remediation: {
      revoke: 'Delete the token in Pulumi Cloud (Settings > Access tokens, or the organization/team token page) and create a new one, ideally via OIDC instead of a stored token.',
      docsUrl: 'https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/',
    },
    examples: {
      positive: ['PULUMI_ACCESS_TOKEN=pul-16588ea2951b289b8535c665c96f89a51d0bd1ce'],
      negative: ['PULUMI_ACCESS_TOKEN=pul-0000000000000000000000000000000000000000'],
    },
  },
];
