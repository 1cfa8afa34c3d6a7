// The output-safety layer: text from a profile, a rubric or a file name is data, never markup or a
// terminal command. Each output format has its escaper here, applied where a reporter or a command
// prints that text (docs/robustness.md, "Output is escaped per format").
import type { Problem } from './errors.js';

/**
 * Characters that act instead of showing: C0 and C1 controls (ESC, CR, LF, DEL among them), line
 * and paragraph separators, bidi marks, overrides and isolates (Trojan Source), and lone surrogates.
 */
// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const ACTING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\x1b`, `\u202e`: what an acting character is, written so that it shows and does nothing. */
function visibleChar(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text that encodes as UTF-8 (URIs, hashes): a lone surrogate becomes U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** Text with every acting character made visible. */
function visible(text: string): string {
  return text.replace(ACTING, visibleChar);
}

/**
 * Every acting character made visible but line breaks, for formats that carry line breaks in their
 * own way (github's %0A, HTML's &#10;) and still reach a terminal or a log (ESC, BEL, bidi).
 */
export function visibleButLineBreaks(text: string): string {
  return text.split(/([\r\n])/).map((piece) => (piece === '\r' || piece === '\n' ? piece : visible(piece))).join('');
}

/**
 * For a terminal or a CI log: no untrusted text can end a line, move the cursor, colour or retitle
 * anything, write to the clipboard (OSC 52) or reorder what follows it. Our own colours are added
 * around it afterwards.
 */
export const forTerminal = visible;

/**
 * A line that starts with `::` (after blanks, which the Actions runner skips) is a workflow command
 * to GitHub Actions. Lines we print outside the github format never mean one, so a word joiner
 * between the colons keeps wrapped or indented untrusted text from forging `::add-mask::` and the like.
 */
export function withoutWorkflowCommands(text: string): string {
  return text.replace(/^([^\S\n]*):(?=:)/gm, '$1:\u2060');
}

/** Every string in a value (a report, a backtest), with `escape` applied: the view a format renders. */
export function mapStrings<T>(value: T, escape: (text: string) => string): T {
  if (typeof value === 'string') return escape(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, escape)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = mapStrings(v, escape);
    return out as T;
  }
  return value;
}

/** A problem whose quoted parts (file name, key path, message, hint) are terminal-safe. */
export function terminalProblem(p: Problem): Problem {
  return { ...p, file: forTerminal(p.file), path: forTerminal(p.path), message: forTerminal(p.message), ...(p.hint !== undefined ? { hint: forTerminal(p.hint) } : {}) };
}

// Word joiner: invisible, and not a word character, so GitHub's mention, issue-reference and
// autolink recognisers (which run on the rendered text, after backslash escapes are gone) no
// longer see `@user`, `#12`, `GH-12`, `www.` or `https://`.
const JOINER = '\u2060';

/**
 * Markdown text (a table cell, a list item, a heading, a paragraph, inside `<sub>`): renders as
 * exactly the characters given. Line endings (a lone CR is one, to CommonMark) become spaces, so
 * no block can start inside it, and a start that would open one (a list marker, a rule, an
 * indented code block) is escaped; ASCII punctuation that opens inline markup, HTML, entities,
 * math or table cells is backslash-escaped; mentions, issue references and autolinks are broken
 * with a word joiner. Spaces (any Unicode space) that start or end it are character references:
 * CommonMark neither strips those from a paragraph, heading or cell nor reads them as an indented
 * code block, and `**text**` around them stays bold.
 */
export function forMarkdown(text: string): string {
  return visible(text.replace(/\r\n?|\n/g, ' '))
    .replace(/[\\`*_[\]<>|~!&$]/g, '\\$&')
    .replace(/[@#]/g, `$&${JOINER}`)
    .replace(/(gh-)(?=\d)/gi, `$1${JOINER}`)
    .replace(/(www)\./gi, `$1${JOINER}.`)
    .replace(/:(?=\/\/)/g, `:${JOINER}`)
    .replace(/^( *)([-+=])/, '$1\\$2')
    .replace(/^( *\d+)([.)])/, '$1\\$2')
    .replace(/^\p{Zs}+|\p{Zs}+$/gu, (spaces) => [...spaces].map((c) => `&#${c.codePointAt(0)!};`).join(''));
}

/**
 * A markdown code span holding exactly `text`: a fence longer than any run of backticks in it,
 * padded when it starts or ends with a backtick or a space (CommonMark strips one space each side,
 * unless it is all spaces).
 * In a GFM table cell a `|` ends the cell even inside a code span, so there it is escaped.
 */
export function markdownCode(text: string, options: { inTable?: boolean } = {}): string {
  let content = visible(text.replace(/\r\n?|\n/g, ' '));
  if (options.inTable) content = content.replace(/\|/g, '\\|');
  if (content === '') return '';
  let longest = 0;
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // All spaces, it is kept whole (CommonMark strips nothing then): a pad would show.
  const pad = /^[` ]|[` ]$/.test(content) && !/^ +$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}
