// Score and verdict exactly as docs/rules.md says, at every boundary; then the judgement on open
// facts: the range, the questions, and the verdict the policy reports.
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/engine/judgement.js';
import { scoreBreakdown, scoreOf, verdictOf } from '../../src/engine/score.js';
import type { Finding } from '../../src/engine/types.js';
import { DEFAULT_POINTS, DEFAULT_THRESHOLDS } from '../../src/rubric/load.js';

const rubric = { points: DEFAULT_POINTS, thresholds: DEFAULT_THRESHOLDS, rules: [], decideOn: 'worst-case' as const };
let n = 0;
const finding = (severity: Finding['severity'], outcome: Finding['outcome'] = 'flagged', extra: Partial<Finding> = {}): Finding => ({ ruleId: `rule-${n++}`, title: 't', scope: 'partner', severity, outcome, evidence: [], ...extra });
const known = (findings: Finding[]) => {
  const score = scoreOf(findings, rubric);
  return { score, verdict: verdictOf(findings, score, rubric) };
};
/** An unknown finding missing one field, at the severity it could reach. */
const unknown = (possibleSeverity: Finding['severity'], field: string, extra: Partial<Finding> = {}) => finding(possibleSeverity === 'green' ? 'green' : 'medium', 'unknown', { possibleSeverity, missing: [field], question: `${field}?`, ...extra });

describe('score', () => {
  it('starts at 100 and takes the points of each counted flag', () => {
    expect(known([]).score).toBe(100);
    expect(known([finding('medium'), finding('low')]).score).toBe(100 - 8 - 3);
  });
  it('adds green points but never above 100, and never goes below 0', () => {
    expect(known([finding('medium'), finding('medium'), finding('green')]).score).toBe(89);
    expect(known([finding('green'), finding('green')]).score).toBe(100);
    expect(known([finding('blocker'), finding('blocker'), finding('blocker')]).score).toBe(0);
  });
  it('stays inside the band of the verdict the flags give, whatever the green signals add', () => {
    const greens = Array.from({ length: 8 }, () => finding('green'));
    expect(known([finding('blocker'), ...greens])).toEqual({ score: 49, verdict: 'NO-GO' });
    expect(known([finding('high'), ...greens])).toEqual({ score: 74, verdict: 'CONDITIONAL' });
    // 100 means no red flag counted.
    expect(known([finding('low'), ...greens])).toEqual({ score: 99, verdict: 'GO' });
    expect(known([finding('low', 'waived'), ...greens])).toEqual({ score: 100, verdict: 'GO' });
  });
  it("counts a rule's own points, when the rubric gives it some, instead of its severity's", () => {
    const tuned = { ...rubric, rules: [{ id: 'costly', points: 30 }, { id: 'strong-sign', points: 12 }] as never[] };
    const f = [finding('medium', 'flagged', { ruleId: 'costly' }), finding('medium'), finding('green', 'flagged', { ruleId: 'strong-sign' })];
    expect(scoreOf(f, tuned)).toBe(100 - 30 - 8 + 12);
  });
  it('does not count waived, unknown, passed or not-applicable outcomes', () => {
    expect(known([finding('high', 'waived'), finding('high', 'unknown'), finding('high', 'passed'), finding('high', 'not-applicable')]).score).toBe(100);
  });
});

describe('how a score is reached', () => {
  it('says what was taken and added, and which flag caps it', () => {
    expect(scoreBreakdown([finding('medium'), finding('high'), finding('blocker'), finding('green')], rubric)).toEqual({ taken: 63, added: 5, raw: 42, cap: { at: 49, by: 'blocker' }, score: 42 });
    expect(scoreBreakdown([finding('low'), finding('high'), finding('green'), finding('green')], rubric)).toEqual({ taken: 18, added: 10, raw: 92, cap: { at: 74, by: 'high' }, score: 74 });
    expect(scoreBreakdown([finding('low'), finding('medium'), finding('green')], rubric)).toEqual({ taken: 11, added: 5, raw: 94, cap: { at: 99, by: 'red flag' }, score: 94 });
    expect(scoreBreakdown([finding('green'), finding('low', 'waived')], rubric)).toEqual({ taken: 0, added: 5, raw: 105, cap: undefined, score: 100 });
  });

  it('caps at the first flag that sets the lowest cap, whatever the order', () => {
    expect(scoreBreakdown([finding('high'), finding('blocker'), finding('high')], rubric).cap).toEqual({ at: 49, by: 'blocker' });
    // With equal thresholds a high caps where a blocker does; the first to get there names the cap.
    const equal = { ...rubric, thresholds: { go: 60, noGo: 60 } };
    expect(scoreBreakdown([finding('high'), finding('blocker')], equal).cap).toEqual({ at: 59, by: 'high' });
  });
});

describe('verdict on the known facts', () => {
  it('is NO-GO with a blocker even for a rubric whose noGo is 0', () => {
    const lenient = { ...rubric, thresholds: { go: 10, noGo: 0 } };
    const findings = [finding('blocker')];
    const score = scoreOf(findings, lenient);
    expect([score, verdictOf(findings, score, lenient)]).toEqual([0, 'NO-GO']);
    const high = [finding('high')];
    expect(verdictOf(high, scoreOf(high, lenient), lenient)).toBe('CONDITIONAL');
    // And at best CONDITIONAL with a high even where go is 0.
    const lax = { ...rubric, thresholds: { go: 0, noGo: 0 } };
    expect(verdictOf(high, scoreOf(high, lax), lax)).toBe('CONDITIONAL');
  });

  it('is GO at 75 and CONDITIONAL at 74', () => {
    const lows = (k: number) => Array.from({ length: k }, () => finding('low'));
    expect(known([...lows(8), finding('green')])).toEqual({ score: 81, verdict: 'GO' });
    expect(known([...lows(5), finding('medium'), finding('medium')])).toEqual({ score: 100 - 15 - 16, verdict: 'CONDITIONAL' });
    expect(verdictOf([], 75, rubric)).toBe('GO');
    expect(verdictOf([], 74, rubric)).toBe('CONDITIONAL');
  });
  it('is CONDITIONAL at 50 and NO-GO at 49', () => {
    expect(verdictOf([], 50, rubric)).toBe('CONDITIONAL');
    expect(verdictOf([], 49, rubric)).toBe('NO-GO');
  });
  it('is NO-GO with a flagged blocker, whatever the score', () => {
    expect(verdictOf([finding('blocker'), finding('green')], 100, rubric)).toBe('NO-GO');
  });
  it('is at best CONDITIONAL with a flagged high', () => {
    expect(known([finding('high')])).toEqual({ score: 74, verdict: 'CONDITIONAL' });
  });
  it('is not held back by a waived blocker', () => {
    expect(known([finding('blocker', 'waived')])).toEqual({ score: 100, verdict: 'GO' });
  });
  it("honours a rubric's own thresholds", () => {
    expect(verdictOf([], 80, { thresholds: { go: 90, noGo: 60 } })).toBe('CONDITIONAL');
  });
});

describe('judgement on open facts', () => {
  it('holds a known GO at CONDITIONAL when the worst case is not GO, and says what to find out first', () => {
    const j = judge([unknown('blocker', 'partner.conduct.valueGrabAttempts'), unknown('medium', 'partner.reviewed')], rubric);
    expect(j).toMatchObject({ verdict: 'CONDITIONAL', knownVerdict: 'GO', score: 100 });
    expect(j.range).toEqual({ worst: { score: 49, verdict: 'NO-GO' }, best: { score: 100, verdict: 'GO' }, settled: false });
    expect(j.openQuestions.map((q) => [q.field, q.decidesVerdict, q.swing])).toEqual([['partner.conduct.valueGrabAttempts', true, 51], ['partner.reviewed', false, 8]]);
    expect(j.conditions).toEqual(['Find out: How many times has the partner tried to take what is ours (customers, IP, staff, our part of a deal)?']);
  });

  it('is GO when no open question, however answered, could take the GO away', () => {
    const j = judge([unknown('medium', 'partner.reviewed'), unknown('low', 'partner.agreement.advanceNotice')], rubric);
    expect(j).toMatchObject({ verdict: 'GO', range: { worst: { score: 89, verdict: 'GO' }, settled: true } });
    expect(j.conditions).toEqual([]);
  });

  it('names the fewest questions that together could take a GO away when no single one can', () => {
    const fields = ['partner.a', 'partner.b', 'partner.c', 'partner.d'];
    const j = judge(fields.map((f) => unknown('medium', f)), rubric);
    expect(j.verdict).toBe('CONDITIONAL');
    expect(j.range.worst).toEqual({ score: 68, verdict: 'CONDITIONAL' });
    // 100 − 8 × 4 = 68 < 75: the fourth tips it; no three would.
    expect(j.openQuestions.filter((q) => q.decidesVerdict).map((q) => q.field)).toEqual(fields);
    const three = judge(fields.slice(0, 3).map((f) => unknown('medium', f)), rubric);
    expect(three.verdict).toBe('GO');
    expect(three.openQuestions.some((q) => q.decidesVerdict)).toBe(false);
  });

  it('asks each absent fact once, naming every rule it would settle, with the most it could cost', () => {
    const j = judge([unknown('high', 'partner.investments', { ruleId: 'x' }), unknown('blocker', 'partner.investments', { ruleId: 'y' }), unknown('green', 'partner.investments', { ruleId: 'z' })], rubric);
    expect(j.openQuestions).toHaveLength(1);
    expect(j.openQuestions[0]).toMatchObject({ field: 'partner.investments', rules: ['x', 'y', 'z'], possibleSeverity: 'blocker', swing: 100 - 45, decidesVerdict: true });
  });

  it('leaves green signals off in the worst case and on in the best', () => {
    const j = judge([finding('medium'), finding('medium'), finding('medium'), unknown('green', 'partner.engagement.jointSolution')], rubric);
    expect(j.range).toEqual({ worst: { score: 76, verdict: 'GO' }, best: { score: 81, verdict: 'GO' }, settled: true });
    expect(j.openQuestions[0]).toMatchObject({ possibleSeverity: 'green', swing: 0, decidesVerdict: false });
  });

  it('marks a green signal that could lift the verdict as deciding, and the verdict unsettled', () => {
    const mediums = Array.from({ length: 4 }, () => finding('medium'));
    const j = judge([...mediums, unknown('green', 'partner.engagement.jointSolution'), unknown('green', 'partner.control.customerContact')], rubric);
    expect(j.verdict).toBe('CONDITIONAL');
    expect(j.range).toMatchObject({ worst: { verdict: 'CONDITIONAL' }, best: { score: 78, verdict: 'GO' }, settled: false });
    expect(j.openQuestions.map((q) => q.decidesVerdict)).toEqual([true, true]);
  });

  it('counts a flag whose escalation is still open at its possible severity in the worst case', () => {
    const rising = finding('high', 'flagged', { possibleSeverity: 'blocker', missing: ['opportunity.customer.prefersIncumbent'], mitigation: 'No custom loans.' });
    const j = judge([rising], rubric);
    expect(j).toMatchObject({ verdict: 'CONDITIONAL', score: 74, range: { worst: { score: 49, verdict: 'NO-GO' }, best: { score: 74, verdict: 'CONDITIONAL' }, settled: false } });
    expect(j.openQuestions).toMatchObject([{ field: 'opportunity.customer.prefersIncumbent', possibleSeverity: 'blocker', swing: 25, decidesVerdict: true }]);
    expect(j.conditions).toEqual(['Find out: Does the customer have a preferred vendor?', 'No custom loans.']);
  });

  it('costs nothing for an unknown that a valid waiver would cover', () => {
    const j = judge([unknown('high', 'partner.marketing.linksToUs', { waiver: { reason: 'r', expires: '2027-01-01', approvedBy: 'ceo' } })], rubric);
    expect(j).toMatchObject({ verdict: 'GO', range: { worst: { score: 100, verdict: 'GO' }, settled: true } });
  });

  it('under decideOn: blockers, holds a GO back only for a possible blocker', () => {
    const relaxed = { ...rubric, decideOn: 'blockers' as const };
    expect(judge([unknown('high', 'partner.a')], relaxed).verdict).toBe('GO');
    expect(judge([unknown('high', 'partner.a')], rubric).verdict).toBe('CONDITIONAL');
    const j = judge([unknown('blocker', 'partner.b'), unknown('high', 'partner.a')], relaxed);
    expect(j.verdict).toBe('CONDITIONAL');
    expect(j.conditions).toEqual(['Find out: partner.b?']);
  });

  it('keeps the verdict the known facts give when they are already worse than GO', () => {
    const j = judge([finding('blocker', 'flagged', { mitigation: 'Walk away.' }), unknown('blocker', 'partner.a')], rubric);
    expect(j).toMatchObject({ verdict: 'NO-GO', range: { worst: { verdict: 'NO-GO' }, best: { verdict: 'NO-GO' }, settled: true } });
  });
});
