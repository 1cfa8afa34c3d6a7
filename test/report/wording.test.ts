// The report model's words every reporter shares: what a deal asks, the totals, a score's span.
import { describe, expect, it } from 'vitest';
import { describeAsk, describeAtRisk, describeTotals, scoreAndSpan } from '../../src/report/wording.js';
import { assessDirect, assessFacts, goodDeal, goodPartner, partnerYaml } from '../helpers/assess.js';
import { reportOfTexts } from '../helpers/report.js';

describe('describeAsk', () => {
  const ask = (o: Record<string, unknown>) => describeAsk({ ...assessFacts(goodPartner, [{ ...goodDeal, ...o }]).opportunities[0]!, partnerId: 'p' });

  it('says a system on loan is asked for, beside the upfront money', () => {
    const loan = { ask: { tryAndBuy: { systemValue: 400000, customized: false }, freeConsultingDays: 0, showcaseOurBrand: false } };
    expect(ask({ ...loan, commitments: [] })).toBe('this deal asks for a $400,000 system on loan, and no upfront money of either side');
    expect(ask({ ...loan, commitments: [{ by: 'us', kind: 'presales', amount: 20000 }] })).toMatch(/^this deal asks \$20,000 more of us and \$0 of them, and a \$400,000 system on loan \(if we say yes, skin ratio /);
  });

  it('says what is not known, not $0', () => {
    const { commitments: _, ...unknown } = goodDeal as Record<string, unknown>;
    expect(describeAsk(assessDirect(unknown))).toBe('what it asks of each side upfront is not known yet');
  });
});

describe('describeAtRisk', () => {
  it('gives the amount, a floor while a part is open, and says so when nothing is known', () => {
    expect(describeAtRisk({ capitalAtRisk: 400_000, capitalAtRiskComplete: true, currency: 'USD' })).toBe('$400,000');
    expect(describeAtRisk({ capitalAtRisk: 38_000, capitalAtRiskComplete: false, currency: 'USD' })).toBe('at least $38,000');
    expect(describeAtRisk({ capitalAtRisk: 0, capitalAtRiskComplete: false, currency: 'USD' })).toBe('not known yet');
    expect(describeAtRisk({ capitalAtRisk: 0, capitalAtRiskComplete: true, currency: 'USD' })).toBe('$0');
  });
});

describe('describeTotals', () => {
  it('leaves ended partnerships out of the counts, and says so', () => {
    const ended = partnerYaml({ ...goodPartner, name: 'Old', marketing: { ...goodPartner.marketing, linksToUs: false }, sponsor: { level: 'none' }, outcome: { status: 'ended', ended: '2025-01-10', result: 'failure' } });
    const report = reportOfTexts({ 'good.yaml': partnerYaml(goodPartner), 'old.yaml': ended });
    expect(report.summary).toMatchObject({ partners: 2, go: 1, noGo: 0, ended: 1 });
    expect(describeTotals(report)).toBe('1 partner(s): 1 GO, 0 CONDITIONAL, 0 NO-GO; 1 ended partnership(s) left out');
  });
});

describe('scoreAndSpan', () => {
  it('shows the span only when open questions could move the score', () => {
    const settled = { score: 0, range: { worst: { score: 0 }, best: { score: 0 } }, facts: { known: 5, total: 6 }, openQuestions: [{}] } as Parameters<typeof scoreAndSpan>[0];
    expect(scoreAndSpan(settled)).toEqual({ score: '0', span: '' });
    expect(scoreAndSpan({ ...settled, range: { ...settled.range, best: { score: 40 } } as never })).toEqual({ score: '0', span: '0–40' });
    expect(scoreAndSpan({ ...settled, facts: { known: 0, total: 6 } })).toEqual({ score: '—', span: '' });
  });
});
