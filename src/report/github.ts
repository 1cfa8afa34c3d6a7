// GitHub Actions workflow commands: one annotation per red flag, on the line of its evidence.
// GitHub shows at most 10 error and 10 warning annotations per step, so the most severe come
// first, the rest are counted in a notice, and the full report goes to the job summary
// (src/commands/check.ts appends the markdown report to $GITHUB_STEP_SUMMARY).
import type { Finding } from '../engine/types.js';
import { SEVERITY_RANK, type Severity } from '../rubric/severity.js';
import { formatProblem } from '../util/errors.js';
import { visibleButLineBreaks } from '../util/escape.js';
import { describeTransition } from './wording.js';
import type { RenderOptions } from './index.js';
import { dealFindings, type OpportunityReport, type Report } from '../engine/report-model.js';
import { describeTotals } from './wording.js';
import { describeRange, describeUnsettled } from '../engine/judgement.js';

/**
 * GitHub's escaping for a command's message (docs: "workflow commands", toolkit's command.ts). The
 * log and annotations render terminal colours too, so every other acting character (ESC, BEL,
 * bidi overrides) is made visible; line breaks stay line breaks of the annotation.
 */
export function escapeData(text: string): string {
  return visibleButLineBreaks(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** … and for a property value, where `:` and `,` separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Level = 'error' | 'warning' | 'notice';
const SHOWN_PER_LEVEL = 10;

interface Annotation {
  level: Level;
  rank: number;
  file: string;
  line: number;
  column: number;
  /** Worded only for the annotations shown: a repository of thousands has thousands more. */
  title: () => string;
  message: () => string;
}

const LEVEL: Record<Severity, Level> = { blocker: 'error', high: 'error', medium: 'warning', low: 'notice', green: 'notice' };
/** Annotations in this order, so that GitHub's 10 per level are the most severe: transitions, invalid profiles, then flags by severity. */
const RANK = (severity: Severity) => 1 + SEVERITY_RANK[severity];

export function command(a: Pick<Annotation, 'level' | 'file' | 'line' | 'column'> & { title: string; message: string }): string {
  return `::${a.level} file=${escapeProperty(a.file)},line=${a.line},col=${a.column},title=${escapeProperty(a.title)}::${escapeData(a.message)}`;
}

export function renderGithub(report: Report, _options: RenderOptions): string {
  const annotations: Annotation[] = [];
  for (const p of report.problems) {
    annotations.push({ level: 'error', rank: 0, file: p.file, line: p.line, column: p.column, title: () => 'partner-eval: invalid profile', message: () => formatProblem({ ...p, file: '', line: 0, column: 0 }).replace(/^:0:0 /, '') });
  }
  type Entity = Pick<OpportunityReport, 'name' | 'verdict' | 'file' | 'line' | 'column' | 'range' | 'openQuestions' | 'score'>;
  const add = (entity: Entity, findings: readonly Finding[]) => {
    // An unsettled verdict: one warning at the partner or deal, naming the questions that decide it.
    if (!entity.range.settled) {
      const deciding = () => entity.openQuestions.filter((q) => q.decidesVerdict);
      annotations.push({
        level: 'warning',
        rank: RANK('high'),
        file: entity.file,
        line: entity.line,
        column: entity.column,
        title: () => `${entity.name}: ${entity.verdict}, ${describeUnsettled(entity.range)}; ${deciding().length === 1 ? '1 fact decides' : `${deciding().length} facts decide`} it`,
        message: () => [`Score ${describeRange(entity)}.`, ...deciding().map((q) => `Find out: ${q.question}`)].join('\n'),
      });
    }
    for (const f of findings) {
      const where = f.evidence[0] ?? entity;
      if (f.outcome === 'flagged' && f.severity !== 'green') {
        annotations.push({
          level: LEVEL[f.severity],
          rank: RANK(f.severity),
          file: where.file,
          line: where.line,
          column: where.column,
          title: () => `${entity.verdict} ${entity.name}: ${f.title} (${f.ruleId}, ${f.severity})`,
          message: () => [f.message, f.expiredWaiver ? `The waiver expired on ${f.expiredWaiver.expires}.` : '', f.mitigation ? `Ask instead: ${f.mitigation}` : ''].filter(Boolean).join('\n'),
        });
      }
    }
  };
  for (const p of report.partners) {
    add(p, p.findings);
    for (const o of p.opportunities) add({ ...o, name: `${p.name} → ${o.name}` }, dealFindings(o));
  }
  for (const o of report.opportunities) add(o, o.findings);
  for (const t of report.transitions ?? []) {
    if (t.change === 'unchanged' || t.change === 'deleted' || t.change === 'renamed') continue;
    const level: Level = t.change === 'worse' ? (t.after === 'NO-GO' ? 'error' : 'warning') : 'notice';
    annotations.push({ level, rank: -1, file: t.file, line: t.line, column: t.column, title: () => `partner-eval: ${t.name} ${t.before ?? 'new'} → ${t.after}`, message: () => describeTransition(t) });
  }
  annotations.sort((a, b) => a.rank - b.rank);

  const shown = new Map<Level, number>();
  const lines: string[] = [];
  let hidden = 0;
  for (const a of annotations) {
    const count = shown.get(a.level) ?? 0;
    if (count >= SHOWN_PER_LEVEL) {
      hidden++;
      continue;
    }
    shown.set(a.level, count + 1);
    lines.push(command({ ...a, title: a.title(), message: a.message() }));
  }
  if (hidden > 0) lines.push(`::notice title=partner-eval::${escapeData(`${hidden} more finding(s) are not shown as annotations (GitHub shows 10 per level); the job summary has them all.`)}`);
  const { summary } = report;
  lines.push(`partner-eval: ${describeTotals(report, 'worst-first')}; ${summary.invalidFiles} invalid file(s).`);
  return `${lines.join('\n')}\n`;
}
