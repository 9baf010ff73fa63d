import { createHash, createHmac, scrypt, scryptSync } from 'node:crypto';
import { shannonEntropy } from '../engine/entropy.js';
import { computeFingerprint } from '../../../core/fingerprint.js';

/**
 * How a secret is identified without being written anywhere: a slow, salted
 * hash of its value. Fingerprints and baselines are committed and published
 * (SARIF partialFingerprints, the baseline file), so a fast hash of a short
 * password would be a dictionary attack away from the password itself.
 *
 * scrypt with N=1024, r=8, p=1 (1 MiB of memory per hash) measured 2.5 ms
 * per secret on an idle 2-vCPU machine (3.5–4 ms under load); `hashAll`
 * spreads a batch over libuv's thread pool, so it scales with the runner's
 * cores (GitHub's standard Linux runner has 4). A thousand distinct findings
 * cost 1–4 s; every repeat of a secret in a run is served from the cache
 * (1000 lookups < 1 ms). It does not make a weak password safe to commit; it
 * makes the published hash no shortcut to it.
 *
 * A value too strong to guess gains nothing from a slow hash: when its
 * length times its entropy estimate reaches FAST_HASH_MIN_BITS (a random
 * 40-character vendor token is ~190), an HMAC-SHA256 keyed the same way is
 * used instead, so a scan of a tree full of tokens does not spend seconds in
 * scrypt. Passwords and other short or patterned values stay on scrypt.
 *
 * The salt is derived from the rule id, so the same value found by two rules
 * hashes differently and a table built for one rule is useless for another.
 * Changing any of these numbers changes every hash: bump
 * SECRET_HASH_ALGORITHM so old baselines are recognised as such.
 */
export const SECRET_HASH_ALGORITHM = 'scrypt-n1024-r8-p1-16/hmac-sha256-16-from-128-bits';
/** Estimated bits (length × Shannon entropy per character) from which a value is hashed with HMAC-SHA256. */
export const FAST_HASH_MIN_BITS = 128;
const SCRYPT_OPTIONS = { N: 1024, r: 8, p: 1, maxmem: 32 * 1024 * 1024 } as const;
const HASH_BYTES = 16;
const SALT_DOMAIN = 'devsecops/secrets/v1\0';

/** Distinct secrets kept in the cache; far beyond a real run, a bound against a pathological one. */
const MAX_CACHED_SECRETS = 100_000;

function saltFor(ruleId: string): Buffer {
  return createHash('sha256').update(SALT_DOMAIN).update(ruleId).digest();
}

/** Hashes secrets once per run (the cache keeps raw values in memory only, as the scanner already does). */
export class SecretHasher {
  private readonly cache = new Map<string, string>();

  /** The hex hash of `secret` as found by `ruleId`. */
  hash(ruleId: string, secret: string): string {
    const key = cacheKey(ruleId, secret);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const hash = isUnguessable(secret) ? fastHash(ruleId, secret) : scryptSync(secret, saltFor(ruleId), HASH_BYTES, SCRYPT_OPTIONS).toString('hex');
    this.remember(key, hash);
    return hash;
  }

  /** Hashes many secrets in parallel on the libuv thread pool, filling the cache; returns them in order. */
  async hashAll(items: readonly { ruleId: string; secret: string }[]): Promise<string[]> {
    const pending = new Map<string, Promise<string>>();
    for (const { ruleId, secret } of items) {
      const key = cacheKey(ruleId, secret);
      if (this.cache.has(key) || pending.has(key)) continue;
      if (isUnguessable(secret)) {
        this.remember(key, fastHash(ruleId, secret));
        continue;
      }
      pending.set(
        key,
        new Promise<string>((resolve, reject) => {
          scrypt(secret, saltFor(ruleId), HASH_BYTES, SCRYPT_OPTIONS, (error, derived) => {
            if (error) reject(error);
            else resolve(derived.toString('hex'));
          });
        }),
      );
    }
    for (const [key, promise] of pending) this.remember(key, await promise);
    return items.map(({ ruleId, secret }) => this.hash(ruleId, secret));
  }

  /** Forgets every cached value (and so every raw secret held as a key). */
  clear(): void {
    this.cache.clear();
  }

  private remember(key: string, hash: string): void {
    if (this.cache.size >= MAX_CACHED_SECRETS) this.cache.clear();
    this.cache.set(key, hash);
  }
}

function isUnguessable(secret: string): boolean {
  return secret.length * shannonEntropy(secret) >= FAST_HASH_MIN_BITS;
}

function fastHash(ruleId: string, secret: string): string {
  return createHmac('sha256', saltFor(ruleId)).update(secret).digest().subarray(0, HASH_BYTES).toString('hex');
}

function cacheKey(ruleId: string, secret: string): string {
  return `${ruleId}\0${secret}`;
}

/** The hasher shared by a run (one process is one run, in the CLI and in an action). */
export const defaultSecretHasher = new SecretHasher();

/** The slow salted hash of a secret's value, hex (see SECRET_HASH_ALGORITHM). */
export function secretHash(ruleId: string, secret: string): string {
  return defaultSecretHasher.hash(ruleId, secret);
}

export interface SecretIdentity {
  ruleId: string;
  /** Repository-relative path, forward slashes. */
  path: string;
  secret: string;
}

/**
 * The stable fingerprint of a secret finding (SARIF `devsecops/v1`): keyed on
 * the rule, the path and the hash of the value, never the line, so it survives
 * edits above the secret and does not churn in merges. It cannot be turned
 * back into the value.
 */
export function secretFingerprint(finding: SecretIdentity, hasher: SecretHasher = defaultSecretHasher): string {
  return fingerprintFromHash({ ruleId: finding.ruleId, path: finding.path, secretHash: hasher.hash(finding.ruleId, finding.secret) });
}

/** The same fingerprint from an already computed hash (a baseline entry holds one). */
export function fingerprintFromHash(entry: { ruleId: string; path: string; secretHash: string }): string {
  return computeFingerprint(['secrets', entry.ruleId, entry.path, entry.secretHash]);
}

/** Secrets up to this many characters show no leading characters at all. */
const NO_PREVIEW_MAX_CHARS = 8;
const MAX_PREVIEW_CHARS = 4;

/**
 * The only form in which a secret may be shown: a few leading characters and
 * the length, e.g. `ghp_…(40 chars)`. Vendor prefixes make the first
 * characters the least secret ones; short values show none, longer ones at
 * most four and never more than an eighth of the value. Control and
 * non-printable characters in the preview are replaced with `?`.
 */
export function redactSecret(secret: string): string {
  const chars = [...secret];
  const length = chars.length;
  const shown = length <= NO_PREVIEW_MAX_CHARS ? 0 : Math.min(MAX_PREVIEW_CHARS, Math.floor(length / 8));
  const preview = chars
    .slice(0, shown)
    .map((ch) => (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? ch : '?'))
    .join('');
  return `${preview}…(${length} ${length === 1 ? 'char' : 'chars'})`;
}
