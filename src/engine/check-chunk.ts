// `check` at scale, one share of the files at a time: load a file, judge its partners, keep only
// the judgement. Deals in files of their own (`opportunity:` documents, few) are loaded first so
// that each partner can be judged with every deal that names it. Used by the worker threads of
// src/engine/check-parallel.ts, and directly for small repositories.
import { loadFile, type LoadedOpportunity, type LoadResult } from '../format/load.js';
import type { Rubric } from '../rubric/load.js';
import type { Problem } from '../util/errors.js';
import { assessPartner, waiverProblems, type PartnerAssessment } from './evaluate.js';
import { positionOf } from '../format/load.js';

export interface Declared {
  id: string;
  file: string;
  line: number;
  column: number;
}

export interface ChunkResult {
  partners: PartnerAssessment[];
  /** Every valid partner of the share, judged or not (for duplicate ids across shares). */
  declared: Declared[];
  /** Standalone deals attached to a partner here, as `file#id`. */
  attached: string[];
  problems: Problem[];
}

export interface ChunkOptions {
  today: string;
  verbose: boolean;
  onProgress?: (filesDone: number) => void;
  /** Takes the judged partners every BATCH_FILES files or BATCH_ENTITIES partners and deals, so that they need not pile up here. */
  onBatch?: (partners: PartnerAssessment[]) => void;
}

export const BATCH_FILES = 100;
/** A batch is copied whole between threads: profiles of 200 deals make 100 files 20,000 entities. */
export const BATCH_ENTITIES = 500;

/** Files holding standalone deals: a top-level `opportunity:` key. Found by text, without parsing. */
export function isStandaloneCandidate(text: string): boolean {
  return /^opportunity\s*:/m.test(text);
}

export function standaloneDeals(candidates: ReadonlyMap<string, LoadResult>): LoadedOpportunity[] {
  return [...candidates.values()].flatMap((r) => r.opportunities);
}

export function assessChunk(files: readonly string[], candidates: ReadonlyMap<string, LoadResult>, rubric: Rubric, options: ChunkOptions): ChunkResult {
  const result: ChunkResult = { partners: [], declared: [], attached: [], problems: [] };
  const deals = standaloneDeals(candidates);
  let entities = 0;
  files.forEach((file, index) => {
    const loaded = candidates.get(file) ?? loadFile(file);
    result.problems.push(...loaded.problems);
    for (const found of loaded.partners) {
      const partner = { ...found, opportunities: [...found.opportunities] };
      result.declared.push({ id: partner.id, file: partner.file, ...positionOf(partner.origin, 'partner') });
      for (const deal of deals) {
        if (deal.data.partner !== partner.id) continue;
        if (partner.opportunities.some((o) => o.id === deal.id)) {
          result.problems.push({ file: deal.file, ...positionOf(deal.origin, 'opportunity'), path: 'opportunity.id', message: `expected a unique opportunity id for partner "${partner.id}", got "${deal.id}", already in ${partner.file}` });
          continue;
        }
        partner.opportunities.push(deal);
        result.attached.push(`${deal.file}#${deal.id}`);
      }
      const waiverIssues = waiverProblems(partner, rubric);
      if (waiverIssues.length > 0) result.problems.push(...waiverIssues);
      else {
        result.partners.push(assessPartner(partner, rubric, { today: options.today }));
        entities += 1 + partner.opportunities.length;
      }
    }
    if ((index + 1) % BATCH_FILES === 0 || entities >= BATCH_ENTITIES) {
      entities = 0;
      if (options.onBatch) options.onBatch(result.partners.splice(0));
      options.onProgress?.(index + 1);
    }
  });
  if (options.onBatch && result.partners.length > 0) options.onBatch(result.partners.splice(0));
  options.onProgress?.(files.length);
  return result;
}
