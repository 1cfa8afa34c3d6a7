// What a change did to the verdicts: each partner and deal touched by changed files, judged before
// (as the files were at a revision) and after, with the rules whose outcome made the difference.
import type { OpportunityReport, Report } from './report-model.js';
import { SEVERITIES, SEVERITY_RANK, type Severity } from '../rubric/severity.js';
import { isWorse, type Verdict } from './score.js';
import type { Finding, Outcome } from './types.js';

export interface RuleChange {
  ruleId: string;
  title: string;
  severity: Finding['severity'];
  from: Outcome | null;
  to: Outcome | null;
  /** The message after the change (or before, for a flag that went away). */
  message?: string;
}

export interface Transition {
  kind: 'partner' | 'opportunity';
  /** `acme`, `acme/university-cluster`, or a direct deal's id. */
  key: string;
  name: string;
  file: string;
  line: number;
  column: number;
  before: Verdict | null;
  after: Verdict | null;
  /**
   * What happened to the verdict; `renamed` is a moved file whose verdict stayed. A moved file
   * whose verdict also moved is `worse` or `better`: `renamedFrom` says it moved.
   */
  change: 'new' | 'deleted' | 'worse' | 'better' | 'renamed' | 'unchanged';
  /** The file's name before, when git saw it renamed (the partner keeps its identity). */
  renamedFrom?: string;
  scoreBefore: number | null;
  scoreAfter: number | null;
  because: RuleChange[];
}

interface Entity {
  kind: Transition['kind'];
  key: string;
  name: string;
  files: string[];
  file: string;
  line: number;
  column: number;
  verdict: Verdict;
  score: number;
  findings: Finding[];
}

function entities(report: Report): Map<string, Entity> {
  const map = new Map<string, Entity>();
  for (const p of report.partners) {
    map.set(p.id, { kind: 'partner', key: p.id, name: p.name, files: [p.file], file: p.file, line: p.line, column: p.column, verdict: p.verdict, score: p.score, findings: p.findings });
    // A deal's verdict counts the relationship too, so its reasons can be the partner's findings.
    for (const o of p.opportunities) map.set(`${p.id}/${o.id}`, deal({ ...o, findings: [...o.findings, ...p.findings] }, `${p.id}/${o.id}`, `${p.name} → ${o.name}`, [o.file, p.file]));
  }
  for (const o of report.opportunities) map.set(o.id, deal(o, o.id, `${o.name} (direct)`, [o.file]));
  return map;
}

function deal(o: OpportunityReport, key: string, name: string, files: string[]): Entity {
  return { kind: 'opportunity', key, name, files, file: o.file, line: o.line, column: o.column, verdict: o.verdict, score: o.score, findings: o.findings };
}

/** A flag's weight: the more severe, the more it counts (blocker 4 … low 1, green 0). */
const WEIGHT = (severity: Severity) => SEVERITIES.length - 1 - SEVERITY_RANK[severity];

/** How much a finding counts against the verdict: a flag by its severity, an open question a little. */
function weight(f: Finding | undefined): number {
  if (!f) return 0;
  if (f.outcome === 'flagged') return f.severity === 'green' ? -0.5 : WEIGHT(f.severity);
  if (f.outcome === 'unknown') return WEIGHT(f.possibleSeverity ?? f.severity) / 8;
  return 0;
}

function ruleChanges(before: Entity | undefined, after: Entity | undefined, direction: 'worse' | 'better'): RuleChange[] {
  const was = new Map((before?.findings ?? []).map((f) => [f.ruleId, f]));
  const now = new Map((after?.findings ?? []).map((f) => [f.ruleId, f]));
  const changes: (RuleChange & { delta: number })[] = [];
  for (const ruleId of new Set([...was.keys(), ...now.keys()])) {
    const a = was.get(ruleId);
    const b = now.get(ruleId);
    const delta = weight(b) - weight(a);
    if (delta === 0 || (direction === 'worse') !== delta > 0) continue;
    const shown = (direction === 'worse' ? b : a) ?? b ?? a!;
    changes.push({ ruleId, title: shown.title, severity: shown.severity, from: a?.outcome ?? null, to: b?.outcome ?? null, ...(shown.message ? { message: shown.message } : shown.question ? { message: shown.question } : {}), delta: Math.abs(delta) });
  }
  return changes.sort((x, y) => y.delta - x.delta).map(({ delta: _delta, ...c }) => c);
}

/** What the rules said of an entity, for telling whether its judgement moved at all: a pass is a pass, whatever its rule's severity. */
function judgement(e: Entity): string {
  const said = (f: Finding) => (f.outcome === 'passed' || f.outcome === 'not-applicable' ? [f.ruleId, f.outcome] : [f.ruleId, f.outcome, f.severity, f.possibleSeverity ?? null]);
  return JSON.stringify([e.verdict, e.score, e.findings.map(said).map((x) => JSON.stringify(x)).sort()]);
}

export interface TransitionOptions {
  /** Files git saw renamed: new name → old name. The before report must name them by their new name. */
  renamedFrom?: ReadonlyMap<string, string>;
  /**
   * The rubric or the config changed: every entity may have moved, so one is also included when
   * its judgement moved (verdict, score or an outcome), whether or not its files changed.
   */
  everyJudgement?: boolean;
}

/**
 * Transitions of the entities whose files (or, for a deal, its partner's file) are in `changedFiles`,
 * and, with `everyJudgement`, of those whose judgement moved. Entities are the same when their key
 * is: a partner's id, which a renamed file keeps when the before report loaded it by its new name.
 */
export function computeTransitions(before: Report, after: Report, changedFiles: ReadonlySet<string>, options: TransitionOptions = {}): Transition[] {
  const was = entities(before);
  const now = entities(after);
  const out: Transition[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const a = was.get(key);
    const b = now.get(key);
    const touched = [...(a?.files ?? []), ...(b?.files ?? [])].some((f) => changedFiles.has(f));
    if (!touched && !(options.everyJudgement && (!a || !b || judgement(a) !== judgement(b)))) continue;
    const shown = (b ?? a)!;
    const renamedFrom = b ? options.renamedFrom?.get(b.file) : undefined;
    const change: Transition['change'] = !a ? 'new' : !b ? 'deleted' : isWorse(b.verdict, a.verdict) ? 'worse' : isWorse(a.verdict, b.verdict) ? 'better' : renamedFrom !== undefined ? 'renamed' : 'unchanged';
    const direction = change === 'better' || change === 'deleted' ? 'better' : 'worse';
    out.push({
      kind: shown.kind,
      key,
      name: shown.name,
      file: shown.file,
      line: shown.line,
      column: shown.column,
      before: a?.verdict ?? null,
      after: b?.verdict ?? null,
      change,
      ...(renamedFrom !== undefined && a ? { renamedFrom } : {}),
      scoreBefore: a?.score ?? null,
      scoreAfter: b?.score ?? null,
      because: change === 'deleted' ? [] : ruleChanges(a, b, direction),
    });
  }
  const ORDER: Record<Transition['change'], number> = { worse: 0, new: 1, better: 2, renamed: 3, deleted: 4, unchanged: 5 };
  return out.sort((x, y) => ORDER[x.change] - ORDER[y.change] || x.key.localeCompare(y.key));
}
