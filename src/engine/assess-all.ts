// Loaded files → one report: join standalone opportunities to their partners, check waivers,
// assess every partner and direct deal. Problems are collected, never thrown: `assess` stops on
// them; `check --changed-since` judges the repository as it was at the revision with it. (`check`
// itself, on many files, goes through check-parallel.ts, which joins the same way across shares.)
import type { LoadedOpportunity, LoadedPartner, LoadResult } from '../format/load.js';
import { positionOf } from '../format/load.js';
import { buildReport, type Report } from './report-model.js';
import type { Rubric } from '../rubric/load.js';
import type { Problem } from '../util/errors.js';
import { assessDirectDeal, assessPartner, waiverProblems } from './evaluate.js';

export interface AssessAllOptions {
  today: string;
  verbose: boolean;
  /** Looks for a partner that is not among the loaded files (assess searches folders above). */
  findPartner?: (partnerId: string, opportunity: LoadedOpportunity) => LoadedPartner | undefined;
  /** The partner that `--opportunity` deals without a `partner:` key belong to. */
  defaultPartnerFor?: (opportunity: LoadedOpportunity) => string | undefined;
}

export interface AssessAllResult {
  report: Report;
  problems: Problem[];
}

export function assessAll(loaded: LoadResult, rubric: Rubric, options: AssessAllOptions): AssessAllResult {
  const problems: Problem[] = [...loaded.problems];
  const partners = new Map(loaded.partners.map((p) => [p.id, { ...p, opportunities: [...p.opportunities] }]));
  const directDeals: LoadedOpportunity[] = [];
  for (const opportunity of loaded.opportunities) {
    const partnerId = opportunity.data.partner ?? options.defaultPartnerFor?.(opportunity);
    if (partnerId === undefined) {
      directDeals.push(opportunity);
      continue;
    }
    let partner = partners.get(partnerId);
    if (!partner) {
      const found = options.findPartner?.(partnerId, opportunity);
      if (found) {
        partner = { ...found, opportunities: [...found.opportunities] };
        partners.set(found.id, partner);
      }
    }
    if (!partner) {
      const where = positionOf(opportunity.origin, 'opportunity.partner');
      problems.push({ file: opportunity.file, ...where, path: 'opportunity.partner', message: `expected the id of a known partner, got "${partnerId}"`, hint: 'the partner file must be among the files given, or in this folder or a folder above it' });
      continue;
    }
    if (partner.opportunities.some((o) => o.id === opportunity.id)) {
      const where = positionOf(opportunity.origin, 'opportunity');
      problems.push({ file: opportunity.file, ...where, path: 'opportunity.id', message: `expected a unique opportunity id for partner "${partner.id}", got "${opportunity.id}", already in ${partner.file}` });
      continue;
    }
    partner.opportunities.push(opportunity);
  }
  // A partner whose waivers do not hold is not judged: its verdict would rest on a mistake.
  const judged: LoadedPartner[] = [];
  for (const partner of partners.values()) {
    const waiverIssues = waiverProblems(partner, rubric);
    if (waiverIssues.length > 0) problems.push(...waiverIssues);
    else judged.push(partner);
  }
  const assessed = judged.map((p) => assessPartner(p, rubric, { today: options.today }));
  const deals = directDeals.map((d) => assessDirectDeal(d, rubric, { today: options.today }));
  return { report: buildReport(assessed, deals, rubric, { verbose: options.verbose, today: options.today, problems }), problems };
}
