import type { SecretRule } from '../../rule.js';
import { isPlaceholder } from '../../filters/placeholder.js';
import { decodeBase64, isPrintableText } from './decode.js';

/**
 * Registry credentials in Docker's `config.json` (and Kubernetes
 * `.dockerconfigjson`): `"auths": { "<registry>": { "auth": "<base64 user:password>" } }`.
 */

/** Decodes a basic-auth style `base64(user:password)` and returns the two parts, or undefined. */
export function decodeUserPassword(encoded: string): { user: string; password: string } | undefined {
  const bytes = decodeBase64(encoded);
  if (!bytes || !isPrintableText(bytes)) return undefined;
  const text = bytes.toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

function isReportableUserPassword(encoded: string): boolean {
  const parts = decodeUserPassword(encoded);
  return parts !== undefined && parts.password.length >= 4 && !isPlaceholder(parts.password) && parts.password !== parts.user;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

const dockerConfigAuth: SecretRule = {
  id: 'docker-config-auth',
  title: 'Docker registry credentials (config.json auths)',
  provider: 'Docker',
  keywords: ['auths'],
  pattern: new RegExp(
    // `"auth"` is checked before the look-back, so the look-back runs only there. Inside it, `[^{}]` runs
    // between braces: `"auths": { "<registry>": {…}, … "<registry>": { … ` up to this entry.
    String.raw`(?="auth")(?<="auths"[ \t\r\n]{0,16}:[ \t\r\n]{0,16}\{(?:[^{}]{0,1024}\{[^{}]{0,1024}\}){0,32}[^{}]{0,1024}\{[^{}]{0,1024})"auth"[ \t\r\n]{0,16}:[ \t\r\n]{0,16}"(?<secret>[A-Za-z0-9+/]{8,4096}={0,2})"`,
  ),
  window: { before: 8_192, after: 8_192 },
  confidence: 'high',
  severity: 'high',
  verify: (secret) => isReportableUserPassword(secret),
  remediation: {
    revoke:
      'Change the registry password or revoke the access token it encodes (Docker Hub: Account settings → Personal access tokens), then log in again with a credential helper instead of a stored `auth`.',
    docsUrl: 'https://docs.docker.com/reference/cli/docker/login/',
  },
  examples: {
    positive: [
      `{\n  "auths": {\n    "https://index.docker.io/v1/": {\n      "auth": "${b64('ci-bot:dckr_pat_Qx7Lm2Vp9Rk4Tn8Ws1Yb')}"\n    }\n  }\n}`,
      `{"auths":{"ghcr.io":{"auth":"${b64('octo:Hk2Lp9Qw7Xz4Vb8N')}","email":"octo@example.com"}}}`,
    ],
    negative: [
      `{"auths":{"registry.example.com":{"auth":"${b64('user:password')}"}}}`,
      `{"auths":{"registry.example.com":{"auth":"${b64('no-colon-here')}"}}}`,
      `{"credsStore":"desktop","auths":{"https://index.docker.io/v1/":{}}}`,
    ],
  },
};

/** `Authorization: Basic <base64 user:password>` in code, curl commands and HTTP captures. */
const basicAuthHeader: SecretRule = {
  id: 'http-basic-auth-header',
  title: 'HTTP Basic credentials in an Authorization header',
  provider: 'Generic',
  keywords: ['authorization'],
  pattern: new RegExp(
    String.raw`(?<![\w-])authorization["']?[ \t]{0,4}[:=,][ \t]{0,4}["'\`]?Basic[ \t]{1,4}(?<secret>[A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])`,
    'i',
  ),
  confidence: 'medium',
  severity: 'high',
  verify: (secret) => isReportableUserPassword(secret),
  remediation: {
    revoke: 'Change the password of the account the header encodes (it is only base64), and send credentials from a secret store at run time.',
    docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
  },
  examples: {
    positive: [
      `curl -H "Authorization: Basic ${b64('deploy:Rq8Lm3Xv7Kp2Wz9T')}" https://ci.internal.example/api`,
      `headers = {"Authorization": "Basic ${b64('svc-report:Yt5Gh8Jk2Lm6Np9Q')}"}`,
    ],
    negative: [`Authorization: Basic ${b64('username:password')}`, 'Authorization: Basic ${BASIC_AUTH}'],
  },
};

export const DOCKER_CONFIG_RULES: readonly SecretRule[] = [dockerConfigAuth];
export const HTTP_AUTH_HEADER_RULES: readonly SecretRule[] = [basicAuthHeader];
