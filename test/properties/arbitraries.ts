// Generated profiles for property tests: every key optional, so that facts are known or open in
// every combination; and values for any field, as the format allows them.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { assessPartner, type PartnerAssessment } from '../../src/engine/evaluate.js';
import { loadText } from '../../src/format/load.js';
import { INVESTMENT_KINDS, OPPORTUNITY_KINDS, PARTNER_TYPES, SPONSOR_LEVELS } from '../../src/format/schema.js';
import { defOf, typeOf, unwrap } from '../../src/format/validate.js';
import { schemaForField } from '../../src/questionnaire/questions.js';
import type { Rubric } from '../../src/rubric/load.js';
import { rubric, TODAY } from '../helpers/assess.js';

export const BADNESS = { GO: 0, CONDITIONAL: 1, 'NO-GO': 2 } as const;
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const clean = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

const date = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2027-06-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const investment = fc.record({ by: fc.constantFrom('us', 'partner'), kind: fc.constantFrom(...INVESTMENT_KINDS), amount: fc.integer({ min: 1, max: 500_000 }), partnerSpecific: opt(fc.boolean()) });
const commitment = fc.record({ by: fc.constantFrom('us', 'partner'), kind: fc.constantFrom(...INVESTMENT_KINDS), amount: fc.integer({ min: 1, max: 300_000 }), partnerSpecific: opt(fc.boolean()) });
const escalation = fc.record({ raised: date, summary: fc.constant('a problem'), resolved: opt(fc.boolean()), response: opt(fc.constantFrom('constructive', 'none', 'dismissive')) });
const tryAndBuy = fc.oneof(fc.constant(false), fc.record({ systemValue: opt(fc.integer({ min: 1, max: 500_000 })), customized: opt(fc.boolean()), returnDays: opt(fc.integer({ min: 0, max: 120 })), unconditionalReturn: opt(fc.boolean()) }));

/**
 * Profiles in which each fact is left out one time in `freq` (a known "none" when it is a list):
 * freq 5 leaves many open questions, freq 25 mostly settled profiles, where a fact that moves a
 * verdict it should not is easy to see.
 */
function profiles(freq: number) {
  // Shadows the module's `opt`: here the frequency is the caller's.
  const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq });
  const bool = opt(fc.boolean());
  const deal = fc.record({
    name: fc.constantFrom('Deal A', 'Deal B', 'Deal C'),
    kind: opt(fc.constantFrom(...OPPORTUNITY_KINDS)),
    value: opt(fc.integer({ min: 0, max: 1_000_000 })),
    marginPercent: opt(fc.integer({ min: 0, max: 60 })),
    winProbability: opt(fc.double({ min: 0, max: 1, noNaN: true })),
    customer: opt(fc.record({ incumbentVendor: opt(fc.constant('BigIron')), prefersIncumbent: bool, evaluatesBidsSeriously: bool })),
    ask: opt(fc.record({ tryAndBuy: opt(tryAndBuy), freeConsultingDays: opt(fc.integer({ min: 0, max: 20 })), showcaseOurBrand: bool })),
    commitments: opt(fc.array(commitment, { maxLength: 3 })),
    quoting: opt(fc.record({ by: opt(fc.constantFrom('us', 'partner')), reviewedByUs: bool })),
    payment: opt(fc.record({ onAcceptance: bool, daysToCash: opt(fc.integer({ min: 0, max: 200 })) })),
    fit: opt(fc.record({ withinOurExpertise: bool, withinPartnerCapability: bool })),
  });
  const partner = fc.record({
    name: fc.constant('Generated Partner'),
    type: opt(fc.constantFrom(...PARTNER_TYPES)),
    since: opt(date),
    reviewed: opt(fc.constantFrom('2026-11-01', '2026-01-15', '2025-06-30')),
    sponsor: opt(fc.record({ level: opt(fc.constantFrom(...SPONSOR_LEVELS)), active: bool, previous: fc.option(fc.record({ level: opt(fc.constantFrom(...SPONSOR_LEVELS)), left: opt(date) }), { nil: undefined, freq: 2 }) })),
    agreement: opt(fc.record({ written: bool, expectationsDefined: bool, quotingErrorsPaidBy: opt(fc.constantFrom('partner', 'us', 'shared', 'unspecified')), nonSolicit: bool, advanceNotice: bool })),
    investments: opt(fc.array(investment, { maxLength: 5 })),
    value: opt(fc.record({ referralsToUs: opt(fc.nat(10)), referralsFromUs: opt(fc.nat(10)), jointWins: opt(fc.nat(5)), windowMonths: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined, freq: 2 }) })),
    marketing: opt(fc.record({ mentionsUs: bool, linksToUs: bool, listsUsAsPartner: bool, linksCompetitorsFromOurContent: bool, asksUsToPromoteTheirOffers: bool })),
    pricing: opt(fc.record({ promotionsAvailableToUs: bool, promotionsLimitedToSelectPartners: bool })),
    control: opt(fc.record({ pricing: opt(fc.constantFrom('us', 'partner', 'shared')), invoicing: opt(fc.constantFrom('us', 'partner', 'shared')), customerContact: opt(fc.constantFrom('direct', 'through-partner', 'none')) })),
    engagement: opt(fc.record({ contactEveryDays: opt(fc.integer({ min: 1, max: 200 })), attendsOurEvents: bool, readsOurUpdates: bool, jointSolution: bool })),
    conduct: opt(fc.record({ valueGrabAttempts: opt(fc.nat(3)), qualityIncidents: opt(fc.nat(5)), failedTryAndBuys: opt(fc.nat(3)), escalations: opt(fc.array(escalation, { maxLength: 3 })) })),
    keyPeople: opt(fc.record({ singleContact: bool })),
  });
    return fc.record({ partner, opportunities: opt(fc.array(deal, { maxLength: 2 })) });
}

export const profile = profiles(5);
/** Mostly known: few open questions, so each one decides more. */
export const nearlyKnown = profiles(25);

export type Profile = { partner: Record<string, unknown>; opportunities?: Record<string, unknown>[] };

export function textOf(p: Profile): string {
  // Deal names must be unique in a partner: number them.
  const opportunities = p.opportunities?.map((d, i) => ({ ...d, name: `${String(d.name)} ${i}` }));
  return stringify(clean({ version: 1, partner: p.partner, ...(opportunities?.length ? { opportunities } : {}) }));
}

export function assess(text: string, by: Rubric = rubric()): PartnerAssessment {
  const loaded = loadText('generated.yaml', text);
  expect(loaded.problems).toEqual([]);
  return assessPartner(loaded.partners[0]!, by, { today: TODAY });
}

const LISTS: Record<string, fc.Arbitrary<unknown[]>> = {
  'partner.investments': fc.array(investment, { maxLength: 4 }),
  'partner.conduct.escalations': fc.array(escalation, { maxLength: 4 }),
  'opportunity.commitments': fc.array(commitment, { maxLength: 3 }),
};

/** Any value the format allows for a field: a boolean, a value of its enum, a number in range, a date, a list or a loan. */
export function valueFor(field: string): fc.Arbitrary<unknown> {
  const schema = schemaForField(field);
  if (!schema) throw new Error(`no schema for ${field}`);
  const s = unwrap(schema);
  const allowed = (v: unknown) => s.safeParse(v).success;
  switch (typeOf(s)) {
    case 'boolean': return fc.boolean();
    case 'enum': return fc.constantFrom(...Object.values((defOf(s) as unknown as { entries: Record<string, string> }).entries));
    case 'int': return fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 400 })).filter(allowed);
    case 'number': return fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1_000_000 })).filter(allowed);
    case 'string': return fc.oneof(date, fc.constantFrom('BigIron', 'Coastal University', 'cto')).filter(allowed);
    case 'array': return LISTS[field] ?? fc.constant([]);
    case 'union': return tryAndBuy.map(clean);
    default: throw new Error(`no values for ${field} (${typeOf(s)})`);
  }
}
