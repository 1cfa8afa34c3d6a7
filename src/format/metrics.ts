// The metric vocabulary: the derived numbers rules read as `metrics.*`, with their types and the
// fields each comes from. It sits in the format layer, beside the fields, because rubrics are
// checked against it (rubric/cel.ts) and questions are asked about its sources; the engine
// computes the values (engine/metrics.ts).

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
  dealOurPartnerSpecific: { type: 'double', scope: 'opportunity', meaning: "Our commitments to this deal that only serve this partner's configuration or customers.", sources: ['opportunity.commitments'] },
  referralsToUsPerYear: { type: 'double', scope: 'partner', meaning: 'Opportunities the partner sent us, per 12 months of the window (value.windowMonths, 12 when not said).', sources: ['partner.value.referralsToUs'] },
  referralsFromUsPerYear: { type: 'double', scope: 'partner', meaning: 'Opportunities we sent the partner, per 12 months of the window.', sources: ['partner.value.referralsFromUs'] },
  upfrontShareOfValue: { type: 'double', scope: 'opportunity', meaning: 'Our upfront commitments as a share (0–1) of the deal value.', sources: ['opportunity.commitments', 'opportunity.value'] },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
export type Metrics = Partial<Record<MetricName, number>>;
