// Every problem the tool reports about a user's file, by code: the facts it is about, and its words,
// made here and nowhere else. Code that decides on a problem reads its code, its place and
// `related`, never its words; JSON readers get the code as `problems[].code` (docs/report.md), and
// the code is a contract like the rest of the report: add codes, never rename one.
import type { Problem } from './errors.js';
import { OUTSIDE_ROOT_HINT } from './trust-root.js';

interface Words {
  message: string;
  hint?: string | undefined;
}

const SPLIT_THE_FILE = 'give each partner a file of its own';
const didYouMean = (suggestion: string | undefined) => (suggestion ? ` (did you mean "${suggestion}"?)` : '');

const WORDS = {
  // Reading: a file refused before it is parsed. The refusal's words are read-file.ts's (one place
  // for every reader of untrusted files: profiles, rubrics, configs, test cases).
  unreadable: (a: { reason: string; hint?: string | undefined }): Words => ({ message: a.reason, hint: a.hint }),
  'not-utf8': (a: { byte: number }): Words => ({ message: `expected UTF-8 text, got an invalid byte 0x${a.byte.toString(16).padStart(2, '0')}`, hint: 'save the file as UTF-8' }),
  'too-large': (a: { maxBytes: number; bytes: number }): Words => ({ message: `expected a profile of at most ${a.maxBytes / 1024 / 1024} MB, got ${(a.bytes / 1024 / 1024).toFixed(1)} MB` }),
  'too-large-at-revision': (a: { maxBytes: number; bytes: number; revision: string }): Words => ({ message: `expected a profile of at most ${a.maxBytes / 1024 / 1024} MB at ${a.revision}, got ${(a.bytes / 1024 / 1024).toFixed(1)} MB` }),
  'no-such-path': (): Words => ({ message: 'expected a file or folder, got nothing: no such path' }),
  'outside-repository': (a: { reason: string }): Words => ({ message: a.reason, hint: OUTSIDE_ROOT_HINT }),
  /** A key (a config's `profiles`, a rubric test's `rubric`) naming a file outside the repository. */
  'names-outside-repository': (a: { reason: string }): Words => ({ message: a.reason }),
  /** A config's `exclude` entry that cannot mean what it says. */
  'invalid-exclude': (a: { pattern: string; reason: string }): Words => ({ message: `expected a glob relative to the config's folder, got "${a.pattern}": ${a.reason}`, hint: 'for example rubrics/ (a folder and everything in it) or profiles/**/*.draft.yaml' }),

  // YAML, before the format: what is unsafe or impossible to turn into data.
  'invalid-yaml': (a: { detail: string }): Words => ({ message: `invalid YAML: ${a.detail}` }),
  'unparsable-yaml': (a: { detail: string }): Words => ({ message: `could not parse YAML: ${a.detail}` }),
  'unreadable-document': (a: { detail: string }): Words => ({ message: `could not read the document: ${a.detail}` }),
  'too-many-aliases': (a: { max: number }): Words => ({ message: `expected at most ${a.max} alias expansions, got more (aliases that expand this much are how small files exhaust memory)` }),
  'too-deep': (a: { max: number }): Words => ({ message: `expected at most ${a.max} levels of nesting, got more` }),
  'complex-key': (): Words => ({ message: 'expected a plain key (text), got a complex key' }),
  'forbidden-key': (a: { key: string }): Words => ({ message: `expected a key of the format, got "${a.key}", which is never allowed` }),
  'empty-file': (): Words => ({ message: 'expected a partner or opportunity document, got an empty file' }),
  'too-many-documents': (a: { max: number; found: number }): Words => ({ message: `expected at most ${a.max} YAML documents in a file, got ${a.found}`, hint: SPLIT_THE_FILE }),
  'too-many-deals-in-file': (a: { max: number; found: number }): Words => ({ message: `expected at most ${a.max} deals in a file, got ${a.found}`, hint: SPLIT_THE_FILE }),

  // The format (docs/format.md).
  'not-a-profile': (a: { found: string }): Words => ({ message: `expected a map with version and partner or opportunity, got ${a.found}` }),
  'unsupported-version': (a: { found: string; isNewer: boolean }): Words => ({ message: `expected 1 (the format version), got ${a.found}`, hint: a.isNewer ? 'this file was written for a newer partner-eval; upgrade it' : undefined }),
  'partner-and-opportunity': (): Words => ({ message: 'expected either partner or opportunity at the top level, got both', hint: 'put the deal under partner.opportunities, or in its own file with `partner: <id>`' }),
  'no-partner-or-opportunity': (a: { keys: readonly string[] }): Words => ({ message: `expected partner or opportunity at the top level, got ${a.keys.map((k) => `"${k}"`).join(', ') || 'neither'}` }),
  'unknown-key': (a: { key: string; known: readonly string[]; suggestion?: string | undefined }): Words => ({ message: `expected one of the keys ${a.known.join(', ')}; got unknown key "${a.key}"${didYouMean(a.suggestion)}` }),
  'invalid-key': (a: { expected: string; key: string }): Words => ({ message: `expected ${a.expected}, got the key "${a.key}"` }),
  'missing-value': (a: { expected: string }): Words => ({ message: `expected ${a.expected} (required), got nothing` }),
  'invalid-value': (a: { expected: string; found: string; isAbbreviatedNumber?: boolean }): Words => ({ message: `expected ${a.expected}, got ${a.found}`, hint: a.isAbbreviatedNumber ? 'write money and counts as plain numbers: 48000, not "48k" or 48_000' : undefined }),
  'deal-of-another-partner': (a: { partnerId: string; found: string }): Words => ({ message: `expected the id of the partner it is under ("${a.partnerId}") or no partner key, got "${a.found}"` }),
  'duplicate-deal-id': (a: { id: string; firstIndex: number }): Words => ({ message: `expected a unique opportunity id, got "${a.id}" again (first at opportunities[${a.firstIndex}])`, hint: 'give one of them an explicit id' }),

  // Across files: what only the whole set of files can tell.
  'duplicate-partner-id': (a: { id: string; first: { file: string; line: number; column: number } }): Words => ({ message: `expected a unique partner id, got "${a.id}", already used by ${a.first.file}:${a.first.line}:${a.first.column}` }),
  'duplicate-standalone-deal': (a: { partnerId: string; dealId: string; partnerFile: string }): Words => ({ message: `expected a unique opportunity id for partner "${a.partnerId}", got "${a.dealId}", already in ${a.partnerFile}` }),
  'unknown-partner': (a: { partnerId: string }): Words => ({ message: `expected the id of a known partner, got "${a.partnerId}"`, hint: 'the partner file must be among the files given, or in this folder or a folder above it' }),

  // Waivers, checked against the rubric in use.
  'unknown-waived-rule': (a: { rubric: string; rule: string; suggestion?: string | undefined }): Words => ({ message: `expected a rule id of the ${a.rubric} rubric, got "${a.rule}"${didYouMean(a.suggestion)}`, hint: 'run `partner-eval rules` to list them' }),
  'unwaivable-rule': (a: { rubric: string; rule: string }): Words => ({ message: `expected a waivable rule, got "${a.rule}": the ${a.rubric} rubric does not allow waiving it (it can be a blocker)`, hint: 'a rubric allows it with `waivable: true` on the rule' }),
  'unknown-waived-deal': (a: { deals: readonly string[]; found: string }): Words => ({ message: `expected the id of one of this partner's opportunities (${a.deals.join(', ') || 'none'}), got "${a.found}"` }),

  // Rubrics (docs/rubrics.md): found when one loads, or by `rubric lint`.
  'not-one-document': (a: { found: number }): Words => ({ message: `expected one YAML document, got ${a.found}` }),
  'extends-cycle': (a: { chain: readonly string[] }): Words => ({ message: `expected no cycle in extends, got ${a.chain.join(' → ')}` }),
  'extends-too-deep': (a: { max: number; from: string; to: string }): Words => ({ message: `expected extends at most ${a.max} rubrics deep, got a deeper chain (${a.from} → … → ${a.to})` }),
  'unknown-base-rubric': (a: { entry: string }): Words => ({ message: `expected a built-in rubric name or a rubric file, got "${a.entry}"` }),
  'duplicate-rule-id': (a: { id: string; firstIndex: number }): Words => ({ message: `expected a unique rule id, got "${a.id}" again (first at rules[${a.firstIndex}])` }),
  'points-fall': (a: { higher: string; higherPoints: number; lower: string; lowerPoints: number }): Words => ({ message: `expected points that do not fall as severity rises (blocker ≥ high ≥ medium ≥ low), got ${a.lower} ${a.lowerPoints} above ${a.higher} ${a.higherPoints}` }),
  'thresholds-reversed': (a: { noGo: number; go: number }): Words => ({ message: `expected noGo (${a.noGo}) at or below go (${a.go})` }),
  'param-type-changed': (a: { rule: string; name: string; expected: string; declaredBy: string; declared: string; found: string }): Words => ({ message: `rule "${a.rule}": expected params.${a.name} to be ${a.expected} (as ${a.declaredBy} declares it: ${a.declared}), got ${a.found}` }),
  'missing-rule-field': (a: { rule: string | undefined; key: string }): Words => ({ message: `rule "${a.rule}": expected ${a.key} (required), got nothing` }),
  'missing-mitigation': (a: { rule: string | undefined; severity: string }): Words => ({ message: `rule "${a.rule}": expected mitigation (required for a ${a.severity} rule), got nothing` }),
  /** CEL syntax, types, field paths and templates; the detail is rubric/cel.ts's. */
  'invalid-expression': (a: { rule: string | undefined; detail: string }): Words => ({ message: `rule "${a.rule}": ${a.detail}` }),
  'unused-param': (a: { rule: string | undefined; name: string; suggestion?: string | undefined }): Words => ({ message: `rule "${a.rule}": expected params.${a.name} to be used by the rule's when, escalate or messages, got no use of it${didYouMean(a.suggestion)}` }),
  'partner-rule-reads-deal': (a: { rule: string | undefined; read: string }): Words => ({ message: `rule "${a.rule}": expected a partner-scope rule to read partner and partner metrics only, got ${a.read}`, hint: 'set scope: opportunity for deal rules' }),

  // A rubric's rule, as it runs on a profile.
  'rule-over-budget': (a: { rule: string; entity: string; file?: string | undefined; detail: string }): Words => ({ message: `rule "${a.rule}" on ${a.entity}${a.file ? ` (${a.file})` : ''}: ${a.detail}` }),

  // Bounds of a run.
  'report-too-large': (a: { limit: number; dropped: number }): Words => ({ message: `expected a report of at most ${a.limit.toLocaleString('en-US')} findings and open questions, got more: ${a.dropped} partner(s) from here on were judged but left out of the report`, hint: 'check fewer profiles at a time, a folder per run' }),
} as const;

export type ProblemCode = keyof typeof WORDS;
type FactsOf<C extends ProblemCode> = Parameters<(typeof WORDS)[C]>[0];

/** Where a problem is: a file, a position in it, and the key path there ('' for the file as a whole). */
export interface Place {
  file: string;
  line: number;
  column: number;
  path: string;
}

/** The problem of a code at a place, with its words; `related` is the other place it is about. */
export function problem<C extends ProblemCode>(code: C, at: Place, ...[facts, related]: FactsOf<C> extends undefined ? [undefined?, Problem['related']?] : [FactsOf<C>, Problem['related']?]): Problem {
  const words = (WORDS[code] as (facts: FactsOf<C>) => Words)(facts);
  return {
    code,
    file: at.file,
    line: at.line,
    column: at.column,
    path: at.path,
    message: words.message,
    ...(words.hint !== undefined ? { hint: words.hint } : {}),
    ...(related ? { related } : {}),
  };
}

/** Line 1, column 1: a problem with the file as a whole. */
export const wholeFile = (file: string): Place => ({ file, line: 1, column: 1, path: '' });
