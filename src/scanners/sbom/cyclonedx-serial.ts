import { createHash } from 'node:crypto';

/**
 * A CycloneDX serial number (`urn:uuid:…`, RFC 4122 layout) from the first
 * 16 bytes of a SHA-256: of the document itself in reproducible mode, so the
 * same content always gets the same serial and attestation tooling still has
 * one; of the caller's random seed otherwise. The version nibble says which
 * (5, name-based, for content; 4, random, for a seed) and the variant bits
 * are RFC 4122's, so strict UUID parsers accept it.
 */
export function serialNumberFrom(source: { content: string } | { seed: string }): string {
  const digest = createHash('sha256')
    .update('content' in source ? `cyclonedx-content\0${source.content}` : `cyclonedx-seed\0${source.seed}`, 'utf8')
    .digest();
  const bytes = digest.subarray(0, 16);
  const version = 'content' in source ? 0x50 : 0x40;
  bytes[6] = (bytes[6]! & 0x0f) | version;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
