// The field catalogue (meanings and questions) covers every key of the format, and nothing else.
import type * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { FIELDS, ITEM_FIELDS } from '../../src/format/fields.js';
import { opportunitySchema, partnerSchema } from '../../src/format/schema.js';
import { defOf, objectShape, unwrap } from '../../src/format/validate.js';

/** Paths a person answers: leaf keys, whole lists, and a union (false or a map) with its fields. */
function paths(schema: z.ZodMiniType, prefix: string): string[] {
  const s = unwrap(schema);
  const type = defOf(s).type;
  if (type === 'array') return [prefix];
  if (type === 'union') return [prefix, ...Object.entries(objectShape(s)!).flatMap(([k, v]) => paths(v, `${prefix}.${k}`))];
  if (type === 'object') return Object.entries(objectShape(s)!).flatMap(([k, v]) => paths(v, `${prefix}.${k}`));
  return [prefix];
}

describe('FIELDS', () => {
  const schemaPaths = [...paths(partnerSchema, 'partner'), ...paths(opportunitySchema, 'opportunity')];

  it('has a meaning and a question for every key of the format', () => {
    expect(schemaPaths.filter((p) => !FIELDS[p])).toEqual([]);
  });

  it('names no key the format does not have', () => {
    expect(Object.keys(FIELDS).filter((p) => !schemaPaths.includes(p))).toEqual([]);
  });

  it('asks about every key of the list items people add (investments, escalations, commitments)', () => {
    const items = (schema: z.ZodMiniType, prefix: string) => Object.keys(objectShape(defOf(unwrap(schema)).element as z.ZodMiniType)!).map((k) => `${prefix}[].${k}`);
    const expected = [
      ...items(objectShape(partnerSchema)!.investments!, 'partner.investments'),
      ...items(objectShape(objectShape(partnerSchema)!.conduct!)!.escalations!, 'partner.conduct.escalations'),
      ...items(objectShape(opportunitySchema)!.commitments!, 'opportunity.commitments'),
    ];
    expect(Object.keys(ITEM_FIELDS).sort()).toEqual(expected.sort());
  });

  it('phrases every question as a question', () => {
    for (const [path, info] of Object.entries({ ...FIELDS, ...ITEM_FIELDS })) expect(info.question, path).toMatch(/\?$/);
  });
});
