// `partner-eval rubric lint <file>`: checks a rubric as it would load: schema, CEL syntax and types
// against the format's fields, duplicate ids, unknown keys, `{{ }}` templates, `extends`. Every
// problem of every rule in one run, at the rubric's file:line:column, on stderr; exit 2 when it
// finds any, as for any rubric error (cli.md).
import { existsSync } from 'node:fs';
import { compileRubricFile, resolveRubric } from '../rubric/load.js';
import { UsageError } from '../util/errors.js';
import { forTerminal, withoutWorkflowCommands } from '../util/escape.js';

export function rubricLint(options: { file: string }, print: (text: string) => void): number {
  // The rubric's name, keys and texts come from the repository: shown, never acted on.
  const write = (text: string) => print(withoutWorkflowCommands(text));
  const file = resolveRubric(options.file);
  if (!existsSync(file)) throw new UsageError(`rubric lint: expected a rubric file, got "${options.file}": no such file`);
  // A RubricError carries every problem found; the CLI prints them, one a line, and exits 2.
  const rubric = compileRubricFile(file);
  const enabled = rubric.rules.filter((r) => r.enabled).length;
  write(`${forTerminal(options.file)}: rubric ${forTerminal(rubric.name)}, ${rubric.rules.length} rules (${enabled} enabled), no problems.\n`);
  return 0;
}
