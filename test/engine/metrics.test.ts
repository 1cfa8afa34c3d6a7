// The metrics rules read as `metrics.*`, as docs/rubrics.md ("Metrics") describes them: what each
// counts from the profile, when it is absent, and the entries whose open facts leave it a range.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { daysBetween, opportunityMetrics, partnerMetrics } from '../../src/engine/metrics.js';
import { METRICS } from '../../src/format/metrics.js';
import type { Opportunity, Partner } from '../../src/format/schema.js';
import { TODAY } from '../helpers/assess.js';

const partner = (facts: Partial<Partner>) => partnerMetrics({ name: 'P', ...facts }, TODAY);
const deal = (facts: Partial<Opportunity>) => opportunityMetrics({ name: 'D', ...facts });
type Entry = NonNullable<Partner['investments']>[number];
const entry = (by: Entry['by'], kind: Entry['kind'], amount: number, extra: Partial<Entry> = {}): Entry => ({ by, kind, amount, ...extra });

describe('docs/rubrics.md', () => {
  it('lists every metric with its CEL type, scope and meaning', () => {
    const doc = readFileSync(new URL('../../docs/rubrics.md', import.meta.url), 'utf8');
    const rows = Object.fromEntries([...doc.matchAll(/^\| `metrics\.([A-Za-z0-9]+)` \| (\w+) \| (\w+) \| (.+) \|$/gm)].map((m) => [m[1]!, { type: m[2], scope: m[3], meaning: m[4] }]));
    for (const [name, def] of Object.entries(METRICS)) expect(rows[name], name).toEqual({ type: def.type, scope: def.scope, meaning: def.meaning });
  });
});

describe('partner metrics', () => {
  it("sum each side's ledger entries, and divide theirs by ours for the skin ratio", () => {
    const { metrics, gaps } = partner({ investments: [entry('us', 'capital', 30000), entry('us', 'marketing', 10000), entry('partner', 'capital', 8000), entry('partner', 'marketing', 2000)] });
    expect(metrics).toMatchObject({ ours: 40000, theirs: 10000, skinRatio: 0.25 });
    expect(gaps).toEqual({});
  });

  it('leave the skin ratio absent when we have put in nothing, and every money metric absent without a ledger', () => {
    expect(partner({ investments: [entry('partner', 'capital', 5000)] }).metrics).toMatchObject({ ours: 0, theirs: 5000 });
    expect(partner({ investments: [entry('partner', 'capital', 5000)] }).metrics.skinRatio).toBeUndefined();
    expect(partner({ investments: [] }).metrics).toEqual({ ours: 0, theirs: 0, ourPartnerSpecificSpend: 0, theirHardInvestment: 0, absorbedLosses: 0 });
    expect(partner({}).metrics).toEqual({});
  });

  it("count only the partner's capital, lab hardware and engineering as its hard investment", () => {
    const ledger = [entry('partner', 'capital', 1), entry('partner', 'lab-hardware', 10), entry('partner', 'engineering', 100), entry('partner', 'marketing', 1000), entry('partner', 'loaner', 10000), entry('us', 'capital', 100000)];
    expect(partner({ investments: ledger }).metrics.theirHardInvestment).toBe(111);
  });

  it("count our losses absorbed for the partner, and not theirs", () => {
    expect(partner({ investments: [entry('us', 'absorbed-loss', 12000), entry('partner', 'absorbed-loss', 500), entry('us', 'capital', 1)] }).metrics.absorbedLosses).toBe(12000);
  });

  it('count our lab hardware, loaners and engineering that only serve this partner; an entry that does not say leaves a range', () => {
    const known = [entry('us', 'lab-hardware', 1000, { partnerSpecific: true }), entry('us', 'loaner', 200, { partnerSpecific: true }), entry('us', 'engineering', 30, { partnerSpecific: true }), entry('us', 'capital', 4, { partnerSpecific: true }), entry('us', 'engineering', 5000, { partnerSpecific: false }), entry('partner', 'lab-hardware', 7, { partnerSpecific: true })];
    expect(partner({ investments: known }).metrics.ourPartnerSpecificSpend).toBe(1230);
    const open = [...known, entry('us', 'loaner', 40000), entry('partner', 'engineering', 9)];
    const { metrics, gaps } = partner({ investments: open });
    expect(metrics.ourPartnerSpecificSpend).toBeUndefined();
    expect(gaps.ourPartnerSpecificSpend).toEqual({ paths: ['partner.investments[6].partnerSpecific'], low: 1230, high: 41230 });
  });

  it('turn referrals over the window into a rate per year: 12 months when the profile does not say', () => {
    expect(partner({ value: { referralsToUs: 3, referralsFromUs: 6, windowMonths: 6 } }).metrics).toMatchObject({ referralsToUsPerYear: 6, referralsFromUsPerYear: 12 });
    expect(partner({ value: { referralsToUs: 3, referralsFromUs: 0 } }).metrics).toMatchObject({ referralsToUsPerYear: 3, referralsFromUsPerYear: 0 });
    expect(partner({ value: { referralsFromUs: 2, windowMonths: 24 } }).metrics).toEqual({ referralsFromUsPerYear: 1 });
  });

  it('count whole days since the review and since the start, to the day the assessment is made', () => {
    expect(partner({ reviewed: '2026-11-01', since: '2025-11-22' }).metrics).toEqual({ daysSinceReview: 21, daysSinceStart: 365 });
    expect(daysBetween('2026-11-22', TODAY)).toBe(0);
    expect(daysBetween('2026-11-23', TODAY)).toBe(-1);
    // Across a change to summer time it is still whole days.
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('count escalations unresolved for more than 30 and 60 days, not on the day itself', () => {
    const raised = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const escalations = [30, 31, 60, 61].map((days) => ({ raised: raised(days), summary: `${days} days`, resolved: false, response: 'none' as const }));
    expect(partner({ conduct: { escalations } }).metrics).toMatchObject({ escalationsUnresolvedOver30: 3, escalationsUnresolvedOver60: 1, escalationsDismissed: 0 });
    expect(partner({ conduct: { escalations: escalations.map((e) => ({ ...e, resolved: true })) } }).metrics).toMatchObject({ escalationsUnresolvedOver30: 0, escalationsUnresolvedOver60: 0 });
    // One that does not say whether it was resolved is a question only past the 30 days.
    const unsaid = partner({ conduct: { escalations: [{ raised: raised(30), summary: 's', response: 'none' }] } });
    expect([unsaid.metrics.escalationsUnresolvedOver30, unsaid.gaps]).toEqual([0, {}]);
  });

  it('count dismissive answers, whether or not the problem was solved since', () => {
    const e = (response: 'constructive' | 'none' | 'dismissive', resolved: boolean) => ({ raised: '2026-11-01', summary: 'x', resolved, response });
    expect(partner({ conduct: { escalations: [e('dismissive', true), e('dismissive', false), e('constructive', false), e('none', true)] } }).metrics.escalationsDismissed).toBe(2);
    expect(partner({ conduct: { escalations: [] } }).metrics).toEqual({ escalationsUnresolvedOver30: 0, escalationsUnresolvedOver60: 0, escalationsDismissed: 0 });
  });
});

describe('deal metrics', () => {
  it("sum each side's commitments, and our share of the deal's value", () => {
    const { metrics, atRiskComplete } = deal({ value: 200000, commitments: [{ by: 'us', kind: 'presales', amount: 30000 }, { by: 'us', kind: 'capital', amount: 20000, partnerSpecific: false }, { by: 'partner', kind: 'presales', amount: 5000 }] });
    expect(metrics).toMatchObject({ dealOurs: 50000, dealTheirs: 5000, capitalAtRisk: 50000, upfrontShareOfValue: 0.25 });
    // A customer deal that does not say whether a try-and-buy was asked: what is at risk is not all known.
    expect(atRiskComplete).toBe(false);
  });

  it('add the value of a system on loan to what is at risk, and know it all once the loan is settled', () => {
    expect(deal({ commitments: [{ by: 'us', kind: 'presales', amount: 1000 }], ask: { tryAndBuy: { systemValue: 400000 } } })).toMatchObject({ metrics: { capitalAtRisk: 401000 }, atRiskComplete: true });
    expect(deal({ commitments: [], ask: { tryAndBuy: false } })).toMatchObject({ metrics: { dealOurs: 0, capitalAtRisk: 0 }, atRiskComplete: true });
    // A loan of unknown value: only the commitments are known to be at risk.
    expect(deal({ commitments: [{ by: 'us', kind: 'presales', amount: 1000 }], ask: { tryAndBuy: { customized: true } } })).toMatchObject({ metrics: { capitalAtRisk: 1000 }, atRiskComplete: false });
    // Without commitments nothing is known of ours.
    expect(deal({ ask: { tryAndBuy: false } })).toMatchObject({ metrics: { capitalAtRisk: 0 }, atRiskComplete: false });
    expect(deal({ ask: { tryAndBuy: false } }).metrics.dealOurs).toBeUndefined();
  });

  it('ask about a loan on customer deals only', () => {
    expect(deal({ kind: 'enablement', commitments: [] }).atRiskComplete).toBe(true);
    expect(deal({ kind: 'customer-deal', commitments: [] }).atRiskComplete).toBe(false);
  });

  it('leave the share of value absent for a deal worth nothing or of unknown value', () => {
    expect(deal({ value: 0, commitments: [{ by: 'us', kind: 'capital', amount: 5 }] }).metrics.upfrontShareOfValue).toBeUndefined();
    expect(deal({ value: 10, commitments: [] }).metrics.upfrontShareOfValue).toBe(0);
  });

  it('count our partner-specific commitments, and leave a range while one does not say', () => {
    const known = [{ by: 'us' as const, kind: 'lab-hardware' as const, amount: 3000, partnerSpecific: true }, { by: 'us' as const, kind: 'presales' as const, amount: 500, partnerSpecific: false }, { by: 'partner' as const, kind: 'lab-hardware' as const, amount: 90, partnerSpecific: true }];
    expect(deal({ commitments: known }).metrics.dealOurPartnerSpecific).toBe(3000);
    const { metrics, gaps } = deal({ commitments: [...known, { by: 'us', kind: 'engineering', amount: 700 }] });
    expect(metrics.dealOurPartnerSpecific).toBeUndefined();
    expect(gaps.dealOurPartnerSpecific).toEqual({ paths: ['opportunity.commitments[3].partnerSpecific'], low: 3000, high: 3700 });
  });
});
