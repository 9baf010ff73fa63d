import type { SecretRule } from '../rule.js';
import { findDocumentedExampleKey } from './example-keys.js';
import { isIntegrityString, looksLikeHashOrUuid } from './hash-like.js';
import { isLockfilePath, isSourceCodePath, isTestFixturePath } from './paths.js';
import { isPlaceholder } from './placeholder.js';
import {
  describeNonSecretLiteral,
  hasCheckedVendorFormat,
  isEncryptedValue,
  looksLikeNaturalLanguage,
  looksLikeReference,
} from './value-shape.js';

/** What the engine knows about one match when it asks whether to keep it. */
export interface MatchToExplain {
  rule: SecretRule;
  secret: string;
  /** Repository-relative path, forward slashes. */
  path: string;
  /** The whole line the secret starts on. */
  lineText: string;
}

/**
 * True when the secret appears on its line without a quote before it, in a
 * source file: `token = get_token`, `apiKey: process.env.API_KEY`.
 * There an unquoted right-hand side is an expression, never a literal.
 */
function isUnquotedInSourceCode(secret: string, path: string, lineText: string): boolean {
  if (!isSourceCodePath(path)) return false;
  const at = lineText.indexOf(secret);
  if (at < 0) return false;
  const before = lineText.slice(0, at).trimEnd();
  return !/["'`]$/.test(before);
}

/**
 * The one false-positive gate the engine calls on every match. Returns why the
 * match is not a live secret, or undefined to keep it.
 *
 * Policy:
 * - documented example keys, placeholders and secrets-tool ciphertext are
 *   dropped for every rule;
 * - lockfiles, test and fixture paths, checksummed vendor formats (left to
 *   their own rule), digests, UUIDs, references, versions, paths, URLs and
 *   prose are dropped only for `low`-confidence (generic) rules — a
 *   vendor-format key in a test file can still be live.
 */
export function explainFalsePositive(match: MatchToExplain): string | undefined {
  const { rule, secret, path, lineText } = match;

  const example = findDocumentedExampleKey(secret);
  if (example) return `a documented example credential (${example.issuer}: ${example.source})`;
  if (isPlaceholder(secret)) return 'a placeholder, not a credential';
  if (isEncryptedValue(secret)) return 'ciphertext from a secrets tool (SOPS, Ansible Vault, Sealed Secrets)';

  if (rule.confidence !== 'low') return undefined;

  if (isLockfilePath(path)) return 'a dependency lockfile: generic rules do not apply to it';
  if (isTestFixturePath(path)) return 'a test or fixture file: generic rules do not apply to it';
  if (hasCheckedVendorFormat(secret)) return "a checksummed vendor format: the vendor's rule verifies it";
  if (isIntegrityString(secret)) return 'a package integrity digest';
  if (looksLikeHashOrUuid(secret)) return 'a hash or UUID, not a credential';
  if (looksLikeReference(secret)) return 'a reference to where the secret is kept, not the secret';
  if (isUnquotedInSourceCode(secret, path, lineText)) return 'an expression in source code, not a literal';
  const literal = describeNonSecretLiteral(secret);
  if (literal) return `${literal}, not a credential`;
  if (looksLikeNaturalLanguage(secret)) return 'words, not a random credential';
  return undefined;
}
