// The portfolio: every partner on one line, ranked, best first: verdict, then score, then the
// skin ratio. For a CEO looking across the partnerships rather than into one.
import { daysBetween } from '../engine/metrics.js';
import { compareVerdicts, type Verdict } from '../engine/score.js';
import { formatMoney } from '../util/money.js';
import { forMarkdown, forTerminal, mapStrings, withoutWorkflowCommands } from '../util/escape.js';
import { dealFindings, isEnded, type Report } from '../engine/report-model.js';

export interface PortfolioRow {
  rank: number;
  id: string;
  name: string;
  file: string;
  verdict: Verdict;
  score: number;
  /** False while open questions could still change the verdict. */
  settled: boolean;
  /** The score if every open question came out badly: what the partnership is worth at worst. */
  worstScore: number;
  /** Facts the rubric reads that the profile states, and how many it reads in all. */
  facts: { known: number; total: number };
  skinRatio: number | null;
  /** What we have spent on the relationship (its ledger). */
  ours: number | null;
  /** What its deals put at risk, together. */
  capitalAtRisk: number;
  currency: string;
  /** Red flags that count: the relationship's and its deals' own. */
  openFlags: number;
  /** Days since the profile was reviewed; null when it does not say. */
  daysSinceReview: number | null;
  deals: number;
}

/** Ended partnerships are history (backtest's); the portfolio ranks the current ones. */
function endedPartners(report: Report): { id: string; name: string; file: string; result: string | null }[] {
  return report.partners.filter(isEnded).map((p) => ({ id: p.id, name: p.name, file: p.file, result: p.outcome?.result ?? null }));
}

/** The line under the ranking that says how many ended partnerships it left out; "" for none. */
function leftOutLine(report: Report): string {
  const ended = report.partners.filter(isEnded).length;
  return ended === 0 ? '' : `${ended} ended partnership(s) left out: \`partner-eval backtest\` compares them with how they turned out.`;
}

function portfolioRows(report: Report): PortfolioRow[] {
  const rows = report.partners.filter((p) => !isEnded(p)).map((p) => ({
    rank: 0,
    id: p.id,
    name: p.name,
    file: p.file,
    verdict: p.verdict,
    score: p.score,
    settled: p.range.settled,
    worstScore: p.range.worst.score,
    facts: p.facts,
    skinRatio: p.capital.skinRatio,
    ours: p.capital.ours,
    capitalAtRisk: p.opportunities.reduce((sum, o) => sum + o.capitalAtRisk, 0),
    currency: p.capital.currency,
    openFlags: [...p.findings, ...p.opportunities.flatMap(dealFindings)].filter((f) => f.outcome === 'flagged' && f.severity !== 'green').length,
    daysSinceReview: p.reviewed ? daysBetween(p.reviewed, report.assessedOn) : null,
    deals: p.opportunities.length,
  }));
  // What we can count on ranks first: the verdict, then the score at worst, then on what is known.
  rows.sort((a, b) => compareVerdicts(a.verdict, b.verdict) || b.worstScore - a.worstScore || b.score - a.score || (b.skinRatio ?? -1) - (a.skinRatio ?? -1) || a.name.localeCompare(b.name));
  rows.forEach((row, i) => (row.rank = i + 1));
  return rows;
}

const ratio = (r: number | null) => (r === null ? '—' : r.toFixed(2));
const known = (r: PortfolioRow) => `${r.facts.known}/${r.facts.total} facts`;
/** "CONDITIONAL (unsettled)": a verdict open questions could still change says so. */
const verdictText = (r: PortfolioRow) => (r.settled ? r.verdict : `${r.verdict} (unsettled)`);
const scoreText = (r: PortfolioRow) => (r.facts.known === 0 ? `— (at worst ${r.worstScore})` : r.worstScore === r.score ? String(r.score) : `${r.score} (at worst ${r.worstScore})`);
const days = (d: number | null) => (d === null ? 'never' : `${d} days`);

export function portfolioMarkdown(report: Report): string {
  const rows = portfolioRows(report);
  const leftOut = leftOutLine(report);
  return [
    `## Partner portfolio: ${rows.length} partner(s), as of ${report.assessedOn}`,
    '',
    '| # | partner | verdict | score | known | skin ratio | we put in | at risk in deals | open flags | reviewed |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.rank} | ${forMarkdown(r.name)} | ${verdictText(r)} | ${scoreText(r)} | ${known(r)} | ${ratio(r.skinRatio)} | ${r.ours === null ? '?' : formatMoney(r.ours, r.currency)} | ${formatMoney(r.capitalAtRisk, r.currency)} | ${r.openFlags} | ${days(r.daysSinceReview)} |`),
    ...(leftOut ? ['', leftOut] : []),
    '',
  ].join('\n');
}

export function portfolioJson(report: Report): string {
  return `${JSON.stringify({ reportVersion: 1, tool: report.tool, rubric: report.rubric, assessedOn: report.assessedOn, partners: portfolioRows(report), ended: endedPartners(report), problems: report.problems }, null, 2)}\n`;
}

const NAME_WIDTH = 40;
const NAME_LINES = 3;

/**
 * A name as the table's cell holds it: lines of at most NAME_WIDTH characters, at most NAME_LINES
 * of them, the rest cut with "…" (the markdown and JSON forms hold it whole). Linear in the name:
 * cli-table3 measures a cell once per line it has, so a name it wrapped itself would cost its
 * length squared.
 */
export function nameLines(name: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(' ')) {
    // A word longer than a line is cut into pieces of a line each (whole code points).
    for (const piece of word.length > NAME_WIDTH ? (word.match(new RegExp(`.{1,${NAME_WIDTH}}`, 'gsu')) ?? []) : [word]) {
      if (line && line.length + 1 + piece.length > NAME_WIDTH) {
        lines.push(line);
        line = '';
        if (lines.length === NAME_LINES) return `${lines.join('\n').replace(/.$/su, '')}…`;
      }
      line = line ? `${line} ${piece}` : piece;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export async function portfolioTable(untrusted: Report, color: boolean): Promise<string> {
  // Names, files and the rubric's name come from the repository: terminal-safe before they are drawn.
  const report = mapStrings(untrusted, forTerminal);
  const { Chalk } = await import('chalk');
  const { default: Table } = await import('cli-table3');
  const c = new Chalk({ level: color ? 1 : 0 });
  const paint = (v: Verdict) => (v === 'GO' ? c.green(v) : v === 'CONDITIONAL' ? c.yellow(v) : c.red.bold(v));
  const table = new Table({ head: ['#', 'partner', 'verdict', 'score', 'known', 'skin ratio', 'we put in', 'at risk in deals', 'open flags', 'reviewed'], style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] } });
  const right = (content: string) => ({ content, hAlign: 'right' as const });
  for (const r of portfolioRows(report)) {
    table.push([right(String(r.rank)), `${nameLines(r.name)}\n${c.dim(nameLines(r.file))}`, `${paint(r.verdict)}${r.settled ? '' : `\n${c.yellow('unsettled')}`}`, right(scoreText(r).replace(' (', '\n(')), right(known(r)), right(ratio(r.skinRatio)), right(r.ours === null ? '?' : formatMoney(r.ours, r.currency)), right(formatMoney(r.capitalAtRisk, r.currency)), right(String(r.openFlags)), r.daysSinceReview !== null && r.daysSinceReview > 180 ? c.yellow(days(r.daysSinceReview)) : days(r.daysSinceReview)]);
  }
  const problems = report.problems.length ? `\n${c.red(`${report.summary.invalidFiles} file(s) could not be judged; run \`partner-eval check\` for the details.`)}` : '';
  const leftOut = leftOutLine(report);
  return withoutWorkflowCommands(`${table.toString()}\n${c.dim(`As of ${report.assessedOn}, rubric ${report.rubric.name} v${report.rubric.version}.`)}${leftOut ? `\n${c.dim(leftOut)}` : ''}${problems}\n`);
}
