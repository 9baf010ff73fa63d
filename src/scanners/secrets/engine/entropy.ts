/** Shannon entropy of a string in bits per character (per code point, as the rule tests measure it). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
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
