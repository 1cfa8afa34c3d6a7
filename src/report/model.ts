// The one report model every format renders. Its JSON form is the documented, versioned report
// that CI scripts parse (docs/report.md): names here are a contract; add keys, never rename.
import type { OpportunityAssessment, PartnerAssessment } from '../engine/evaluate.js';
import type { Verdict } from '../engine/score.js';
import type { Finding, Outcome } from '../engine/types.js';
import type { DecideOn } from '../rubric/schema.js';
import type { Rubric } from '../rubric/load.js';
import type { Transition } from '../engine/transitions.js';
import type { Problem } from '../util/errors.js';
import { formatMoney } from '../rubric/cel.js';

import { TOOL } from '../util/tool.js';
export { TOOL };

export interface OpportunityReport extends Omit<OpportunityAssessment, 'findings'> {
  findings: Finding[];
}

export interface PartnerReport extends Omit<PartnerAssessment, 'findings' | 'opportunities'> {
  findings: Finding[];
  opportunities: OpportunityReport[];
}

export interface Report {
  reportVersion: 1;
  tool: { name: string; version: string };
  /** `decideOn`: what may hold a GO back while facts are open (docs/rules.md). */
  rubric: { name: string; version: number; decideOn: DecideOn };
  /** The date the assessment was made as of. */
  assessedOn: string;
  partners: PartnerReport[];
  /** Direct deals: opportunities with no partner. */
  opportunities: OpportunityReport[];
  /** Files that could not be judged, and why (`check` goes on past them; `assess` stops). */
  problems: Problem[];
  /** With `check --changed-since`: the revision, the files changed since, and what that did. */
  changedSince?: { revision: string; commit: string; changedFiles: string[] };
  transitions?: Transition[];
  /**
   * Verdict counts are over partners and direct deals; `unsettled` counts those whose verdict open
   * questions could still change. `deals` counts every deal, a partner's and direct ones. Ended
   * partnerships (`ended` of them) and their deals are history: listed, never counted, as they
   * never fail a run.
   */
  summary: { partners: number; opportunities: number; go: number; conditional: number; noGo: number; unsettled: number; deals: VerdictCounts; ended: number; invalidFiles: number };
}

export interface VerdictCounts {
  go: number;
  conditional: number;
  noGo: number;
  unsettled: number;
}

const ALWAYS: ReadonlySet<Outcome> = new Set(['flagged', 'waived', 'unknown']);

/** A finding with its keys in the documented order (what a person reading the JSON sees first). */
const FINDING_KEYS = ['ruleId', 'title', 'outcome', 'severity', 'possibleSeverity', 'scope', 'message', 'mitigation', 'evidence', 'question', 'missing', 'waiver', 'expiredWaiver', 'reason'] as const satisfies readonly (keyof Finding)[];

function ordered(f: Finding): Finding {
  const out: Partial<Record<keyof Finding, unknown>> = {};
  for (const key of FINDING_KEYS) if (f[key] !== undefined) out[key] = f[key];
  return out as Finding;
}

/** Flagged, waived and unknown outcomes always; passed and not-applicable with `verbose`. */
export function visibleFindings(findings: readonly Finding[], verbose: boolean): Finding[] {
  return (verbose ? findings : findings.filter((f) => ALWAYS.has(f.outcome))).map(ordered);
}

export function buildReport(partners: readonly PartnerAssessment[], directDeals: readonly OpportunityAssessment[], rubric: Rubric, options: { verbose: boolean; today: string; problems?: readonly Problem[] }): Report {
  // A deal lists its own findings; the relationship's, which its verdict also counts, are its partner's.
  const opportunity = (o: OpportunityAssessment): OpportunityReport => ({ ...o, findings: visibleFindings(o.findings.filter((f) => f.scope === 'opportunity'), options.verbose) });
  return {
    reportVersion: 1,
    tool: { ...TOOL },
    rubric: { name: rubric.name, version: rubric.version, decideOn: rubric.decideOn },
    assessedOn: options.today,
    partners: partners.map((p) => ({ ...p, findings: visibleFindings(p.findings, options.verbose), opportunities: p.opportunities.map(opportunity) })),
    opportunities: directDeals.map(opportunity),
    problems: [...(options.problems ?? [])],
    summary: summarize(partners, directDeals, options.problems ?? []),
  };
}

type Counted = { verdict: Verdict; range: { settled: boolean } };
type CountedPartner = Counted & Pick<PartnerReport, 'outcome'> & { opportunities: readonly Counted[] };

function countVerdicts(judged: readonly Counted[]): VerdictCounts {
  const count = (v: Verdict) => judged.filter((e) => e.verdict === v).length;
  return { go: count('GO'), conditional: count('CONDITIONAL'), noGo: count('NO-GO'), unsettled: judged.filter((e) => !e.range.settled).length };
}

/** Counts for the summary; verdict counts are over partners and direct deals, `deals` over every deal. */
export function summarize(partners: readonly CountedPartner[], directDeals: readonly Counted[], problems: readonly Problem[]): Report['summary'] {
  const current = partners.filter((p) => !isEnded(p));
  const deals = [...current.flatMap((p) => p.opportunities), ...directDeals];
  return {
    partners: partners.length,
    opportunities: deals.length,
    ...countVerdicts([...current, ...directDeals]),
    deals: countVerdicts(deals),
    ended: partners.length - current.length,
    invalidFiles: new Set(problems.map((p) => p.file)).size,
  };
}

/**
 * "2 partner(s): 1 GO, 1 CONDITIONAL, 0 NO-GO; 3 deal(s): 1 GO, 1 CONDITIONAL, 1 NO-GO; 2 unsettled":
 * partners and deals counted apart, so that the totals explain the exit code.
 */
export function describeTotals(report: Pick<Report, 'partners' | 'summary'>, order: 'best-first' | 'worst-first' = 'best-first'): string {
  const counts = (c: Omit<VerdictCounts, 'unsettled'>) => {
    const parts = [`${c.go} GO`, `${c.conditional} CONDITIONAL`, `${c.noGo} NO-GO`];
    return (order === 'best-first' ? parts : parts.reverse()).join(', ');
  };
  const current = report.partners.filter((p) => !isEnded(p));
  const partners = countVerdicts(current);
  const { deals, ended } = report.summary;
  const dealCount = report.summary.opportunities;
  const unsettled = partners.unsettled + deals.unsettled;
  return [
    `${current.length} partner(s): ${counts(partners)}`,
    ...(dealCount > 0 ? [`${dealCount} deal(s): ${counts(deals)}`] : []),
    ...(unsettled > 0 ? [`${unsettled} unsettled`] : []),
    ...(ended > 0 ? [`${ended} ended partnership(s) left out`] : []),
  ].join('; ');
}

/** The report as a reader without --verbose sees it: no passed or not-applicable outcomes. */
export function withoutQuietOutcomes(report: Report): Report {
  const hide = <T extends { findings: Finding[] }>(e: T): T => ({ ...e, findings: e.findings.filter((f) => ALWAYS.has(f.outcome)) });
  return { ...report, partners: report.partners.map((p) => ({ ...hide(p), opportunities: p.opportunities.map(hide) })), opportunities: report.opportunities.map(hide) };
}

/** A deal's own findings, without the relationship's (which its partner's findings already list). */
export function dealFindings(o: OpportunityReport): Finding[] {
  return o.findings.filter((f) => f.scope === 'opportunity');
}

export type FailOn = 'no-go' | 'conditional' | 'unknown' | 'never';
export const FAIL_ON: readonly FailOn[] = ['no-go', 'conditional', 'unknown', 'never'];

/**
 * "$400,000", or "at least $38,000" while a part of what a deal puts at risk is not known; "not
 * known yet" when none of it is ("at least $0" says nothing a CEO can use).
 */
export function describeAtRisk(o: Pick<OpportunityReport, 'capitalAtRisk' | 'capitalAtRiskComplete' | 'currency'>): string {
  if (o.capitalAtRiskComplete) return formatMoney(o.capitalAtRisk, o.currency);
  return o.capitalAtRisk > 0 ? `at least ${formatMoney(o.capitalAtRisk, o.currency)}` : 'not known yet';
}

/**
 * "this deal asks $100,000 more of us and $0 of them (if we say yes, skin ratio 0.17)": what a deal
 * asks, apart from what has been spent.
 */
export function describeAsk(o: Pick<OpportunityReport, 'asks' | 'skinRatioIfYes' | 'currency' | 'partnerId' | 'capitalAtRisk'>): string {
  const money = (x: number) => formatMoney(x, o.currency);
  // What is at risk beyond the commitments is a system on loan (a try-and-buy).
  const loaned = o.capitalAtRisk - (o.asks?.ours ?? 0);
  const loan = loaned > 0 ? `a ${money(loaned)} system on loan` : '';
  if (!o.asks) return `what it asks of each side upfront is not known yet${loan ? `, besides ${loan}` : ''}`;
  if (o.asks.ours === 0 && o.asks.theirs === 0) return loan ? `this deal asks for ${loan}, and no upfront money of either side` : 'this deal asks no upfront money of either side';
  const them = o.partnerId === null ? '' : ` and ${money(o.asks.theirs)} of them`;
  const ratio = o.skinRatioIfYes === null ? '' : ` (if we say yes, skin ratio ${o.skinRatioIfYes.toFixed(2)})`;
  return `this deal asks ${money(o.asks.ours)} more of us${them}${loan ? `, and ${loan}` : ''}${ratio}`;
}

/**
 * The score as a cell shows it, and the span its open questions leave ("40–100"; "" when none
 * could move it): "—" while nothing is known, since a score of nothing is no score.
 */
export function scoreAndSpan(e: Pick<PartnerReport, 'score' | 'range' | 'openQuestions' | 'facts'>): { score: string; span: string } {
  if (e.openQuestions.length === 0) return { score: String(e.score), span: '' };
  const { worst, best } = e.range;
  return { score: e.facts.known === 0 ? '—' : String(e.score), span: worst.score === best.score ? '' : `${worst.score}–${best.score}` };
}

/** An ended partnership (`outcome.status: ended`): history, kept for backtest. */
export function isEnded(partner: Pick<PartnerReport, 'outcome'>): boolean {
  return partner.outcome?.status === 'ended';
}

/** " · ended 2025-03-15 (judged as of then): failure" after an ended partnership's name; "" otherwise. */
export function endedNote(partner: Pick<PartnerReport, 'outcome'>): string {
  const o = partner.outcome;
  if (!o || !isEnded(partner)) return '';
  return ` · ended${o.ended ? ` ${o.ended} (judged as of then)` : ''}${o.result ? `: ${o.result}` : ''}`;
}

/**
 * Whether the report reaches `--fail-on`: `no-go` fails on any NO-GO verdict, `conditional` also
 * on CONDITIONAL, `unknown` also on any verdict that open questions could still change.
 */
export function reachesFailOn(report: Report, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  // An ended partnership is history (kept for backtest): reported, never a reason to fail a run.
  const current = report.partners.filter((p) => !isEnded(p));
  const all = [...current.flatMap((p) => [p, ...p.opportunities]), ...report.opportunities];
  if (all.some((e) => e.verdict === 'NO-GO')) return true;
  if (failOn === 'no-go') return false;
  if (all.some((e) => e.verdict === 'CONDITIONAL')) return true;
  if (failOn === 'conditional') return false;
  return all.some((e) => !e.range.settled);
}
