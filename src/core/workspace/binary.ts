import { open } from 'node:fs/promises';

/**
 * How much of a file to sniff: the same 8,000 bytes git looks at before it
 * calls a file binary (FIRST_FEW_BYTES in git's xdiff-interface.c), so the
 * walk and `git diff` agree on what is text.
 */
export const SNIFF_BYTES = 8000;

/** Above this share of control characters a NUL-free sample is still not text. */
const CONTROL_CHAR_RATIO = 0.3;

/**
 * Why a sample is not text, or undefined when it is. Like git: a NUL byte
 * makes a file binary (so UTF-16 text counts as binary too). Beyond git: a
 * sample that is mostly control characters is binary as well.
 */
export function binaryReason(sample: Uint8Array): string | undefined {
  if (sample.includes(0)) return `binary file (NUL byte in the first ${SNIFF_BYTES} bytes)`;
  let control = 0;
  // An indexed loop: this runs on every file a scanner reads.
  for (let i = 0; i < sample.length; i += 1) {
    const byte = sample[i] as number;
    // Tab, newline, vertical tab, form feed, carriage return, backspace and escape occur in text.
    if (byte < 0x20 ? !(byte >= 0x08 && byte <= 0x0d) && byte !== 0x1b : byte === 0x7f) control += 1;
  }
  if (sample.length > 0 && control / sample.length > CONTROL_CHAR_RATIO) {
    return `binary file (mostly control characters in the first ${SNIFF_BYTES} bytes)`;
  }
  return undefined;
}

/** Reads the first SNIFF_BYTES of a file and says why it is binary, or undefined for text. */
export async function sniffBinary(absolutePath: string): Promise<string | undefined> {
  const handle = await open(absolutePath, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return binaryReason(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
