// From loaded files to judged partners and deals: the one way every command goes (`assess`, `check`
// in one thread or in workers, `portfolio`, `backtest`, and the revision `check --changed-since`
// compares with). It has two steps:
//   judgeShare  file by file: each partner with the standalone deals that name it, its waivers
//               checked, judged; only the judgement is kept, so a share never holds its files.
//   settle      what needs every share: a partner id declared twice, deals that name no partner
//               (direct deals, judged here) or a partner nobody declared.
// Deals in files of their own (`opportunity:` documents) are few and loaded before the shares, so
// that every partner is judged with every deal that names it, whichever share it is in.
import { loadFile, positionOf, type LoadedOpportunity, type LoadedPartner, type LoadResult } from '../format/load.js';
import type { Rubric } from '../rubric/load.js';
import type { Problem } from '../util/errors.js';
import { problem } from '../util/problems.js';
import { assessDirectDeal, assessPartner, waiverProblems, type OpportunityAssessment, type PartnerAssessment } from './evaluate.js';

/** A partner as declared in a file, judged or not: where an id was used, for duplicates across shares. */
export interface Declared {
  id: string;
  file: string;
  line: number;
  column: number;
}

export interface ShareResult {
  partners: PartnerAssessment[];
  /** Every valid partner of the share, in file order, judged or not. */
  declared: Declared[];
  problems: Problem[];
}

export interface ShareOptions {
  today: string;
  onProgress?: (filesDone: number) => void;
  /** Takes the judged partners every BATCH_FILES files or BATCH_ENTITIES partners and deals, so that they need not pile up here. */
  onBatch?: (partners: PartnerAssessment[]) => void;
}

export interface Judged {
  partners: PartnerAssessment[];
  directDeals: OpportunityAssessment[];
  problems: Problem[];
}

const BATCH_FILES = 100;
/** A batch is copied whole between threads: profiles of 200 deals make 100 files 20,000 entities. */
const BATCH_ENTITIES = 500;

/** Files holding standalone deals: a top-level `opportunity:` key. Found by text, without parsing. */
export function isStandaloneCandidate(text: string): boolean {
  return /^opportunity\s*:/m.test(text);
}

/** How `check` reads the files it found: names relative to `base`, and which of them were named. */
export interface ShareFiles {
  /** The folder file names are relative to (the report's root); default: the working folder. */
  base?: string;
  /** Files named on the command line: reported even when they are not profiles. Others found in a folder are skipped then. */
  named?: ReadonlySet<string>;
}

/** How one file of `check` is loaded. */
export function loadFound(file: string, options: ShareFiles): LoadResult {
  return loadFile(file, undefined, { ...(options.base !== undefined ? { base: options.base } : {}), skipNonProfile: options.named !== undefined && !options.named.has(file) });
}

/** Loads the files of a share as it goes, the standalone deals' files from what is already loaded. */
export function* loadShare(files: readonly string[], loaded: ReadonlyMap<string, LoadResult>, options: ShareFiles = {}): Generator<LoadResult> {
  for (const file of files) yield loaded.get(file) ?? loadFound(file, options);
}

/** Judges every partner of the sources, in order, each with the deals of `deals` that name it. */
export function judgeShare(sources: Iterable<LoadResult>, deals: readonly LoadedOpportunity[], rubric: Rubric, options: ShareOptions): ShareResult {
  const result: ShareResult = { partners: [], declared: [], problems: [] };
  let files = 0;
  let entities = 0;
  for (const loaded of sources) {
    files++;
    result.problems.push(...loaded.problems);
    for (const found of loaded.partners) {
      result.declared.push({ id: found.id, file: found.file, ...positionOf(found.origin, 'partner') });
      const partner = withDeals(found, deals, result.problems);
      // A partner whose waivers do not hold is not judged: its verdict would rest on a mistake.
      const waiverIssues = waiverProblems(partner, rubric);
      if (waiverIssues.length > 0) result.problems.push(...waiverIssues);
      else {
        result.partners.push(assessPartner(partner, rubric, { today: options.today }));
        entities += 1 + partner.opportunities.length;
      }
    }
    if (files % BATCH_FILES === 0 || entities >= BATCH_ENTITIES) {
      entities = 0;
      if (options.onBatch) options.onBatch(result.partners.splice(0));
      options.onProgress?.(files);
    }
  }
  if (options.onBatch && result.partners.length > 0) options.onBatch(result.partners.splice(0));
  options.onProgress?.(files);
  return result;
}

/** The partner with its inline deals and the standalone ones that name it; a deal id it already has is a problem. */
function withDeals(partner: LoadedPartner, deals: readonly LoadedOpportunity[], problems: Problem[]): LoadedPartner {
  const opportunities = [...partner.opportunities];
  for (const deal of deals) {
    if (deal.data.partner !== partner.id) continue;
    if (opportunities.some((o) => o.id === deal.id)) {
      problems.push(problem('duplicate-standalone-deal', { file: deal.file, ...positionOf(deal.origin, 'opportunity'), path: 'opportunity.id' }, { partnerId: partner.id, dealId: deal.id, partnerFile: partner.file }, { file: partner.file, ...positionOf(partner.origin, 'partner') }));
      continue;
    }
    opportunities.push(deal);
  }
  return { ...partner, opportunities };
}

/**
 * What needs every share: the first declaration of an id (in file order) is the partner, later
 * ones are mistakes and are not reported as partners; deals that name no partner are judged as
 * direct deals, and a deal that names a partner nobody declared is a problem.
 */
export function settle(shares: readonly ShareResult[], deals: readonly LoadedOpportunity[], rubric: Rubric, options: { today: string }): Judged {
  const problems: Problem[] = shares.flatMap((s) => s.problems);
  const first = new Map<string, Declared>();
  const duplicates = new Set<string>();
  for (const d of shares.flatMap((s) => s.declared)) {
    const seen = first.get(d.id);
    if (!seen) first.set(d.id, d);
    else {
      duplicates.add(declarationKey(d));
      const first = { file: seen.file, line: seen.line, column: seen.column };
      problems.push(problem('duplicate-partner-id', { file: d.file, line: d.line, column: d.column, path: 'partner.id' }, { id: d.id, first }, first));
    }
  }
  const partners = shares.flatMap((s) => s.partners).filter((p) => !duplicates.has(declarationKey(p)));
  const directDeals: OpportunityAssessment[] = [];
  for (const deal of deals) {
    const partnerId = deal.data.partner;
    if (partnerId === undefined) directDeals.push(assessDirectDeal(deal, rubric, { today: options.today }));
    else if (!first.has(partnerId)) {
      problems.push(problem('unknown-partner', { file: deal.file, ...positionOf(deal.origin, 'opportunity.partner'), path: 'opportunity.partner' }, { partnerId }));
    }
  }
  return { partners, directDeals, problems };
}

const declarationKey = (d: Pick<Declared, 'id' | 'file' | 'line'>) => `${d.file}#${d.id}#${d.line}`;

export interface JudgeLoadedOptions {
  today: string;
  /** Looks for a partner that is not among the loaded files (assess searches folders above). */
  findPartner?: (partnerId: string, opportunity: LoadedOpportunity) => LoadedPartner | undefined;
  /** The partner that a deal without a `partner:` key belongs to (assess's `--opportunity`). */
  defaultPartnerFor?: (opportunity: LoadedOpportunity) => string | undefined;
}

/** Files already loaded (one result per file, in order), judged in one share. */
export function judgeLoaded(results: readonly LoadResult[], rubric: Rubric, options: JudgeLoadedOptions): Judged {
  const deals = results.flatMap((r) => r.opportunities).map((deal) => {
    const partner = deal.data.partner ?? options.defaultPartnerFor?.(deal);
    return partner === deal.data.partner ? deal : { ...deal, data: { ...deal.data, partner } };
  });
  const known = new Set(results.flatMap((r) => r.partners.map((p) => p.id)));
  const found: LoadResult[] = [];
  for (const deal of deals) {
    const partnerId = deal.data.partner;
    if (partnerId === undefined || known.has(partnerId)) continue;
    const partner = options.findPartner?.(partnerId, deal);
    if (!partner) continue;
    known.add(partnerId);
    found.push({ partners: [partner], opportunities: [], problems: [] });
  }
  const share = judgeShare([...results, ...found], deals, rubric, { today: options.today });
  return settle([share], deals, rubric, { today: options.today });
}
