import { describe, expect, it } from 'vitest';
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
