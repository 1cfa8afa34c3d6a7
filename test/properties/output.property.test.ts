// Hostile text in every text field of a profile, in its file's name and in the rubric's words, through
// every format, read back by the format's consumer: a terminal (no ESC but our colours, no acting
// character), the Actions runner (no line that passes for a workflow command unless the github
// format wrote it), cmark-gfm (no element the report did not make), an XML parser, JSON.
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/engine/backtest.js';
import { loadText } from '../../src/format/load.js';
import { backtestMarkdown, backtestTable } from '../../src/report/backtest.js';
import { renderGithub } from '../../src/report/github.js';
import { renderHtml } from '../../src/report/html.js';
import { ruleInfos, type RenderOptions } from '../../src/report/index.js';
import { renderJson } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/engine/report-model.js';
import { portfolioMarkdown, portfolioTable } from '../../src/report/portfolio.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderTable } from '../../src/report/table.js';
import { mapStrings } from '../../src/util/escape.js';
import { rubric } from '../helpers/assess.js';
import { cmark, elements, hasCmark } from '../helpers/cmark.js';
import { jenkinsSchemaErrors, readLikeGitLab } from '../helpers/junit.js';
import { reportOfLoaded } from '../helpers/report.js';
import { SETTINGS, TIMEOUT } from './settings.js';

const ATTACKS = ['::error::forged', '\n::add-mask::NO-GO', '\r::stop-commands::t', '<img src=x>', '<details open>', '<!--', '`', '``', '@user', '#12', 'GH-12', 'www.x.com', 'https://x.y', '\r', '\r\n', '\n', '\x1b[42m GO ', '\x1b]52;c;QQ==\x07', '\x9b2J', '\u202e', '\u2066', '\u2028', '\ud800', '\udfff', '&amp;', '&#64;', '*', '_', '|', '$', '\\', '~~', '[x](y)', '![i](y)', '---', '# h', '> q', '- l', '1. ', '%0A', ' '];
const hostile = fc.array(fc.oneof(fc.constantFrom(...ATTACKS), fc.string({ unit: 'binary', maxLength: 3 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

/** A profile with every text field hostile; JSON is YAML, and its escapes carry any code unit. */
const document = fc.record({ name: hostile, owner: hostile, note: hostile, summary: hostile, deal: hostile, customer: hostile, vendor: hostile, reason: hostile, approvedBy: hostile, notes: hostile, ended: fc.boolean() }).map((t) => JSON.stringify({
  version: 1,
  partner: {
    name: t.name,
    owner: t.owner,
    investments: [{ by: 'us', kind: 'engineering', amount: 5000, note: t.note }],
    conduct: { escalations: [{ raised: '2026-09-01', summary: t.summary, resolved: false, response: 'dismissive' }] },
    waivers: [{ rule: 'no-skin-in-the-game', reason: t.reason, expires: '2027-01-01', approvedBy: t.approvedBy }],
    ...(t.ended ? { outcome: { status: 'ended', result: 'failure', notes: t.notes } } : {}),
  },
  opportunities: [{ name: t.deal, customer: { name: t.customer, incumbentVendor: t.vendor, prefersIncumbent: true, evaluatesBidsSeriously: false }, ask: { showcaseOurBrand: true } }],
}));
/** A file name: anything but `/` and NUL, which no file system allows. */
const fileName = hostile.map((name) => `${name.replace(/[/\0]/g, '')}.yaml`);
const rubricText = fc.record({ name: hostile, title: hostile, rationale: hostile, mitigation: hostile });

interface Case {
  report: Report;
  options: RenderOptions;
}

function hostileCase(file: string, text: string, words: { name: string; title: string; rationale: string; mitigation: string }): Case {
  const r = rubric();
  const report = reportOfLoaded([loadText(file, text)], true, r);
  const rules = ruleInfos(r).map((rule) => ({ ...rule, title: `${rule.title} ${words.title}`, rationale: words.rationale, mitigation: words.mitigation }));
  return { report: { ...report, rubric: { ...report.rubric, name: words.name } }, options: { rules, color: true, verbose: true, quiet: false, points: r.points, thresholds: r.thresholds } };
}

/**
 * The same case with every text tame (letters, digits, spaces and `-` kept, the rest `x`): what the
 * report's own structure makes, for the consumer's reading of the hostile case to be compared with.
 */
function tame(c: Case): Case {
  const calm = (text: string) => text.replace(/[^A-Za-z0-9 -]/gu, 'x');
  return { report: mapStrings(c.report, calm), options: { ...c.options, rules: mapStrings(c.options.rules, calm) } };
}

// eslint-disable-next-line no-control-regex
const ACTING = /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const commandLines = (text: string) => text.split(/\r\n|\r|\n/).filter((line) => line.trimStart().startsWith('::'));

function expectTerminalSafe(text: string): void {
  // Our colours are SGR sequences; anything else after an ESC would be the profile's.
  // eslint-disable-next-line no-control-regex
  expect(text.replace(/\x1b\[[0-9;]*m/g, '')).not.toContain('\x1b');
  expect(text).not.toMatch(ACTING);
  expect(text.includes('\r')).toBe(false);
  expect(text).not.toMatch(LONE_SURROGATE);
  expect(commandLines(text)).toEqual([]);
}

const markdownOf = (c: Case) => [renderMarkdown(c.report, { ...c.options, color: false }), portfolioMarkdown(c.report), ...(c.report.partners.some((p) => p.outcome?.result) ? [backtestMarkdown(backtest(c.report, rubric()))] : [])];

describe('hostile text through every format', () => {
  it('never reaches a terminal as a control sequence or a workflow command', async () => {
    await fc.assert(
      fc.asyncProperty(fileName, document, rubricText, async (file, text, words) => {
        const c = hostileCase(file, text, words);
        for (const color of [true, false]) {
          expectTerminalSafe(renderTable(c.report, { ...c.options, color }));
          expectTerminalSafe(await portfolioTable(c.report, color));
        }
        if (c.report.partners.some((p) => p.outcome?.result)) expectTerminalSafe(await backtestTable(backtest(c.report, rubric()), true));
      }),
      SETTINGS,
    );
  }, TIMEOUT);

  it('leaves workflow commands to the github format, one whole annotation a line', () => {
    fc.assert(
      fc.property(fileName, document, rubricText, (file, text, words) => {
        const c = hostileCase(file, text, words);
        const github = renderGithub(c.report, c.options);
        expect(commandLines(github).length).toBe(commandLines(renderGithub(tame(c).report, c.options)).length);
        for (const line of commandLines(github)) expect(line).toMatch(/^::(error|warning|notice) [^\r\n]*::/);
        for (const out of [renderHtml(c.report, c.options), renderJunit(c.report, c.options), renderSarif(c.report, c.options), renderJson(c.report), ...markdownOf(c)]) expect(commandLines(out)).toEqual([]);
      }),
      SETTINGS,
    );
  }, TIMEOUT);

  it.skipIf(!hasCmark)('makes no element in markdown (cmark-gfm) or HTML that the report did not make', () => {
    fc.assert(
      fc.property(fileName, document, rubricText, (file, text, words) => {
        const c = hostileCase(file, text, words);
        const calm = tame(c);
        // One cmark-gfm run for every markdown text of a case: each is a document of its own.
        const joined = (k: Case) => markdownOf(k).join('\n\n<hr>\n\n');
        expect(elements(cmark(joined(c)))).toEqual(elements(cmark(joined(calm))));
        expect(elements(renderHtml(c.report, c.options))).toEqual(elements(renderHtml(calm.report, calm.options)));
      }),
      { ...SETTINGS, numRuns: Math.ceil(SETTINGS.numRuns / 3) },
    );
  }, TIMEOUT);

  it('writes JUnit that Jenkins’ schema and GitLab read, and SARIF and JSON of the expected shape', async () => {
    const junits: string[] = [];
    fc.assert(
      fc.property(fileName, document, rubricText, (file, text, words) => {
        const c = hostileCase(file, text, words);
        const junit = renderJunit(c.report, c.options);
        expect(XMLValidator.validate(junit)).toBe(true);
        const { cases, kept } = readLikeGitLab(junit);
        expect(kept.size).toBe(cases.length);
        junits.push(junit);
        const sarif = JSON.parse(renderSarif(c.report, c.options)) as { version: string; runs: { tool: { driver: { rules: { id: string; help: { markdown: string } }[] } }; results: { ruleId: string; message: { text: string } }[] }[] };
        expect(sarif.version).toBe('2.1.0');
        expect(sarif.runs[0]!.tool.driver.rules.length).toBe(c.options.rules.length + 2);
        for (const result of sarif.runs[0]!.results) expect(typeof result.message.text).toBe('string');
        const json = JSON.parse(renderJson(c.report)) as Report;
        expect(json.partners.map((p) => p.name)).toEqual(c.report.partners.map((p) => p.name));
      }),
      SETTINGS,
    );
    // One xmllint run for every case's JUnit.
    expect(await jenkinsSchemaErrors(junits)).toEqual([]);
  }, TIMEOUT);

  it.skipIf(!hasCmark)('renders SARIF help.markdown from rubric words as text only', () => {
    fc.assert(
      fc.property(rubricText, (words) => {
        const c = hostileCase('p.yaml', JSON.stringify({ version: 1, partner: { name: 'P' } }), words);
        const rules = (JSON.parse(renderSarif(c.report, c.options)) as { runs: { tool: { driver: { rules: { help: { markdown: string } }[] } } }[] }).runs[0]!.tool.driver.rules;
        const html = cmark(rules.map((r) => r.help.markdown).join('\n\n'));
        expect(Object.keys(elements(html)).sort()).toEqual(['code', 'p']);
      }),
      { ...SETTINGS, numRuns: Math.ceil(SETTINGS.numRuns / 3) },
    );
  }, TIMEOUT);
});
