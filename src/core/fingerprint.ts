import { createHash } from 'node:crypto';

/**
 * Our own stable fingerprint, written to SARIF `partialFingerprints` as
 * `devsecops/v1`. It is keyed on what identifies a problem (rule, path and a
 * producer-chosen key such as a hash of a secret's value or a package and
 * advisory), never on a line number, so it survives edits that move lines and
 * baselines do not churn.
 */
export const FINGERPRINT_KEY = 'devsecops/v1';

export function computeFingerprint(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    // Length-prefix each part so ["ab","c"] and ["a","bc"] differ.
    hash.update(`${Buffer.byteLength(part)}:${part};`);
  }
  return hash.digest('hex').slice(0, 32);
}
