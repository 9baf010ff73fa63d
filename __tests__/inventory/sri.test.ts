import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { hashFromHex, parseIntegrity } from '../../src/core/inventory/parsers/sri.js';

const TARBALL = Buffer.from('the bytes of a package tarball');

function sri(algorithm: string): string {
  return `${algorithm}-${createHash(algorithm).update(TARBALL).digest('base64')}`;
}

function hex(algorithm: string): string {
  return createHash(algorithm).update(TARBALL).digest('hex');
}

describe('parseIntegrity', () => {
  it('decodes a sha512 integrity into lower-case hex', () => {
    expect(parseIntegrity(sri('sha512'))).toEqual([{ algorithm: 'SHA-512', hex: hex('sha512') }]);
  });

  it('decodes the sha1 values of old npm and yarn lockfiles', () => {
    // From the heroku/node-js-getting-started lockfile: ejs 2.5.6.
    expect(parseIntegrity('sha1-R5Y2v6P+Ox3r1SCH8KyyBLTxnIg=')).toEqual([
      { algorithm: 'SHA-1', hex: '479636bfa3fe3b1debd52087f0acb204b4f19c88' },
    ]);
  });

  it('keeps every hash of a space-separated list, in order and once', () => {
    const value = `${sri('sha1')}  ${sri('sha256')}\n${sri('sha384')} ${sri('sha1')}`;
    expect(parseIntegrity(value)).toEqual([
      { algorithm: 'SHA-1', hex: hex('sha1') },
      { algorithm: 'SHA-256', hex: hex('sha256') },
      { algorithm: 'SHA-384', hex: hex('sha384') },
    ]);
  });

  it('ignores SRI options after the digest', () => {
    expect(parseIntegrity(`${sri('sha256')}?foo`)).toEqual([{ algorithm: 'SHA-256', hex: hex('sha256') }]);
  });

  it('leaves out unknown algorithms, bad base64 and digests of the wrong length', () => {
    expect(parseIntegrity('sha3-abcd')).toEqual([]);
    expect(parseIntegrity('sha512-not*base64')).toEqual([]);
    expect(parseIntegrity(`sha512-${createHash('sha256').update(TARBALL).digest('base64')}`)).toEqual([]);
    expect(parseIntegrity('sha1-R5Y2v6P+Ox3r1SCH8KyyBLTxnIg')).toEqual([]);
    expect(parseIntegrity('')).toEqual([]);
    expect(parseIntegrity('-')).toEqual([]);
  });
});

describe('hashFromHex', () => {
  it('accepts a hex digest of the algorithm length, lower-cased', () => {
    expect(hashFromHex('SHA-1', hex('sha1').toUpperCase())).toEqual({ algorithm: 'SHA-1', hex: hex('sha1') });
  });

  it('refuses a digest of another length or with non-hex characters', () => {
    expect(hashFromHex('SHA-1', hex('sha256'))).toBeUndefined();
    expect(hashFromHex('SHA-1', 'z'.repeat(40))).toBeUndefined();
  });
});
