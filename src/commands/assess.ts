// `partner-eval assess <file...>`: go/no-go report for the partners and deals in the files.
import path from 'node:path';
import { assessDirectDeal, assessPartner, waiverProblems, type OpportunityAssessment, type PartnerAssessment } from '../engine/evaluate.js';
import { findPartnerFile, loadFile, mergeResults, positionOf, type LoadedOpportunity, type LoadedPartner } from '../format/load.js';
import { REPORTERS } from '../report/index.js';
import { buildReport, reachesFailOn, type FailOn, type Report } from '../report/model.js';
import { loadRubric } from '../rubric/load.js';
import { InputError, UsageError, type Problem } from '../util/errors.js';
import { writeFileAtomic } from '../util/write.js';

export interface AssessOptions {
  files: string[];
  opportunity: string[];
  rubric: string;
  format: string;
  failOn: FailOn;
  output?: string;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
  today: string;
  width?: number;
}

export interface Assessment {
  report: Report;
  partners: PartnerAssessment[];
  directDeals: OpportunityAssessment[];
}

/** Loads, joins and evaluates; throws InputError with every problem of every file. */
export function runAssessment(options: Pick<AssessOptions, 'files' | 'opportunity' | 'rubric' | 'verbose' | 'today'>): Assessment {
  const rubric = loadRubric(options.rubric);
  // A file named twice (or through two paths) is read once.
  const seenFiles = new Set<string>();
  const files = [...options.files, ...options.opportunity].filter((f) => !seenFiles.has(path.resolve(f)) && seenFiles.add(path.resolve(f)));
  const loaded = mergeResults(files.map((f) => loadFile(f)));
  const problems: Problem[] = [...loaded.problems];
  const partners = new Map(loaded.partners.map((p) => [p.id, p]));
  const directDeals: LoadedOpportunity[] = [];
  const given = new Set([...options.files, ...options.opportunity].map((f) => path.resolve(f)));
  const fromOpportunityOption = new Set(options.opportunity.map((f) => path.resolve(f)));
  const firstPartner: LoadedPartner | undefined = loaded.partners.find((p) => path.resolve(p.file) === path.resolve(options.files[0] ?? ''));
  for (const opportunity of loaded.opportunities) {
    const named = opportunity.data.partner;
    // --opportunity adds a deal to the partner of the first file when the deal names none.
    const partnerId = named ?? (fromOpportunityOption.has(path.resolve(opportunity.file)) ? firstPartner?.id : undefined);
    if (partnerId === undefined) {
      directDeals.push(opportunity);
      continue;
    }
    let partner = partners.get(partnerId);
    if (!partner) {
      partner = findPartnerFile(partnerId, opportunity.file, given);
      if (partner) partners.set(partner.id, partner);
    }
    if (!partner) {
      const where = positionOf(opportunity.origin, 'opportunity.partner');
      problems.push({ file: opportunity.file, ...where, path: 'opportunity.partner', message: `expected the id of a partner in this folder or a folder above it, got "${partnerId}"`, hint: 'pass the partner file too, or fix the id' });
      continue;
    }
    if (partner.opportunities.some((o) => o.id === opportunity.id)) {
      const where = positionOf(opportunity.origin, 'opportunity');
      problems.push({ file: opportunity.file, ...where, path: 'opportunity.id', message: `expected a unique opportunity id for partner "${partner.id}", got "${opportunity.id}", already in ${partner.file}` });
      continue;
    }
    partner.opportunities.push(opportunity);
  }
  for (const partner of partners.values()) problems.push(...waiverProblems(partner, rubric));
  if (problems.length > 0) throw new InputError(problems);
  if (partners.size === 0 && directDeals.length === 0) throw new UsageError('expected at least one partner or opportunity, got none');
  const assessed = [...partners.values()].map((p) => assessPartner(p, rubric, { today: options.today }));
  const deals = directDeals.map((d) => assessDirectDeal(d, rubric, { today: options.today }));
  return { report: buildReport(assessed, deals, rubric, { verbose: options.verbose, today: options.today }), partners: assessed, directDeals: deals };
}

/** Renders the report in the chosen format, to stdout or --output. */
export async function emit(report: Report, options: Pick<AssessOptions, 'format' | 'output' | 'verbose' | 'quiet' | 'color' | 'width'>, write: (text: string) => void): Promise<void> {
  const load = REPORTERS[options.format];
  if (!load) throw new UsageError(`--format: expected one of ${Object.keys(REPORTERS).join(', ')}, got "${options.format}"`);
  const render = await load();
  const text = render(report, { color: options.color && !options.output, verbose: options.verbose, quiet: options.quiet, ...(options.width ? { width: options.width } : {}) });
  if (options.output) {
    try {
      writeFileAtomic(options.output, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : (code ?? (error as Error).message);
      throw new UsageError(`--output: could not write ${options.output}: ${reason}`);
    }
  }
  else write(text);
}

export async function assess(options: AssessOptions, write: (text: string) => void): Promise<number> {
  if (options.files.length === 0) throw new UsageError('expected at least one profile file', 'partner-eval assess examples/acme.yaml');
  const { report } = runAssessment(options);
  await emit(report, options, write);
  return reachesFailOn(report, options.failOn) ? 1 : 0;
}
