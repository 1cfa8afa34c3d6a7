// How every report words a judgement: the score and its range, an unsettled verdict, the groups of
// open questions and the verdict policy (src/engine/judgement.ts).
import { describe, expect, it } from 'vitest';
import { describePolicy, describeRange, describeUnsettled, FIND_OUT, judge, questionGroups, type OpenQuestion } from '../../src/engine/judgement.js';
import type { Finding } from '../../src/engine/types.js';
import { DEFAULT_POINTS, DEFAULT_THRESHOLDS } from '../../src/rubric/load.js';

const rubric = { points: DEFAULT_POINTS, thresholds: DEFAULT_THRESHOLDS, rules: [], decideOn: 'worst-case' as const };
const bound = (score: number, verdict: 'GO' | 'CONDITIONAL' | 'NO-GO' = 'GO') => ({ score, verdict });
const question = (field: string, possibleSeverity: OpenQuestion['possibleSeverity'], decidesVerdict = false): OpenQuestion => ({ field, question: `${field}?`, rules: ['r'], possibleSeverity, swing: 0, decidesVerdict });

describe('describeRange', () => {
  it('is the score alone when nothing is open', () => {
    expect(describeRange({ score: 92, range: { worst: bound(92), best: bound(92), settled: true }, openQuestions: [] })).toBe('92/100');
  });

  it('says the score cannot move when no answer would change it, in the singular and the plural', () => {
    expect(describeRange({ score: 0, range: { worst: bound(0, 'NO-GO'), best: bound(0, 'NO-GO'), settled: true }, openQuestions: [question('a', 'high')] })).toBe('0/100, whatever the open fact turns out to be');
    expect(describeRange({ score: 0, range: { worst: bound(0, 'NO-GO'), best: bound(0, 'NO-GO'), settled: true }, openQuestions: [question('a', 'high'), question('b', 'low')] })).toBe('0/100, whatever the 2 open facts turn out to be');
  });

  it('gives the range until the facts are known, one fact or several', () => {
    expect(describeRange({ score: 100, range: { worst: bound(74, 'CONDITIONAL'), best: bound(100), settled: false }, openQuestions: [question('a', 'high')] })).toBe('100 on what is known; 74–100 until 1 fact is known');
    expect(describeRange({ score: 92, range: { worst: bound(49, 'NO-GO'), best: bound(97), settled: false }, openQuestions: [question('a', 'blocker'), question('b', 'green'), question('c', 'low')] })).toBe('92 on what is known; 49–97 until 3 facts are known');
  });

  it('gives no score while nothing is known: a score of nothing is no score', () => {
    const open = { score: 100, range: { worst: bound(0, 'NO-GO'), best: bound(100), settled: false }, openQuestions: [question('a', 'blocker'), question('b', 'high')] };
    expect(describeRange({ ...open, facts: { known: 0 } })).toBe('—, no fact known yet; 0–100 until 2 facts are known');
    expect(describeRange({ ...open, facts: { known: 1 } })).toBe('100 on what is known; 0–100 until 2 facts are known');
  });
});

describe('describeUnsettled', () => {
  it('names the worst and the best verdict, and says nothing of a settled one', () => {
    expect(describeUnsettled({ worst: bound(0, 'NO-GO'), best: bound(100), settled: false })).toBe('unsettled: NO-GO at worst, GO at best');
    expect(describeUnsettled({ worst: bound(60, 'CONDITIONAL'), best: bound(70, 'CONDITIONAL'), settled: true })).toBe('');
  });
});

describe('questionGroups', () => {
  it('puts the questions that decide the verdict first, then those that could add red flags, then green signals', () => {
    const qs = [question('a', 'green', true), question('b', 'low'), question('c', 'green'), question('d', 'blocker', true), question('e', 'medium')];
    const { deciding, lowering, rest } = questionGroups(qs);
    expect([deciding.map((q) => q.field), lowering.map((q) => q.field), rest.map((q) => q.field)]).toEqual([['a', 'd'], ['b', 'e'], ['c']]);
  });
});

describe('describePolicy', () => {
  it('says what may hold a GO back under each policy', () => {
    expect(describePolicy('blockers')).toBe('decideOn: blockers — a GO on the known facts is held at CONDITIONAL only while an open question could reveal a blocker.');
    expect(describePolicy('worst-case')).toBe('decideOn: worst-case — GO only when the known facts give GO and every open question, answered badly, still would; otherwise CONDITIONAL until they are known.');
  });
});

describe('the conditions for GO', () => {
  let n = 0;
  const f = (severity: Finding['severity'], outcome: Finding['outcome'], extra: Partial<Finding> = {}): Finding => ({ ruleId: `r${n++}`, title: 't', scope: 'partner', severity, outcome, evidence: [], ...extra });

  it('start with the facts to find out, then the mitigations of the red flags that count, each once', () => {
    const findings = [
      f('medium', 'flagged', { mitigation: 'Get a written agreement.' }),
      f('low', 'flagged', { mitigation: 'Get a written agreement.' }),
      f('high', 'waived', { mitigation: 'Not asked: waived.' }),
      f('green', 'flagged', { mitigation: 'Not asked: a green signal.' }),
      f('medium', 'unknown', { possibleSeverity: 'blocker', missing: ['partner.x'], question: 'What is x?' }),
    ];
    const j = judge(findings, rubric, () => undefined);
    expect(j.conditions).toEqual([`${FIND_OUT}What is x?`, 'Get a written agreement.']);
  });

  it('ask under decideOn: blockers only for a fact that could reveal a blocker, while the known facts give GO', () => {
    const findings = [f('medium', 'unknown', { possibleSeverity: 'high', missing: ['partner.h'], question: 'h?' }), f('medium', 'unknown', { possibleSeverity: 'blocker', missing: ['partner.b'], question: 'b?' })];
    expect(judge(findings, { ...rubric, decideOn: 'blockers' }, () => undefined).conditions).toEqual([`${FIND_OUT}b?`]);
    // Already CONDITIONAL on what is known: every fact that decides the verdict is worth finding out.
    const conditional = [f('high', 'flagged'), f('medium', 'unknown', { possibleSeverity: 'blocker', missing: ['partner.b'], question: 'b?' }), f('green', 'unknown', { missing: ['partner.g'], question: 'g?' })];
    expect(judge(conditional, { ...rubric, decideOn: 'blockers' }, () => undefined).conditions).toEqual([`${FIND_OUT}b?`]);
  });
});

describe('open questions', () => {
  let n = 0;
  const unknown = (possibleSeverity: Finding['severity'], fields: string[], extra: Partial<Finding> = {}): Finding => ({ ruleId: `u${n++}`, title: 't', scope: 'partner', severity: possibleSeverity === 'green' ? 'green' : 'medium', outcome: 'unknown', evidence: [], possibleSeverity, missing: fields, question: `${fields.join(' ')}?`, ...extra });

  it('come in order: those that decide the verdict, then by what they could cost, then the most severe', () => {
    const j = judge([unknown('low', ['partner.low']), unknown('medium', ['partner.medium']), unknown('blocker', ['partner.blocker']), unknown('green', ['partner.green'])], rubric, () => undefined);
    expect(j.openQuestions.map((q) => [q.field, q.decidesVerdict, q.swing])).toEqual([['partner.blocker', true, 51], ['partner.medium', false, 8], ['partner.low', false, 3], ['partner.green', false, 0]]);
  });

  it('use the rubric\'s wording of a question when the catalogue has none, and "What is …?" when nobody words it', () => {
    const j = judge([unknown('high', ['partner.custom'], { question: 'Does the custom fact hold?' }), unknown('low', ['partner.unworded'], { question: undefined })], rubric, () => undefined);
    expect(j.openQuestions.map((q) => q.question)).toEqual(['Does the custom fact hold?', 'What is partner.unworded?']);
    expect(judge([unknown('high', ['partner.custom'])], rubric, (field) => `Catalogue: ${field}?`).openQuestions[0]!.question).toBe('Catalogue: partner.custom?');
  });

  it('name a fact once for every rule it settles, at the most severe of them', () => {
    const j = judge([unknown('low', ['partner.shared'], { ruleId: 'one' }), unknown('high', ['partner.shared', 'partner.other'], { ruleId: 'two' }), unknown('medium', ['partner.shared'], { ruleId: 'two' })], rubric, () => undefined);
    expect(j.openQuestions.find((q) => q.field === 'partner.shared')).toMatchObject({ rules: ['one', 'two'], possibleSeverity: 'high' });
    expect(j.openQuestions.find((q) => q.field === 'partner.other')).toMatchObject({ rules: ['two'], possibleSeverity: 'high' });
  });

  it('include the facts of a flag whose escalation is open, and not of a settled one', () => {
    const rising: Finding = { ruleId: 'rising', title: 't', scope: 'partner', severity: 'high', outcome: 'flagged', evidence: [], possibleSeverity: 'blocker', missing: ['partner.more'] };
    const settled: Finding = { ruleId: 'settled', title: 't', scope: 'partner', severity: 'high', outcome: 'flagged', evidence: [], missing: [] };
    expect(judge([rising, settled], rubric, () => undefined).openQuestions.map((q) => q.field)).toEqual(['partner.more']);
  });
});
