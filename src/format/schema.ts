// The profile format, version 1 (docs/format.md), as strict zod schemas.
// The TypeScript types of the whole tool come from here. Key names are a contract with users'
// repos: add optional keys, never rename.
import * as z from 'zod/mini';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const slug = z.string().check(z.regex(SLUG, 'a slug: lowercase letters, digits and -'));
// YAML turns an unquoted 2026-01-31 into a string with our loader options (no timestamp tag);
// the pattern keeps "31/01/2026" and "2026-1-31" out, the round trip keeps 2026-02-30 out.
// zod runs every check, so this one must hold for any text, not only what matched the pattern.
const isRealDate = (text: string) => {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !DATE.test(text) || (!Number.isNaN(time) && new Date(time).toISOString().startsWith(text));
};
const date = z.string().check(z.regex(DATE, 'a date as YYYY-MM-DD'), z.refine(isRealDate, 'a date that exists on the calendar'));
/** Far above any real amount; keeps sums finite (a profile of 1e308s would print "$Infinity"). */
const MAX_MONEY = 1e15;
const money = z.number().check(z.gte(0), z.lte(MAX_MONEY));
const positiveMoney = z.number().check(z.gt(0), z.lte(MAX_MONEY));
const count = z.int().check(z.gte(0));
const opt = z.optional;
/**
 * Far above any real profile: bounds what one file can make the engine judge and the report hold
 * (a 1 MB file of one-line deals is 62,000 of them, and each is judged by every rule).
 */
const MAX_DEALS_PER_PARTNER = 200;
const MAX_LIST_ENTRIES = 1000;
const list = <T extends z.ZodMiniType>(item: T, max = MAX_LIST_ENTRIES) => z.array(item).check(z.maxLength(max));

export const PARTNER_TYPES = ['reseller', 'joint-support', 'development', 'technology', 'referral', 'specialty', 'vendor', 'services'] as const;
export const SPONSOR_LEVELS = ['c-level', 'vp', 'director', 'manager', 'none'] as const;
export const INVESTMENT_KINDS = ['capital', 'lab-hardware', 'loaner', 'engineering', 'marketing', 'training', 'presales', 'absorbed-loss', 'discount', 'other'] as const;
const SIDES = ['us', 'partner'] as const;
/** What a deal is: a sale to a customer (the default), spend that equips the partner, or building something together. */
export const OPPORTUNITY_KINDS = ['customer-deal', 'enablement', 'joint-development'] as const;

const investmentSchema = z.strictObject({
  by: z.enum(SIDES),
  kind: z.enum(INVESTMENT_KINDS),
  amount: positiveMoney,
  date: opt(date),
  note: opt(z.string()),
  partnerSpecific: opt(z.boolean()),
});

const escalationSchema = z.strictObject({
  raised: date,
  summary: z.string(),
  resolved: opt(z.boolean()),
  response: opt(z.enum(['constructive', 'none', 'dismissive'])),
});

export const waiverSchema = z.strictObject({
  rule: z.string(),
  reason: z.string(),
  expires: date,
  approvedBy: z.string(),
  opportunity: opt(slug),
});

const tryAndBuySchema = z.strictObject({
  systemValue: opt(positiveMoney),
  customized: opt(z.boolean()),
  returnDays: opt(count),
  unconditionalReturn: opt(z.boolean()),
});

const opportunityFields = {
  id: opt(slug),
  name: z.string(),
  partner: opt(slug),
  kind: opt(z.enum(OPPORTUNITY_KINDS)),
  value: opt(money),
  marginPercent: opt(z.number().check(z.gte(0), z.lte(100))),
  winProbability: opt(z.number().check(z.gte(0), z.lte(1))),
  customer: opt(z.strictObject({
    name: opt(z.string()),
    incumbentVendor: opt(z.string()),
    prefersIncumbent: opt(z.boolean()),
    evaluatesBidsSeriously: opt(z.boolean()),
  })),
  ask: opt(z.strictObject({
    tryAndBuy: opt(z.union([z.literal(false), tryAndBuySchema])),
    freeConsultingDays: opt(z.number().check(z.gte(0))),
    showcaseOurBrand: opt(z.boolean()),
  })),
  commitments: opt(list(z.strictObject({
    by: z.enum(SIDES),
    kind: z.enum(INVESTMENT_KINDS),
    amount: positiveMoney,
    note: opt(z.string()),
    partnerSpecific: opt(z.boolean()),
  }))),
  quoting: opt(z.strictObject({
    by: opt(z.enum(SIDES)),
    reviewedByUs: opt(z.boolean()),
  })),
  payment: opt(z.strictObject({
    onAcceptance: opt(z.boolean()),
    daysToCash: opt(count),
  })),
  fit: opt(z.strictObject({
    withinOurExpertise: opt(z.boolean()),
    withinPartnerCapability: opt(z.boolean()),
  })),
};

export const opportunitySchema = z.strictObject(opportunityFields);

export const partnerSchema = z.strictObject({
  id: opt(slug),
  name: z.string(),
  type: opt(z.enum(PARTNER_TYPES)),
  since: opt(date),
  owner: opt(z.string()),
  reviewed: opt(date),
  currency: opt(z.string().check(z.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'))),
  sponsor: opt(z.strictObject({
    level: opt(z.enum(SPONSOR_LEVELS)),
    active: opt(z.boolean()),
    previous: opt(z.strictObject({
      level: opt(z.enum(SPONSOR_LEVELS)),
      left: opt(date),
    })),
  })),
  agreement: opt(z.strictObject({
    written: opt(z.boolean()),
    expectationsDefined: opt(z.boolean()),
    quotingErrorsPaidBy: opt(z.enum(['partner', 'us', 'shared', 'unspecified'])),
    nonSolicit: opt(z.boolean()),
    advanceNotice: opt(z.boolean()),
  })),
  investments: opt(list(investmentSchema)),
  value: opt(z.strictObject({
    referralsToUs: opt(count),
    referralsFromUs: opt(count),
    jointWins: opt(count),
    revenue: opt(money),
    windowMonths: opt(z.int().check(z.gte(1), z.lte(120))),
  })),
  marketing: opt(z.strictObject({
    mentionsUs: opt(z.boolean()),
    linksToUs: opt(z.boolean()),
    listsUsAsPartner: opt(z.boolean()),
    linksCompetitorsFromOurContent: opt(z.boolean()),
    asksUsToPromoteTheirOffers: opt(z.boolean()),
  })),
  pricing: opt(z.strictObject({
    promotionsAvailableToUs: opt(z.boolean()),
    promotionsLimitedToSelectPartners: opt(z.boolean()),
  })),
  control: opt(z.strictObject({
    pricing: opt(z.enum(['us', 'partner', 'shared'])),
    invoicing: opt(z.enum(['us', 'partner', 'shared'])),
    customerContact: opt(z.enum(['direct', 'through-partner', 'none'])),
  })),
  engagement: opt(z.strictObject({
    contactEveryDays: opt(z.int().check(z.gte(1))),
    attendsOurEvents: opt(z.boolean()),
    readsOurUpdates: opt(z.boolean()),
    jointSolution: opt(z.boolean()),
  })),
  conduct: opt(z.strictObject({
    valueGrabAttempts: opt(count),
    qualityIncidents: opt(count),
    failedTryAndBuys: opt(count),
    escalations: opt(list(escalationSchema)),
  })),
  keyPeople: opt(z.strictObject({
    singleContact: opt(z.boolean()),
  })),
  outcome: opt(z.strictObject({
    status: opt(z.enum(['active', 'ended'])),
    result: opt(z.enum(['success', 'failure', 'mixed'])),
    ended: opt(date),
    notes: opt(z.string()),
  }).check(
    // One meaning of "ended": an end date on a partnership not marked ended would judge it as of a
    // past day everywhere the date is read, while it still counts as current.
    z.refine((o) => o.ended === undefined || o.status === 'ended', { message: 'an end date only with status: ended (add status: ended, or remove the date)', path: ['ended'] }),
  )),
  waivers: opt(list(waiverSchema)),
});

export const partnerDocumentSchema = z.strictObject({
  version: z.literal(1),
  partner: partnerSchema,
  opportunities: opt(list(opportunitySchema, MAX_DEALS_PER_PARTNER)),
});

export const opportunityDocumentSchema = z.strictObject({
  version: z.literal(1),
  opportunity: opportunitySchema,
});

export type Partner = z.infer<typeof partnerSchema>;
export type Opportunity = z.infer<typeof opportunitySchema>;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

/**
 * The one meaning of "ended": `status: ended` (the schema allows `ended:` only beside it). Judging
 * as of the end date, leaving the partner out of the counts and out of `--fail-on`, portfolio's
 * ranking and backtest's history all go by this.
 */
export const hasEnded = (outcome: { status?: string | undefined } | undefined): boolean => outcome?.status === 'ended';

/** A deal is a sale to a customer unless it says it is something else. */
export const opportunityKind = (opportunity: Pick<Opportunity, 'kind'>): OpportunityKind => opportunity.kind ?? 'customer-deal';
export type Waiver = z.infer<typeof waiverSchema>;
