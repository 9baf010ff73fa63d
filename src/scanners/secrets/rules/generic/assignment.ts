import type { SecretRule } from '../../rule.js';
import { looksLikeReference } from '../../filters/value-shape.js';
import { isSecretName } from './secret-name.js';
import { hasSecretShape } from './value-shape.js';

/**
 * `name = value` where the name says secret: code (JS/TS, Python, Go, Java,
 * Ruby, PHP, C#), YAML, JSON, .env, .properties/.ini/TOML, Terraform/HCL and
 * Dockerfiles. Low confidence: the engine's false-positive gate
 * (`explainFalsePositive`) then removes placeholders, references, hashes,
 * lockfiles, test fixtures and prose.
 */

/** Lower-case fragments of the names `isSecretName` accepts (the engine's prefilter). */
const KEYWORDS = ['pass', 'pwd', 'secret', 'token', 'auth', 'credential', 'creds', 'api_key', 'apikey', 'api-key', 'api.key', 'access_key', 'accesskey', 'access.key', 'private_key', 'privatekey', 'private.key', 'signing_key', 'encryption_key', 'master_key', 'client_key', '_pat', 'pat_'] as const;

/**
 * The left-hand side: an identifier (dots and dashes allowed, for
 * `db.password` and `api-key`), not preceded by an identifier character, then
 * an optional closing quote or bracket (`"password":`, `['password'] =`).
 */
const NAME = String.raw`(?<![\w.-])(?<name>[A-Za-z_][\w.-]{0,80})(?:["'\`]?\]?)`;
/**
 * `=`, `:`, `:=`, `=>`, `?=`, `||=`, and a typed declaration's `: string =`
 * (TypeScript, Kotlin, Python annotations); never `==`, `=~` or `>=`.
 */
const OPERATOR = String.raw`[ \t]{0,4}(?::[ \t]{0,4}[A-Za-z_][\w.<>\[\]|?]{0,40}[ \t]{0,4}=(?![=~>])|:=|=>|\?=|\|\|=|=(?![=~])|:(?![:=]))[ \t]{0,4}`;
/**
 * The value: quoted (Python `r''`/`b''` and C# `@""` prefixes allowed), or
 * bare up to the end of the line, a comma, a semicolon, a closing brace or a
 * comment after a space (`.env` keeps a `#` inside a value). The lazy body stops at the first place the closing quote or the end
 * fits, so `password: abc # note` captures `abc`.
 */
const VALUE = String.raw`(?:(?:[rRbBuU]{1,2}|@)(?=["'\`]))?(?<quote>["'\`]?)(?<secret>[^"'\`\r\n]{1,256}?)\k<quote>(?:(?<=["'\`])|(?=[ \t]{0,64}(?:$|\r?\n|[,;}])|[ \t]{1,64}(?:#|//)))`;

export const verifySecretAssignment = (secret: string, groups: Readonly<Record<string, string | undefined>>): boolean =>
  isSecretName(groups['name'] ?? '') && hasSecretShape(secret) && !looksLikeReference(secret);

const assignment: SecretRule = {
  id: 'generic-secret-assignment',
  title: 'Hard-coded secret assigned to a secret-named variable or key',
  provider: 'Generic',
  keywords: KEYWORDS,
  pattern: new RegExp(NAME + OPERATOR + VALUE),
  // An assignment sits on one line; `token` and `pass` are everywhere, so each
  // hit costs its own line of regex work, not 512 characters around it.
  window: { before: 96, after: 480, sameLine: true },
  confidence: 'low',
  severity: 'medium',
  minEntropy: 2.3,
  verify: verifySecretAssignment,
  remediation: {
    revoke:
      'Rotate the credential with whoever issued it, then read it at run time from a secret store or an environment variable (in GitHub Actions, `${{ secrets.NAME }}`) instead of the literal.',
    docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
  },
  examples: {
    positive: [
      "const apiKey = 'q8Zt3LmV7xK2pR9wN4sJ';",
      'DB_PASSWORD=Hx7!qL2m#Vz9pK4w',
      '  password: "T4k#9mVq2Lp8xZr"',
      '"client_secret": "a1B9cD7eF5gH3iJ1kL9mN7oP"',
      "SECRET_KEY = 'dj4n#x8k2@q9m!v7l3p0w5z1r6t'",
      'spring.datasource.password=R7tY2uI8oP4aS1dF',
      'mail.api.key=Wq3Zp8Lm2Xv7Rt4Ks9Nb',
      'password = "Zx8$Lm3Qp7Vt2Kw9"',
      '$db_password = "Pq7Rz2Lm9Xv4Kt8W";',
      'auth_token := "f9Kq2Lm8Xz4Vp7Rt3Ws"',
      '    private static final String ACCESS_TOKEN = "Xp9Lq2Vm7Kz4Rt8Ws3Nb";',
      ':api_key => "N8vR3kL9qZ2mX7pT4wS",',
      'ENV REGISTRY_TOKEN=Lk8Jh2Gf5Ds9Aq3Wz',
      'export GH_PAT=Mn4Bv7Cx2Zl9Kj3Hg',
    ],
    negative: [
      'password: ${DB_PASSWORD}',
      'apiKey: process.env.API_KEY,',
      'token = get_token()',
      'PASSWORD=changeme',
      'password = os.environ["DB_PASSWORD"]',
      'password_reset_url = "https://example.com/reset/Xk82Lm"',
      'token_type: "Bearer"',
      'author = "Jane Doe <jane@example.com>"',
      'if password == "Zx8$Lm3Qp7Vt2Kw9":',
      'tokenizer = "bert-base-uncased-v2"',
      'PASSWORD_MIN_LENGTH=12',
      'secret: secretKeyRef',
      'password: ""',
    ],
  },
};

/** Dockerfile `ENV NAME value` / `ARG NAME value` (the legacy space form; `ENV NAME=value` is the rule above). */
const dockerfileEnv: SecretRule = {
  ...assignment,
  id: 'generic-dockerfile-env-secret',
  title: 'Hard-coded secret in a Dockerfile ENV/ARG instruction',
  pattern: new RegExp(
    String.raw`(?:^|\n)[ \t]{0,8}(?:ENV|ARG)[ \t]{1,8}(?<name>[A-Za-z_][\w.-]{0,80})[ \t]{1,8}(?<quote>["']?)(?<secret>[^"'\s=]{1,256})\k<quote>[ \t]{0,16}(?=\r?\n|$)`,
  ),
  examples: {
    positive: ['ENV NPM_TOKEN Qw8Er3Ty7Ui2Op5As1Df'],
    negative: ['ENV NPM_TOKEN ${NPM_TOKEN}', 'ARG GITHUB_TOKEN', 'ENV PASSWORD_FILE /run/secrets/db_password'],
  },
};

/** `Authorization: Bearer <opaque token>` (JWTs have their own rule). */
const bearer: SecretRule = {
  ...assignment,
  id: 'generic-bearer-token',
  title: 'Hard-coded bearer token',
  keywords: ['bearer'],
  pattern: new RegExp(
    String.raw`(?<![\w-])(?:authorization["']?[ \t]{0,4}[:=,][ \t]{0,4}["'\`]?|["'\`])Bearer[ \t]{1,4}(?<secret>[A-Za-z0-9._~+/-]{16,2048}={0,2})(?![A-Za-z0-9._~+/=-])`,
    'i',
  ),
  minEntropy: 3.0,
  verify: (secret) => hasSecretShape(secret) && !/^eyJ[\w-]{8,}\.[\w-]{2,}\./.test(secret),
  examples: {
    positive: ['curl -H "Authorization: Bearer 7Fq2Lm9Xz4Vp8Rt3Ws6Nb1Kd" https://api.internal.example/v1/jobs', "headers: { Authorization: 'Bearer ya29Qx7Lm2Vp9Rk4Tn8Ws1Yb5Hc' }"],
    negative: ['Authorization: Bearer ${TOKEN}', 'Authorization: Bearer <token>', '"Bearer " + token'],
  },
};

export const ASSIGNMENT_RULES: readonly SecretRule[] = [assignment, dockerfileEnv, bearer];
