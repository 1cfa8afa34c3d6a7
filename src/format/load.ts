// Profile files → partners and opportunities with source positions, or located problems.
// Sync reads: a profile is a few KB, and fs/promises costs more to load than `assess` spends reading.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type * as z from 'zod/mini';
import type { Problem } from '../util/errors.js';
import { describeValue, formatPath, slugify } from '../util/text.js';
import { opportunityDocumentSchema, partnerDocumentSchema, SLUG, type Opportunity, type Partner } from './schema.js';
import { issuesToProblems } from './validate.js';
import { parseFast, type Locator } from './fast-yaml.js';
import { problem, wholeFile } from '../util/problems.js';
import { readBounded } from './read-file.js';
import { trustRootFor, type TrustRoot } from '../util/trust-root.js';
import { decodeUtf8, locatorOf, normalizeLineBreaks, parseYamlSource, type Position, type SourceDocument } from './yaml-source.js';

/** Where an entity lives in its document, to turn rule paths into file:line:column. */
export interface Origin {
  file: string;
  locator: Locator;
  /** Document path of the entity: `['partner']`, `['opportunities', 2]` or `['opportunity']`. */
  base: (string | number)[];
}

/** A document's data and where its keys are; `source` only when the full parser read it. */
interface ParsedDocument {
  file: string;
  data: unknown;
  locator: Locator;
  source?: SourceDocument;
}

export interface LoadedOpportunity {
  id: string;
  data: Opportunity;
  file: string;
  origin: Origin;
  /** In its own file (under `opportunity:`) rather than inline under a partner. */
  isStandalone: boolean;
}

export interface LoadedPartner {
  id: string;
  data: Partner;
  file: string;
  origin: Origin;
  opportunities: LoadedOpportunity[];
}

export interface LoadResult {
  partners: LoadedPartner[];
  /** Standalone opportunity documents, not yet joined to a partner. */
  opportunities: LoadedOpportunity[];
  problems: Problem[];
}

export interface LoadOptions {
  /**
   * A file found in a folder rather than named (a rubric test, a workflow beside the profiles) is
   * not a profile when no document has `version`, `partner` or `opportunity` at the top: it is
   * skipped, not reported. YAML that does not parse is reported: it may be a broken profile.
   */
  skipNonProfile?: boolean;
}

/** Loaded with `skipNonProfile`, and not a profile: nothing in it to judge, and nothing wrong. */
const notAProfile = (): LoadResult => ({ partners: [], opportunities: [], problems: [] });

/** Whether a document is meant as a profile or deal: one of the keys every one of them starts with. */
const isProfileDocument = (data: unknown): boolean => isRecord(data) && ('version' in data || 'partner' in data || 'opportunity' in data);

/**
 * Where a rule's path (`partner.sponsor.level`, `opportunity.ask.tryAndBuy`) is in the file.
 * The first segment names the entity; the rest is relative to it.
 */
export function positionOf(origin: Origin, rulePath: string): Position {
  const rest = rulePath.split('.').slice(1);
  return origin.locator.locate([...origin.base, ...rest], 'key');
}

const fileStem = (file: string): string => path.basename(file).replace(/\.ya?ml$/i, '');

/**
 * Validates the documents of one file's text. Pure: no file system access. A valid file is read by
 * the fast path; anything else, by the full parser, whose problems are the ones reported.
 */
export function loadText(file: string, source: string, options: LoadOptions = {}): LoadResult {
  const text = normalizeLineBreaks(source);
  const fast = parseFast(text);
  if (fast) {
    // Decided on the one parse: a file that is not a profile is never read twice.
    if (options.skipNonProfile && !fast.some((d) => isProfileDocument(d.data))) return notAProfile();
    const result = loadDocuments(fast.map((d) => ({ file, data: d.data, locator: d.locator })), []);
    if (result.problems.length === 0) return result;
  }
  return loadTextWithFullParser(file, text, options);
}

/** loadText without the fast path: what the fast path must agree with (test/format/parsers-agree.test.ts). */
export function loadTextWithFullParser(file: string, text: string, options: LoadOptions = {}): LoadResult {
  const parsed = parseYamlSource(file, text);
  // An empty file (or one of comments) has nothing at the top either.
  const parsedWell = parsed.problems.every((p) => p.code === 'empty-file');
  if (options.skipNonProfile && parsedWell && !parsed.documents.some((d) => isProfileDocument(d.data))) return notAProfile();
  return loadDocuments(parsed.documents.map((source) => ({ file, data: source.data, locator: locatorOf(source), source })), parsed.problems);
}

/** A file holds one partner, or a few deals: far more is a mistake or an attack on memory. */
const MAX_DOCUMENTS_PER_FILE = 100;
/** Each deal is judged by every rule and reported: the bound per partner must hold per file too. */
const MAX_DEALS_PER_FILE = 500;

const dealsIn = (data: unknown): number => (!isRecord(data) ? 0 : Array.isArray(data.opportunities) ? data.opportunities.length : 'opportunity' in data ? 1 : 0);

function loadDocuments(documents: ParsedDocument[], problems: Problem[]): LoadResult {
  const result: LoadResult = { partners: [], opportunities: [], problems: [...problems] };
  if (documents.length > MAX_DOCUMENTS_PER_FILE) {
    const extra = documents[MAX_DOCUMENTS_PER_FILE]!;
    result.problems.push(problem('too-many-documents', { file: extra.file, ...extra.locator.locate([], 'key'), path: '' }, { max: MAX_DOCUMENTS_PER_FILE, found: documents.length }));
    return result;
  }
  let deals = 0;
  for (const doc of documents) {
    deals += dealsIn(doc.data);
    if (deals > MAX_DEALS_PER_FILE) {
      const total = documents.reduce((sum, d) => sum + dealsIn(d.data), 0);
      result.problems.push(problem('too-many-deals-in-file', { file: doc.file, ...doc.locator.locate([], 'key'), path: '' }, { max: MAX_DEALS_PER_FILE, found: total }));
      return result;
    }
  }
  const partnersInFile = documents.filter((d) => isRecord(d.data) && 'partner' in d.data).length;
  for (const doc of documents) loadDocument(doc, partnersInFile, result);
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function loadDocument(doc: ParsedDocument, partnersInFile: number, result: LoadResult): void {
  const { file, data, locator, source } = doc;
  const at = (p: (string | number)[], prefer: 'key' | 'value' = 'key') => ({ file, ...locator.locate(p, prefer) });
  if (!isRecord(data)) {
    result.problems.push(problem('not-a-profile', { ...at([]), path: '' }, { found: describeValue(data) }));
    return;
  }
  if (data.version !== 1) {
    result.problems.push(problem('unsupported-version', { ...at(['version'], 'value'), path: 'version' }, { found: describeValue(data.version), isNewer: typeof data.version === 'number' && data.version > 1 }));
    return;
  }
  const hasPartner = 'partner' in data;
  const hasOpportunity = 'opportunity' in data;
  if (hasPartner === hasOpportunity) {
    const place = { ...at([]), path: '' };
    result.problems.push(hasPartner ? problem('partner-and-opportunity', place) : problem('no-partner-or-opportunity', place, { keys: Object.keys(data).filter((k) => k !== 'version') }));
    return;
  }
  const schema = hasPartner ? partnerDocumentSchema : opportunityDocumentSchema;
  const parsed = (schema as z.ZodMiniType).safeParse(data, { reportInput: Boolean(source) });
  if (!parsed.success) {
    // Only the full parser's documents can say exactly where each issue is. The fast path's
    // problem is never shown: on any problem, loadText reads the file again with the full parser.
    result.problems.push(...(source ? issuesToProblems(source, schema, parsed.error.issues) : [problem('invalid-value', wholeFile(file), { expected: 'a valid document', found: 'an invalid one' })]));
    return;
  }
  if (hasPartner) {
    const doc = parsed.data as z.infer<typeof partnerDocumentSchema>;
    const stem = slugify(fileStem(file));
    // The file name is the default id only when the file holds one partner.
    const id = doc.partner.id ?? (partnersInFile === 1 && SLUG.test(stem) ? stem : slugify(doc.partner.name));
    const partner: LoadedPartner = { id, data: doc.partner, file, origin: { file, locator, base: ['partner'] }, opportunities: [] };
    const seen = new Map<string, number>();
    (doc.opportunities ?? []).forEach((opportunity, index) => {
      const opportunityId = opportunity.id ?? slugify(opportunity.name);
      const base = ['opportunities', index];
      if (opportunity.partner !== undefined && opportunity.partner !== id) {
        result.problems.push(problem('deal-of-another-partner', { ...at([...base, 'partner'], 'value'), path: formatPath([...base, 'partner']) }, { partnerId: id, found: opportunity.partner }));
        return;
      }
      if (seen.has(opportunityId)) {
        result.problems.push(problem('duplicate-deal-id', { ...at(base), path: formatPath(base) }, { id: opportunityId, firstIndex: seen.get(opportunityId)! }));
        return;
      }
      seen.set(opportunityId, index);
      partner.opportunities.push({ id: opportunityId, data: opportunity, file, origin: { file, locator, base }, isStandalone: false });
    });
    result.partners.push(partner);
  } else {
    const doc = parsed.data as z.infer<typeof opportunityDocumentSchema>;
    const id = doc.opportunity.id ?? slugify(doc.opportunity.name);
    result.opportunities.push({ id, data: doc.opportunity, file, origin: { file, locator, base: ['opportunity'] }, isStandalone: true });
  }
}

/**
 * Reads and validates one file. Missing, unreadable, oversized, special and non-UTF-8 files are
 * problems; with a root, so is a file that is or links outside it (src/format/read-file.ts).
 */
export function loadFile(file: string, root?: TrustRoot, options: LoadOptions & { base?: string } = {}): LoadResult {
  // `file` names the file in the report; `base` is the folder that name is relative to.
  const read = readBounded(options.base === undefined ? file : path.resolve(options.base, file), { what: 'profile', ...(root ? { root } : {}) });
  if ('refusal' in read) {
    const hint = read.hint ?? (read.refusal === 'directory' ? 'use `partner-eval check <dir>` for a folder of profiles' : undefined);
    return { partners: [], opportunities: [], problems: [problem('unreadable', wholeFile(file), { reason: read.reason, hint })] };
  }
  const decoded = decodeUtf8(file, read.bytes);
  if ('problem' in decoded) return { partners: [], opportunities: [], problems: [decoded.problem] };
  return loadText(file, decoded.text, options);
}

/**
 * Finds the partner a standalone opportunity names: in the same folder, then the folders above, up
 * to the repository root (outside git: the working folder, when the file is under it). Files that
 * link outside that root are not read.
 */
export function findPartnerFile(partnerId: string, fromFile: string, exclude: ReadonlySet<string>): LoadedPartner | undefined {
  const start = path.dirname(path.resolve(fromFile));
  const root = trustRootFor(start);
  const top = root.lexical;
  const cwd = process.cwd();
  for (let dir = start; ; dir = path.dirname(dir)) {
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n));
    } catch {
      names = [];
    }
    // The id defaults to the file name, so the likeliest file goes first.
    names.sort((a, b) => Number(fileStem(b) === partnerId) - Number(fileStem(a) === partnerId));
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (exclude.has(path.resolve(candidate))) continue;
      const relative = path.relative(cwd, candidate) || candidate;
      const found = loadFile(relative, root).partners.find((p) => p.id === partnerId);
      if (found) return found;
    }
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
}
