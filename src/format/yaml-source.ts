// Untrusted YAML in, plain data plus source positions out. Every failure is a located Problem;
// nothing here throws on user input.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair } from 'yaml';
import type { Problem } from '../util/errors.js';
import { problem, wholeFile, type Place } from '../util/problems.js';
import { withShortQuotes } from '../util/text.js';
import type { Locator } from './fast-yaml.js';

/** Profiles are a few KB; a file far beyond that is a mistake or an attack, not a profile. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Aliases are legal YAML, but expanding many is how a 1 KB file becomes gigabytes. */
const MAX_ALIAS_COUNT = 100;
/** Deeper than any profile needs; stops stack exhaustion in recursive walks. */
const MAX_DEPTH = 64;
/** Syntax errors reported per document. */
const MAX_SYNTAX_ERRORS = 3;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface SourceDocument {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

export interface Position {
  line: number;
  column: number;
}

export interface ParsedSource {
  documents: SourceDocument[];
  problems: Problem[];
}

function placeAt(file: string, lineCounter: LineCounter, offset: number, path: string): Place {
  const { line, col } = lineCounter.linePos(offset);
  return { file, line, column: col, path };
}

/** Offset of the first byte that is not valid UTF-8 (RFC 3629), or -1. One pass over the bytes. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Sequence length and the allowed range of its second byte (no overlongs, surrogates, > U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

/** Decodes bytes as strict UTF-8; on failure, a problem at the first bad byte. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { problem: Problem } {
  const bad = firstInvalidUtf8(bytes);
  if (bad === -1) {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  const before = new TextDecoder().decode(bytes.subarray(0, bad));
  const lines = before.split('\n');
  return {
    problem: problem('not-utf8', { file, line: lines.length, column: lines[lines.length - 1]!.length + 1, path: '' }, { byte: bytes[bad]! }),
  };
}

/**
 * Old Mac line endings (a CR alone) as LF. YAML counts a lone CR as a line break; `yaml` does not,
 * and its positions count LFs only. Same length, so every offset stays where it was.
 */
export function normalizeLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Parses the text of one file into its documents, rejecting what is unsafe to turn into data. */
export function parseYamlSource(file: string, source: string): ParsedSource {
  const text = normalizeLineBreaks(source);
  const lineCounter = new LineCounter();
  const problems: Problem[] = [];
  const tooDeep = findExcessiveFlowNesting(text);
  if (tooDeep !== undefined) {
    const before = text.slice(0, tooDeep).split('\n');
    return { documents: [], problems: [problem('too-deep', { file, line: before.length, column: before[before.length - 1]!.length + 1, path: '' }, { max: MAX_DEPTH })] };
  }
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, schema: 'core', merge: false });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    return { documents: [], problems: [problem('unparsable-yaml', wholeFile(file), { detail: (error as Error).message })] };
  }
  const documents: SourceDocument[] = [];
  if (docs.length === 0) return { documents, problems: [problem('empty-file', wholeFile(file))] };
  for (const doc of docs) {
    const before = problems.length;
    // After a syntax error the parser recovers badly and every later token looks wrong: the first
    // few errors say what is broken, the rest is noise.
    const seen = new Set<string>();
    for (const error of doc.errors) {
      // The parser quotes whole tokens; a token may be a secret from a file read by mistake.
      const message = withShortQuotes(error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
      if (seen.has(message)) continue;
      seen.add(message);
      if (seen.size > MAX_SYNTAX_ERRORS) {
        problems[problems.length - 1]!.hint = 'later YAML errors may follow from this one; fix it and run again';
        break;
      }
      problems.push(problem('invalid-yaml', placeAt(file, lineCounter, error.pos[0], ''), { detail: message }));
    }
    if (problems.length > before) continue;
    // A trailing `---` leaves a document with nothing in it, as an empty scalar.
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && doc.contents.source === '')) {
      // An empty document (a trailing `---`) is skipped; a file of nothing else is reported below.
      continue;
    }
    const unsafe = findUnsafeNodes(file, lineCounter, doc.contents);
    if (unsafe.length > 0) {
      problems.push(...unsafe);
      continue;
    }
    try {
      const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      documents.push({ file, doc, lineCounter, data });
    } catch (error) {
      const place = placeAt(file, lineCounter, doc.contents.range[0], '');
      // yaml says only in words that it stopped at maxAliasCount.
      const detail = (error as Error).message;
      problems.push(/alias/i.test(detail) ? problem('too-many-aliases', place, { max: MAX_ALIAS_COUNT }) : problem('unreadable-document', place, { detail }));
    }
  }
  if (documents.length === 0 && problems.length === 0) problems.push(problem('empty-file', wholeFile(file)));
  return { documents, problems };
}

/**
 * Offset where `[`/`{` flow nesting first exceeds MAX_DEPTH, if it does. The YAML parser recurses
 * per level, so a small file of brackets would otherwise exhaust the stack. Quotes and comments
 * are skipped; block nesting needs indentation, which the file size bound already limits.
 */
function findExcessiveFlowNesting(text: string): number | undefined {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote || c === '\n') quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Prototype-polluting keys and runaway nesting, found before any conversion to objects. */
function findUnsafeNodes(file: string, lineCounter: LineCounter, root: Node): Problem[] {
  const problems: Problem[] = [];
  const visit = (node: unknown, depth: number, path: string): void => {
    if (problems.length > 20) return;
    if (depth > MAX_DEPTH) {
      const range = (node as Node).range;
      problems.push(problem('too-deep', placeAt(file, lineCounter, range?.[0] ?? 0, path), { max: MAX_DEPTH }));
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        const keyText = typeof key === 'string' || typeof key === 'number' ? String(key) : '';
        if (!isScalar(pair.key) || (typeof key !== 'string' && typeof key !== 'number')) {
          const offset = (pair.key as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0;
          problems.push(problem('complex-key', placeAt(file, lineCounter, offset, path)));
          continue;
        }
        const childPath = path ? `${path}.${keyText}` : keyText;
        if (FORBIDDEN_KEYS.has(keyText)) {
          problems.push(problem('forbidden-key', placeAt(file, lineCounter, pair.key.range?.[0] ?? 0, childPath), { key: keyText }));
          continue;
        }
        visit(pair.value, depth + 1, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, depth + 1, `${path}[${i}]`));
    }
  };
  visit(root, 0, '');
  return problems;
}

type PathKey = string | number;

/** The pair whose key is `key` in a map node, following an alias to its anchor. */
function pairOf(node: unknown, key: PathKey): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p): p is Pair => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
}

function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/**
 * Where a path is in the document: the key's position for map entries (what a person looks
 * for), the item's for list entries, and the nearest existing ancestor when the path is absent.
 */
export function locate(source: SourceDocument, path: readonly PathKey[], prefer: 'key' | 'value' = 'key'): Position {
  const { doc, lineCounter } = source;
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    node = deref(doc, node);
    if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
      continue;
    }
    const pair = pairOf(node, key);
    if (!pair) break;
    const isLast = i === path.length - 1;
    const target = isLast && prefer === 'value' && pair.value ? (pair.value as Node) : (pair.key as Node);
    offset = target.range?.[0] ?? offset;
    node = pair.value;
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Positions in a document parsed by the full parser, behind the same interface as the fast path's. */
export function locatorOf(source: SourceDocument): Locator {
  return { locate: (path, prefer = 'key') => locate(source, path, prefer) };
}

/** Whether the path exists in the document (used to tell a missing key from a wrong value). */
export function hasPath(source: SourceDocument, path: readonly PathKey[]): boolean {
  let node: unknown = source.doc.contents;
  for (const key of path) {
    node = deref(source.doc, node);
    if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else node = pairOf(node, key)?.value;
    if (node === undefined) return false;
  }
  return true;
}
