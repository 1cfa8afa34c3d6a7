// Build step: checks every built-in rubric and stores it compiled, as JSON, for fast startup.
// A rubric error fails the build, so a broken built-in rubric never ships. Each file records the
// digest of the rubric text it was compiled from; the loader uses it only while that still matches.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { formatProblem, RubricError } from '../util/errors.js';
import { builtinRubricDir, builtinRubricsDigest, compileRubricFile, precompiledRubricFile, type PrecompiledRubric } from './load.js';
import { isBuiltinRubricName } from './names.js';

export function precompileBuiltinRubrics(): string[] {
  // Before compiling: were a file edited meanwhile, the digest would then be of the older text and
  // fail to match the newer, so the loader compiles the YAML rather than use what may be stale.
  const sourceSha256 = builtinRubricsDigest();
  const written: string[] = [];
  for (const name of readdirSync(builtinRubricDir()).filter((n) => n.endsWith('.yaml'))) {
    const file = path.join(builtinRubricDir(), name);
    let rubric;
    try {
      rubric = compileRubricFile(file);
    } catch (error) {
      if (error instanceof RubricError) throw new Error(`built-in rubric ${name} does not load:\n${error.problems.map(formatProblem).join('\n')}`);
      throw error;
    }
    // The digest covers the built-in rubrics only, so that is all a built-in rubric may extend.
    const outside = ((parse(readFileSync(file, 'utf8')) as { extends?: string[] }).extends ?? []).filter((entry) => !isBuiltinRubricName(entry));
    if (outside.length > 0) throw new Error(`built-in rubric ${name} extends ${outside.join(', ')}: a built-in rubric may extend built-in rubrics only`);
    const out = precompiledRubricFile(name.replace(/\.yaml$/, ''));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ sourceSha256, rubric } satisfies PrecompiledRubric));
    written.push(out);
  }
  return written;
}
