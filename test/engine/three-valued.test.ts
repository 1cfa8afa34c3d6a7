// Unknown facts follow three-valued logic: unknown only when the missing facts could change the
// result, as CEL's own evaluation of unknowns does.
import { describe, expect, it } from 'vitest';
import { compileCondition, evaluateLogic } from '../../src/rubric/cel.js';

const evaluate = (expression: string, partner: Record<string, unknown>) => evaluateLogic(compileCondition(expression), { partner });

describe('three-valued evaluation', () => {
  it('false && unknown is false', () => {
    expect(evaluate('partner.agreement.written && partner.agreement.nonSolicit', { agreement: { written: false } })).toMatchObject({ kind: 'value', value: false });
    expect(evaluate('partner.agreement.nonSolicit && partner.agreement.written', { agreement: { written: false } })).toMatchObject({ kind: 'value', value: false });
  });

  it('true || unknown is true, and the known fact is the evidence', () => {
    expect(evaluate('partner.agreement.written || partner.agreement.nonSolicit', { agreement: { written: true } })).toEqual({ kind: 'value', value: true, reads: ['partner.agreement.written'] });
  });

  it('true && unknown is unknown, naming only the absent fact', () => {
    expect(evaluate('partner.agreement.written && partner.agreement.nonSolicit', { agreement: { written: true } })).toEqual({ kind: 'unknown', missing: ['partner.agreement.nonSolicit'] });
  });

  it('false || unknown is unknown; !unknown is unknown', () => {
    expect(evaluate('partner.agreement.written || partner.agreement.nonSolicit', { agreement: { written: false } })).toEqual({ kind: 'unknown', missing: ['partner.agreement.nonSolicit'] });
    expect(evaluate('!partner.agreement.nonSolicit', {})).toEqual({ kind: 'unknown', missing: ['partner.agreement.nonSolicit'] });
  });

  it('a comparison with an absent operand is unknown', () => {
    expect(evaluate('partner.value.referralsFromUs >= 3 * partner.value.referralsToUs', { value: { referralsFromUs: 4n } })).toEqual({ kind: 'unknown', missing: ['partner.value.referralsToUs'] });
  });

  it('a ternary with an unknown test is unknown; with a known one, takes its branch', () => {
    expect(evaluate('partner.agreement.written ? partner.agreement.nonSolicit : false', {})).toMatchObject({ kind: 'unknown' });
    expect(evaluate('partner.agreement.written ? partner.agreement.nonSolicit : false', { agreement: { written: false } })).toMatchObject({ kind: 'value', value: false });
  });

  it('in a condition, has() of an absent key is unknown: a fact not recorded is not a "no"', () => {
    expect(evaluate('has(partner.owner)', {})).toEqual({ kind: 'unknown', missing: ['partner.owner'] });
    expect(evaluate('has(partner.owner)', { owner: 'cto' })).toMatchObject({ kind: 'value', value: true });
    // Recording the owner can only settle it, never turn a pass into a flag.
    expect(evaluate('partner.agreement.written || has(partner.owner)', { agreement: { written: false } })).toEqual({ kind: 'unknown', missing: ['partner.owner'] });
    expect(evaluate('has(partner.owner) && partner.agreement.written', { agreement: { written: false } })).toMatchObject({ kind: 'value', value: false });
  });

  it('unknown wins over a condition that cannot apply, as in CEL', () => {
    const result = evaluateLogic(compileCondition('opportunity.ask.tryAndBuy.customized || opportunity.fit.withinOurExpertise'), { opportunity: { ask: { tryAndBuy: false } } });
    expect(result).toEqual({ kind: 'unknown', missing: ['opportunity.fit.withinOurExpertise'] });
  });
});
