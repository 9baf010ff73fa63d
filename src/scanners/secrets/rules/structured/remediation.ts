/** Shared remediation texts for credentials that no single vendor issues. */

/** OWASP's guide covers rotation and storage for every kind of secret; no vendor owns these. */
const OWASP_SECRETS_MANAGEMENT = 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html';

export const PRIVATE_KEY_REMEDIATION = {
  revoke:
    'Treat the key as compromised: generate a new key pair, install the new public key or certificate wherever the old one was trusted (servers, `authorized_keys`, deploy keys, CAs), then remove the old one and revoke its certificate. Keep private keys in a secret store, never in the repository.',
  docsUrl: OWASP_SECRETS_MANAGEMENT,
} as const;

export const PASSWORD_REMEDIATION = {
  revoke:
    'Change the password on the server or service it opens, give the clients the new one from a secret store or an environment variable, and remove the literal from the code.',
  docsUrl: OWASP_SECRETS_MANAGEMENT,
} as const;

export const TOKEN_REMEDIATION = {
  revoke:
    'Revoke the token with its issuer (or rotate the signing key that minted it, which invalidates every token it signed), issue a new one, and load it from a secret store or an environment variable instead of the code.',
  docsUrl: OWASP_SECRETS_MANAGEMENT,
} as const;
