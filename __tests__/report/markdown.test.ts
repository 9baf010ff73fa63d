import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  codeSpan,
  escapeHtml,
  escapeMarkdownInline,
  escapeTableCell,
  markdownLink,
  revealInvisible,
  tableRow,
} from '../../src/core/report/markdown.js';

describe('escapeMarkdownInline', () => {
  it('turns link and image syntax into literal brackets', () => {
    expect(escapeMarkdownInline('[link](javascript:alert(1)) ![img](https://x/y.png)')).toBe(
      '&#91;link&#93;(javascript:alert(1)) !&#91;img&#93;(https://x/y.png)',
    );
  });

  it('breaks @mentions and team mentions so a tool message pings nobody', () => {
    expect(escapeMarkdownInline('ask @org/team or @alice')).toBe('ask @&#8203;org/team or @&#8203;alice');
  });

  it('leaves an @ that cannot start a mention alone (package versions, e-mail addresses)', () => {
    expect(escapeMarkdownInline('lodash@4.17.21 by dev@example.com')).toBe('lodash@4.17.21 by dev@example.com');
  });

  it('neutralises raw HTML, entities, code spans, emphasis and math', () => {
    expect(escapeMarkdownInline('<img src=x onerror=alert(1)> &amp; `x` *a* _b_ ~c~ $d$ \\e')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; &amp;amp; &#96;x&#96; &#42;a&#42; &#95;b&#95; &#126;c&#126; &#36;d&#36; &#92;e',
    );
  });

  it('keeps #123 so issue references still link', () => {
    expect(escapeMarkdownInline('fixed in #123')).toBe('fixed in #123');
  });

  it('cannot start a block: headings, lists, quotes and indented code at the start are escaped', () => {
    expect(escapeMarkdownInline('# title')).toBe('&#35; title');
    expect(escapeMarkdownInline('- item')).toBe('&#45; item');
    expect(escapeMarkdownInline('1. item')).toBe('1&#46; item');
    expect(escapeMarkdownInline('> quote')).toBe('&gt; quote');
    expect(escapeMarkdownInline('    code')).toBe('&#32;&#32;&#32;&#32;code');
  });

  it('puts everything on one line', () => {
    expect(escapeMarkdownInline('one\r\ntwo\nthree\tfour')).toBe('one two three four');
  });
});

describe('escapeTableCell', () => {
  it('escapes pipes so a message cannot add columns', () => {
    expect(tableRow([escapeTableCell('a | b'), 'c'])).toBe('| a &#124; b | c |');
  });

  it('turns line breaks into <br> so a message cannot end the row', () => {
    expect(escapeTableCell('first\n| injected | row |\r\nlast')).toBe(
      'first<br>&#124; injected &#124; row &#124;<br>last',
    );
  });

  it('never lets a raw markdown or HTML metacharacter through', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const cell = escapeTableCell(text).replace(/<br>/g, '');
        expect(cell).not.toMatch(/[|`<>[\]\r\n\\]/);
        expect(cell).not.toMatch(/(?<![A-Za-z0-9])@(?!&#8203;)/);
      }),
    );
  });
});

describe('escapeHtml', () => {
  it('escapes a malicious file name for a <summary>', () => {
    expect(escapeHtml('</summary><script>alert("x")</script>\n\n@admins')).toBe(
      '&lt;/summary&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;  @&#8203;admins',
    );
  });
});

describe('revealInvisible', () => {
  it('shows bidi overrides, which could make a path read as another', () => {
    expect(revealInvisible('src/\u202Etxt.exe')).toBe('src/<U+202E>txt.exe');
    expect(escapeMarkdownInline('a\u0000b')).toBe('a&lt;U+0000&gt;b');
  });
});

describe('codeSpan', () => {
  it('wraps plain text in single backticks', () => {
    expect(codeSpan('src/app.ts')).toBe('`src/app.ts`');
  });

  it('uses a longer fence than any run of backticks inside', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('x ``` y')).toBe('````x ``` y````');
  });

  it('pads with a space when the text starts or ends with a backtick', () => {
    expect(codeSpan('`tick')).toBe('`` `tick ``');
    expect(codeSpan('tick`')).toBe('`` tick` ``');
  });

  it('pads text that starts and ends with a space, which GFM would otherwise strip', () => {
    expect(codeSpan(' a ')).toBe('`  a  `');
  });

  it('escapes pipes only in table cells, where GFM splits cells first', () => {
    expect(codeSpan('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(codeSpan('a|b')).toBe('`a|b`');
  });

  it('keeps a code span on one line and never empty', () => {
    expect(codeSpan('a\nb')).toBe('`a b`');
    expect(codeSpan('')).toBe('` `');
  });

  it('always closes: the fence never occurs inside the content', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const span = codeSpan(text);
        const fence = /^`+/.exec(span)![0];
        const inner = span.slice(fence.length, span.length - fence.length);
        expect(span.endsWith(fence)).toBe(true);
        expect(inner.match(/`+/g)?.every((run) => run.length !== fence.length) ?? true).toBe(true);
      }),
    );
  });
});

describe('markdownLink', () => {
  it('escapes the text and percent-encodes what would end the destination', () => {
    expect(markdownLink('a](x) [b', 'https://github.com/o/r/blob/s/a (1).md')).toBe(
      '[a&#93;(x) &#91;b](https://github.com/o/r/blob/s/a%20%281%29.md)',
    );
  });

  it('makes no link from a URL that is not http(s)', () => {
    expect(markdownLink('click', 'javascript:alert(1)')).toBe('click');
  });
});
