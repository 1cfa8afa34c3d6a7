// Score and verdict, exactly as docs/rules.md says.
import type { Rubric } from '../rubric/load.js';
import type { Finding } from './types.js';

export type Verdict = 'GO' | 'CONDITIONAL' | 'NO-GO';

const rulePoints = new WeakMap<object, Map<string, number>>();

/** The points, rules and thresholds scoring needs: a compiled rubric, or a reporter's rule list. */
export interface Scoring {
  points: Rubric['points'];
  rules: readonly { id: string; points?: number }[];
  thresholds: Rubric['thresholds'];
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

/**
 * 100 minus the points of counted flags plus green points, within 0–100, and inside the band of
 * the verdict the flags give: a blocker keeps it below `noGo`, a high below `go`, any red flag
 * below 100. Green signals never lift it past those caps, so a score never reads better than its
 * verdict ("NO-GO, 95/100"), and 100 means no red flag counted.
 */
export function scoreOf(findings: readonly Finding[], rubric: Scoring): number {
  let score = 100;
  let cap = 100;
  for (const f of findings) {
    if (f.outcome !== 'flagged') continue;
    if (f.severity === 'green') {
      score += pointsOf(f, rubric);
      continue;
    }
    score -= pointsOf(f, rubric);
    cap = Math.min(cap, f.severity === 'blocker' ? rubric.thresholds.noGo - 1 : f.severity === 'high' ? rubric.thresholds.go - 1 : 99);
  }
  return Math.max(0, Math.min(cap, score));
}

/** The verdict the counted flags and the score give (docs/rules.md); what is unknown is judge()'s. */
export function verdictOf(findings: readonly Finding[], score: number, rubric: Pick<Rubric, 'thresholds'>): Verdict {
  const flagged = (severity: Finding['severity']) => findings.some((f) => f.outcome === 'flagged' && f.severity === severity);
  if (flagged('blocker') || score < rubric.thresholds.noGo) return 'NO-GO';
  if (flagged('high') || score < rubric.thresholds.go) return 'CONDITIONAL';
  return 'GO';
}

/** Severity order for sorting, most severe first. */
export const SEVERITY_RANK: Record<Finding['severity'], number> = { blocker: 0, high: 1, medium: 2, low: 3, green: 4 };
