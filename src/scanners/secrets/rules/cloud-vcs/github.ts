import type { SecretRule } from '../../rule.js';
import { hasGitHubChecksum } from './support.js';

const PAT_DOCS =
  'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens#deleting-a-personal-access-token';

/** The five classic-format families share one shape: prefix, 30 base62, 6-character CRC-32. */
function classicToken(options: {
  prefix: 'ghp' | 'gho' | 'ghu' | 'ghs';
  id: string;
  title: string;
  revoke: string;
  docsUrl: string;
  positive: string[];
  negative?: string[];
}): SecretRule {
  const { prefix, id, title, revoke, docsUrl, positive, negative = [] } = options;
  return {
    id,
    title,
    provider: 'GitHub',
    keywords: [`${prefix}_`],
    pattern: new RegExp(`(?<![A-Za-z0-9_])(?<secret>${prefix}_[A-Za-z0-9]{36})(?![A-Za-z0-9_])`),
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    verify: hasGitHubChecksum,
    remediation: { revoke, docsUrl },
    examples: {
      positive,
      negative: [
        `token: ${prefix}_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
        `token: ${prefix}_16C7e42F292c6912E7710c838347Ae178B4a`,
        `token: ${prefix}_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh`,
        ...negative,
      ],
    },
  };
}

export const GITHUB_RULES: SecretRule[] = [
  classicToken({
    prefix: 'ghp',
    id: 'github-pat-classic',
    title: 'GitHub personal access token (classic)',
    revoke: 'Delete the token under Settings > Developer settings > Personal access tokens (or ask an org owner to revoke it via the credential revocation API), create a fine-grained token with only the repositories and permissions needed, and review the security log for its use.',
    docsUrl: PAT_DOCS,
    positive: [
      'GITHUB_TOKEN=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',
      'git clone https://x-access-token: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@github.com/acme/app.git',
    ],
    // Right shape, wrong CRC-32 in the last six characters.
    negative: ['GITHUB_TOKEN=ghp_Hmvl3LNSI37MAIzk0I8JSTuegjU7HV1HTN6a'],
  }),
  classicToken({
    prefix: 'gho',
    id: 'github-oauth-access-token',
    title: 'GitHub OAuth access token',
    revoke: 'Revoke the authorization under Settings > Applications > Authorized OAuth Apps (the app owner can also delete it with `DELETE /applications/{client_id}/token`), then sign in again to get a new token.',
    docsUrl: 'https://docs.github.com/en/apps/oauth-apps/using-oauth-apps/reviewing-your-authorized-oauth-apps',
    positive: ["headers: { Authorization: 'token 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' },"],
  }),
  classicToken({
    prefix: 'ghu',
    id: 'github-user-to-server-token',
    title: 'GitHub App user access token',
    revoke: 'Revoke the app\'s authorization under Settings > Applications > Authorized GitHub Apps (the app can call `DELETE /applications/{client_id}/token`); the user then authorizes again.',
    docsUrl: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-user-access-token-for-a-github-app',
    positive: ['const octokit = new Octokit({ auth: "ghu_xO6nkAilyBOaqi26hSNtAv0wHARjj42KVzln" });'],
  }),
  classicToken({
    prefix: 'ghs',
    id: 'github-installation-access-token',
    title: 'GitHub App installation access token',
    revoke: 'Revoke it with `DELETE /installation/token` authenticated as the token itself; if the app\'s private key leaked too, generate a new private key in the app settings and delete the old one.',
    docsUrl: 'https://docs.github.com/en/rest/apps/installations#revoke-an-installation-access-token',
    positive: ['echo "ghs_dFHZLNTK2glGusDCg9xi64W0Wy6csH0mmmSh" | gh auth login --with-token'],
  }),
  {
    id: 'github-refresh-token',
    title: 'GitHub App refresh token',
    provider: 'GitHub',
    keywords: ['ghr_'],
    // GitHub's docs show 76 characters after the prefix; 36-character ones carry the classic checksum.
    pattern: /(?<![A-Za-z0-9_])(?<secret>ghr_(?:[A-Za-z0-9]{76}|[A-Za-z0-9]{36}))(?![A-Za-z0-9_])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    verify: (secret) => secret.length !== 40 || hasGitHubChecksum(secret),
    remediation: {
      revoke:
        'Revoke the user\'s authorization of the GitHub App (Settings > Applications > Authorized GitHub Apps, or `DELETE /applications/{client_id}/grant`), which invalidates its refresh tokens; the user authorizes again.',
      docsUrl:
        'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens',
    },
    examples: {
      positive: ['refresh_token=ghr_7gVC0KwwQatUdA5ZVGkOoKDKbzBPiGVARdPniC9Qdjy9qGdcibTs0Lz01NCkRIor9kUT0clLtFej', "const refreshToken = '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';"],
      negative: ['refresh_token=ghr_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', "const refreshToken = 'ghr_3fx6jrfLzwhhzM5DmadZ6J0ptBYoYU3hFOBa';"],
    },
  },
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    provider: 'GitHub',
    keywords: ['github_pat_'],
    // github_pat_ + 22 base62 (id) + "_" + 59 base62.
    pattern: /(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke:
        'Delete the token under Settings > Developer settings > Fine-grained tokens (organization owners can revoke it in the organization\'s token settings), create a replacement with the least repository access, and check the audit log.',
      docsUrl: PAT_DOCS,
    },
    examples: {
      positive: ['gh_token: "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"'],
      negative: [
        'gh_token: "github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        'gh_token: "github_pat_11ABCDEFG"',
      ],
    },
  },
];
