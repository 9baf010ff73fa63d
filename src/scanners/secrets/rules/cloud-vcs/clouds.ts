import type { SecretRule } from '../../rule.js';
import { anyCase, assignedValue, isMixedCase } from './support.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const ALIBABA_DOCS = 'https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair';
const ALIBABA_REVOKE =
  'In the RAM console, create a new AccessKey pair for the RAM user, move the workload to it, then disable and delete the leaked pair; check ActionTrail for its use. Prefer STS tokens or RAM roles.';
const TENCENT_DOCS = 'https://www.tencentcloud.com/document/product/598/34228';
const TENCENT_REVOKE =
  'In the CAM console (Access Key management), create a new key, move the workload to it, then disable and delete the leaked SecretId/SecretKey pair; check CloudAudit for its use.';
const SCALEWAY_DOCS = 'https://www.scaleway.com/en/docs/iam/how-to/create-api-keys/';
const SCALEWAY_REVOKE =
  'Delete the API key in the Scaleway console (IAM > API keys) or with `scw iam api-key delete <access-key>`, and create a new one for an application with only the policies it needs.';

export const CLOUD_PROVIDER_RULES: SecretRule[] = [
  {
    id: 'alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    provider: 'Alibaba Cloud',
    keywords: ['ltai'],
    pattern: /(?<![A-Za-z0-9])(?<secret>LTAI[A-Za-z0-9]{12,20})(?![A-Za-z0-9])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    remediation: { revoke: ALIBABA_REVOKE, docsUrl: ALIBABA_DOCS },
    examples: {
      positive: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5thmKMEii3uDW7DYGd2j'],
      negative: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIxxxxxxxxxxxxxxxxxxxx', 'ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI12345'],
    },
  },
  {
    id: 'alibaba-access-key-secret',
    title: 'Alibaba Cloud AccessKey secret',
    provider: 'Alibaba Cloud',
    keywords: ['secret'],
    pattern: assignedValue(
      `(?:${anyCase('access')}[_-]?)?${anyCase('key')}[_-]?${anyCase('secret')}`,
      '[A-Za-z0-9]{30}',
    ),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 4,
    verify: isMixedCase,
    // 30 alphanumerics are common; keep it only beside an AccessKey ID.
    requires: { ruleId: 'alibaba-access-key-id', withinLines: 5 },
    remediation: { revoke: ALIBABA_REVOKE, docsUrl: ALIBABA_DOCS },
    examples: {
      positive: [
        'ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5thmKMEii3uDW7DYGd2j\nALIBABA_CLOUD_ACCESS_KEY_SECRET=ZZWD3w5ZY6oMvVdzm7rWaUaRsVupFv',
        "const client = new Core({ accessKeyId: 'LTAI5thmKMEii3uDW7DYGd2j', accessKeySecret: 'ZZWD3w5ZY6oMvVdzm7rWaUaRsVupFv' });",
      ],
      negative: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    },
  },
  {
    id: 'tencent-cloud-secret-id',
    title: 'Tencent Cloud SecretId',
    provider: 'Tencent Cloud',
    keywords: ['akid'],
    pattern: /(?<![A-Za-z0-9])(?<secret>AKID[A-Za-z0-9]{32})(?![A-Za-z0-9])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    // Tencent's own documentation sample ends in EXAMPLE.
    verify: (secret) => !/EXAMPLE$/.test(secret),
    remediation: { revoke: TENCENT_REVOKE, docsUrl: TENCENT_DOCS },
    examples: {
      positive: ['TENCENTCLOUD_SECRET_ID=AKIDbUwpUrnFTQxf9j6JYW6Vg3AmbQ73SJOH'],
      negative: ['TENCENTCLOUD_SECRET_ID=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', 'TENCENTCLOUD_SECRET_ID=AKID1234'],
    },
  },
  {
    id: 'tencent-cloud-secret-key',
    title: 'Tencent Cloud SecretKey',
    provider: 'Tencent Cloud',
    keywords: ['secretkey', 'secret_key'],
    pattern: assignedValue(`${anyCase('secret')}[_-]?${anyCase('key')}`, '[A-Za-z0-9]{32}'),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 4,
    verify: (secret) => isMixedCase(secret) && !/EXAMPLE/.test(secret),
    requires: { ruleId: 'tencent-cloud-secret-id', withinLines: 5 },
    remediation: { revoke: TENCENT_REVOKE, docsUrl: TENCENT_DOCS },
    examples: {
      positive: ['TENCENTCLOUD_SECRET_ID=AKIDbUwpUrnFTQxf9j6JYW6Vg3AmbQ73SJOH\nTENCENTCLOUD_SECRET_KEY=endaxr3qcOGyTHs4QvaM58wX4SqiIpDC'],
      negative: ['TENCENTCLOUD_SECRET_KEY=Gu5t9xGARNpq86cd98joQYCN3EXAMPLE'],
    },
  },
  {
    id: 'scaleway-access-key',
    title: 'Scaleway API access key',
    provider: 'Scaleway',
    keywords: ['scw'],
    pattern: /(?<![A-Za-z0-9])(?<secret>SCW[A-Z0-9]{17})(?![A-Za-z0-9])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 3.3,
    // An access key identifies the API key; it only works with its secret key.
    remediation: { revoke: SCALEWAY_REVOKE, docsUrl: SCALEWAY_DOCS },
    examples: {
      positive: ['SCW_ACCESS_KEY=SCWNP5HRV71K9UUEB1KX'],
      negative: ['SCW_ACCESS_KEY=SCWXXXXXXXXXXXXXXXXX'],
    },
  },
  {
    id: 'scaleway-secret-key',
    title: 'Scaleway API secret key',
    provider: 'Scaleway',
    keywords: ['scw', 'scaleway'],
    pattern: assignedValue(
      `(?:${anyCase('scw')}|${anyCase('scaleway')})[_-]?(?:${anyCase('api')}[_-]?)?${anyCase('secret')}(?:[_-]?${anyCase('key')})?`,
      UUID,
      '(?![0-9A-Za-z-])',
    ),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 3,
    remediation: { revoke: SCALEWAY_REVOKE, docsUrl: SCALEWAY_DOCS },
    examples: {
      positive: ['SCW_SECRET_KEY=7e363eca-7035-2f86-51dd-411597b9671d', 'scaleway_secret_key = "7e363eca-7035-2f86-51dd-411597b9671d"'],
      negative: ['SCW_DEFAULT_PROJECT_ID=7e363eca-7035-2f86-51dd-411597b9671d', 'SCW_SECRET_KEY=00000000-0000-0000-0000-000000000000'],
    },
  },
  {
    id: 'linode-api-token',
    title: 'Linode (Akamai Cloud) personal access token',
    provider: 'Linode',
    keywords: ['linode'],
    pattern: assignedValue(anyCase('linode'), '[0-9a-f]{64}'),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 3.2,
    remediation: {
      revoke: 'Revoke the token in Cloud Manager (My Profile > API Tokens) and create one with only the scopes and expiry needed.',
      docsUrl: 'https://techdocs.akamai.com/cloud-computing/docs/manage-personal-access-tokens',
    },
    examples: {
      positive: ['LINODE_TOKEN=f7cc5f43445697af1b15570d4ea591b725b84d90ae5da3e3468a8673bb2f3bac', 'linode_api_token = "f7cc5f43445697af1b15570d4ea591b725b84d90ae5da3e3468a8673bb2f3bac"'],
      negative: ['LINODE_TOKEN=0000000000000000000000000000000000000000000000000000000000000000'],
    },
  },
  {
    id: 'vultr-api-key',
    title: 'Vultr API key',
    provider: 'Vultr',
    keywords: ['vultr'],
    pattern: assignedValue(anyCase('vultr'), '[A-Z0-9]{36}'),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 3.8,
    remediation: {
      revoke: 'Regenerate the API key in the customer portal (Account > API) — or delete the sub-account key — and restrict API access to known IP ranges.',
      docsUrl: 'https://docs.vultr.com/platform/other/api/regenerate-api-key',
    },
    examples: {
      positive: ['VULTR_API_KEY=XK6EXVBSWDCIOXDN9OYNWV8Z6V8F7LEELUFI'],
      negative: ['VULTR_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'vultr_instance_id = "db47500b-8e71-52ca-5722-f84a7d426f92"'],
    },
  },
  {
    id: 'hetzner-cloud-api-token',
    title: 'Hetzner Cloud API token',
    provider: 'Hetzner',
    keywords: ['hcloud', 'hetzner'],
    pattern: assignedValue(`(?:${anyCase('hcloud')}|${anyCase('hetzner')})`, '[A-Za-z0-9]{64}'),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 4.5,
    remediation: {
      revoke: 'Delete the token in the Hetzner Cloud Console (project > Security > API tokens) and create a new one, read-only where possible.',
      docsUrl: 'https://docs.hetzner.com/cloud/api/getting-started/generating-api-token/',
    },
    examples: {
      positive: ['HCLOUD_TOKEN=zxG9SUd04fFYxaTHBajHCG2XIl6t8AJbetqRsvcdYrHv0LyOygqTQrIgMvgl0uk8', 'hetzner_api_token: "zxG9SUd04fFYxaTHBajHCG2XIl6t8AJbetqRsvcdYrHv0LyOygqTQrIgMvgl0uk8"'],
      negative: ['HCLOUD_TOKEN=f7cc5f43445697af1b15570d4ea591b725b84d90ae5da3e3468a8673bb2f3bac'],
    },
  },
  {
    id: 'ibm-cloud-api-key',
    title: 'IBM Cloud API key',
    provider: 'IBM Cloud',
    keywords: ['ibm', 'ic_api_key'],
    pattern: assignedValue(
      `(?:${anyCase('ibm')}(?:[_-]?${anyCase('cloud')})?|${anyCase('ic')})[_-]?${anyCase('api')}[_-]?${anyCase('key')}`,
      '[A-Za-z0-9_-]{44}',
    ),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 4.2,
    remediation: {
      revoke: 'Delete the API key (Manage > Access (IAM) > API keys, or `ibmcloud iam api-key-delete`) and create a new one, preferably for a service ID with least privilege; check Activity Tracker for its use.',
      docsUrl: 'https://cloud.ibm.com/docs/account?topic=account-userapikey',
    },
    examples: {
      positive: ['IBMCLOUD_API_KEY=i2_qGw2uV8asEFNt8S572lS4Tin3PgT_LTxYhN8Had2O', 'IC_API_KEY="i2_qGw2uV8asEFNt8S572lS4Tin3PgT_LTxYhN8Had2O"'],
      negative: ['IBMCLOUD_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];
