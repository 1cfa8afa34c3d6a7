// forMarkdown and markdownCode read back by cmark-gfm, GitHub's renderer, for any text: what a
// reader sees is exactly the text given (line breaks as spaces, acting characters made visible),
// no markup, and nothing GitHub would turn into a mention, an issue link or an autolink.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forMarkdown, forTerminal, markdownCode } from '../../src/util/escape.js';
import { cmark, elements, hasCmark, renderedText } from '../helpers/cmark.js';
import { SETTINGS, TIMEOUT } from './settings.js';

const ATTACKS = ['@user', '@org/team', '#12', 'o/r#12', 'GH-12', 'www.x.com', 'https://x.y', 'a@b.co', 'mailto:a@b.co', '`', '``', ' ', '  ', '\\', '\\`', '\\|', '|', '*', '_', '~~', '$', '&amp;', '&#64;', '<b>', '<!--', '[x](y)', '![i](y)', '---', '# h', '> q', '- l', '1. ', '\r', '\n', '\t', '\u00a0', ':smile:'];
const hostile = fc.array(fc.oneof(fc.constantFrom(...ATTACKS), fc.string({ unit: 'binary', maxLength: 3 })), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
/** What a reader should see: line breaks as spaces, acting characters written out. */
const shown = (text: string) => forTerminal(text.replace(/\r\n?|\n/g, ' '));
const JOINER = '\u2060';
/**
 * What GitHub links in rendered text (outside code, pre and links): @mentions and @org/team,
 * #12 and owner/repo#12, GH-12, and the autolinks of www., a scheme's :// and e-mail addresses.
 */
const LINKABLE = [/(?:^|[^A-Za-z0-9_])@[A-Za-z0-9]/g, /#[0-9]/g, /\bGH-[0-9]/gi, /\bwww\./gi, /[A-Za-z]:\/\//g, /[A-Za-z0-9._+-]@[A-Za-z0-9]/g];
const linkable = (text: string) => LINKABLE.flatMap((re) => [...text.matchAll(re)].map((m) => m[0]));

describe.skipIf(!hasCmark)('markdown text and code spans, read back by cmark-gfm', () => {
  it('forMarkdown renders as the text in a paragraph and a table cell, with no mention, reference or link', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const html = cmark(forMarkdown(text));
        expect(Object.keys(elements(html)).filter((e) => e !== 'p')).toEqual([]);
        expect(renderedText(html).replace(/\n$/, '').replaceAll(JOINER, '')).toBe(shown(text));
        const cell = cmark(`| h |\n| --- |\n| ${forMarkdown(text)} |\n`);
        expect(Object.keys(elements(cell)).filter((e) => !['table', 'thead', 'tbody', 'tr', 'th', 'td'].includes(e))).toEqual([]);
        expect(renderedText(cell.match(/<td>([\s\S]*)<\/td>/)![1]!).replaceAll(JOINER, '')).toBe(shown(text));
        // As the report uses it: bold in a table cell, and in a heading.
        const bold = cmark(`| h |\n| --- |\n| **${forMarkdown(text)}** |\n`);
        expect(renderedText(bold.match(/<td>([\s\S]*)<\/td>/)![1]!).replaceAll(JOINER, '')).toBe(text === '' ? '****' : shown(text));
        const heading = cmark(`### 🔴 ${forMarkdown(text)}: NO-GO`);
        expect(Object.keys(elements(heading))).toEqual(['h3']);
        expect(renderedText(heading).replaceAll(JOINER, '')).toBe(`🔴 ${shown(text)}: NO-GO\n`);
        for (const out of [html, cell, bold, heading]) expect(linkable(renderedText(out))).toEqual([]);
      }),
      SETTINGS,
    );
  }, TIMEOUT);

  it('markdownCode is one code span holding exactly the text, in a paragraph and a table cell', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const expected = shown(text);
        const inline = cmark(`a ${markdownCode(text)} b`);
        const cell = cmark(`| h |\n| --- |\n| ${markdownCode(text, { inTable: true })} |\n`);
        if (expected === '') return;
        // GitHub links no mention or reference inside <code>: the text stays as it is, backslashes too.
        const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
        expect(inline).toBe(`<p>a <code>${escape(expected)}</code> b</p>\n`);
        expect(cell).toContain(`<td><code>${escape(expected)}</code></td>`);
        expect(elements(cell)['code']).toBe(1);
      }),
      SETTINGS,
    );
  }, TIMEOUT);
});
