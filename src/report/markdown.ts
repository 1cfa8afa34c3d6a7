// Markdown fit for a pull-request comment or a GitHub job summary: what needs attention first
// (NO-GO, then CONDITIONAL), each with its flags, evidence lines and what to ask for instead; kept
// within the limit of where it is read (src/report/limits.ts), the rest counted.
import { compareVerdicts, type Verdict } from '../engine/score.js';
import type { Finding } from '../engine/types.js';
import { formatMoney } from '../util/money.js';
import { RED_FLAG_SEVERITIES } from '../rubric/severity.js';
import { formatProblem, type Problem } from '../util/errors.js';
import { describeTransition } from './wording.js';
import { describeRange, describeUnsettled, questionGroups, type OpenQuestion } from '../engine/judgement.js';
import { capitalize } from '../util/text.js';
import { forMarkdown, markdownCode } from '../util/escape.js';
import type { Rendered, RenderOptions } from './index.js';
import type { Transition } from '../engine/transitions.js';
import { COMMENT_CHARACTERS, COMMENT_HEADROOM } from './limits.js';
import { dealFindings, type OpportunityReport, type PartnerReport, type Report } from '../engine/report-model.js';
import { describeAsk, describeAtRisk, describeTotals, endedNote, scoreAndSpan } from './wording.js';

const ICON: Record<Verdict, string> = { 'NO-GO': '🔴', CONDITIONAL: '🟡', GO: '🟢' };

/** Text safe inside a markdown table cell, list item or heading (src/util/escape.ts). */
export const escapeMarkdown = forMarkdown;

function flagLines(findings: readonly Finding[]): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    if (f.severity === 'green' || (f.outcome !== 'flagged' && f.outcome !== 'waived')) continue;
    const where = f.evidence[0] ? ` (${markdownCode(`${f.evidence[0].file}:${f.evidence[0].line}`)})` : '';
    if (f.outcome === 'waived') {
      lines.push(`- ~~**${f.severity.toUpperCase()}** ${escapeMarkdown(f.title)}~~ waived by ${escapeMarkdown(f.waiver!.approvedBy)} until ${escapeMarkdown(f.waiver!.expires)}: ${escapeMarkdown(f.waiver!.reason)}`);
    } else {
      lines.push(`- **${f.severity.toUpperCase()}** ${escapeMarkdown(f.title)} ${markdownCode(f.ruleId)}: ${escapeMarkdown(f.message ?? '')}${where}`);
      if (f.expiredWaiver) lines.push(`  - ⏰ waiver expired ${f.expiredWaiver.expires}: ${escapeMarkdown(f.expiredWaiver.reason)}`);
      if (f.mitigation) lines.push(`  - *Ask instead:* ${escapeMarkdown(f.mitigation)}`);
      if (f.possibleSeverity) lines.push(`  - ❔ could be **${f.possibleSeverity.toUpperCase()}** once known: ${escapeMarkdown(f.question ?? '')}`);
    }
  }
  return lines;
}

/** The open questions that decide the verdict, as a list; the others counted (listed with --verbose). */
function questionLines(questions: readonly OpenQuestion[], verbose: boolean): string[] {
  const { deciding, lowering, rest } = questionGroups(questions);
  if (questions.length === 0) return [];
  const item = (q: OpenQuestion) => `- ❔ **${q.possibleSeverity.toUpperCase()}** ${escapeMarkdown(q.question)}${q.swing > 0 ? ` (up to −${q.swing})` : ''}`;
  const lines: string[] = [];
  if (deciding.length) lines.push(`**Find out first:** ${deciding.length} fact(s) decide the verdict`, '', ...deciding.map(item), '');
  const others = [...lowering, ...rest];
  if (others.length) {
    const said = `${others.length}${deciding.length ? ' more' : ''} open question(s)${lowering.length ? `: ${lowering.length} could add red flags` : ''}${rest.length ? `${lowering.length ? ',' : ':'} ${rest.length} could only add a green signal` : ''}`;
    lines.push(verbose ? `${said}:` : `${said} (\`--verbose\` lists them).`, '', ...(verbose ? [...others.map(item), ''] : []));
  }
  return lines;
}

/** "100 (0–100, unsettled)": the score and, while facts are open, its range. */
function scoreCell(e: Pick<PartnerReport, 'score' | 'range' | 'openQuestions' | 'facts'>): string {
  const { score, span } = scoreAndSpan(e);
  const notes = [span, e.range.settled ? '' : 'unsettled'].filter(Boolean);
  return notes.length ? `${score} (${notes.join(', ')})` : score;
}

function flagCount(findings: readonly Finding[]): string {
  const counted = findings.filter((f) => f.outcome === 'flagged' && f.severity !== 'green');
  const parts = RED_FLAG_SEVERITIES.map((s) => [s, counted.filter((f) => f.severity === s).length] as const).filter(([, n]) => n !== 0).map(([s, n]) => `${n} ${s}`);
  return parts.join(', ') || 'none';
}

function details(p: PartnerReport, verbose: boolean): string[] {
  const needsAttention = (v: Verdict) => v !== 'GO';
  const out: string[] = [];
  if (needsAttention(p.verdict) || p.opportunities.some((o) => needsAttention(o.verdict))) {
    out.push(`### ${ICON[p.verdict]} ${escapeMarkdown(p.name)}: ${p.verdict} (${escapeMarkdown(describeRange(p))})${escapeMarkdown(endedNote(p))}`, '');
    if (!p.range.settled) out.push(`${capitalize(describeUnsettled(p.range))}.`, '');
    const flags = flagLines(p.findings);
    if (flags.length) out.push(...flags, '');
    out.push(...questionLines(p.openQuestions, verbose));
    const deal = (o: OpportunityReport) => {
      const own = flagLines(dealFindings(o));
      if (!needsAttention(o.verdict) && own.length === 0) return;
      const unsettled = o.range.settled ? '' : `, ${describeUnsettled(o.range)}`;
      out.push(`**Deal: ${escapeMarkdown(o.name)}** — ${ICON[o.verdict]} ${o.verdict} (${escapeMarkdown(describeRange(o))}${unsettled}), capital at risk ${escapeMarkdown(describeAtRisk(o))}; ${escapeMarkdown(describeAsk(o))}`, '', ...own, '');
      out.push(...questionLines(o.openQuestions.filter((q) => q.field.startsWith('opportunity.')), verbose));
    };
    p.opportunities.forEach(deal);
  }
  return out;
}


/** A size a markdown report keeps within, in UTF-8 bytes, and the limit's name for the note that says what it left out. */
export interface MarkdownLimit {
  bytes: number;
  name: string;
}

/** `--format markdown` is a pull-request comment: GitHub's limit, less room for what the step posting it adds. */
export const COMMENT_LIMIT: MarkdownLimit = { bytes: COMMENT_CHARACTERS - COMMENT_HEADROOM, name: `GitHub's limit of ${count(COMMENT_CHARACTERS)} characters for a comment` };

/** What a markdown report kept within its limit counts instead of listing. */
export interface LeftOut {
  /** Partners and direct deals (each with its deals) listed, and in the report. */
  listed: number;
  total: number;
  partners: Record<Verdict, number>;
  deals: Record<Verdict, number>;
  /** Partners and direct deals in the table whose details are not given. */
  details: number;
  transitions: number;
  problems: number;
}

export interface LimitedMarkdown {
  text: string;
  /** Set when the limit left something out. */
  leftOut?: LeftOut;
  /** False when not even the headline, the counts of what is left out and the footer fit: the text is over the limit. */
  fits: boolean;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Bytes of lines joined by line breaks, one after each (an upper bound of the joined text). */
function bytesOf(lines: readonly string[]): number {
  return lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0);
}

const CHANGE_ORDER: Record<Transition['change'], number> = { worse: 0, new: 1, deleted: 2, better: 3, renamed: 4, unchanged: 5 };
const CHANGE_ICON: Record<Transition['change'], string> = { worse: '⬇️', better: '⬆️', new: '🆕', deleted: '🗑️', renamed: '🔀', unchanged: '' };

function tally(verdicts: readonly Verdict[]): Record<Verdict, number> {
  const out: Record<Verdict, number> = { 'NO-GO': 0, CONDITIONAL: 0, GO: 0 };
  for (const v of verdicts) out[v]++;
  return out;
}

const describeTally = (t: Record<Verdict, number>) => `${count(t['NO-GO'])} NO-GO, ${count(t.CONDITIONAL)} CONDITIONAL, ${count(t.GO)} GO`;

/** "- … and 12 more verdict change(s): 10 worse, 2 new": the changes a limit left out. */
function moreTransitions(left: readonly Transition[]): string {
  const kinds = (['worse', 'new', 'deleted', 'better'] as const).map((k) => [k, left.filter((t) => t.change === k).length] as const).filter(([, n]) => n > 0);
  return `- … and ${count(left.length)} more verdict change(s): ${kinds.map(([k, n]) => `${count(n)} ${k}`).join(', ')}`;
}

function moreProblems(left: readonly Problem[]): string {
  return `- … and ${count(left.length)} more problem(s) in ${count(new Set(left.map((p) => p.file)).size)} file(s)`;
}

/** The note that counts what the limit left out and says where all of it is. */
function leftOutNote(left: Omit<LeftOut, 'listed' | 'total'>, limit: MarkdownLimit): string[] {
  const nPartners = left.partners['NO-GO'] + left.partners.CONDITIONAL + left.partners.GO;
  const nDeals = left.deals['NO-GO'] + left.deals.CONDITIONAL + left.deals.GO;
  const parts = [
    ...(nPartners > 0 ? [`${count(nPartners)} more partner(s): ${describeTally(left.partners)}`] : []),
    ...(nDeals > 0 ? [`${count(nDeals)} more deal(s): ${describeTally(left.deals)}`] : []),
    ...(left.details > 0 ? [`the details of ${count(left.details)} partner(s) and deal(s) in the table`] : []),
    ...(left.transitions > 0 ? [`${count(left.transitions)} more verdict change(s)`] : []),
    ...(left.problems > 0 ? [`${count(left.problems)} more problem(s)`] : []),
  ];
  return [`**Not listed here**, to keep this report within ${limit.name}: ${parts.join('; ')}. What is listed comes first: verdict changes, files that could not be judged, then partners and deals worst first, the details of the worst of them after the table. The same \`partner-eval\` command with \`--format json --output report.json\` writes all of it.`, ''];
}

/** A partner with its deals, or a direct deal: what the table and the details list together, or leave out together. */
interface Subject {
  /** The worst verdict among it and its deals: what puts it first. */
  rank: Verdict;
  index: number;
  /** Worded only for the subjects that are tried: a repository of thousands has thousands more. */
  rows: () => { verdict: Verdict; row: string; order: number }[];
  /** Its section under the table ([] when nothing needs attention), and where that goes among the others. */
  details: () => string[];
  detailsOrder: [number, number];
  partners: Verdict[];
  deals: Verdict[];
}

function subjectsOf(report: Report, verbose: boolean): Subject[] {
  const row = (name: string, e: OpportunityReport | PartnerReport, flags: string, money: string) => `| ${ICON[e.verdict]} ${e.verdict} | ${name} | ${scoreCell(e)} | ${e.facts.known}/${e.facts.total} | ${flags} | ${escapeMarkdown(money)} | ${markdownCode(e.file, { inTable: true })} |`;
  const subjects: Subject[] = [];
  let order = 0;
  // Partner details go worst first (in file order within a verdict), then direct deals in file order.
  const verdictPlace = (v: Verdict) => -compareVerdicts(v, 'GO');
  for (const p of report.partners) {
    const first = order;
    order += 1 + p.opportunities.length;
    const rows = () => [
      { verdict: p.verdict, row: row(`**${escapeMarkdown(p.name)}**`, p, flagCount(p.findings), p.capital.ours === null ? '?' : formatMoney(p.capital.ours, p.capital.currency)), order: first },
      ...p.opportunities.map((o, i) => ({ verdict: o.verdict, row: row(`${escapeMarkdown(p.name)} → ${escapeMarkdown(o.name)}`, o, flagCount(dealFindings(o)), describeAtRisk(o)), order: first + 1 + i })),
    ];
    const verdicts = [p.verdict, ...p.opportunities.map((o) => o.verdict)];
    subjects.push({ rank: verdicts.reduce((a, b) => (compareVerdicts(b, a) > 0 ? b : a)), index: subjects.length, rows, details: () => details(p, verbose), detailsOrder: [verdictPlace(p.verdict), subjects.length], partners: [p.verdict], deals: p.opportunities.map((o) => o.verdict) });
  }
  for (const o of report.opportunities) {
    const at = order++;
    const section = () => (o.verdict === 'GO' ? [] : [`### ${ICON[o.verdict]} ${escapeMarkdown(o.name)} (direct deal): ${o.verdict} (${escapeMarkdown(describeRange(o))})`, '', ...(o.range.settled ? [] : [`${capitalize(describeUnsettled(o.range))}.`, '']), ...flagLines(o.findings), '', ...questionLines(o.openQuestions, verbose)]);
    subjects.push({ rank: o.verdict, index: subjects.length, rows: () => [{ verdict: o.verdict, row: row(`${escapeMarkdown(o.name)} (direct)`, o, flagCount(o.findings), describeAtRisk(o)), order: at }], details: section, detailsOrder: [1, subjects.length], partners: [], deals: [o.verdict] });
  }
  return subjects.sort((a, b) => compareVerdicts(b.rank, a.rank) || a.index - b.index);
}

/**
 * The markdown report within a limit: the headline's totals always (they count everything), then
 * in this order as long as there is room: verdict changes, files that could not be judged, and
 * partners (with their deals) and direct deals worst first, each with its table rows and details.
 * What is listed comes before what is not; a note counts what is left out and says where all of it is.
 */
export function renderMarkdownWithin(report: Report, options: RenderOptions, limit: MarkdownLimit): LimitedMarkdown {
  const { summary } = report;
  const head = [`## partner-eval: ${escapeMarkdown(describeTotals(report, 'worst-first'))}${summary.invalidFiles ? `; ${summary.invalidFiles} invalid file(s)` : ''}`, ''];
  const foot = [`<sub>Rubric ${escapeMarkdown(report.rubric.name)} v${report.rubric.version}, as of ${escapeMarkdown(report.assessedOn)}. \`partner-eval explain <rule>\` says what a rule checks and why.</sub>`, ''];
  const moved = (report.transitions ?? []).filter((t) => t.change !== 'unchanged').sort((a, b) => CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change]);
  const subjects = subjectsOf(report, options.verbose);
  const all = { partners: tally(subjects.flatMap((s) => s.partners)), deals: tally(subjects.flatMap((s) => s.deals)), details: subjects.length, transitions: moved.length, problems: report.problems.length };
  // Room for the counts of what may be left out, at their largest.
  const reserve = bytesOf(leftOutNote(all, limit)) + bytesOf([moreTransitions(moved), moreProblems(report.problems)]);
  let room = limit.bytes - bytesOf(head) - bytesOf(foot) - reserve;
  const fits = room >= 0;
  let full = !fits;
  /** Whether the lines fit in what is left; once something does not, nothing after it is listed. */
  const take = (lines: readonly string[]): boolean => {
    if (full) return false;
    const cost = bytesOf(lines);
    if (cost > room) {
      full = true;
      return false;
    }
    room -= cost;
    return true;
  };

  const out = [...head];
  let transitionsLeft = 0;
  if (report.changedSince) {
    const kept = (report.transitions ?? []).length - moved.length;
    const heading = `### Verdict changes since ${markdownCode(report.changedSince.revision)}`;
    const tail = kept > 0 ? [`${kept} changed partner(s) or deal(s) kept their verdict.`, ''] : [];
    const fixed = [heading, '', ...(moved.length === 0 ? ['No verdict changed.'] : []), '', ...tail];
    if (take(fixed)) {
      const lines: string[] = [];
      for (const t of moved) {
        const line = `- ${CHANGE_ICON[t.change]} ${escapeMarkdown(describeTransition(t))}`;
        if (!take([line])) break;
        lines.push(line);
      }
      transitionsLeft = moved.length - lines.length;
      out.push(heading, '', ...(moved.length === 0 ? ['No verdict changed.'] : lines), ...(transitionsLeft > 0 ? [moreTransitions(moved.slice(lines.length))] : []), '', ...tail);
    } else transitionsLeft = moved.length;
  }

  let problemsLeft = report.problems.length;
  if (report.problems.length > 0 && take(['### ⛔ Could not judge', '', ''])) {
    const lines: string[] = [];
    for (const p of report.problems) {
      const line = `- ${markdownCode(formatProblem(p).replace(/\n\s*/g, ' '))}`;
      if (!take([line])) break;
      lines.push(line);
    }
    problemsLeft = report.problems.length - lines.length;
    out.push('### ⛔ Could not judge', '', ...lines, ...(problemsLeft > 0 ? [moreProblems(report.problems.slice(lines.length))] : []), '');
  }

  // The table lists the worst first within half of what is left, so that the details of the
  // worst have room too; then their details, worst first; then, if all of those fit, more of both.
  const tableHead = ['| verdict | partner / deal | score | facts known | flags | we put in / at risk | file |', '| --- | --- | ---: | ---: | --- | ---: | --- |', ''];
  const listed: { subject: Subject; rows: ReturnType<Subject['rows']>; details?: string[] }[] = [];
  const rowsOf = (subject: Subject) => {
    const rows = subject.rows();
    return { rows, lines: [...(listed.length === 0 ? tableHead : []), ...rows.map((r) => r.row)] };
  };
  const tableRoom = room / 2;
  let tableUsed = 0;
  for (const subject of subjects) {
    if (full) break;
    const { rows, lines } = rowsOf(subject);
    if (tableUsed + bytesOf(lines) > tableRoom || !take(lines)) break;
    tableUsed += bytesOf(lines);
    listed.push({ subject, rows });
  }
  let detailed = 0;
  for (const entry of listed) {
    const lines = entry.subject.details();
    if (!take(lines)) break;
    entry.details = lines;
    detailed++;
  }
  if (detailed === listed.length) {
    for (const subject of subjects.slice(listed.length)) {
      const { rows, lines } = rowsOf(subject);
      const more = subject.details();
      if (!take([...lines, ...more])) break;
      listed.push({ subject, rows, details: more });
    }
  }
  if (listed.length > 0) out.push(...tableHead.slice(0, 2), ...listed.flatMap((s) => s.rows).sort((a, b) => compareVerdicts(b.verdict, a.verdict) || a.order - b.order).map((r) => r.row), '');
  const rest = subjects.slice(listed.length);
  const details = listed.filter((l) => l.details === undefined && l.subject.details().length > 0).length;
  const leftOut = rest.length > 0 || details > 0 || transitionsLeft > 0 || problemsLeft > 0 ? { listed: listed.length, total: subjects.length, partners: tally(rest.flatMap((s) => s.partners)), deals: tally(rest.flatMap((s) => s.deals)), details, transitions: transitionsLeft, problems: problemsLeft } : undefined;
  if (leftOut) out.push(...leftOutNote(leftOut, limit));
  const byPlace = (a: Subject, b: Subject) => a.detailsOrder[0] - b.detailsOrder[0] || a.detailsOrder[1] - b.detailsOrder[1];
  for (const { details: lines } of listed.filter((l) => l.details !== undefined).sort((a, b) => byPlace(a.subject, b.subject))) out.push(...lines!);
  out.push(...foot);
  return { text: out.join('\n'), ...(leftOut ? { leftOut } : {}), fits };
}

/** The markdown report, within GitHub's limit of a comment (COMMENT_LIMIT). */
export function renderMarkdown(report: Report, options: RenderOptions): string {
  return renderMarkdownWithin(report, options, COMMENT_LIMIT).text;
}

/** `--format markdown`: the report within the limit of a comment, and a warning when the limit left something out. */
export function renderMarkdownLimited(report: Report, options: RenderOptions): Rendered {
  const { text, leftOut } = renderMarkdownWithin(report, options, COMMENT_LIMIT);
  return { text, warnings: leftOut ? [describeLeftOut('the markdown report', leftOut, COMMENT_LIMIT)] : [] };
}

/** "the markdown report lists 120 of 4,000 partners and direct deals (…)": for stderr. */
export function describeLeftOut(what: string, left: LeftOut, limit: MarkdownLimit): string {
  const more = [...(left.details > 0 ? [`the details of ${count(left.details)} of them`] : []), ...(left.transitions > 0 ? [`${count(left.transitions)} verdict change(s)`] : []), ...(left.problems > 0 ? [`${count(left.problems)} problem(s)`] : [])];
  return `${what} lists the worst ${count(left.listed)} of ${count(left.total)} partners and direct deals${more.length ? ` and leaves out ${more.join(', ')}` : ''}, to stay within ${limit.name}; the same command with \`--format json --output report.json\` writes all of it.`;
}
