// GitHub Actions workflow commands: one annotation per red flag, on the line of its evidence.
// GitHub shows at most 10 annotations of each level per step (src/report/limits.ts), so the most
// severe come first, the rest are counted in a notice that is itself one of the 10 notices shown,
// and the markdown report goes to the job summary (src/commands/emit.ts), which says where it is.
import type { Finding } from '../engine/types.js';
import { SEVERITY_RANK, type Severity } from '../rubric/severity.js';
import { formatProblem } from '../util/errors.js';
import { visibleButLineBreaks } from '../util/escape.js';
import { describeTransition } from './wording.js';
import type { RenderOptions } from './index.js';
import { ANNOTATIONS_PER_LEVEL } from './limits.js';
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

/** Where a reader finds the findings the annotations leave out: what the job summary holds, else another format. */
function whereTheRestAre(stepSummary: RenderOptions['stepSummary']): string {
  const all = 'the same command with `--format json --output report.json` writes all of them';
  if (stepSummary === 'whole') return 'the job summary lists them all';
  if (stepSummary === 'folded') return `the job summary lists the worst of them, and ${all}`;
  return all;
}

export function renderGithub(report: Report, options: RenderOptions): string {
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

  // The notice that counts the rest is one of the notices GitHub shows: it takes a notice's place.
  const total = (level: Level) => annotations.filter((a) => a.level === level).length;
  const overflows = total('error') > ANNOTATIONS_PER_LEVEL || total('warning') > ANNOTATIONS_PER_LEVEL || total('notice') > ANNOTATIONS_PER_LEVEL;
  const room: Record<Level, number> = { error: ANNOTATIONS_PER_LEVEL, warning: ANNOTATIONS_PER_LEVEL, notice: overflows ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL };
  const lines: string[] = [];
  let hidden = 0;
  for (const a of annotations) {
    if (room[a.level] === 0) {
      hidden++;
      continue;
    }
    room[a.level]--;
    lines.push(command({ ...a, title: a.title(), message: a.message() }));
  }
  if (hidden > 0) lines.push(`::notice title=partner-eval::${escapeData(`${hidden} more finding(s) are not shown as annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} of each level per step); ${whereTheRestAre(options.stepSummary)}.`)}`);
  const { summary } = report;
  lines.push(`partner-eval: ${describeTotals(report, 'worst-first')}; ${summary.invalidFiles} invalid file(s).`);
  return `${lines.join('\n')}\n`;
}
