// Writing a report in the chosen format, to stdout or --output: shared by assess and check.
import { appendFileSync } from 'node:fs';
import { REPORTERS, ruleInfos, type RenderOptions, type ReporterEntry } from '../report/index.js';
import type { FailLevel, FailOn, Report } from '../engine/report-model.js';
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
  /** With `--fail-on worse`: the level at which a new partner or deal fails (the config's failOn). */
  failNewAt?: FailLevel;
  output?: string;
  /** $GITHUB_STEP_SUMMARY: a format that writes a step summary (github) appends the full markdown report there. */
  stepSummary?: string;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
  today: string;
  width?: number;
}

/** The format's reporter and what it needs; a format cli.ts did not offer is the caller's mistake. */
function reporterOf(format: string): ReporterEntry {
  const reporter = REPORTERS[format];
  if (!reporter) throw new UsageError(`--format: expected one of ${Object.keys(REPORTERS).join(', ')}, got "${format}"`);
  return reporter;
}

/** Whether the report must hold every rule outcome, passed and not applicable too: --verbose, or a format that shows them all. */
export function needsEveryOutcome(options: Pick<ReportingOptions, 'verbose' | 'format'>): boolean {
  return options.verbose || reporterOf(options.format).needsEveryOutcome === true;
}

/** The report as the format renders it: a streaming format's pieces, else one piece. */
async function render(reporter: ReporterEntry, report: Report, options: RenderOptions): Promise<Iterable<string>> {
  if (reporter.streams) return (await reporter.load())(report, options);
  return [(await reporter.load())(report, options)];
}

/** Renders the report in the chosen format, to stdout or --output. */
export async function emit(report: Report, rubric: Rubric, options: Pick<ReportingOptions, 'format' | 'output' | 'verbose' | 'quiet' | 'color' | 'width' | 'stepSummary' | 'failOn' | 'failNewAt'>, write: Write): Promise<void> {
  const reporter = reporterOf(options.format);
  const rules = ruleInfos(rubric);
  const chunks = await render(reporter, report, { rules, color: options.color && !options.output, verbose: options.verbose, quiet: options.quiet, ...(options.width ? { width: options.width } : {}), points: rubric.points, thresholds: rubric.thresholds, failOn: options.failOn, ...(options.failNewAt ? { failNewAt: options.failNewAt } : {}) });
  if (reporter.writesStepSummary && options.stepSummary) {
    const { renderMarkdown } = await import('../report/markdown.js');
    try {
      appendFileSync(options.stepSummary, `${renderMarkdown(report, { rules, color: false, verbose: false, quiet: false })}\n`);
    } catch (error) {
      throw new UsageError(`GITHUB_STEP_SUMMARY: could not append to ${options.stepSummary}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (options.output) writeOutput(options.output, chunks);
  else for (const chunk of chunks) await write(chunk);
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
