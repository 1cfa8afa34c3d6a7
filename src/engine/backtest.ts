// Backtesting a rubric against a company's own history: for partnerships whose outcome is known,
// did each rule flag the failures and spare the successes, and did the verdict agree with how they
// turned out? Pure: a report in (judged with --verbose, so every outcome is there), numbers out.
import type { Rubric } from '../rubric/load.js';
import type { Severity } from '../rubric/severity.js';
import { dealFindings, type PartnerReport, type Report } from './report-model.js';
import { VERDICTS, type Verdict } from './score.js';
import type { Finding } from './types.js';

export const RESULTS = ['failure', 'success', 'mixed'] as const;
export type Result = (typeof RESULTS)[number];
/** The verdict rows of the confusion matrix, worst first. */
export const VERDICT_ROWS: readonly Verdict[] = VERDICTS.toReversed();

/** What a rule said of one partnership, its deals included: flagged if any of them flagged it. */
export type RuleSaid = 'flagged' | 'unknown' | 'passed' | 'not-applicable';

export interface RuleCounts {
  flagged: number;
  unknown: number;
  passed: number;
  notApplicable: number;
}

export interface RuleBacktest {
  ruleId: string;
  title: string;
  severity: Severity;
  /** A warning sign foretells failure; a green signal foretells success. */
  foretells: 'failure' | 'success';
  counts: Record<Result, RuleCounts>;
  /** Of the partnerships (success or failure) it flagged, the share that turned out as it foretells. */
  precision: number | null;
  /** Of the partnerships that turned out as it foretells, the share it flagged. */
  recall: number | null;
}

export interface PartnerBacktest {
  id: string;
  name: string;
  file: string;
  result: Result;
  verdict: Verdict;
  score: number;
  /** The warning signs flagged, the relationship's and its deals'. */
  flagged: string[];
  agrees: boolean;
  /** False when open questions could have changed the verdict: the profile left facts out. */
  settled: boolean;
}

export interface Backtest {
  backtestVersion: 1;
  rubric: { name: string; version: number };
  assessedOn: string;
  partners: PartnerBacktest[];
  /** Partners judged but left out: their profile has no `outcome.result`. */
  withoutOutcome: number;
  outcomes: Record<Result, number>;
  verdicts: {
    /** matrix[verdict][result]: how many partnerships of that result got that verdict. */
    matrix: Record<Verdict, Record<Result, number>>;
    /** NO-GO for a failure, CONDITIONAL for a mixed result, GO for a success. */
    agreement: { agreeing: number; of: number; rate: number | null };
    /** Failures the rubric would not have waved through (NO-GO or CONDITIONAL). */
    failuresStopped: { stopped: number; of: number };
    /** Successes the rubric would have turned down (NO-GO): what it would have cost. */
    successesRefused: { refused: number; of: number };
    /** Verdicts open questions could have changed, by how the partnership turned out. */
    unsettled: Record<Result, number>;
  };
  rules: RuleBacktest[];
}

const AGREES: Record<Verdict, Result> = { 'NO-GO': 'failure', CONDITIONAL: 'mixed', GO: 'success' };

function emptyCounts(): RuleCounts {
  return { flagged: 0, unknown: 0, passed: 0, notApplicable: 0 };
}

/** One rule's word on a partnership: flagged (or waived: the sign was there) beats unknown beats passed. */
function ruleSaid(findings: readonly Finding[]): RuleSaid {
  if (findings.some((f) => f.outcome === 'flagged' || f.outcome === 'waived')) return 'flagged';
  if (findings.some((f) => f.outcome === 'unknown')) return 'unknown';
  if (findings.some((f) => f.outcome === 'passed')) return 'passed';
  return 'not-applicable';
}

function findingsByRule(partner: PartnerReport): Map<string, Finding[]> {
  const byRule = new Map<string, Finding[]>();
  for (const f of [...partner.findings, ...partner.opportunities.flatMap(dealFindings)]) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  return byRule;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Compares a report's verdicts and flags with the outcomes its profiles record. */
export function backtest(report: Report, rubric: Rubric): Backtest {
  const judged = report.partners.filter((p): p is PartnerReport & { outcome: { result: Result } } => p.outcome?.result !== undefined);
  const outcomes = { failure: 0, success: 0, mixed: 0 };
  const matrix = Object.fromEntries(VERDICT_ROWS.map((v) => [v, { failure: 0, success: 0, mixed: 0 }])) as Record<Verdict, Record<Result, number>>;
  const said = new Map<string, Map<string, RuleSaid>>();
  const green = new Set(rubric.rules.filter((r) => r.severity === 'green').map((r) => r.id));
  const partners: PartnerBacktest[] = [];
  for (const p of judged) {
    const result = p.outcome.result;
    outcomes[result]++;
    matrix[p.verdict][result]++;
    const byRule = findingsByRule(p);
    const mine = new Map<string, RuleSaid>();
    for (const rule of rubric.rules) if (rule.enabled) mine.set(rule.id, ruleSaid(byRule.get(rule.id) ?? []));
    said.set(p.id, mine);
    const flagged = [...mine].filter(([id, s]) => s === 'flagged' && !green.has(id)).map(([id]) => id);
    partners.push({ id: p.id, name: p.name, file: p.file, result, verdict: p.verdict, score: p.score, flagged, agrees: AGREES[p.verdict] === result, settled: p.range.settled });
  }
  const rules: RuleBacktest[] = rubric.rules.filter((r) => r.enabled).map((rule) => {
    const counts = { failure: emptyCounts(), success: emptyCounts(), mixed: emptyCounts() };
    for (const p of partners) {
      const s = said.get(p.id)!.get(rule.id)!;
      counts[p.result][s === 'not-applicable' ? 'notApplicable' : s]++;
    }
    const foretells = rule.severity === 'green' ? 'success' : 'failure';
    const other = foretells === 'failure' ? 'success' : 'failure';
    const hits = counts[foretells].flagged;
    return {
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      foretells,
      counts,
      precision: ratio(hits, hits + counts[other].flagged),
      recall: ratio(hits, outcomes[foretells]),
    };
  });
  const agreeing = partners.filter((p) => p.agrees).length;
  return {
    backtestVersion: 1,
    rubric: report.rubric,
    assessedOn: report.assessedOn,
    partners,
    withoutOutcome: report.partners.length - judged.length,
    outcomes,
    verdicts: {
      matrix,
      agreement: { agreeing, of: partners.length, rate: ratio(agreeing, partners.length) },
      failuresStopped: { stopped: matrix['NO-GO'].failure + matrix.CONDITIONAL.failure, of: outcomes.failure },
      successesRefused: { refused: matrix['NO-GO'].success, of: outcomes.success },
      unsettled: Object.fromEntries(RESULTS.map((r) => [r, partners.filter((p) => !p.settled && p.result === r).length])) as Record<Result, number>,
    },
    rules,
  };
}
