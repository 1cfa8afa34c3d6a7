// Build step: checks every built-in rubric and stores it compiled, as JSON, for fast startup.
// A rubric error fails the build, so a broken built-in rubric never ships.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, RubricError } from '../util/errors.js';
import { builtinRubricDir, compileRubricFile, precompiledRubricFile } from './load.js';

export function precompileBuiltinRubrics(): string[] {
  const written: string[] = [];
  for (const name of readdirSync(builtinRubricDir()).filter((n) => n.endsWith('.yaml'))) {
    let rubric;
    try {
      rubric = compileRubricFile(path.join(builtinRubricDir(), name));
    } catch (error) {
      if (error instanceof RubricError) throw new Error(`built-in rubric ${name} does not load:\n${error.problems.map(formatProblem).join('\n')}`);
      throw error;
    }
    const out = precompiledRubricFile(name.replace(/\.yaml$/, ''));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(rubric));
    written.push(out);
  }
  return written;
}
