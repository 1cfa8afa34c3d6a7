// `partner-eval backtest [path...]`: the rubric against the company's own history. Every profile
// under the paths is judged as `check` judges it; those with `outcome.result` are compared.
import { backtest as computeBacktest } from '../engine/backtest.js';
import { BACKTEST_REPORTERS, type BacktestFormat } from '../report/index.js';
import { formatProblem, UsageError } from '../util/errors.js';
import { terminalProblem, withoutWorkflowCommands } from '../util/escape.js';
import { runCheck, type CheckOptions } from './check.js';
import { writeOutput, type Write } from './emit.js';

export interface BacktestOptions extends Pick<CheckOptions, 'paths' | 'rubric' | 'today' | 'config' | 'color' | 'output'> {
  format: BacktestFormat;
}

export async function backtest(options: BacktestOptions, write: Write, warn: (text: string) => void): Promise<number> {
  const { report, rubric } = await runCheck({ ...options, verbose: true });
  // A file that cannot be judged is left out of the numbers, and said so: exit 2, as check does.
  if (report.problems.length > 0) warn(withoutWorkflowCommands(`${report.problems.map((p) => formatProblem(terminalProblem(p))).join('\n')}\n${report.summary.invalidFiles} file(s) could not be judged and are left out of the backtest.\n`));
  const result = computeBacktest(report, rubric);
  if (result.partners.length === 0) {
    throw new UsageError(`backtest: expected partners whose profile records outcome.result (success, failure or mixed), got none among ${report.partners.length} partner(s)`, 'record how each past partnership turned out in its profile: outcome: { status: ended, result: failure }');
  }
  const color = options.color && !options.output;
  const text = await (await BACKTEST_REPORTERS[options.format]())(result, color);
  if (options.output) writeOutput(options.output, text);
  else await write(text);
  return report.problems.length > 0 ? 2 : 0;
}
