// A worse fact never gives a better verdict or a higher score: every field the catalogue says has
// a worse way (src/format/fields.ts, WORSE) is moved that way on generated and example profiles,
// for every built-in rubric.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { OpportunityAssessment, PartnerAssessment } from '../../src/engine/evaluate.js';
import { FIELDS, ITEM_FIELDS, WORSE, type Worse } from '../../src/format/fields.js';
import { typeOf } from '../../src/format/validate.js';
import { schemaForField } from '../../src/questionnaire/questions.js';
import { compileRubricFile, resolveRubric, type Rubric } from '../../src/rubric/load.js';
import { EXAMPLES } from '../helpers/report.js';
import { assess, BADNESS, nearlyKnown, profile as sparse, textOf, type Profile } from './arbitraries.js';
import { SETTINGS, TIMEOUT } from './settings.js';

const RUBRICS: Rubric[] = ['default', 'reseller', 'services'].map((name) => compileRubricFile(resolveRubric(name)));
const profile = fc.oneof(sparse, nearlyKnown);
/** A step that takes a number to its floor (a deal worth 0, no referrals): cliffs sit at the ends too. */
const HUGE = 1e9;
type Judged = PartnerAssessment | OpportunityAssessment;
const entities = (a: PartnerAssessment): Judged[] => [a, ...a.opportunities];
const allowed = (field: string, value: unknown) => schemaForField(field)!.safeParse(value).success;
const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The value one step worse than `value`, or undefined when there is none (already the worst). */
function worse(field: string, rule: Worse, value: unknown, step: number): unknown {
  let next: unknown;
  switch (rule.direction) {
    case 'higher': next = (value as number) + step; break;
    case 'lower': next = Math.max(0, (value as number) - step); break;
    case 'older': next = shiftDate(value as string, Math.min(step, 3650)); break;
    case 'true': next = true; break;
    case 'false': next = false; break;
    case 'order': next = rule.order[Math.min(rule.order.length - 1, rule.order.indexOf(value as string) + 1)]; break;
    default: return undefined;
  }
  // Integers stay integers, amounts stay in range: what the format would not take is no move.
  if (typeof next === 'number' && typeof value === 'number' && Number.isInteger(value)) next = Math.round(next);
  return next === value || !allowed(field, next) ? undefined : next;
}

interface Move { path: (string | number)[]; field: string; value: unknown }

/** Every known fact of the profile moved one step worse, each on its own. */
function movesOf(p: Profile, step: number): Move[] {
  const moves: Move[] = [];
  const visit = (data: unknown, root: string, path: (string | number)[]) => {
    if (Array.isArray(data)) {
      data.forEach((entry: Record<string, unknown>, i) => {
        const item = `${root}.${path.slice(1).filter((k) => typeof k === 'string').join('.')}[]`.replace('.[]', '[]');
        for (const [key, value] of Object.entries(entry)) {
          if (value === undefined) continue;
          const field = `${item}.${key}`;
          // An amount is worse when it is ours and higher, or theirs and lower.
          const rule: Worse | undefined = key === 'amount' ? { direction: entry.by === 'us' ? 'higher' : 'lower' } : WORSE[field];
          if (!rule) continue;
          const next = worse(field, rule, value, step);
          if (next !== undefined && !(key === 'amount' && (next as number) <= 0)) moves.push({ path: [...path, i, key], field, value: next });
        }
      });
      return;
    }
    if (data === null || typeof data !== 'object') return;
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      const field = [root, ...path.slice(1), key].filter((k) => typeof k === 'string').join('.');
      if (Array.isArray(value) || (value !== null && typeof value === 'object')) visit(value, root, [...path, key]);
      else if (WORSE[field]) {
        const next = worse(field, WORSE[field], value, step);
        if (next !== undefined) moves.push({ path: [...path, key], field, value: next });
      }
    }
  };
  visit(p.partner, 'partner', ['partner']);
  (p.opportunities ?? []).forEach((deal, i) => visit(deal, 'opportunity', ['opportunities', i]));
  return moves;
}

function moved(p: Profile, move: Move): Profile {
  const copy = JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
  let target = copy as Record<string | number, unknown>;
  for (const key of move.path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[move.path.at(-1)!] = move.value;
  return copy as unknown as Profile;
}

function expectNoBetter(p: Profile, step: number): void {
  const text = textOf(p);
  for (const rubric of RUBRICS) {
    const before = entities(assess(text, rubric));
    for (const move of movesOf(p, step)) {
      const after = entities(assess(textOf(moved(p, move)), rubric));
      after.forEach((now, i) => {
        const then = before[i]!;
        const why = `${rubric.name}: ${then.name} after ${move.path.join('.')} = ${JSON.stringify(move.value)}`;
        expect(BADNESS[now.verdict], `${why}: ${then.verdict} became ${now.verdict}`).toBeGreaterThanOrEqual(BADNESS[then.verdict]);
        expect(now.score, `${why}: the score rose`).toBeLessThanOrEqual(then.score);
      });
    }
  }
}

describe('a worse fact', () => {
  it('has a direction in the catalogue for every field it could be', () => {
    // Every entry names a field of the format, list entries' keys included.
    for (const field of Object.keys(WORSE)) expect(schemaForField(field), field).toBeDefined();
    // And every number, yes/no, choice, date and loan of the format has an entry, as has any
    // text a built-in rubric reads: a field left out would never be tested.
    const read = new Set(RUBRICS.flatMap((r) => r.rules.flatMap((rule) => rule.reads)).map((path) => path.replace(/\.(exists|all|filter)\b.*$/, '')));
    for (const field of [...Object.keys(FIELDS), ...Object.keys(ITEM_FIELDS)]) {
      const schema = schemaForField(field)!;
      const type = typeOf(schema);
      const isDate = type === 'string' && !schema.safeParse('some-text').success && schema.safeParse('2026-01-15').success;
      const isFreeText = type === 'string' && !isDate && !read.has(field);
      if (type !== 'array' && !isFreeText) expect(WORSE[field], `${field} (${type}) has no entry in WORSE`).toBeDefined();
    }
  }, TIMEOUT);

  it('never gives a better verdict or a higher score, on generated profiles, for every built-in rubric', () => {
    fc.assert(fc.property(profile, fc.constantFrom(1, 3, 30, HUGE), (p, step) => expectNoBetter(p as Profile, step)), { ...SETTINGS, numRuns: Math.max(10, Math.round(SETTINGS.numRuns / 5)) });
  }, TIMEOUT);

  it('never gives a better verdict or a higher score, on the examples and the history', () => {
    const history = readdirSync('examples/history').filter((f) => f.endsWith('.yaml')).map((f) => `examples/history/${f}`);
    for (const file of [...EXAMPLES.filter((f) => !f.includes('/deals/')), ...history]) {
      const data = parse(readFileSync(file, 'utf8')) as Profile & { version: number };
      for (const step of [1, 30, HUGE]) expectNoBetter({ partner: data.partner, ...(data.opportunities ? { opportunities: data.opportunities } : {}) }, step);
    }
  }, TIMEOUT);
});
