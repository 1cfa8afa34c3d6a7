// The backtest, in words a CEO reads: how the verdicts compare with how partnerships turned out,
// then which warning signs foretold the failures (and which green signals the successes).
import { RESULTS, VERDICT_ROWS, type Backtest, type RuleBacktest } from '../engine/backtest.js';
import { forMarkdown, forTerminal, mapStrings, markdownCode, withoutWorkflowCommands } from '../util/escape.js';

const share = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** The first sentence; `rubric` is the rubric's name, escaped for the format. */
function headline(bt: Backtest, rubric: string): string {
  const { failure, success, mixed } = bt.outcomes;
  return `Backtest of rubric ${rubric} on ${plural(bt.partners.length, 'past partnership')} (${plural(failure, 'failure')}, ${plural(success, 'success', 'successes')}, ${mixed} mixed), judged as of ${bt.assessedOn}.`;
}

/** The sentences under the verdict matrix: what agreeing means, and the two costly mistakes. */
function verdictSentences(bt: Backtest): string[] {
  const { agreement, failuresStopped, successesRefused, unsettled } = bt.verdicts;
  const open = unsettled.failure + unsettled.success + unsettled.mixed;
  return [
    `Agreement: ${agreement.agreeing} of ${agreement.of} (${share(agreement.rate)}): NO-GO for a failure, CONDITIONAL for a mixed result, GO for a success.`,
    `Failures the rubric would have stopped (NO-GO or CONDITIONAL): ${failuresStopped.stopped} of ${failuresStopped.of}.`,
    `Successes it would have turned down (NO-GO): ${successesRefused.refused} of ${successesRefused.of}.`,
    open === 0
      ? 'Unsettled verdicts (open questions could have changed them): none.'
      : `Unsettled verdicts (open questions could have changed them): ${open}, of which ${plural(unsettled.failure, 'failure')}, ${plural(unsettled.success, 'success', 'successes')} and ${unsettled.mixed} mixed.`,
  ];
}

/** Rules that flagged something first, the most telling at the top; those that never did, apart. */
function ranked(rules: readonly RuleBacktest[], foretells: 'failure' | 'success'): { telling: RuleBacktest[]; silent: RuleBacktest[] } {
  const mine = rules.filter((r) => r.foretells === foretells);
  const flaggedAny = (r: RuleBacktest) => RESULTS.some((res) => r.counts[res].flagged > 0);
  const telling = mine.filter(flaggedAny).sort((a, b) => (b.recall ?? -1) - (a.recall ?? -1) || (b.precision ?? -1) - (a.precision ?? -1) || a.ruleId.localeCompare(b.ruleId));
  return { telling, silent: mine.filter((r) => !flaggedAny(r)) };
}

function ruleRow(r: RuleBacktest): string[] {
  const other = r.foretells === 'failure' ? 'success' : 'failure';
  const unknown = RESULTS.reduce((n, res) => n + r.counts[res].unknown, 0);
  return [r.ruleId, r.severity, String(r.counts[r.foretells].flagged), String(r.counts[other].flagged), String(r.counts.mixed.flagged), String(unknown), share(r.precision), share(r.recall)];
}

const RULE_HEAD = (foretells: 'failure' | 'success') => foretells === 'failure'
  ? ['rule', 'severity', 'failures flagged', 'successes flagged', 'mixed flagged', 'unknown', 'precision', 'recall']
  : ['signal', 'severity', 'successes flagged', 'failures flagged', 'mixed flagged', 'unknown', 'precision', 'recall'];

const CAUTION = 'Precision: of the partnerships a rule flagged (successes and failures), the share that turned out as it foretells. Recall: of those that did, the share it flagged. Few partnerships make small numbers: read them as leads, not proof. A partnership with outcome.ended is judged as it stood that day.';

export async function backtestTable(untrusted: Backtest, color: boolean): Promise<string> {
  // Names, files and rule ids come from the repository and its rubric: terminal-safe before drawn.
  const bt = mapStrings(untrusted, forTerminal);
  const { Chalk } = await import('chalk');
  const { default: Table } = await import('cli-table3');
  const c = new Chalk({ level: color ? 1 : 0 });
  const style = { head: color ? ['bold'] : [], border: color ? ['grey'] : [] };
  const chars = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  const right = (content: string) => ({ content, hAlign: 'right' as const });
  const out: string[] = [c.bold(headline(bt, bt.rubric.name)), ''];

  const verdicts = new Table({ head: ['verdict', ...RESULTS], style, chars });
  for (const v of VERDICT_ROWS) verdicts.push([v, ...RESULTS.map((res) => right(String(bt.verdicts.matrix[v][res])))]);
  out.push(c.bold('Verdicts against outcomes'), verdicts.toString(), ...verdictSentences(bt), '');

  const misjudged = bt.partners.filter((p) => !p.agrees);
  if (misjudged.length > 0) {
    out.push(c.bold('Where the verdict and the outcome differ'));
    for (const p of misjudged) out.push(`  ${p.name} ${c.dim(`(${p.file})`)}: ${p.result}, judged ${p.verdict} (${p.score})${p.flagged.length ? `; flags: ${p.flagged.join(', ')}` : '; no warning sign flagged'}`);
    out.push('');
  }

  for (const foretells of ['failure', 'success'] as const) {
    const { telling, silent } = ranked(bt.rules, foretells);
    out.push(c.bold(foretells === 'failure' ? 'Warning signs: which foretold the failures' : 'Green signals: which foretold the successes'));
    if (telling.length > 0) {
      const table = new Table({ head: RULE_HEAD(foretells), style, chars });
      for (const r of telling) table.push(ruleRow(r).map((cell, i) => (i >= 2 ? right(cell) : cell)));
      out.push(table.toString());
    } else out.push('  None flagged any of these partnerships.');
    if (silent.length > 0) out.push(c.dim(`Never flagged here: ${silent.map((r) => r.ruleId).join(', ')}.`));
    out.push('');
  }
  out.push(c.dim(CAUTION));
  if (bt.withoutOutcome > 0) out.push(c.dim(`${plural(bt.withoutOutcome, 'partner')} without outcome.result left out.`));
  return withoutWorkflowCommands(`${out.join('\n')}\n`);
}

export function backtestMarkdown(bt: Backtest): string {
  const out: string[] = [`## Backtest: rubric ${forMarkdown(bt.rubric.name)}`, '', headline(bt, forMarkdown(bt.rubric.name)), '', '### Verdicts against outcomes', '', `| verdict | ${RESULTS.join(' | ')} |`, '| --- | ---: | ---: | ---: |'];
  for (const v of VERDICT_ROWS) out.push(`| ${v} | ${RESULTS.map((res) => bt.verdicts.matrix[v][res]).join(' | ')} |`);
  out.push('', ...verdictSentences(bt).map((s) => `- ${s}`), '');
  const misjudged = bt.partners.filter((p) => !p.agrees);
  if (misjudged.length > 0) {
    out.push('### Where the verdict and the outcome differ', '');
    for (const p of misjudged) out.push(`- **${forMarkdown(p.name)}** (${markdownCode(p.file)}): ${p.result}, judged ${p.verdict} (${p.score})${p.flagged.length ? `; flags: ${p.flagged.map((id) => markdownCode(id)).join(', ')}` : '; no warning sign flagged'}`);
    out.push('');
  }
  for (const foretells of ['failure', 'success'] as const) {
    const { telling, silent } = ranked(bt.rules, foretells);
    out.push(foretells === 'failure' ? '### Warning signs: which foretold the failures' : '### Green signals: which foretold the successes', '');
    if (telling.length > 0) {
      out.push(`| ${RULE_HEAD(foretells).join(' | ')} |`, '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const r of telling) out.push(`| ${ruleRow(r).map((cell, i) => (i === 0 ? markdownCode(cell, { inTable: true }) : forMarkdown(cell))).join(' | ')} |`);
    } else out.push('None flagged any of these partnerships.');
    if (silent.length > 0) out.push('', `Never flagged here: ${silent.map((r) => markdownCode(r.ruleId)).join(', ')}.`);
    out.push('');
  }
  out.push(`*${CAUTION}*`);
  if (bt.withoutOutcome > 0) out.push('', `${plural(bt.withoutOutcome, 'partner')} without outcome.result left out.`);
  return `${out.join('\n')}\n`;
}

export function backtestJson(bt: Backtest): string {
  return `${JSON.stringify(bt, null, 2)}\n`;
}
