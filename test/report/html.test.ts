// The HTML report as a file: self-contained, escaped, and carrying the same facts as the others.
import { describe, expect, it } from 'vitest';
import { balanceChart, escapeHtml, renderHtml, scoreChart } from '../../src/report/html.js';
import { buildReport } from '../../src/engine/report-model.js';
import { ruleInfos } from '../../src/report/index.js';
import { assessFacts, rubric, TODAY } from '../helpers/assess.js';

function html(partner: Record<string, unknown>): string {
  const assessed = assessFacts(partner);
  return renderHtml(buildReport([assessed], [], rubric(), { verbose: false, today: TODAY, problems: [] }), { rules: ruleInfos(rubric()), color: false, verbose: false, quiet: false, points: rubric().points, thresholds: rubric().thresholds });
}

describe('the HTML report', () => {
  const evil = () => html({
    name: 'Evil <script>alert(1)</script> & Co',
    investments: [{ by: 'us', kind: 'lab-hardware', amount: 48000 }, { by: 'partner', kind: 'marketing', amount: 2000, note: '"><img src=x onerror=alert(1)>' }],
    marketing: { mentionsUs: true, linksToUs: false, listsUsAsPartner: false },
  });

  it('fetches nothing: no script, no external link, and a policy that forbids loading any', () => {
    const page = evil();
    expect(page).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(new Set(page.match(/https?:\/\/[^"\s<]+/g))).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  });

  it('escapes every text from the profile', () => {
    const page = evil();
    expect(page).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(page).not.toContain('<script>alert(1)');
  });

  it('states the verdict, the money and the flags with what to ask instead', () => {
    const page = evil();
    // $2,000 against our $48,000 is a token: a blocker, settled whatever is still open.
    expect(page).toMatch(/<span class="verdict no-go" data-verdict="NO-GO">NO-GO<\/span> <span class="score">score 49 on what is known; 0–49 until \d+ facts are known<\/span><\/h2>/);
    // The range is drawn on the score bar.
    expect(page).toMatch(/<rect class="range" x="270" y="[\d.]+" width="161.7" height="28" rx="3"><title>Until the open questions are answered: 0 \(NO-GO\) at worst, 49 \(NO-GO\) at best<\/title>/);
    expect(page).toContain('We put in <strong>$48,000</strong> · the partner <strong>$2,000</strong> · skin ratio <strong>0.04</strong>');
    expect(page).toMatch(/<strong>No skin in the game<\/strong> <code class="rule-id">no-skin-in-the-game<\/code>/);
    expect(page).toContain('<strong>Ask instead:</strong> Commit nothing more until the partner matches it');
    // NO-GO already: no question decides the verdict, each could still add a red flag.
    expect(page).not.toContain('Find out first');
    expect(page).toMatch(/<h4>\d+ could add red flags<\/h4><ol class="questions"><li class=""><span class="severity blocker">blocker<\/span> How many times has the partner tried/);
  });
});

describe('the charts', () => {
  it('draw one bar per counted finding, sized by its points, and the score', () => {
    const findings = [
      { ruleId: 'a', title: 'A blocker', scope: 'partner' as const, outcome: 'flagged' as const, severity: 'blocker' as const, evidence: [] },
      { ruleId: 'b', title: 'A low', scope: 'partner' as const, outcome: 'flagged' as const, severity: 'low' as const, evidence: [] },
      { ruleId: 'c', title: 'Waived', scope: 'partner' as const, outcome: 'waived' as const, severity: 'high' as const, evidence: [] },
      { ruleId: 'd', title: 'Good', scope: 'partner' as const, outcome: 'flagged' as const, severity: 'green' as const, evidence: [] },
    ];
    const svg = scoreChart(findings, 49, rubric(), 'X');
    const widths = [...svg.matchAll(/<rect class="bar[^"]*" x="\d+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // 3.3 px a point: blocker 40, low 3, green 5, then the score 49. The waived flag counts nothing.
    expect(widths).toEqual([132, 9.9, 16.5, 161.7]);
    expect(svg).toContain('100 − 43 for flags + 5 for green signals = 62, kept below 50, as a blocker is flagged: 49.');
    expect(svg).toContain('NO-GO below 50');
    // A rule with points of its own is drawn at those: the low rule "b" made to cost 20.
    const tuned = scoreChart(findings, 45, { points: rubric().points, rules: [{ id: 'b', points: 20 }], thresholds: rubric().thresholds }, 'X');
    expect([...tuned.matchAll(/<rect class="bar[^"]*" x="\d+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([132, 66, 16.5, 148.5]);
  });

  it('draw ours and theirs per kind on one scale, then the totals', () => {
    const svg = balanceChart([{ kind: 'capital', ours: 40000, theirs: 10000 }, { kind: 'training', ours: 0, theirs: 20000 }], 'EUR', 'X');
    const bars = [...svg.matchAll(/<rect class="bar (ours|theirs)" x="\d+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    // The largest amount (the total of ours, 40,000) spans 380 px.
    expect(bars).toEqual(['ours 380', 'theirs 95', 'ours 0', 'theirs 190', 'ours 380', 'theirs 285']);
    expect(svg).toContain('€30,000');
    expect(svg).toContain('aria-label="X: we put in €40,000, the partner €30,000"');
  });
});

describe('escapeHtml', () => {
  it('shows terminal escapes as text, and keeps line breaks as character references', () => {
    expect(escapeHtml('GO\x1b[32m\x07 <b>\n')).toBe('GO\\x1b[32m\\x07 &lt;b&gt;&#10;');
  });
});
