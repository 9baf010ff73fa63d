/**
 * Numbers in versions can be longer than a JS number holds exactly (Maven's
 * BigInteger items, Go and RubyGems' unbounded integers), so runs of ASCII
 * digits are ordered as text: without leading zeros, longer is larger.
 */

/** The digits without leading zeros; "0" for a run of zeros or an empty run. */
export function stripLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === 0x30) start++;
  return digits.length === 0 ? '0' : digits.slice(start);
}

/** Orders two runs of ASCII digits by value, whatever their length or leading zeros. */
export function compareDigitRuns(left: string, right: string): number {
  const a = stripLeadingZeros(left);
  const b = stripLeadingZeros(right);
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const ASCII_DIGITS = /^[0-9]+$/;
