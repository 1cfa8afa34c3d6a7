// Writing answers into a profile through yaml's Document API, so that the person's comments, key
// order and formatting survive: only the answered keys change.
import { parseAllDocuments } from 'yaml';

export interface Answer {
  /** Document path, e.g. ['partner', 'sponsor', 'active'] or ['opportunities', 0, 'fit', 'withinOurExpertise']. */
  path: (string | number)[];
  /** `undefined` removes the key (the answer became "don't know"). */
  value: unknown;
}

/**
 * The printer normalises spacing (before inline comments, inside flow lists): every line whose only
 * difference from the original is whitespace keeps the original's, so that only answered lines change.
 * A longest-common-subsequence match over lines; profiles are short.
 */
export function keepOriginalSpacing(original: string, printed: string): string {
  const a = original.split('\n');
  const b = printed.split('\n');
  const key = (line: string) => line.replace(/\s+/g, '');
  const ka = a.map(key);
  const kb = b.map(key);
  // lengths[i][j]: the longest common run of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lengths[i]![j] = ka[i] === kb[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && ka[i] === kb[j]) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (i < a.length && lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else out.push(b[j++]!);
  }
  return out.join('\n');
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
  const target = documents.find((d) => d.has('partner')) ?? documents[0];
  for (const answer of answers) {
    if (answer.value === undefined) target?.deleteIn(answer.path);
    else target?.setIn(answer.path, answer.value);
  }
  const rendered = documents.map((d) => d.toString({ lineWidth: 0 }));
  // One document: what yaml prints. Several: joined by their separators.
  const printed = documents.length === 1 ? rendered[0]! : rendered.map((r, i) => (i === 0 || r.startsWith('---') ? r : `---\n${r}`)).join('');
  return keepOriginalSpacing(text, printed);
}
