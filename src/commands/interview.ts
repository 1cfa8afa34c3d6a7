// `partner-eval interview [file]`: a profile (or a deal on its own file) from plain-language
// questions, or a walk through an existing one with its answers as defaults. Sections can be
// skipped; "don't know" leaves a key absent. Before anything is written: a summary, the verdict,
// and a confirmation.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type * as z from 'zod/mini';
import { assessDirectDeal, assessPartner } from '../engine/evaluate.js';
import { loadText } from '../format/load.js';
import { opportunitySchema, partnerSchema } from '../format/schema.js';
import { defOf, objectShape, typeOf, unwrap } from '../format/validate.js';
import { decodeUtf8 } from '../format/yaml-source.js';
import { Interrupted, type Asker } from '../questionnaire/asker.js';
import { DONT_KNOW, questionFor } from '../questionnaire/questions.js';
import { applyAnswers, type Answer } from '../questionnaire/write-back.js';
import { loadRubric } from '../rubric/load.js';
import { formatProblem, InputError, UsageError } from '../util/errors.js';
import { slugify } from '../util/text.js';
import { writeFileAtomic } from '../util/write.js';

export interface InterviewOptions {
  file?: string;
  rubric: string;
  today: string;
  /** Where a new profile goes when no file is named. */
  profilesDir?: string;
}

type Data = Record<string, unknown>;

const isOptional = (schema: z.ZodMiniType) => defOf(schema).type === 'optional';
const SKIPPED_KEYS = new Set(['id', 'waivers']);
const title = (key: string) => key.replace(/([A-Z])/g, ' $1').toLowerCase();

class Interviewer {
  constructor(private readonly asker: Asker, private readonly write: (text: string) => void) {}

  private async choose<T>(message: string, choices: { name: string; value: T }[]): Promise<T> {
    return (await this.asker.ask({ kind: 'choice', field: '', message, choices })) as T;
  }

  /** One field; returns the new value, or undefined for "don't know". */
  private async field(field: string, schema: z.ZodMiniType, current: unknown): Promise<unknown> {
    const question = questionFor(field, { required: !isOptional(schema) });
    if (!question) return current;
    const preset = current === undefined ? {} : { default: question.kind === 'input' ? (typeof current === 'string' ? current : JSON.stringify(current)) : current };
    const answer = await this.asker.ask({ ...question, ...preset } as typeof question);
    return answer === DONT_KNOW ? undefined : answer;
  }

  /** A list: kept, added to, emptied ("none") or unknown. */
  private async list(field: string, current: unknown, item: (data: Data) => Promise<Data>, noun: string): Promise<unknown> {
    const existing = Array.isArray(current) ? (current as Data[]) : undefined;
    const choices = existing
      ? [{ name: `Keep the ${existing.length} recorded`, value: 'keep' }, { name: `Add ${noun}s`, value: 'add' }, { name: "Don't know (remove them)", value: 'unknown' }]
      : [{ name: 'None', value: 'none' }, { name: `Add ${noun}s`, value: 'add' }, { name: "Don't know", value: 'unknown' }];
    const info = questionFor(field);
    const decision = await this.choose(info?.message ?? `${title(field.split('.').pop()!)}?`, choices);
    if (decision === 'unknown') return undefined;
    if (decision === 'none') return [];
    const items = [...(existing ?? [])];
    if (decision === 'add') {
      do items.push(await item({}));
      while ((await this.choose(`Add another ${noun}?`, [{ name: 'No', value: false }, { name: 'Yes', value: true }])) === true);
    }
    return items;
  }

  /** The keys of an object schema, section by section; `prefix` names fields (`partner.sponsor`). */
  async object(shape: Record<string, z.ZodMiniType>, prefix: string, current: Data, options: { skip?: ReadonlySet<string>; itemPrefix?: string } = {}): Promise<Data> {
    const out: Data = { ...current };
    for (const [key, schema] of Object.entries(shape)) {
      if (SKIPPED_KEYS.has(key) || options.skip?.has(key)) continue;
      const field = `${prefix}.${key}`;
      const s = unwrap(schema);
      const type = typeOf(s);
      let value: unknown;
      if (type === 'object') {
        const answer = await this.choose(`Answer the questions about ${title(key)}?`, [{ name: 'Answer', value: true }, { name: 'Skip', value: false }]);
        if (!answer) continue;
        const inner = await this.object(objectShape(s)!, field, (current[key] as Data | undefined) ?? {});
        value = Object.keys(inner).length > 0 ? inner : undefined;
      } else if (type === 'array') {
        const element = objectShape(defOf(s).element as z.ZodMiniType)!;
        value = await this.list(field, current[key], (data) => this.object(element, `${field}[]`, data), title(key).replace(/s$/, '').replace(/ie$/, 'y'));
      } else if (type === 'union') {
        // ask.tryAndBuy: no, or yes and then its terms.
        value = await this.field(field, schema, current[key] === undefined ? undefined : current[key] === false ? false : {});
        if (value !== undefined && value !== false) value = await this.object(objectShape(s)!, field, typeof current[key] === 'object' ? (current[key] as Data) : {});
      } else value = await this.field(field, schema, current[key]);
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
    return out;
  }

  async document(kind: 'partner' | 'opportunity', current: Data): Promise<Data> {
    if (kind === 'opportunity') return { version: 1, opportunity: await this.object(objectShape(opportunitySchema)!, 'opportunity', (current.opportunity as Data | undefined) ?? {}) };
    const partner = await this.object(objectShape(partnerSchema)!, 'partner', (current.partner as Data | undefined) ?? {});
    const deals: Data[] = [];
    for (const deal of (current.opportunities as Data[] | undefined) ?? []) {
      const walk = await this.choose(`Walk through the deal "${String(deal.name)}"?`, [{ name: 'Keep it as it is', value: false }, { name: 'Walk through it', value: true }]);
      deals.push(walk ? await this.object(objectShape(opportunitySchema)!, 'opportunity', deal, { skip: new Set(['partner']) }) : deal);
    }
    while ((await this.choose('Add a deal this partner brings?', [{ name: 'No', value: false }, { name: 'Yes', value: true }])) === true) {
      deals.push(await this.object(objectShape(opportunitySchema)!, 'opportunity', {}, { skip: new Set(['partner']) }));
    }
    return { version: 1, partner, ...(deals.length > 0 ? { opportunities: deals } : {}) };
  }

  say(text: string): void {
    this.write(text);
  }
}

/** Facts recorded: every value, and every list (an empty one says "none"). */
function countFacts(value: unknown): number {
  if (Array.isArray(value)) return value.length === 0 ? 1 : value.reduce((n: number, v) => n + countFacts(v), 0);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + countFacts(v), 0);
  return 1;
}

/** What changed between two data trees, as write-back answers: leaves, and lists whole. */
function changes(before: unknown, after: unknown, path: (string | number)[] = []): Answer[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isMap = (v: unknown): v is Data => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isMap(before) || !isMap(after)) return [{ path, value: after }];
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((k) => changes(before[k], after[k], [...path, k]));
}

function readProfile(file: string): { text: string; data: Data } {
  const decoded = decodeUtf8(file, readFileSync(file));
  if ('problem' in decoded) throw new InputError([decoded.problem]);
  const loaded = loadText(file, decoded.text);
  if (loaded.problems.length > 0) throw new InputError(loaded.problems);
  if (loaded.partners.length + loaded.opportunities.length !== 1) throw new UsageError(`interview: expected a file with one partner or one deal, got ${loaded.partners.length + loaded.opportunities.length}`);
  const origin = (loaded.partners[0] ?? loaded.opportunities[0])!;
  const data = loaded.partners[0] ? { version: 1, partner: loaded.partners[0].data, ...(loaded.partners[0].opportunities.length ? { opportunities: loaded.partners[0].opportunities.map((o) => o.data) } : {}) } : { version: 1, opportunity: origin.data };
  return { text: decoded.text, data };
}

export async function interview(options: InterviewOptions, asker: Asker, io: { stdout: (text: string) => void }): Promise<number> {
  const rubric = loadRubric(options.rubric);
  const interviewer = new Interviewer(asker, io.stdout);
  const existing = options.file && existsSync(options.file) ? readProfile(options.file) : undefined;
  try {
    const kind: 'partner' | 'opportunity' = existing ? ('partner' in existing.data ? 'partner' : 'opportunity') : await (async () => (await asker.ask({ kind: 'choice', field: '', message: 'What do you want to describe?', choices: [{ name: 'A partner (and the deals it brings)', value: 'partner' }, { name: 'A deal, on its own file', value: 'opportunity' }] })) as 'partner' | 'opportunity')();
    if (existing) interviewer.say(`Walking through ${options.file}: the current answers are the defaults.\n`);
    const data = await interviewer.document(kind, existing?.data ?? {});
    const entity = (data.partner ?? data.opportunity) as Data;
    const file = options.file ?? path.join(options.profilesDir ?? '.', `${slugify(String(entity.name)) || kind}.yaml`);
    const text = existing
      ? applyAnswers(existing.text, changes(existing.data, data))
      : `# ${kind === 'partner' ? 'Partner profile' : 'Deal'} written with \`partner-eval interview\` on ${options.today}.\n${stringify(data, { lineWidth: 0 })}`;
    // The summary and the verdict, on exactly what would be written.
    const loaded = loadText(file, text);
    if (loaded.problems.length > 0) throw new InputError(loaded.problems);
    const verdict = loaded.partners[0]
      ? `${assessPartner(loaded.partners[0], rubric, { today: options.today }).verdict} (the relationship)`
      : loaded.opportunities[0]!.data.partner
        ? 'judged with its partner: run `partner-eval assess` on this file'
        : assessDirectDeal(loaded.opportunities[0]!, rubric, { today: options.today }).verdict;
    const answered = countFacts(entity);
    interviewer.say(`\n${existing ? `${changes(existing.data, data).length} change(s) to` : 'New'} ${file}: ${answered} fact(s) recorded. Verdict now: ${verdict}.\n`);
    const confirm = await asker.ask({ kind: 'choice', field: '', message: `Write ${file}?`, choices: [{ name: 'Write it', value: true }, { name: 'Do not write', value: false }] });
    if (confirm !== true) {
      interviewer.say('Nothing was written.\n');
      return 0;
    }
    if (existing) {
      if (readFileSync(options.file!, 'utf8') !== existing.text) throw new UsageError(`${options.file} changed on disk since it was read; nothing was written`, 'run the interview again on the new file');
      writeFileAtomic(options.file!, text);
    } else {
      if (existsSync(file)) throw new UsageError(`${file} exists; nothing was written`, `walk through it: partner-eval interview ${file}`);
      writeFileAtomic(file, text);
    }
    interviewer.say(`Wrote ${file}. See the full report: partner-eval assess ${file}\n`);
    return 0;
  } catch (error) {
    if (error instanceof Interrupted) {
      io.stdout('\nStopped: nothing was written.\n');
      return 130;
    }
    if (error instanceof InputError) throw new UsageError(`interview produced an invalid profile: ${error.problems.map(formatProblem).join('; ')}`);
    throw error;
  }
}
