// Writing a report in the chosen format, to stdout or --output, and in more formats to files
// (--output-format): shared by assess and check. The report is built once, so every format a run
// writes tells of the same judgement.
import { appendFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPORTERS, ruleInfos, type RenderOptions, type ReporterEntry, type RuleInfo } from '../report/index.js';
import { STEP_SUMMARY_BYTES } from '../report/limits.js';
import { withoutQuietOutcomes, type FailLevel, type FailOn, type Report } from '../engine/report-model.js';
import { describeTotals } from '../report/wording.js';
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
  /** `--output-format <format>=<file>`: the same report in more formats, each to its file. */
  alsoWrite?: readonly { format: string; file: string }[];
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

const formatsOf = (options: Pick<ReportingOptions, 'format' | 'alsoWrite'>): string[] => [options.format, ...(options.alsoWrite ?? []).map((o) => o.format)];

/** Whether the report must hold every rule outcome, passed and not applicable too: --verbose, or a format that shows them all. */
export function needsEveryOutcome(options: Pick<ReportingOptions, 'verbose' | 'format' | 'alsoWrite'>): boolean {
  return options.verbose || formatsOf(options).some((format) => reporterOf(format).needsEveryOutcome === true);
}

/**
 * `--output-format` entries, `<format>=<file>`, checked before anything is judged: a known format,
 * a file, and no file written twice (--output included).
 */
export function parseAlsoWrite(entries: readonly string[], output: string | undefined): { format: string; file: string }[] {
  const seen = new Set(output ? [path.resolve(output)] : []);
  return entries.map((entry) => {
    const at = entry.indexOf('=');
    const format = at < 0 ? entry : entry.slice(0, at);
    const file = at < 0 ? '' : entry.slice(at + 1);
    if (!REPORTERS[format] || file === '') throw new UsageError(`--output-format: expected <format>=<file> with a format of ${Object.keys(REPORTERS).join(', ')}, got "${entry}"`, 'for example --output-format sarif=partner-eval.sarif');
    if (seen.has(path.resolve(file))) throw new UsageError(`--output-format: expected each report in a file of its own, got "${file}" twice`);
    seen.add(path.resolve(file));
    return { format, file };
  });
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

/**
 * Renders the report in the chosen format, to stdout or --output, and in each --output-format to
 * its file. Files are written first: a reader of stdout that stops early takes none of them away.
 * Warnings of what a platform's limit left out go to `warn`.
 */
export async function emit(report: Report, rubric: Rubric, options: Pick<ReportingOptions, 'format' | 'output' | 'alsoWrite' | 'verbose' | 'quiet' | 'color' | 'width' | 'stepSummary' | 'failOn' | 'failNewAt' | 'warn'>, write: Write): Promise<void> {
  const rules = ruleInfos(rubric);
  const warnings: string[] = [];
  // A report built with every outcome for one format (JUnit) is shown to the others as without --verbose.
  const forOneFormat = !options.verbose && needsEveryOutcome(options);
  let quietView: Report | undefined;
  const viewFor = (reporter: Pick<ReporterEntry, 'needsEveryOutcome'>) => (forOneFormat && !reporter.needsEveryOutcome ? (quietView ??= withoutQuietOutcomes(report)) : report);
  const reporter = reporterOf(options.format);
  const targets = (options.alsoWrite ?? []).map((o) => ({ ...o, reporter: reporterOf(o.format) }));
  const writesSummary = options.stepSummary !== undefined && [reporter, ...targets.map((t) => t.reporter)].some((r) => r.writesStepSummary);
  let stepSummary: 'whole' | 'folded' | undefined;
  const renderTo = async (entry: ReporterEntry, toFile: boolean) => {
    const rendered = await render(entry, viewFor(entry), { rules, color: options.color && !toFile, verbose: options.verbose, quiet: options.quiet, ...(options.width ? { width: options.width } : {}), points: rubric.points, thresholds: rubric.thresholds, failOn: options.failOn, ...(options.failNewAt ? { failNewAt: options.failNewAt } : {}), ...(stepSummary ? { stepSummary } : {}) });
    warnings.push(...rendered.warnings);
    return rendered.chunks;
  };
  // Files first (one that cannot be written stops the run before the step summary is touched), then
  // the step summary, then what says what the summary holds (the github format's last notice).
  for (const target of targets.filter((t) => !t.reporter.writesStepSummary)) writeOutput(target.file, await renderTo(target.reporter, true));
  if (writesSummary) stepSummary = await appendStepSummary(options.stepSummary!, viewFor({}), rules, warnings);
  for (const target of targets.filter((t) => t.reporter.writesStepSummary)) writeOutput(target.file, await renderTo(target.reporter, true));
  const chunks = await renderTo(reporter, options.output !== undefined);
  if (options.output) writeOutput(options.output, chunks);
  else for (const chunk of chunks) await write(chunk);
  for (const warning of warnings) options.warn?.(warning);
}

/**
 * With --output the report is not in the log: one line on stderr says what it holds, where it went
 * and why the run exits as it does (so `--fail-on never` exiting 2 is never a mystery).
 */
export function writtenNote(report: Report, options: Pick<ReportingOptions, 'output' | 'alsoWrite' | 'failOn'>, exitCode: number): string {
  const files = [...(options.output ? [options.output] : []), ...(options.alsoWrite ?? []).map((o) => o.file)];
  const why = exitCode === 2 ? 'a file that cannot be judged exits 2 at every --fail-on level' : `${exitCode === 1 ? 'a' : 'no'} verdict reached --fail-on ${options.failOn}`;
  return `partner-eval: ${describeTotals(report)}; ${report.summary.invalidFiles} invalid file(s). Exit ${exitCode}: ${why}. Report in ${files.join(', ')}.\n`;
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
