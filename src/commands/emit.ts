// Writing a report in the chosen format, to stdout or --output: shared by assess and check.
import { appendFileSync, statSync } from 'node:fs';
import { REPORTERS, ruleInfos, type RenderOptions, type ReporterEntry, type RuleInfo } from '../report/index.js';
import { STEP_SUMMARY_BYTES } from '../report/limits.js';
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
  /** Where warnings go (stderr): what a platform's limit left out of a report, and where all of it is. */
  warn?: (message: string) => void;
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

/** The report as the format renders it: a streaming format's pieces, else one piece; and what the format warns of. */
async function render(reporter: ReporterEntry, report: Report, options: RenderOptions): Promise<{ chunks: Iterable<string>; warnings: string[] }> {
  if (reporter.streams) return { chunks: (await reporter.load())(report, options), warnings: [] };
  if (reporter.limited) {
    const { text, warnings } = (await reporter.load())(report, options);
    return { chunks: [text], warnings };
  }
  return { chunks: [(await reporter.load())(report, options)], warnings: [] };
}

/**
 * Appends the markdown report to the step's summary, within what GitHub shows of it: 1 MiB for the
 * whole file, what earlier commands of the step wrote included. Says what it holds of the report.
 */
async function appendStepSummary(file: string, report: Report, rules: readonly RuleInfo[], warnings: string[]): Promise<'whole' | 'folded' | undefined> {
  const { renderMarkdownWithin, describeLeftOut } = await import('../report/markdown.js');
  let before = 0;
  try {
    before = statSync(file).size;
  } catch {
    // Not there yet: appending creates it.
  }
  const limit = { bytes: STEP_SUMMARY_BYTES - before - 1, name: "GitHub's limit of 1 MiB for a step summary" };
  const { text, leftOut, fits } = renderMarkdownWithin(report, { rules, color: false, verbose: false, quiet: false }, limit);
  if (!fits) {
    warnings.push(`the job summary is left as it was: this step's summary already holds ${before.toLocaleString('en-US')} bytes, and the report would not fit within GitHub's limit of 1 MiB.`);
    return undefined;
  }
  try {
    appendFileSync(file, `${text}\n`);
  } catch (error) {
    throw new UsageError(`GITHUB_STEP_SUMMARY: could not append to ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!leftOut) return 'whole';
  warnings.push(describeLeftOut('the job summary', leftOut, limit));
  return 'folded';
}

/** Renders the report in the chosen format, to stdout or --output; warnings of what a limit left out go to `warn`. */
export async function emit(report: Report, rubric: Rubric, options: Pick<ReportingOptions, 'format' | 'output' | 'verbose' | 'quiet' | 'color' | 'width' | 'stepSummary' | 'failOn' | 'warn'>, write: Write): Promise<void> {
  const reporter = reporterOf(options.format);
  const rules = ruleInfos(rubric);
  const warnings: string[] = [];
  const stepSummary = reporter.writesStepSummary && options.stepSummary ? await appendStepSummary(options.stepSummary, report, rules, warnings) : undefined;
  const rendered = await render(reporter, report, { rules, color: options.color && !options.output, verbose: options.verbose, quiet: options.quiet, ...(options.width ? { width: options.width } : {}), points: rubric.points, thresholds: rubric.thresholds, failOn: options.failOn, ...(stepSummary ? { stepSummary } : {}) });
  warnings.push(...rendered.warnings);
  if (options.output) writeOutput(options.output, rendered.chunks);
  else for (const chunk of rendered.chunks) await write(chunk);
  for (const warning of warnings) options.warn?.(warning);
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
