// Writing answers into a profile through yaml's Document API, so that the person's comments, key
// order and formatting survive: only the answered keys change.
import { isDeepStrictEqual } from 'node:util';
import { isNode, parseAllDocuments, type Document } from 'yaml';
import { positionAt } from '../format/fast-yaml.js';

export interface Answer {
  /** Document path, e.g. ['partner', 'sponsor', 'active'] or ['opportunities', 0, 'fit', 'withinOurExpertise']. */
  path: (string | number)[];
  /** `undefined` removes the key (the answer became "don't know"). */
  value: unknown;
}

// Gaps no longer than this (lines of the original × lines printed) are matched exactly; the cells
// a gap may cost are bounded, so matching stays linear in the length of the file.
const EXACT_MATCH_CELLS = 1 << 16;
// Anchored splitting goes no deeper: beyond, lines are left unmatched (printed as yaml prints them).
const MAX_SPLIT_DEPTH = 8;

/**
 * The printer normalises spacing (before inline comments, inside flow lists): every line whose only
 * difference from the original is whitespace keeps the original's, so that only answered lines change.
 * Lines are matched in order, patience-diff style, in O(n log n) time and O(n) memory (a profile of
 * 24,000 lines once needed an n × n table): the common start and end, then lines that occur once on
 * each side as anchors (the longest run of them in order), then the same within each gap, and an
 * exact longest-common-subsequence only for small gaps. `pinned` lines of `printed` (the answered
 * ones) are never replaced: an answer that changes only spacing is still an answer.
 */
export function keepOriginalSpacing(original: string, printed: string, pinned: ReadonlySet<number> = new Set()): string {
  const a = original.split('\n');
  const b = printed.split('\n');
  const key = (line: string) => line.replace(/\s+/g, '');
  const ka = a.map(key);
  // A pinned line gets a key no original line has.
  const kb = b.map((line, j) => (pinned.has(j) ? `\0${j}` : key(line)));
  const match = new Int32Array(b.length).fill(-1);
  matchLines(ka, kb, match, 0, a.length, 0, b.length, 0);
  return b.map((line, j) => (match[j]! >= 0 ? a[match[j]!]! : line)).join('\n');
}

/** Matches ka[a0..a1) against kb[b0..b1) in order, writing into `match` (b index → a index). */
function matchLines(ka: readonly string[], kb: readonly string[], match: Int32Array, a0: number, a1: number, b0: number, b1: number, depth: number): void {
  while (a0 < a1 && b0 < b1 && ka[a0] === kb[b0]) match[b0++] = a0++;
  while (a0 < a1 && b0 < b1 && ka[a1 - 1] === kb[b1 - 1]) match[--b1] = --a1;
  if (a0 === a1 || b0 === b1) return;
  if ((a1 - a0) * (b1 - b0) <= EXACT_MATCH_CELLS) return matchExactly(ka, kb, match, a0, a1, b0, b1);
  if (depth >= MAX_SPLIT_DEPTH) return;
  const anchors = uniqueAnchors(ka, kb, a0, a1, b0, b1);
  if (anchors.length === 0) return;
  let ai = a0;
  let bi = b0;
  for (const [i, j] of anchors) {
    matchLines(ka, kb, match, ai, i, bi, j, depth + 1);
    match[j] = i;
    ai = i + 1;
    bi = j + 1;
  }
  matchLines(ka, kb, match, ai, a1, bi, b1, depth + 1);
}

/** Lines that occur once in each range, paired, and the longest run of pairs in order on both sides. */
function uniqueAnchors(ka: readonly string[], kb: readonly string[], a0: number, a1: number, b0: number, b1: number): [number, number][] {
  const seen = new Map<string, { inA: number; i: number; inB: number; j: number }>();
  for (let i = a0; i < a1; i++) {
    const entry = seen.get(ka[i]!);
    if (entry) entry.inA++;
    else seen.set(ka[i]!, { inA: 1, i, inB: 0, j: -1 });
  }
  for (let j = b0; j < b1; j++) {
    const entry = seen.get(kb[j]!);
    if (entry && entry.inB++ === 0) entry.j = j;
  }
  const pairs: [number, number][] = [];
  for (let j = b0; j < b1; j++) {
    const entry = seen.get(kb[j]!);
    if (entry && entry.inA === 1 && entry.inB === 1) pairs.push([entry.i, j]);
  }
  // Longest increasing run of original positions (patience sorting), in printed order.
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairs[tails[mid]!]![0] < pairs[p]![0]) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[p] = tails[low - 1]!;
    tails[low] = p;
  }
  const run: [number, number][] = [];
  for (let p = tails.length > 0 ? tails[tails.length - 1]! : -1; p >= 0; p = previous[p]!) run.push(pairs[p]!);
  return run.reverse();
}

/** The longest common subsequence of two small ranges, by the usual table (bounded by EXACT_MATCH_CELLS). */
function matchExactly(ka: readonly string[], kb: readonly string[], match: Int32Array, a0: number, a1: number, b0: number, b1: number): void {
  const n = a1 - a0;
  const m = b1 - b0;
  const width = m + 1;
  // lengths[i * width + j]: the longest common run of a[i..] and b[j..].
  const lengths = new Int32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lengths[i * width + j] = ka[a0 + i] === kb[b0 + j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ka[a0 + i] === kb[b0 + j]) {
      match[b0 + j] = a0 + i;
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
    else j++;
  }
}

/**
 * The text with the answers written in. No answers: the text as it was, byte for byte. Line ends
 * (CRLF or LF) and the presence of a final newline are the original's.
 */
export function applyAnswers(original: string, answers: readonly Answer[]): string {
  if (answers.length === 0) return original;
  const crlf = original.includes('\r\n');
  const text = crlf ? original.replace(/\r\n/g, '\n') : original;
  let out = render(text, answers);
  if (!text.endsWith('\n') && out.endsWith('\n')) out = out.slice(0, -1);
  return crlf ? out.replace(/\n/g, '\r\n') : out;
}

function render(text: string, answers: readonly Answer[]): string {
  const documents = parseAllDocuments(text, { schema: 'core', keepSourceTokens: false });
  if (!Array.isArray(documents)) return text;
  // The partner's document: the one that holds `partner:` (and its `opportunities:`).
  const index = Math.max(0, documents.findIndex((d) => d.has('partner')));
  const target = documents[index];
  for (const answer of answers) {
    if (answer.value === undefined) target?.deleteIn(answer.path);
    else target?.setIn(answer.path, answer.value);
  }
  // Every document after the first starts with its own `---` (after its directives, a `%YAML 1.2`
  // among them, and any comment before it), so that joining them never makes a document of a directive.
  const printed = documents.map((d, i) => d.toString({ lineWidth: 0, ...(i > 0 ? { directives: true } : {}) })).join('');
  const reparsed = parseAllDocuments(printed, { schema: 'core' });
  if (!Array.isArray(reparsed) || reparsed.some((d) => d.errors.length > 0)) return printed;
  const result = keepOriginalSpacing(text, printed, answeredLines(printed, reparsed[index], answers));
  // The answers must be in what is written, exactly: should keeping the original's spacing ever
  // change what the file says, the printer's text is written instead.
  const check = parseAllDocuments(result, { schema: 'core' });
  const isFaithful = Array.isArray(check) && check.length === reparsed.length && check.every((d, i) => d.errors.length === 0 && isDeepStrictEqual(d.toJS(), reparsed[i]!.toJS()));
  return isFaithful ? result : printed;
}

/** The lines of `printed` that hold an answered value: always written as printed. */
function answeredLines(printed: string, document: Document.Parsed | undefined, answers: readonly Answer[]): Set<number> {
  const lines = new Set<number>();
  if (!document) return lines;
  const starts = [0];
  for (let at = printed.indexOf('\n'); at !== -1; at = printed.indexOf('\n', at + 1)) starts.push(at + 1);
  const lineOf = (offset: number) => positionAt(starts, offset).line - 1;
  for (const answer of answers) {
    if (answer.value === undefined) continue;
    const node = document.getIn(answer.path, true);
    const range = isNode(node) ? node.range : undefined;
    if (!range) continue;
    const last = lineOf(Math.max(range[0], range[1] - 1));
    for (let line = lineOf(range[0]); line <= last; line++) lines.add(line);
  }
  return lines;
}
