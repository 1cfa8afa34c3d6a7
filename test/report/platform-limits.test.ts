// Generated repositories of 500 and 4,000 profiles stay within every limit of the places their
// reports are read (src/report/limits.ts): the step summary under 1 MiB, a markdown report under
// a comment's 65,536 characters, SARIF under 25,000 results and 10 MB gzip-compressed, and at most
// 10 annotations of each level, the notice that counts the rest among them. What a limit leaves
// out is the least severe, counted, and said on stderr (and in SARIF's notifications).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { emit } from '../../src/commands/emit.js';
import { compareVerdicts, type Verdict } from '../../src/engine/score.js';
import type { Report } from '../../src/engine/report-model.js';
import { ANNOTATIONS_PER_LEVEL, COMMENT_CHARACTERS, SARIF_LIMITS, STEP_SUMMARY_BYTES } from '../../src/report/limits.js';
import { renderMarkdownLimited, renderMarkdownWithin } from '../../src/report/markdown.js';
import type { Transition } from '../../src/engine/transitions.js';
import { renderSarifWithin } from '../../src/report/sarif.js';
import { rubric } from '../helpers/assess.js';
import { cmark, hasCmark } from '../helpers/cmark.js';
import { generatedReport } from '../helpers/large-repo.js';
import { EXAMPLES, renderOptions, reportOfFiles } from '../helpers/report.js';

/** `emit` as `check` calls it, in process: stdout, stderr's warnings, and the step summary when given one. */
async function emitted(report: Report, format: string, stepSummary?: string): Promise<{ stdout: string; warnings: string[] }> {
  const writes: string[] = [];
  const warnings: string[] = [];
  await emit(report, rubric(), { format, verbose: false, quiet: false, color: false, failOn: 'no-go', ...(stepSummary ? { stepSummary } : {}), warn: (w) => warnings.push(w) }, (text) => void writes.push(text));
  return { stdout: writes.join(''), warnings };
}

/** Partners and direct deals, worst first by the worst verdict among each and its deals: the order a limit cuts in. */
function ranked(report: Report): { name: string; rank: Verdict; partner: boolean }[] {
  const worst = (vs: Verdict[]) => vs.reduce((a, b) => (compareVerdicts(b, a) > 0 ? b : a));
  const all = [...report.partners.map((p) => ({ name: `**${p.name}**`, rank: worst([p.verdict, ...p.opportunities.map((o) => o.verdict)]), partner: true })), ...report.opportunities.map((o) => ({ name: `${o.name} (direct)`, rank: o.verdict, partner: false }))];
  return all.map((s, i) => ({ s, i })).sort((a, b) => compareVerdicts(b.s.rank, a.s.rank) || a.i - b.i).map(({ s }) => s);
}

/** The partners' and direct deals' names in the table's rows. */
const tableNames = (md: string) => md.split('\n').filter((l) => /^\| (🔴|🟡|🟢) /.test(l)).map((l) => l.split(' | ')[1]!).filter((name) => !name.includes(' → '));

function checkMarkdown(md: string, report: Report, limit: number): void {
  expect(Buffer.byteLength(md)).toBeLessThanOrEqual(limit);
  // Worst first: the listed ones are the first of the ranking, and the rest are counted.
  const listed = tableNames(md);
  const order = ranked(report);
  expect(listed.length).toBeGreaterThan(0);
  expect(new Set(listed)).toEqual(new Set(order.slice(0, listed.length).map((s) => s.name)));
  const left = order.slice(listed.length);
  const note = md.split('\n').find((l) => l.startsWith('**Not listed here**'))!;
  const leftPartners = left.filter((s) => s.partner).length;
  if (leftPartners > 0) expect(note).toContain(`: ${leftPartners.toLocaleString('en-US')} more partner(s): `);
  // The details of the worst follow the table.
  expect(md).toMatch(/\n### 🔴 .*: NO-GO /);
  expect(note).toMatch(/The same `partner-eval` command with `--format json --output report.json` writes all of it\.$/);
  if (hasCmark) {
    const html = cmark(md);
    expect(html).toContain('<table>');
    expect(html).toContain('<strong>Not listed here</strong>');
  }
}

// Under mutation testing (vitest.stryker.config.ts), 500 alone: the cuts are also tested at small
// limits (SARIF's in sarif.test.ts, markdown's below), in a fraction of the time.
describe.each(process.env['PARTNER_EVAL_MUTATION'] ? [500] : [500, 4000])('a generated repository of %i profiles', (profiles) => {
  // Made by the first test that needs it, not when the file is collected: mutation testing
  // (docs/mutation.md) turns a mutant on only for the tests themselves.
  let generated: Report | undefined;
  const made = () => (generated ??= generatedReport(profiles));

  it('has a markdown report within a comment, worst first, the rest counted with where all of it is', () => {
    const report = made();
    const { text, warnings } = renderMarkdownLimited(report, renderOptions());
    expect(text.length).toBeLessThanOrEqual(COMMENT_CHARACTERS);
    checkMarkdown(text, report, COMMENT_CHARACTERS);
    expect(warnings).toEqual([expect.stringMatching(/^the markdown report lists the worst [\d,]+ of [\d,]+ partners and direct deals(?: and leaves out [^;]*)?, to stay within GitHub's limit of 65,536 characters for a comment; the same command with `--format json --output report.json` writes all of it\.$/)]);
  });

  it('fills the job summary within 1 MiB with what earlier steps wrote, and its annotations say so', async () => {
    const report = made();
    const summary = path.join(mkdtempSync(path.join(tmpdir(), 'pe-limits-')), 'summary.md');
    writeFileSync(summary, `earlier command of the step\n${'x'.repeat(100_000)}\n`);
    const { stdout, warnings } = await emitted(report, 'github', summary);
    const written = readFileSync(summary, 'utf8');
    expect(Buffer.byteLength(written)).toBeLessThanOrEqual(STEP_SUMMARY_BYTES);
    expect(Buffer.byteLength(written)).toBeGreaterThan(STEP_SUMMARY_BYTES * 0.9);
    checkMarkdown(written.slice(written.indexOf('## partner-eval')), report, STEP_SUMMARY_BYTES);
    expect(written).toContain("to keep this report within GitHub's limit of 1 MiB for a step summary");
    expect(warnings).toEqual([expect.stringMatching(/^the job summary lists the worst [\d,]+ of [\d,]+ partners and direct deals(?: and leaves out [^;]*)?, to stay within GitHub's limit of 1 MiB for a step summary; /)]);

    const lines = stdout.trimEnd().split('\n');
    const levels = lines.filter((l) => /^::(error|warning|notice) /.test(l)).map((l) => l.slice(2, l.indexOf(' ')));
    for (const level of ['error', 'warning', 'notice']) expect(levels.filter((l) => l === level)).toHaveLength(ANNOTATIONS_PER_LEVEL);
    // The notice that counts the rest is one of the notices shown, and points at what holds them.
    expect(lines.at(-2)).toMatch(/^::notice title=partner-eval::[\d]+ more finding\(s\) are not shown as annotations \(GitHub shows 10 of each level per step\); the job summary lists the worst of them, and the same command with `--format json --output report.json` writes all of them\.$/);
  });

  it(`has SARIF within code scanning's limits, most severe first${profiles > 3500 ? ', and says what it left out' : ''}`, () => {
    const report = made();
    const { text, warnings } = renderSarifWithin(report, renderOptions());
    const run = (JSON.parse(text) as Sarif.Log).runs[0]!;
    const results = run.results!;
    expect(results.length).toBeLessThanOrEqual(SARIF_LIMITS.resultsPerRun);
    expect(run.tool.driver.rules!.length).toBeLessThanOrEqual(SARIF_LIMITS.rulesPerRun);
    for (const r of results) expect(r.locations!.length + (r.relatedLocations?.length ?? 0)).toBeLessThanOrEqual(SARIF_LIMITS.locationsKept);
    expect(gzipSync(text).length).toBeLessThan(SARIF_LIMITS.gzipBytes);
    // Most severe first: invalid profiles, then errors, warnings and notes; waived flags last.
    const rank = (r: Sarif.Result) => (r.suppressions ? 10 : 0) + (r.ruleId === 'invalid-profile' ? 0 : { error: 1, warning: 2, note: 3, none: 4 }[r.level!]);
    const ranks = results.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(results[0]!.ruleId).toBe('invalid-profile');
    const notifications = run.invocations?.[0]?.toolExecutionNotifications?.map((n) => n.message.text) ?? [];
    expect(notifications).toEqual(warnings);
    if (profiles === 4000) {
      expect(results).toHaveLength(SARIF_LIMITS.resultsPerRun);
      expect(warnings[0]).toMatch(/^SARIF: [\d,]+ results, more than the 25,000 GitHub code scanning accepts in a run: the 25,000 most severe are written, [\d,]+ left out \([^)]*\); the same command with `--format json --output report.json` writes all of it\.$/);
      expect(warnings[1]).toMatch(/^SARIF: GitHub code scanning keeps 5,000 results of a run as alerts, and this file has 25,000: the file lists the most severe first/);
    } else expect(warnings).toEqual([]);
  }, 30_000);
});

describe('the job summary and the annotations that point to it', () => {

  it('say the job summary lists them all when it was written whole', async () => {
    const small = reportOfFiles(EXAMPLES);
    const summary = path.join(mkdtempSync(path.join(tmpdir(), 'pe-limits-')), 'summary.md');
    const { stdout, warnings } = await emitted(small, 'github', summary);
    expect(warnings).toEqual([]);
    expect(readFileSync(summary, 'utf8')).not.toContain('Not listed here');
    expect(stdout.trimEnd().split('\n').at(-2)).toMatch(/; the job summary lists them all\.$/);
  });

  it('leave a job summary alone that has no room left, say so, and point elsewhere', async () => {
    const small = reportOfFiles(EXAMPLES);
    const summary = path.join(mkdtempSync(path.join(tmpdir(), 'pe-limits-')), 'summary.md');
    const earlier = 'x'.repeat(STEP_SUMMARY_BYTES - 500);
    writeFileSync(summary, earlier);
    const { stdout, warnings } = await emitted(small, 'github', summary);
    expect(readFileSync(summary, 'utf8')).toBe(earlier);
    expect(warnings).toEqual([`the job summary is left as it was: this step's summary already holds ${(STEP_SUMMARY_BYTES - 500).toLocaleString('en-US')} bytes, and the report would not fit within GitHub's limit of 1 MiB.`]);
    expect(stdout.trimEnd().split('\n').at(-2)).toMatch(/; the same command with `--format json --output report.json` writes all of them\.$/);
  });

  it('count the rest in the tenth notice, never an eleventh that GitHub would not show', async () => {
    const report = generatedReport(40);
    const { stdout } = await emitted(report, 'github');
    const lines = stdout.trimEnd().split('\n');
    const notices = lines.filter((l) => l.startsWith('::notice '));
    expect(notices).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(notices.at(-1)).toMatch(/^::notice title=partner-eval::\d+ more finding\(s\)/);
  });
});

describe('a markdown report within a limit', () => {
  it('lists verdict changes worst first and files that could not be judged before partners, each cut where the room ends and counted', () => {
    const base = generatedReport(1000);
    const change = (i: number, c: Transition['change']): Transition => ({ kind: 'partner', key: `p${i}`, name: `Partner ${i}`, file: `profiles/p${i}.yaml`, line: 2, column: 3, before: c === 'new' ? null : 'GO', after: c === 'deleted' ? null : 'NO-GO', change: c, scoreBefore: null, scoreAfter: null, because: [] });
    const transitions = Array.from({ length: 300 }, (_, i) => change(i, i % 3 === 0 ? 'new' : 'worse'));
    const report: Report = { ...base, changedSince: { revision: 'origin/main', commit: 'abc', mergeBase: 'abc', changedFiles: [], renamed: [], rubricChanged: false, configChanged: false, invalidBefore: [] }, transitions };
    const limit = { bytes: 8_000, name: 'a test limit of 8,000 bytes' };
    const { text, leftOut, fits } = renderMarkdownWithin(report, renderOptions(), limit);
    expect(fits).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(limit.bytes);
    const changes = text.split('\n').filter((l) => /^- (⬇️|🆕) /.test(l));
    const worse = changes.filter((l) => l.startsWith('- ⬇️')).length;
    expect(changes.length).toBeGreaterThan(10);
    // Worse first: every change that made a verdict worse is listed before any new partner.
    expect(changes.slice(0, worse).every((l) => l.startsWith('- ⬇️'))).toBe(true);
    expect(text).toContain(`- … and ${300 - changes.length} more verdict change(s): ${[...(worse < 200 ? [`${200 - worse} worse`] : []), `${100 - (changes.length - worse)} new`].join(', ')}\n`);
    // The room ran out in the verdict changes: nothing after them is listed, all of it counted.
    expect(text).not.toContain('### ⛔ Could not judge');
    expect(leftOut).toMatchObject({ listed: 0, transitions: 300 - changes.length, problems: 10 });
    expect(text).toContain(`**Not listed here**, to keep this report within a test limit of 8,000 bytes: 980 more partner(s): `);
    expect(text).toContain(`; ${300 - changes.length} more verdict change(s); 10 more problem(s). What is listed comes first`);

    const problems = renderMarkdownWithin(base, renderOptions(), { bytes: 2_500, name: 'a test limit' });
    expect(Buffer.byteLength(problems.text)).toBeLessThanOrEqual(2_500);
    expect(problems.text).toMatch(/### ⛔ Could not judge\n\n(- `profiles\/broken-n\d{4}\.yaml:4:9 [^\n]*\n)+- … and \d more problem\(s\) in \d file\(s\)\n/);
    if (hasCmark) expect(cmark(problems.text)).toContain('<strong>Not listed here</strong>');
  });
});
