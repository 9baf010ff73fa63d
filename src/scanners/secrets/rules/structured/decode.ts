/** Strict decoders for the structured rules' `verify` checks. */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes canonical, padded base64; undefined when `text` is not exactly that. */
export function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

/** Decodes unpadded base64url (RFC 4648 §5, as JWTs use it); undefined when it is not. */
export function decodeBase64Url(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 === 1 || !BASE64URL.test(text)) return undefined;
  return Buffer.from(text, 'base64url');
}

/** Parses `text` as a JSON object; undefined for anything else. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** True when every byte is printable ASCII or common UTF-8 text (no control bytes but tab/newline). */
export function isPrintableText(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) return false;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') || code === 0x7f) return false;
  }
  return true;
}
