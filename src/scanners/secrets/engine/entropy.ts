/** Per-character counts of the ASCII code points, all zero between calls. */
const asciiCounts = new Int32Array(128);
/** The distinct ASCII code points of the value being measured, in order of first occurrence. */
const asciiOrder = new Uint8Array(128);

/** Shannon entropy of a string in bits per character (per code point, as the rule tests measure it). */
export function shannonEntropy(value: string): number {
  const length = value.length;
  if (length === 0) return 0;
  // ASCII (nearly every secret): counts in a typed array. The sum runs over the
  // characters in order of first occurrence, as the Map below does, so the
  // result is the same to the last bit.
  let distinct = 0;
  for (let i = 0; i < length; i += 1) {
    const unit = value.charCodeAt(i);
    if (unit >= 128) {
      for (let k = 0; k < distinct; k += 1) asciiCounts[asciiOrder[k] as number] = 0;
      return entropyOfCodePoints(value);
    }
    const count = asciiCounts[unit] as number;
    if (count === 0) asciiOrder[distinct++] = unit;
    asciiCounts[unit] = count + 1;
  }
  let bits = 0;
  for (let k = 0; k < distinct; k += 1) {
    const unit = asciiOrder[k] as number;
    const p = (asciiCounts[unit] as number) / length;
    asciiCounts[unit] = 0;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function entropyOfCodePoints(value: string): number {
  const counts = new Map<number, number>();
  let total = 0;
  for (const ch of value) {
    const point = ch.codePointAt(0) as number;
    counts.set(point, (counts.get(point) ?? 0) + 1);
    total += 1;
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}
