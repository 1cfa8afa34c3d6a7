// `partner-eval portfolio [path...]`: every partner in one ranked table.
import { PORTFOLIO_REPORTERS, type PortfolioFormat } from '../report/index.js';
import { runCheck, type CheckOptions } from './check.js';
import { writeOutput, type Write } from './emit.js';

export async function portfolio(options: Pick<CheckOptions, 'paths' | 'rubric' | 'today' | 'config' | 'color' | 'output'> & { format: PortfolioFormat }, write: Write): Promise<number> {
  const { report } = await runCheck({ ...options, verbose: false });
  const color = options.color && !options.output;
  const text = await (await PORTFOLIO_REPORTERS[options.format]())(report, color);
  if (options.output) writeOutput(options.output, text);
  else await write(text);
  return report.problems.length > 0 ? 2 : 0;
}
