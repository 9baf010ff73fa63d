/**
 * Shannon entropy of `value` in bits per character (0 for an empty string).
 * Counts code points, so a surrogate pair is one symbol.
 */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  let length = 0;
  for (const ch of value) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    length += 1;
  }
  if (length === 0) return 0;
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
