import type { SecretRule } from '../../rule.js';
import { decodeBase64, hasGitHubChecksum } from './support.js';

export const REGISTRY_RULES: SecretRule[] = [
  {
    id: 'npm-access-token',
    title: 'npm access token',
    provider: 'npm',
    keywords: ['npm_'],
    // Same layout as GitHub's tokens: 30 base62 and a base62 CRC-32 of them.
    pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    verify: hasGitHubChecksum,
    remediation: {
      revoke:
        'Revoke it with `npm token revoke <id>` or on npmjs.com (Access Tokens), create a granular token limited to the packages it publishes, and check recent versions of those packages.',
      docsUrl: 'https://docs.npmjs.com/revoking-access-tokens',
    },
    examples: {
      positive: ['//registry.npmjs.org/:_authToken=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'],
      negative: ['//registry.npmjs.org/:_authToken=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '//registry.npmjs.org/:_authToken=npm_9wuQ6flEj4wbkmFmNAGUoBJpXwzufL0MbECa'],
    },
  },
  {
    id: 'pypi-api-token',
    title: 'PyPI API token',
    provider: 'PyPI',
    keywords: ['pypi-ageichlwas5vcmc'],
    // A macaroon whose first caveat is the location "pypi.org".
    pattern: /(?<![A-Za-z0-9_-])(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke:
        'Remove the token under Account settings > API tokens on pypi.org, create a project-scoped one (or switch to Trusted Publishing), and review recent releases.',
      docsUrl: 'https://pypi.org/help/#apitoken',
    },
    examples: {
      positive: ['[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcViJGK_XD1sftFsRQmT96f8tlTfubaD1obiicWjuJZvE1tQ5JWrekq8bktDJX0mL1Z2cb640tE7tM07OtVXSQk_bzly2x7yTH4c1axP_ZgEeZ_UdanZUDiPLNn8DpNtS_b-DMseTyGBpCNszeGdCu6XlvF8PvyTjz'],
      negative: ['password = pypi-AgEIcHlwaS5vcmc'],
    },
  },
  {
    id: 'testpypi-api-token',
    title: 'TestPyPI API token',
    provider: 'PyPI',
    keywords: ['pypi-agendgvzdc5wexbplm9yzw'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Remove the token under Account settings > API tokens on test.pypi.org and create a new one.',
      docsUrl: 'https://test.pypi.org/help/#apitoken',
    },
    examples: {
      positive: ['TWINE_PASSWORD=pypi-AgENdGVzdC5weXBpLm9yZw6i4KyvxrwxdNTw3JMMr7YqXpdyGEHBitT_XPkVc6wqlNAppeFD0hjVJqH1o3PXhNYNYWasXmKFri7dfb5O_2m3e64GCuxe0nB9PFdGn-vSAUHHWkt19EjVc4pe3clUVR2GibOnQU1SMu_4BfMhRgQ8q74AxI8aKp'],
      negative: ['TWINE_PASSWORD=pypi-AgENdGVzdC5weXBpLm9yZw'],
    },
  },
  {
    id: 'rubygems-api-key',
    title: 'RubyGems API key',
    provider: 'RubyGems',
    keywords: ['rubygems_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>rubygems_[0-9a-f]{48})(?![0-9A-Za-z_])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3,
    remediation: {
      revoke: 'Delete the key on rubygems.org (Settings > API keys), create one scoped to the gems and actions needed, and check recent pushes.',
      docsUrl: 'https://guides.rubygems.org/api-key-scopes/',
    },
    examples: {
      positive: ['---\n:rubygems_api_key: rubygems_5a9a538fb5967bd8f65b97bdcc75c22f31fa88a00590c3ff'],
      negative: [':rubygems_api_key: rubygems_000000000000000000000000000000000000000000000000'],
    },
  },
  {
    id: 'nuget-api-key',
    title: 'NuGet.org API key',
    provider: 'NuGet',
    keywords: ['oy2'],
    pattern: /(?<![A-Za-z0-9])(?<secret>oy2[a-z0-9]{43})(?![A-Za-z0-9])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    remediation: {
      revoke: 'Delete or regenerate the key on nuget.org (Account > API Keys) and create one scoped to the packages and glob it needs.',
      docsUrl: 'https://learn.microsoft.com/en-us/nuget/nuget-org/scoped-api-keys',
    },
    examples: {
      positive: ['dotnet nuget push Acme.Core.1.2.0.nupkg --api-key oy2rh7npt15aw04ax2c3pmcv5riytonjzd4e06623swcte --source https://api.nuget.org/v3/index.json'],
      negative: ['--api-key oy2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    },
  },
  {
    id: 'docker-hub-personal-access-token',
    title: 'Docker Hub personal access token',
    provider: 'Docker',
    keywords: ['dckr_pat_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>dckr_pat_[A-Za-z0-9_-]{27})(?![A-Za-z0-9_-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'Delete the token in Docker Hub (Account settings > Personal access tokens), create a read-only or repository-scoped one where possible, and check for pushed images you do not recognise.',
      docsUrl: 'https://docs.docker.com/security/for-developers/access-tokens/',
    },
    examples: {
      positive: ['echo "dckr_pat_oy7ZbBjc0tbpxNsVGZ8Qz4DGGqB" | docker login -u acmebot --password-stdin'],
      negative: ['echo "dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx" | docker login'],
    },
  },
  {
    id: 'jfrog-api-key',
    title: 'JFrog Artifactory API key',
    provider: 'JFrog',
    keywords: ['akcp'],
    pattern: /(?<![A-Za-z0-9])(?<secret>AKCp[A-Za-z0-9]{69})(?![A-Za-z0-9])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4.5,
    remediation: {
      revoke:
        'Revoke the API key in the JFrog Platform (Edit Profile > API Key > Revoke, or an admin via the Access API) and move to scoped access tokens: API keys are deprecated.',
      docsUrl: 'https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key-deprecation',
    },
    examples: {
      positive: ['artifactory_api_key: AKCph5UgfKeW9KhOU7ko2r5AQ6Jb9dRFkLu8U89B3dbYozHD1utGiqwFkCitviMUzTdYJPZ0D'],
      negative: ['artifactory_api_key: AKCpxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'jfrog-reference-token',
    title: 'JFrog access token (reference token)',
    provider: 'JFrog',
    keywords: ['cmvmdgtu'],
    // base64 of "reftkn:<version>:<expiry>:<random>".
    pattern: /(?<![A-Za-z0-9])(?<secret>cmVmdGtu[A-Za-z0-9]{56})(?![A-Za-z0-9])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4.5,
    verify: (secret) => /^reftkn:[0-9]{2}:[0-9]{1,12}:/.test(decodeBase64(secret) ?? ''),
    remediation: {
      revoke:
        'Revoke the token in the JFrog Platform (Administration > User Management > Access Tokens, or `DELETE /access/api/v1/tokens/{id}`) and create a new scoped, expiring token.',
      docsUrl: 'https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens',
    },
    examples: {
      positive: ['JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjMwMzQzOTQwNjE6MTUwMDBxeVJQem03Wm5CMWJjb1IzNXZuMXNF'],
      negative: ['JFROG_ACCESS_TOKEN=cmVmdGtuofjHsZI7Xs975NbLKpYdwchsAFqbuROXUkZEhd0dasgnCfnn2Fm2kSwF'],
    },
  },
];
