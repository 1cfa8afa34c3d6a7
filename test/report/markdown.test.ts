import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { flagCounts, partnerFacts } from '../helpers/assess.js';
import { EXAMPLES, renderOptions, reportOfFiles, reportOfTexts } from '../helpers/report.js';

describe('markdown', () => {
  const examples = () => {
    const report = reportOfFiles(EXAMPLES);
    return { report, md: renderMarkdown(report, renderOptions()) };
  };

  it('leads with the counts, and lists NO-GO before CONDITIONAL before GO', () => {
    const { report, md } = examples();
    expect(md.split('\n')[0]).toBe('## partner-eval: 7 partner(s): 3 NO-GO, 2 CONDITIONAL, 2 GO; 7 deal(s): 4 NO-GO, 1 CONDITIONAL, 2 GO');
    const rows = md.split('\n').filter((l) => /^\| (🔴|🟡|🟢)/.test(l));
    const order = rows.map((r) => r.slice(2, 4));
    expect(order).toEqual([...order].sort((a, b) => ['🔴', '🟡', '🟢'].indexOf(a) - ['🔴', '🟡', '🟢'].indexOf(b)));
    // What we have spent (the ledger), not what its deals ask; the facts known of those the rubric
    // reads, and the partner's own flags (its deals have rows of their own), as the rubric gives them.
    // A `$` is escaped: GitHub reads text between two of them as math.
    const acme = report.partners.find((p) => p.id === 'acme')!;
    expect(acme.facts.known).toBeLessThan(acme.facts.total);
    expect(rows[0]).toBe(`| 🔴 NO-GO | **Acme Storage** | 0 | ${acme.facts.known}/${acme.facts.total} | ${flagCounts(acme.findings)} | \\$75,000 | \`examples/acme.yaml\` |`);
  });

  it('details what needs attention, with evidence and what to ask for', () => {
    const { md } = examples();
    expect(md).toContain('### 🔴 Acme Storage: NO-GO (0/100, whatever the 2 open facts turn out to be)');
    expect(md).toMatch(/- \*\*BLOCKER\*\* No skin in the game `no-skin-in-the-game`: We have put \\\$75,000 .* \(`examples\/acme\.yaml:25`\)\n {2}- \*Ask instead:\* Commit nothing more/);
    expect(md).not.toContain('### 🟢');
  });

  it('says which verdicts are unsettled, with the range and the facts to find out first', () => {
    const out = renderMarkdown(reportOfTexts({ 'nimbus.yaml': 'version: 1\npartner: { name: Nimbus Analytics, type: technology }\n' }), renderOptions());
    expect(out.split('\n')[0]).toBe('## partner-eval: 1 partner(s): 0 NO-GO, 1 CONDITIONAL, 0 GO; 1 unsettled');
    // Every fact the rubric reads is open; the judgement says which decide the verdict.
    const facts = partnerFacts();
    const { openQuestions } = reportOfTexts({ 'nimbus.yaml': 'version: 1\npartner: { name: Nimbus Analytics, type: technology }\n' }).partners[0]!;
    const deciding = openQuestions.filter((q) => q.decidesVerdict).length;
    const green = openQuestions.filter((q) => !q.decidesVerdict && q.possibleSeverity === 'green').length;
    expect([openQuestions.length, deciding > 0, green > 0]).toEqual([facts, true, true]);
    expect(out).toContain(`| 🟡 CONDITIONAL | **Nimbus Analytics** | — (0–100, unsettled) | 0/${facts} |`);
    expect(out).toContain(`### 🟡 Nimbus Analytics: CONDITIONAL (—, no fact known yet; 0–100 until ${facts} facts are known)\n\nUnsettled: NO-GO at worst, GO at best.`);
    expect(out).toContain(`**Find out first:** ${deciding} fact(s) decide the verdict\n\n- ❔ **BLOCKER** What has each side put into this partnership so far`);
    expect(out).toContain(`${facts - deciding} more open question(s): ${facts - deciding - green} could add red flags, ${green} could only add a green signal`);
  });

  it('escapes what would break a table or a list', () => {
    expect(escapeMarkdown('a | b *c* <d>\nnext')).toBe('a \\| b \\*c\\* \\<d\\> next');
    const out = renderMarkdown(reportOfTexts({ 'p.yaml': 'version: 1\npartner: { name: "Pipe | Co", sponsor: { level: manager } }\n' }), renderOptions());
    expect(out).toContain('**Pipe \\| Co**');
  });

  it('lists files that could not be judged', () => {
    const out = renderMarkdown(reportOfTexts({ 'bad.yaml': 'version: 2\n' }), renderOptions());
    expect(out).toContain('### ⛔ Could not judge');
    expect(out).toContain('`bad.yaml:1:10 version: expected 1 (the format version), got 2');
  });
});

describe('the JSON report in pieces', () => {
  it('is the same document as one JSON.stringify', async () => {
    const { jsonChunks } = await import('../../src/report/json.js');
    for (const report of [reportOfFiles(EXAMPLES), reportOfTexts({ 'bad.yaml': 'version: 2\n' })]) {
      const text = [...jsonChunks(report)].join('');
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)));
      expect(text).toBe(`${JSON.stringify(report, null, 2)}\n`);
    }
  });
});
