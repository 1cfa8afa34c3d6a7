// What every field of the format means, and the question that settles it when it is absent.
// One place for this text: unknown outcomes, `explain`, and (later) the questionnaire and the
// JSON Schema all read it. A test checks it covers every leaf of the zod schema.
import type { OpportunityKind } from './schema.js';

export interface FieldInfo {
  meaning: string;
  question: string;
}

/**
 * Which way a fact is worse for us, for every number, yes/no, choice and date a rule could read:
 * a worse fact must never give a better verdict or a higher score (a property test moves each
 * field this way on generated profiles, for every built-in rubric). `order` lists the values from
 * best to worst. `none` is a fact with no better or worse (a kind of partnership, who the customer
 * is), or one whose effect depends on others, with the reason.
 */
export type Worse =
  | { direction: 'higher' | 'lower' | 'older' }
  | { direction: 'true' | 'false' }
  | { direction: 'order'; order: readonly string[] }
  | { direction: 'none'; why: string };

const higher: Worse = { direction: 'higher' };
const lower: Worse = { direction: 'lower' };
const older: Worse = { direction: 'older' };
const yes: Worse = { direction: 'true' };
const no: Worse = { direction: 'false' };
const order = (...values: string[]): Worse => ({ direction: 'order', order: values });
const none = (why: string): Worse => ({ direction: 'none', why });

export const WORSE: Readonly<Record<string, Worse>> = {
  'partner.type': none('a kind of partnership, not a degree'),
  'partner.since': none('how long a partnership has run is history, judged by what happened in it'),
  'partner.reviewed': older,
  'partner.sponsor.level': order('c-level', 'vp', 'director', 'manager', 'none'),
  'partner.sponsor.active': no,
  'partner.sponsor.previous.level': none('who owned it before matters only beside who owns it now'),
  'partner.sponsor.previous.left': none('when the handover happened is history'),
  'partner.agreement.written': no,
  'partner.agreement.expectationsDefined': no,
  'partner.agreement.quotingErrorsPaidBy': order('partner', 'shared', 'unspecified', 'us'),
  'partner.agreement.nonSolicit': no,
  'partner.agreement.advanceNotice': no,
  'partner.value.referralsToUs': lower,
  'partner.value.referralsFromUs': none('what we send is generosity or imbalance depending on what comes back'),
  'partner.value.jointWins': lower,
  'partner.value.revenue': lower,
  'partner.value.windowMonths': none('the length of the window the counts cover: the rules compare rates, not the window'),
  'partner.marketing.mentionsUs': none('being named is good with a link and bad without one'),
  'partner.marketing.linksToUs': no,
  'partner.marketing.listsUsAsPartner': no,
  'partner.marketing.linksCompetitorsFromOurContent': yes,
  'partner.marketing.asksUsToPromoteTheirOffers': yes,
  'partner.pricing.promotionsAvailableToUs': no,
  'partner.pricing.promotionsLimitedToSelectPartners': yes,
  'partner.control.pricing': order('us', 'shared', 'partner'),
  'partner.control.invoicing': order('us', 'shared', 'partner'),
  'partner.control.customerContact': order('direct', 'through-partner', 'none'),
  'partner.engagement.contactEveryDays': higher,
  'partner.engagement.attendsOurEvents': no,
  'partner.engagement.readsOurUpdates': no,
  'partner.engagement.jointSolution': no,
  'partner.conduct.valueGrabAttempts': higher,
  'partner.conduct.qualityIncidents': higher,
  'partner.conduct.failedTryAndBuys': higher,
  'partner.keyPeople.singleContact': yes,
  'partner.outcome.status': none('history, not a fact about the partner'),
  'partner.outcome.result': none('history, not a fact about the partner'),
  'partner.outcome.ended': none('the day a past partnership is judged as of'),
  'partner.investments[].by': none('whose money it is decides which way its amount is worse: see `amount`'),
  'partner.investments[].kind': none('a kind of spend, not a degree'),
  'partner.investments[].amount': none('worse when it is ours and higher, or theirs and lower: see `by`'),
  'partner.investments[].date': none('when money was spent does not change what was spent'),
  'partner.investments[].partnerSpecific': yes,
  'partner.conduct.escalations[].raised': older,
  'partner.conduct.escalations[].resolved': no,
  'partner.conduct.escalations[].response': order('constructive', 'none', 'dismissive'),
  'opportunity.kind': none('a kind of deal, not a degree'),
  'opportunity.value': lower,
  'opportunity.marginPercent': lower,
  'opportunity.winProbability': lower,
  'opportunity.customer.incumbentVendor': none('who the customer buys from is a name; only `none` (nobody yet) spares a deal brand-showcase-leverage'),
  'opportunity.customer.prefersIncumbent': yes,
  'opportunity.customer.evaluatesBidsSeriously': no,
  'opportunity.ask.tryAndBuy': none('a loan asked for is judged on its terms (the keys below), not on being asked'),
  'opportunity.ask.tryAndBuy.systemValue': higher,
  'opportunity.ask.tryAndBuy.customized': yes,
  'opportunity.ask.tryAndBuy.returnDays': higher,
  'opportunity.ask.tryAndBuy.unconditionalReturn': yes,
  'opportunity.ask.freeConsultingDays': higher,
  'opportunity.ask.showcaseOurBrand': yes,
  'opportunity.commitments[].by': none('whose money it is decides which way its amount is worse: see `amount`'),
  'opportunity.commitments[].kind': none('a kind of spend, not a degree'),
  'opportunity.commitments[].amount': none('worse when it is ours and higher, or theirs and lower: see `by`'),
  'opportunity.commitments[].partnerSpecific': yes,
  'opportunity.quoting.by': order('us', 'partner'),
  'opportunity.quoting.reviewedByUs': no,
  'opportunity.payment.onAcceptance': yes,
  'opportunity.payment.daysToCash': higher,
  'opportunity.fit.withinOurExpertise': no,
  'opportunity.fit.withinPartnerCapability': no,
};

const f = (meaning: string, question: string): FieldInfo => ({ meaning, question });

export const FIELDS: Readonly<Record<string, FieldInfo>> = {
  'partner.id': f('Slug identifying the partner; defaults to the file name.', 'What id should this partner have?'),
  'partner.name': f('Display name.', 'What is the partner called?'),
  'partner.type': f('What kind of partnership this is.', 'What kind of partnership is it (reseller, technology, services, ...)?'),
  'partner.since': f('When the partnership started.', 'When did the partnership start?'),
  'partner.owner': f('Who on our side owns the partnership.', 'Who on our side owns this partnership?'),
  'partner.reviewed': f('Last time someone reviewed this profile.', 'When was this profile last reviewed?'),
  'partner.currency': f('ISO 4217 currency of every amount in the file; USD by default.', 'In which currency are the amounts?'),
  'partner.sponsor.level': f('The most senior person on their side who owns the partnership.', 'Who is the most senior person on their side who owns the partnership (c-level, vp, director, manager, none)?'),
  'partner.sponsor.active': f('That sponsor still owns the partnership.', 'Does their sponsor still own the partnership (no if they have left it)?'),
  'partner.sponsor.previous.level': f('When ownership changed hands: the level of the sponsor before the current one.', 'What level was the sponsor before the current one (c-level, vp, director, manager, none)?'),
  'partner.sponsor.previous.left': f('The day the previous sponsor handed the partnership on.', 'When did the previous sponsor hand the partnership on (YYYY-MM-DD)?'),
  'partner.agreement.written': f('Terms are written down and signed.', 'Are the terms written down and signed?'),
  'partner.agreement.expectationsDefined': f('Scope, responsibilities and targets were agreed up front.', 'Were scope, responsibilities and targets agreed up front?'),
  'partner.agreement.quotingErrorsPaidBy': f("Who pays when the partner's quote or specification is wrong.", "Who pays when the partner's quote or specification is wrong (partner, us, shared, unspecified)?"),
  'partner.agreement.nonSolicit': f('The partner has agreed not to take our customers or staff.', 'Has the partner agreed not to take our customers or staff?'),
  'partner.agreement.advanceNotice': f('The partner has agreed to tell us before changes that hurt us.', 'Has the partner agreed to warn us before changes that hurt us (pricing, programs)?'),
  'partner.investments': f('Ledger of what each side has put into the partnership.', 'What has each side put into this partnership so far (capital, hardware, engineering, losses absorbed)?'),
  'partner.value.referralsToUs': f('Opportunities the partner sent us, in the window (value.windowMonths, 12 by default).', 'How many opportunities did the partner send us in the last 12 months?'),
  'partner.value.referralsFromUs': f('Opportunities we sent the partner, in the window.', 'How many opportunities did we send the partner in the last 12 months?'),
  'partner.value.jointWins': f('Deals won together, in the window.', 'How many deals did we win together in the last 12 months?'),
  'partner.value.revenue': f('Our revenue through this partner, in the window.', 'What was our revenue through this partner in the last 12 months?'),
  'partner.value.windowMonths': f('How many months the counts of value cover; 12 when it is not said.', 'How many months do these counts cover (12 if a year)?'),
  'partner.marketing.mentionsUs': f('The partner names us or our results on its site or material.', 'Does the partner name us or our results on its site or material?'),
  'partner.marketing.linksToUs': f('The partner links back to us where it mentions us.', 'Where the partner mentions us, does it link back to us?'),
  'partner.marketing.listsUsAsPartner': f("We are in the partner's public partner directory.", "Are we listed in the partner's public partner directory?"),
  'partner.marketing.linksCompetitorsFromOurContent': f('A page about our work or results sends visitors to our competitors.', 'Does any page about our work or results on their site send visitors to our competitors?'),
  'partner.marketing.asksUsToPromoteTheirOffers': f('The partner asks us to push its offers to our customers.', 'Does the partner ask us to push its offers (sales, promotions) to our customers?'),
  'partner.pricing.promotionsAvailableToUs': f("We get the partner's sale or promotional pricing.", "Do we get the partner's sale and promotional pricing?"),
  'partner.pricing.promotionsLimitedToSelectPartners': f('Its promotional pricing goes only to a few chosen partners.', 'Does its promotional pricing go only to a few chosen partners?'),
  'partner.control.pricing': f('Who sets the price the customer sees.', 'Who sets the price the customer sees (us, partner, shared)?'),
  'partner.control.invoicing': f('Who invoices the customer.', 'Who invoices the customer (us, partner, shared)?'),
  'partner.control.customerContact': f('Whether we may talk to the end customer directly.', 'May we talk to the end customer directly (direct, through-partner, none)?'),
  'partner.engagement.contactEveryDays': f('How often we and the partner actually talk, in days.', 'How often do we and the partner actually talk (every how many days)?'),
  'partner.engagement.attendsOurEvents': f('They come to our events, trainings and calls.', 'Do they come to our events, trainings and calls?'),
  'partner.engagement.readsOurUpdates': f('They follow our newsletters and announcements.', 'Do they follow our newsletters and announcements?'),
  'partner.engagement.jointSolution': f('We have built a solution together that either side can sell.', 'Have we built a solution together that either side can sell?'),
  'partner.conduct.valueGrabAttempts': f('Times the partner tried to take what is ours: customers, IP, staff, our part of a deal.', 'How many times has the partner tried to take what is ours (customers, IP, staff, our part of a deal)?'),
  'partner.conduct.qualityIncidents': f('Times their delivered work fell below our standard, last 12 months.', 'How many times in the last 12 months did their work fall below our standard?'),
  'partner.conduct.failedTryAndBuys': f('Try-and-buy loans through this partner that ended with no sale.', 'How many try-and-buy loans through this partner ended with no sale?'),
  'partner.conduct.escalations': f('Problems we raised with the partner, and how they answered.', 'Which problems have we raised with the partner, and how did they answer (an empty list if none)?'),
  'partner.keyPeople.singleContact': f('The whole relationship hangs on one person there.', 'Does the whole relationship hang on one person at the partner?'),
  'partner.outcome.status': f('Whether the partnership is active or ended.', 'Is the partnership still active, or has it ended?'),
  'partner.outcome.result': f('How the partnership turned out.', 'How did the partnership turn out (success, failure, mixed)?'),
  'partner.outcome.ended': f('When the partnership ended: it is judged as it stood that day.', 'When did the partnership end (YYYY-MM-DD)?'),
  'partner.outcome.notes': f('Notes on the outcome.', 'Any notes on how it turned out?'),
  'partner.waivers': f('Accepted risks, each with a reason, an approver and an expiry.', 'Which risks have been accepted on record?'),
  'opportunity.id': f('Slug identifying the deal; defaults to a slug of its name.', 'What id should this deal have?'),
  'opportunity.name': f('Name of the deal.', 'What is the deal called?'),
  'opportunity.partner': f('Id of the partner that brings the deal; absent for a direct deal.', 'Which partner brings this deal?'),
  'opportunity.kind': f('What the deal is: a sale to a customer (customer-deal, the default), spend that equips the partner (enablement: demo units, lab, training, marketing), or building something together (joint-development).', 'What kind of deal is it (customer-deal, enablement, joint-development)?'),
  'opportunity.value': f('Deal value.', 'What is the deal worth?'),
  'opportunity.marginPercent': f('Our expected gross margin, in percent.', 'What gross margin do we expect on the deal (percent)?'),
  'opportunity.winProbability': f('Honest estimate of the chance to win, 0 to 1.', 'Honestly, what is the chance of winning the deal (0 to 1)?'),
  'opportunity.customer.name': f('The end customer.', 'Who is the customer?'),
  'opportunity.customer.incumbentVendor': f('The vendor the customer buys from today; none when it buys from nobody yet.', 'Which vendor does the customer buy from today (none if nobody yet)?'),
  'opportunity.customer.prefersIncumbent': f('The customer has a preferred vendor.', 'Does the customer have a preferred vendor?'),
  'opportunity.customer.evaluatesBidsSeriously': f('There is a real evaluation, with criteria and budget, not a price check.', 'Is there a real evaluation with criteria and budget, or is it a price check?'),
  'opportunity.ask.tryAndBuy': f('The loan or try-and-buy asked for; false when none was asked.', 'Did they ask for a loan or try-and-buy system?'),
  'opportunity.ask.tryAndBuy.systemValue': f('Value of the system we would build and lend.', 'What is the system we would build and lend worth?'),
  'opportunity.ask.tryAndBuy.customized': f("The system is built to this customer's spec and hard to sell anywhere else.", "Would the loaned system be built to this customer's spec (hard to sell elsewhere)?"),
  'opportunity.ask.tryAndBuy.returnDays': f('Days in which they may send it back.', 'Within how many days may they send it back?'),
  'opportunity.ask.tryAndBuy.unconditionalReturn': f('They may return it without a reason or criteria.', 'May they return it without a reason or agreed acceptance criteria?'),
  'opportunity.ask.freeConsultingDays': f('Unpaid design or consulting days asked before any commitment.', 'How many days of unpaid design or consulting are asked before any commitment?'),
  'opportunity.ask.showcaseOurBrand': f('They want our gear or logo visible in their site.', 'Do they want our gear or logo visible on their site?'),
  'opportunity.commitments': f('Upfront money each side puts into this deal.', 'What upfront money does each side put into this deal (an empty list if none)?'),
  'opportunity.quoting.by': f('Who writes the quote and the specification.', 'Who writes the quote and specification (us, partner)?'),
  'opportunity.quoting.reviewedByUs': f("We checked the partner's quote and specification before it went out.", "Did we check the partner's quote and specification before it went out?"),
  'opportunity.payment.onAcceptance': f('The customer pays only once everything works.', 'Does the customer pay only once everything works?'),
  'opportunity.payment.daysToCash': f('Days from our first spend to the money arriving.', 'How many days from our first spend until the money arrives?'),
  'opportunity.fit.withinOurExpertise': f('The deal is in what we are good at.', 'Is the deal within what we are good at?'),
  'opportunity.fit.withinPartnerCapability': f('The partner can really deliver and win this.', 'Can the partner really deliver and win this deal?'),
};

/**
 * Records of a change (a handover of the sponsor): absent, nothing changed, and the rules that
 * judge the change do not apply. Every other absent key is an unknown fact.
 */
export const HISTORY_FIELDS: readonly string[] = ['partner.sponsor.previous'];

/** The kinds of deal in words: one, and many. */
export const KIND_NAMES: Readonly<Record<OpportunityKind, readonly [one: string, many: string]>> = {
  'customer-deal': ['a customer deal', 'customer deals'],
  enablement: ['an enablement deal', 'enablement deals'],
  'joint-development': ['a joint development', 'joint developments'],
};

/** "customer deals and joint developments" */
export const describeKinds = (kinds: readonly OpportunityKind[]): string => kinds.map((k) => KIND_NAMES[k][1]).join(' and ');

/** What a group of keys records, where its keys alone do not say it (the JSON Schema's descriptions). */
export const GROUP_MEANINGS: Readonly<Record<string, string>> = {
  'partner.sponsor.previous': 'A handover, recorded only when ownership changed hands: who owned the partnership before the current sponsor, and when they left. Absent: no handover to judge.',
};

/** The catalogue entry for a path: a field, a key of a list's entries (`partner.investments[2].amount`), or its nearest catalogued ancestor. */
export function fieldInfo(path: string): FieldInfo | undefined {
  const item = ITEM_FIELDS[path.replace(/\[\d+\]/g, '[]')];
  if (item) return item;
  for (let p = path; p; p = p.slice(0, Math.max(0, p.lastIndexOf('.')))) {
    const info = FIELDS[p];
    if (info) return info;
  }
  return undefined;
}

/** `partner.investments[2].partnerSpecific` → `['partner', 'investments', 2, 'partnerSpecific']`: a document path. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').flatMap((part) => {
    const m = /^(.+)\[(\d+)\]$/.exec(part);
    return m ? [m[1]!, Number(m[2])] : [part];
  });
}

/** Meanings and questions for the keys of list items (`partner.investments[]` and the like). */
export const ITEM_FIELDS: Readonly<Record<string, FieldInfo>> = {
  'partner.investments[].by': f('Which side put it in.', 'Who put it in (us, partner)?'),
  'partner.investments[].kind': f('What it was.', 'What kind of investment was it?'),
  'partner.investments[].amount': f('How much, in the partner\'s currency.', 'How much was it (a plain number)?'),
  'partner.investments[].date': f('When.', 'When was it (YYYY-MM-DD)?'),
  'partner.investments[].note': f('A note.', 'Any note on it?'),
  'partner.investments[].partnerSpecific': f('It only serves this partner\'s configuration or customers.', 'Does it only serve this partner\'s configuration or customers?'),
  'partner.conduct.escalations[].raised': f('When the problem was raised.', 'When did we raise it (YYYY-MM-DD)?'),
  'partner.conduct.escalations[].summary': f('What the problem was.', 'What was the problem, in a line?'),
  'partner.conduct.escalations[].resolved': f('Whether it is resolved.', 'Is it resolved?'),
  'partner.conduct.escalations[].response': f('How the partner answered.', 'How did the partner answer (constructive, none, dismissive)?'),
  'opportunity.commitments[].by': f('Which side commits it.', 'Who commits it (us, partner)?'),
  'opportunity.commitments[].kind': f('What it is.', 'What kind of commitment is it?'),
  'opportunity.commitments[].amount': f('How much, in the partner\'s currency.', 'How much is it (a plain number)?'),
  'opportunity.commitments[].note': f('A note.', 'Any note on it?'),
  'opportunity.commitments[].partnerSpecific': f('It only serves this partner\'s configuration or customers.', 'Does it only serve this partner\'s configuration or customers?'),
};
