import type { SecretRule } from '../../rule.js';
import { crc32 } from './support.js';

const TOKENS_DOCS = 'https://docs.gitlab.com/security/tokens/';

/** Legacy GitLab tokens: a `gl…-` prefix and 20 URL-safe random characters. */
function prefixedToken(options: {
  id: string;
  title: string;
  prefix: string;
  length: number;
  severity: SecretRule['severity'];
  revoke: string;
  docsUrl?: string;
  positive: string;
}): SecretRule {
  const { id, title, prefix, length, severity, revoke, docsUrl, positive } = options;
  return {
    id,
    title,
    provider: 'GitLab',
    keywords: [prefix.toLowerCase()],
    pattern: new RegExp(`(?<![A-Za-z0-9_-])(?<secret>${prefix}[0-9A-Za-z_-]{${length}})(?![0-9A-Za-z_.-])`),
    confidence: 'high',
    severity,
    minEntropy: 3,
    remediation: { revoke, docsUrl: docsUrl ?? TOKENS_DOCS },
    examples: {
      positive: [positive],
      negative: [`token = "${prefix}${'x'.repeat(length)}"`, `token = "${prefix}abc123"`],
    },
  };
}

/**
 * Routable tokens (GitLab 17.x): `<prefix><base64url payload>.[<version>.]<length><crc>`
 * where `<length>` is the payload length in base36 (2 digits) and `<crc>` the
 * CRC-32, in base36 padded to 7, of everything before it.
 * https://handbook.gitlab.com/handbook/engineering/architecture/design-documents/cells/routable_tokens/
 */
export function hasRoutableChecksum(token: string): boolean {
  const m = /^([a-z]{2,8}-)([0-9A-Za-z_-]{27,300})\.(?:([0-9a-z]{2})\.)?([0-9a-z]{2})([0-9a-z]{7})$/.exec(token);
  if (!m) return false;
  const [, prefix = '', payload = '', version, length = '', crc = ''] = m;
  if (Number.parseInt(length, 36) !== payload.length) return false;
  const signed = `${prefix}${payload}.${version === undefined ? '' : `${version}.`}${length}`;
  return crc32(signed).toString(36).padStart(7, '0') === crc;
}

export const GITLAB_RULES: SecretRule[] = [
  prefixedToken({
    id: 'gitlab-personal-access-token',
    title: 'GitLab personal, project or group access token',
    prefix: 'glpat-',
    length: 20,
    severity: 'critical',
    revoke:
      'Revoke it under User settings > Access tokens (or the project/group\'s Settings > Access tokens, or `DELETE /personal_access_tokens/:id`), create a replacement with the narrowest scopes and an expiry, and check the audit events.',
    docsUrl: 'https://docs.gitlab.com/user/profile/personal_access_tokens/#revoke-or-rotate-a-personal-access-token',
    positive: 'GITLAB_TOKEN=glpat-xEyTuWCY5UShjgOW1soV',
  }),
  {
    id: 'gitlab-personal-access-token-routable',
    title: 'GitLab personal access token (routable format)',
    provider: 'GitLab',
    keywords: ['glpat-'],
    pattern:
      /(?<![A-Za-z0-9_-])(?<secret>glpat-[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9})(?![0-9A-Za-z_.-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    verify: hasRoutableChecksum,
    remediation: {
      revoke:
        'Revoke it under User settings > Access tokens (or `DELETE /personal_access_tokens/:id`), create a replacement with the narrowest scopes and an expiry, and check the audit events.',
      docsUrl: 'https://docs.gitlab.com/user/profile/personal_access_tokens/#revoke-or-rotate-a-personal-access-token',
    },
    examples: {
      positive: ['git remote set-url origin https://oauth2:glpat-KKAfee0Z_7YD5EDosqdK72pMz6z.0r1wdnzo8@gitlab.com/acme/app.git', 'token: glpat-Ld6TtIdJ6coQItBMBW40oqfpfEb9ZD8NWJVnzP.01.121u9btu6'],
      negative: ['token: glpat-Ld6TtIdJ6coQItBMBW40oqfpfEb9ZD8NWJVnzP.01.121u9btua', 'token: glpat-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.01.0z1234567'],
    },
  },
  prefixedToken({
    id: 'gitlab-deploy-token',
    title: 'GitLab deploy token',
    prefix: 'gldt-',
    length: 20,
    severity: 'critical',
    revoke: 'Revoke it under the project or group\'s Settings > Repository > Deploy tokens and create a new one for the consumer.',
    docsUrl: 'https://docs.gitlab.com/user/project/deploy_tokens/#revoke-a-deploy-token',
    positive: 'docker login registry.gitlab.com -u deployer -p gldt-vnrTb2zTpB3XzyWbBZWI',
  }),
  prefixedToken({
    id: 'gitlab-runner-authentication-token',
    title: 'GitLab runner authentication token',
    prefix: 'glrt-',
    length: 20,
    severity: 'critical',
    revoke:
      'Reset the runner\'s authentication token (runner settings in the UI, or `POST /runners/:id/reset_authentication_token`), update `config.toml` on the runner host, and check which jobs the runner picked up.',
    docsUrl: 'https://docs.gitlab.com/ci/runners/configure_runners/#reset-the-runner-authentication-token',
    positive: 'token = "glrt-cx5xNM7MQ3_MjvrFt1Jv"',
  }),
  {
    id: 'gitlab-runner-authentication-token-routable',
    title: 'GitLab runner authentication token (routable format)',
    provider: 'GitLab',
    keywords: ['glrt-'],
    // glrt-t<runner type>_<base64url payload>.<2 base36: payload length><7 base36: CRC-32>
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glrt-t[0-9]_[0-9A-Za-z_-]{27,300}\.[0-9a-z]{9})(?![0-9A-Za-z_.-])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'Reset the runner\'s authentication token (runner settings in the UI, or `POST /runners/:id/reset_authentication_token`) and update `config.toml` on the runner host.',
      docsUrl: 'https://docs.gitlab.com/ci/runners/configure_runners/#reset-the-runner-authentication-token',
    },
    examples: {
      positive: ['  token = "glrt-t1_mD4Hp86dtKGiL0ws1Oi_ssCBX-f.0r4ma1ti1"'],
      negative: ['  token = "glrt-t1_short.0r1234567"'],
    },
  },
  prefixedToken({
    id: 'gitlab-runner-registration-token',
    title: 'GitLab runner registration token (deprecated)',
    prefix: 'GR1348941',
    length: 20,
    severity: 'high',
    revoke:
      'Reset the registration token in the project, group or instance CI/CD runner settings, and move to runner authentication tokens (registration tokens are deprecated).',
    docsUrl: 'https://docs.gitlab.com/ci/runners/new_creation_workflow/',
    positive: 'gitlab-runner register --url https://gitlab.com --registration-token GR1348941emKM8yUZtPzI3ZlnqhXv',
  }),
  {
    id: 'gitlab-cicd-job-token',
    title: 'GitLab CI/CD job token',
    provider: 'GitLab',
    keywords: ['glcbt-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20})(?![0-9A-Za-z_.-])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke:
        'A job token lives only while its job runs: cancel the job if it is still running, then stop printing `CI_JOB_TOKEN` and restrict which projects may use job tokens (CI/CD settings > Job token permissions).',
      docsUrl: 'https://docs.gitlab.com/ci/jobs/ci_job_token/',
    },
    examples: {
      positive: ['curl --header "JOB-TOKEN: glcbt-64_C_C-Nty32CYAOMw_IPOZ" https://gitlab.com/api/v4/jobs/1'],
      negative: ['curl --header "JOB-TOKEN: glcbt-64_xxxxxxxxxxxxxxxxxxxx"'],
    },
  },
  {
    id: 'gitlab-pipeline-trigger-token',
    title: 'GitLab pipeline trigger token',
    provider: 'GitLab',
    keywords: ['glptt-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glptt-[0-9a-f]{40})(?![0-9A-Za-z_-])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke: 'Revoke the trigger under the project\'s Settings > CI/CD > Pipeline trigger tokens and create a new one.',
      docsUrl: 'https://docs.gitlab.com/ci/triggers/#revoke-a-pipeline-trigger-token',
    },
    examples: {
      positive: ['curl -X POST -F token=glptt-3a6316e9973169b03d3560fc42d29e4d80f52ac6 -F ref=main https://gitlab.com/api/v4/projects/1/trigger/pipeline'],
      negative: ['-F token=glptt-0000000000000000000000000000000000000000'],
    },
  },
  prefixedToken({
    id: 'gitlab-feed-token',
    title: 'GitLab feed token',
    prefix: 'glft-',
    length: 20,
    severity: 'high',
    revoke: 'Reset it under User settings > Access tokens > Feed token; feed URLs that embed it stop working.',
    docsUrl: 'https://docs.gitlab.com/security/tokens/#feed-token',
    positive: 'https://gitlab.com/dashboard/issues.atom?feed_token=glft-lBuICJb5c4JRYKm4Wo92',
  }),
  prefixedToken({
    id: 'gitlab-incoming-mail-token',
    title: 'GitLab incoming email token',
    prefix: 'glimt-',
    length: 25,
    severity: 'high',
    revoke: 'Reset it under User settings > Access tokens > Incoming email token.',
    docsUrl: 'https://docs.gitlab.com/security/tokens/#incoming-email-token',
    positive: 'incoming_email_token: glimt-z-Tg0Y6NOGW0-RdffGTD1oJKS',
  }),
  prefixedToken({
    id: 'gitlab-agent-token',
    title: 'GitLab agent for Kubernetes token',
    prefix: 'glagent-',
    length: 50,
    severity: 'critical',
    revoke:
      'Revoke the token on the agent\'s page (Operate > Kubernetes clusters), create a new one, and update the agent\'s secret in the cluster.',
    docsUrl: 'https://docs.gitlab.com/user/clusters/agent/work_with_agent/#reset-the-agent-token',
    positive: 'helm upgrade --install gitlab-agent gitlab/gitlab-agent --set config.token=glagent-GjgKvNpG1kALwXCFD-ZyElknZlGj9YBewYffyhnVDsZFq2qtBj',
  }),
  prefixedToken({
    id: 'gitlab-oauth-application-secret',
    title: 'GitLab OAuth application secret',
    prefix: 'gloas-',
    length: 64,
    severity: 'critical',
    revoke: 'Renew the secret on the application\'s page (User/Group/Admin > Applications > Renew secret) and update the client.',
    docsUrl: 'https://docs.gitlab.com/integration/oauth_provider/',
    positive: 'GITLAB_CLIENT_SECRET=gloas-f2eaf4d67242a20f9939414681071d08b37328b712bbf1813272bef120d2e745',
  }),
  prefixedToken({
    id: 'gitlab-scim-token',
    title: 'GitLab SCIM token',
    prefix: 'glsoat-',
    length: 20,
    severity: 'critical',
    revoke: 'Reset the SCIM token in the group\'s Settings > SAML SSO and update it in the identity provider.',
    docsUrl: 'https://docs.gitlab.com/user/group/saml_sso/scim_setup/',
    positive: 'scim_token: glsoat-CE82nE09LIgdlHrec9QR',
  }),
  prefixedToken({
    id: 'gitlab-feature-flags-client-token',
    title: 'GitLab feature flags client token',
    prefix: 'glffct-',
    length: 20,
    severity: 'high',
    revoke: 'Reset the instance ID under Deploy > Feature flags > Configure and update the Unleash clients.',
    docsUrl: 'https://docs.gitlab.com/operations/feature_flags/',
    positive: "unleash({ url: 'https://gitlab.com/api/v4/feature_flags/unleash/1', instanceId: 'glffct-PML4ZuMHGwx3wrW5s0Lz' });",
  }),
  {
    id: 'gitlab-session-cookie',
    title: 'GitLab session cookie',
    provider: 'GitLab',
    keywords: ['_gitlab_session='],
    pattern: /(?<secret>_gitlab_session=[0-9a-f]{32})(?![0-9A-Za-z])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke: 'Sign out of that session (User settings > Active sessions > Revoke) so the cookie stops working.',
      docsUrl: 'https://docs.gitlab.com/user/profile/active_sessions/',
    },
    examples: {
      positive: ['curl -b "_gitlab_session=73c6f1358e33e4e49ca954450f51296f" https://gitlab.com/api/v4/user'],
      negative: ['curl -b "_gitlab_session=00000000000000000000000000000000"'],
    },
  },
];
