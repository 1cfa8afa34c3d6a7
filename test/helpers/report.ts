// Reports built in-process from files, for reporter tests.
import { judgeLoaded } from '../../src/engine/pipeline.js';
import { buildReport, type Report } from '../../src/engine/report-model.js';
import { loadFile, loadText, type LoadResult } from '../../src/format/load.js';
import { ruleInfos, type RenderOptions } from '../../src/report/index.js';
import type { Rubric } from '../../src/rubric/load.js';
import { rubric, TODAY } from './assess.js';

/** The report of files already loaded (one result per file), problems included, as commands build it. */
export function reportOfLoaded(results: readonly LoadResult[], verbose = false, r: Rubric = rubric()): Report {
  const judged = judgeLoaded(results, r, { today: TODAY });
  return buildReport(judged.partners, judged.directDeals, r, { verbose, today: TODAY, problems: judged.problems });
}

export function reportOfFiles(files: string[], verbose = false): Report {
  return reportOfLoaded(files.map((f) => loadFile(f)), verbose);
}

export function reportOfTexts(texts: Record<string, string>, verbose = false): Report {
  return reportOfLoaded(Object.entries(texts).map(([file, text]) => loadText(file, text)), verbose);
}

export const EXAMPLES = ['examples/acme.yaml', 'examples/cabling-specialist.yaml', 'examples/departed-sponsor.yaml', 'examples/joint-product.yaml', 'examples/lab-partner.yaml', 'examples/quiet-msp.yaml', 'examples/services-reseller.yaml', 'examples/deals/acme-lab-refresh.yaml', 'examples/deals/direct-render-farm.yaml'];

export function renderOptions(): RenderOptions {
  return { rules: ruleInfos(rubric()), color: false, verbose: false, quiet: false };
}
