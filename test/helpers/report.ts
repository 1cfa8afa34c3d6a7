// Reports built in-process from files, for reporter tests.
import { assessAll } from '../../src/engine/assess-all.js';
import { loadFile, loadText, mergeResults } from '../../src/format/load.js';
import { ruleInfos, type RenderOptions } from '../../src/report/index.js';
import type { Report } from '../../src/engine/report-model.js';
import { rubric, TODAY } from './assess.js';

export function reportOfFiles(files: string[], verbose = false): Report {
  return assessAll(mergeResults(files.map((f) => loadFile(f))), rubric(), { today: TODAY, verbose }).report;
}

export function reportOfTexts(texts: Record<string, string>, verbose = false): Report {
  return assessAll(mergeResults(Object.entries(texts).map(([file, text]) => loadText(file, text))), rubric(), { today: TODAY, verbose }).report;
}

export const EXAMPLES = ['examples/acme.yaml', 'examples/cabling-specialist.yaml', 'examples/departed-sponsor.yaml', 'examples/joint-product.yaml', 'examples/lab-partner.yaml', 'examples/quiet-msp.yaml', 'examples/services-reseller.yaml', 'examples/deals/acme-lab-refresh.yaml', 'examples/deals/direct-render-farm.yaml'];

export function renderOptions(): RenderOptions {
  return { rules: ruleInfos(rubric()), color: false, verbose: false, quiet: false };
}
