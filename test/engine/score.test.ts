// Score and verdict exactly as docs/rules.md says, at every boundary.
import { describe, expect, it } from 'vitest';
import { conditionsOf, scoreOf, verdictOf } from '../../src/engine/score.js';
import type { Finding } from '../../src/engine/types.js';
import { DEFAULT_POINTS, DEFAULT_THRESHOLDS } from '../../src/rubric/load.js';

const rubric = { points: DEFAULT_POINTS, thresholds: DEFAULT_THRESHOLDS, rules: [] };
let n = 0;
const finding = (severity: Finding['severity'], outcome: Finding['outcome'] = 'flagged', extra: Partial<Finding> = {}): Finding => ({ ruleId: `rule-${n++}`, title: 't', scope: 'partner', severity, outcome, evidence: [], ...extra });
const judge = (findings: Finding[]) => {
  const score = scoreOf(findings, rubric);
  return { score, verdict: verdictOf(findings, score, rubric) };
};

describe('score', () => {
  it('starts at 100 and takes the points of each counted flag', () => {
    expect(judge([]).score).toBe(100);
    expect(judge([finding('medium'), finding('low')]).score).toBe(100 - 8 - 3);
  });
  it('adds green points but never above 100, and never goes below 0', () => {
    expect(judge([finding('medium'), finding('green')]).score).toBe(97);
    expect(judge([finding('green'), finding('green')]).score).toBe(100);
    expect(judge([finding('blocker'), finding('blocker'), finding('blocker')]).score).toBe(0);
  });
  it('counts a rule\'s own points, when the rubric gives it some, instead of its severity\'s', () => {
    const tuned = { ...rubric, rules: [{ id: 'costly', points: 30 }, { id: 'strong-sign', points: 12 }] as never[] };
    const f = [finding('medium', 'flagged', { ruleId: 'costly' }), finding('medium'), finding('green', 'flagged', { ruleId: 'strong-sign' })];
    expect(scoreOf(f, tuned)).toBe(100 - 30 - 8 + 12);
  });
  it('does not count waived, unknown, passed or not-applicable outcomes', () => {
    expect(judge([finding('high', 'waived'), finding('high', 'unknown'), finding('high', 'passed'), finding('high', 'not-applicable')]).score).toBe(100);
  });
});

describe('verdict', () => {
  it('is GO at 75 and CONDITIONAL at 74', () => {
    const mediums = (k: number) => Array.from({ length: k }, () => finding('medium'));
    // 100 - 3 × 8 = 76; + one low (3) = 73; so build 75 and 74 from lows and greens.
    expect(judge([...mediums(3), finding('low'), finding('green')]).score).toBe(78);
    expect(judge([finding('low'), finding('low'), finding('low'), ...mediums(2), finding('low'), finding('low')])).toEqual({ score: 100 - 15 - 16, verdict: 'CONDITIONAL' });
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
    expect(judge([finding('high')])).toEqual({ score: 85, verdict: 'CONDITIONAL' });
  });
  it('is at best CONDITIONAL with an unknown blocker, but an unknown high does not hold it back', () => {
    expect(judge([finding('blocker', 'unknown')]).verdict).toBe('CONDITIONAL');
    expect(judge([finding('high', 'unknown')]).verdict).toBe('GO');
  });
  it('is not held back by a waived blocker', () => {
    expect(judge([finding('blocker', 'waived')])).toEqual({ score: 100, verdict: 'GO' });
  });
  it('honours a rubric\'s own thresholds', () => {
    expect(verdictOf([], 80, { thresholds: { go: 90, noGo: 60 } })).toBe('CONDITIONAL');
  });
});

describe('conditions', () => {
  it('lists the mitigations of flags and the questions of unknown blockers', () => {
    const conditions = conditionsOf([finding('high', 'flagged', { mitigation: 'Get it in writing.' }), finding('blocker', 'unknown', { question: 'Do they evaluate bids?' }), finding('medium', 'unknown', { question: 'Ignored?' }), finding('green', 'flagged', { mitigation: 'n/a' })]);
    expect(conditions).toEqual(['Get it in writing.', 'Answer: Do they evaluate bids?']);
  });
});
