import { describe, expect, it } from 'vitest';
import { computeTransitions } from '../../src/engine/transitions.js';
import { describeTransition } from '../../src/report/wording.js';
import { goodDeal, goodPartner, partnerYaml } from '../helpers/assess.js';
import { reportOfTexts as reportOf } from '../helpers/report.js';

// Transitions compare every outcome, as `check --changed-since` does.
const reportOfTexts = (texts: Record<string, string>) => reportOf(texts, true);

// Every fact known, so that a verdict moves only with the facts a test changes.
const good = partnerYaml({ ...goodPartner, name: 'Brightline' });

describe('transitions', () => {
  it('name the rule that flipped a verdict', () => {
    const before = reportOfTexts({ 'p/brightline.yaml': good });
    const after = reportOfTexts({ 'p/brightline.yaml': good.replace('valueGrabAttempts: 0', 'valueGrabAttempts: 2') });
    const [t] = computeTransitions(before, after, new Set(['p/brightline.yaml']));
    expect(t).toMatchObject({ key: 'brightline', before: 'GO', after: 'NO-GO', change: 'worse', because: [{ ruleId: 'value-grab', severity: 'blocker', from: 'passed', to: 'flagged' }] });
    expect(describeTransition(t!)).toBe('Brightline: GO → NO-GO, because value-grab (blocker) is flagged: The partner has tried 2 times to take what is ours (customers, IP, staff or our part of a deal).');
  });

  it('say what went away when a verdict improves', () => {
    const before = reportOfTexts({ 'p/b.yaml': good.replace('active: true', 'active: false') });
    const after = reportOfTexts({ 'p/b.yaml': good });
    const [t] = computeTransitions(before, after, new Set(['p/b.yaml']));
    expect(describeTransition(t!)).toBe('Brightline: CONDITIONAL → GO, because sponsor-departed (high) no longer flags (passed) (and 1 more rule change)');
  });

  it('cover new and deleted profiles, and deals whose partner changed', () => {
    const deal = `version: 1\nopportunity: ${JSON.stringify({ ...goodDeal, name: 'Refresh', partner: 'b' })}\n`;
    const before = reportOfTexts({ 'p/b.yaml': good, 'd/refresh.yaml': deal, 'p/old.yaml': 'version: 1\npartner: { name: Old }\n' });
    const after = reportOfTexts({ 'p/b.yaml': good.replace('valueGrabAttempts: 0', 'valueGrabAttempts: 1'), 'd/refresh.yaml': deal, 'p/new.yaml': partnerYaml({ ...goodPartner, name: 'New' }) });
    const found = computeTransitions(before, after, new Set(['p/b.yaml', 'p/old.yaml', 'p/new.yaml']));
    expect(found.map((t) => `${t.key} ${t.change}`)).toEqual(['b worse', 'b/refresh worse', 'new new', 'old deleted']);
    // The deal got worse through its partner: the reason is the relationship's rule.
    expect(found[1]!.because[0]).toMatchObject({ ruleId: 'value-grab', to: 'flagged' });
    // A partner known only by its name was CONDITIONAL: its facts were open.
    expect(describeTransition(found[3]!)).toBe('Old: CONDITIONAL → deleted');
    expect(describeTransition(found[2]!)).toBe('New: new, GO');
  });

  it('leave out what the changed files do not touch', () => {
    const same = reportOfTexts({ 'p/b.yaml': good, 'p/c.yaml': 'version: 1\npartner: { name: C }\n' });
    expect(computeTransitions(same, same, new Set(['p/c.yaml'])).map((t) => `${t.key} ${t.change}`)).toEqual(['c unchanged']);
  });
});
