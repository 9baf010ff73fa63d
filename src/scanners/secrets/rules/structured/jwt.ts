import type { SecretRule } from '../../rule.js';
import { decodeBase64Url, parseJsonObject } from './decode.js';
import { TOKEN_REMEDIATION } from './remediation.js';

/**
 * JSON Web Tokens (RFC 7519) in compact JWS form: three base64url parts whose
 * header decodes to a JSON object with an `alg`. The token is reported whether
 * or not it has expired: an old token still shows how to mint new ones, and
 * the scanner cannot know the server's clock skew or revocation list.
 */

const JWT = String.raw`(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{8,2048}\.(?<payload>[A-Za-z0-9_-]{2,8192})\.(?<signature>[A-Za-z0-9_-]{0,1400}))(?![A-Za-z0-9_.-])`;

interface DecodedJwt {
  alg: string;
  signature: string;
}

/** Decodes the header and payload; undefined unless both are JSON objects and the header names an `alg`. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) return undefined;
  const headerBytes = decodeBase64Url(header);
  const payloadBytes = decodeBase64Url(payload);
  if (!headerBytes || !payloadBytes) return undefined;
  const headerJson = parseJsonObject(headerBytes.toString('utf8'));
  if (!headerJson || typeof headerJson['alg'] !== 'string') return undefined;
  // JWE (encrypted) headers carry `enc` and have five parts; this is not one.
  if ('enc' in headerJson) return undefined;
  if (!parseJsonObject(payloadBytes.toString('utf8'))) return undefined;
  return { alg: headerJson['alg'], signature };
}

function encode(json: object): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

const signedExample = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'svc-billing', iss: 'auth.internal', iat: 1700000000, exp: 4102444800 })}.q3V8mTz1Yc0pR7sXa2LkN9wEe4uB6hJdFgKiOl5vP0M`;
const unsignedExample = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'admin', role: 'superuser' })}.`;

const jwt: SecretRule = {
  id: 'jwt',
  title: 'JSON Web Token',
  provider: 'Generic',
  keywords: ['eyj'],
  pattern: new RegExp(JWT),
  confidence: 'medium',
  severity: 'medium',
  verify: (secret) => {
    const decoded = decodeJwt(secret);
    // A signed token: a real algorithm and a signature of at least an HMAC-SHA256's 43 characters… minus slack for short EdDSA test keys.
    return decoded !== undefined && decoded.alg.toLowerCase() !== 'none' && decoded.signature.length >= 32;
  },
  remediation: TOKEN_REMEDIATION,
  examples: {
    positive: [`Authorization: Bearer ${signedExample}`, `SUPABASE_SERVICE_ROLE_KEY="${signedExample}"`],
    negative: [
      // Base64url parts that do not decode to a JOSE header.
      'eyJhbGciOiJub3QtanNvbg.eyJzdWIiOiIx.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlcw',
      `${encode({ typ: 'JWT' })}.${encode({ sub: '1' })}.q3V8mTz1Yc0pR7sXa2LkN9wEe4uB6hJdFgKiOl5vP0M`,
      unsignedExample,
      // jwt.io's default token: documented, so the false-positive filter drops it (the rule itself matches it).
    ],
  },
};

const unsignedJwt: SecretRule = {
  id: 'jwt-unsigned',
  title: 'Unsigned JSON Web Token (alg: none)',
  provider: 'Generic',
  keywords: ['eyj'],
  pattern: new RegExp(JWT),
  confidence: 'medium',
  // It grants nothing unless a server wrongly accepts `alg: none`; reported low so that one is found.
  severity: 'low',
  verify: (secret) => {
    const decoded = decodeJwt(secret);
    return decoded !== undefined && decoded.alg.toLowerCase() === 'none' && decoded.signature.length === 0;
  },
  remediation: {
    revoke:
      'An unsigned token proves nothing by itself: make sure no service accepts `alg: none`, then remove the token and find where it was minted.',
    docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
  },
  examples: { positive: [`token: ${unsignedExample}`], negative: [signedExample] },
};

export const JWT_RULES: readonly SecretRule[] = [jwt, unsignedJwt];
