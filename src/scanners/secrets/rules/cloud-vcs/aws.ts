import type { SecretRule } from '../../rule.js';
import { anyCase, assignedValue, decodeBase64 } from './support.js';

const IAM_KEYS_DOCS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console';
const IAM_KEYS_REVOKE =
  'In the IAM console (or `aws iam update-access-key --status Inactive`), deactivate the key, create a new one for the workload, then delete the old key; review CloudTrail for calls made with it.';

/** AWS documents AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY as its sample pair. */
const isNotAwsExample = (secret: string): boolean => !/EXAMPLE/.test(secret);

export const AWS_RULES: SecretRule[] = [
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    provider: 'AWS',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    // AKIA long-term (IAM user), ASIA temporary (STS), ABIA/ACCA service-specific; 16 base32 characters follow.
    pattern: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3,
    verify: isNotAwsExample,
    remediation: { revoke: IAM_KEYS_REVOKE, docsUrl: IAM_KEYS_DOCS },
    examples: {
      positive: [
        'aws_access_key_id = AKIA6HUWL6BX5DMAOC2A',
        'export AWS_ACCESS_KEY_ID="ASIANFAKXMLJWSOQZ3KR"',
        "accessKeyId: 'ABIAUS6VOV3YHRSDC2NS',",
        '<AccessKeyId>ACCAUS6VOV3YHRSDC2NS</AccessKeyId>',
      ],
      negative: [
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        'aws_access_key_id = AKIAXXXXXXXXXXXXXXXX',
        'id = AKIAN5VF22NLWGOOHX7',
        'AKIAUS6VOV3YHRSDC2NS9Z',
      ],
    },
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    provider: 'AWS',
    keywords: [
      'secret_access_key',
      'secretaccesskey',
      'secret-access-key',
      'secret.access.key',
      'aws_secret',
      'aws.secret',
      'awssecret',
    ],
    pattern: assignedValue(
      `(?:${anyCase('aws')}[._]?)?${anyCase('secret')}[._-]?(?:${anyCase('access')}[._-]?)?${anyCase('key')}`,
      '[A-Za-z0-9/+]{40}',
      '(?![A-Za-z0-9/+=])',
    ),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 4,
    verify: isNotAwsExample,
    // 40 base64 characters are everywhere; the key id must be close by.
    requires: { ruleId: 'aws-access-key-id', withinLines: 5 },
    remediation: { revoke: IAM_KEYS_REVOKE, docsUrl: IAM_KEYS_DOCS },
    examples: {
      positive: [
        '[default]\naws_access_key_id = AKIA6HUWL6BX5DMAOC2A\naws_secret_access_key = kj0jR9SrVnaHi3p+NRoawIIpa/X8uN456LbfeVBz',
        "const s3 = new S3Client({ credentials: { accessKeyId: 'AKIA6HUWL6BX5DMAOC2A', secretAccessKey: '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' } });",
        'AWS_ACCESS_KEY_ID=ASIANFAKXMLJWSOQZ3KR\nAWS_SECRET_ACCESS_KEY=kj0jR9SrVnaHi3p+NRoawIIpa/X8uN456LbfeVBz',
        'aws.access.key.id=AKIA6HUWL6BX5DMAOC2A\naws.secret.access.key=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',
      ],
      negative: [
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'aws_secret_access_key = ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
        'aws_secret_access_key = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        'aws_secret_access_key = 7I729i0MsxJmY9ESU+gHkO7XGQb1uBHxKatStpF',
      ],
    },
  },
  {
    id: 'aws-session-token',
    title: 'AWS STS session token',
    provider: 'AWS',
    // The token is base64 of a binary blob whose first bytes are fixed:
    // "IQoJb3JpZ2luX2Vj" (current) and "FwoGZXIvYXdzE"/"FQoGZXIvYXdzE" (older).
    keywords: ['iqojb3jpz2lux2vj', 'fwogzxivyxdze', 'fqogzxivyxdze'],
    pattern:
      /(?<![A-Za-z0-9+/%])(?<secret>(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)(?:[A-Za-z0-9+/]|%2[BbFf]){100,2000}(?:=|%3[Dd]){0,2})/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke:
        'Session tokens expire on their own, but until then they work: revoke active sessions of the role ("Revoke active sessions" in the IAM console adds a deny for tokens issued before now) and stop writing STS output to files.',
      docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html',
    },
    examples: {
      positive: ['aws_session_token = IQoJb3JpZ2luX2VjGBOd1rD1RIsDNjdA1MtsucfljcXWhGERdVE7HvxAFpchrnL5ThRRyX1l6rTOI4lczbSIEKJ24/5vkd23GSIpfEOWGwP7Xdp/W59D8U6jRP7GPIfp40QFE6hFc69gAk0TCqTQglD6OiPpN2udPQIgxVDAxz5FjaQO7HzM2DMKv1mFioWnY5rUKAmgBS+gfo7qV83d4TpM/NETQ1Xz1IKRQSv/xpy0ApXCebzOfQZ28vIy0KNOciRUDzVmwRMcrcZWZZRtI2IYQKGRwB0WuuAImJSHlcsWJR2q1SBxjvpgwliH'],
      negative: ['aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE'],
    },
  },
  {
    id: 'aws-bedrock-api-key',
    title: 'Amazon Bedrock long-term API key',
    provider: 'AWS',
    keywords: ['absk'],
    // "ABSK" + base64("BedrockAPIKey-<id>-at-<account>:<secret>").
    pattern: /(?<![A-Za-z0-9])(?<secret>ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{40,400}={0,2})(?![A-Za-z0-9+/=])/,
    confidence: 'high',
    severity: 'critical',
    verify: (secret) => /^BedrockAPIKey-[\w-]{1,64}:/.test(decodeBase64(secret.slice(4)) ?? ''),
    remediation: {
      revoke:
        'Delete the key in the Bedrock console (API keys) or remove the service-specific credential from its IAM user with `aws iam delete-service-specific-credential`, then issue a new one.',
      docsUrl: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html',
    },
    examples: {
      positive: ['AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS1sZGhnLWF0LTE2NDE4Mjg5MDg5NjpqMUlXQXBqSU5rbDlXM094cm9nSk96Mk9hckIxZzlhSDZmbDZadkhz'],
      negative: ['AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleSrkydpl8iDGhCRorPwx1KtHBF6AbzwGiXTrub3p095e5MDYW3nCXCrRUKNKsK'],
    },
  },
  {
    id: 'aws-mws-auth-token',
    title: 'Amazon MWS auth token',
    provider: 'AWS',
    keywords: ['amzn.mws.'],
    pattern:
      /(?<secret>amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])/,
    confidence: 'high',
    severity: 'high',
    remediation: {
      revoke:
        'In Seller Central, open Apps and Services > Manage Your Apps and revoke the developer\'s access, then authorise it again to get a new token.',
      docsUrl: 'https://developer-docs.amazon.com/sp-api/docs/rotating-your-apps-lwa-credentials',
    },
    examples: {
      positive: ['MWS_AUTH_TOKEN=amzn.mws.f13c1482-630a-c325-f2a7-f1f658fdd6c1'],
      negative: ['MWS_AUTH_TOKEN=amzn.mws.00000000-0000-0000'],
    },
  },
  {
    id: 'aws-appsync-api-key',
    title: 'AWS AppSync API key',
    provider: 'AWS',
    keywords: ['da2-'],
    pattern: /(?<![A-Za-z0-9-])(?<secret>da2-[a-z0-9]{26})(?![A-Za-z0-9])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'In the AppSync console (Settings > API keys) or with `aws appsync delete-api-key`, delete the key and create a new one; prefer IAM or Cognito authorisation for anything not public.',
      docsUrl: 'https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#api-key-authorization',
    },
    examples: {
      positive: ["aws_appsync_apiKey: 'da2-rl8u5kxlpbd52ymsqlhm8b1c1j',"],
      negative: ["aws_appsync_apiKey: 'da2-xxxxxxxxxxxxxxxxxxxxxxxxxx',"],
    },
  },
];
