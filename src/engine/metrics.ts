// Derived numbers that rules read as `metrics.*`. Each declares the fields it comes from, so an
// unknown metric turns into a question about those fields, and its evidence points at them.
import type { Opportunity, Partner } from '../format/schema.js';

export interface MetricDefinition {
  type: 'double' | 'int';
  scope: 'partner' | 'opportunity';
  meaning: string;
  /** Format paths it is computed from. */
  sources: string[];
}

export const METRICS = {
  ours: { type: 'double', scope: 'partner', meaning: 'What we have spent on the partnership: our entries in the investment ledger (not what its deals ask of us).', sources: ['partner.investments'] },
  theirs: { type: 'double', scope: 'partner', meaning: "What the partner has spent on it: its entries in the investment ledger.", sources: ['partner.investments'] },
  skinRatio: { type: 'double', scope: 'partner', meaning: "Partner's total divided by ours (absent when we have put in nothing).", sources: ['partner.investments'] },
  ourPartnerSpecificSpend: { type: 'double', scope: 'partner', meaning: "Our lab hardware, loaners and engineering that only serve this partner.", sources: ['partner.investments'] },
  theirHardInvestment: { type: 'double', scope: 'partner', meaning: "The partner's capital, lab hardware and engineering.", sources: ['partner.investments'] },
  absorbedLosses: { type: 'double', scope: 'partner', meaning: "Money we lost covering the partner's mistakes.", sources: ['partner.investments'] },
  daysSinceReview: { type: 'int', scope: 'partner', meaning: 'Days since the profile was last reviewed.', sources: ['partner.reviewed'] },
  daysSinceStart: { type: 'int', scope: 'partner', meaning: 'Days since the partnership started.', sources: ['partner.since'] },
  escalationsUnresolvedOver30: { type: 'int', scope: 'partner', meaning: 'Escalations raised more than 30 days ago and not resolved.', sources: ['partner.conduct.escalations'] },
  escalationsUnresolvedOver60: { type: 'int', scope: 'partner', meaning: 'Escalations raised more than 60 days ago and not resolved.', sources: ['partner.conduct.escalations'] },
  escalationsDismissed: { type: 'int', scope: 'partner', meaning: 'Escalations the partner answered dismissively.', sources: ['partner.conduct.escalations'] },
  dealOurs: { type: 'double', scope: 'opportunity', meaning: 'Our upfront commitments to this deal.', sources: ['opportunity.commitments'] },
  dealTheirs: { type: 'double', scope: 'opportunity', meaning: "The partner's upfront commitments to this deal.", sources: ['opportunity.commitments'] },
  capitalAtRisk: { type: 'double', scope: 'opportunity', meaning: 'What this deal puts at risk: our commitments plus, for a try-and-buy, the system value.', sources: ['opportunity.commitments', 'opportunity.ask.tryAndBuy.systemValue'] },
  upfrontShareOfValue: { type: 'double', scope: 'opportunity', meaning: 'Our upfront commitments as a share (0–1) of the deal value.', sources: ['opportunity.commitments', 'opportunity.value'] },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
export type Metrics = Partial<Record<MetricName, number>>;

const DAY_MS = 86_400_000;

/** Whole days from an ISO date to `today` (negative for a future date). */
export function daysBetween(isoDate: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${isoDate}T00:00:00Z`)) / DAY_MS);
}

const HARD_KINDS = new Set(['capital', 'lab-hardware', 'engineering']);
const PARTNER_SPECIFIC_KINDS = new Set(['lab-hardware', 'loaner', 'engineering']);

const sum = (entries: readonly { amount: number }[]): number => entries.reduce((total, e) => total + e.amount, 0);

/**
 * Partner-scope metrics: the relationship is judged on what has been spent (the ledger), never on
 * what a deal under consideration asks; deal rules judge that. An absent ledger leaves the money
 * metrics unknown.
 */
export function partnerMetrics(partner: Partner, today: string): Metrics {
  const metrics: Metrics = {};
  const ledger = partner.investments;
  if (ledger) {
    metrics.ours = sum(ledger.filter((e) => e.by === 'us'));
    metrics.theirs = sum(ledger.filter((e) => e.by === 'partner'));
    if (metrics.ours > 0) metrics.skinRatio = metrics.theirs / metrics.ours;
    metrics.ourPartnerSpecificSpend = sum(ledger.filter((e) => e.by === 'us' && e.partnerSpecific === true && PARTNER_SPECIFIC_KINDS.has(e.kind)));
    metrics.theirHardInvestment = sum(ledger.filter((e) => e.by === 'partner' && HARD_KINDS.has(e.kind)));
    metrics.absorbedLosses = sum(ledger.filter((e) => e.by === 'us' && e.kind === 'absorbed-loss'));
  }
  if (partner.reviewed) metrics.daysSinceReview = daysBetween(partner.reviewed, today);
  if (partner.since) metrics.daysSinceStart = daysBetween(partner.since, today);
  const escalations = partner.conduct?.escalations;
  if (escalations) {
    // An escalation not marked resolved is treated as open: a missing fact is never "fine".
    const openFor = escalations.filter((e) => e.resolved !== true).map((e) => daysBetween(e.raised, today));
    metrics.escalationsUnresolvedOver30 = openFor.filter((d) => d > 30).length;
    metrics.escalationsUnresolvedOver60 = openFor.filter((d) => d > 60).length;
    metrics.escalationsDismissed = escalations.filter((e) => e.response === 'dismissive').length;
  }
  return metrics;
}

/** Opportunity-scope metrics, added to its partner's. */
export function opportunityMetrics(opportunity: Opportunity): Metrics {
  const metrics: Metrics = {};
  const { commitments } = opportunity;
  if (commitments) {
    metrics.dealOurs = sum(commitments.filter((c) => c.by === 'us'));
    metrics.dealTheirs = sum(commitments.filter((c) => c.by === 'partner'));
    if (opportunity.value !== undefined && opportunity.value > 0) metrics.upfrontShareOfValue = metrics.dealOurs / opportunity.value;
  }
  const tryAndBuy = opportunity.ask?.tryAndBuy;
  const loanValue = tryAndBuy ? (tryAndBuy.systemValue ?? 0) : 0;
  // What we know is at risk; absent commitments count as none here and are asked about by rules.
  metrics.capitalAtRisk = (metrics.dealOurs ?? 0) + loanValue;
  return metrics;
}
