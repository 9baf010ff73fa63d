/**
 * Deterministic fake key material for the rules' `examples`. The bytes come
 * from a fixed-seed generator, so they have the shape of a key (DER header,
 * base64 of random-looking bytes) and open nothing. Generated at load time so
 * that no complete key block sits in the source for other scanners to trip on.
 */

/** xorshift32 from a fixed seed: the same bytes on every run. */
export function fakeBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A DER SEQUENCE of `contentLength` fake bytes, as every PKCS#1/#8 and SEC1 key starts. */
export function fakeDer(contentLength: number, seed: number): Buffer {
  const content = fakeBytes(contentLength, seed);
  const header =
    contentLength < 0x80
      ? Buffer.from([0x30, contentLength])
      : contentLength < 0x100
        ? Buffer.from([0x30, 0x81, contentLength])
        : Buffer.from([0x30, 0x82, contentLength >> 8, contentLength & 0xff]);
  return Buffer.concat([header, content]);
}

/** An SSH string: uint32 length, then the bytes. */
function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** The start of an `openssh-key-v1` blob with `cipher`, then fake bytes. */
export function fakeOpenSshKey(cipher: string, seed: number): Buffer {
  return Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), sshString(cipher), sshString(cipher === 'none' ? 'none' : 'bcrypt'), fakeBytes(360, seed)]);
}

/** Base64 in lines of 64 characters, as PEM writes it. */
export function toPemLines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,64}/g) ?? []).join('\n');
}

/** `-----BEGIN <label>-----`…`-----END <label>-----` around `body`. */
export function armor(label: string, body: string): string {
  const dashes = '-'.repeat(5);
  return `${dashes}BEGIN ${label}${dashes}\n${body}\n${dashes}END ${label}${dashes}`;
}
