// Writing a report in the chosen format, to stdout or --output: shared by assess and check.
import { appendFileSync } from 'node:fs';
import { REPORTERS, ruleInfos } from '../report/index.js';
import type { FailOn, Report } from '../engine/report-model.js';
import type { Rubric } from '../rubric/load.js';
import { UsageError } from '../util/errors.js';
import { writeFileSafely } from '../util/write.js';

/** Writes output; a promise when the reader is behind, to be awaited before writing more. */
export type Write = (text: string) => void | Promise<void>;

/** The options every reporting command takes (cli.md, "Options common to reporting commands"). */
export interface ReportingOptions {
  rubric: string;
  format: string;
  failOn: FailOn;
  output?: string;
  /** $GITHUB_STEP_SUMMARY: with --format github, the full markdown report is appended there. */
  stepSummary?: string;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
  today: string;
  width?: number;
}

/** JUnit has one test case per rule outcome, passed ones included, whatever --verbose says. */
export function needsEveryOutcome(options: Pick<ReportingOptions, 'verbose' | 'format'>): boolean {
  return options.verbose || options.format === 'junit';
}

/** Renders the report in the chosen format, to stdout or --output. */
export async function emit(report: Report, rubric: Rubric, options: Pick<ReportingOptions, 'format' | 'output' | 'verbose' | 'quiet' | 'color' | 'width' | 'stepSummary' | 'failOn'>, write: Write): Promise<void> {
  const load = REPORTERS[options.format];
  if (!load) throw new UsageError(`--format: expected one of ${Object.keys(REPORTERS).join(', ')}, got "${options.format}"`);
  // JSON is written a partner at a time; the other formats are small enough to build whole.
  const text: string | Iterable<string> =
    options.format === 'json'
      ? (await import('../report/json.js')).jsonChunks(report)
      : (await load())(report, { rules: ruleInfos(rubric), color: options.color && !options.output, verbose: options.verbose, quiet: options.quiet, ...(options.width ? { width: options.width } : {}), points: rubric.points, thresholds: rubric.thresholds, failOn: options.failOn });
  if (options.format === 'github' && options.stepSummary) {
    const { renderMarkdown } = await import('../report/markdown.js');
    try {
      appendFileSync(options.stepSummary, `${renderMarkdown(report, { rules: ruleInfos(rubric), color: false, verbose: false, quiet: false })}\n`);
    } catch (error) {
      throw new UsageError(`GITHUB_STEP_SUMMARY: could not append to ${options.stepSummary}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (options.output) writeOutput(options.output, text);
  else if (typeof text === 'string') await write(text);
  else for (const chunk of text) await write(chunk);
}

/** `--output <file>`: written whole or not at all (src/util/write.ts); a failure is the user's to fix, said plainly. */
export function writeOutput(file: string, text: string | Iterable<string>): void {
  try {
    writeFileSafely(file, text);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`--output: ${error.message}`, error.hint);
    throw error;
  }
}
