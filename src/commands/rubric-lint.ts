// `partner-eval rubric lint <file>`: checks a rubric as it would load: schema, CEL syntax and types
// against the format's fields, duplicate ids, unknown keys, `{{ }}` templates, `extends`. Every
// problem at the rubric's file:line, like a linter: exit 1 when it finds any.
import { existsSync } from 'node:fs';
import { compileRubricFile, resolveRubric } from '../rubric/load.js';
import { formatProblem, RubricError, UsageError } from '../util/errors.js';
import { forTerminal, terminalProblem, withoutWorkflowCommands } from '../util/escape.js';

export function rubricLint(options: { file: string }, print: (text: string) => void): number {
  // The rubric's name, keys and texts come from the repository: shown, never acted on.
  const write = (text: string) => print(withoutWorkflowCommands(text));
  const file = resolveRubric(options.file);
  if (!existsSync(file)) throw new UsageError(`rubric lint: expected a rubric file, got "${options.file}": no such file`);
  try {
    const rubric = compileRubricFile(file);
    const enabled = rubric.rules.filter((r) => r.enabled).length;
    write(`${forTerminal(options.file)}: rubric ${forTerminal(rubric.name)}, ${rubric.rules.length} rules (${enabled} enabled), no problems.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof RubricError)) throw error;
    write(`${error.problems.map((p) => formatProblem(terminalProblem(p))).join('\n')}\n${error.problems.length} problem(s) in ${forTerminal(options.file)}.\n`);
    return 1;
  }
}
