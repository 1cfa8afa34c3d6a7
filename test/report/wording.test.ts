// The report model's words every reporter shares: what a deal asks, the totals, a score's span.
import { describe, expect, it } from 'vitest';
import { describeAsk, describeAtRisk, describeTotals, scoreAndSpan } from '../../src/report/wording.js';
import { buildReport, FAIL_ON, reachesFailOn } from '../../src/engine/report-model.js';
import type { OpportunityAssessment, PartnerAssessment } from '../../src/engine/evaluate.js';
import { assessDirect, assessFacts, goodDeal, goodPartner, partnerYaml, rubric, rubricOf, TODAY } from '../helpers/assess.js';
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

describe('--fail-on', () => {
  const report = (partners: PartnerAssessment[], direct: OpportunityAssessment[] = []) => buildReport(partners, direct, rubric(), { verbose: false, today: TODAY });
  /** The --fail-on levels the report fails at, in the documented order. */
  const failsAt = (r: ReturnType<typeof report>) => FAIL_ON.filter((level) => reachesFailOn(r, level));
  const { engagement, sponsor: _, ...withoutSponsor } = goodPartner;

  it('fails no level for a settled GO', () => {
    expect(failsAt(report([assessFacts(goodPartner, [goodDeal])]))).toEqual([]);
  });

  it('does not fail at unknown for a GO whose open questions are only green signals: no answer can change it', () => {
    const a = assessFacts({ ...goodPartner, engagement: { ...engagement, jointSolution: undefined } });
    expect([a.verdict, a.range.settled, a.openQuestions.map((q) => q.possibleSeverity)]).toEqual(['GO', true, ['green']]);
    expect(failsAt(report([a]))).toEqual([]);
  });

  it('fails at unknown, and only there, for a GO that an open question could still take away (decideOn: blockers)', () => {
    const relaxed = rubricOf('version: 1\nname: relaxed\nextends: [default]\ndecideOn: blockers\n');
    const a = assessFacts(withoutSponsor, [goodDeal], TODAY, relaxed);
    expect([a.verdict, a.range.settled]).toEqual(['GO', false]);
    expect(failsAt(report([a]))).toEqual(['unknown']);
  });

  it('fails at conditional and unknown for a CONDITIONAL, at every level but never for a NO-GO', () => {
    const conditional = assessFacts({ ...goodPartner, sponsor: { level: 'vp', active: false } });
    expect(conditional.verdict).toBe('CONDITIONAL');
    expect(failsAt(report([conditional]))).toEqual(['conditional', 'unknown']);
    const noGo = assessFacts({ ...goodPartner, conduct: { ...goodPartner.conduct, valueGrabAttempts: 3 } });
    expect(noGo.verdict).toBe('NO-GO');
    expect(failsAt(report([noGo]))).toEqual(['no-go', 'conditional', 'unknown']);
  });

  it("counts a partner's deals and direct deals: one NO-GO deal of a GO partner fails the run", () => {
    const partner = assessFacts(goodPartner, [goodDeal, { ...goodDeal, customer: { prefersIncumbent: true, evaluatesBidsSeriously: false } }]);
    expect([partner.verdict, partner.opportunities.map((o) => o.verdict)]).toEqual(['GO', ['GO', 'NO-GO']]);
    expect(failsAt(report([partner]))).toEqual(['no-go', 'conditional', 'unknown']);
    const direct = assessDirect({ ...goodDeal, customer: { prefersIncumbent: true, evaluatesBidsSeriously: false } });
    expect(failsAt(report([assessFacts(goodPartner)], [direct]))).toEqual(['no-go', 'conditional', 'unknown']);
  });

  it('never fails for an ended partnership or its deals: history, kept for backtest', () => {
    const bad = { ...goodPartner, conduct: { ...goodPartner.conduct, valueGrabAttempts: 3 }, outcome: { status: 'ended', ended: '2026-01-10', result: 'failure' } };
    const ended = assessFacts(bad, [{ ...goodDeal, customer: { prefersIncumbent: true, evaluatesBidsSeriously: false } }]);
    expect([ended.verdict, ended.opportunities[0]!.verdict]).toEqual(['NO-GO', 'NO-GO']);
    expect(failsAt(report([ended]))).toEqual([]);
    // Status alone says ended: an active partnership with the same flags fails, and so does one that says nothing.
    const { outcome: _o, ...silent } = bad;
    expect(failsAt(report([assessFacts(silent)]))).toEqual(['no-go', 'conditional', 'unknown']);
    expect(failsAt(report([assessFacts({ ...silent, outcome: { status: 'active' } })]))).toEqual(['no-go', 'conditional', 'unknown']);
  });
});
