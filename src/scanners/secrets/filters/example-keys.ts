/**
 * Credentials printed in vendors' own documentation. They are in thousands of
 * READMEs and tests, and none of them grants access to anything.
 */
export interface DocumentedExampleKey {
  value: string;
  /** Who publishes it. */
  issuer: string;
  /** Where it is published. */
  source: string;
}

export const DOCUMENTED_EXAMPLE_KEYS: readonly DocumentedExampleKey[] = [
  {
    value: 'AKIAIOSFODNN7EXAMPLE',
    issuer: 'AWS',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  },
  {
    value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    issuer: 'AWS',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  },
  {
    value: 'AKIAI44QH8DHBEXAMPLE',
    issuer: 'AWS',
    source: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html',
  },
  {
    value: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    issuer: 'AWS',
    source: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html',
  },
  {
    value: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
    issuer: 'Stripe',
    source: 'https://docs.stripe.com/api/authentication (sample key of the API reference, earlier editions)',
  },
  {
    value: 'pk_test_TYooMQauvdEDq54NiTphI7jx',
    issuer: 'Stripe',
    source: 'https://docs.stripe.com/api/authentication (sample publishable key, earlier editions)',
  },
  {
    value: 'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
    issuer: 'Stripe',
    source: 'https://docs.stripe.com/api/authentication',
  },
  {
    value: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    issuer: 'GitHub',
    source: 'https://docs.github.com/en/authentication (personal access token in the docs\' examples)',
  },
  {
    value: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
    issuer: 'GitHub',
    source: 'https://docs.github.com/en/apps (OAuth token in the docs\' examples)',
  },
  {
    value: 'ghu_16C7e42F292c6912E7710c838347Ae178B4a',
    issuer: 'GitHub',
    source: 'https://docs.github.com/en/apps (user-to-server token in the docs\' examples)',
  },
  {
    value: 'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
    issuer: 'GitHub',
    source: 'https://docs.github.com/en/apps (installation token in the docs\' examples)',
  },
  {
    value: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
    issuer: 'Slack',
    source: 'https://api.slack.com/methods/oauth.v2.access (example response)',
  },
  {
    value:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    issuer: 'jwt.io',
    source: 'https://jwt.io (the debugger\'s default token, secret "your-256-bit-secret")',
  },
  {
    value: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
    issuer: 'Microsoft',
    source: 'https://learn.microsoft.com/azure/storage/common/storage-use-azurite (well-known devstoreaccount1 key)',
  },
  {
    value: 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    issuer: 'IETF',
    source: 'https://www.rfc-editor.org/rfc/rfc7617#section-2 (Aladdin:open sesame)',
  },
];

const EXAMPLE_VALUES = new Map(DOCUMENTED_EXAMPLE_KEYS.map((k) => [k.value, k]));

/**
 * AWS writes every example credential with an `EXAMPLE` suffix
 * (`AKIA…EXAMPLE`, `…EXAMPLEKEY`), so the suffix marks documentation
 * values beyond the list.
 */
const AWS_EXAMPLE_SUFFIX = /^(?:(?:AKIA|ASIA)[A-Z0-9]{9}EXAMPLE|[A-Za-z0-9/+]{30}EXAMPLEKEY)$/;

/** The documented example `value` is, if any. */
export function findDocumentedExampleKey(value: string): DocumentedExampleKey | undefined {
  const v = value.trim();
  const known = EXAMPLE_VALUES.get(v);
  if (known) return known;
  for (const k of DOCUMENTED_EXAMPLE_KEYS) {
    // A credential embedded in a longer secret (`Authorization: Bearer <jwt.io token>`).
    if (v.length > k.value.length && v.length <= k.value.length + 64 && v.includes(k.value)) return k;
  }
  if (AWS_EXAMPLE_SUFFIX.test(v)) return { value: v, issuer: 'AWS', source: 'AWS documentation examples end in EXAMPLE/EXAMPLEKEY' };
  return undefined;
}

/** True when `value` is a credential published in a vendor's documentation. */
export function isDocumentedExampleKey(value: string): boolean {
  return findDocumentedExampleKey(value) !== undefined;
}
