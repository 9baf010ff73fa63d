/**
 * Pattern pieces shared by the service rules. Every piece uses bounded
 * quantifiers only, so a rule built from them stays linear on adversarial input.
 *
 * Positive examples in these files spell the vendor prefix as `${'xoxb'}-…`:
 * the fake credential then never appears literally in the source, so GitHub
 * push protection and our own self-scan do not flag the rule files.
 */

/** Not preceded by a token character: the secret starts here. */
export const START = String.raw`(?<![A-Za-z0-9_-])`;
/** Not followed by a token character: the secret ends here. */
export const END = String.raw`(?![A-Za-z0-9_-])`;
/** End for base64 values, which may contain `+`, `/` and `=`. */
export const END_B64 = String.raw`(?![A-Za-z0-9+/=_-])`;

/** A UUID in canonical lower-case form. */
export const UUID = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;

/**
 * A case-insensitive spelling of a literal (`[Dd][Aa]…`), so that a context
 * word matches `DATADOG_API_KEY` and `datadogApiKey` while the value's own
 * character classes stay case-sensitive (no `i` flag on the whole pattern).
 */
export function anyCase(word: string): string {
  return [...word]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      if (lower !== upper) return `[${upper}${lower}]`;
      return /[A-Za-z0-9_]/.test(ch) ? ch : `\\${ch}`;
    })
    .join('');
}

/**
 * `<context word><rest of the name> = "<value>"` in the usual spellings:
 * env files (`NAME=value`), YAML (`name: value`), JSON (`"name": "value"`),
 * code (`name = 'value'`, `name := "value"`, `name => 'value'`).
 * `names` are plain words (matched in any case); `qualifiers`, when given,
 * must also appear in the name after the context word (`ALGOLIA_ADMIN_KEY`);
 * `value` is a pattern source that the caller keeps bounded.
 */
export function assigned(
  names: readonly string[],
  value: string,
  options: { qualifiers?: readonly string[]; end?: string } = {},
): RegExp {
  const name = `(?:${names.map(anyCase).join('|')})`;
  const qualifier = options.qualifiers
    ? String.raw`[\w.-]{0,30}?(?:${options.qualifiers.map(anyCase).join('|')})[\w.-]{0,20}?`
    : String.raw`[\w.-]{0,40}?`;
  return new RegExp(
    String.raw`${name}${qualifier}["'\x60]?\s{0,3}(?:=>|:=|=|:)\s{0,3}["'\x60]?(?<secret>${value})${options.end ?? END}`,
  );
}

/** A prefixed token: `START<prefix><body>END`, the prefix escaped. */
export function prefixed(prefix: string, body: string, end: string = END): RegExp {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${START}(?<secret>${escaped}${body})${end}`);
}

/** Decodes base64 or base64url (padding optional); undefined when it is not. */
export function decodeBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]{1,4096}={0,2}$/.test(text)) return undefined;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

/** Parses a base64(url) JSON object; undefined when it is not one. */
export function decodeBase64Json(text: string): Record<string, unknown> | undefined {
  const decoded = decodeBase64(text);
  if (decoded === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(decoded);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** True when the value mixes upper case, lower case and digits, as random base62 does. */
export function isMixedAlnum(value: string): boolean {
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value);
}

/** True when a hex value has both letters and digits (not `1234…` or `abcd…` only). */
export function isMixedHex(value: string): boolean {
  return /[a-f]/i.test(value) && /[0-9]/.test(value);
}
