// Backtest: rule precision and recall, and the verdict's agreement, counted from known outcomes.
import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/engine/backtest.js';
import { buildReport } from '../../src/engine/report-model.js';
import { assessFacts, goodPartner as sound, rubric, TODAY, type Facts } from '../helpers/assess.js';

function history(partners: { id: string; result?: 'success' | 'failure' | 'mixed'; facts?: Facts }[]) {
  const assessed = partners.map(({ id, result, facts }) => ({ ...assessFacts({ ...sound, ...facts, ...(result ? { outcome: { status: 'ended', result } } : {}) }), id }));
  return backtest(buildReport(assessed, [], rubric(), { verbose: true, today: TODAY, problems: [] }), rubric());
}

describe('backtest', () => {
  const past = () => history([
    { id: 'grabby', result: 'failure', facts: { conduct: { ...sound.conduct, valueGrabAttempts: 1 } } },
    { id: 'quiet', result: 'failure', facts: { keyPeople: { singleContact: true } } },
    { id: 'good', result: 'success' },
    { id: 'one-person-shop', result: 'success', facts: { keyPeople: { singleContact: true } } },
    { id: 'meh', result: 'mixed', facts: { keyPeople: {} } },
    { id: 'current' },
  ]);
  const ruleOf = (bt: ReturnType<typeof past>) => (id: string) => bt.rules.find((r) => r.ruleId === id)!;

  it('counts only partnerships with a recorded outcome', () => {
    const bt = past();
    expect(bt.partners.map((p) => p.id)).toEqual(['grabby', 'quiet', 'good', 'one-person-shop', 'meh']);
    expect(bt.withoutOutcome).toBe(1);
    expect(bt.outcomes).toEqual({ failure: 2, success: 2, mixed: 1 });
  });

  it('gives a warning sign its precision (flagged that failed) and recall (failures it flagged)', () => {
    const bt = past();
    const rule = ruleOf(bt);
    // Flagged one failure and nothing else: every flag was right, half the failures caught.
    expect(rule('value-grab')).toMatchObject({ foretells: 'failure', precision: 1, recall: 0.5 });
    expect(rule('value-grab').counts.failure).toEqual({ flagged: 1, unknown: 0, passed: 1, notApplicable: 0 });
    // Flagged a failure and a success: half its flags were right.
    expect(rule('key-person-dependency')).toMatchObject({ precision: 0.5, recall: 0.5 });
    expect(rule('key-person-dependency').counts.mixed).toEqual({ flagged: 0, unknown: 1, passed: 0, notApplicable: 0 });
  });

  it('has no precision for a rule that never flagged, and counts deal rules as not applicable without deals', () => {
    const bt = past();
    const rule = ruleOf(bt);
    expect(rule('thin-deal')).toMatchObject({ precision: null, recall: 0 });
    expect(rule('thin-deal').counts.success.notApplicable).toBe(2);
  });

  it('turns green signals around: they foretell success', () => {
    const bt = past();
    const rule = ruleOf(bt);
    expect(rule('engaged-partner')).toMatchObject({ foretells: 'success', recall: 1 });
    expect(rule('engaged-partner').counts.failure.flagged).toBe(2);
    expect(rule('engaged-partner').precision).toBeCloseTo(2 / 4);
  });

  it('compares verdicts with outcomes: NO-GO for failure, CONDITIONAL for mixed, GO for success', () => {
    const bt = past();
    const verdicts = Object.fromEntries(bt.partners.map((p) => [p.id, p.verdict]));
    expect(verdicts).toEqual({ grabby: 'CONDITIONAL', quiet: 'GO', good: 'GO', 'one-person-shop': 'GO', meh: 'GO' });
    expect(bt.verdicts.matrix.GO).toEqual({ failure: 1, success: 2, mixed: 1 });
    expect(bt.verdicts.agreement).toEqual({ agreeing: 2, of: 5, rate: 0.4 });
    expect(bt.verdicts.failuresStopped).toEqual({ stopped: 1, of: 2 });
    expect(bt.verdicts.successesRefused).toEqual({ refused: 0, of: 2 });
    expect(bt.partners.find((p) => p.id === 'grabby')).toMatchObject({ agrees: false, flagged: ['value-grab'] });
  });
});
