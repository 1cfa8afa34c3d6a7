// How the report model reads in words, shared by the formats: totals, what a deal asks and puts
// at risk, a score and its span, an ended partnership, a change of verdict.
import { countVerdicts, isEnded, type OpportunityReport, type PartnerReport, type Report, type VerdictCounts } from '../engine/report-model.js';
import type { Transition } from '../engine/transitions.js';
import { formatMoney } from '../util/money.js';

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

/** " · ended 2025-03-15 (judged as of then): failure" after an ended partnership's name; "" otherwise. */
export function endedNote(partner: Pick<PartnerReport, 'outcome'>): string {
  const o = partner.outcome;
  if (!o || !isEnded(partner)) return '';
  return ` · ended${o.ended ? ` ${o.ended} (judged as of then)` : ''}${o.result ? `: ${o.result}` : ''}`;
}

/**
 * "acme: GO → NO-GO, because no-skin-in-the-game (blocker) is flagged: We have put …"; a moved
 * file says so: "acme: renamed from profiles/old.yaml, GO" or "acme: GO → NO-GO (renamed from …), because …".
 */
export function describeTransition(t: Transition): string {
  const moved = t.renamedFrom !== undefined && t.change !== 'renamed' ? ` (renamed from ${t.renamedFrom})` : '';
  const verdicts = t.change === 'new' ? `new, ${t.after}` : t.change === 'deleted' ? `${t.before} → deleted` : t.change === 'unchanged' ? `${t.after}, unchanged` : t.change === 'renamed' ? `renamed from ${t.renamedFrom}, ${t.after}` : `${t.before} → ${t.after}${moved}`;
  const first = t.because[0];
  // A new partner at GO needs no reason; one that arrives CONDITIONAL or NO-GO does.
  if (!first || t.change === 'unchanged' || t.change === 'renamed' || (t.change === 'new' && t.after === 'GO')) return `${t.name}: ${verdicts}`;
  const state = first.to === 'flagged' ? 'is flagged' : first.to === 'unknown' ? 'is unknown' : first.from === 'flagged' ? `no longer flags (${first.to ?? 'gone'})` : `is ${first.to ?? 'gone'}`;
  const more = t.because.length > 1 ? ` (and ${t.because.length - 1} more rule change${t.because.length > 2 ? 's' : ''})` : '';
  return `${t.name}: ${verdicts}, because ${first.ruleId} (${first.severity}) ${state}${first.message && (first.to === 'flagged' || first.to === 'unknown') ? `: ${first.message}` : ''}${more}`;
}
