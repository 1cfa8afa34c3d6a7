// The open questions of a judgement (src/engine/judgement.ts): which facts count as open, the order
// a CEO is asked them in, and which of them decide the verdict, alone or only together.
import { describe, expect, it } from 'vitest';
import { judge, type JudgingRubric } from '../../src/engine/judgement.js';
import type { Finding } from '../../src/engine/types.js';
import { DEFAULT_POINTS, DEFAULT_THRESHOLDS } from '../../src/rubric/load.js';

const rubric: JudgingRubric = { points: DEFAULT_POINTS, thresholds: DEFAULT_THRESHOLDS, rules: [], decideOn: 'worst-case' };
const relaxed: JudgingRubric = { ...rubric, decideOn: 'blockers' };
let n = 0;
const finding = (severity: Finding['severity'], outcome: Finding['outcome'] = 'flagged', extra: Partial<Finding> = {}): Finding => ({ ruleId: `rule-${n++}`, title: 't', scope: 'partner', severity, outcome, evidence: [], ...extra });
/** An unknown finding missing one field, at the severity it could reach. */
const unknown = (possibleSeverity: Finding['severity'], field: string, extra: Partial<Finding> = {}) => finding(possibleSeverity === 'green' ? 'green' : 'medium', 'unknown', { possibleSeverity, missing: [field], question: `${field}?`, ...extra });
const flags = (count: number, severity: Finding['severity'] = 'medium') => Array.from({ length: count }, () => finding(severity));
const asked = (findings: Finding[], r: JudgingRubric = rubric) => judge(findings, r).openQuestions.map((q) => q.field);
const deciding = (findings: Finding[], r: JudgingRubric = rubric) => judge(findings, r).openQuestions.filter((q) => q.decidesVerdict).map((q) => q.field);

describe('which facts are open questions', () => {
  it('a fact an unknown finding misses, or a flag whose escalation it could still raise', () => {
    expect(asked([unknown('medium', 'partner.a'), finding('high', 'flagged', { possibleSeverity: 'blocker', missing: ['partner.b'] })])).toEqual(['partner.b', 'partner.a']);
  });

  it('not a flag that names a missing fact but cannot rise, nor a finding with nothing missing', () => {
    expect(asked([finding('high', 'flagged', { missing: ['partner.a'] })])).toEqual([]);
    expect(asked([finding('high', 'flagged', { possibleSeverity: 'blocker', missing: [] })])).toEqual([]);
    expect(asked([finding('medium', 'unknown', { possibleSeverity: 'medium', missing: [] })])).toEqual([]);
    expect(asked([finding('medium', 'passed', { missing: ['partner.a'] })])).toEqual([]);
  });

  it("words a question from the field catalogue, else the rule's own question, else the field", () => {
    const [catalogue, own, bare] = judge([
      unknown('low', 'partner.reviewed', { question: 'not this' }),
      unknown('low', 'partner.custom', { question: 'Is it custom?' }),
      unknown('low', 'partner.bare', { question: undefined }),
    ], rubric).openQuestions;
    expect(catalogue!.question).not.toBe('not this');
    expect(own!.question).toBe('Is it custom?');
    expect(bare!.question).toBe('What is partner.bare?');
  });
});

describe('the order of the questions', () => {
  it('those that decide the verdict first, then by what they could cost, most first', () => {
    expect(asked([unknown('low', 'partner.low'), unknown('medium', 'partner.medium'), unknown('blocker', 'partner.blocker')])).toEqual(['partner.blocker', 'partner.medium', 'partner.low']);
  });

  it('at equal cost, the more severe first; at equal severity, in the order the rules ask them', () => {
    const custom: JudgingRubric = { ...rubric, rules: [{ id: 'low-costing-eight', points: 8 }] };
    const j = judge([unknown('low', 'partner.z', { ruleId: 'low-costing-eight' }), unknown('medium', 'partner.y')], custom);
    expect(j.openQuestions.map((q) => [q.field, q.swing])).toEqual([['partner.y', 8], ['partner.z', 8]]);
    expect(asked([unknown('medium', 'partner.z'), unknown('medium', 'partner.a'), unknown('medium', 'partner.m')])).toEqual(['partner.z', 'partner.a', 'partner.m']);
  });

  it('a high that would cap a GO costs what the cap takes, not its points', () => {
    expect(judge([unknown('high', 'partner.h')], rubric).openQuestions[0]).toMatchObject({ swing: 100 - 74, decidesVerdict: true });
  });
});

describe('questions that decide the verdict only together', () => {
  it('are the fewest, costliest first: four mediums take a GO away, a low adds nothing needed', () => {
    const findings = [unknown('low', 'partner.low'), ...['partner.m1', 'partner.m2', 'partner.m3', 'partner.m4', 'partner.m5'].map((f) => unknown('medium', f))];
    // 100 − 4 × 8 = 68 < 75: four of the five mediums are enough, the first four asked.
    expect(deciding(findings)).toEqual(['partner.m1', 'partner.m2', 'partner.m3', 'partner.m4']);
    expect(judge(findings, rubric).verdict).toBe('CONDITIONAL');
  });

  it('are counted with the facts that decide alone answered the other way', () => {
    // The blocker alone could make it NO-GO; were it answered well, the four mediums could still
    // take the GO away: they decide it too.
    const findings = [unknown('blocker', 'partner.b'), ...['partner.m1', 'partner.m2', 'partner.m3', 'partner.m4'].map((f) => unknown('medium', f))];
    expect(deciding(findings)).toEqual(['partner.b', 'partner.m1', 'partner.m2', 'partner.m3', 'partner.m4']);
    // Three mediums could not, whatever the blocker: only the blocker decides.
    expect(deciding(findings.slice(0, 4))).toEqual(['partner.b']);
  });

  it('lift a verdict too: the fewest green signals that together make it GO', () => {
    // 100 − 4 × 8 = 68; two greens of 5 make 78, a GO; one alone makes 73.
    const findings = [...flags(4), unknown('green', 'partner.g1'), unknown('green', 'partner.g2'), unknown('green', 'partner.g3')];
    const j = judge(findings, rubric);
    expect(j.range).toMatchObject({ worst: { verdict: 'CONDITIONAL' }, best: { verdict: 'GO' }, settled: false });
    expect(deciding(findings)).toEqual(['partner.g1', 'partner.g2']);
  });

  it('never include a fact whose answer cannot move the verdict either way', () => {
    // A green signal cannot take a GO away; the mediums can, together.
    const findings = [unknown('green', 'partner.g'), ...['partner.m1', 'partner.m2', 'partner.m3', 'partner.m4'].map((f) => unknown('medium', f))];
    expect(deciding(findings)).toEqual(['partner.m1', 'partner.m2', 'partner.m3', 'partner.m4']);
  });

  it('are none when a verdict is already as bad as its worst case and as good as its best', () => {
    expect(deciding([...flags(1, 'blocker'), unknown('medium', 'partner.a'), unknown('green', 'partner.g')])).toEqual([]);
  });
});

describe('what to find out, and when a GO is held back', () => {
  it('under decideOn: blockers, asks every deciding fact once the known facts are worse than GO', () => {
    // 100 − 5 × 8 = 60, CONDITIONAL; a high could make it 45, NO-GO.
    const j = judge([...flags(5), unknown('high', 'partner.h')], relaxed);
    expect(j).toMatchObject({ verdict: 'CONDITIONAL', knownVerdict: 'CONDITIONAL' });
    expect(j.conditions).toEqual(['Find out: partner.h?']);
  });

  it('under decideOn: blockers, a GO is held back by a flag that could still become a blocker', () => {
    const rising = finding('medium', 'flagged', { possibleSeverity: 'blocker', missing: ['partner.r'], question: 'partner.r?' });
    expect(judge([rising], relaxed)).toMatchObject({ verdict: 'CONDITIONAL', knownVerdict: 'GO', conditions: ['Find out: partner.r?'] });
  });

  it('under decideOn: blockers, a possible blocker a valid waiver covers holds nothing back', () => {
    const covered = unknown('blocker', 'partner.b', { waiver: { reason: 'r', expires: '2027-01-01', approvedBy: 'ceo' } });
    expect(judge([covered], relaxed)).toMatchObject({ verdict: 'GO', conditions: [] });
    expect(judge([covered], rubric)).toMatchObject({ verdict: 'GO', conditions: [] });
  });

  it('under decideOn: blockers, a passed finding that could have been a blocker holds nothing back', () => {
    expect(judge([finding('medium', 'passed', { possibleSeverity: 'blocker' })], relaxed).verdict).toBe('GO');
  });

  it('lists each condition once, the questions before the mitigations', () => {
    const j = judge([finding('medium', 'flagged', { mitigation: 'Get it in writing.' }), finding('low', 'flagged', { mitigation: 'Get it in writing.' }), unknown('blocker', 'partner.b')], rubric);
    expect(j.conditions).toEqual(['Find out: partner.b?', 'Get it in writing.']);
  });
});
