// The engine on generated valid profiles: verdicts never move the wrong way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAnswers } from '../../src/questionnaire/write-back.js';
import { buildReport } from '../../src/engine/report-model.js';
import { reportSchema } from '../../src/report/report-schema.js';
import { rubric, TODAY } from '../helpers/assess.js';
import { assess, BADNESS, profile, textOf } from './arbitraries.js';
import type { PartnerAssessment } from '../../src/engine/evaluate.js';
import { SETTINGS, TIMEOUT } from './settings.js';

const worst = (a: PartnerAssessment) => Math.max(BADNESS[a.verdict], ...a.opportunities.map((o) => BADNESS[o.verdict]));

describe('the engine on generated profiles', () => {
  it('never lets a flagged blocker improve a verdict', () => {
    fc.assert(
      fc.property(profile, (p) => {
        const before = assess(textOf(p));
        const after = assess(textOf({ ...p, partner: { ...p.partner, conduct: { ...(p.partner.conduct as object), valueGrabAttempts: 2 } } }));
        expect(BADNESS[after.verdict]).toBeGreaterThanOrEqual(BADNESS[before.verdict]);
        expect(after.verdict).toBe('NO-GO');
        expect(worst(after)).toBeGreaterThanOrEqual(worst(before));
      }),
      SETTINGS,
    );
  }, TIMEOUT);

  it('never lets a valid waiver worsen a verdict', () => {
    fc.assert(
      fc.property(profile, fc.constantFrom('missing-backlink', 'poor-communication', 'no-non-solicit', 'sponsor-departed', 'stale-review'), (p, rule) => {
        const before = assess(textOf(p));
        const waived = assess(textOf({ ...p, partner: { ...p.partner, waivers: [{ rule, reason: 'accepted', expires: '2027-12-31', approvedBy: 'ceo' }] } }));
        expect(BADNESS[waived.verdict]).toBeLessThanOrEqual(BADNESS[before.verdict]);
        expect(waived.score).toBeGreaterThanOrEqual(before.score);
      }),
      SETTINGS,
    );
  }, TIMEOUT);

  it('never lets more capital from the partner lower the skin ratio', () => {
    fc.assert(
      fc.property(profile, fc.integer({ min: 1, max: 100_000 }), (p, amount) => {
        const before = assess(textOf(p)).capital.skinRatio;
        const investments = [...((p.partner.investments as unknown[]) ?? []), { by: 'partner', kind: 'capital', amount }];
        const after = assess(textOf({ ...p, partner: { ...p.partner, investments } })).capital.skinRatio;
        if (before !== null) expect(after).not.toBeNull();
        if (before !== null && after !== null) expect(after).toBeGreaterThanOrEqual(before);
      }),
      SETTINGS,
    );
  }, TIMEOUT);

  it('judges an answer written back as if it had been written by hand, and by the answer alone', () => {
    fc.assert(
      fc.property(profile, fc.boolean(), (p, answer) => {
        const withoutFact = { ...p, partner: { ...p.partner, keyPeople: undefined } };
        const text = textOf(withoutFact);
        const answered = applyAnswers(text, [{ path: ['partner', 'keyPeople', 'singleContact'], value: answer }]);
        const byHand = textOf({ ...withoutFact, partner: { ...withoutFact.partner, keyPeople: { singleContact: answer } } });
        const a = assess(answered);
        expect(a.verdict).toBe(assess(byHand).verdict);
        expect(a.score).toBe(assess(byHand).score);
        // By the answer alone: the rule that reads the fact follows it, the others are as they were.
        const before = assess(text);
        const others = (x: PartnerAssessment) => x.findings.filter((f) => f.ruleId !== 'key-person-dependency').map((f) => [f.ruleId, f.outcome, f.severity, f.message]);
        expect(others(a)).toEqual(others(before));
        expect(before.findings.find((f) => f.ruleId === 'key-person-dependency')!.outcome).toBe('unknown');
        expect(a.findings.find((f) => f.ruleId === 'key-person-dependency')!.outcome).toBe(answer ? 'flagged' : 'passed');
        expect(a.openQuestions.map((q) => q.field)).not.toContain('partner.keyPeople.singleContact');
        expect(a.facts.known).toBe(before.facts.known + 1);
      }),
      SETTINGS,
    );
  }, TIMEOUT);

  it('always builds a report that matches the JSON report\'s schema, with its facts in range', () => {
    fc.assert(
      fc.property(profile, (p) => {
        const a = assess(textOf(p));
        const report = buildReport([a], [], rubric(), { verbose: true, today: TODAY });
        for (const entity of [report.partners[0]!, ...report.partners[0]!.opportunities]) {
          expect(['GO', 'CONDITIONAL', 'NO-GO']).toContain(entity.verdict);
          expect(entity.score).toBeGreaterThanOrEqual(0);
          expect(entity.score).toBeLessThanOrEqual(100);
          for (const f of entity.findings) {
            expect(['flagged', 'passed', 'unknown', 'waived', 'not-applicable']).toContain(f.outcome);
            if (f.outcome === 'unknown') expect(f.question).toMatch(/\?$/);
            if (f.outcome === 'flagged') expect(f.message).not.toMatch(/\{\{|\}\}|undefined|NaN|\[object/);
            for (const e of f.evidence) expect(e.line).toBeGreaterThanOrEqual(1);
          }
        }
        const parsed = reportSchema.safeParse(JSON.parse(JSON.stringify(report)));
        expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
      }),
      SETTINGS,
    );
  }, TIMEOUT);
});
