import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report-model.js';
import type { Transition } from '../../src/engine/transitions.js';
import type { Finding } from '../../src/engine/types.js';
import { command, escapeData, escapeProperty, renderGithub } from '../../src/report/github.js';
import { EXAMPLES, renderOptions, reportOfFiles, reportOfTexts } from '../helpers/report.js';

describe('GitHub workflow commands', () => {
  it('escape data as GitHub documents: %, CR and LF', () => {
    expect(escapeData('100% sure\r\nnext')).toBe('100%25 sure%0D%0Anext');
  });

  it('make every other acting character visible: the log renders terminal colours', () => {
    expect(escapeData('GO\x1b[32m\x07 \u202e')).toBe('GO\\x1b[32m\\x07 \\u202e');
  });

  it('escape properties too: colon and comma separate them', () => {
    expect(escapeProperty('a: b, c%\n')).toBe('a%3A b%2C c%25%0A');
  });

  it('put file, line, col and title in the command', () => {
    expect(command({ level: 'error', file: 'profiles/a,b.yaml', line: 3, column: 5, title: 'NO-GO A: x', message: 'one\ntwo' })).toBe('::error file=profiles/a%2Cb.yaml,line=3,col=5,title=NO-GO A%3A x::one%0Atwo');
  });

  // Made in each test, not when the file is collected: mutation testing (docs/mutation.md) turns a
  // mutant on only for the tests themselves.
  const examplesLines = () => renderGithub(reportOfFiles(EXAMPLES), renderOptions()).trimEnd().split('\n');

  it('show the most severe first, at most 10 per level, and count the rest in a notice that is itself shown', () => {
    const lines = examplesLines();
    const levels = lines.filter((l) => /^::(error|warning|notice) /.test(l)).map((l) => l.slice(2, l.indexOf(' ')));
    // The notice that counts the rest is one of the 10 notices GitHub shows.
    for (const level of ['error', 'warning', 'notice']) expect(levels.filter((l) => l === level).length).toBeLessThanOrEqual(10);
    expect(lines.at(-2)).toMatch(/^::notice title=partner-eval::\d+ more finding\(s\) are not shown as annotations \(GitHub shows 10 of each level per step\); the same command with `--format json --output report.json` writes all of them\.$/);
    expect(lines[0]).toMatch(/^::error file=examples\/acme\.yaml,line=25,col=3,title=NO-GO Acme Storage%3A No skin in the game \(no-skin-in-the-game%2C blocker\)::/);
    expect(levels.indexOf('warning')).toBeGreaterThan(levels.lastIndexOf('error'));
    expect(lines.at(-1)).toBe('partner-eval: 7 partner(s): 3 NO-GO, 2 CONDITIONAL, 2 GO; 7 deal(s): 4 NO-GO, 1 CONDITIONAL, 2 GO; 0 invalid file(s).');
  });

  it('say where the rest are: the job summary when it holds them all, else a command that writes them', () => {
    const report = reportOfFiles(EXAMPLES);
    const notice = (stepSummary?: 'whole' | 'folded') => renderGithub(report, { ...renderOptions(), ...(stepSummary ? { stepSummary } : {}) }).trimEnd().split('\n').at(-2)!;
    expect(notice('whole')).toMatch(/; the job summary lists them all\.$/);
    expect(notice('folded')).toMatch(/; the job summary lists the worst of them, and the same command with `--format json --output report.json` writes all of them\.$/);
  });

  it('warn at the partner when its verdict is unsettled, naming the questions that decide it', () => {
    const out = renderGithub(reportOfTexts({ 'p/nimbus.yaml': 'version: 1\npartner: { name: Nimbus, type: technology }\n' }), renderOptions());
    const warning = out.split('\n').find((l) => l.startsWith('::warning'))!;
    expect(warning).toMatch(/^::warning file=p\/nimbus\.yaml,line=2,col=1,title=Nimbus%3A CONDITIONAL%2C unsettled%3A NO-GO at worst%2C GO at best; 22 facts decide it::Score —, no fact known yet; 0–100 until 30 facts are known\.%0AFind out: What has each side put into this partnership so far/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('partner-eval: 1 partner(s): 0 NO-GO, 1 CONDITIONAL, 0 GO; 1 unsettled; 0 invalid file(s).');
  });

  it('report a file that could not be judged as an error at its line', () => {
    const out = renderGithub(reportOfTexts({ 'bad.yaml': 'version: 1\npartner: { name: A, type: shop }\n' }), renderOptions());
    expect(out).toMatch(/^::error file=bad\.yaml,line=2,col=\d+,title=partner-eval%3A invalid profile::partner\.type: expected one of/m);
  });
});

describe('GitHub annotations, counted and ordered', () => {
  /** A report of one settled partner whose flags are `severities`, each at its own line. */
  const withFlags = (severities: Finding['severity'][], extra: Partial<Finding> = {}): Report => {
    const report = structuredClone(reportOfTexts({ 'p.yaml': 'version: 1\npartner: { name: P }\n' }));
    const partner = report.partners[0]!;
    partner.range = { ...partner.range, settled: true };
    partner.openQuestions = [];
    partner.findings = severities.map((severity, i) => ({ ruleId: `rule-${i}`, title: `Rule ${i}`, scope: 'partner', severity, outcome: 'flagged', evidence: [{ file: 'p.yaml', line: i + 1, column: 1, path: 'partner.x' }], message: `message ${i}`, ...extra }));
    return report;
  };
  const levels = (out: string) => out.split('\n').filter((l) => l.startsWith('::')).map((l) => l.slice(2, l.indexOf(' ')));
  const count = (out: string, level: string) => levels(out).filter((l) => l === level).length;
  const severities = (errors: number, warnings: number, notices: number): Finding['severity'][] => [...Array<'high'>(errors).fill('high'), ...Array<'medium'>(warnings).fill('medium'), ...Array<'low'>(notices).fill('low')];
  const shown = (errors: number, warnings: number, notices: number) => {
    const out = renderGithub(withFlags(severities(errors, warnings, notices)), renderOptions());
    const rest = /::(\d+) more finding\(s\) are not shown/.exec(out)?.[1];
    return [count(out, 'error'), count(out, 'warning'), count(out, 'notice'), rest === undefined ? null : Number(rest)];
  };

  it('keep the notice that counts the rest among the 10 notices GitHub shows, whichever level overflows', () => {
    expect(shown(12, 0, 10)).toEqual([10, 0, 10, 3]);
    expect(shown(0, 12, 10)).toEqual([0, 10, 10, 3]);
    expect(shown(0, 0, 11)).toEqual([0, 0, 10, 2]);
    expect(shown(11, 0, 0)).toEqual([10, 0, 1, 1]);
  });

  it('count nothing when every level fits, even at 10 each', () => {
    expect(shown(10, 10, 10)).toEqual([10, 10, 10, null]);
    expect(shown(1, 0, 0)).toEqual([1, 0, 0, null]);
  });

  it('annotate red flags only: no green signal, and no passed, unknown or waived finding', () => {
    const report = withFlags(['low']);
    const partner = report.partners[0]!;
    const base = partner.findings[0]!;
    partner.findings.push({ ...base, ruleId: 'green', severity: 'green' }, { ...base, ruleId: 'passed', severity: 'high', outcome: 'passed' }, { ...base, ruleId: 'unknown', severity: 'high', outcome: 'unknown' }, { ...base, ruleId: 'waived', severity: 'high', outcome: 'waived' });
    expect(levels(renderGithub(report, renderOptions()))).toEqual(['notice']);
  });

  it('say in a flag\'s message what it found, that its waiver expired, and what to ask instead, a line each', () => {
    const out = renderGithub(withFlags(['medium'], { expiredWaiver: { reason: 'r', expires: '2026-01-31', approvedBy: 'ceo' }, mitigation: 'Ask for a link.' }), renderOptions());
    expect(out.split('\n')[0]).toBe('::warning file=p.yaml,line=1,col=1,title=CONDITIONAL P%3A Rule 0 (rule-0%2C medium)::message 0%0AThe waiver expired on 2026-01-31.%0AAsk instead: Ask for a link.');
    expect(renderGithub(withFlags(['medium']), renderOptions()).split('\n')[0]).toMatch(/::message 0$/);
  });

  it('put verdict changes first, then unreadable files, then flags by severity, an unsettled verdict beside the highs', () => {
    const report = withFlags(['medium', 'blocker', 'high']);
    const partner = report.partners[0]!;
    partner.range = { ...partner.range, settled: false };
    partner.openQuestions = [{ field: 'partner.x', question: 'What is x?', rules: ['rule-0'], possibleSeverity: 'blocker', swing: 51, decidesVerdict: true }];
    report.problems = [{ code: 'invalid-value', file: 'bad.yaml', line: 3, column: 4, path: 'partner.type', message: 'expected one of a, b, got "c"' }];
    const worse: Transition = { kind: 'partner', key: 'p', name: 'P', file: 'p.yaml', line: 2, column: 1, before: 'GO', after: 'NO-GO', change: 'worse', scoreBefore: 100, scoreAfter: 40, because: [] };
    const better: Transition = { ...worse, key: 'q', name: 'Q', before: 'NO-GO', after: 'CONDITIONAL', change: 'better' };
    const softer: Transition = { ...worse, key: 'r', name: 'R', before: 'GO', after: 'CONDITIONAL' };
    const quiet = (['unchanged', 'deleted', 'renamed'] as const).map((change): Transition => ({ ...worse, key: change, name: change, change }));
    report.transitions = [better, ...quiet, worse, softer];
    const titles = renderGithub(report, renderOptions()).split('\n').filter((l) => l.startsWith('::')).map((l) => `${l.slice(2, l.indexOf(' '))} ${decodeURIComponent(/title=([^:]*)::/.exec(l)![1]!.replaceAll('%2C', ','))}`);
    expect(titles).toEqual([
      'notice partner-eval: Q NO-GO → CONDITIONAL',
      'error partner-eval: P GO → NO-GO',
      'warning partner-eval: R GO → CONDITIONAL',
      'error partner-eval: invalid profile',
      'error CONDITIONAL P: Rule 1 (rule-1, blocker)',
      'warning P: CONDITIONAL, unsettled: NO-GO at worst, GO at best; 1 fact decides it',
      'error CONDITIONAL P: Rule 2 (rule-2, high)',
      'warning CONDITIONAL P: Rule 0 (rule-0, medium)',
    ]);
  });

  it('name a deal with its partner', () => {
    const out = renderGithub(reportOfTexts({ 'p.yaml': 'version: 1\npartner: { name: P }\nopportunities:\n  - { name: One, value: 100000, marginPercent: 10 }\n' }), renderOptions());
    expect(out).toMatch(/title=[A-Z-]+ P → One%3A /);
  });
});
