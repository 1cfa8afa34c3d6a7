import { describe, expect, it } from 'vitest';
import { command, escapeData, escapeProperty, renderGithub } from '../../src/report/github.js';
import { partnerFacts } from '../helpers/assess.js';
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

  const examples = () => renderGithub(reportOfFiles(EXAMPLES), renderOptions()).trimEnd().split('\n');

  it('show the most severe first, at most 10 per level, and count the rest', () => {
    const lines = examples();
    const levels = lines.filter((l) => /^::(error|warning|notice) file=/.test(l)).map((l) => l.slice(2, l.indexOf(' ')));
    for (const level of ['error', 'warning', 'notice']) expect(levels.filter((l) => l === level).length).toBeLessThanOrEqual(10);
    expect(lines[0]).toMatch(/^::error file=examples\/acme\.yaml,line=25,col=3,title=NO-GO Acme Storage%3A No skin in the game \(no-skin-in-the-game%2C blocker\)::/);
    expect(levels.indexOf('warning')).toBeGreaterThan(levels.lastIndexOf('error'));
    expect(lines.at(-2)).toMatch(/^::notice title=partner-eval::\d+ more finding\(s\) are not shown/);
    expect(lines.at(-1)).toBe('partner-eval: 7 partner(s): 3 NO-GO, 2 CONDITIONAL, 2 GO; 7 deal(s): 4 NO-GO, 1 CONDITIONAL, 2 GO; 0 invalid file(s).');
  });

  it('warn at the partner when its verdict is unsettled, naming the questions that decide it', () => {
    const report = reportOfTexts({ 'p/nimbus.yaml': 'version: 1\npartner: { name: Nimbus, type: technology }\n' });
    const out = renderGithub(report, renderOptions());
    const warning = out.split('\n').find((l) => l.startsWith('::warning'))!;
    const deciding = report.partners[0]!.openQuestions.filter((q) => q.decidesVerdict).length;
    expect(deciding).toBeGreaterThan(1);
    expect(warning).toContain(`::warning file=p/nimbus.yaml,line=2,col=1,title=Nimbus%3A CONDITIONAL%2C unsettled%3A NO-GO at worst%2C GO at best; ${deciding} facts decide it::Score —, no fact known yet; 0–100 until ${partnerFacts()} facts are known.%0AFind out: What has each side put into this partnership so far`);
    expect(warning.split('%0AFind out: ')).toHaveLength(deciding + 1);
    expect(out.trimEnd().split('\n').at(-1)).toBe('partner-eval: 1 partner(s): 0 NO-GO, 1 CONDITIONAL, 0 GO; 1 unsettled; 0 invalid file(s).');
  });

  it('make blocker and high flags errors, medium ones warnings and low ones notices; green signals are no annotation', () => {
    const text = 'version: 1\npartner:\n  name: Levels\n  sponsor: { level: vp, active: false }\n  marketing: { mentionsUs: true, linksToUs: false }\n  agreement: { advanceNotice: false }\n  control: { customerContact: direct }\nopportunities:\n  - name: Locked\n    customer: { prefersIncumbent: true, evaluatesBidsSeriously: false }\n';
    const out = renderGithub(reportOfTexts({ 'levels.yaml': text }), renderOptions());
    const level = (rule: string) => out.split('\n').filter((l) => l.includes(`(${rule}%2C`)).map((l) => l.slice(2, l.indexOf(' ')));
    expect(level('preferred-vendor-lock')).toEqual(['error']);
    expect(level('sponsor-departed')).toEqual(['error']);
    expect(level('missing-backlink')).toEqual(['warning']);
    expect(level('no-advance-notice')).toEqual(['notice']);
    expect(level('direct-customer-access')).toEqual([]);
    // The most severe first: the blocker, then the high, the medium and the low.
    const order = out.split('\n').filter((l) => /\((preferred-vendor-lock|sponsor-departed|missing-backlink|no-advance-notice)%2C/.test(l)).map((l) => /\(([a-z-]+)%2C/.exec(l)![1]);
    expect(order).toEqual(['preferred-vendor-lock', 'sponsor-departed', 'missing-backlink', 'no-advance-notice']);
  });

  it('report a file that could not be judged as an error at its line', () => {
    const out = renderGithub(reportOfTexts({ 'bad.yaml': 'version: 1\npartner: { name: A, type: shop }\n' }), renderOptions());
    expect(out).toMatch(/^::error file=bad\.yaml,line=2,col=\d+,title=partner-eval%3A invalid profile::partner\.type: expected one of/m);
  });
});
