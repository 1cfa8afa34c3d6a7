// Walking the format's fields with a person: one field, a list ("add another?"), or a section of
// them. Shared by `interview` and `assess --interactive`. Answers are written into a target as
// they are given, so that a questionnaire stopped half-way still holds every answer given so far.
// Nothing here invents a fact: Enter on a question leaves it as it was, "Don't know" leaves it
// absent, and a list nobody described stays absent rather than becoming "none".
import type * as z from 'zod/mini';
import { defOf, objectShape, typeOf, unwrap } from '../format/validate.js';
import type { Asker } from './asker.js';
import { DONT_KNOW, questionFor } from './questions.js';

export type Data = Record<string, unknown>;

const isOptional = (schema: z.ZodMiniType) => defOf(schema).type === 'optional';
export const isMap = (v: unknown): v is Data => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Keys a questionnaire never asks: an id defaults from the file name, waivers are decisions, not facts. */
const SKIPPED_KEYS = new Set(['id', 'waivers']);
const title = (key: string) => key.replace(/([A-Z])/g, ' $1').toLowerCase();

/**
 * Sections whose other questions make sense only after one answer: an outcome's result, end date
 * and notes belong to a partnership that has ended.
 */
const ASKED_AFTER: Record<string, { key: string; value: unknown; onlyThen?: string[] }> = {
  // An end date only on an ended partnership (the format's rule): it goes when the status does.
  'partner.outcome': { key: 'status', value: 'ended', onlyThen: ['ended'] },
};

/** Sections asked about in words of their own rather than their key's. */
const SECTION_QUESTIONS: Record<string, string> = {
  'partner.sponsor.previous': 'Did ownership change hands on their side (a previous sponsor)?',
};

/** Sections of a deal that only a sale to a customer has: an enablement deal is not asked them. */
const CUSTOMER_SECTIONS = new Set(['customer', 'ask', 'quoting', 'payment']);

/** What a list item is called in a question: `partner.investments` → "investment". */
function nounOf(field: string): string {
  return title(field.split('.').pop()!).replace(/ies$/, 'y').replace(/s$/, '');
}

/** "Don't know" for a fact a list entry needs (who put it in, how much): the entry is left out. */
class LeaveEntryOut extends Error {}

export class Walker {
  constructor(private readonly asker: Asker) {}

  async choose<T>(message: string, choices: { name: string; value: T }[], preset?: T): Promise<T> {
    return (await this.asker.ask({ kind: 'choice', field: '', message, choices, ...(preset !== undefined ? { default: preset } : {}) })) as T;
  }

  /** One field; the recorded value is the default. Returns the new value, or undefined for "don't know". */
  async field(field: string, schema: z.ZodMiniType, current: unknown, message?: string): Promise<unknown> {
    const inEntry = field.includes('[]');
    const required = !isOptional(schema);
    const question = questionFor(field, { required: required && !inEntry, leavesEntryOut: required && inEntry });
    if (!question) return current;
    const preset = current === undefined ? {} : { default: question.kind === 'input' ? (typeof current === 'string' ? current : JSON.stringify(current)) : current };
    const answer = await this.asker.ask({ ...question, ...(message ? { message } : {}), ...preset } as typeof question);
    if (answer === DONT_KNOW && required && inEntry) throw new LeaveEntryOut();
    // Enter on a typed answer keeps what is recorded, as written (`""`, a trailing newline, spaces).
    if (question.kind === 'input' && current !== undefined && (answer === DONT_KNOW || (typeof current === 'string' && answer === current.trim()))) return current;
    return answer === DONT_KNOW ? undefined : answer;
  }

  /**
   * A list: kept, added to, "none", or unknown. With nothing recorded, Enter picks "Don't know":
   * an empty list is a known "none", and only a person says that. `onItems` sees the items as each
   * is completed (the partial answer of a stopped questionnaire).
   */
  async list(field: string, schema: z.ZodMiniType, current: unknown, options: { message?: string; onItems?: (items: Data[]) => void } = {}): Promise<unknown> {
    const existing = Array.isArray(current) ? (current as Data[]) : undefined;
    const noun = nounOf(field);
    const message = options.message ?? questionFor(field)?.message ?? `${title(field.split('.').pop()!)}?`;
    type Decision = 'keep' | 'add' | 'none' | typeof DONT_KNOW;
    const decision = existing
      ? await this.choose<Decision>(message, [{ name: `Keep the ${existing.length} recorded`, value: 'keep' }, { name: `Add ${noun}s`, value: 'add' }, { name: "Don't know (remove them)", value: DONT_KNOW }], 'keep')
      : await this.choose<Decision>(message, [{ name: 'None', value: 'none' }, { name: `Add ${noun}s`, value: 'add' }, { name: "Don't know", value: DONT_KNOW }]);
    if (decision === DONT_KNOW) return undefined;
    if (decision === 'none') return [];
    if (decision === 'keep') return existing;
    const items = [...(existing ?? [])];
    const element = objectShape(defOf(unwrap(schema)).element as z.ZodMiniType)!;
    do {
      const item: Data = {};
      try {
        await this.object(element, `${field}[]`, item);
      } catch (error) {
        if (error instanceof LeaveEntryOut) continue;
        throw error;
      }
      items.push(item);
      options.onItems?.(items);
    } while ((await this.choose(`Add another ${noun}?`, [{ name: 'No', value: false }, { name: 'Yes', value: true }])) === true);
    // Every entry left out, and none recorded before: nothing was said about the list.
    return items.length > 0 || existing ? items : undefined;
  }

  /** Any field: a list, a loan (no, or yes and its terms), a section, or a single value. `onItems` as for list(). */
  async value(field: string, schema: z.ZodMiniType, current: unknown, message?: string, onItems?: (items: Data[]) => void): Promise<unknown> {
    const s = unwrap(schema);
    const type = typeOf(s);
    if (type === 'array') return this.list(field, schema, current, { ...(message ? { message } : {}), ...(onItems ? { onItems } : {}) });
    if (type === 'union') {
      // ask.tryAndBuy: `false` (none asked), or asked for, and then its terms.
      const asked = await this.field(field, schema, current === undefined ? undefined : current === false ? false : {}, message);
      if (asked === undefined || asked === false) return asked;
      const terms: Data = isMap(current) ? { ...current } : {};
      await this.object(objectShape(s)!, field, terms);
      return terms;
    }
    return this.field(field, schema, current, message);
  }

  /**
   * The keys of an object schema, in order, written into `target` as they are answered; a section
   * (a nested object) can be skipped. `prefix` names the fields (`partner.sponsor`).
   */
  async object(shape: Record<string, z.ZodMiniType>, prefix: string, target: Data, options: { skip?: ReadonlySet<string> } = {}): Promise<void> {
    const gate = ASKED_AFTER[prefix];
    const keys = Object.keys(shape).filter((k) => !SKIPPED_KEYS.has(k) && !options.skip?.has(k));
    // The gating key first: the rest of the section depends on its answer.
    if (gate) keys.sort((a, b) => Number(b === gate.key) - Number(a === gate.key));
    for (const key of keys) {
      if (gate && key !== gate.key && target[gate.key] !== gate.value) {
        if (gate.onlyThen?.includes(key) && target[gate.key] !== undefined) delete target[key];
        continue;
      }
      if (prefix === 'opportunity' && target.kind === 'enablement' && CUSTOMER_SECTIONS.has(key)) continue;
      const schema = shape[key]!;
      const field = `${prefix}.${key}`;
      const s = unwrap(schema);
      if (typeOf(s) === 'object') {
        // A record of a change starts on "No": Enter never invents a handover.
        const answer = SECTION_QUESTIONS[field]
          ? await this.choose(SECTION_QUESTIONS[field], [{ name: 'No', value: false }, { name: 'Yes', value: true }])
          : await this.choose(`Answer the questions about ${title(key)}?`, [{ name: 'Answer', value: true }, { name: 'Skip', value: false }]);
        if (!answer) continue;
        const current = target[key];
        const inner: Data = isMap(current) ? current : {};
        target[key] = inner;
        try {
          await this.object(objectShape(s)!, field, inner);
        } finally {
          if (Object.keys(inner).length === 0) delete target[key];
        }
        continue;
      }
      const onItems = (items: Data[]) => (target[key] = items);
      const value = typeOf(s) === 'array' ? await this.list(field, schema, target[key], { onItems }) : await this.value(field, schema, target[key]);
      if (value === undefined) delete target[key];
      else target[key] = value;
    }
  }
}
