// Markdown fit for a pull-request comment or a GitHub job summary: what needs attention first
// (NO-GO, then CONDITIONAL), each with its flags, evidence lines and what to ask for instead.
import { compareVerdicts, type Verdict } from '../engine/score.js';
import type { Finding } from '../engine/types.js';
import { formatMoney } from '../util/money.js';
import { RED_FLAG_SEVERITIES } from '../rubric/severity.js';
import { formatProblem } from '../util/errors.js';
import { describeTransition } from './wording.js';
import { describeRange, describeUnsettled, questionGroups, type OpenQuestion } from '../engine/judgement.js';
import { capitalize } from '../util/text.js';
import { forMarkdown, markdownCode } from '../util/escape.js';
import type { RenderOptions } from './index.js';
import { dealFindings, type OpportunityReport, type PartnerReport, type Report } from '../engine/report-model.js';
import { describeAsk, describeAtRisk, describeTotals, endedNote, scoreAndSpan } from './wording.js';

const ICON: Record<Verdict, string> = { 'NO-GO': '🔴', CONDITIONAL: '🟡', GO: '🟢' };
/** What needs attention first: NO-GO, then CONDITIONAL, then GO. */
const worstFirst = (a: { verdict: Verdict }, b: { verdict: Verdict }) => compareVerdicts(b.verdict, a.verdict);

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

function entityRows(report: Report): { verdict: Verdict; row: string }[] {
  const rows: { verdict: Verdict; row: string }[] = [];
  const row = (name: string, e: OpportunityReport | PartnerReport, flags: string, money: string) => `| ${ICON[e.verdict]} ${e.verdict} | ${name} | ${scoreCell(e)} | ${e.facts.known}/${e.facts.total} | ${flags} | ${escapeMarkdown(money)} | ${markdownCode(e.file, { inTable: true })} |`;
  for (const p of report.partners) {
    rows.push({ verdict: p.verdict, row: row(`**${escapeMarkdown(p.name)}**`, p, flagCount(p.findings), p.capital.ours === null ? '?' : formatMoney(p.capital.ours, p.capital.currency)) });
    for (const o of p.opportunities) rows.push({ verdict: o.verdict, row: row(`${escapeMarkdown(p.name)} → ${escapeMarkdown(o.name)}`, o, flagCount(dealFindings(o)), describeAtRisk(o)) });
  }
  for (const o of report.opportunities) rows.push({ verdict: o.verdict, row: row(`${escapeMarkdown(o.name)} (direct)`, o, flagCount(o.findings), describeAtRisk(o)) });
  return rows.sort(worstFirst);
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

export function renderMarkdown(report: Report, options: RenderOptions): string {
  const { summary } = report;
  const out = [
    `## partner-eval: ${escapeMarkdown(describeTotals(report, 'worst-first'))}${summary.invalidFiles ? `; ${summary.invalidFiles} invalid file(s)` : ''}`,
    '',
  ];
  if (report.changedSince) {
    const moved = (report.transitions ?? []).filter((t) => t.change !== 'unchanged');
    const kept = (report.transitions ?? []).length - moved.length;
    out.push(`### Verdict changes since ${markdownCode(report.changedSince.revision)}`, '');
    if (moved.length === 0) out.push('No verdict changed.', '');
    else out.push(...moved.map((t) => `- ${t.change === 'worse' ? '⬇️' : t.change === 'better' ? '⬆️' : t.change === 'new' ? '🆕' : t.change === 'renamed' ? '🔀' : '🗑️'} ${escapeMarkdown(describeTransition(t))}`), '');
    if (kept > 0) out.push(`${kept} changed partner(s) or deal(s) kept their verdict.`, '');
  }
  if (report.problems.length > 0) {
    out.push('### ⛔ Could not judge', '', ...report.problems.map((p) => `- ${markdownCode(formatProblem(p).replace(/\n\s*/g, ' '))}`), '');
  }
  out.push('| verdict | partner / deal | score | facts known | flags | we put in / at risk | file |', '| --- | --- | ---: | ---: | --- | ---: | --- |', ...entityRows(report).map((r) => r.row), '');
  const ranked = [...report.partners].sort(worstFirst);
  for (const p of ranked) out.push(...details(p, options.verbose));
  for (const o of report.opportunities.filter((d) => d.verdict !== 'GO')) {
    out.push(`### ${ICON[o.verdict]} ${escapeMarkdown(o.name)} (direct deal): ${o.verdict} (${escapeMarkdown(describeRange(o))})`, '', ...(o.range.settled ? [] : [`${capitalize(describeUnsettled(o.range))}.`, '']), ...flagLines(o.findings), '', ...questionLines(o.openQuestions, options.verbose));
  }
  out.push(`<sub>Rubric ${escapeMarkdown(report.rubric.name)} v${report.rubric.version}, as of ${escapeMarkdown(report.assessedOn)}. \`partner-eval explain <rule>\` says what a rule checks and why.</sub>`, '');
  return out.join('\n');
}
