// The engine on whole profiles: per-opportunity verdicts, direct deals, waivers, money at stake.
import { describe, expect, it } from 'vitest';
import { waiverProblems } from '../../src/engine/evaluate.js';
import { partnerMetrics, opportunityMetrics } from '../../src/engine/metrics.js';
import { describeAtRisk } from '../../src/report/wording.js';
import { assessDirect, assessFacts, goodDeal, goodPartner, loadValid, partnerYaml, rubric, rubricOf, TODAY } from '../helpers/assess.js';

describe('assessPartner', () => {
  it('gives a well-documented good partnership GO with no open questions', () => {
    const a = assessFacts(goodPartner, [goodDeal]);
    expect(a.verdict).toBe('GO');
    expect(a.findings.filter((f) => f.outcome === 'unknown' && f.severity !== 'green')).toEqual([]);
    expect(a.opportunities[0]!.verdict).toBe('GO');
  });

  it('gives each opportunity its own verdict: a bad deal does not sink the relationship', () => {
    const a = assessFacts(goodPartner, [goodDeal, { ...goodDeal, customer: { prefersIncumbent: true, evaluatesBidsSeriously: false } }]);
    expect(a.verdict).toBe('GO');
    expect(a.opportunities.map((o) => o.verdict)).toEqual(['GO', 'NO-GO']);
    expect(a.opportunities[1]!.findings.find((f) => f.ruleId === 'preferred-vendor-lock')!.outcome).toBe('flagged');
  });

  it("counts the relationship's flags in every deal's verdict", () => {
    const a = assessFacts({ ...goodPartner, sponsor: { level: 'vp', active: false } }, [goodDeal]);
    expect(a.verdict).toBe('CONDITIONAL');
    expect(a.opportunities[0]!.verdict).toBe('CONDITIONAL');
    expect(a.opportunities[0]!.findings.map((f) => f.ruleId)).toContain('sponsor-departed');
  });

  it('holds a GO at CONDITIONAL while a fact could still block it, and says to find that fact out first', () => {
    const deal = { ...goodDeal, customer: { prefersIncumbent: true } };
    const o = assessFacts(goodPartner, [deal]).opportunities[0]!;
    expect(o.score).toBe(100);
    expect(o.verdict).toBe('CONDITIONAL');
    expect(o.range).toEqual({ worst: { score: 49, verdict: 'NO-GO' }, best: { score: 100, verdict: 'GO' }, settled: false });
    expect(o.openQuestions).toEqual([{ field: 'opportunity.customer.evaluatesBidsSeriously', question: 'Is there a real evaluation with criteria and budget, or is it a price check?', rules: ['preferred-vendor-lock'], possibleSeverity: 'blocker', swing: 51, decidesVerdict: true }]);
    expect(o.conditions[0]).toBe('Find out: Is there a real evaluation with criteria and budget, or is it a price check?');
  });

  it('does not hold a GO back for a question whose worst answer still leaves it GO', () => {
    const o = assessFacts(goodPartner, [{ ...goodDeal, marginPercent: undefined }]).opportunities[0]!;
    expect(o.verdict).toBe('GO');
    expect(o.range).toEqual({ worst: { score: 97, verdict: 'GO' }, best: { score: 100, verdict: 'GO' }, settled: true });
    expect(o.openQuestions.map((q) => [q.field, q.decidesVerdict])).toEqual([['opportunity.marginPercent', false]]);
  });

  it('asks about the counts of value over the window the profile says they cover', () => {
    const a = assessFacts({ value: { referralsFromUs: 5, windowMonths: 6 } });
    expect(a.openQuestions.find((q) => q.field === 'partner.value.referralsToUs')?.question).toBe('How many opportunities did the partner send us in the last 6 months?');
  });

  it('marks deal rules not applicable when the partner has no deals', () => {
    const a = assessFacts(goodPartner);
    expect(a.findings.find((f) => f.ruleId === 'thin-deal')).toMatchObject({ outcome: 'not-applicable', reason: 'the partner has no opportunities' });
  });

  it('states the money at stake: what each side has spent, apart from what a deal asks, and the capital at risk', () => {
    const a = assessFacts({ investments: [{ by: 'us', kind: 'lab-hardware', amount: 40000 }, { by: 'partner', kind: 'capital', amount: 10000 }] }, [
      { commitments: [{ by: 'us', kind: 'presales', amount: 5000 }], ask: { tryAndBuy: { systemValue: 100000 } } },
    ]);
    // The $5,000 the deal asks of us is not spent yet: the relationship is judged on the ledger.
    expect(a.capital).toEqual({ ours: 40000, theirs: 10000, skinRatio: 0.25, currency: 'USD' });
    expect(a.findings.find((f) => f.ruleId === 'no-skin-in-the-game')!.outcome).toBe('passed');
    expect(a.opportunities[0]!.capitalAtRisk).toBe(105000);
  });

  it('leaves the money unknown, not zero, without a ledger', () => {
    expect(assessFacts({}).capital).toEqual({ ours: null, theirs: null, skinRatio: null, currency: 'USD' });
    expect(assessFacts({}).balance).toEqual([]);
  });

  it('balances what each side has spent, kind by kind: the ledger, not what its deals ask', () => {
    const a = assessFacts({ investments: [{ by: 'us', kind: 'lab-hardware', amount: 40000 }, { by: 'partner', kind: 'capital', amount: 10000 }, { by: 'partner', kind: 'lab-hardware', amount: 5000 }] }, [
      { commitments: [{ by: 'us', kind: 'presales', amount: 5000 }, { by: 'partner', kind: 'presales', amount: 1000 }] },
    ]);
    expect(a.balance).toEqual([{ kind: 'capital', ours: 0, theirs: 10000 }, { kind: 'lab-hardware', ours: 40000, theirs: 5000 }]);
  });

  it('judges an ended partnership as it stood the day it ended', () => {
    const facts = { reviewed: '2025-01-10', conduct: { escalations: [{ raised: '2025-02-01', summary: 'x', resolved: false, response: 'none' }] } };
    const stale = (a: ReturnType<typeof assessFacts>, id: string) => a.findings.find((f) => f.ruleId === id)?.outcome;
    const now = assessFacts({ ...facts, outcome: { status: 'ended', result: 'failure' } });
    const then = assessFacts({ ...facts, outcome: { status: 'ended', result: 'failure', ended: '2025-02-20' } });
    // As of today, the review is stale and the escalation long open; on the day it ended, neither.
    expect([stale(now, 'stale-review'), stale(now, 'dismissive-on-escalations')]).toEqual(['flagged', 'flagged']);
    expect([stale(then, 'stale-review'), stale(then, 'dismissive-on-escalations')]).toEqual(['passed', 'passed']);
    expect(then.outcome).toEqual({ status: 'ended', result: 'failure', ended: '2025-02-20' });
  });

  it('refuses an end date on a partnership still active (one meaning of "ended"), rather than judging it as of then', () => {
    expect(() => assessFacts({ outcome: { status: 'active', ended: '2025-02-20' } })).toThrow(/partner.outcome.ended: expected an end date only with status: ended/);
  });
});

describe('facts an entry of a list leaves out', () => {
  it('are questions naming the entry, never read as "no"', () => {
    const investments = [{ by: 'us', kind: 'lab-hardware', amount: 20000, date: '2026-03-01', note: 'demo rack' }, { by: 'partner', kind: 'marketing', amount: 5000 }];
    const a = assessFacts({ ...goodPartner, investments });
    const unshared = a.findings.find((f) => f.ruleId === 'unshared-partner-specific-spend')!;
    expect(unshared).toMatchObject({ outcome: 'unknown', possibleSeverity: 'high', missing: ['partner.investments[0].partnerSpecific'] });
    expect(a.openQuestions[0]).toMatchObject({ field: 'partner.investments[0].partnerSpecific', question: 'The $20,000 of lab-hardware we put in on 2026-03-01 ("demo rack"): does it only serve this partner\'s configuration or customers?', decidesVerdict: true });
    expect(a).toMatchObject({ verdict: 'CONDITIONAL', range: { worst: { verdict: 'CONDITIONAL' }, best: { verdict: 'GO' } } });
    // Either answer lands inside the range.
    const specific = assessFacts({ ...goodPartner, investments: [{ ...investments[0], partnerSpecific: true }, investments[1]] });
    expect(specific).toMatchObject({ verdict: 'CONDITIONAL', score: 74 });
    expect(assessFacts({ ...goodPartner, investments: [{ ...investments[0], partnerSpecific: false }, investments[1]] }).verdict).toBe('GO');
  });

  it('count only as far as they could reach: one open problem can never be two', () => {
    const a = assessFacts({ ...goodPartner, conduct: { ...goodPartner.conduct, escalations: [{ raised: '2026-08-01', summary: 'late invoices' }] } });
    const finding = a.findings.find((f) => f.ruleId === 'dismissive-on-escalations')!;
    // Its blocker needs two problems open for 60 days: out of reach with one.
    expect(finding).toMatchObject({ outcome: 'unknown', possibleSeverity: 'high', missing: ['partner.conduct.escalations[0].resolved', 'partner.conduct.escalations[0].response'] });
    const open = assessFacts({ ...goodPartner, conduct: { ...goodPartner.conduct, escalations: [{ raised: '2026-08-01', summary: 'late invoices', resolved: false }] } });
    // Flagged on what is known; the message quotes only that, not a dismissal nobody recorded.
    expect(open.findings.find((f) => f.ruleId === 'dismissive-on-escalations')).toMatchObject({ outcome: 'flagged', severity: 'high', message: '1 problem we raised is unresolved after 30 days.' });
  });
});

describe('direct deals', () => {
  it('apply only the deal rules that do not compare us with a partner', () => {
    const d = assessDirect(goodDeal);
    expect(d.partnerId).toBeNull();
    const na = d.findings.filter((f) => f.outcome === 'not-applicable').map((f) => f.ruleId).sort();
    expect(na).toEqual(['enablement-for-one-partner', 'partner-out-of-depth', 'unmatched-deal-capital', 'unreviewed-partner-quote']);
    expect(d.verdict).toBe('GO');
  });
});

describe('waivers', () => {
  const waived = (waiver: Record<string, unknown>, today = TODAY) =>
    assessFacts({ ...goodPartner, marketing: { ...goodPartner.marketing, linksToUs: false }, waivers: [{ rule: 'missing-backlink', reason: 'Link goes live with their Q1 relaunch', expires: '2027-01-31', approvedBy: 'ceo', ...waiver }] }, undefined, today);

  it('mark a flag waived with its reason, and stop it counting', () => {
    const a = waived({});
    const f = a.findings.find((x) => x.ruleId === 'missing-backlink')!;
    expect(f.outcome).toBe('waived');
    expect(f.waiver).toEqual({ reason: 'Link goes live with their Q1 relaunch', expires: '2027-01-31', approvedBy: 'ceo' });
    const plain = { marketing: { mentionsUs: true, linksToUs: false } };
    const waiver = { rule: 'missing-backlink', reason: 'r', expires: '2027-01-31', approvedBy: 'ceo' };
    expect(assessFacts(plain).score).toBe(92);
    expect(assessFacts({ ...plain, waivers: [waiver] }).score).toBe(100);
  });

  it('count again once expired, and say the waiver expired', () => {
    const f = waived({}, '2027-02-01').findings.find((x) => x.ruleId === 'missing-backlink')!;
    expect(f.outcome).toBe('flagged');
    expect(f.expiredWaiver?.expires).toBe('2027-01-31');
  });

  it('are still valid on their expiry date', () => {
    expect(waived({}, '2027-01-31').findings.find((x) => x.ruleId === 'missing-backlink')!.outcome).toBe('waived');
  });

  it('naming no rule of the rubric are an error at the waiver', () => {
    const loaded = loadValid(partnerYaml({ waivers: [{ rule: 'missing-backlinks', reason: 'r', expires: '2027-01-01', approvedBy: 'ceo' }] }));
    const [problem] = waiverProblems(loaded.partners[0]!, rubric());
    expect(problem).toMatchObject({ path: 'partner.waivers[0].rule', line: 5, column: 13 });
    expect(problem!.message).toBe('expected a rule id of the default rubric, got "missing-backlinks" (did you mean "missing-backlink"?)');
  });

  it('cannot waive a blocker the rubric does not allow to be waived', () => {
    const loaded = loadValid(partnerYaml({ waivers: [{ rule: 'value-grab', reason: 'r', expires: '2027-01-01', approvedBy: 'ceo' }] }));
    expect(waiverProblems(loaded.partners[0]!, rubric())[0]!.message).toMatch(/does not allow waiving it \(it can be a blocker\)/);
  });

  it('naming a deal the partner does not have are an error at the waiver, listing its deals', () => {
    const waiver = { rule: 'thin-deal', reason: 'r', expires: '2027-01-01', approvedBy: 'ceo', opportunity: 'nope' };
    const withDeals = loadValid(partnerYaml({ waivers: [waiver] }, [goodDeal, goodDeal]));
    expect(waiverProblems(withDeals.partners[0]!, rubric())).toMatchObject([{ path: 'partner.waivers[0].opportunity', message: 'expected the id of one of this partner\'s opportunities (deal-1, deal-2), got "nope"' }]);
    const without = loadValid(partnerYaml({ waivers: [waiver] }));
    expect(waiverProblems(without.partners[0]!, rubric())[0]!.message).toBe('expected the id of one of this partner\'s opportunities (none), got "nope"');
    expect(waiverProblems(loadValid(partnerYaml({ waivers: [{ ...waiver, opportunity: 'deal-2' }] }, [goodDeal, goodDeal])).partners[0]!, rubric())).toEqual([]);
  });

  it('say how to list the rules, or how a rubric allows waiving a blocker', () => {
    const unknown = waiverProblems(loadValid(partnerYaml({ waivers: [{ rule: 'zzz', reason: 'r', expires: '2027-01-01', approvedBy: 'ceo' }] })).partners[0]!, rubric());
    expect(unknown).toMatchObject([{ message: 'expected a rule id of the default rubric, got "zzz"', hint: 'run `partner-eval rules` to list them' }]);
    const blocker = waiverProblems(loadValid(partnerYaml({ waivers: [{ rule: 'value-grab', reason: 'r', expires: '2027-01-01', approvedBy: 'ceo' }] })).partners[0]!, rubric());
    expect(blocker).toMatchObject([{ path: 'partner.waivers[0].rule', message: 'expected a waivable rule, got "value-grab": the default rubric does not allow waiving it (it can be a blocker)', hint: 'a rubric allows it with `waivable: true` on the rule' }]);
  });

  it('leave a rule that passed or does not apply as it is', () => {
    const waiver = { rule: 'missing-backlink', reason: 'r', expires: '2027-01-31', approvedBy: 'ceo' };
    const passed = assessFacts({ ...goodPartner, waivers: [waiver] }).findings.find((f) => f.ruleId === 'missing-backlink')!;
    expect([passed.outcome, passed.waiver]).toEqual(['passed', undefined]);
    const na = assessFacts({ ...goodPartner, waivers: [{ ...waiver, rule: 'thin-deal' }] }).findings.find((f) => f.ruleId === 'thin-deal')!;
    expect([na.outcome, na.waiver]).toEqual(['not-applicable', undefined]);
  });

  it('cover an open question while valid, so it costs nothing, and not once expired', () => {
    const waiver = { rule: 'missing-backlink', reason: 'r', expires: '2027-01-31', approvedBy: 'ceo' };
    const open = (today: string) => assessFacts({ ...goodPartner, marketing: { mentionsUs: true }, waivers: [waiver] }, undefined, today).findings.find((f) => f.ruleId === 'missing-backlink')!;
    expect([open(TODAY).outcome, open(TODAY).waiver]).toEqual(['unknown', { reason: 'r', expires: '2027-01-31', approvedBy: 'ceo' }]);
    expect([open('2027-02-01').outcome, open('2027-02-01').waiver, open('2027-02-01').expiredWaiver]).toEqual(['unknown', undefined, undefined]);
  });

  it('for no opportunity apply to every deal of the partner', () => {
    const deal = { ...goodDeal, marginPercent: 10 };
    const a = assessFacts({ ...goodPartner, waivers: [{ rule: 'thin-deal', reason: 'strategic', expires: '2027-01-01', approvedBy: 'ceo' }] }, [deal, deal]);
    expect(a.opportunities.map((o) => o.findings.find((f) => f.ruleId === 'thin-deal')!.outcome)).toEqual(['waived', 'waived']);
  });

  it('for one opportunity apply to that deal only', () => {
    const deal = { ...goodDeal, marginPercent: 10 };
    const a = assessFacts({ ...goodPartner, waivers: [{ rule: 'thin-deal', reason: 'strategic logo', expires: '2027-01-01', approvedBy: 'ceo', opportunity: 'deal-1' }] }, [deal, deal]);
    expect(a.opportunities.map((o) => o.findings.find((f) => f.ruleId === 'thin-deal')!.outcome)).toEqual(['waived', 'flagged']);
  });
});

describe('metrics', () => {
  it('count escalations open beyond 30 and 60 days', () => {
    const { metrics, gaps } = partnerMetrics({ name: 'x', conduct: { escalations: [{ raised: '2026-10-01', summary: 'a', resolved: false, response: 'none' }, { raised: '2026-08-01', summary: 'b', resolved: false, response: 'none' }, { raised: '2026-08-01', summary: 'c', resolved: true, response: 'dismissive' }] } }, TODAY);
    expect(metrics).toMatchObject({ escalationsUnresolvedOver30: 2, escalationsUnresolvedOver60: 1, escalationsDismissed: 1 });
    expect(gaps).toEqual({});
  });
  it('leave a count unknown, between what is known and what could be, while an entry does not say', () => {
    const { metrics, gaps } = partnerMetrics({ name: 'x', conduct: { escalations: [{ raised: '2026-10-01', summary: 'a' }, { raised: '2026-08-01', summary: 'b', resolved: false }, { raised: '2026-11-20', summary: 'recent' }] } }, TODAY);
    // The recent one cannot be over 30 days whatever it says; the others' answers are open.
    expect(gaps.escalationsUnresolvedOver30).toEqual({ paths: ['partner.conduct.escalations[0].resolved'], low: 1, high: 2 });
    expect(gaps.escalationsUnresolvedOver60).toBeUndefined();
    expect(metrics.escalationsUnresolvedOver60).toBe(1);
    expect(gaps.escalationsDismissed).toEqual({ paths: ['partner.conduct.escalations[0].response', 'partner.conduct.escalations[1].response', 'partner.conduct.escalations[2].response'], low: 0, high: 3 });
    expect(metrics.escalationsUnresolvedOver30).toBeUndefined();
  });
  it('leave the share of value absent when the value is zero or unknown', () => {
    expect(opportunityMetrics({ name: 'x', commitments: [{ by: 'us', kind: 'capital', amount: 5 }] }).metrics.upfrontShareOfValue).toBeUndefined();
  });
});

describe('the order of severities', () => {
  it('lists a medium flag before a low one, whatever the order of their rules in the rubric', () => {
    // no-advance-notice (low) comes before poor-communication (medium) in the default rubric.
    const a = assessFacts({ agreement: { advanceNotice: false }, engagement: { contactEveryDays: 90 }, marketing: { mentionsUs: true, linksToUs: false } });
    const flagged = a.findings.filter((f) => f.outcome === 'flagged').map((f) => `${f.severity} ${f.ruleId}`);
    expect(flagged).toEqual(['medium missing-backlink', 'medium poor-communication', 'low no-advance-notice']);
  });
});

describe('escalations', () => {
  // One rule, medium, that three escalations could raise: two to high (in this order), one to low.
  const escalating = (steps: string) => rubricOf(`version: 1
name: escalating
rules:
  - id: shoddy-work
    title: Shoddy work
    scope: partner
    severity: medium
    when: partner.conduct.qualityIncidents >= 1
    message: "base message"
    mitigation: m
    rationale: r
    escalate:
${steps}`);
  const step = (severity: string, atLeast: number, message: string) => `      - { severity: ${severity}, when: "partner.conduct.qualityIncidents >= ${atLeast}", message: "${message}" }\n`;
  const flag = (incidents: number, r: ReturnType<typeof rubricOf>) => {
    const f = assessFacts({ conduct: { qualityIncidents: incidents } }, undefined, TODAY, r).findings[0]!;
    return [f.outcome, f.severity, f.message];
  };

  it('take the first that holds among the most severe: its severity and its message', () => {
    const r = escalating(step('high', 2, 'first high') + step('high', 3, 'second high') + step('low', 2, 'a lower one'));
    expect(flag(1, r)).toEqual(['flagged', 'medium', 'base message']);
    expect(flag(2, r)).toEqual(['flagged', 'high', 'first high']);
    // Both highs hold, and the low one after them: the first high still speaks.
    expect(flag(5, r)).toEqual(['flagged', 'high', 'first high']);
  });

  it('let a later, more severe escalation win over an earlier one', () => {
    const r = escalating(step('high', 2, 'high') + step('blocker', 3, 'blocker'));
    expect(flag(2, r)).toEqual(['flagged', 'high', 'high']);
    expect(flag(3, r)).toEqual(['flagged', 'blocker', 'blocker']);
  });

  it('never lower a flag: an escalation less severe than the rule is not taken', () => {
    const r = escalating(step('low', 1, 'lower'));
    expect(flag(4, r)).toEqual(['flagged', 'medium', 'base message']);
  });
});

describe("a deal's currency", () => {
  it("is its partner's: what it puts at risk, and its flags' messages, are in the partner's money", () => {
    const a = assessFacts({ currency: 'EUR' }, [{ ask: { tryAndBuy: { systemValue: 400000 } }, commitments: [{ by: 'us', kind: 'lab-hardware', amount: 30000 }] }]);
    const deal = a.opportunities[0]!;
    expect(deal.currency).toBe('EUR');
    expect(describeAtRisk(deal)).toBe('€430,000');
    expect(deal.findings.find((f) => f.ruleId === 'unmatched-deal-capital')!.message).toMatch(/commit €30,000 upfront to this deal and the partner nothing/);
  });

  it('is USD for a partner that names none, and for a direct deal', () => {
    expect(assessFacts({}, [goodDeal]).opportunities[0]!.currency).toBe('USD');
    expect(assessDirect(goodDeal).currency).toBe('USD');
  });
});

describe("an ended partnership's deals", () => {
  it('are judged as of the day it ended, like the partnership: a deal waiver valid then still holds', () => {
    const facts = { ...goodPartner, outcome: { status: 'ended', ended: '2025-03-15', result: 'failure' }, waivers: [{ rule: 'thin-deal', reason: 'strategic logo', expires: '2025-06-30', approvedBy: 'ceo', opportunity: 'deal-1' }] };
    const deal = assessFacts(facts, [{ ...goodDeal, marginPercent: 10 }]).opportunities[0]!;
    expect(deal.findings.find((f) => f.ruleId === 'thin-deal')).toMatchObject({ outcome: 'waived' });
    // The same partnership, still going: today the waiver has expired and the flag counts again.
    const { outcome: _, ...current } = facts;
    const now = assessFacts(current, [{ ...goodDeal, marginPercent: 10 }]).opportunities[0]!;
    expect(now.findings.find((f) => f.ruleId === 'thin-deal')).toMatchObject({ outcome: 'flagged', expiredWaiver: { expires: '2025-06-30' } });
  });

  it('are judged as of today when the partnership ended after it (a date in the future is no end yet)', () => {
    const facts = { reviewed: '2026-01-10', outcome: { status: 'ended', ended: '2027-03-15', result: 'failure' } };
    expect(assessFacts(facts).findings.find((f) => f.ruleId === 'stale-review')!.outcome).toBe('flagged');
  });
});

describe('green signals and waivers', () => {
  it('a waiver naming a green signal takes nothing away: the signal still holds and still adds its points', () => {
    const facts = { control: { customerContact: 'direct' }, marketing: { mentionsUs: true, linksToUs: false } };
    const plain = assessFacts(facts);
    const waived = assessFacts({ ...facts, waivers: [{ rule: 'direct-customer-access', reason: 'r', expires: '2027-01-31', approvedBy: 'ceo' }] });
    // 100 − 8 (missing-backlink) + 5 (direct-customer-access).
    expect([plain.score, waived.score]).toEqual([97, 97]);
    expect(waived.findings.find((f) => f.ruleId === 'direct-customer-access')).toMatchObject({ outcome: 'flagged' });
    expect(waived.findings.find((f) => f.ruleId === 'direct-customer-access')!.waiver).toBeUndefined();
  });

  it('an unknown green signal stays a question a waiver does not answer', () => {
    const a = assessFacts({ marketing: { mentionsUs: true, linksToUs: false }, waivers: [{ rule: 'direct-customer-access', reason: 'r', expires: '2027-01-31', approvedBy: 'ceo' }] });
    const f = a.findings.find((x) => x.ruleId === 'direct-customer-access')!;
    expect([f.outcome, f.waiver]).toEqual(['unknown', undefined]);
  });
});

describe('a flag on a metric', () => {
  it('cites as evidence the recorded facts the metric is made of: what a deal puts at risk, from its commitments and its loan', () => {
    const atRisk = rubricOf(`version: 1
name: risky
rules:
  - id: big-risk
    title: Big risk
    scope: opportunity
    severity: high
    when: metrics.capitalAtRisk > 100000.0
    message: "{{ money(metrics.capitalAtRisk) }} at risk."
    mitigation: m
    rationale: r
`);
    const deal = assessFacts({}, [{ commitments: [{ by: 'us', kind: 'presales', amount: 5000 }], ask: { tryAndBuy: { systemValue: 400000 } } }], TODAY, atRisk).opportunities[0]!;
    const flag = deal.findings.find((f) => f.ruleId === 'big-risk')!;
    expect([flag.outcome, flag.message]).toEqual(['flagged', '$405,000 at risk.']);
    expect(flag.evidence.map((e) => [e.path, e.line])).toEqual([['opportunity.commitments', 6], ['opportunity.ask.tryAndBuy.systemValue', 12]]);
  });
});
