/**
 * Escaping of untrusted text (file paths, messages from other tools, package
 * names) for GitHub-flavoured markdown and for the HTML GitHub allows in
 * markdown (`<details>`, `<summary>`).
 *
 * Markdown-significant characters become numeric character references: GFM
 * decodes them to the literal character *after* deciding the structure, so a
 * `|` cannot split a table cell, a `[` cannot open a link or image, a `<`
 * cannot open raw HTML and a `` ` `` cannot open a code span.
 *
 * Mentions are different: GitHub links `@user` and `@org/team` in the rendered
 * HTML text, after entities are decoded, so `&#64;` would still ping. A zero-width
 * space after the `@` (written `&#8203;`, as Dependabot does in its PR bodies)
 * breaks the mention while the text reads the same. `#123` references are left
 * to auto-link, as they do not notify anyone.
 */

const ZERO_WIDTH_SPACE = '&#8203;';

/**
 * Bidirectional overrides and isolates (the "Trojan Source" characters) and C0/C1
 * controls would make a file name display as something else. They are shown as
 * `<U+202E>` instead, so the reader sees that they are there.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Makes bidi controls and control characters visible as `<U+XXXX>`. Tabs and line breaks are left to the caller. */
export function revealInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (ch) => `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

const INLINE_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  // GitHub renders `$...$` as math.
  $: '&#36;',
};
const INLINE_SPECIAL = /[&<>|`[\]\\*_~$]/g;

/**
 * An `@` that could start a mention: one not preceded by a letter or digit
 * (`lodash@4.17.21` and `dev@example.com` are not mentions and stay as they are).
 */
const MENTION_AT = /(?<![A-Za-z0-9])@/g;

function breakMentions(text: string): string {
  return text.replace(MENTION_AT, `@${ZERO_WIDTH_SPACE}`);
}

/**
 * A character that would start a block (heading, list, setext underline,
 * thematic break) when the text lands at the start of a line or a list item.
 */
const BLOCK_START = /^([#+\-=]|\d+[.)])/;

function escapeInlineCharacters(text: string): string {
  let escaped = breakMentions(
    revealInvisible(text).replace(INLINE_SPECIAL, (ch) => INLINE_ENTITIES[ch] ?? ch),
  );
  // Leading spaces would make indented code inside a list item.
  escaped = escaped.replace(/^ +/, (spaces) => '&#32;'.repeat(spaces.length));
  return escaped.replace(BLOCK_START, (start) => {
    const last = start.at(-1)!;
    return `${start.slice(0, -1)}&#${last.charCodeAt(0)};`;
  });
}

/**
 * Escapes untrusted text for markdown prose: a sentence, a list item, link
 * text. Line breaks become spaces, so the text cannot start a new block.
 */
export function escapeMarkdownInline(text: string): string {
  return escapeInlineCharacters(text.replace(/\t/g, ' ').replace(/\r\n|\r|\n/g, ' '));
}

/**
 * Escapes untrusted text for one GFM table cell: as for prose, and line breaks
 * become `<br>` because a newline would end the row.
 */
export function escapeTableCell(text: string): string {
  return text
    .replace(/\t/g, ' ')
    .split(/\r\n|\r|\n/)
    .map((line) => escapeInlineCharacters(line))
    .join('<br>');
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes untrusted text inside raw HTML such as `<summary>…</summary>` or an
 * attribute value. Markdown is not parsed there, but mentions still are, and a
 * blank line would end the HTML block, so line breaks become spaces.
 */
export function escapeHtml(text: string): string {
  return breakMentions(
    revealInvisible(text.replace(/\t/g, ' ').replace(/\r\n|\r|\n/g, ' ')).replace(
      /[&<>"']/g,
      (ch) => HTML_ENTITIES[ch] ?? ch,
    ),
  );
}

/**
 * Wraps text in a code span that survives any backticks inside: the fence is one
 * backtick longer than the longest run in the text, padded with a space where
 * GFM would otherwise read a content backtick as part of the fence. Code spans
 * are never mention-linked and never render HTML, so nothing else needs escaping,
 * except `|` in a table cell: GFM splits cells before it sees code spans, and
 * `\|` is the one escape it honours inside them.
 */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  let content = revealInvisible(text.replace(/\t/g, ' ').replace(/\r\n|\r|\n/g, ' '));
  if (options.inTable) content = content.replace(/\|/g, '\\|');
  if (content === '') content = ' ';
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const allSpaces = /^ +$/.test(content);
  const needsPadding =
    content.startsWith('`') ||
    content.endsWith('`') ||
    (!allSpaces && content.startsWith(' ') && content.endsWith(' '));
  const pad = needsPadding ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * A markdown link with escaped text. Only http(s) URLs become links (anything
 * else yields the bare text); characters that would end the destination or a
 * table cell are percent-encoded.
 */
export function markdownLink(text: string, url: string): string {
  const label = escapeMarkdownInline(text);
  if (!/^https?:\/\//i.test(url)) return label;
  const destination = url.replace(
    /[\s()<>|`"'\\[\]]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `[${label}](${destination})`;
}

/** One GFM table row from cells that are already escaped. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The delimiter row of a GFM table; `right` columns are right-aligned. */
export function tableDelimiter(alignments: readonly ('left' | 'right')[]): string {
  return tableRow(alignments.map((a) => (a === 'right' ? '---:' : '---')));
}
