/**
 * Values that are digests or identifiers, not credentials. These are checked
 * only for generic (`low`-confidence) rules: a vendor or structured rule has
 * already proved the format.
 */

/** md5, sha1, sha256 and sha512 in hex: 32, 40, 64 and 128 characters. */
const HEX_DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i;
const UUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
/** bcrypt (`$2a$`, `$2b$`, `$2y$`, cost, 53 characters of salt and hash). */
const BCRYPT = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/;
/** PHC strings: argon2, scrypt, pbkdf2 (`$argon2id$v=19$m=65536,t=3,p=4$salt$hash`). */
const PHC = /^\$(?:argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d{1,3})?|7)\$[A-Za-z0-9$=,./+-]{10,300}$/;
/** crypt(3) sha256/sha512/md5 (`$5$`, `$6$`, `$1$`) and Django's `pbkdf2_sha256$…`. */
const CRYPT = /^(?:\$[156]\$(?:rounds=\d{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86}|(?:pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256)\$[A-Za-z0-9$=,./+-]{10,300})$/;

/**
 * True when `value` is a hex digest of a common length, a UUID/GUID, or a
 * password hash in bcrypt, argon2, scrypt, PBKDF2 or crypt(3) form.
 */
export function looksLikeHashOrUuid(value: string): boolean {
  const v = value.trim();
  return HEX_DIGEST.test(v) || UUID.test(v) || BCRYPT.test(v) || PHC.test(v) || CRYPT.test(v);
}

/** Subresource-integrity style digests: `sha512-<base64>` (npm, yarn, pnpm), `h1:<base64>` (go.sum). */
const INTEGRITY = /^(?:sha(?:1|256|384|512)-[A-Za-z0-9+/]{20,100}={0,2}|h1:[A-Za-z0-9+/]{43}=|sha256:[0-9a-f]{64}|sha1:[0-9a-f]{40})$/;

/** True when `value` is a lockfile integrity string or a Docker/OCI digest. */
export function isIntegrityString(value: string): boolean {
  return INTEGRITY.test(value.trim());
}
