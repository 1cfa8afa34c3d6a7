// Score and verdict, exactly as docs/rules.md says.
import type { Rubric } from '../rubric/load.js';
import type { Finding } from './types.js';

/** The verdicts, best first, as docs/rules.md lists them. */
export const VERDICTS = ['GO', 'CONDITIONAL', 'NO-GO'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Position in VERDICTS: the higher, the worse. */
const VERDICT_RANK = Object.fromEntries(VERDICTS.map((v, i) => [v, i])) as Readonly<Record<Verdict, number>>;

/** Whether verdict `a` is worse than `b` (NO-GO is worse than CONDITIONAL, which is worse than GO). */
export function isWorse(a: Verdict, b: Verdict): boolean {
  return VERDICT_RANK[a] > VERDICT_RANK[b];
}

/** For sorting, best first (GO, CONDITIONAL, NO-GO); swap the arguments for worst first. */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return VERDICT_RANK[a] - VERDICT_RANK[b];
}

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

/** How a score is reached: points taken and added, the sum, the cap its flags set, and the score. */
export interface ScoreBreakdown {
  taken: number;
  added: number;
  /** 100 − taken + added, before any cap or floor. */
  raw: number;
  /** The most the flags allow, and which flag sets it: a blocker below `noGo`, a high below `go`, any red flag below 100. */
  cap: { at: number; by: 'blocker' | 'high' | 'red flag' } | undefined;
  score: number;
}

/**
 * 100 minus the points of counted flags plus green points, within 0–100, and inside the band of
 * the verdict the flags give. Green signals never lift it past the cap, so a score never reads
 * better than its verdict ("NO-GO, 95/100"), and 100 means no red flag counted.
 */
export function scoreBreakdown(findings: readonly Finding[], rubric: Scoring): ScoreBreakdown {
  let taken = 0;
  let added = 0;
  let cap: ScoreBreakdown['cap'];
  for (const f of findings) {
    if (f.outcome !== 'flagged') continue;
    if (f.severity === 'green') {
      added += pointsOf(f, rubric);
      continue;
    }
    taken += pointsOf(f, rubric);
    const at = f.severity === 'blocker' ? rubric.thresholds.noGo - 1 : f.severity === 'high' ? rubric.thresholds.go - 1 : 99;
    if (!cap || at < cap.at) cap = { at, by: f.severity === 'blocker' || f.severity === 'high' ? f.severity : 'red flag' };
  }
  const raw = 100 - taken + added;
  return { taken, added, raw, cap, score: Math.max(0, Math.min(cap?.at ?? 100, raw)) };
}

export function scoreOf(findings: readonly Finding[], rubric: Scoring): number {
  return scoreBreakdown(findings, rubric).score;
}

/** The verdict the counted flags and the score give (docs/rules.md); what is unknown is judge()'s. */
export function verdictOf(findings: readonly Finding[], score: number, rubric: Pick<Rubric, 'thresholds'>): Verdict {
  const flagged = (severity: Finding['severity']) => findings.some((f) => f.outcome === 'flagged' && f.severity === severity);
  if (flagged('blocker') || score < rubric.thresholds.noGo) return 'NO-GO';
  if (flagged('high') || score < rubric.thresholds.go) return 'CONDITIONAL';
  return 'GO';
}
