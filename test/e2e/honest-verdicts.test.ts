// Verdicts honest about what is not known, end to end on the built binary: a partner known by its
// name alone is never GO, a partner known and good is a settled GO, and every format says which
// verdicts open questions could still change (test/fixtures/verdicts/).
import { describe, expect, it } from 'vitest';
import { run } from './exec.js';

const TODAY = ['--today', '2026-11-22'];
const ONLY_A_NAME = 'test/fixtures/verdicts/only-a-name.yaml';
const EVERY_FACT_GOOD = 'test/fixtures/verdicts/every-fact-good.yaml';
const HIGHS_OPEN = 'test/fixtures/verdicts/highs-open.yaml';

interface Question { field: string; question: string; rules: string[]; possibleSeverity: string; swing: number; decidesVerdict: boolean }
interface Judged { verdict: string; score: number; range: { worst: { score: number; verdict: string }; best: { score: number; verdict: string }; settled: boolean }; openQuestions: Question[]; facts: { known: number; total: number }; conditions: string[] }
const json = (args: string[]) => JSON.parse(run(['assess', ...args, '--format', 'json', ...TODAY]).stdout) as { partners: (Judged & { opportunities: Judged[] })[]; summary: Record<string, number> };

describe('a partner known only by its name', () => {
  const report = json([ONLY_A_NAME]);
  const nimbus = report.partners[0]!;

  it('is CONDITIONAL and unsettled: NO-GO at worst, GO at best, on a score of 100 for what is known', () => {
    expect(nimbus).toMatchObject({ verdict: 'CONDITIONAL', score: 100, range: { worst: { score: 0, verdict: 'NO-GO' }, best: { score: 100, verdict: 'GO' }, settled: false } });
    expect(nimbus.facts).toEqual({ known: 0, total: nimbus.openQuestions.length });
    expect(report.summary).toMatchObject({ go: 0, conditional: 1, unsettled: 1 });
  });

  it('asks each fact once, those that decide the verdict first, the costliest first among them', () => {
    const fields = nimbus.openQuestions.map((q) => q.field);
    expect(new Set(fields).size).toBe(fields.length);
    const deciding = nimbus.openQuestions.findIndex((q) => !q.decidesVerdict);
    expect(deciding).toBeGreaterThan(0);
    expect(nimbus.openQuestions.slice(deciding).every((q) => !q.decidesVerdict)).toBe(true);
    const swings = nimbus.openQuestions.slice(0, deciding).map((q) => q.swing);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    // The ledger settles three rules and a green signal: it is asked once, first.
    expect(nimbus.openQuestions[0]).toMatchObject({ field: 'partner.investments', rules: ['no-skin-in-the-game', 'unshared-partner-specific-spend', 'absorbing-partner-mistakes', 'joint-investment'], possibleSeverity: 'blocker', decidesVerdict: true });
    expect(nimbus.conditions[0]).toBe('Find out: What has each side put into this partnership so far (capital, hardware, engineering, losses absorbed)?');
  });

  it('says in the table what to find out first, and that the verdict is unsettled', () => {
    const r = run(['assess', ONLY_A_NAME, ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ CONDITIONAL {2}Nimbus Analytics \(only-a-name\)/);
    // Nothing known is no score of 100.
    // The counts are the judgement's (the JSON report's), which the rubric's rules make.
    const facts = nimbus.openQuestions.length;
    const deciding = nimbus.openQuestions.filter((q) => q.decidesVerdict).length;
    const green = nimbus.openQuestions.filter((q) => !q.decidesVerdict && q.possibleSeverity === 'green').length;
    expect([deciding > 1, green > 0, facts - deciding - green > 1]).toEqual([true, true, true]);
    expect(r.stdout).toContain(`  Relationship score —, no fact known yet; 0–100 until ${facts} facts are known. Unsettled: NO-GO at worst, GO at best.\n`);
    expect(r.stdout).toContain(`  Open questions: ${deciding} facts decide the verdict; ${facts - deciding - green} more could add red flags; ${green} more could only add a green signal\n  ▶ BLOCKER  What has each side put into this partnership so far`);
    expect(r.stdout).toContain(`  Conditions for GO\n  - Find out the ${deciding} facts marked ▶ above: they decide whether it can be GO.\n`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 partner(s): 0 GO, 1 CONDITIONAL, 0 NO-GO; 1 unsettled. Rubric default v1, as of 2026-11-22.');
  });

  it('keeps "unsettled" and the range with --quiet, which drops only the questions', () => {
    const r = run(['assess', ONLY_A_NAME, '--quiet', ...TODAY]);
    expect(r.stdout).toContain('Unsettled: NO-GO at worst, GO at best.');
    // The facts to find out are then named in the conditions, not pointed at.
    expect(r.stdout).not.toContain('▶');
    expect(r.stdout).toContain('  Conditions for GO\n  - Find out: What has each side put into this partnership so far');
    expect(run(['assess', ONLY_A_NAME, '--format', 'markdown', '--quiet', ...TODAY]).stdout).toContain('| 🟡 CONDITIONAL | **Nimbus Analytics** | — (0–100, unsettled) |');
  });

  it('fails --fail-on unknown, and passes the default --fail-on no-go', () => {
    expect(run(['assess', ONLY_A_NAME, '--fail-on', 'unknown', ...TODAY]).code).toBe(1);
    expect(run(['assess', ONLY_A_NAME, '--fail-on', 'no-go', ...TODAY]).code).toBe(0);
  });

  it('is an unsettled-verdict result in SARIF and a skipped "verdict" case in JUnit, failed with --fail-on unknown', () => {
    const sarif = JSON.parse(run(['assess', ONLY_A_NAME, '--format', 'sarif', ...TODAY]).stdout) as { runs: { results: { ruleId: string; level: string; message: { text: string }; properties: Record<string, unknown> }[] }[] };
    const unsettled = sarif.runs[0]!.results.filter((r) => r.ruleId === 'unsettled-verdict');
    expect(unsettled).toHaveLength(1);
    expect(unsettled[0]).toMatchObject({ level: 'warning', properties: { verdict: 'CONDITIONAL', range: { worst: { verdict: 'NO-GO' }, settled: false } } });
    expect(unsettled[0]!.message.text).toMatch(/^Nimbus Analytics: CONDITIONAL, unsettled: NO-GO at worst, GO at best\. Find out first: What has each side put into/);
    const junit = run(['assess', ONLY_A_NAME, '--format', 'junit', ...TODAY]).stdout;
    expect(junit).toContain('<property name="settled" value="false"/>');
    expect(junit).toMatch(/<testcase classname="only-a-name" name="verdict" time="0"><skipped message="unsettled: NO-GO at worst, GO at best; these decide it: What has each side put into/);
    const failing = run(['assess', ONLY_A_NAME, '--format', 'junit', '--fail-on', 'unknown', ...TODAY]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/<testcase classname="only-a-name" name="verdict" time="0"><failure type="CONDITIONAL" message="CONDITIONAL \(—, no fact known yet; 0–100 until \d+ facts are known\) reaches --fail-on unknown">/);
  });
});

describe('a partner and deal whose every fact is known and good', () => {
  it('are a settled GO with no open question, and exit 0 even with --fail-on unknown', () => {
    const report = json([EVERY_FACT_GOOD]);
    for (const e of [report.partners[0]!, ...report.partners[0]!.opportunities]) {
      expect(e).toMatchObject({ verdict: 'GO', score: 100, range: { worst: { score: 100, verdict: 'GO' }, best: { score: 100, verdict: 'GO' }, settled: true }, openQuestions: [], conditions: [] });
      expect(e.facts.known).toBe(e.facts.total);
    }
    const r = run(['assess', EVERY_FACT_GOOD, '--fail-on', 'unknown', ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  Relationship score 100/100.\n');
    expect(r.stdout).not.toContain('Open questions');
  });
});

describe('the verdict policy', () => {
  it('holds a GO back for questions whose worst answer is a high, by default', () => {
    const halfway = json([HIGHS_OPEN]).partners[0]!;
    expect(halfway).toMatchObject({ verdict: 'CONDITIONAL', score: 100, range: { worst: { verdict: 'CONDITIONAL' }, settled: false } });
    expect(halfway.openQuestions.map((q) => [q.field, q.possibleSeverity, q.decidesVerdict])).toEqual([
      ['partner.pricing.promotionsLimitedToSelectPartners', 'high', true],
      ['partner.pricing.promotionsAvailableToUs', 'high', true],
      ['partner.marketing.asksUsToPromoteTheirOffers', 'high', true],
    ]);
  });

  it('under decideOn: blockers, holds a GO back only for a possible blocker, and says so', () => {
    const rubric = ['--rubric', 'test/fixtures/verdicts/blockers-only.yaml'];
    expect(json([HIGHS_OPEN, ...rubric]).partners[0]).toMatchObject({ verdict: 'GO', range: { settled: false } });
    expect(json([ONLY_A_NAME, ...rubric]).partners[0]).toMatchObject({ verdict: 'CONDITIONAL' });
    expect(run(['rules', ...rubric]).stdout).toContain('Open questions: decideOn: blockers — a GO on the known facts is held at CONDITIONAL only while an open question could reveal a blocker.');
    expect(run(['rules']).stdout).toContain('Open questions: decideOn: worst-case — GO only when the known facts give GO');
    expect(run(['explain', 'value-grab']).stdout).toMatch(/Unknown: +while a fact it reads is absent, its worst case is a flag at blocker; decideOn: worst-case/);
  });
});

describe('a deal whose escalation is still open', () => {
  it('is flagged at its severity, could be worse, and says which fact decides it', () => {
    const report = json(['test/fixtures/verdicts/open-escalation.yaml']);
    const deal = report.partners[0]!.opportunities[0]!;
    expect(deal).toMatchObject({ verdict: 'CONDITIONAL', range: { worst: { verdict: 'NO-GO' }, settled: false } });
    // How long the loan is does not matter: any unconditional return of a custom system is the lever.
    expect(deal.openQuestions.filter((q) => q.decidesVerdict).map((q) => q.field)).toEqual(['opportunity.customer.prefersIncumbent']);
    const table = run(['assess', 'test/fixtures/verdicts/open-escalation.yaml', ...TODAY]).stdout.replace(/\s+/g, ' ');
    expect(table).toContain('Score 74 on what is known; 49–74 until 1 fact is known. Unsettled: NO-GO at worst, CONDITIONAL at best.');
    expect(table).toMatch(/HIGH Try-and-buy used as price leverage \(try-and-buy-leverage\) .* could be BLOCKER once known: Does the customer have a preferred vendor\?/);
  });
});
