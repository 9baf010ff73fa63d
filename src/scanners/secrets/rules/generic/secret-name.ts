/**
 * Whether an identifier names a secret: `DB_PASSWORD`, `apiKey`,
 * `client-secret`, `auth_token` — but not `password_reset_url`,
 * `tokenizer`, `author`, `public_key` or `secret_name`.
 */

/** Segments that name a secret on their own. */
const SECRET_SEGMENTS = new Set([
  'password',
  'passwd',
  'passwort',
  'pwd',
  'pass',
  'passphrase',
  'pat',
  'secret',
  'token',
  'credential',
  'credentials',
  'creds',
  'auth',
  'apikey',
  'apitoken',
  'authtoken',
  'accesstoken',
  'accesskey',
  'secretkey',
  'privatekey',
  'clientsecret',
  'appsecret',
  'sessionkey',
]);

/** `<qualifier> key`: an API key, an access key, a signing key… */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'private',
  'secret',
  'signing',
  'encryption',
  'encrypt',
  'master',
  'app',
  'client',
  'consumer',
  'license',
  'licence',
  'session',
  'auth',
  'shared',
  'hmac',
  'jwt',
  'crypto',
  'cipher',
  'service',
  'account',
  'subscription',
  'admin',
  'write',
  'read',
]);

/** A last segment that makes the name about the secret rather than the secret itself. */
const NON_SECRET_SUFFIXES = new Set([
  'url', 'uri', 'urls', 'path', 'paths', 'file', 'files', 'filename', 'dir', 'directory', 'type', 'types', 'name', 'names',
  'id', 'ids', 'length', 'len', 'min', 'max', 'minlength', 'maxlength', 'count', 'size', 'expires', 'expiry', 'expiration',
  'expiresin', 'expiresat', 'ttl', 'timeout', 'lifetime', 'field', 'fields', 'label', 'hint', 'regex', 'regexp', 'pattern', 'policy',
  'header', 'headers', 'prefix', 'suffix', 'format', 'endpoint', 'method', 'methods', 'mode', 'enabled', 'disabled',
  'required', 'hash', 'hashed', 'digest', 'version', 'provider', 'providers', 'strategy', 'validator', 'validation', 'placeholder',
  'env', 'var', 'variable', 'ref', 'arn', 'location', 'algorithm', 'alg', 'scheme', 'scope', 'scopes', 'host', 'port',
  'user', 'username', 'login', 'email', 'rotation', 'created', 'updated', 'at', 'date', 'time', 'description', 'desc',
  'message', 'msg', 'text', 'title', 'error', 'errors', 'prompt', 'input', 'kind', 'class', 'schema', 'template', 'reset',
  'confirm', 'confirmation', 'changed', 'question', 'store', 'manager', 'service', 'source', 'mount', 'selector', 'key_ref',
  'secretref', 'keyref', 'list', 'index', 'position', 'pos', 'usage', 'info', 'status', 'state', 'valid', 'invalid', 'visible',
  'hidden', 'toggle', 'icon', 'button', 'dialog', 'modal', 'form', 'component', 'page', 'view', 'route', 'handler', 'callback',
  'fn', 'func', 'function', 'class', 'test', 'spec', 'mock', 'fixture', 'example', 'sample', 'policy', 'rules', 'rule', 'strength',
  'level', 'bits', 'char', 'chars', 'characters', 'encoding', 'charset', 'lang', 'locale', 'region', 'zone', 'count',
]);

/** A segment anywhere that marks the value as public or as an indirection. */
const NON_SECRET_SEGMENTS = new Set(['public', 'publishable', 'pub', 'pubkey', 'publickey', 'csrf', 'xsrf', 'next', 'page', 'pagination', 'cursor', 'continuation', 'tokenizer']);

/** Splits `dbPassword`, `DB_PASSWORD`, `api-key`, `this.auth.token` into lower-case segments. */
export function splitIdentifier(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((s) => s.length > 0)
    .map((s) => s.toLowerCase());
}

/** True when `name` (an assignment's left-hand side) names a credential. */
export function isSecretName(name: string): boolean {
  const segments = splitIdentifier(name);
  const last = segments[segments.length - 1];
  if (last === undefined || NON_SECRET_SUFFIXES.has(last)) return false;
  if (segments.some((s) => NON_SECRET_SEGMENTS.has(s))) return false;
  return segments.some(
    (s, i) => SECRET_SEGMENTS.has(s) || (s === 'key' && i > 0 && KEY_QUALIFIERS.has(segments[i - 1] ?? '')),
  );
}
