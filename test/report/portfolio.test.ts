import { describe, expect, it } from 'vitest';
import { nameLines, portfolioMarkdown, portfolioTable } from '../../src/report/portfolio.js';
import { reportOfTexts } from '../helpers/report.js';

describe('the portfolio table', () => {
  it('holds a name in at most three lines of 40, cut with an ellipsis', () => {
    expect(nameLines('Acme Storage')).toBe('Acme Storage');
    const lines = nameLines(`${'word '.repeat(40)}end`).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines[2]!.endsWith('…')).toBe(true);
    expect(nameLines('x'.repeat(100)).split('\n').map((l) => l.length)).toEqual([40, 40, 20]);
    expect(nameLines('x'.repeat(130)).split('\n').map((l) => l.length)).toEqual([40, 40, 40]);
  });

  // Linear in the name: cli-table3 measures a cell once per line, so a cell of a 200,000-character
  // name cost minutes before; now it finishes well within the test's time.
  it('draws a partner with a 200,000-character name', async () => {
    for (const name of ['ab '.repeat(66_667), 'é'.repeat(200_000)]) {
      const report = reportOfTexts({ 'long.yaml': `version: 1\npartner: { name: ${JSON.stringify(name)} }\n` });
      const table = await portfolioTable(report, false);
      expect(table.split('\n').every((line) => line.length < 200)).toBe(true);
      expect(portfolioMarkdown(report)).toContain(name.slice(0, 1000));
    }
  }, 30_000);
});
