// The cases a CEO found wrong, each as the built binary now judges them (issue 11).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './exec.js';

const TODAY = ['--today', '2026-11-22'];
interface Deal { name: string; verdict: string; score: number; kind: string; asks: { ours: number; theirs: number } | null; skinRatioIfYes: number | null; findings: { ruleId: string; outcome: string; severity: string; message?: string }[] }
interface Report { partners: { verdict: string; score: number; capital: { ours: number; theirs: number }; opportunities: Deal[] }[]; summary: { go: number; conditional: number; noGo: number; deals: { go: number; conditional: number; noGo: number } } }

/** A partner known and good in every fact, with these deals. */
function profile(deals: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-judgement-'));
  const file = path.join(dir, 'keel.yaml');
  writeFileSync(file, `version: 1
partner:
  name: Keel Compute
  reviewed: 2026-11-10
  sponsor: { level: vp, active: true }
  agreement: { written: true, expectationsDefined: true, quotingErrorsPaidBy: shared, nonSolicit: true, advanceNotice: true }
  investments:
    - { by: us, kind: engineering, amount: 20000 }
    - { by: partner, kind: engineering, amount: 20000 }
  value: { referralsToUs: 4, referralsFromUs: 3 }
  marketing: { mentionsUs: true, linksToUs: true, listsUsAsPartner: true, linksCompetitorsFromOurContent: false, asksUsToPromoteTheirOffers: false }
  pricing: { promotionsAvailableToUs: true, promotionsLimitedToSelectPartners: false }
  control: { pricing: shared, invoicing: us, customerContact: direct }
  engagement: { contactEveryDays: 14, attendsOurEvents: true, readsOurUpdates: true, jointSolution: true }
  conduct: { valueGrabAttempts: 0, qualityIncidents: 0, failedTryAndBuys: 0, escalations: [] }
  keyPeople: { singleContact: false }
opportunities:
${deals}`);
  return file;
}
const customerDeal = (name: string, extra: string) => `  - name: ${name}
    value: 450000
    marginPercent: 28
    winProbability: 0.5
    customer: { name: State University, incumbentVendor: BigIron, prefersIncumbent: true, evaluatesBidsSeriously: true }
    quoting: { by: us }
    payment: { onAcceptance: false, daysToCash: 45 }
    fit: { withinOurExpertise: true, withinPartnerCapability: true }
${extra}`;
const json = (file: string, ...args: string[]) => JSON.parse(run(['assess', file, '--format', 'json', ...args, ...TODAY]).stdout) as Report;

describe('judgement that holds up', () => {
  it('a longer unconditional return of a custom system is never better than a shorter one', () => {
    const loan = (days: number) => `    ask: { tryAndBuy: { systemValue: 450000, customized: true, returnDays: ${days}, unconditionalReturn: true }, freeConsultingDays: 0, showcaseOurBrand: false }\n    commitments: []\n`;
    const deals = json(profile([30, 31, 60, 90].map((d) => customerDeal(`Cluster ${d}`, loan(d))).join(''))).partners[0]!.opportunities;
    expect(deals.map((d) => `${d.name} ${d.verdict}`)).toEqual(['Cluster 30 NO-GO', 'Cluster 31 NO-GO', 'Cluster 60 NO-GO', 'Cluster 90 NO-GO']);
  });

  it('a token $1 from the partner against our $100,000 is no better than nothing', () => {
    const asks = (theirs: string) => `    ask: { tryAndBuy: false, freeConsultingDays: 0, showcaseOurBrand: false }\n    commitments:\n      - { by: us, kind: capital, amount: 100000 }\n${theirs}`;
    const [none, token] = json(profile(customerDeal('Nothing', asks('')) + customerDeal('Token', asks('      - { by: partner, kind: presales, amount: 1 }\n')))).partners[0]!.opportunities;
    expect([none!.verdict, token!.verdict]).toEqual(['NO-GO', 'NO-GO']);
    expect(token!.findings.find((f) => f.ruleId === 'unmatched-deal-capital')!.message).toBe('We would commit $100,000 upfront to this deal and the partner a token $1 against our $100,000.');
  });

  it('reports what a deal asks apart from what has been spent, and judges the relationship on what was spent', () => {
    const file = profile(customerDeal('Big ask', `    ask: { tryAndBuy: false, freeConsultingDays: 0, showcaseOurBrand: false }\n    commitments:\n      - { by: us, kind: lab-hardware, amount: 100000 }\n`));
    const report = json(file);
    const [partner] = report.partners;
    expect(partner).toMatchObject({ verdict: 'GO', capital: { ours: 20000, theirs: 20000 } });
    expect(partner!.opportunities[0]).toMatchObject({ verdict: 'NO-GO', asks: { ours: 100000, theirs: 0 } });
    expect(partner!.opportunities[0]!.skinRatioIfYes).toBeCloseTo(20000 / 120000);
    const table = run(['assess', file, ...TODAY]).stdout;
    expect(table).toContain('Money at stake: we have put in $20,000, the partner $20,000 (skin ratio 1.00).');
    expect(table).toContain('This deal asks $100,000 more of us and $0 of them (if we say yes, skin ratio 0.17).');
    // The totals count the deal too, so they explain the exit code.
    expect(report.summary).toMatchObject({ go: 1, noGo: 0, deals: { go: 0, conditional: 0, noGo: 1 } });
    expect(table.trimEnd().split('\n').at(-1)).toBe('1 partner(s): 1 GO, 0 CONDITIONAL, 0 NO-GO; 1 deal(s): 0 GO, 0 CONDITIONAL, 1 NO-GO. Rubric default v1, as of 2026-11-22.');
    expect(run(['assess', file, ...TODAY]).code).toBe(1);
  });

  it('never shows a score better than its verdict: a blocker keeps it below 50 whatever the green signals add', () => {
    const file = profile(customerDeal('Locked', `    customer: { prefersIncumbent: true, evaluatesBidsSeriously: false }\n    ask: { tryAndBuy: false, freeConsultingDays: 0, showcaseOurBrand: false }\n    commitments: []\n`).replace('    customer: { name: State University, incumbentVendor: BigIron, prefersIncumbent: true, evaluatesBidsSeriously: true }\n', ''));
    const deal = json(file).partners[0]!.opportunities[0]!;
    expect(deal.verdict).toBe('NO-GO');
    expect(deal.score).toBeLessThan(50);
  });

  it('judges two demo units for the partner\'s own sales team on who pays, not on a customer there is none of', () => {
    const deal = json(profile('  - name: Demo units\n    kind: enablement\n    commitments:\n      - { by: us, kind: lab-hardware, amount: 24000, partnerSpecific: true }\n      - { by: partner, kind: training, amount: 12000 }\n    fit: { withinOurExpertise: true, withinPartnerCapability: true }\n'), '--verbose').partners[0]!.opportunities[0]!;
    expect(deal.kind).toBe('enablement');
    const outcome = (id: string) => deal.findings.find((f) => f.ruleId === id)?.outcome;
    // No question about a preferred vendor, a loan or a showcase: there is no customer.
    expect(['preferred-vendor-lock', 'try-and-buy-leverage', 'brand-showcase-leverage', 'free-consulting', 'cash-flow-strain'].map(outcome)).toEqual(Array(5).fill('not-applicable'));
    // They fund half of it: the spend that serves only them is shared. Judged once, not twice.
    expect([outcome('unmatched-deal-capital'), outcome('enablement-for-one-partner')]).toEqual(['not-applicable', 'passed']);
    expect(deal.verdict).toBe('GO');
  });
});
