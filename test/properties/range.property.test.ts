// The range is a promise: however the open questions are answered, the verdict and the score stay
// inside it, and the verdict reported now is never outside it. Checked on generated profiles by
// answering their open questions with any value the format allows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpportunityAssessment, PartnerAssessment } from '../../src/engine/evaluate.js';
import { fieldPath, FIELDS, HISTORY_FIELDS } from '../../src/format/fields.js';
import { assess, BADNESS, nearlyKnown, profile as sparse, textOf, valueFor, type Profile } from './arbitraries.js';

// Profiles with many open questions, and profiles with few (where one fact decides more).
const profile = fc.oneof(sparse, nearlyKnown);
import { SETTINGS, TIMEOUT } from './settings.js';

type Judged = PartnerAssessment | OpportunityAssessment;
const entities = (a: PartnerAssessment): Judged[] => [a, ...a.opportunities];

function expectWithin(now: Judged, before: Judged, why: string): void {
  const { worst, best } = before.range;
  expect(BADNESS[now.verdict], `${why}: verdict ${now.verdict} beyond worst ${worst.verdict}`).toBeLessThanOrEqual(BADNESS[worst.verdict]);
  expect(BADNESS[now.verdict], `${why}: verdict ${now.verdict} beyond best ${best.verdict}`).toBeGreaterThanOrEqual(BADNESS[best.verdict]);
  expect(now.score, `${why}: score below the worst case`).toBeGreaterThanOrEqual(worst.score);
  expect(now.score, `${why}: score above the best case`).toBeLessThanOrEqual(best.score);
}

/** Sets a field of the generated profile: `partner.x.y` (or a list entry's, `partner.investments[2].partnerSpecific`), or `opportunity.x.y` of deal `deal`. */
function answered(p: Profile, field: string, deal: number, value: unknown): Profile {
  const copy = JSON.parse(JSON.stringify(p)) as Profile;
  const [root, ...keys] = fieldPath(field);
  let target = (root === 'partner' ? copy.partner : copy.opportunities![deal]!) as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string | number, unknown>;
  target[keys.at(-1)!] = value;
  return copy;
}

/** Keys of list entries the generator leaves out: an investment's `partnerSpecific`, an escalation's `resolved` and `response`. */
function absentEntryFacts(p: Profile): string[] {
  const entries = (list: unknown) => (Array.isArray(list) ? (list as Record<string, unknown>[]) : []);
  return [
    ...entries(p.partner.investments).flatMap((e, i) => (e.partnerSpecific === undefined ? [`partner.investments[${i}].partnerSpecific`] : [])),
    ...entries((p.partner.conduct as Record<string, unknown> | undefined)?.escalations).flatMap((e, i) => ['resolved', 'response'].filter((k) => e[k] === undefined).map((k) => `partner.conduct.escalations[${i}].${k}`)),
  ];
}

/** Every open question of the partner and its deals, with where its answer goes. */
function questionsOf(a: PartnerAssessment): { field: string; deal: number }[] {
  const out = new Map<string, { field: string; deal: number }>();
  a.openQuestions.forEach((q) => out.set(q.field, { field: q.field, deal: -1 }));
  a.opportunities.forEach((o, i) => o.openQuestions.forEach((q) => {
    const key = q.field.startsWith('partner.') ? q.field : `${i}:${q.field}`;
    if (!out.has(key)) out.set(key, { field: q.field, deal: i });
  }));
  return [...out.values()];
}

describe('the range', () => {
  it('holds the verdict reported now, and is settled exactly when its two verdicts agree', () => {
    fc.assert(
      fc.property(profile, (p) => {
        for (const e of entities(assess(textOf(p)))) {
          expectWithin(e, e, e.name);
          expect(e.range.settled).toBe(e.range.worst.verdict === e.range.best.verdict);
          if (e.openQuestions.length === 0) expect(e.range.worst).toEqual(e.range.best);
          // GO is said only when the worst case is GO too.
          if (e.verdict === 'GO') expect(e.range.worst.verdict).toBe('GO');
        }
      }),
      SETTINGS,
    );
  }, TIMEOUT);

  it('holds whatever value the format allows is given to any one open question, and what asks nothing stays put', () => {
    type Case = { p: Profile; question?: { field: string; deal: number }; value?: unknown };
    const withQuestion = profile.chain((p): fc.Arbitrary<Case> => {
      const questions = questionsOf(assess(textOf(p)));
      if (questions.length === 0) return fc.constant({ p });
      return fc.constantFrom(...questions).chain((question) => valueFor(question.field).map((value) => ({ p, question, value })));
    });
    fc.assert(
      fc.property(withQuestion, ({ p, question, value }) => {
        if (!question) return;
        const before = assess(textOf(p));
        const after = assess(textOf(answered(p, question.field, question.deal, value)));
        const was = entities(before);
        entities(after).forEach((now, i) => {
          const then = was[i]!;
          const asks = then.openQuestions.some((q) => q.field === question.field) && (question.deal < 0 || question.field.startsWith('partner.') || i === question.deal + 1);
          if (asks) expectWithin(now, then, `${then.name} after ${question.field} = ${JSON.stringify(value)}`);
          else expect([now.verdict, now.score], `${then.name} does not ask ${question.field}`).toEqual([then.verdict, then.score]);
        });
      }),
      SETTINGS,
    );
  }, TIMEOUT);

  it('holds when any fact the profile leaves out is filled in, asked about or not', () => {
    // Not open facts: names and ids, the amounts' currency, how a past partnership ended (it moves
    // the judging date), keys with a default (a deal's kind, the window of the counts) and records
    // of a change (absent, none happened).
    const judged = Object.keys(FIELDS).filter((f) => !/\.(id|name|partner|currency|notes|kind|windowMonths)$|^partner\.(outcome|waivers)/.test(f) && !f.endsWith('.waivers') && !HISTORY_FIELDS.some((h) => f === h || f.startsWith(`${h}.`)));
    const absent = (p: Profile, field: string, deal: number): boolean => {
      const [root, ...keys] = field.split('.');
      let value: unknown = root === 'partner' ? p.partner : p.opportunities?.[deal];
      if (value === undefined) return false;
      for (const key of keys) {
        if (value === undefined) return true;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
        value = (value as Record<string, unknown>)[key];
      }
      return value === undefined;
    };
    // Every absent fact of the profile, each filled in on its own with a value of its own.
    const withFacts = profile.chain((p) => {
      const deals = p.opportunities?.length ?? 0;
      const facts = [
        ...judged.flatMap((field) => (field.startsWith('partner.') ? [{ field, deal: -1 }] : Array.from({ length: deals }, (_, deal) => ({ field, deal })))).filter((c) => absent(p, c.field, c.deal)),
        ...absentEntryFacts(p).map((field) => ({ field, deal: -1 })),
      ];
      return fc.tuple(...facts.map((c) => valueFor(c.field).map((value) => ({ ...c, value })))).map((filled) => ({ p, filled }));
    });
    fc.assert(
      fc.property(withFacts, ({ p, filled }) => {
        const before = entities(assess(textOf(p)));
        for (const { field, deal, value } of filled) {
          const after = entities(assess(textOf(answered(p, field, deal, value))));
          after.forEach((now, i) => {
            const then = before[i]!;
            const why = `${then.name} after ${field} = ${JSON.stringify(value)}`;
            // A fact no open question asks for (nor a question about its parent: a loan's terms) cannot move anything.
            const asks = (field.startsWith('partner.') || i === deal + 1) && then.openQuestions.some((q) => q.field === field || field.startsWith(`${q.field}.`));
            if (asks) expectWithin(now, then, why);
            else expect([now.verdict, now.score], `${why}: it asks nothing about it`).toEqual([then.verdict, then.score]);
          });
        }
      }),
      // Each case assesses the profile once per absent fact: fewer cases, as many assessments.
      { ...SETTINGS, numRuns: Math.max(20, Math.round(SETTINGS.numRuns / 3)) },
    );
  }, TIMEOUT);

  it('holds when many open questions are answered at once', () => {
    const withAnswers = profile.chain((p) => {
      const questions = questionsOf(assess(textOf(p)));
      return fc.tuple(...questions.map((q) => fc.option(valueFor(q.field), { nil: undefined }).map((value) => ({ ...q, value })))).map((answers) => ({ p, answers }));
    });
    fc.assert(
      fc.property(withAnswers, ({ p, answers }) => {
        const before = assess(textOf(p));
        let q: Profile = p;
        for (const a of answers) if (a.value !== undefined) q = answered(q, a.field, a.deal, a.value);
        const after = assess(textOf(q));
        const was = entities(before);
        entities(after).forEach((now, i) => expectWithin(now, was[i]!, `${was[i]!.name} after ${answers.filter((a) => a.value !== undefined).length} answers`));
      }),
      SETTINGS,
    );
  }, TIMEOUT);
});
