import type { SecretRule } from '../../rule.js';
import { decodeBase64, hasTrailingHexCrc32 } from './support.js';

const API_TOKENS_DOCS = 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/';

export const ATLASSIAN_RULES: SecretRule[] = [
  {
    id: 'bitbucket-app-password',
    title: 'Bitbucket Cloud app password',
    provider: 'Bitbucket',
    keywords: ['atbb'],
    // "ATBB", base62, then the CRC-32 of everything before it in 8 hex digits.
    pattern: /(?<![A-Za-z0-9])(?<secret>ATBB(?:[A-Za-z0-9]{32}|[A-Za-z0-9]{24})[0-9A-Fa-f]{8})(?![A-Za-z0-9])/,
    confidence: 'high',
    severity: 'critical',
    verify: hasTrailingHexCrc32,
    remediation: {
      revoke:
        'Revoke it under Personal settings > App passwords and replace it with an API token with scopes (app passwords are being retired).',
      docsUrl: 'https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/',
    },
    examples: {
      positive: ['BITBUCKET_APP_PASSWORD=ATBB86IH4CvVdNqUpXCylOBIlnJTE248F31D', '  app_password: ATBBiYLq8IHuRBllLdIa7IOvSFsgVCrTx2425C4C2B74'],
      negative: ['BITBUCKET_APP_PASSWORD=ATBB86IH4CvVdNqUpXCylOBIlnJTE248F31A', 'BITBUCKET_APP_PASSWORD=ATBBxxxxxxxxxxxxxxxxxxxxxxxxXXXXXXXX'],
    },
  },
  {
    id: 'bitbucket-access-token',
    title: 'Bitbucket repository, project or workspace access token',
    provider: 'Bitbucket',
    keywords: ['atctt3'],
    pattern: /(?<![A-Za-z0-9_=-])(?<secret>ATCTT3[A-Za-z0-9_=-]{150,250})(?![A-Za-z0-9_=-])/,
    confidence: 'high',
    severity: 'critical',
    verify: hasTrailingHexCrc32,
    remediation: {
      revoke:
        'Revoke it under the repository, project or workspace settings > Access tokens and create a new one with the fewest scopes.',
      docsUrl: 'https://support.atlassian.com/bitbucket-cloud/docs/revoke-a-repository-access-token/',
    },
    examples: {
      positive: ['git clone https://x-token-auth:ATCTT3xFfGN0lnFY3LZwbIZt_o9nr1KXn9s2laUS8ldtPI7ls2zCxBaootGYhX_UN0qgz-IOgCWnnTCrMM7T7X1J9OQA4FnCXSPsnT=kBARf4t=AQjZpm9hGYsQgZ-hyBLRPF=Ms3M=O9iurTJ_0quBU4VbaIpP2eq1bddbNPTVmCvF5WC9tCWw2AF9835C3@bitbucket.org/acme/app.git'],
      negative: ['git clone https://x-token-auth:ATCTT3xFfGN0lnFY3LZwbIZt_o9nr1KXn9s2laUS8ldtPI7ls2zCxBaootGYhX_UN0qgz-IOgCWnnTCrMM7T7X1J9OQA4FnCXSPsnT=kBARf4t=AQjZpm9hGYsQgZ-hyBLRPF=Ms3M=O9iurTJ_0quBU4VbaIpP2eq1bddbNPTVmCvF5WC9tCWw2AF9835CA@bitbucket.org/acme/app.git'],
    },
  },
  {
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    provider: 'Atlassian',
    keywords: ['atatt3'],
    pattern: /(?<![A-Za-z0-9_=-])(?<secret>ATATT3[A-Za-z0-9_=-]{150,250})(?![A-Za-z0-9_=-])/,
    confidence: 'high',
    severity: 'critical',
    verify: hasTrailingHexCrc32,
    remediation: {
      revoke:
        'Revoke it at id.atlassian.com > Security > API tokens (an org admin can revoke it from Atlassian Administration), then create a scoped token with an expiry.',
      docsUrl: API_TOKENS_DOCS,
    },
    examples: {
      positive: ['JIRA_API_TOKEN="ATATT3xFfGF01qYU6A264U2Drc0X7UXO0PD=HVrnFTXSmKC484jppFBuzsAv8EVmMTJAhHS2V6=q2RXxiM_qQ0KYsLYVCj72Uzt_6QgbuC8Lv6FX=oRt0GTeSWQzm5Epz6h1-ff3tcYlfXL=I-9cXacKyvYeOtCOYDjaFn453bG3oyDOFNTbAIcF5C8EAECF"'],
      negative: ['JIRA_API_TOKEN="ATATT3xFfGF01qYU6A264U2Drc0X7UXO0PD=HVrnFTXSmKC484jppFBuzsAv8EVmMTJAhHS2V6=q2RXxiM_qQ0KYsLYVCj72Uzt_6QgbuC8Lv6FX=oRt0GTeSWQzm5Epz6h1-ff3tcYlfXL=I-9cXacKyvYeOtCOYDjaFn453bG3oyDOFNTbAIcF5C8EAECA"'],
    },
  },
  {
    id: 'bitbucket-data-center-http-access-token',
    title: 'Bitbucket Data Center HTTP access token',
    provider: 'Bitbucket',
    keywords: ['bbdc-'],
    // "BBDC-" + base64("<numeric id>:<random bytes>"), 44 characters.
    pattern: /(?<![A-Za-z0-9])(?<secret>BBDC-(?:[A-Za-z0-9+/]{44}|[A-Za-z0-9+/]{43}=))(?![A-Za-z0-9+/=])/,
    confidence: 'high',
    severity: 'critical',
    verify: (secret) => /^[0-9]{1,20}:/.test(decodeBase64(secret.slice(5)) ?? ''),
    remediation: {
      revoke:
        'Revoke it under Manage account > HTTP access tokens (or the project/repository settings for project and repository tokens) and create a new one.',
      docsUrl: 'https://confluence.atlassian.com/bitbucketserver/http-access-tokens-939515499.html',
    },
    examples: {
      positive: ['curl -H "Authorization: Bearer BBDC-NDYyNTkzNjgzNTc1Olp2YmdyUTRHdHJvaHdUYThTOHJl" https://bitbucket.acme.internal/rest/api/1.0/projects'],
      negative: ['curl -H "Authorization: Bearer BBDC-YTdCTXFqOVZQbURHSk1pVGpGRzFLTHR3NUs5WmZ4QnYw"'],
    },
  },
];
