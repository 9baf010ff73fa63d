import type { SecretRule } from '../../rule.js';
import type { Severity } from '../../../../core/severity.js';
import { shannonEntropy } from '../../filters/entropy.js';
import { decodeBase64 } from './decode.js';
import { armor, fakeBytes, fakeDer, fakeOpenSshKey, toPemLines } from './fake-material.js';
import { PRIVATE_KEY_REMEDIATION } from './remediation.js';

/**
 * Private keys in PEM/OpenSSH/PGP armor and PuTTY files, matched from BEGIN to
 * END across lines. The secret is the whole block; `verify` decodes the body.
 */

/** Largest armored body we look at: an 8192-bit RSA key or a PGP key with subkeys fits. */
const MAX_BODY_CHARS = 16_384;
/** How far after the keyword (inside the BEGIN line) the engine must look to see the END line. */
const PEM_WINDOW = { before: 256, after: MAX_BODY_CHARS + 512 } as const;

/**
 * The armored body: base64, whitespace, `\n` escapes (keys inside JSON
 * strings), header lines (`Proc-Type: 4,ENCRYPTED`, `Version: GnuPG`) — and a
 * `-` only when the next character is not another `-`, so the body can never
 * run over a `-----BEGIN`/`-----END` line. That keeps a BEGIN without an END
 * linear: the lazy body stops at the next dashes line and fails there.
 */
const BODY = String.raw`(?<body>(?:[A-Za-z0-9+/=\s:,.()@<>_\\]|-(?!-)){40,${MAX_BODY_CHARS}}?)`;
/** JSON-escaped or real line breaks and spaces before a PEM header line. */
const NOT_ENCRYPTED_PEM = String.raw`(?!(?:\s|\\[rn]){0,8}Proc-Type:)`;

interface ArmoredPayload {
  headers: string[];
  bytes: Buffer;
  base64: string;
}

/** Splits an armored body into header lines and decoded bytes; undefined when the base64 is not canonical. */
function readArmoredBody(body: string | undefined): ArmoredPayload | undefined {
  if (body === undefined) return undefined;
  const lines = body
    .replace(/\\r/g, '')
    .replace(/\\n/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const headers = lines.filter((line) => line.includes(':'));
  const base64 = lines
    .filter((line) => !line.includes(':') && !/^=[A-Za-z0-9+/]{4}$/.test(line))
    .join('')
    .replace(/\s/g, '');
  const bytes = decodeBase64(base64);
  return bytes ? { headers, bytes, base64 } : undefined;
}

/** A DER SEQUENCE whose declared length is exactly the decoded length: a whole key, not a truncated paste. */
function isWholeDerSequence(bytes: Buffer): boolean {
  if (bytes.length < 2 || bytes[0] !== 0x30) return false;
  const first = bytes[1] ?? 0;
  if (first < 0x80) return 2 + first === bytes.length;
  const lengthBytes = first & 0x7f;
  if (lengthBytes < 1 || lengthBytes > 3 || bytes.length < 2 + lengthBytes) return false;
  let length = 0;
  for (let i = 0; i < lengthBytes; i += 1) length = length * 256 + (bytes[2 + i] ?? 0);
  return 2 + lengthBytes + length === bytes.length;
}

/** Random key material encodes to base64 of high entropy; `MIIE…AAAAAAAA…` padding fakes do not. */
function hasKeyEntropy(payload: ArmoredPayload): boolean {
  return shannonEntropy(payload.base64) >= (payload.base64.length >= 256 ? 5.0 : 4.0);
}

/** The cipher name an `openssh-key-v1` blob declares, or undefined when it is not one. */
export function openSshCipher(bytes: Buffer): string | undefined {
  const magic = 'openssh-key-v1\0';
  if (bytes.length < magic.length + 8 || bytes.toString('latin1', 0, magic.length) !== magic) return undefined;
  const length = bytes.readUInt32BE(magic.length);
  if (length < 1 || length > 64 || bytes.length < magic.length + 4 + length) return undefined;
  return bytes.toString('latin1', magic.length + 4, magic.length + 4 + length);
}

interface DerKeySpec {
  id: string;
  title: string;
  /** The armor label: `RSA PRIVATE KEY`. */
  label: string;
  minBytes: number;
  severity: Severity;
  /** Labels that can carry `Proc-Type: 4,ENCRYPTED` are kept unencrypted here; the encrypted form has its own rule. */
  legacyHeaders: boolean;
  exampleBytes: Buffer;
}

function buildDerKeyRule(spec: DerKeySpec): SecretRule {
  const positive = armor(spec.label, toPemLines(spec.exampleBytes));
  const indented = positive.split('\n').map((line) => `    ${line}`).join('\n');
  return {
    id: spec.id,
    title: spec.title,
    provider: 'Generic',
    keywords: [`begin ${spec.label.toLowerCase()}`],
    pattern: new RegExp(
      String.raw`(?<secret>-----BEGIN ${spec.label}-----${spec.legacyHeaders ? NOT_ENCRYPTED_PEM : ''}${BODY}-----END ${spec.label}-----)`,
    ),
    window: PEM_WINDOW,
    confidence: 'high',
    severity: spec.severity,
    verify: (_secret, groups) => {
      const payload = readArmoredBody(groups['body']);
      if (!payload || payload.headers.length > 0) return false;
      return payload.bytes.length >= spec.minBytes && isWholeDerSequence(payload.bytes) && hasKeyEntropy(payload);
    },
    remediation: PRIVATE_KEY_REMEDIATION,
    examples: {
      positive: [
        positive,
        `private_key: |\n${indented}`,
        // As a JSON string (a GCP service-account file holds its key this way).
        `{"private_key": "${positive.replace(/\n/g, '\\n')}\\n"}`,
      ],
      negative: [
        // Documentation stand-ins: the body is not base64 of a whole key.
        armor(spec.label, 'MIIEpAIBAAKCAQEA...\n...your key here...\n...'),
        armor(spec.label, `MIIE${'A'.repeat(60)}\n${'A'.repeat(64)}`),
        // Truncated: a real-looking first half, cut.
        armor(spec.label, toPemLines(spec.exampleBytes.subarray(0, Math.floor(spec.exampleBytes.length / 2)))),
        `-----BEGIN ${spec.label}-----`,
      ],
    },
  };
}

const rsa = buildDerKeyRule({
  id: 'private-key-rsa',
  title: 'RSA private key (PKCS#1, unencrypted)',
  label: 'RSA PRIVATE KEY',
  minBytes: 128,
  severity: 'critical',
  legacyHeaders: true,
  exampleBytes: fakeDer(1190, 0x5eed01),
});

const ec = buildDerKeyRule({
  id: 'private-key-ec',
  title: 'EC private key (SEC 1, unencrypted)',
  label: 'EC PRIVATE KEY',
  minBytes: 48,
  severity: 'critical',
  legacyHeaders: true,
  exampleBytes: fakeDer(119, 0x5eed02),
});

const dsa = buildDerKeyRule({
  id: 'private-key-dsa',
  title: 'DSA private key (unencrypted)',
  label: 'DSA PRIVATE KEY',
  minBytes: 128,
  severity: 'critical',
  legacyHeaders: true,
  exampleBytes: fakeDer(440, 0x5eed03),
});

const pkcs8 = buildDerKeyRule({
  id: 'private-key-pkcs8',
  title: 'Private key (PKCS#8, unencrypted)',
  label: 'PRIVATE KEY',
  // An Ed25519 PKCS#8 key is 48 bytes.
  minBytes: 40,
  severity: 'critical',
  legacyHeaders: false,
  exampleBytes: fakeDer(1214, 0x5eed04),
});

const pkcs8Encrypted = buildDerKeyRule({
  id: 'private-key-pkcs8-encrypted',
  title: 'Encrypted private key (PKCS#8, passphrase-protected)',
  label: 'ENCRYPTED PRIVATE KEY',
  minBytes: 64,
  // Lower: the key is useless without its passphrase, but a weak passphrase falls to an offline guess.
  severity: 'medium',
  legacyHeaders: false,
  exampleBytes: fakeDer(1296, 0x5eed05),
});

/** `-----BEGIN RSA PRIVATE KEY-----` + `Proc-Type: 4,ENCRYPTED` + `DEK-Info:`: OpenSSL's legacy encrypted PEM. */
const legacyEncryptedExample = armor(
  'RSA PRIVATE KEY',
  `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F2A9C51D0B7E8846A1C2D3E4F506172\n\n${toPemLines(fakeBytes(1200, 0x5eed06))}`,
);

const legacyEncryptedPem: SecretRule = {
  id: 'private-key-pem-encrypted',
  title: 'Encrypted private key (legacy PEM, passphrase-protected)',
  provider: 'Generic',
  keywords: ['4,encrypted'],
  pattern: new RegExp(
    String.raw`(?<secret>-----BEGIN (?<kind>RSA|EC|DSA) PRIVATE KEY-----(?=(?:\s|\\[rn]){0,8}Proc-Type:[ \t]{0,4}4,ENCRYPTED)${BODY}-----END \k<kind> PRIVATE KEY-----)`,
  ),
  window: PEM_WINDOW,
  confidence: 'high',
  // Lower: the key is useless without its passphrase, but a weak passphrase falls to an offline guess.
  severity: 'medium',
  verify: (_secret, groups) => {
    const payload = readArmoredBody(groups['body']);
    if (!payload || !payload.headers.some((h) => /^DEK-Info:/i.test(h))) return false;
    // Block-cipher output: whole 8-byte (DES) or 16-byte (AES) blocks.
    return payload.bytes.length >= 64 && payload.bytes.length % 8 === 0 && hasKeyEntropy(payload);
  },
  remediation: PRIVATE_KEY_REMEDIATION,
  examples: {
    positive: [legacyEncryptedExample],
    negative: [armor('RSA PRIVATE KEY', 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n...')],
  },
};

function buildOpenSshRule(encrypted: boolean): SecretRule {
  const example = armor('OPENSSH PRIVATE KEY', toPemLines(fakeOpenSshKey(encrypted ? 'aes256-ctr' : 'none', encrypted ? 0x5eed08 : 0x5eed07)));
  const other = armor('OPENSSH PRIVATE KEY', toPemLines(fakeOpenSshKey(encrypted ? 'none' : 'aes256-ctr', 0x5eed09)));
  return {
    id: encrypted ? 'private-key-openssh-encrypted' : 'private-key-openssh',
    title: encrypted ? 'OpenSSH private key (passphrase-protected)' : 'OpenSSH private key (unencrypted)',
    provider: 'Generic',
    keywords: ['begin openssh private key'],
    pattern: new RegExp(String.raw`(?<secret>-----BEGIN OPENSSH PRIVATE KEY-----${BODY}-----END OPENSSH PRIVATE KEY-----)`),
    window: PEM_WINDOW,
    confidence: 'high',
    // An encrypted key needs its passphrase first (bcrypt KDF slows guessing): lower.
    severity: encrypted ? 'medium' : 'critical',
    verify: (_secret, groups) => {
      const payload = readArmoredBody(groups['body']);
      if (!payload || payload.headers.length > 0 || payload.bytes.length < 64) return false;
      const cipher = openSshCipher(payload.bytes);
      if (cipher === undefined) return false;
      return encrypted ? cipher !== 'none' : cipher === 'none';
    },
    remediation: PRIVATE_KEY_REMEDIATION,
    examples: { positive: [example], negative: [other, armor('OPENSSH PRIVATE KEY', toPemLines(fakeBytes(400, 0x5eed0a)))] },
  };
}

/** PGP secret keys: armored packets; the first byte of an OpenPGP packet has its top bit set. */
const pgpExample = armor('PGP PRIVATE KEY BLOCK', `Version: GnuPG v2\nComment: build signing key\n\n${toPemLines(Buffer.concat([Buffer.from([0x95, 0x03, 0xc6]), fakeBytes(960, 0x5eed0b)]))}\n=tQ8s`);

const pgp: SecretRule = {
  id: 'private-key-pgp',
  title: 'PGP private key block',
  provider: 'Generic',
  keywords: ['begin pgp private key block'],
  pattern: new RegExp(String.raw`(?<secret>-----BEGIN PGP PRIVATE KEY BLOCK-----${BODY}-----END PGP PRIVATE KEY BLOCK-----)`),
  window: PEM_WINDOW,
  confidence: 'high',
  // Most exported PGP secret keys are passphrase-protected, which the armor does not tell: high, not critical.
  severity: 'high',
  verify: (_secret, groups) => {
    const payload = readArmoredBody(groups['body']);
    if (!payload) return false;
    return payload.bytes.length >= 64 && ((payload.bytes[0] ?? 0) & 0x80) !== 0 && hasKeyEntropy(payload);
  },
  remediation: {
    revoke:
      'Publish a revocation certificate for the key (`gpg --gen-revoke`), push it to the keyservers you use, create a new key and re-sign what the old one signed.',
    docsUrl: 'https://www.gnupg.org/gph/en/manual/c14.html',
  },
  examples: { positive: [pgpExample], negative: [armor('PGP PRIVATE KEY BLOCK', 'Version: GnuPG v2\n\n<paste your key here>')] },
};

/** PuTTY `.ppk` files (versions 2 and 3): headers, public and private lines, a MAC. */
function buildPuttyRule(encrypted: boolean): SecretRule {
  const privateBlob = toPemLines(fakeBytes(660, encrypted ? 0x5eed0d : 0x5eed0c));
  const privateLines = privateBlob.split('\n');
  const example = [
    'PuTTY-User-Key-File-3: ssh-rsa',
    `Encryption: ${encrypted ? 'aes256-cbc' : 'none'}`,
    'Comment: deploy@build-01',
    'Public-Lines: 2',
    'AAAAB3NzaC1yc2EAAAADAQABAAABAQDH3kq9Zr1xV8mWc2Lp7s0nTfQeYbG4uJ',
    'aK5dR6wXo2Hn9cVtPm3yLq8ZsBfE1gUj',
    ...(encrypted ? ['Key-Derivation: Argon2id', 'Argon2-Memory: 8192', 'Argon2-Passes: 13', 'Argon2-Parallelism: 1', 'Argon2-Salt: 9f1c2e7a55b04d3c8e6a1f0b2d4c6e8a'] : []),
    `Private-Lines: ${privateLines.length}`,
    ...privateLines,
    'Private-MAC: 5c1f0e9a8b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e',
  ].join('\n');
  const encryption = encrypted ? String.raw`(?!none\b)[a-z0-9-]{3,32}` : 'none';
  return {
    id: encrypted ? 'private-key-putty-encrypted' : 'private-key-putty',
    title: encrypted ? 'PuTTY private key (passphrase-protected)' : 'PuTTY private key (unencrypted)',
    provider: 'Generic',
    keywords: ['putty-user-key-file-'],
    pattern: new RegExp(
      String.raw`(?<secret>PuTTY-User-Key-File-[23]:[ \t]{1,4}[\w@.-]{3,64}\r?\nEncryption:[ \t]{1,4}${encryption}\r?\n(?<body>(?:(?!PuTTY-User-Key-File)[^\r\n]{0,256}\r?\n){2,160}?)Private-MAC:[ \t]{1,4}[0-9a-fA-F]{40,64})`,
    ),
    window: { before: 256, after: 24_576 },
    confidence: 'high',
    severity: encrypted ? 'medium' : 'critical',
    verify: (_secret, groups) => {
      const lines = (groups['body'] ?? '').split(/\r?\n/);
      const at = lines.findIndex((line) => /^Private-Lines:\s*\d+\s*$/.test(line));
      if (at < 0) return false;
      const count = Number(lines[at]?.split(':')[1]);
      const blob = lines.slice(at + 1, at + 1 + count).join('').trim();
      const bytes = decodeBase64(blob);
      return bytes !== undefined && bytes.length >= 32 && shannonEntropy(blob) >= 4.0;
    },
    remediation: PRIVATE_KEY_REMEDIATION,
    examples: {
      positive: [example],
      negative: [example.replace(/^Private-Lines: \d+$/m, 'Private-Lines: 1').replace(privateLines[0] ?? '', '<private key here>')],
    },
  };
}

export const PRIVATE_KEY_RULES: readonly SecretRule[] = [
  rsa,
  ec,
  dsa,
  pkcs8,
  buildOpenSshRule(false),
  pgp,
  buildPuttyRule(false),
  pkcs8Encrypted,
  legacyEncryptedPem,
  buildOpenSshRule(true),
  buildPuttyRule(true),
];
