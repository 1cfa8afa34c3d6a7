import type { Report } from './model.js';

/** The versioned JSON report (reportVersion 1), what CI scripts parse. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
