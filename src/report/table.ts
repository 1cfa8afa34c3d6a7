// The default, human report: a verdict banner per partner and deal, the money at stake, red
// flags by severity with evidence and what to ask for instead, open questions, green signals.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Verdict } from '../engine/score.js';
import type { Finding } from '../engine/types.js';
import { formatMoney } from '../util/money.js';
import type { Severity } from '../rubric/severity.js';
import type { RenderOptions } from './index.js';
import { dealFindings, type OpportunityReport, type PartnerReport, type Report } from '../engine/report-model.js';
import { describeAsk, describeAtRisk, describeTotals, endedNote, scoreAndSpan } from './wording.js';
import { formatProblem } from '../util/errors.js';
import { describeTransition } from './wording.js';
import { describeRange, describeUnsettled, FIND_OUT, questionGroups, type OpenQuestion } from '../engine/judgement.js';
import { capitalize } from '../util/text.js';
import { forTerminal, mapStrings, withoutWorkflowCommands } from '../util/escape.js';

const SEVERITY_LABEL: Record<Severity, string> = { blocker: 'BLOCKER', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', green: 'GREEN' };

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
      if (!waived && f.possibleSeverity) out.push(`${pad}${c.yellow(wrap(`could be ${SEVERITY_LABEL[f.possibleSeverity]} once known: ${f.question ?? ''}`, 11, width))}`);
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

/**
 * The open questions, one per missing fact, most decisive first: those that could change the
 * verdict, then those that could add red flags; the rest (green signals only) with --verbose.
 */
function renderQuestions(questions: readonly OpenQuestion[], c: ChalkInstance, options: RenderOptions, width: number): string[] {
  if (options.quiet || questions.length === 0) return [];
  const p = paint(c);
  const { deciding, lowering, rest } = questionGroups(questions);
  const facts = (n: number) => (n === 1 ? '1 fact' : `${n} facts`);
  const parts = [deciding.length ? `${facts(deciding.length)} decide${deciding.length === 1 ? 's' : ''} the verdict` : '', lowering.length ? `${deciding.length ? `${lowering.length} more` : facts(lowering.length)} could add ${lowering.length === 1 ? 'a red flag' : 'red flags'}` : '', rest.length ? `${deciding.length + lowering.length ? `${rest.length} more` : facts(rest.length)} could only add a green signal` : ''].filter(Boolean);
  const out = [c.bold(`  Open questions: ${parts.join('; ')}`)];
  const pad = ' '.repeat(13);
  const line = (q: OpenQuestion) => {
    const cost = q.swing > 0 ? `up to −${q.swing} point${q.swing === 1 ? '' : 's'}` : q.possibleSeverity === 'green' ? 'could add a green signal' : 'would not change the score';
    out.push(`  ${q.decidesVerdict ? c.bold('▶') : ' '} ${p.severity(q.possibleSeverity)}  ${wrap(q.question, 13, width)}`);
    // The rules behind a question matter most where it decides the verdict; elsewhere with --verbose.
    if (q.decidesVerdict || options.verbose) out.push(`${pad}${c.dim(wrap(`${cost} · ${q.rules.join(', ')}`, 13, width))}`);
    else if (q.swing > 0) out.push(`${pad}${c.dim(cost)}`);
  };
  for (const q of [...deciding, ...lowering]) line(q);
  if (options.verbose) rest.forEach(line);
  else if (rest.length > 0) out.push(c.dim(`  (${facts(rest.length)} that could only add a green signal: --verbose lists them)`));
  return out;
}

function renderConditions(e: Pick<PartnerReport, 'verdict' | 'conditions' | 'range'>, c: ChalkInstance, options: RenderOptions, width: number): string[] {
  if (e.verdict !== 'CONDITIONAL' || e.conditions.length === 0) return [];
  const findOut = e.conditions.filter((text) => text.startsWith(FIND_OUT));
  const rest = e.conditions.filter((text) => !text.startsWith(FIND_OUT));
  // The questions are listed above, deciding ones marked: one line points at them (with --quiet, they are here).
  const what = e.range.best.verdict === 'GO' ? 'they decide whether it can be GO' : 'they could make it NO-GO';
  const pointer = findOut.length === 0 ? [] : options.quiet ? findOut : [`Find out the ${findOut.length === 1 ? 'fact' : `${findOut.length} facts`} marked ▶ above: ${findOut.length === 1 ? what.replace('they decide', 'it decides').replace('they could', 'it could') : what}.`];
  return [c.bold('  Conditions for GO'), ...[...pointer, ...rest].map((text) => `  - ${wrap(text, 4, width)}`)];
}

/** "Relationship score 100 on what is known; 0–100 until 30 facts are known. Unsettled: NO-GO at worst, GO at best." */
function scoreLine(e: Pick<PartnerReport, 'score' | 'range' | 'openQuestions' | 'facts'>): string {
  const settled = !e.range.settled ? `. ${capitalize(describeUnsettled(e.range))}` : e.openQuestions.length && e.range.worst.score !== e.range.best.score ? `; the verdict stands whatever ${e.openQuestions.length === 1 ? 'it turns' : 'they turn'} out to be` : '';
  return `${describeRange(e)}${settled}`;
}

function renderOpportunity(o: OpportunityReport, c: ChalkInstance, options: RenderOptions, width: number): string[] {
  const p = paint(c);
  const money = (x: number) => formatMoney(x, o.currency);
  const facts = [`capital at risk ${describeAtRisk(o)}`];
  if (o.value !== null) facts.push(`deal value ${money(o.value)}`);
  if (o.kind !== 'customer-deal') facts.push(o.kind);
  // Relationship findings and questions are shown once, under the partner; here only the deal's own.
  const own = dealFindings(o);
  const ownQuestions = o.openQuestions.filter((q) => q.field.startsWith('opportunity.'));
  const theirs = o.openQuestions.length - ownQuestions.length;
  return [
    '',
    `${p.verdict(o.verdict)} ${c.bold(`Deal: ${o.name}`)} ${c.dim(`(${o.id})`)}`,
    `  Score ${scoreLine(o)}.`,
    `  ${capitalize(describeAsk(o))}.`,
    `  ${facts.join(' · ')}`,
    ...renderFindings(own, c, options, width),
    ...renderQuestions(ownQuestions, c, options, width),
    ...(theirs > 0 && !options.quiet && o.partnerId !== null ? [c.dim(`  (and ${theirs} of the partner's open questions, above)`)] : []),
    ...renderConditions(o, c, options, width),
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
    `  Relationship score ${scoreLine(partner)}.`,
    `  ${stake}`,
    ...renderFindings(partner.findings, c, options, width),
    ...renderQuestions(partner.openQuestions, c, options, width),
    ...renderConditions(partner, c, options, width),
    ...partner.opportunities.flatMap((o) => renderOpportunity(o, c, options, width)),
  ];
}

function renderSummary(report: Report, c: ChalkInstance): string[] {
  const rows: [string, Verdict, string, string, string][] = [];
  type Row = Pick<PartnerReport, 'score' | 'range' | 'openQuestions' | 'facts'>;
  const score = (e: Row) => {
    const { score: shown, span } = scoreAndSpan(e);
    return span ? `${shown} (${span})` : shown;
  };
  const known = (e: Row) => `${e.facts.known}/${e.facts.total}${e.range.settled ? '' : ' *'}`;
  for (const partner of report.partners) {
    rows.push([partner.name, partner.verdict, score(partner), known(partner), partner.capital.ours === null ? '?' : formatMoney(partner.capital.ours, partner.capital.currency)]);
    for (const o of partner.opportunities) rows.push([`  ${o.name}`, o.verdict, score(o), known(o), describeAtRisk(o)]);
  }
  for (const o of report.opportunities) rows.push([`${o.name} (direct)`, o.verdict, score(o), known(o), describeAtRisk(o)]);
  // One partner's deals already carry their own banners; the table is for comparing several.
  if (report.partners.length + report.opportunities.length < 2) return [];
  const p = paint(c);
  const table = new Table({ head: ['', 'verdict', 'score (range)', 'facts known', 'we put in / at risk'], style: { head: c.level > 0 ? ['bold'] : [], border: c.level > 0 ? ['grey'] : [] } });
  for (const [name, verdict, points, facts, money] of rows) table.push([name, p.verdict(verdict), { content: points, hAlign: 'right' }, { content: facts, hAlign: 'right' }, { content: money, hAlign: 'right' }]);
  const unsettled = rows.some(([, , , facts]) => facts.endsWith('*'));
  return ['', table.toString(), ...(unsettled ? [c.dim('* unsettled: open questions could still change the verdict')] : [])];
}

function renderTransitions(report: Report, c: ChalkInstance, width: number): string[] {
  if (!report.changedSince) return [];
  const { revision, commit, mergeBase, changedFiles, rubricChanged, configChanged, baseProblem } = report.changedSince;
  const transitions = report.transitions ?? [];
  const moved = transitions.filter((t) => t.change !== 'unchanged' && t.change !== 'renamed');
  const since = mergeBase && mergeBase !== commit ? `${revision} (its merge base with HEAD, ${mergeBase.slice(0, 12)})` : revision;
  const also = [...(rubricChanged ? ['the rubric changed'] : []), ...(configChanged ? ['the config changed'] : [])].map((s) => `, ${s}`).join('');
  const head = c.bold(`Since ${since}: ${changedFiles.length} changed file(s)${also}, ${moved.length} change(s) of verdict`);
  const mark = { worse: c.red('▼'), new: c.cyan('+'), better: c.green('▲'), renamed: c.cyan('→'), deleted: c.dim('-'), unchanged: c.dim('=') } as const;
  const unjudged = baseProblem ? [c.yellow(`  The base could not be judged, so every partner reads as new: ${baseProblem}`)] : [];
  return [head, ...unjudged, ...transitions.map((t) => `  ${mark[t.change]} ${wrap(describeTransition(t), 4, width)}`)];
}

function renderProblems(report: Report, c: ChalkInstance): string[] {
  if (report.problems.length === 0) return [];
  return [
    c.bold.red(`Could not judge ${report.summary.invalidFiles} file(s):`),
    ...report.problems.map((p) => `  ${formatProblem(p).replace(/\n/g, '\n  ')}`),
  ];
}

export function renderTable(untrusted: Report, options: RenderOptions): string {
  // Every text of the report may come from a profile, a rubric or a file name: made terminal-safe
  // before our own colours and line breaks go around it.
  const report = mapStrings(untrusted, forTerminal);
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.min(options.width ?? 100, 120);
  const blocks = [
    renderTransitions(report, c, width),
    renderProblems(report, c),
    ...report.partners.map((partner) => renderPartner(partner, c, options, width)),
    ...report.opportunities.map((o) => [`${c.dim('Direct deal (no partner)')} ${o.file}`, ...renderOpportunity(o, c, options, width).slice(1)]),
  ];
  const { summary } = report;
  const footer = c.dim(`${describeTotals(report)}${summary.invalidFiles > 0 ? `; ${summary.invalidFiles} invalid file(s)` : ''}. Rubric ${report.rubric.name} v${report.rubric.version}, as of ${report.assessedOn}.`);
  return withoutWorkflowCommands(`${[...blocks.filter((b) => b.length > 0).map((b) => b.join('\n')), ...renderSummary(report, c), '', footer].join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`);
}
