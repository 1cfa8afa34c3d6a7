// The engine on generated valid profiles: verdicts never move the wrong way.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { assessPartner, type PartnerAssessment } from '../../src/engine/evaluate.js';
import { loadText } from '../../src/format/load.js';
import { INVESTMENT_KINDS, PARTNER_TYPES, SPONSOR_LEVELS } from '../../src/format/schema.js';
import { applyAnswers } from '../../src/questionnaire/write-back.js';
import { buildReport } from '../../src/report/model.js';
import { reportSchema } from '../../src/report/report-schema.js';
import { rubric, TODAY } from '../helpers/assess.js';
import { SETTINGS } from './settings.js';

const BADNESS = { GO: 0, CONDITIONAL: 1, 'NO-GO': 2 } as const;
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const clean = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

const investment = fc.record({ by: fc.constantFrom('us', 'partner'), kind: fc.constantFrom(...INVESTMENT_KINDS), amount: fc.integer({ min: 1, max: 500_000 }), partnerSpecific: opt(fc.boolean()) });
const deal = fc.record({
  name: fc.constantFrom('Deal A', 'Deal B', 'Deal C'),
  value: opt(fc.integer({ min: 0, max: 1_000_000 })),
  marginPercent: opt(fc.integer({ min: 0, max: 60 })),
  winProbability: opt(fc.double({ min: 0, max: 1, noNaN: true })),
  customer: opt(fc.record({ prefersIncumbent: opt(fc.boolean()), evaluatesBidsSeriously: opt(fc.boolean()) })),
  ask: opt(fc.record({ tryAndBuy: opt(fc.oneof(fc.constant(false), fc.record({ systemValue: opt(fc.integer({ min: 1, max: 500_000 })), customized: opt(fc.boolean()), returnDays: opt(fc.integer({ min: 0, max: 120 })), unconditionalReturn: opt(fc.boolean()) }))), freeConsultingDays: opt(fc.integer({ min: 0, max: 20 })) })),
  commitments: opt(fc.array(fc.record({ by: fc.constantFrom('us', 'partner'), kind: fc.constantFrom(...INVESTMENT_KINDS), amount: fc.integer({ min: 1, max: 100_000 }) }), { maxLength: 3 })),
  payment: opt(fc.record({ onAcceptance: opt(fc.boolean()), daysToCash: opt(fc.integer({ min: 0, max: 200 })) })),
  fit: opt(fc.record({ withinOurExpertise: opt(fc.boolean()), withinPartnerCapability: opt(fc.boolean()) })),
});
const partner = fc.record({
  name: fc.constant('Generated Partner'),
  type: opt(fc.constantFrom(...PARTNER_TYPES)),
  reviewed: opt(fc.constantFrom('2026-11-01', '2026-01-15', '2025-06-30')),
  sponsor: opt(fc.record({ level: opt(fc.constantFrom(...SPONSOR_LEVELS)), active: opt(fc.boolean()) })),
  agreement: opt(fc.record({ written: opt(fc.boolean()), expectationsDefined: opt(fc.boolean()), quotingErrorsPaidBy: opt(fc.constantFrom('partner', 'us', 'shared', 'unspecified')), nonSolicit: opt(fc.boolean()), advanceNotice: opt(fc.boolean()) })),
  investments: opt(fc.array(investment, { maxLength: 5 })),
  value: opt(fc.record({ referralsToUs: opt(fc.nat(10)), referralsFromUs: opt(fc.nat(10)) })),
  marketing: opt(fc.record({ mentionsUs: opt(fc.boolean()), linksToUs: opt(fc.boolean()), listsUsAsPartner: opt(fc.boolean()), linksCompetitorsFromOurContent: opt(fc.boolean()) })),
  engagement: opt(fc.record({ contactEveryDays: opt(fc.integer({ min: 1, max: 200 })), attendsOurEvents: opt(fc.boolean()), readsOurUpdates: opt(fc.boolean()), jointSolution: opt(fc.boolean()) })),
  conduct: opt(fc.record({ valueGrabAttempts: opt(fc.nat(3)), qualityIncidents: opt(fc.nat(5)) })),
  keyPeople: opt(fc.record({ singleContact: opt(fc.boolean()) })),
});
const profile = fc.record({ partner, opportunities: opt(fc.array(deal, { maxLength: 2 })) });

type Profile = { partner: Record<string, unknown>; opportunities?: Record<string, unknown>[] };

function textOf(p: Profile): string {
  // Deal names must be unique in a partner: number them.
  const opportunities = p.opportunities?.map((d, i) => ({ ...d, name: `${String(d.name)} ${i}` }));
  return stringify(clean({ version: 1, partner: p.partner, ...(opportunities?.length ? { opportunities } : {}) }));
}

function assess(text: string): PartnerAssessment {
  const loaded = loadText('generated.yaml', text);
  expect(loaded.problems).toEqual([]);
  return assessPartner(loaded.partners[0]!, rubric(), { today: TODAY });
}

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
  });

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
  });

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
  });

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
        expect(assess(applyAnswers(text, [{ path: ['partner', 'keyPeople', 'singleContact'], value: answer }])).verdict).toBe(a.verdict);
      }),
      SETTINGS,
    );
  });

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
  });
});
