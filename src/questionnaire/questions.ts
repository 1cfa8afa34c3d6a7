// Questions about a profile's fields, from the one place that says what each field means
// (src/format/fields.ts) and what it takes (the zod schema). "Don't know" is always an answer: it
// leaves the key absent, which the format reads as unknown, never as false.
import type * as z from 'zod/mini';
import { fieldPath, FIELDS, ITEM_FIELDS } from '../format/fields.js';
import { opportunitySchema, partnerSchema } from '../format/schema.js';
import { describeSchema, defOf, schemaAt, typeOf, unwrap } from '../format/validate.js';

export const DONT_KNOW = Symbol('don\'t know');

export type Question =
  | { kind: 'choice'; field: string; message: string; choices: { name: string; value: unknown }[]; default?: unknown }
  | { kind: 'input'; field: string; message: string; parse: (text: string) => { value: unknown } | { error: string }; default?: string; required?: boolean };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function rootSchema(field: string): z.ZodMiniType {
  return field.startsWith('opportunity') ? opportunitySchema : partnerSchema;
}

/** The schema of a field path; `[]` or `[2]` steps into list items (`partner.investments[].amount`). */
export function schemaForField(field: string): z.ZodMiniType | undefined {
  return schemaAt(rootSchema(field), fieldPath(field.replace(/\[\]/g, '[0]')).slice(1));
}

/**
 * The question that settles a field: its wording from FIELDS (or ITEM_FIELDS), its form from the
 * schema. A required field (a partner's name, an investment's amount) has no "don't know".
 */
export function questionFor(field: string, options: { required?: boolean; leavesEntryOut?: boolean } = {}): Question | undefined {
  const info = FIELDS[field] ?? ITEM_FIELDS[field.replace(/\[\d+\]/g, '[]')];
  const schema = schemaForField(field);
  if (!info || !schema) return undefined;
  const message = info.question;
  const s = unwrap(schema);
  const type = typeOf(s);
  const required = options.required ?? false;
  // A fact a list entry cannot be written without: "don't know" leaves the entry out.
  const dontKnow = required ? [] : [{ name: options.leavesEntryOut ? "Don't know (leave this entry out)" : "Don't know", value: DONT_KNOW }];
  if (type === 'boolean') return { kind: 'choice', field, message, choices: [{ name: 'Yes', value: true }, { name: 'No', value: false }, ...dontKnow] };
  if (type === 'enum') {
    const values = Object.values((defOf(s) as unknown as { entries: Record<string, string> }).entries);
    return { kind: 'choice', field, message, choices: [...values.map((v) => ({ name: v, value: v })), ...dontKnow] };
  }
  if (type === 'union') {
    // ask.tryAndBuy: `false` (none asked) or the loan's terms, asked about next.
    return { kind: 'choice', field, message, choices: [{ name: 'Yes', value: {} }, { name: 'No', value: false }, ...dontKnow] };
  }
  if (type === 'array') {
    // A list is known once it is written, even empty: "none" is an answer.
    return { kind: 'choice', field, message, choices: [{ name: 'None', value: [] }, ...dontKnow] };
  }
  // Typed answers, checked by the schema itself; an error is shown under the prompt and re-asked.
  const isNumber = type === 'int' || type === 'number';
  const parse = (text: string): { value: unknown } | { error: string } => {
    const trimmed = text.trim();
    if (isNumber && (trimmed === '' || Number.isNaN(Number(trimmed)))) return { error: `expected ${describeSchema(s)}, as a plain number` };
    const result = s.safeParse(isNumber ? Number(trimmed) : trimmed);
    if (result.success) return { value: result.data };
    if (isNumber) return { error: `expected ${describeSchema(s)}; that is out of range` };
    return { error: DATE.test(trimmed) || /date/.test(info.meaning) ? 'expected a date as YYYY-MM-DD that exists on the calendar' : `expected ${describeSchema(s)}` };
  };
  return { kind: 'input', field, required, message: required ? message : `${message} (leave empty ${options.leavesEntryOut ? 'to leave this entry out' : "if you don't know"})`, parse };
}
