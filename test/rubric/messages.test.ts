// What a rubric author writes and a reader sees: placeholders in messages, as docs/rubrics.md
// ("Messages and placeholders") says they print, and conditions that cannot apply or are not bool.
import { describe, expect, it } from 'vitest';
import { CelCompileError, compileCondition, compileTemplate, evaluateLogic, evaluationContext, formatParams, logicReads, paramValues, renderTemplate, toCelValue } from '../../src/rubric/cel.js';
import { formatMoney, groupThousands } from '../../src/util/money.js';
import { partnerSchema } from '../../src/format/schema.js';

const render = (text: string, partner: Record<string, unknown> = {}, metrics: Record<string, unknown> = {}, currency = 'USD') => renderTemplate(compileTemplate(text), evaluationContext({ partner, metrics }, currency));
const compileError = (f: () => unknown): string => {
  try {
    f();
  } catch (error) {
    if (error instanceof CelCompileError) return error.message;
    throw error;
  }
  throw new Error('expected a CelCompileError');
};

describe('a placeholder prints', () => {
  it('numbers with thousands separators, and at most two decimals without trailing zeros', () => {
    expect(render('{{ partner.value.revenue }}', { value: { revenue: 1234567 } })).toBe('1,234,567');
    expect(render('{{ partner.value.revenue }}', { value: { revenue: 1234.5 } })).toBe('1,234.5');
    expect(render('{{ partner.value.revenue }}', { value: { revenue: 0.125 } })).toBe('0.13');
    expect(render('{{ partner.value.revenue }}', { value: { revenue: 2.999 } })).toBe('3');
    expect(render('{{ partner.value.referralsToUs }}', { value: { referralsToUs: 12345n } })).toBe('12345');
  });

  it('booleans as yes and no, lists joined with commas, a map as "(a value)"', () => {
    expect(render('{{ partner.keyPeople.singleContact }} / {{ !partner.keyPeople.singleContact }}', { keyPeople: { singleContact: true } })).toBe('yes / no');
    expect(render('{{ [1, 2, 3] }}')).toBe('1, 2, 3');
    expect(render("{{ ['a', 'b'] }}")).toBe('a, b');
    expect(render("{{ {'a': 1} }}")).toBe('(a value)');
    expect(render('{{ partner.sponsor }}', { sponsor: { level: 'vp' } })).toBe('(a value)');
    expect(render('{{ partner.name }}', { name: 'Acme' })).toBe('Acme');
  });

  it('"unknown" for a fact nobody recorded, and the text around it as written', () => {
    expect(render('They have {{ partner.value.referralsToUs }} referrals.')).toBe('They have unknown referrals.');
    expect(render('no placeholder')).toBe('no placeholder');
    expect(render('{{ 1 }}{{ 2 }} and {{ 3 }}')).toBe('12 and 3');
  });

  it('a range for a count still open, the low end for words', () => {
    const absent = { inapplicable: new Set<string>(), candidates: new Map<string, unknown[]>([['metrics.escalationsDismissed', [1n, 2n]]]) };
    const template = compileTemplate("{{ metrics.escalationsDismissed }} problems; {{ metrics.escalationsDismissed > 1 ? 'several' : 'one' }}; {{ plural(metrics.escalationsDismissed, 'time', 'times') }}");
    expect(renderTemplate(template, { partner: {}, metrics: {} }, absent)).toBe('1–2 problems; one; 1 time');
    const settled = { inapplicable: new Set<string>(), candidates: new Map<string, unknown[]>([['metrics.escalationsDismissed', [2n, 2n]]]) };
    expect(renderTemplate(compileTemplate('{{ metrics.escalationsDismissed }}'), { partner: {}, metrics: {} }, settled)).toBe('2');
  });

  it("a has() that picks the wording, reading nothing itself: a left-out section is an empty one", () => {
    const incumbent = compileTemplate("{{ has(opportunity.customer.incumbentVendor) ? opportunity.customer.incumbentVendor : 'their usual vendor' }}");
    expect(incumbent.reads).toEqual(['opportunity.customer.incumbentVendor']);
    expect(renderTemplate(incumbent, { opportunity: {} })).toBe('their usual vendor');
    expect(renderTemplate(incumbent, { opportunity: { customer: { incumbentVendor: 'BigIron' } } })).toBe('BigIron');
    const sponsor = compileTemplate("{{ has(partner.sponsor.level) ? partner.sponsor.level : 'nobody' }}");
    expect(renderTemplate(sponsor, { partner: {} })).toBe('nobody');
    expect(renderTemplate(sponsor, { partner: { sponsor: { level: 'vp' } } })).toBe('vp');
  });
});

describe('money', () => {
  it("is in the currency of the entity reported: a symbol for the common ones, the code after the amount for others", () => {
    expect([formatMoney(48000, 'USD'), formatMoney(48000, 'EUR'), formatMoney(48000, 'GBP'), formatMoney(48000, 'JPY')]).toEqual(['$48,000', '€48,000', '£48,000', '¥48,000']);
    expect([formatMoney(1200, 'CAD'), formatMoney(1200, 'AUD'), formatMoney(1200, 'INR'), formatMoney(1200, 'CNY')]).toEqual(['CA$1,200', 'A$1,200', '₹1,200', 'CN¥1,200']);
    expect(formatMoney(12000, 'CHF')).toBe('12,000 CHF');
  });

  it('puts the minus before the symbol, and shows cents only under one unit', () => {
    expect(formatMoney(-5000, 'USD')).toBe('-$5,000');
    expect(formatMoney(-0.4, 'EUR')).toBe('-€0.40');
    expect(formatMoney(0.999, 'USD')).toBe('$1.00');
    expect(formatMoney(999.5, 'USD')).toBe('$1,000');
    expect(formatMoney(-250, 'CHF')).toBe('-250 CHF');
  });

  it("prints money() in a message in the partner's currency, ints and doubles alike", () => {
    expect(render('{{ money(metrics.ours) }} and {{ money(partner.value.referralsToUs) }}', { value: { referralsToUs: 3n } }, { ours: 1500.0 }, 'GBP')).toBe('£1,500 and £3');
  });

  it('groups thousands of whole and decimal numbers, and never prints "-0"', () => {
    expect([groupThousands(0), groupThousands(999), groupThousands(1000), groupThousands(1234567.8), groupThousands(-1234567)]).toEqual(['0', '999', '1,000', '1,234,568', '-1,234,567']);
    expect([groupThousands(1234.5678, 2), groupThousands(-0.004, 2), groupThousands(-0.4)]).toEqual(['1,234.57', '0.00', '0']);
  });
});

describe('plural', () => {
  it('agrees with a count that is a double too, with one decimal when it is not whole', () => {
    const per = (n: number) => render("{{ plural(metrics.referralsToUsPerYear, 'referral', 'referrals') }}", {}, { referralsToUsPerYear: n });
    expect([per(1), per(2), per(1.5), per(1234)]).toEqual(['1 referral', '2 referrals', '1.5 referrals', '1,234 referrals']);
  });
});

describe('the number functions', () => {
  it('round as docs/rubrics.md says: fixed to the nearest, fixedDown toward zero, percent to one decimal', () => {
    expect([render('{{ fixed(2.345, 1) }}'), render('{{ fixed(2.0, 0) }}'), render('{{ fixed(0.5, 3) }}')]).toEqual(['2.3', '2', '0.500']);
    expect([render('{{ fixedDown(0.999, 2) }}'), render('{{ fixedDown(-0.2499, 2) }}'), render('{{ fixedDown(1.0, 2) }}'), render('{{ fixedDown(0.29, 2) }}')]).toEqual(['0.99', '-0.24', '1.00', '0.29']);
    expect([render('{{ percent(1.0) }}'), render('{{ percent(0.4444) }}'), render('{{ percent(0.0) }}'), render('{{ percent(0.30000000000000004) }}')]).toEqual(['100%', '44.4%', '0%', '30%']);
  });

  it('rank a sponsor level the format does not know below none', () => {
    const rank = (level: string) => evaluateLogic(compileCondition('seniority(partner.sponsor.level) < 0'), { partner: { sponsor: { level } } });
    expect(rank('intern')).toMatchObject({ kind: 'value', value: true });
    expect(rank('none')).toMatchObject({ kind: 'value', value: false });
    const exactly = (level: string, n: number) => evaluateLogic(compileCondition(`seniority(partner.sponsor.level) == ${n}`), { partner: { sponsor: { level } } });
    expect([exactly('c-level', 4), exactly('vp', 3), exactly('director', 2), exactly('manager', 1), exactly('none', 0)].map((r) => (r as { value: unknown }).value)).toEqual([true, true, true, true, true]);
  });
});

describe('a placeholder the rubric gets wrong', () => {
  it('is an error when it is empty, unpaired or not CEL, at its place in the text', () => {
    expect(compileError(() => compileTemplate('a {{ }} b'))).toBe('expected an expression inside {{ }}, got nothing');
    expect(compileError(() => compileTemplate('a {{ 1 }} b {{ c'))).toBe('expected {{ and }} in pairs');
    expect(compileError(() => compileTemplate('a }} b'))).toBe('expected {{ and }} in pairs');
    expect(compileError(() => compileTemplate('{{ partner.nme }}'))).toMatch(/^in \{\{ partner\.nme \}\}: CEL type error: /);
    expect(compileError(() => compileTemplate('{{ 1 + }}'))).toMatch(/^in \{\{ 1 \+ \}\}: invalid CEL: /);
    try {
      compileTemplate('abc {{ c');
    } catch (error) {
      expect((error as CelCompileError).offset).toBe(4);
    }
  });
});

describe('a condition', () => {
  it('must be a bool', () => {
    expect(compileError(() => compileCondition('partner.conduct.qualityIncidents + 1'))).toBe('expected a condition of type bool, got int');
    expect(compileError(() => compileCondition('partner.name'))).toBe('expected a condition of type bool, got string');
  });

  it('that reads a field of what is not a map does not apply here', () => {
    const logic = compileCondition('opportunity.ask.tryAndBuy.customized');
    expect(evaluateLogic(logic, { opportunity: { ask: { tryAndBuy: false } } })).toEqual({ kind: 'error', message: 'opportunity.ask.tryAndBuy.customized does not apply here' });
    expect(evaluateLogic(logic, { opportunity: { ask: { tryAndBuy: { customized: true } } } })).toEqual({ kind: 'value', value: true, reads: ['opportunity.ask.tryAndBuy.customized'] });
  });

  it('that reads a metric which cannot exist here does not apply, and one with candidates is known when they agree', () => {
    const ratio = compileCondition('metrics.skinRatio < 0.25');
    expect(evaluateLogic(ratio, { metrics: {} }, { inapplicable: new Set(['metrics.skinRatio']), candidates: new Map() })).toEqual({ kind: 'error', message: 'metrics.skinRatio does not apply here' });
    expect(evaluateLogic(ratio, { metrics: {} })).toEqual({ kind: 'unknown', missing: ['metrics.skinRatio'] });
    const count = compileCondition('metrics.escalationsDismissed >= 1');
    const candidates = (values: bigint[]) => ({ inapplicable: new Set<string>(), candidates: new Map([['metrics.escalationsDismissed', values]]) });
    expect(evaluateLogic(count, { metrics: {} }, candidates([1n, 2n]))).toEqual({ kind: 'value', value: true, reads: [] });
    expect(evaluateLogic(count, { metrics: {} }, candidates([0n, 1n]))).toEqual({ kind: 'unknown', missing: ['metrics.escalationsDismissed'] });
  });

  it('evaluates ! and ?: on known facts, with the facts it rests on', () => {
    expect(evaluateLogic(compileCondition('!partner.agreement.written'), { partner: { agreement: { written: false } } })).toEqual({ kind: 'value', value: true, reads: ['partner.agreement.written'] });
    const cond = compileCondition('partner.agreement.written ? partner.agreement.nonSolicit : partner.agreement.advanceNotice');
    expect(evaluateLogic(cond, { partner: { agreement: { written: true, nonSolicit: false, advanceNotice: true } } })).toEqual({ kind: 'value', value: false, reads: ['partner.agreement.written', 'partner.agreement.nonSolicit'] });
    expect(evaluateLogic(cond, { partner: { agreement: { written: false, nonSolicit: false, advanceNotice: true } } })).toEqual({ kind: 'value', value: true, reads: ['partner.agreement.written', 'partner.agreement.advanceNotice'] });
  });

  it('rests a false && or a true || on every part that decides it, and a true && on all its parts', () => {
    const context = { partner: { agreement: { written: false, nonSolicit: false, advanceNotice: true } } };
    expect(evaluateLogic(compileCondition('partner.agreement.written && partner.agreement.advanceNotice && partner.agreement.nonSolicit'), context)).toEqual({ kind: 'value', value: false, reads: ['partner.agreement.written', 'partner.agreement.nonSolicit'] });
    expect(evaluateLogic(compileCondition('partner.agreement.advanceNotice && !partner.agreement.written'), context)).toEqual({ kind: 'value', value: true, reads: ['partner.agreement.advanceNotice', 'partner.agreement.written'] });
    expect(evaluateLogic(compileCondition('partner.agreement.written || partner.agreement.nonSolicit'), context)).toEqual({ kind: 'value', value: false, reads: ['partner.agreement.written', 'partner.agreement.nonSolicit'] });
    expect(logicReads(compileCondition('(partner.agreement.written || partner.agreement.nonSolicit) && (partner.agreement.written ? partner.agreement.advanceNotice : !partner.agreement.nonSolicit)'))).toEqual(['partner.agreement.written', 'partner.agreement.nonSolicit', 'partner.agreement.advanceNotice']);
  });

  it('that fails on the facts themselves does not apply, with the reason', () => {
    const result = evaluateLogic(compileCondition('partner.value.referralsToUs / partner.value.referralsFromUs > 1'), { partner: { value: { referralsToUs: 1n, referralsFromUs: 0n } } });
    expect(result.kind).toBe('error');
    expect((result as { message: string }).message).toMatch(/division by zero/i);
  });
});

describe('params', () => {
  it('print as the rubric sets them, for rules and explain', () => {
    const params = { maxFreeDays: { value: 5 }, minSkinRatio: { value: 0.25, numberKind: 'double' as const }, levels: { value: ['manager', 'none'] }, strict: { value: true } };
    expect(formatParams(params)).toBe('maxFreeDays = 5, minSkinRatio = 0.25, levels = [manager, none], strict = true');
    expect(paramValues(params)).toEqual({ maxFreeDays: 5, minSkinRatio: 0.25, levels: ['manager', 'none'], strict: true });
    expect(formatParams({})).toBe('');
  });

  it('bind as CEL literals: a double stays a double, a list a list', () => {
    const run = (when: string, params: Record<string, { value: number | string | boolean | (string | number)[]; numberKind?: 'int' | 'double' }>, partner: Record<string, unknown>) => evaluateLogic(compileCondition(when, params), { partner });
    expect(run('partner.value.revenue >= params.min', { min: { value: 6, numberKind: 'double' } }, { value: { revenue: 6.5 } })).toMatchObject({ kind: 'value', value: true });
    expect(run('partner.conduct.qualityIncidents >= params.n', { n: { value: 2 } }, { conduct: { qualityIncidents: 2n } })).toMatchObject({ kind: 'value', value: true });
    expect(run('partner.sponsor.level in params.levels', { levels: { value: ['manager', 'none'] } }, { sponsor: { level: 'none' } })).toMatchObject({ kind: 'value', value: true });
    expect(run('partner.name == params.name', { name: { value: 'Say "hi"' } }, { name: 'Say "hi"' })).toMatchObject({ kind: 'value', value: true });
    expect(run('partner.keyPeople.singleContact == params.flag', { flag: { value: false } }, { keyPeople: { singleContact: false } })).toMatchObject({ kind: 'value', value: true });
  });

  it('name the params a rule declares when it uses another, with the nearest', () => {
    expect(compileError(() => compileCondition('partner.conduct.qualityIncidents >= params.maxIncident', { maxIncidents: { value: 2 }, other: { value: 1 } }))).toBe('expected a param of this rule, got params.maxIncident (did you mean params.maxIncidents? its params: maxIncidents, other)');
    expect(compileError(() => compileCondition('partner.conduct.qualityIncidents >= params.n'))).toBe('expected a param of this rule, got params.n (it declares no params)');
    expect(compileError(() => compileCondition('params == 1', { n: { value: 1 } }))).toBe('expected params.<name>, got params on its own');
  });
});

describe('profile data in CEL', () => {
  it('has whole numbers as CEL ints and other numbers as doubles, following the format', () => {
    const cel = toCelValue({ name: 'P', conduct: { qualityIncidents: 2, escalations: [{ raised: '2026-01-01', summary: 's' }] }, value: { revenue: 1000, referralsToUs: 3 }, investments: [{ by: 'us', kind: 'capital', amount: 5 }] }, partnerSchema) as Record<string, Record<string, unknown>>;
    expect(cel.conduct!.qualityIncidents).toBe(2n);
    expect(cel.value).toEqual({ revenue: 1000, referralsToUs: 3n });
    expect(cel.investments).toEqual([{ by: 'us', kind: 'capital', amount: 5 }]);
    expect(toCelValue({ a: [1, { b: 2 }] }, undefined)).toEqual({ a: [1, { b: 2 }] });
  });
});
