// `partner-eval assess --interactive <file>`: shows where the verdicts stand, asks on a terminal
// the facts the report still needs (those that could change a verdict first, each fact once),
// writes the answers into the file without disturbing the rest of it, and shows how the verdict
// changed. Enter leaves a question unanswered; a stop offers to keep what was answered.
import { forTerminal, withoutWorkflowCommands } from '../util/escape.js';
import { assessPartner, type OpportunityAssessment, type PartnerAssessment } from '../engine/evaluate.js';
import { describeRange, describeUnsettled, type OpenQuestion } from '../engine/judgement.js';
import type { Verdict } from '../engine/score.js';
import { SEVERITY_RANK } from '../rubric/severity.js';
import { fieldPath } from '../format/fields.js';
import { loadText, type LoadedPartner } from '../format/load.js';
import { Interrupted, type Asker } from '../questionnaire/asker.js';
import { questionFor, schemaForField } from '../questionnaire/questions.js';
import { readProfileFile, writeProfileFile, type ProfileFile } from '../questionnaire/profile-file.js';
import { isMap, Walker } from '../questionnaire/walk.js';
import { defOf, objectShape, typeOf, unwrap } from '../format/validate.js';
import { applyAnswers, type Answer } from '../questionnaire/write-back.js';
import { loadRubric, type Rubric } from '../rubric/load.js';
import { InputError, UsageError } from '../util/errors.js';
import { emit, type ReportingOptions } from './emit.js';
import { runAssessment } from './assess.js';

export interface InteractiveOptions extends ReportingOptions {
  file: string;
}

interface Ask {
  /** Where the answer goes in the file. */
  path: (string | number)[];
  field: string;
  /** The question as the report words it (a list entry's fact names the entry). */
  question: string;
  /** 0: it could change a verdict; 1: it could add a red flag; 2: only a green signal. */
  group: number;
  swing: number;
  severity: number;
  /** Who it is about, for the person answering. */
  about: string;
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
      const path = [...base, ...fieldPath(q.field).slice(1)];
      const key = path.join('.');
      if (asked.has(key)) continue;
      const ask: Ask = { path, field: q.field, question: q.question, group: groupOf(q), swing: q.swing, severity: SEVERITY_RANK[q.possibleSeverity], about };
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
  // The report's order: deciding first, then by swing, then by severity.
  return [...out.values()].map((a, order) => ({ a, order })).sort((x, y) => x.a.group - y.a.group || y.a.swing - x.a.swing || x.a.severity - y.a.severity || x.order - y.order).map(({ a }) => a);
}

const SECTION = ['Questions that could change a verdict', 'Questions that could add red flags', 'Questions that could only add a green signal'] as const;

function verdicts(a: PartnerAssessment): Map<string, { name: string; verdict: Verdict }> {
  return new Map([[a.id, { name: a.name, verdict: a.verdict }], ...a.opportunities.map((o) => [`${a.id}/${o.id}`, { name: `${a.name} → ${o.name}`, verdict: o.verdict }] as const)]);
}

/** "Brightline: GO, settled (100/100)" per partner and deal: where things stand before the first question. */
function standing(a: PartnerAssessment): string {
  const line = (name: string, e: OpportunityAssessment | PartnerAssessment) => `  ${name}: ${e.verdict} (${describeRange(e)})${e.range.settled ? '' : `; ${describeUnsettled(e.range)}`}`;
  // Names come from the profile: shown, never acted on (no escape sequence, no line of its own).
  const name = forTerminal(a.name);
  return [line(name, a), ...a.opportunities.map((o) => line(`${name} → ${forTerminal(o.name)}`, o))].join('\n');
}

const RETRY = 'run the questions again on the new file';

export async function assessInteractive(options: InteractiveOptions, asker: Asker, terminal: { stdout: (text: string) => void }): Promise<number> {
  // Outside the report (escaped by its format), no line this prints may be a workflow command.
  const io = { stdout: (text: string) => terminal.stdout(withoutWorkflowCommands(text)) };
  const rubric = loadRubric(options.rubric);
  const original = readProfileFile(options.file, RETRY);
  let text = original.text;
  const first = judge(options.file, text, rubric, options.today).assessment;
  const walker = new Walker(asker);
  const answers: Answer[] = [];
  const asked = new Set<string>();
  io.stdout(`Where it stands now:\n${standing(first)}\n`);
  // A list being entered: its entries so far, kept if the questions stop half-way.
  let entering: Answer | undefined;
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
        const message = `${q.about}: ${q.question}${questionFor(q.field)?.kind === 'input' ? " (leave empty if you don't know)" : ''}`;
        // A loan's terms are asked in the next round, each as the open question it then is.
        const value = typeOf(unwrap(schema)) === 'union'
          ? await walker.field(q.field, schema, undefined, message)
          : await walker.value(q.field, schema, undefined, message, (items) => (entering = { path: q.path, value: items }));
        entering = undefined;
        if (value === undefined) continue;
        // The entries' own questions were asked with them: not again in the next round.
        if (Array.isArray(value)) value.forEach((entry, i) => Object.keys(objectShape(defOf(unwrap(schema)).element as never) ?? {}).forEach((key) => { if (!(isMap(entry) && key in entry)) asked.add([...q.path, i, key].join('.')); }));
        answers.push({ path: q.path, value });
        text = applyAnswers(original.text, answers);
      }
      io.stdout(`  Verdict so far: ${judge(options.file, text, rubric, options.today).assessment.verdict}\n`);
    }
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    const given = entering ? [...answers, entering] : answers;
    return keepOnStop(original, applyAnswers(original.text, given), given.length, asker, io);
  }
  if (answers.length === 0) {
    io.stdout('\nNo answers given: the file is unchanged.\n');
    return 0;
  }
  writeProfileFile(original, text, RETRY);
  io.stdout(`\nWrote ${answers.length} answer(s) to ${forTerminal(options.file)}.\n`);
  const { report } = runAssessment({ files: [options.file], opportunity: [], rubric: options.rubric, verbose: options.verbose, today: options.today });
  const after = verdicts(judge(options.file, text, rubric, options.today).assessment);
  for (const [key, before] of verdicts(first)) {
    const now = after.get(key);
    if (now && now.verdict !== before.verdict) io.stdout(`${forTerminal(before.name)}: was ${before.verdict}, now ${now.verdict}\n`);
  }
  await emit(report, rubric, options, io.stdout);
  return 0;
}

/** Ctrl-C or Esc: keep the answers given only when asked to (the default writes nothing); exit 130 either way. */
async function keepOnStop(original: ProfileFile, text: string, given: number, asker: Asker, io: { stdout: (text: string) => void }): Promise<number> {
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
  writeProfileFile(original, text, RETRY);
  io.stdout(`\nStopped: wrote the ${given} answer(s) given to ${forTerminal(original.file)}.\n`);
  return 130;
}
