// Repositories of thousands of profiles, for the tests of platform limits: the example partners
// (every verdict, deals, open questions, waivers) again and again under new names, and in each
// hundred files one direct deal and one invalid file. As files, for a run of the binary; or as the report `check`
// makes of them, built in-process by judging each kind of profile once and copying the result
// under each copy's name, id and file, so that 4,000 profiles take a second, not a minute.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { judgeLoaded } from '../../src/engine/pipeline.js';
import { buildReport, summarize, type OpportunityReport, type PartnerReport, type Report } from '../../src/engine/report-model.js';
import { loadText } from '../../src/format/load.js';
import type { Problem } from '../../src/util/errors.js';
import { rubric, TODAY } from './assess.js';
import { ROOT } from '../e2e/exec.js';

const example = (name: string) => ({ base: path.basename(name), text: readFileSync(path.join(ROOT, 'examples', `${name}.yaml`), 'utf8') });
const PARTNERS = ['acme', 'cabling-specialist', 'departed-sponsor', 'joint-product', 'lab-partner', 'quiet-msp', 'services-reseller'].map(example);
const DIRECT_DEAL = example('deals/direct-render-farm');
const INVALID = { base: 'broken', text: 'version: 1\npartner:\n  name: Broken\n  type: shop\n' };

/** Marks a copy in every name, id and file: `Acme Storage n0042`, `acme-storage-n0042`, `profiles/acme-n0042.yaml`. */
const TOKEN = 'n0000';
const mark = (i: number) => `n${String(i).padStart(4, '0')}`;

function source(i: number): { base: string; text: string } {
  if (i % 100 === 99) return INVALID;
  if (i % 100 === 49) return DIRECT_DEAL;
  return PARTNERS[i % PARTNERS.length]!;
}

function profileText({ base, text }: { base: string; text: string }, token: string): { file: string; text: string } {
  const renamed = text.replace(/^((?:partner|opportunity):\n {2}name: )(.*)$/m, `$1$2 ${token}`);
  if (renamed === text) throw new Error(`${base}: expected "partner:" or "opportunity:", then "  name:"`);
  return { file: `profiles/${base}-${token}.yaml`, text: renamed };
}

/** The i-th file of a generated repository, its path relative to the repository. */
export function generatedProfile(i: number): { file: string; text: string } {
  return profileText(source(i), mark(i));
}

/** Each kind of profile judged once, under the token that copies replace. */
let judged: Map<string, { partners: PartnerReport[]; opportunities: OpportunityReport[]; problems: Problem[] }> | undefined;

function kinds() {
  if (judged) return judged;
  judged = new Map();
  for (const kind of [...PARTNERS, DIRECT_DEAL, INVALID]) {
    const { file, text } = profileText(kind, TOKEN);
    const result = judgeLoaded([loadText(file, text)], rubric(), { today: TODAY });
    const report = buildReport(result.partners, result.directDeals, rubric(), { verbose: false, today: TODAY, problems: result.problems });
    judged.set(kind.base, { partners: report.partners, opportunities: report.opportunities, problems: report.problems });
  }
  return judged;
}

/** A copy of a value with the token replaced in every string. */
function renamed<T>(value: T, to: string): T {
  if (typeof value === 'string') return value.replaceAll(TOKEN, to) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => renamed(v, to)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v, to)])) as T;
  return value;
}

/** The report `check` makes of a generated repository of this many files. */
export function generatedReport(files: number): Report {
  const partners: PartnerReport[] = [];
  const opportunities: OpportunityReport[] = [];
  const problems: Problem[] = [];
  for (let i = 0; i < files; i++) {
    const kind = kinds().get(source(i).base)!;
    partners.push(...renamed(kind.partners, mark(i)));
    opportunities.push(...renamed(kind.opportunities, mark(i)));
    problems.push(...renamed(kind.problems, mark(i)));
  }
  const empty = buildReport([], [], rubric(), { verbose: false, today: TODAY });
  return { ...empty, partners, opportunities, problems, summary: summarize(partners, opportunities, problems) };
}
