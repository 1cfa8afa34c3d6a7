import type { Report } from '../engine/report-model.js';

/** The versioned JSON report (reportVersion 1), what CI scripts parse. */
export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

/**
 * The same text in pieces, a partner at a time, so that a report on thousands of profiles is
 * written without first being built as one string of hundreds of megabytes.
 */
export function* jsonChunks(report: Report): Generator<string> {
  const { reportVersion, tool, rubric, assessedOn, partners, opportunities, ...tail } = report;
  const head = JSON.stringify({ reportVersion, tool, rubric, assessedOn }, null, 2);
  yield `${head.slice(0, -2)},\n  "partners": [`;
  for (const [i, partner] of partners.entries()) yield `${i ? ',' : ''}\n    ${indent(JSON.stringify(partner, null, 2), '    ')}`;
  yield `${partners.length ? '\n  ' : ''}],\n  "opportunities": [`;
  for (const [i, deal] of opportunities.entries()) yield `${i ? ',' : ''}\n    ${indent(JSON.stringify(deal, null, 2), '    ')}`;
  yield `${opportunities.length ? '\n  ' : ''}]`;
  for (const [key, value] of Object.entries(tail)) if (value !== undefined) yield `,\n  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}`;
  yield '\n}\n';
}
