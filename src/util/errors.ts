// Known failures. Each prints as one line per problem and exits 2 (cli.md); anything else is an
// internal error. Commands throw these; only src/cli.ts turns them into output and exit codes.
import type { ProblemCode } from './problems.js';

/**
 * A problem located in a user's file: `file:line:column path: message`. Made by `problem()`
 * (src/util/problems.ts), which words it from its code and facts.
 */
export interface Problem {
  code: ProblemCode;
  file: string;
  line: number;
  column: number;
  /** Key path inside the document, e.g. `partner.sponsor.level`; empty for the file as a whole. */
  path: string;
  message: string;
  hint?: string;
  /** The other place a problem is about: the first declaration of an id used twice. */
  related?: { file: string; line: number; column: number };
}

export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  const line = p.path ? `${where} ${p.path}: ${p.message}` : `${where} ${p.message}`;
  return p.hint ? `${line}\n  hint: ${p.hint}` : line;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Profiles that could not be read, parsed or validated. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** A rubric that does not load: schema, CEL syntax or types, templates. */
export class RubricError extends Error {
  override readonly name = 'RubricError';
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}
