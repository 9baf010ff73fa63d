/**
 * Shapes of values that a generic (name = value) rule catches but that are
 * not secrets: references to where the secret lives, prose, versions, paths
 * and URLs. Used for `low`-confidence rules only.
 */

/**
 * Reads of the environment, a secret store or configuration:
 * `process.env.X`, `os.environ[...]`, `os.getenv(...)`, `ENV['X']`,
 * `System.getenv`, `secrets.X`, `vars.X`, `config.x.y`.
 */
const ENVIRONMENT_READ =
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|env|ENV|System\.getenv|Environment\.GetEnvironmentVariable|Deno\.env|secrets|vars|settings|config|Config|cfg|conf|self|this|props|ctx|context|params|args|options|opts|request|req|Rails\.application\.credentials|ConfigurationManager)(?:[.[(]|$)/;
/** A function or method call: `get_token()`, `vault.read("x")`, `new Secret(...)`. */
const CALL = /^(?:new\s{1,4})?[A-Za-z_$][\w$]{0,100}(?:(?:\.|::|->)[A-Za-z_$][\w$]{0,100}){0,10}\s{0,4}\(/;
/** `a.b.c`, `Foo::BAR`, `obj->field`: a property path, not a literal. */
const PROPERTY_PATH = /^[A-Za-z_$][\w$]{0,100}(?:(?:\.|::|->)[A-Za-z_$][\w$]{0,100}){1,10}$/;
/** `API_TOKEN`, `DB_PASSWORD`: the name of a constant or variable. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,10}$/;

/** True when `value` points to a secret instead of holding one (an environment read, a call, a property path). */
export function looksLikeReference(value: string): boolean {
  const v = value.trim();
  if (ENVIRONMENT_READ.test(v) || CALL.test(v)) return true;
  if (PROPERTY_PATH.test(v)) return true;
  return CONSTANT_NAME.test(v);
}

/** `1.2.3`, `v2.0.0-beta.1`, `^4.17.21`, `>=1.0`. */
const VERSION = /^[v^~<>=]{0,3}\d{1,6}(?:\.\d{1,6}){1,3}(?:[-+][0-9A-Za-z.-]{1,40})?$/;
/** `/etc/app/secret.pem`, `./secrets/key.json`, `~/.ssh/id_rsa`, `C:\keys\app.pfx`. */
const FILE_PATH = /^(?:~|\.{1,2})?\/(?:[\w.@-]{1,100}\/){0,20}[\w.@-]{1,100}\/?$|^[A-Za-z]:\\(?:[\w .@-]{1,100}\\){0,20}[\w .@-]{0,100}$/;
const FILE_NAME = /^[\w.@-]{1,100}\.(?:pem|key|crt|cer|der|p12|pfx|jks|keystore|json|ya?ml|txt|env|ini|conf|cfg|properties|xml|toml|gpg|asc|pub)$/i;
const URL_WITHOUT_CREDENTIALS = /^[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/]{1,253}(?::\d{1,5})?(?:[/?#][^\s]{0,2000})?$/i;

/**
 * Why `value` is a literal that is not a secret (a version, a file path, a URL
 * without credentials), or undefined.
 */
export function describeNonSecretLiteral(value: string): string | undefined {
  const v = value.trim();
  if (VERSION.test(v)) return 'a version string';
  if (FILE_PATH.test(v) && !/[+=]/.test(v) && (v.startsWith('.') || v.startsWith('~') || /[/\\].{0,100}[/\\.]/.test(v)))
    return 'a file path';
  if (FILE_NAME.test(v)) return 'a file name';
  if (URL_WITHOUT_CREDENTIALS.test(v)) return 'a URL without credentials';
  return undefined;
}

const VOWELS = /[aeiouy]/gi;

/**
 * True when `value` reads as words rather than as random characters: prose
 * with spaces ("Please enter your password"), or identifier-like compounds
 * made of pronounceable words (`mySuperSecretPassword`, `not-the-real-one`).
 */
export function looksLikeNaturalLanguage(value: string): boolean {
  const v = value.trim();
  const words = v
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s_.,:;!?'"()/-]+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return false;
  const wordLike = words.filter((w) => /^[A-Za-z]{2,30}$/.test(w) && isPronounceable(w));
  // Prose: at least two spaced words, nearly all of them word-like.
  if (/\s/.test(v) && words.length >= 2 && wordLike.length / words.length >= 0.75) return true;
  // Compounds: every part a pronounceable word, no digits.
  return !/\d/.test(v) && wordLike.length === words.length && (words.length >= 2 || v.length <= 24);
}

/** A word has vowels in the proportion languages have (random letters rarely do) and no long consonant run. */
function isPronounceable(word: string): boolean {
  if (word.length <= 3) return /[aeiouy]/i.test(word) || /^[A-Z]{2,3}$/.test(word);
  const vowels = (word.match(VOWELS) ?? []).length / word.length;
  return vowels >= 0.2 && vowels <= 0.7 && !/[^aeiouy\d]{5}/i.test(word);
}

/**
 * Values encrypted at rest by a secrets tool: SOPS (`ENC[AES256_GCM,data:…]`),
 * Ansible Vault (`$ANSIBLE_VAULT;1.1;AES256`), Sealed Secrets and
 * git-crypt-style armor. Committing these is the intended practice.
 */
const ENCRYPTED_VALUE = /^(?:ENC\[[A-Z0-9_]{3,30}(?:,|\]|$)|\$ANSIBLE_VAULT;|!vault\b|AgB[A-Za-z0-9+/]{200})/;

/** True when `value` is ciphertext from SOPS, Ansible Vault or Sealed Secrets. */
export function isEncryptedValue(value: string): boolean {
  return ENCRYPTED_VALUE.test(value.trim());
}

/**
 * Formats whose own rule verifies a checksum: GitHub tokens (`ghp_`, `gho_`,
 * `ghu_`, `ghs_`, `ghr_`: CRC32 in the last six characters) and npm tokens.
 * A generic rule must not report what the vendor rule has already rejected
 * (a wrong checksum) or reported.
 */
const CHECKSUMMED_VENDOR_FORMAT = /^(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}|npm_[A-Za-z0-9]{36})$/;

/** True when `value` is in a vendor format that carries its own checksum. */
export function hasCheckedVendorFormat(value: string): boolean {
  return CHECKSUMMED_VENDOR_FORMAT.test(value.trim());
}
