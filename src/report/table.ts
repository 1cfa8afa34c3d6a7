// The default, human report: a verdict banner per partner and deal, the money at stake, red
// flags by severity with evidence and what to ask for instead, open questions, green signals.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Verdict } from '../engine/score.js';
import type { Finding } from '../engine/types.js';
import { formatMoney } from '../rubric/cel.js';
import type { RenderOptions } from './index.js';
import { dealFindings, endedNote, type OpportunityReport, type PartnerReport, type Report } from './model.js';
import { formatProblem } from '../util/errors.js';
import { describeTransition } from '../engine/transitions.js';

const SEVERITY_LABEL: Record<Finding['severity'], string> = { blocker: 'BLOCKER', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', green: 'GREEN' };

function paint(c: ChalkInstance) {
  return {
    verdict(verdict: Verdict): string {
      const label = ` ${verdict} `;
      if (verdict === 'GO') return c.bold.black.bgGreen(label);
      if (verdict === 'CONDITIONAL') return c.bold.black.bgYellow(label);
      return c.bold.white.bgRed(label);
    },
    severity(severity: Finding['severity']): string {
      const label = SEVERITY_LABEL[severity].padEnd(7);
      if (severity === 'blocker') return c.red.bold(label);
      if (severity === 'high') return c.red(label);
      if (severity === 'medium') return c.yellow(label);
      if (severity === 'green') return c.green(label);
      return c.dim(label);
    },
  };
}

/** Wraps text to the width, indenting continuation lines. */
function wrap(text: string, indent: number, width: number): string {
  const room = Math.max(30, width - indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

function renderFindings(findings: readonly Finding[], c: ChalkInstance, options: RenderOptions, width: number): string[] {
  const p = paint(c);
  const out: string[] = [];
  const pad = ' '.repeat(11);
  const flags = findings.filter((f) => (f.outcome === 'flagged' || f.outcome === 'waived') && f.severity !== 'green');
  if (flags.length > 0) {
    out.push(c.bold(`  Red flags (${flags.filter((f) => f.outcome === 'flagged').length}${flags.some((f) => f.outcome === 'waived') ? `, ${flags.filter((f) => f.outcome === 'waived').length} waived` : ''})`));
    for (const f of flags) {
      const waived = f.outcome === 'waived';
      const head = `${waived ? c.dim('WAIVED ') : p.severity(f.severity)}  ${c.bold(f.title)} ${c.dim(`(${f.ruleId})`)}`;
      out.push(`  ${head}`);
      if (f.message) out.push(`${pad}${wrap(f.message, 11, width)}`);
      for (const e of f.evidence) out.push(`${pad}${c.dim(`at ${e.file}:${e.line}:${e.column} ${e.path}`)}`);
      if (waived && f.waiver) out.push(`${pad}${c.dim(wrap(`waived by ${f.waiver.approvedBy} until ${f.waiver.expires}: ${f.waiver.reason}`, 11, width))}`);
      if (f.expiredWaiver) out.push(`${pad}${c.yellow(wrap(`waiver expired ${f.expiredWaiver.expires} (${f.expiredWaiver.reason}); this flag counts again`, 11, width))}`);
      if (!waived && f.mitigation) out.push(`${pad}${c.cyan('Ask instead:')} ${wrap(f.mitigation, 24, width)}`);
    }
  }
  const questions = findings.filter((f) => f.outcome === 'unknown' && (f.severity !== 'green' || options.verbose));
  if (questions.length > 0 && !options.quiet) {
    out.push(c.bold(`  Open questions (${questions.length})`));
    for (const f of questions) {
      out.push(`  ${p.severity(f.severity)}  ${wrap(f.question ?? '', 11, width)} ${c.dim(`(${f.ruleId})`)}`);
    }
  }
  const greens = findings.filter((f) => f.outcome === 'flagged' && f.severity === 'green');
  if (greens.length > 0 && !options.quiet) {
    out.push(c.bold(`  Green signals (${greens.length})`));
    for (const f of greens) {
      const text = wrap(`${f.title}${f.message ? `: ${f.message}` : ''}`, 4, width);
      out.push(`  ${c.green('+')} ${c.bold(f.title)}${text.slice(f.title.length)}`);
    }
  }
  if (options.verbose) {
    const rest = findings.filter((f) => f.outcome === 'passed' || f.outcome === 'not-applicable');
    if (rest.length > 0) {
      out.push(c.bold(`  Passed or not applicable (${rest.length})`));
      for (const f of rest) out.push(`  ${c.dim(`${f.outcome === 'passed' ? 'passed' : 'n/a   '}   ${f.ruleId}${f.reason ? `: ${f.reason}` : ''}`)}`);
    }
  }
  return out;
}

function renderConditions(conditions: readonly string[], verdict: Verdict, c: ChalkInstance, width: number): string[] {
  if (verdict !== 'CONDITIONAL' || conditions.length === 0) return [];
  return [c.bold('  Conditions for GO'), ...conditions.map((text) => `  - ${wrap(text, 4, width)}`)];
}

function renderOpportunity(o: OpportunityReport, c: ChalkInstance, options: RenderOptions, width: number): string[] {
  const p = paint(c);
  const money = (x: number) => formatMoney(x, o.currency);
  const facts = [`score ${o.score}/100`, `capital at risk ${money(o.capitalAtRisk)}`];
  if (o.value !== null) facts.push(`deal value ${money(o.value)}`);
  // Relationship findings are shown once, under the partner; here only the deal's own.
  const own = dealFindings(o);
  return [
    '',
    `${p.verdict(o.verdict)} ${c.bold(`Deal: ${o.name}`)} ${c.dim(`(${o.id})`)}`,
    `  ${facts.join(' · ')}`,
    ...renderFindings(own, c, options, width),
    ...renderConditions(o.conditions, o.verdict, c, width),
  ];
}

function renderPartner(partner: PartnerReport, c: ChalkInstance, options: RenderOptions, width: number): string[] {
  const p = paint(c);
  const { capital } = partner;
  const money = (x: number) => formatMoney(x, capital.currency);
  const stake = capital.ours === null
    ? 'Money at stake: unknown (no investment ledger yet).'
    : `Money at stake: we have put in ${money(capital.ours)}, the partner ${money(capital.theirs ?? 0)}${capital.skinRatio === null ? '' : ` (skin ratio ${capital.skinRatio.toFixed(2)})`}.`;
  return [
    `${p.verdict(partner.verdict)} ${c.bold(partner.name)} ${c.dim(`(${partner.id}) ${partner.file}`)}${c.dim(endedNote(partner))}`,
    `  Relationship score ${partner.score}/100. ${stake}`,
    ...renderFindings(partner.findings, c, options, width),
    ...renderConditions(partner.conditions, partner.verdict, c, width),
    ...partner.opportunities.flatMap((o) => renderOpportunity(o, c, options, width)),
  ];
}

function renderSummary(report: Report, c: ChalkInstance): string[] {
  const rows: [string, string, string, string][] = [];
  for (const partner of report.partners) {
    rows.push([partner.name, partner.verdict, String(partner.score), partner.capital.ours === null ? '?' : formatMoney(partner.capital.ours, partner.capital.currency)]);
    for (const o of partner.opportunities) rows.push([`  ${o.name}`, o.verdict, String(o.score), formatMoney(o.capitalAtRisk, o.currency)]);
  }
  for (const o of report.opportunities) rows.push([`${o.name} (direct)`, o.verdict, String(o.score), formatMoney(o.capitalAtRisk, o.currency)]);
  // One partner's deals already carry their own banners; the table is for comparing several.
  if (report.partners.length + report.opportunities.length < 2) return [];
  const p = paint(c);
  const table = new Table({ head: ['', 'verdict', 'score', 'we put in / at risk'], style: { head: c.level > 0 ? ['bold'] : [], border: c.level > 0 ? ['grey'] : [] } });
  for (const [name, verdict, score, money] of rows) table.push([name, p.verdict(verdict as Verdict), { content: score, hAlign: 'right' }, { content: money, hAlign: 'right' }]);
  return ['', table.toString()];
}

function renderTransitions(report: Report, c: ChalkInstance, width: number): string[] {
  if (!report.changedSince) return [];
  const { revision, changedFiles } = report.changedSince;
  const transitions = report.transitions ?? [];
  const moved = transitions.filter((t) => t.change !== 'unchanged');
  const head = c.bold(`Since ${revision}: ${changedFiles.length} changed file(s), ${moved.length} change(s) of verdict`);
  const mark = { worse: c.red('▼'), new: c.cyan('+'), better: c.green('▲'), deleted: c.dim('-'), unchanged: c.dim('=') } as const;
  return [head, ...transitions.map((t) => `  ${mark[t.change]} ${wrap(describeTransition(t), 4, width)}`)];
}

function renderProblems(report: Report, c: ChalkInstance): string[] {
  if (report.problems.length === 0) return [];
  return [
    c.bold.red(`Could not judge ${report.summary.invalidFiles} file(s):`),
    ...report.problems.map((p) => `  ${formatProblem(p).replace(/\n/g, '\n  ')}`),
  ];
}

export function renderTable(report: Report, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.min(options.width ?? 100, 120);
  const blocks = [
    renderTransitions(report, c, width),
    renderProblems(report, c),
    ...report.partners.map((partner) => renderPartner(partner, c, options, width)),
    ...report.opportunities.map((o) => [`${c.dim('Direct deal (no partner)')} ${o.file}`, ...renderOpportunity(o, c, options, width).slice(1)]),
  ];
  const { summary } = report;
  const counts = `${summary.go} GO, ${summary.conditional} CONDITIONAL, ${summary.noGo} NO-GO${summary.invalidFiles > 0 ? `; ${summary.invalidFiles} invalid file(s)` : ''}`;
  const footer = c.dim(`${summary.partners} partner(s), ${summary.opportunities} opportunit${summary.opportunities === 1 ? 'y' : 'ies'}: ${counts}. Rubric ${report.rubric.name} v${report.rubric.version}, as of ${report.assessedOn}.`);
  return `${[...blocks.filter((b) => b.length > 0).map((b) => b.join('\n')), ...renderSummary(report, c), '', footer].join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
