// Computes the derived numbers rules read as `metrics.*` (their vocabulary: format/metrics.ts).
// Each declares the fields it comes from, so an unknown metric turns into a question about those
// fields, and its evidence points at them.
import type { MetricName, Metrics } from '../format/metrics.js';
import { opportunityKind, type Opportunity, type Partner } from '../format/schema.js';

const DAY_MS = 86_400_000;

/** Whole days from an ISO date to `today` (negative for a future date). */
export function daysBetween(isoDate: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${isoDate}T00:00:00Z`)) / DAY_MS);
}

const HARD_KINDS = new Set(['capital', 'lab-hardware', 'engineering']);
const PARTNER_SPECIFIC_KINDS = new Set(['lab-hardware', 'loaner', 'engineering']);

const sum = (entries: readonly { amount: number }[]): number => entries.reduce((total, e) => total + e.amount, 0);

/**
 * Facts a metric needs that an entry of a list leaves out (`partner.investments[2].partnerSpecific`):
 * until they are known the metric is unknown, and its questions are about those entries.
 */
export type MetricGaps = Partial<Record<MetricName, { paths: string[]; low: number; high: number }>>;

/**
 * Partner-scope metrics: the relationship is judged on what has been spent (the ledger), never on
 * what a deal under consideration asks; deal rules judge that. An absent ledger leaves the money
 * metrics unknown; an entry that leaves out a fact a metric needs leaves that metric unknown.
 */
export function partnerMetrics(partner: Partner, today: string): { metrics: Metrics; gaps: MetricGaps } {
  const metrics: Metrics = {};
  const gaps: MetricGaps = {};
  // `low` counts what is known; `high` adds every entry whose fact is open.
  const gap = (metric: MetricName, paths: string[], high: number) => {
    if (paths.length > 0) gaps[metric] = { paths, low: metrics[metric]!, high };
  };
  const ledger = partner.investments;
  if (ledger) {
    metrics.ours = sum(ledger.filter((e) => e.by === 'us'));
    metrics.theirs = sum(ledger.filter((e) => e.by === 'partner'));
    if (metrics.ours > 0) metrics.skinRatio = metrics.theirs / metrics.ours;
    const ourHardware = ledger.map((e, i) => ({ e, i })).filter(({ e }) => e.by === 'us' && PARTNER_SPECIFIC_KINDS.has(e.kind));
    metrics.ourPartnerSpecificSpend = sum(ourHardware.filter(({ e }) => e.partnerSpecific === true).map(({ e }) => e));
    const open = ourHardware.filter(({ e }) => e.partnerSpecific === undefined);
    gap('ourPartnerSpecificSpend', open.map(({ i }) => `partner.investments[${i}].partnerSpecific`), metrics.ourPartnerSpecificSpend + sum(open.map(({ e }) => e)));
    metrics.theirHardInvestment = sum(ledger.filter((e) => e.by === 'partner' && HARD_KINDS.has(e.kind)));
    metrics.absorbedLosses = sum(ledger.filter((e) => e.by === 'us' && e.kind === 'absorbed-loss'));
  }
  // Counts over a window of months, as rates per year: six months of history counts for what it is.
  const window = partner.value?.windowMonths ?? 12;
  if (partner.value?.referralsToUs !== undefined) metrics.referralsToUsPerYear = (partner.value.referralsToUs * 12) / window;
  if (partner.value?.referralsFromUs !== undefined) metrics.referralsFromUsPerYear = (partner.value.referralsFromUs * 12) / window;
  if (partner.reviewed) metrics.daysSinceReview = daysBetween(partner.reviewed, today);
  if (partner.since) metrics.daysSinceStart = daysBetween(partner.since, today);
  const escalations = partner.conduct?.escalations;
  if (escalations) {
    const open = escalations.map((e, i) => ({ e, i, days: daysBetween(e.raised, today) })).filter(({ e }) => e.resolved !== true);
    // Whether an old problem was solved is a fact like any other: not recorded, it is a question.
    for (const [metric, days] of [['escalationsUnresolvedOver30', 30], ['escalationsUnresolvedOver60', 60]] as const) {
      metrics[metric] = open.filter(({ e, days: d }) => e.resolved === false && d > days).length;
      const unsaid = open.filter(({ e, days: d }) => e.resolved === undefined && d > days);
      gap(metric, unsaid.map(({ i }) => `partner.conduct.escalations[${i}].resolved`), metrics[metric] + unsaid.length);
    }
    metrics.escalationsDismissed = escalations.filter((e) => e.response === 'dismissive').length;
    const unanswered = escalations.flatMap((e, i) => (e.response === undefined ? [`partner.conduct.escalations[${i}].response`] : []));
    gap('escalationsDismissed', unanswered, metrics.escalationsDismissed + unanswered.length);
  }
  for (const name of Object.keys(gaps) as MetricName[]) delete metrics[name];
  return { metrics, gaps };
}

/**
 * Opportunity-scope metrics, added to its partner's; `atRiskComplete` is false while a part of
 * what the deal puts at risk is not known (its commitments, or the value of a loan asked for).
 */
export function opportunityMetrics(opportunity: Opportunity): { metrics: Metrics; gaps: MetricGaps; atRiskComplete: boolean } {
  const metrics: Metrics = {};
  const gaps: MetricGaps = {};
  const { commitments } = opportunity;
  if (commitments) {
    // One pass: this runs for every deal of every profile `check` reads.
    let ours = 0, theirs = 0, specific = 0, unsaid = 0;
    const open: string[] = [];
    commitments.forEach((c, i) => {
      if (c.by === 'partner') return void (theirs += c.amount);
      ours += c.amount;
      if (c.partnerSpecific === true) specific += c.amount;
      else if (c.partnerSpecific === undefined) {
        unsaid += c.amount;
        open.push(`opportunity.commitments[${i}].partnerSpecific`);
      }
    });
    metrics.dealOurs = ours;
    metrics.dealTheirs = theirs;
    if (opportunity.value !== undefined && opportunity.value > 0) metrics.upfrontShareOfValue = ours / opportunity.value;
    if (open.length > 0) gaps.dealOurPartnerSpecific = { paths: open, low: specific, high: specific + unsaid };
    else metrics.dealOurPartnerSpecific = specific;
  }
  const tryAndBuy = opportunity.ask?.tryAndBuy;
  const loanValue = tryAndBuy ? (tryAndBuy.systemValue ?? 0) : 0;
  // What we know is at risk: reports say "at least" while a part of it is not known.
  metrics.capitalAtRisk = (metrics.dealOurs ?? 0) + loanValue;
  // A loan to a customer is asked about on customer deals only.
  const loanKnown = opportunityKind(opportunity) !== 'customer-deal' || tryAndBuy === false || (tryAndBuy !== undefined && tryAndBuy.systemValue !== undefined);
  const atRiskComplete = commitments !== undefined && loanKnown;
  return { metrics, gaps, atRiskComplete };
}
