// Score and verdict, exactly as docs/rules.md says.
import type { Rubric } from '../rubric/load.js';
import type { Finding } from './types.js';

export type Verdict = 'GO' | 'CONDITIONAL' | 'NO-GO';

const rulePoints = new WeakMap<object, Map<string, number>>();

/** The points and rules scoring needs: a compiled rubric, or a reporter's rule list. */
export interface Scoring {
  points: Rubric['points'];
  rules: readonly { id: string; points?: number }[];
}

/** What a flag of this rule counts: the rule's own `points`, else its severity's. */
export function pointsOf(finding: Pick<Finding, 'ruleId' | 'severity'>, rubric: Scoring): number {
  let custom = rulePoints.get(rubric.rules);
  if (!custom) {
    custom = new Map(rubric.rules.filter((r) => r.points !== undefined).map((r) => [r.id, r.points!]));
    rulePoints.set(rubric.rules, custom);
  }
  return custom.get(finding.ruleId) ?? rubric.points[finding.severity];
}

/** 100 minus the points of counted flags plus green points, within 0–100. */
export function scoreOf(findings: readonly Finding[], rubric: Scoring): number {
  let score = 100;
  for (const f of findings) {
    if (f.outcome !== 'flagged') continue;
    score += f.severity === 'green' ? pointsOf(f, rubric) : -pointsOf(f, rubric);
  }
  return Math.max(0, Math.min(100, score));
}

export function verdictOf(findings: readonly Finding[], score: number, rubric: Pick<Rubric, 'thresholds'>): Verdict {
  const flagged = (severity: Finding['severity']) => findings.some((f) => f.outcome === 'flagged' && f.severity === severity);
  if (flagged('blocker') || score < rubric.thresholds.noGo) return 'NO-GO';
  const unknownBlocker = findings.some((f) => f.outcome === 'unknown' && f.severity === 'blocker');
  if (flagged('high') || unknownBlocker || score < rubric.thresholds.go) return 'CONDITIONAL';
  return 'GO';
}

/** What must change for a better verdict: mitigations of counted flags, questions of unknown blockers. */
export function conditionsOf(findings: readonly Finding[]): string[] {
  const conditions: string[] = [];
  for (const f of findings) {
    if (f.outcome === 'flagged' && f.severity !== 'green' && f.mitigation) conditions.push(f.mitigation);
    if (f.outcome === 'unknown' && f.severity === 'blocker' && f.question) conditions.push(`Answer: ${f.question}`);
  }
  return [...new Set(conditions)];
}

/** Severity order for sorting, most severe first. */
export const SEVERITY_RANK: Record<Finding['severity'], number> = { blocker: 0, high: 1, medium: 2, low: 3, green: 4 };
