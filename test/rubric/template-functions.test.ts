// The functions rubric placeholders may call: each prints what a reader of the message expects.
import { describe, expect, it } from 'vitest';
import { compileCondition, compileTemplate, evaluateLogic, evaluationContext, presenceOf, renderTemplate, toCelValue } from '../../src/rubric/cel.js';
import { formatMoney } from '../../src/util/money.js';

const render = (text: string, partner: Record<string, unknown> = {}, currency = 'USD') => renderTemplate(compileTemplate(text), evaluationContext({ partner }, currency));

describe('template functions', () => {
  it('fixedDown never rounds a ratio up to the threshold it is under', () => {
    expect(render('{{ fixedDown(0.2499, 2) }}')).toBe('0.24');
    expect(render('{{ fixedDown(0.25, 2) }}')).toBe('0.25');
    expect(render('{{ fixed(0.2499, 2) }}')).toBe('0.25');
  });

  it('percent keeps one decimal when it is not whole, so 0.4% is not 0%', () => {
    expect(render('{{ percent(0.25) }}')).toBe('25%');
    expect(render('{{ percent(0.125) }}')).toBe('12.5%');
    expect(render('{{ percent(0.004) }}')).toBe('0.4%');
  });

  it('money shows cents only under one unit: a token $0.40 is not $0', () => {
    expect(formatMoney(0.4, 'USD')).toBe('$0.40');
    expect(formatMoney(1234.4, 'USD')).toBe('$1,234');
    expect(formatMoney(0, 'USD')).toBe('$0');
  });

  it('money prints in the currency it is evaluated with, never a default', () => {
    const amount = { investments: [] };
    expect(render('{{ money(1200.0) }}', amount, 'EUR')).toBe('€1,200');
    expect(render('{{ money(1200) }}', amount, 'CHF')).toBe('1,200 CHF');
    expect(render('{{ money(1200.0) }}', amount, 'USD')).toBe('$1,200');
  });

  it('plural agrees with its count', () => {
    const sent = (n: bigint) => render("{{ plural(partner.value.referralsFromUs, 'opportunity', 'opportunities') }}", { value: { referralsFromUs: n } });
    expect([sent(1n), sent(5n), sent(0n)]).toEqual(['1 opportunity', '5 opportunities', '0 opportunities']);
  });

  it('seniority ranks sponsor levels, none lowest', () => {
    const higher = (a: string, b: string) => evaluateLogic(compileCondition('seniority(partner.sponsor.previous.level) > seniority(partner.sponsor.level)'), { partner: { sponsor: { level: b, previous: { level: a } } } });
    expect(higher('vp', 'manager')).toMatchObject({ kind: 'value', value: true });
    expect(higher('manager', 'none')).toMatchObject({ kind: 'value', value: true });
    expect(higher('director', 'c-level')).toMatchObject({ kind: 'value', value: false });
  });

  it('fixedDown rounds a negative value toward zero too, and a float just under a step stays on it', () => {
    expect(render('{{ fixedDown(-0.2499, 2) }}')).toBe('-0.24');
    // -0.29 is -0.28999999999999998 as a double: still -0.29, not -0.28.
    expect(render('{{ fixedDown(-0.29, 2) }}')).toBe('-0.29');
    expect(render('{{ fixedDown(0.29, 2) }}')).toBe('0.29');
  });

  it('prints values in words: yes and no, lists joined, nothing known as unknown, anything else as a value', () => {
    expect(render('{{ [1, 2.5, true, false, "x"] }}')).toBe('1, 2.5, yes, no, x');
    expect(render('{{ null }}')).toBe('unknown');
    expect(render('{{ {"a": 1} }}')).toBe('(a value)');
  });
});

describe('the data a rule reads', () => {
  it('says a path is absent where a map on the way is missing or null, and blocked where it runs into a value', () => {
    expect(presenceOf({ partner: { sponsor: null } }, 'partner.sponsor.level')).toBe('absent');
    expect(presenceOf({ partner: {} }, 'partner.sponsor.level')).toBe('absent');
    expect(presenceOf({ partner: { owner: undefined } }, 'partner.owner')).toBe('absent');
    expect(presenceOf({ partner: { owner: 'cto' } }, 'partner.owner.name')).toBe('blocked');
    expect(presenceOf({ partner: { investments: [] } }, 'partner.investments.first')).toBe('blocked');
    expect(presenceOf({ partner: { owner: 'cto' } }, 'partner.owner')).toBe('present');
  });

  it('is copied as plain data where no schema names it: own keys only, no prototype from the input', () => {
    const tricky = Object.assign(Object.create({ inherited: true }) as object, { own: { list: [1, { deep: 'x' }] } });
    const copied = toCelValue(tricky, undefined) as Record<string, unknown>;
    expect(copied).toEqual({ own: { list: [1, { deep: 'x' }] } });
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect('inherited' in copied).toBe(false);
    expect(toCelValue(null, undefined)).toBeNull();
  });
});
