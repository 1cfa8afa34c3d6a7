import { describe, expect, it } from 'vitest';
import { forMarkdown, forTerminal, markdownCode, withoutWorkflowCommands } from '../../src/util/escape.js';
import { cmark, hasCmark } from '../helpers/cmark.js';

describe('forTerminal', () => {
  it('makes controls, ESC, bidi overrides and lone surrogates visible, and keeps the rest', () => {
    expect(forTerminal('a\nb\rc\td\x1b[2J\x07\x7f\x9b')).toBe('a\\nb\\rc\\td\\x1b[2J\\x07\\x7f\\x9b');
    expect(forTerminal('\u202eGO\u2066\u2028')).toBe('\\u202eGO\\u2066\\u2028');
    expect(forTerminal('\ud800 \udfff 😀 Zoë')).toBe('\\ud800 \\udfff 😀 Zoë');
  });
});

describe('withoutWorkflowCommands', () => {
  it('breaks a `::` that starts a line, after blanks too, and leaves others', () => {
    expect(withoutWorkflowCommands('::error::x\n  ::add-mask::y\na ::b')).toBe(':\u2060:error::x\n  :\u2060:add-mask::y\na ::b');
  });
});

describe('forMarkdown', () => {
  it('escapes inline markup, breaks mentions, references and autolinks, and keeps to one line', () => {
    expect(forMarkdown('a | b *c* <d>\nnext')).toBe('a \\| b \\*c\\* \\<d\\> next');
    expect(forMarkdown('@user #12 GH-3 www.x.com https://x.y')).toBe('@\u2060user #\u206012 GH-\u20603 www\u2060.x.com https:\u2060//x.y');
    expect(forMarkdown('- item')).toBe('\\- item');
    expect(forMarkdown('1. item')).toBe('1\\. item');
    expect(forMarkdown('    code')).toBe('&#32;&#32;&#32;&#32;code');
    // Trailing spaces too (a paragraph or a cell would drop them, and `**a **` is not bold), any Unicode space.
    expect(forMarkdown('a \u00a0')).toBe('a&#32;&#160;');
  });

  it.skipIf(!hasCmark)('renders as the text it was given', () => {
    for (const text of ['<img src=x> & &amp; `a` $1 and $2 ~~no~~ [l](u) ![i](u) \\', '---', '- l', '> q', '    indented', '1) one', 'a\r# h\r===', ' both ends  ']) {
      // The word joiners that break mentions and references are invisible: a reader sees the text.
      expect(cmark(forMarkdown(text)).replaceAll('\u2060', '')).toBe(`<p>${text.replace(/\r/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>\n`);
    }
  });
});

describe('markdownCode', () => {
  it('picks a fence longer than any run of backticks, padded where the text starts or ends with one', () => {
    expect(markdownCode('a.yaml')).toBe('`a.yaml`');
    expect(markdownCode('a`b``c')).toBe('```a`b``c```');
    expect(markdownCode('`x')).toBe('`` `x ``');
    // All spaces, a span keeps them whole: no pad.
    expect(markdownCode('  ')).toBe('`  `');
  });

  it.skipIf(!hasCmark)('holds exactly the text, in a paragraph and in a table cell', () => {
    const text = 'x`<img src=x>` ``y | z ';
    expect(cmark(markdownCode(text))).toBe(`<p><code>${text.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code></p>\n`);
    const table = cmark(`| file |\n| --- |\n| ${markdownCode(text, { inTable: true })} |\n`);
    expect(table).toContain(`<td><code>${text.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code></td>`);
    expect(cmark(markdownCode(' '))).toBe('<p><code> </code></p>\n');
  });
});
