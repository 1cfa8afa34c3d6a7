import { describe, expect, it } from 'vitest';
import { problemsThatFail, reachesFailOn, type Report } from '../../src/engine/report-model.js';
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

describe('transitions of a rename', () => {
  // The before side is loaded by the file's new name (check does so for what git saw renamed), so
  // the id that defaults to the file name follows the file.
  const conditional = good.replace('active: true', 'active: false');

  it('are `renamed` when the verdict stayed, with the old name', () => {
    const before = reportOfTexts({ 'p/brightline-cabling.yaml': good });
    const after = reportOfTexts({ 'p/brightline-cabling.yaml': good });
    const found = computeTransitions(before, after, new Set(['p/brightline-cabling.yaml']), { renamedFrom: new Map([['p/brightline-cabling.yaml', 'p/brightline.yaml']]) });
    expect(found).toMatchObject([{ key: 'brightline-cabling', change: 'renamed', renamedFrom: 'p/brightline.yaml', before: 'GO', after: 'GO' }]);
    expect(describeTransition(found[0]!)).toBe('Brightline: renamed from p/brightline.yaml, GO');
  });

  it('are `worse` (or `better`) when the verdict moved too, and still say where the file was', () => {
    const before = reportOfTexts({ 'p/b2.yaml': good });
    const after = reportOfTexts({ 'p/b2.yaml': conditional });
    const [t] = computeTransitions(before, after, new Set(['p/b2.yaml']), { renamedFrom: new Map([['p/b2.yaml', 'p/b.yaml']]) });
    expect(t).toMatchObject({ change: 'worse', renamedFrom: 'p/b.yaml' });
    expect(describeTransition(t!)).toMatch(/^Brightline: GO → CONDITIONAL \(renamed from p\/b\.yaml\), because sponsor-departed \(high\) is flagged/);
  });
});

describe('transitions when the rubric changed', () => {
  it('also cover the entities whose judgement moved, and only those, whatever files changed', () => {
    const texts = { 'p/b.yaml': good, 'p/c.yaml': good.replace('Brightline', 'C'), 'p/d.yaml': good.replace('Brightline', 'D').replace('active: true', 'active: false') };
    const before = reportOfTexts(texts);
    const after = reportOfTexts({ ...texts, 'p/d.yaml': texts['p/d.yaml'].replace('active: false', 'active: false\n    # only a comment') });
    // A verdict that did not move is left out unless its file changed; one that moved (here, as a
    // new rubric would move it) is in.
    const moved: Report = { ...after, partners: after.partners.map((p) => (p.id === 'c' ? { ...p, verdict: 'NO-GO' as const } : p)) };
    expect(computeTransitions(before, moved, new Set(), { everyJudgement: true }).map((t) => `${t.key} ${t.change}`)).toEqual(['c worse']);
    expect(computeTransitions(before, moved, new Set(['p/d.yaml']), { everyJudgement: true }).map((t) => `${t.key} ${t.change}`)).toEqual(['c worse', 'd unchanged']);
    expect(computeTransitions(before, moved, new Set())).toEqual([]);
  });
});

describe('--fail-on worse', () => {
  const noGo = good.replace('valueGrabAttempts: 0', 'valueGrabAttempts: 2');
  const gate = (before: Record<string, string>, after: Record<string, string>, changed: string[], newAt?: 'no-go' | 'conditional') => {
    const a = reportOfTexts(after);
    const report: Report = { ...a, transitions: computeTransitions(reportOfTexts(before), a, new Set(changed)) };
    return reachesFailOn(report, 'worse', newAt ? { newAt } : {});
  };

  it('passes an edit that keeps a NO-GO a NO-GO, and fails one that makes a verdict worse', () => {
    expect(gate({ 'p/b.yaml': noGo }, { 'p/b.yaml': `# reviewed again\n${noGo}` }, ['p/b.yaml'])).toBe(false);
    expect(gate({ 'p/b.yaml': good }, { 'p/b.yaml': noGo }, ['p/b.yaml'])).toBe(true);
    expect(gate({ 'p/b.yaml': good }, { 'p/b.yaml': good.replace('active: true', 'active: false') }, ['p/b.yaml'])).toBe(true);
    expect(gate({ 'p/b.yaml': noGo }, { 'p/b.yaml': good }, ['p/b.yaml'])).toBe(false);
    expect(gate({ 'p/b.yaml': noGo }, {}, ['p/b.yaml'])).toBe(false);
  });

  it('fails a new partner at the failing level: no-go by default, the config\'s when it says more', () => {
    const conditional = good.replace('active: true', 'active: false');
    expect(gate({}, { 'p/b.yaml': noGo }, ['p/b.yaml'])).toBe(true);
    expect(gate({}, { 'p/b.yaml': conditional }, ['p/b.yaml'])).toBe(false);
    expect(gate({}, { 'p/b.yaml': conditional }, ['p/b.yaml'], 'conditional')).toBe(true);
    expect(gate({}, { 'p/b.yaml': good }, ['p/b.yaml'], 'conditional')).toBe(false);
  });

  it('counts only problems of files that became invalid, and every refused file', () => {
    const report = reportOfTexts({ 'p/old.yaml': 'version: 1\npartner: { name: X, type: shop }\n', 'p/new.yaml': 'version: 1\npartner: { name: Y, type: shop }\n' });
    const since = { revision: 'main', commit: 'c', mergeBase: 'c', changedFiles: ['p/new.yaml', 'p/old.yaml'], renamed: [], rubricChanged: false, configChanged: false, invalidBefore: ['p/old.yaml'] };
    expect(problemsThatFail({ ...report, changedSince: since }, 'worse').map((p) => p.file)).toEqual(['p/new.yaml']);
    expect(problemsThatFail({ ...report, changedSince: since }, 'no-go').map((p) => p.file).sort()).toEqual(['p/new.yaml', 'p/old.yaml']);
    const refused = { ...report.problems[0]!, code: 'outside-repository' as const, file: 'p/old.yaml' };
    expect(problemsThatFail({ ...report, problems: [refused], changedSince: since }, 'worse')).toHaveLength(1);
  });
});
