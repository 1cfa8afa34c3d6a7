// `partner-eval assess <file...>`: go/no-go report for the partners and deals in the files.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { assessAll } from '../engine/assess-all.js';
import { findPartnerFile, loadFile, mergeResults } from '../format/load.js';
import { REPORTERS, ruleInfos } from '../report/index.js';
import { reachesFailOn, type FailOn, type Report } from '../report/model.js';
import { loadRubric, type Rubric } from '../rubric/load.js';
import { InputError, UsageError } from '../util/errors.js';
import { writeFileAtomic } from '../util/write.js';

export interface AssessOptions {
  files: string[];
  opportunity: string[];
  rubric: string;
  format: string;
  failOn: FailOn;
  output?: string;
  /** $GITHUB_STEP_SUMMARY: with --format github, the full markdown report is appended there. */
  stepSummary?: string;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
  today: string;
  width?: number;
}

/** Loads, joins and evaluates; throws InputError with every problem of every file. */
export function runAssessment(options: Pick<AssessOptions, 'files' | 'opportunity' | 'rubric' | 'verbose' | 'today'>): { report: Report; rubric: Rubric } {
  const rubric = loadRubric(options.rubric);
  // A file named twice (or through two paths) is read once.
  const seenFiles = new Set<string>();
  const files = [...options.files, ...options.opportunity].filter((f) => !seenFiles.has(path.resolve(f)) && seenFiles.add(path.resolve(f)));
  const loaded = mergeResults(files.map((f) => loadFile(f)));
  const given = new Set(files.map((f) => path.resolve(f)));
  const fromOpportunityOption = new Set(options.opportunity.map((f) => path.resolve(f)));
  const firstPartner = loaded.partners.find((p) => path.resolve(p.file) === path.resolve(options.files[0] ?? ''));
  const { report, problems } = assessAll(loaded, rubric, {
    today: options.today,
    verbose: options.verbose,
    findPartner: (partnerId, opportunity) => findPartnerFile(partnerId, opportunity.file, given),
    // --opportunity adds a deal to the partner of the first file when the deal names none.
    defaultPartnerFor: (opportunity) => (fromOpportunityOption.has(path.resolve(opportunity.file)) ? firstPartner?.id : undefined),
  });
  if (problems.length > 0) throw new InputError(problems);
  if (report.partners.length === 0 && report.opportunities.length === 0) throw new UsageError('expected at least one partner or opportunity, got none');
  return { report, rubric };
}

/** JUnit has one test case per rule outcome, passed ones included, whatever --verbose says. */
export function needsEveryOutcome(options: Pick<AssessOptions, 'verbose' | 'format'>): boolean {
  return options.verbose || options.format === 'junit';
}

/** Renders the report in the chosen format, to stdout or --output. */
export async function emit(report: Report, rubric: Rubric, options: Pick<AssessOptions, 'format' | 'output' | 'verbose' | 'quiet' | 'color' | 'width' | 'stepSummary'>, write: (text: string) => void): Promise<void> {
  const load = REPORTERS[options.format];
  if (!load) throw new UsageError(`--format: expected one of ${Object.keys(REPORTERS).join(', ')}, got "${options.format}"`);
  // JSON is written a partner at a time; the other formats are small enough to build whole.
  const text: string | Iterable<string> =
    options.format === 'json'
      ? (await import('../report/json.js')).jsonChunks(report)
      : (await load())(report, { rules: ruleInfos(rubric), color: options.color && !options.output, verbose: options.verbose, quiet: options.quiet, ...(options.width ? { width: options.width } : {}) });
  if (options.format === 'github' && options.stepSummary) {
    const { renderMarkdown } = await import('../report/markdown.js');
    try {
      appendFileSync(options.stepSummary, `${renderMarkdown(report, { rules: ruleInfos(rubric), color: false, verbose: false, quiet: false })}\n`);
    } catch (error) {
      throw new UsageError(`GITHUB_STEP_SUMMARY: could not append to ${options.stepSummary}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (options.output) {
    try {
      writeFileAtomic(options.output, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : (code ?? (error as Error).message);
      throw new UsageError(`--output: could not write ${options.output}: ${reason}`);
    }
  } else if (typeof text === 'string') write(text);
  else for (const chunk of text) write(chunk);
}

export async function assess(options: AssessOptions, write: (text: string) => void): Promise<number> {
  if (options.files.length === 0) throw new UsageError('expected at least one profile file', 'partner-eval assess examples/acme.yaml');
  const { report, rubric } = runAssessment({ ...options, verbose: needsEveryOutcome(options) });
  await emit(report, rubric, options, write);
  return reachesFailOn(report, options.failOn) ? 1 : 0;
}
