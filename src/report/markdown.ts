// Markdown fit for a pull-request comment or a GitHub job summary: what needs attention first
// (NO-GO, then CONDITIONAL), each with its flags, evidence lines and what to ask for instead.
import type { Verdict } from '../engine/score.js';
import type { Finding } from '../engine/types.js';
import { formatMoney } from '../rubric/cel.js';
import { formatProblem } from '../util/errors.js';
import { describeTransition } from '../engine/transitions.js';
import type { RenderOptions } from './index.js';
import { dealFindings, endedNote, type OpportunityReport, type PartnerReport, type Report } from './model.js';

const ICON: Record<Verdict, string> = { 'NO-GO': '🔴', CONDITIONAL: '🟡', GO: '🟢' };
const RANK: Record<Verdict, number> = { 'NO-GO': 0, CONDITIONAL: 1, GO: 2 };

/** Text safe inside a markdown table cell or list item. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function flagLines(findings: readonly Finding[], verbose: boolean): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    if (f.severity === 'green' || (f.outcome !== 'flagged' && f.outcome !== 'waived' && !(f.outcome === 'unknown' && (f.severity === 'blocker' || verbose)))) continue;
    const where = f.evidence[0] ? ` (\`${f.evidence[0].file}:${f.evidence[0].line}\`)` : '';
    if (f.outcome === 'unknown') {
      lines.push(`- ❔ **${f.severity.toUpperCase()} unknown** ${escapeMarkdown(f.title)}: ${escapeMarkdown(f.question ?? '')}`);
    } else if (f.outcome === 'waived') {
      lines.push(`- ~~**${f.severity.toUpperCase()}** ${escapeMarkdown(f.title)}~~ waived by ${escapeMarkdown(f.waiver!.approvedBy)} until ${f.waiver!.expires}: ${escapeMarkdown(f.waiver!.reason)}`);
    } else {
      lines.push(`- **${f.severity.toUpperCase()}** ${escapeMarkdown(f.title)} \`${f.ruleId}\`: ${escapeMarkdown(f.message ?? '')}${where}`);
      if (f.expiredWaiver) lines.push(`  - ⏰ waiver expired ${f.expiredWaiver.expires}: ${escapeMarkdown(f.expiredWaiver.reason)}`);
      if (f.mitigation) lines.push(`  - *Ask instead:* ${escapeMarkdown(f.mitigation)}`);
    }
  }
  return lines;
}

function flagCount(findings: readonly Finding[]): string {
  const counted = findings.filter((f) => f.outcome === 'flagged' && f.severity !== 'green');
  const by = (s: string) => counted.filter((f) => f.severity === s).length;
  const parts = [['blocker', by('blocker')], ['high', by('high')], ['medium', by('medium')], ['low', by('low')]].filter(([, n]) => n !== 0).map(([s, n]) => `${n} ${s}`);
  return parts.join(', ') || 'none';
}

function entityRows(report: Report): { verdict: Verdict; row: string }[] {
  const rows: { verdict: Verdict; row: string }[] = [];
  const row = (name: string, v: Verdict, score: number, flags: string, money: string, file: string) => `| ${ICON[v]} ${v} | ${name} | ${score} | ${flags} | ${money} | \`${file}\` |`;
  for (const p of report.partners) {
    rows.push({ verdict: p.verdict, row: row(`**${escapeMarkdown(p.name)}**`, p.verdict, p.score, flagCount(p.findings), p.capital.ours === null ? '?' : formatMoney(p.capital.ours, p.capital.currency), p.file) });
    for (const o of p.opportunities) rows.push({ verdict: o.verdict, row: row(`${escapeMarkdown(p.name)} → ${escapeMarkdown(o.name)}`, o.verdict, o.score, flagCount(dealFindings(o)), formatMoney(o.capitalAtRisk, o.currency), o.file) });
  }
  for (const o of report.opportunities) rows.push({ verdict: o.verdict, row: row(`${escapeMarkdown(o.name)} (direct)`, o.verdict, o.score, flagCount(o.findings), formatMoney(o.capitalAtRisk, o.currency), o.file) });
  return rows.sort((a, b) => RANK[a.verdict] - RANK[b.verdict]);
}

function details(p: PartnerReport, verbose: boolean): string[] {
  const needsAttention = (v: Verdict) => v !== 'GO';
  const out: string[] = [];
  if (needsAttention(p.verdict) || p.opportunities.some((o) => needsAttention(o.verdict))) {
    out.push(`### ${ICON[p.verdict]} ${escapeMarkdown(p.name)}: ${p.verdict} (${p.score}/100)${endedNote(p)}`, '');
    const flags = flagLines(p.findings, verbose);
    if (flags.length) out.push(...flags, '');
    const deal = (o: OpportunityReport) => {
      const own = flagLines(dealFindings(o), verbose);
      if (!needsAttention(o.verdict) && own.length === 0) return;
      out.push(`**Deal: ${escapeMarkdown(o.name)}** — ${ICON[o.verdict]} ${o.verdict} (${o.score}/100), capital at risk ${formatMoney(o.capitalAtRisk, o.currency)}`, '', ...own, '');
    };
    p.opportunities.forEach(deal);
  }
  return out;
}

export function renderMarkdown(report: Report, options: RenderOptions): string {
  const { summary } = report;
  const out = [
    `## partner-eval: ${summary.noGo} NO-GO, ${summary.conditional} CONDITIONAL, ${summary.go} GO${summary.invalidFiles ? `, ${summary.invalidFiles} invalid file(s)` : ''}`,
    '',
  ];
  if (report.changedSince) {
    const moved = (report.transitions ?? []).filter((t) => t.change !== 'unchanged');
    const kept = (report.transitions ?? []).length - moved.length;
    out.push(`### Verdict changes since \`${escapeMarkdown(report.changedSince.revision)}\``, '');
    if (moved.length === 0) out.push('No verdict changed.', '');
    else out.push(...moved.map((t) => `- ${t.change === 'worse' ? '⬇️' : t.change === 'better' ? '⬆️' : t.change === 'new' ? '🆕' : '🗑️'} ${escapeMarkdown(describeTransition(t))}`), '');
    if (kept > 0) out.push(`${kept} changed partner(s) or deal(s) kept their verdict.`, '');
  }
  if (report.problems.length > 0) {
    out.push('### ⛔ Could not judge', '', ...report.problems.map((p) => `- \`${escapeMarkdown(formatProblem(p).replace(/\n\s*/g, ' '))}\``), '');
  }
  out.push('| verdict | partner / deal | score | flags | we put in / at risk | file |', '| --- | --- | ---: | --- | ---: | --- |', ...entityRows(report).map((r) => r.row), '');
  const ranked = [...report.partners].sort((a, b) => RANK[a.verdict] - RANK[b.verdict]);
  for (const p of ranked) out.push(...details(p, options.verbose));
  for (const o of report.opportunities.filter((d) => d.verdict !== 'GO')) {
    out.push(`### ${ICON[o.verdict]} ${escapeMarkdown(o.name)} (direct deal): ${o.verdict} (${o.score}/100)`, '', ...flagLines(o.findings, options.verbose), '');
  }
  out.push(`<sub>Rubric ${report.rubric.name} v${report.rubric.version}, as of ${report.assessedOn}. \`partner-eval explain <rule>\` says what a rule checks and why.</sub>`, '');
  return out.join('\n');
}
