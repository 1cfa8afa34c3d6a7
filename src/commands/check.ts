// `partner-eval check [path...]`: the CI command. Every profile under the paths, validated and
// assessed in one run; one bad file never hides the others' results.
import path from 'node:path';
import type { Config } from '../config.js';
import { assessAll } from '../engine/assess-all.js';
import { discoverProfiles } from '../format/discover.js';
import { loadFile, mergeResults } from '../format/load.js';
import { reachesFailOn, type FailOn, type Report } from '../report/model.js';
import { loadRubric, resolveRubric, type Rubric } from '../rubric/load.js';
import { UsageError, type Problem } from '../util/errors.js';
import { emit, needsEveryOutcome } from './assess.js';

export interface CheckOptions {
  paths: string[];
  rubric: string;
  format: string;
  failOn: FailOn;
  output?: string;
  stepSummary?: string;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
  today: string;
  width?: number;
  config?: Config;
}

/** The report of every profile under the paths, problems included. */
export function runCheck(options: Pick<CheckOptions, 'paths' | 'rubric' | 'verbose' | 'today' | 'config'>): { report: Report; rubric: Rubric } {
  const rubric = loadRubric(options.rubric);
  const paths = options.paths.length > 0 ? options.paths : (options.config?.profiles ?? ['.']);
  // The config and the rubric live in the repository too; they are not profiles.
  const exclude = new Set<string>();
  if (options.config) exclude.add(path.join(options.config.dir, '.partner-eval.yaml'));
  if (!/^[a-z0-9-]+$/.test(options.rubric)) exclude.add(resolveRubric(options.rubric));
  const { files, missing } = discoverProfiles(paths, exclude);
  if (missing.length > 0 && files.length === 0) throw new UsageError(`expected a file or folder, got ${missing.map((m) => `"${m}"`).join(', ')}: no such path`);
  const loaded = mergeResults(files.map((f) => loadFile(f)));
  const missingProblems: Problem[] = missing.map((m) => ({ file: m, line: 1, column: 1, path: '', message: 'expected a file or folder, got nothing: no such path' }));
  const { report } = assessAll({ ...loaded, problems: [...missingProblems, ...loaded.problems] }, rubric, { today: options.today, verbose: options.verbose });
  return { report, rubric };
}

export async function check(options: CheckOptions, write: (text: string) => void): Promise<number> {
  const { report, rubric } = runCheck({ ...options, verbose: needsEveryOutcome(options) });
  await emit(report, rubric, options, write);
  if (report.problems.length > 0) return 2;
  return reachesFailOn(report, options.failOn) ? 1 : 0;
}
