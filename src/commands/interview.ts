// `partner-eval interview [file]`: a profile (or a deal on its own file) from plain-language
// questions, or a walk through an existing one with its answers as defaults. Sections can be
// skipped; "don't know" leaves a key absent. Before anything is written: a summary, the verdict,
// and a confirmation.
import { forTerminal, withoutWorkflowCommands } from '../util/escape.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { assessDirectDeal, assessPartner, type PartnerAssessment } from '../engine/evaluate.js';
import { describeUnsettled } from '../engine/judgement.js';
import { loadText } from '../format/load.js';
import { opportunitySchema, partnerSchema } from '../format/schema.js';
import { objectShape } from '../format/validate.js';
import { Interrupted, type Asker } from '../questionnaire/asker.js';
import { readProfileFile, writeProfileFile, type ProfileFile } from '../questionnaire/profile-file.js';
import { isMap, Walker, type Data } from '../questionnaire/walk.js';
import { applyAnswers, type Answer } from '../questionnaire/write-back.js';
import { loadRubric } from '../rubric/load.js';
import { formatProblem, InputError, UsageError } from '../util/errors.js';
import { slugify } from '../util/text.js';
import { checkFolderWritable, checkWritable, writeFileSafely } from '../util/write.js';

export interface InterviewOptions {
  file?: string;
  rubric: string;
  today: string;
  /** Where a new profile goes when no file is named. */
  profilesDir?: string;
}

/** A profile or a deal, section by section, into `target` (so a stop half-way keeps what was said). */
async function walkDocument(walker: Walker, kind: 'partner' | 'opportunity', target: Data): Promise<void> {
  target.version = 1;
  if (kind === 'opportunity') {
    const deal: Data = isMap(target.opportunity) ? target.opportunity : (target.opportunity = {});
    await walker.object(objectShape(opportunitySchema)!, 'opportunity', deal);
    return;
  }
  const partner: Data = isMap(target.partner) ? target.partner : (target.partner = {});
  await walker.object(objectShape(partnerSchema)!, 'partner', partner);
  const deals = Array.isArray(target.opportunities) ? (target.opportunities as Data[]) : [];
  for (const deal of deals) {
    const walk = await walker.choose(`Walk through the deal "${String(deal.name)}"?`, [{ name: 'Keep it as it is', value: false }, { name: 'Walk through it', value: true }]);
    if (walk) await walker.object(objectShape(opportunitySchema)!, 'opportunity', deal, { skip: new Set(['partner']) });
  }
  while ((await walker.choose('Add a deal this partner brings?', [{ name: 'No', value: false }, { name: 'Yes', value: true }])) === true) {
    const deal: Data = {};
    await walker.object(objectShape(opportunitySchema)!, 'opportunity', deal, { skip: new Set(['partner']) });
    deals.push(deal);
    target.opportunities = deals;
  }
}

const copy = (data: Data): Data => JSON.parse(JSON.stringify(data)) as Data;

/** Facts recorded: every value, and every list (an empty one says "none"). */
function countFacts(value: unknown): number {
  if (Array.isArray(value)) return value.length === 0 ? 1 : value.reduce((n: number, v) => n + countFacts(v), 0);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + countFacts(v), 0);
  return 1;
}

/**
 * What changed between two data trees, as write-back answers: leaves; a list entry by entry while
 * its length holds, entries added at its end one by one, and a list otherwise whole. Only what was
 * answered is rewritten, so the comments of a deal nobody touched stay where they are.
 */
function changes(before: unknown, after: unknown, path: (string | number)[] = []): Answer[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (Array.isArray(before) && Array.isArray(after) && after.length >= before.length) {
    return (after as unknown[]).flatMap((item, i) => (i < before.length ? changes(before[i], item, [...path, i]) : [{ path: [...path, i], value: item }]));
  }
  if (!isMap(before) || !isMap(after)) return [{ path, value: after }];
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((k) => changes(before[k], after[k], [...path, k]));
}

interface Existing {
  read: ProfileFile;
  data: Data;
}

function readProfile(file: string): Existing {
  const read = readProfileFile(file, 'run the interview again');
  const loaded = loadText(file, read.text);
  if (loaded.problems.length > 0) throw new InputError(loaded.problems);
  if (loaded.partners.length + loaded.opportunities.length !== 1) throw new UsageError(`interview: expected a file with one partner or one deal, got ${loaded.partners.length + loaded.opportunities.length}`);
  const origin = (loaded.partners[0] ?? loaded.opportunities[0])!;
  const data = loaded.partners[0] ? { version: 1, partner: loaded.partners[0].data, ...(loaded.partners[0].opportunities.length ? { opportunities: loaded.partners[0].opportunities.map((o) => o.data) } : {}) } : { version: 1, opportunity: origin.data };
  return { read, data };
}

/** The text that would be written: the answers applied to the file, or a new file. */
function textOf(options: InterviewOptions, kind: 'partner' | 'opportunity', existing: Existing | undefined, data: Data): { file: string; text: string } {
  const entity = (data.partner ?? data.opportunity) as Data;
  const file = options.file ?? path.join(options.profilesDir ?? '.', `${slugify(typeof entity.name === 'string' ? entity.name : '') || kind}.yaml`);
  const text = existing
    ? applyAnswers(existing.read.text, changes(existing.data, data))
    : `# ${kind === 'partner' ? 'Partner profile' : 'Deal'} written with \`partner-eval interview\` on ${options.today}.\n${stringify(data, { lineWidth: 0 })}`;
  return { file, text };
}

function write(file: string, text: string, existing: Existing | undefined): void {
  if (existing) writeProfileFile(existing.read, text, 'run the interview again on the new file');
  else {
    // Created only where nothing is: a file made meanwhile under the same name is never replaced.
    if (writeFileSafely(file, text, { exclusive: true }) === 'exists') throw new UsageError(`${file} exists; nothing was written`, `walk through it: partner-eval interview ${file}`);
  }
}

export async function interview(options: InterviewOptions, asker: Asker, io: { stdout: (text: string) => void }): Promise<number> {
  const rubric = loadRubric(options.rubric);
  const walker = new Walker(asker);
  // File names may come from a repository: shown, never acted on.
  const say = (text: string) => io.stdout(withoutWorkflowCommands(text));
  const existing = options.file && existsSync(options.file) ? readProfile(options.file) : undefined;
  // Where the answers will go, checked before the first question: a new profile's name comes from
  // the answers, but its folder is known now.
  if (!existing) {
    if (options.file) checkWritable(options.file, { exclusive: true });
    else checkFolderWritable(options.profilesDir ?? '.');
  }
  let kind: 'partner' | 'opportunity' = 'partner';
  // Answers land here as they are given: a stop half-way can keep them.
  const data: Data = existing ? copy(existing.data) : {};
  try {
    kind = existing ? ('partner' in existing.data ? 'partner' : 'opportunity') : await walker.choose('What do you want to describe?', [{ name: 'A partner (and the deals it brings)', value: 'partner' as const }, { name: 'A deal, on its own file', value: 'opportunity' as const }]);
    if (existing) say(`Walking through ${forTerminal(options.file ?? '')}: the current answers are the defaults.\n`);
    await walkDocument(walker, kind, data);
    const { file, text } = textOf(options, kind, existing, data);
    // The summary and the verdict, on exactly what would be written.
    const loaded = loadText(file, text);
    if (loaded.problems.length > 0) throw new InputError(loaded.problems);
    const verdict = loaded.partners[0]
      ? describeVerdict(assessPartner(loaded.partners[0], rubric, { today: options.today }), ' (the relationship)')
      : loaded.opportunities[0]!.data.partner
        ? 'judged with its partner: run `partner-eval assess` on this file'
        : describeVerdict(assessDirectDeal(loaded.opportunities[0]!, rubric, { today: options.today }), '');
    const entity = (data.partner ?? data.opportunity) as Data;
    const changed = existing ? changes(existing.data, data).length : 0;
    say(`\n${existing ? `${changed} change(s) to` : 'New'} ${forTerminal(file)}: ${countFacts(entity)} fact(s) recorded. Verdict now: ${verdict}.\n`);
    if (existing && changed === 0) {
      say('Nothing changed: the file is as it was.\n');
      return 0;
    }
    const confirm = await asker.ask({ kind: 'choice', field: '', message: `Write ${file}?`, choices: [{ name: 'Write it', value: true }, { name: 'Do not write', value: false }] });
    if (confirm !== true) {
      say('Nothing was written.\n');
      return 0;
    }
    write(file, text, existing);
    say(`Wrote ${forTerminal(file)}. See the full report: partner-eval assess ${forTerminal(file)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof Interrupted) return keepOnStop(options, kind, existing, data, asker, say);
    if (error instanceof InputError) throw new UsageError(`interview produced an invalid profile: ${error.problems.map(formatProblem).join('; ')}`);
    throw error;
  }
}

/** "CONDITIONAL (the relationship), unsettled: NO-GO at worst, GO at best; 14 facts decide it", or the settled verdict. */
function describeVerdict(a: Pick<PartnerAssessment, 'verdict' | 'range' | 'openQuestions'>, what: string): string {
  if (a.range.settled) return `${a.verdict}${what}`;
  const deciding = a.openQuestions.filter((q) => q.decidesVerdict).length;
  return `${a.verdict}${what}, ${describeUnsettled(a.range)}; ${deciding === 1 ? '1 fact decides' : `${deciding} facts decide`} it`;
}

/**
 * Ctrl-C or Esc: the answers given so far are kept only when the person says so, and only when
 * they make a valid profile (a new one needs its name). Either way the exit code is 130.
 */
async function keepOnStop(options: InterviewOptions, kind: 'partner' | 'opportunity', existing: Existing | undefined, data: Data, asker: Asker, say: (text: string) => void): Promise<number> {
  const given = existing ? changes(existing.data, data).length : countFacts(data.partner ?? data.opportunity ?? {});
  const stopped = (why: string) => {
    say(`\nStopped: ${why}\n`);
    return 130;
  };
  if (given === 0 || (data.partner === undefined && data.opportunity === undefined)) return stopped('nothing was written.');
  const { file, text } = textOf(options, kind, existing, data);
  if (loadText(file, text).problems.length > 0) return stopped(`nothing was written: the ${given} answer(s) given do not make a valid ${kind === 'partner' ? 'profile' : 'deal'} yet (it needs its name).`);
  let keep = false;
  try {
    keep = (await asker.ask({ kind: 'choice', field: '', message: `Keep the ${given} answer(s) given? ${file} would be written with them.`, choices: [{ name: 'No, write nothing', value: false }, { name: 'Yes, keep them', value: true }] })) === true;
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
  }
  if (!keep) return stopped('nothing was written.');
  write(file, text, existing);
  return stopped(`kept ${given} answer(s) in ${file}.`);
}
