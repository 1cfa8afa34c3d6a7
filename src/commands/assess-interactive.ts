// `partner-eval assess --interactive <file>`: shows where the verdicts stand, asks on a terminal
// the facts the report still needs (those that could change a verdict first, each fact once),
// writes the answers into the file without disturbing the rest of it, and shows how the verdict
// changed. Enter leaves a question unanswered; a stop offers to keep what was answered.
import { readFileSync } from 'node:fs';
import { assessPartner, type OpportunityAssessment, type PartnerAssessment } from '../engine/evaluate.js';
import { describeRange, type OpenQuestion } from '../engine/judgement.js';
import type { Verdict } from '../engine/score.js';
import { decodeUtf8 } from '../format/yaml-source.js';
import { loadText, type LoadedPartner } from '../format/load.js';
import { Interrupted, type Asker } from '../questionnaire/asker.js';
import { questionFor, schemaForField } from '../questionnaire/questions.js';
import { Walker } from '../questionnaire/walk.js';
import { applyAnswers, type Answer } from '../questionnaire/write-back.js';
import { loadRubric, type Rubric } from '../rubric/load.js';
import { InputError, UsageError } from '../util/errors.js';
import { writeFileAtomic } from '../util/write.js';
import { emit, type ReportingOptions } from './emit.js';
import { runAssessment } from './assess.js';

export interface InteractiveOptions extends ReportingOptions {
  file: string;
}

interface Ask {
  /** Where the answer goes in the file. */
  path: (string | number)[];
  field: string;
  /** 0: it could change a verdict; 1: it could add a red flag; 2: only a green signal. */
  group: number;
  swing: number;
  /** Who it is about, for the person answering. */
  about: string;
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`could not read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const decoded = decodeUtf8(file, bytes);
  if ('problem' in decoded) throw new InputError([decoded.problem]);
  return decoded.text;
}

/** The one partner of the file, judged as of `today`. */
function judge(file: string, text: string, rubric: Rubric, today: string): { partner: LoadedPartner; assessment: PartnerAssessment } {
  const loaded = loadText(file, text);
  if (loaded.problems.length > 0) throw new InputError(loaded.problems);
  const partner = loaded.partners[0];
  if (!partner || loaded.partners.length > 1) throw new UsageError(`--interactive: expected a file with one partner profile, got ${loaded.partners.length}`, 'answer for one partner at a time');
  return { partner, assessment: assessPartner(partner, rubric, { today }) };
}

const groupOf = (q: OpenQuestion) => (q.decidesVerdict ? 0 : q.possibleSeverity === 'green' ? 2 : 1);

/** The open questions of the partner and of its deals in this file, each fact once, most decisive first. */
function questionsOf(partner: LoadedPartner, assessment: PartnerAssessment, asked: ReadonlySet<string>): Ask[] {
  const out = new Map<string, Ask>();
  const add = (questions: readonly OpenQuestion[], base: (string | number)[], root: 'partner' | 'opportunity', about: string) => {
    for (const q of questions) {
      if (!q.field.startsWith(`${root}.`) || !schemaForField(q.field)) continue;
      const path = [...base, ...q.field.split('.').slice(1)];
      const key = path.join('.');
      if (asked.has(key)) continue;
      const ask: Ask = { path, field: q.field, group: groupOf(q), swing: q.swing, about };
      const existing = out.get(key);
      // A partner fact asked for a deal too: it is asked once, as decisive as it is anywhere.
      if (!existing || ask.group < existing.group || (ask.group === existing.group && ask.swing > existing.swing)) out.set(key, existing ? { ...ask, about: existing.about } : ask);
    }
  };
  add(assessment.openQuestions, partner.origin.base, 'partner', partner.data.name);
  partner.opportunities.forEach((o, i) => {
    const deal = assessment.opportunities[i]!;
    add(deal.openQuestions, partner.origin.base, 'partner', partner.data.name);
    // Deals in files of their own are answered in their own file.
    if (!o.isStandalone) add(deal.openQuestions, o.origin.base, 'opportunity', `${partner.data.name} → ${o.data.name}`);
  });
  return [...out.values()].map((a, order) => ({ a, order })).sort((x, y) => x.a.group - y.a.group || y.a.swing - x.a.swing || x.order - y.order).map(({ a }) => a);
}

const SECTION = ['Questions that could change a verdict', 'Questions that could add red flags', 'Questions that could only add a green signal'] as const;

function verdicts(a: PartnerAssessment): Map<string, { name: string; verdict: Verdict }> {
  return new Map([[a.id, { name: a.name, verdict: a.verdict }], ...a.opportunities.map((o) => [`${a.id}/${o.id}`, { name: `${a.name} → ${o.name}`, verdict: o.verdict }] as const)]);
}

/** "Brightline: GO, settled (100/100)" per partner and deal: where things stand before the first question. */
function standing(a: PartnerAssessment): string {
  const line = (name: string, e: OpportunityAssessment | PartnerAssessment) => `  ${name}: ${e.verdict} (${describeRange(e)})${e.range.settled ? '' : `; unsettled: ${e.range.worst.verdict} at worst, ${e.range.best.verdict} at best`}`;
  return [line(a.name, a), ...a.opportunities.map((o) => line(`${a.name} → ${o.name}`, o))].join('\n');
}

export async function assessInteractive(options: InteractiveOptions, asker: Asker, io: { stdout: (text: string) => void }): Promise<number> {
  const rubric = loadRubric(options.rubric);
  const original = readText(options.file);
  let text = original;
  const first = judge(options.file, text, rubric, options.today).assessment;
  const walker = new Walker(asker);
  const answers: Answer[] = [];
  const asked = new Set<string>();
  io.stdout(`Where it stands now:\n${standing(first)}\n`);
  try {
    // A few rounds: an answer can open new questions (a try-and-buy asked for has terms).
    for (let round = 0; round < 3; round++) {
      const current = judge(options.file, text, rubric, options.today);
      const questions = questionsOf(current.partner, current.assessment, asked);
      if (questions.length === 0) break;
      let section = -1;
      for (const q of questions) {
        if (q.group !== section) {
          if (section !== -1) io.stdout(`  Verdict so far: ${judge(options.file, text, rubric, options.today).assessment.verdict}\n`);
          io.stdout(`\n${SECTION[q.group]}\n`);
          section = q.group;
        }
        asked.add(q.path.join('.'));
        const schema = schemaForField(q.field);
        if (!schema) continue;
        const message = `${q.about}: ${questionFor(q.field)?.message ?? q.field}`;
        const value = await walker.value(q.field, schema, undefined, message);
        if (value === undefined) continue;
        answers.push({ path: q.path, value });
        text = applyAnswers(original, answers);
      }
      io.stdout(`  Verdict so far: ${judge(options.file, text, rubric, options.today).assessment.verdict}\n`);
    }
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    return keepOnStop(options, original, text, answers.length, asker, io);
  }
  if (answers.length === 0) {
    io.stdout('\nNo answers given: the file is unchanged.\n');
    return 0;
  }
  writeChecked(options.file, original, text);
  io.stdout(`\nWrote ${answers.length} answer(s) to ${options.file}.\n`);
  const { report } = runAssessment({ files: [options.file], opportunity: [], rubric: options.rubric, verbose: options.verbose, today: options.today });
  const after = verdicts(judge(options.file, text, rubric, options.today).assessment);
  for (const [key, before] of verdicts(first)) {
    const now = after.get(key);
    if (now && now.verdict !== before.verdict) io.stdout(`${before.name}: was ${before.verdict}, now ${now.verdict}\n`);
  }
  await emit(report, rubric, options, io.stdout);
  return 0;
}

/** Never overwrite what someone else changed while the questions were being answered. */
function writeChecked(file: string, original: string, text: string): void {
  if (readText(file) !== original) throw new UsageError(`${file} changed on disk since it was read; nothing was written`, 'run the questions again on the new file');
  writeFileAtomic(file, text);
}

/** Ctrl-C or Esc: keep the answers given only when asked to (the default writes nothing); exit 130 either way. */
async function keepOnStop(options: InteractiveOptions, original: string, text: string, given: number, asker: Asker, io: { stdout: (text: string) => void }): Promise<number> {
  let keep = false;
  if (given > 0) {
    try {
      keep = (await asker.ask({ kind: 'choice', field: '', message: `Keep the ${given} answer(s) given?`, choices: [{ name: 'No, write nothing', value: false }, { name: 'Yes, write them', value: true }] })) === true;
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
    }
  }
  if (!keep) {
    io.stdout('\nStopped: nothing was written.\n');
    return 130;
  }
  writeChecked(options.file, original, text);
  io.stdout(`\nStopped: wrote the ${given} answer(s) given to ${options.file}.\n`);
  return 130;
}
