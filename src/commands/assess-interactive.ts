// `partner-eval assess --interactive <file>`: asks, on a terminal, what the report still needs
// (its unknown outcomes, blockers first, then highs, then the rest), writes the answers into the
// file without disturbing the rest of it, and shows how the verdict changed.
import { readFileSync } from 'node:fs';
import { assessPartner, type PartnerAssessment } from '../engine/evaluate.js';
import { SEVERITY_RANK, type Verdict } from '../engine/score.js';
import type { Finding } from '../engine/types.js';
import { decodeUtf8 } from '../format/yaml-source.js';
import { loadText, type LoadedPartner } from '../format/load.js';
import { Interrupted, type Asker } from '../questionnaire/asker.js';
import { DONT_KNOW, questionFor } from '../questionnaire/questions.js';
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
  rank: number;
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

/** The questions of the unknown outcomes, most severe first, each field once. */
function questionsOf(partner: LoadedPartner, assessment: PartnerAssessment, asked: ReadonlySet<string>): Ask[] {
  const out = new Map<string, Ask>();
  const add = (findings: readonly Finding[], base: (string | number)[], about: string) => {
    for (const f of findings) {
      if (f.outcome !== 'unknown' || f.severity === 'green') continue;
      for (const field of f.missing ?? []) {
        const path = [...base, ...field.split('.').slice(1)];
        const key = path.join('.');
        if (asked.has(key) || !questionFor(field)) continue;
        const rank = SEVERITY_RANK[f.severity];
        const existing = out.get(key);
        if (!existing || rank < existing.rank) out.set(key, { path, field, rank, about });
      }
    }
  };
  add(assessment.findings, partner.origin.base, partner.data.name);
  partner.opportunities.forEach((o, i) => {
    // Deals in files of their own are answered in their own file.
    if (o.isStandalone) return;
    add(assessment.opportunities[i]!.findings.filter((f) => f.scope === 'opportunity'), o.origin.base, `${partner.data.name} → ${o.data.name}`);
  });
  return [...out.values()].sort((a, b) => a.rank - b.rank);
}

const SECTION = (rank: number) => (rank === 0 ? 'Blockers' : rank === 1 ? 'High' : 'Other questions');

function verdicts(a: PartnerAssessment): Map<string, { name: string; verdict: Verdict }> {
  return new Map([[a.id, { name: a.name, verdict: a.verdict }], ...a.opportunities.map((o) => [`${a.id}/${o.id}`, { name: `${a.name} → ${o.name}`, verdict: o.verdict }] as const)]);
}

export async function assessInteractive(options: InteractiveOptions, asker: Asker, io: { stdout: (text: string) => void }): Promise<number> {
  const rubric = loadRubric(options.rubric);
  const original = readText(options.file);
  let text = original;
  const first = judge(options.file, text, rubric, options.today).assessment;
  const answers: Answer[] = [];
  const asked = new Set<string>();
  try {
    // A few rounds: an answer can open new questions (a try-and-buy asked for has terms).
    for (let round = 0; round < 3; round++) {
      const current = judge(options.file, text, rubric, options.today);
      const questions = questionsOf(current.partner, current.assessment, asked);
      if (questions.length === 0) break;
      let section = -1;
      for (const q of questions) {
        if (SECTION(q.rank) !== SECTION(section)) {
          if (section !== -1) io.stdout(`  Verdict so far: ${judge(options.file, text, rubric, options.today).assessment.verdict}\n`);
          io.stdout(`\n${SECTION(q.rank)}\n`);
          section = q.rank;
        }
        asked.add(q.path.join('.'));
        const question = questionFor(q.field)!;
        const value = await asker.ask({ ...question, message: `${q.about}: ${question.message}` });
        if (value === DONT_KNOW) continue;
        answers.push({ path: q.path, value });
        text = applyAnswers(original, answers);
      }
      io.stdout(`  Verdict so far: ${judge(options.file, text, rubric, options.today).assessment.verdict}\n`);
    }
  } catch (error) {
    if (error instanceof Interrupted) {
      io.stdout('\nStopped: nothing was written.\n');
      return 130;
    }
    throw error;
  }
  if (answers.length === 0) {
    io.stdout('\nNo answers given: the file is unchanged.\n');
    return 0;
  }
  // Never overwrite what someone else changed while the questions were being answered.
  if (readText(options.file) !== original) throw new UsageError(`${options.file} changed on disk since it was read; nothing was written`, 'run the questions again on the new file');
  writeFileAtomic(options.file, text);
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
