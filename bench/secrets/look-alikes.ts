/**
 * Look-alikes: values a careless scanner reports but that are no credential.
 * Each kind makes one line (or a short block whose first line is the one that
 * looks like a secret) in a given language.
 */
import type { Rng } from './random.js';
import { ALNUM, BASE64URL, base64url } from './random.js';
import { checksummedToken } from './secret-formats.js';
import { type Lang, renderAssignment, renderEnvReference, upperSnake } from './source-text.js';

export interface LookAlike {
  kind: string;
  /** Lines to write; the look-alike is on `lines[0]`. */
  lines: string[];
}

type Maker = (r: Rng, lang: Lang) => LookAlike;

const one = (kind: string, line: string): LookAlike => ({ kind, lines: [line] });

function wrongChecksum(r: Rng, prefix: string): string {
  const good = checksummedToken(r, prefix);
  // Change one checksum character: same shape, checksum no longer matches.
  const last = good.at(-1)!;
  return good.slice(0, -1) + (last === 'a' ? 'b' : 'a');
}

/** A header and payload that are not JSON: the shape of a JWT, not one. */
function notAJwt(r: Rng): string {
  return `eyJ${r.string(BASE64URL, 30)}.${r.string(BASE64URL, 60)}.${r.string(BASE64URL, 43)}`;
}

const PLACEHOLDER_VALUES: ReadonlyArray<[string, (r: Rng) => string]> = [
  ['AWS_ACCESS_KEY_ID', () => 'AKIAXXXXXXXXXXXXXXXX'],
  ['AWS_SECRET_ACCESS_KEY', () => 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  ['GITHUB_TOKEN', () => 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  ['STRIPE_SECRET_KEY', () => 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'],
  ['SLACK_BOT_TOKEN', () => 'xoxb-your-bot-token-here'],
  ['OPENAI_API_KEY', () => 'sk-...'],
  ['SENDGRID_API_KEY', () => 'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  ['API_KEY', () => '<your-api-key>'],
  ['CLIENT_SECRET', () => 'YOUR_CLIENT_SECRET'],
  ['DB_PASSWORD', () => 'changeme'],
  ['ADMIN_PASSWORD', () => '********'],
  ['JWT_SECRET', () => 'replace-me-in-production'],
  ['DATADOG_API_KEY', () => '00000000000000000000000000000000'],
  ['TWILIO_AUTH_TOKEN', () => 'your_auth_token'],
  ['ANTHROPIC_API_KEY', () => 'sk-ant-api03-...'],
  ['NPM_TOKEN', () => 'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
  ['SECRET_KEY', () => 'insert-secret-key-here'],
  ['GOOGLE_API_KEY', () => 'AIzaSy_YOUR_GOOGLE_API_KEY_HERE_123456'],
];

const DOCUMENTED_EXAMPLES: ReadonlyArray<[string, string]> = [
  ['AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'],
  ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['STRIPE_TEST_KEY', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
  ['SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
  ['EXAMPLE_JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'],
  ['DATABASE_URL', 'postgres://postgres:postgres@localhost:5432/app_development'],
  ['MONGO_URL', 'mongodb://localhost:27017/test'],
  ['REDIS_URL', 'redis://localhost:6379/0'],
];

export const LOOK_ALIKES: ReadonlyArray<{ kind: string; make: Maker }> = [
  {
    kind: 'placeholder',
    make: (r, lang) => {
      const [name, value] = r.pick(PLACEHOLDER_VALUES);
      return one('placeholder', renderAssignment(r, lang, name, value(r)));
    },
  },
  {
    kind: 'documented-example',
    make: (r, lang) => {
      const [name, value] = r.pick(DOCUMENTED_EXAMPLES);
      return one('documented-example', renderAssignment(r, lang, name, value));
    },
  },
  {
    kind: 'env-reference',
    make: (r, lang) => one('env-reference', renderEnvReference(r, lang, r.pick(['STRIPE_SECRET_KEY', 'GITHUB_TOKEN', 'DB_PASSWORD', 'OPENAI_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'SLACK_WEBHOOK_URL', 'API_TOKEN', 'CLIENT_SECRET']))),
  },
  {
    kind: 'wrong-checksum',
    make: (r, lang) => one('wrong-checksum', renderAssignment(r, lang, r.pick(['GITHUB_TOKEN', 'NPM_TOKEN', 'GH_TOKEN']), wrongChecksum(r, r.pick(['ghp_', 'gho_', 'npm_'])))),
  },
  {
    kind: 'hash',
    make: (r, lang) => {
      const [name, value] = r.pick<[string, () => string]>([
        ['commitSha', () => r.hex(40)],
        ['sha256', () => r.hex(64)],
        ['etag', () => r.hex(32)],
        ['imageDigest', () => `sha256:${r.hex(64)}`],
        ['checksum', () => `sha512-${r.bytes(64).toString('base64')}`],
        ['integrity', () => `sha384-${r.bytes(48).toString('base64')}`],
        ['contentHash', () => r.hex(20)],
      ]);
      return one('hash', renderAssignment(r, lang, name, value()));
    },
  },
  {
    kind: 'uuid',
    make: (r, lang) => one('uuid', renderAssignment(r, lang, r.pick(['requestId', 'tenantId', 'correlationId', 'TRACE_ID', 'workspaceId', 'projectId']), r.uuid())),
  },
  {
    kind: 'base64-blob',
    make: (r, lang) => {
      const [name, value] = r.pick<[string, () => string]>([
        ['iconPng', () => `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA${r.bytes(90).toString('base64')}`],
        ['fontWoff2', () => `data:font/woff2;base64,d09GMgABAAAAA${r.bytes(120).toString('base64')}`],
        ['fixturePayload', () => r.bytes(96).toString('base64')],
        ['descriptor', () => `Cg${r.bytes(60).toString('base64')}`],
      ]);
      return one('base64-blob', renderAssignment(r, lang, name, value()));
    },
  },
  {
    kind: 'not-a-jwt',
    make: (r, lang) => one('not-a-jwt', renderAssignment(r, lang, r.pick(['sampleToken', 'cursor', 'pageToken', 'stateParam']), notAJwt(r))),
  },
  {
    kind: 'public-key',
    make: (r, lang) => {
      const [name, value] = r.pick<[string, () => string]>([
        ['STRIPE_PUBLISHABLE_KEY', () => `pk_live_${r.mixed(ALNUM, 99)}`],
        ['MAPBOX_PUBLIC_TOKEN', () => `pk.${base64url(JSON.stringify({ u: 'acme', a: r.string('abcdefghijklmnopqrstuvwxyz0123456789', 25) })).replace(/=+$/, '')}.${r.mixed(`${ALNUM}_-`, 22)}`],
        ['DEPLOY_PUBLIC_KEY', () => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.bytes(24).toString('base64').slice(0, 43)} deploy@ci`],
        ['RECAPTCHA_SITE_KEY', () => `6L${r.mixed(`${ALNUM}_-`, 38)}`],
      ]);
      return one('public-key', renderAssignment(r, lang, name, value()));
    },
  },
  {
    kind: 'redacted',
    make: (r, lang) => one('redacted', renderAssignment(r, lang, r.pick(['maskedKey', 'lastToken', 'displayKey']), r.pick([`sk_live_${'*'.repeat(20)}${r.string('0123456789', 4)}`, `ghp_${'•'.repeat(32)}${r.mixed(ALNUM, 4)}`, `AKIA${'*'.repeat(12)}${r.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4)}`, `xoxb-****-****-${r.mixed(ALNUM, 4)}`]))),
  },
  {
    kind: 'identifier',
    make: (r, lang) => one('identifier', renderAssignment(r, lang, r.pick(['TOKEN_TYPE', 'secretKeyHeader', 'PASSWORD_FIELD', 'apiKeyParam', 'tokenEndpoint']), r.pick(['Bearer', 'X-Api-Key', 'password_confirmation', 'api_key', '/oauth/token', 'client_credentials', 'secretKeyRef']))),
  },
  {
    kind: 'encrypted',
    make: (r, lang) => one('encrypted', renderAssignment(r, lang, r.pick(['db_password', 'api_token']), `ENC[AES256_GCM,data:${r.bytes(24).toString('base64')},iv:${r.bytes(32).toString('base64')},tag:${r.bytes(16).toString('base64')},type:str]`)),
  },
  {
    kind: 'password-hash',
    make: (r, lang) => one('password-hash', renderAssignment(r, lang, r.pick(['passwordHash', 'hashed_password']), `$2b$12$${r.string(`${ALNUM}./`, 53)}`)),
  },
  {
    kind: 'low-entropy-value',
    make: (r, lang) => one('low-entropy-value', renderAssignment(r, lang, r.pick(['password', 'DB_PASSWORD', 'apiKey', 'secret']), r.pick(['password', 'password123', 'test', 'secret', 'admin', 'hunter2', 'dev-secret', 'local-only']))),
  },
  {
    kind: 'function-call',
    make: (r, lang) =>
      one('function-call', lang === 'py' ? `    token = get_secret("${r.pick(['prod/stripe', 'ci/github'])}")` : lang === 'go' ? `\ttoken, err := secrets.Get(ctx, "${r.pick(['prod/stripe', 'ci/github'])}")` : lang === 'java' ? `        String apiKey = vault.read("secret/${r.pick(['payments', 'github'])}").getData().get("key");` : `  const apiKey = await secretsManager.getSecretValue({ SecretId: '${r.pick(['prod/stripe', 'ci/github'])}' });`),
  },
];

/** A look-alike from a generic-looking test value in a test file: the generic rules' low-confidence match, where tests keep fakes. */
export function testFixtureValue(r: Rng, lang: Lang): LookAlike {
  const name = r.pick(['password', 'apiKey', 'clientSecret', 'accessToken', 'webhookSecret']);
  return one('test-fixture', renderAssignment(r, lang, name, r.mixed(ALNUM, r.int(24, 40))));
}

/** Names used in the env templates of the corpus (documentation of the config a service expects). */
export function exampleEnvLine(r: Rng): LookAlike {
  const name = r.pick(['STRIPE_SECRET_KEY', 'GITHUB_TOKEN', 'SENTRY_DSN', 'OPENAI_API_KEY', 'DATABASE_URL', 'REDIS_URL', 'SLACK_BOT_TOKEN']);
  return one('empty-template', `${upperSnake(name)}=`);
}

