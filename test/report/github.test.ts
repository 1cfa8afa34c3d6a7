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

  it('annotate what changed since a revision: worse to NO-GO an error, worse a warning, better or new a notice, first of all', () => {
    const report = reportOfTexts({ 'p.yaml': 'version: 1\npartner: { name: P, marketing: { mentionsUs: true, linksToUs: false } }\n' });
    const t = (name: string, before: 'GO' | 'CONDITIONAL' | 'NO-GO' | null, after: 'GO' | 'CONDITIONAL' | 'NO-GO' | null, change: 'new' | 'deleted' | 'worse' | 'better' | 'unchanged') => ({ kind: 'partner' as const, key: name.toLowerCase(), name, file: `${name.toLowerCase()}.yaml`, line: 2, column: 3, before, after, change, scoreBefore: null, scoreAfter: null, because: [] });
    report.transitions = [t('Sinking', 'GO', 'NO-GO', 'worse'), t('Slipping', 'GO', 'CONDITIONAL', 'worse'), t('Rising', 'NO-GO', 'GO', 'better'), t('Fresh', null, 'GO', 'new'), t('Same', 'GO', 'GO', 'unchanged'), t('Gone', 'GO', null, 'deleted')];
    const lines = renderGithub(report, renderOptions()).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '::error file=sinking.yaml,line=2,col=3,title=partner-eval%3A Sinking GO → NO-GO::Sinking: GO → NO-GO',
      '::warning file=slipping.yaml,line=2,col=3,title=partner-eval%3A Slipping GO → CONDITIONAL::Slipping: GO → CONDITIONAL',
      '::notice file=rising.yaml,line=2,col=3,title=partner-eval%3A Rising NO-GO → GO::Rising: NO-GO → GO',
      '::notice file=fresh.yaml,line=2,col=3,title=partner-eval%3A Fresh new → GO::Fresh: new, GO',
    ]);
    expect(lines.filter((l) => /Same|Gone/.test(l))).toEqual([]);
    // Then the partner's own annotations: its unsettled verdict, then its flag.
    expect(lines[4]).toMatch(/^::warning file=p\.yaml,line=2,col=1,title=P%3A CONDITIONAL%2C unsettled/);
    expect(lines[5]).toMatch(/^::warning file=p\.yaml,line=2,col=34,title=CONDITIONAL P%3A Mentions us without a link \(missing-backlink%2C medium\)::/);
  });

  it('show 10 annotations per level and count the rest in one notice', () => {
    // Twelve partners with a high flag each, and one with a medium: twelve errors, a warning.
    const texts = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}.yaml`, `version: 1\npartner: { name: P${i}, sponsor: { level: vp, active: false } }\n`]));
    texts['m.yaml'] = 'version: 1\npartner: { name: M, marketing: { mentionsUs: true, linksToUs: false } }\n';
    const lines = renderGithub(reportOfTexts(texts), renderOptions()).trimEnd().split('\n');
    const count = (level: string) => lines.filter((l) => l.startsWith(`::${level} file=`)).length;
    const errors = count('error');
    const hidden = lines.find((l) => l.startsWith('::notice title=partner-eval::'))!;
    expect(errors).toBe(10);
    expect(count('warning')).toBe(10);
    const shown = lines.filter((l) => /^::(error|warning|notice) file=/.test(l)).length;
    const all = reportOfTexts(texts);
    // Every partner is unsettled (a warning each) and flagged; what is not shown is counted.
    const total = all.partners.length + all.partners.flatMap((p) => p.findings).filter((f) => f.outcome === 'flagged' && f.severity !== 'green').length;
    expect(hidden).toBe(`::notice title=partner-eval::${total - shown} more finding(s) are not shown as annotations (GitHub shows 10 per level); the job summary has them all.`);
  });

  it('say when a flag counts again because its waiver expired, and what to ask for instead', () => {
    const text = 'version: 1\npartner:\n  name: W\n  marketing: { mentionsUs: true, linksToUs: false }\n  waivers:\n    - { rule: missing-backlink, reason: later, expires: 2026-01-31, approvedBy: ceo }\n';
    const line = renderGithub(reportOfTexts({ 'w.yaml': text }), renderOptions()).split('\n').find((l) => l.includes('missing-backlink'))!;
    expect(line).toMatch(/^::warning file=w\.yaml,line=4,col=16,title=CONDITIONAL W%3A Mentions us without a link \(missing-backlink%2C medium\)::They use our name or results without a link to us\.%0AThe waiver expired on 2026-01-31\.%0AAsk instead: Ask for a link to us/);
  });

  it('report a file that could not be judged as an error at its line', () => {
    const out = renderGithub(reportOfTexts({ 'bad.yaml': 'version: 1\npartner: { name: A, type: shop }\n' }), renderOptions());
    expect(out).toMatch(/^::error file=bad\.yaml,line=2,col=\d+,title=partner-eval%3A invalid profile::partner\.type: expected one of/m);
  });
});
