// `partner-eval assess <file...>`: go/no-go report for the partners and deals in the files.
import path from 'node:path';
import { judgeLoaded } from '../engine/pipeline.js';
import { buildReport, reachesFailOn, type Report } from '../engine/report-model.js';
import { findPartnerFile, loadFile } from '../format/load.js';
import { loadRubric, type Rubric } from '../rubric/load.js';
import { InputError, UsageError } from '../util/errors.js';
import { emit, needsEveryOutcome, type ReportingOptions, type Write } from './emit.js';

export interface AssessOptions extends ReportingOptions {
  files: string[];
  opportunity: string[];
}

/** Loads, joins and evaluates; throws InputError with every problem of every file. */
export function runAssessment(options: Pick<AssessOptions, 'files' | 'opportunity' | 'rubric' | 'verbose' | 'today'>): { report: Report; rubric: Rubric } {
  const rubric = loadRubric(options.rubric);
  // A file named twice (or through two paths) is read once.
  const seenFiles = new Set<string>();
  const files = [...options.files, ...options.opportunity].filter((f) => !seenFiles.has(path.resolve(f)) && seenFiles.add(path.resolve(f)));
  const loaded = files.map((f) => loadFile(f));
  const given = new Set(files.map((f) => path.resolve(f)));
  const fromOpportunityOption = new Set(options.opportunity.map((f) => path.resolve(f)));
  const firstPartner = loaded.flatMap((r) => r.partners).find((p) => path.resolve(p.file) === path.resolve(options.files[0] ?? ''));
  const { partners, directDeals, problems } = judgeLoaded(loaded, rubric, {
    today: options.today,
    findPartner: (partnerId, opportunity) => findPartnerFile(partnerId, opportunity.file, given),
    // --opportunity adds a deal to the partner of the first file when the deal names none.
    defaultPartnerFor: (opportunity) => (fromOpportunityOption.has(path.resolve(opportunity.file)) ? firstPartner?.id : undefined),
  });
  if (problems.length > 0) throw new InputError(problems);
  const report = buildReport(partners, directDeals, rubric, { verbose: options.verbose, today: options.today });
  if (report.partners.length === 0 && report.opportunities.length === 0) throw new UsageError('expected at least one partner or opportunity, got none');
  return { report, rubric };
}

export async function assess(options: AssessOptions, write: Write): Promise<number> {
  if (options.files.length === 0) throw new UsageError('expected at least one profile file', 'partner-eval assess examples/acme.yaml');
  if (options.failOn === 'worse') throw new UsageError('--fail-on worse: expected `check --changed-since <git-rev>`: "worse" compares with a revision, and assess has none', 'partner-eval check --changed-since origin/main --fail-on worse');
  const { report, rubric } = runAssessment({ ...options, verbose: needsEveryOutcome(options) });
  await emit(report, rubric, options, write);
  return reachesFailOn(report, options.failOn) ? 1 : 0;
}
