/**
 * Inline allow comments: a marker on a line tells every scanner that the
 * value there is not a secret (a test fixture, a documented example). We honour
 * our own marker and those of the tools people migrate from, so an existing
 * code base keeps its annotations:
 *   devsecops:allow                     ours
 *   gitleaks:allow                      gitleaks
 *   trufflehog:ignore                   TruffleHog
 *   pragma: allowlist secret            detect-secrets
 *   secretlint-disable-line             secretlint
 * and, written on the line BEFORE the secret:
 *   pragma: allowlist nextline secret   detect-secrets
 *   secretlint-disable-next-line        secretlint
 *
 * Like gitleaks, a marker counts anywhere on the line (no comment syntax is
 * required: there are too many languages to know them all), but it must be a
 * whole token: `gitleaks:allowed` or `notrufflehog:ignore` do not count.
 * secretlint's block form (`secretlint-disable` … `secretlint-enable`) spans
 * lines and is not supported.
 */

/** The canonical spelling of each marker, as returned to callers (for logs and summaries). */
export const SAME_LINE_MARKERS = [
  'devsecops:allow',
  'gitleaks:allow',
  'trufflehog:ignore',
  'pragma: allowlist secret',
  'secretlint-disable-line',
] as const;
export const NEXT_LINE_MARKERS = ['pragma: allowlist nextline secret', 'secretlint-disable-next-line'] as const;
export type AllowMarker = (typeof SAME_LINE_MARKERS)[number] | (typeof NEXT_LINE_MARKERS)[number];

/**
 * A marker is a whole token: no word character, `-` or `:` just before it, and
 * no word character or `-` just after it (a `:` may follow, as in
 * `devsecops:allow: documented example`, but not one that continues the token).
 */
const BEFORE = String.raw`(?<![\w:-])`;
const AFTER = String.raw`(?![\w-]|:[\w-])`;

/**
 * detect-secrets matches the pragma with flexible spacing and also its older
 * "whitelist" spelling; the others are fixed strings.
 */
const SAME_LINE = new RegExp(
  `${BEFORE}(?:(devsecops:allow)|(gitleaks:allow)|(trufflehog:ignore)|(pragma:[ \\t]*(?:allow|white)list[ \\t]+secret)|(secretlint-disable-line))${AFTER}`,
);
const NEXT_LINE = new RegExp(
  `${BEFORE}(?:(pragma:[ \\t]*(?:allow|white)list[ \\t]+nextline[ \\t]+secret)|(secretlint-disable-next-line))${AFTER}`,
);

/** Only lines holding one of these can carry a marker: a cheap test before the regex. */
const HINTS = ['allow', 'ignore', 'whitelist', 'secretlint'];

function hasHint(lineText: string): boolean {
  return HINTS.some((hint) => lineText.includes(hint));
}

function markerOf<T extends string>(match: RegExpExecArray | null, markers: readonly T[]): T | undefined {
  if (!match) return undefined;
  const index = match.slice(1).findIndex((group) => group !== undefined);
  return index === -1 ? undefined : markers[index];
}

/** The allow marker written on this line itself, if any. */
export function allowMarkerOnLine(lineText: string): AllowMarker | undefined {
  if (!hasHint(lineText)) return undefined;
  return markerOf(SAME_LINE.exec(lineText), SAME_LINE_MARKERS);
}

/** The next-line marker on this line (it allows the line after it), if any. */
export function nextLineAllowMarker(lineText: string): AllowMarker | undefined {
  if (!hasHint(lineText)) return undefined;
  return markerOf(NEXT_LINE.exec(lineText), NEXT_LINE_MARKERS);
}

/**
 * The marker that allows a finding starting on `lineText`: one on the line
 * itself, or a next-line marker on the line before it (pass `previousLineText`
 * when the caller has it; undefined on the first line).
 */
export function allowMarkerFor(lineText: string, previousLineText?: string): AllowMarker | undefined {
  return allowMarkerOnLine(lineText) ?? (previousLineText === undefined ? undefined : nextLineAllowMarker(previousLineText));
}

/** `secretlint-disable` (to the next `secretlint-enable` or the end of the file), as a whole token. */
const BLOCK_MARKER = /(?<![\w:-])secretlint-(disable|enable)(?![\w-])/;

/**
 * The line ranges (1-based, inclusive) that secretlint's block comments
 * switch off: from a `secretlint-disable` line to the next
 * `secretlint-enable` line, or to the end of the file. Rule names after the
 * marker are secretlint's own and are not ours to map, so a block switches
 * every rule off, as a bare `secretlint-disable` does.
 */
export function disabledBlocks(text: string): Array<{ start: number; end: number }> {
  if (!text.includes('secretlint-')) return [];
  const blocks: Array<{ start: number; end: number }> = [];
  const lines = text.split(/\r\n|\r|\n/);
  let openedAt = 0;
  lines.forEach((line, index) => {
    const marker = BLOCK_MARKER.exec(line)?.[1];
    if (marker === 'disable' && openedAt === 0) openedAt = index + 1;
    else if (marker === 'enable' && openedAt !== 0) {
      blocks.push({ start: openedAt, end: index + 1 });
      openedAt = 0;
    }
  });
  if (openedAt !== 0) blocks.push({ start: openedAt, end: lines.length });
  return blocks;
}
