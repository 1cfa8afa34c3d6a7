// A repository can hold more than any report should: past its budget, check keeps judging but
// stops keeping, and says where it stopped, so memory stays bounded whatever is committed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/engine/check-parallel.js';
import { loadRubric } from '../../src/rubric/load.js';

const rubric = loadRubric('default');

function repository(files: number, deals: number): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-budget-'));
  return Array.from({ length: files }, (_, i) => {
    const file = path.join(dir, `p${String(i).padStart(3, '0')}.yaml`);
    const list = Array.from({ length: deals }, (_, d) => `  - name: Deal ${d}\n`).join('');
    writeFileSync(file, `version: 1\npartner: { name: Partner ${i} }\n${deals > 0 ? `opportunities:\n${list}` : ''}`);
    return file;
  });
}

describe('the report budget', () => {
  it('keeps every partner while the report has room', async () => {
    const files = repository(5, 3);
    const result = await checkFiles(files, rubric, { today: '2026-12-01', verbose: false, rubricRef: 'default', workers: 0 });
    expect(result.partners).toHaveLength(5);
    expect(result.problems).toEqual([]);
  });

  it('past the budget, leaves later partners out and names the first of them', async () => {
    const files = repository(6, 3);
    const one = await checkFiles(files.slice(0, 1), rubric, { today: '2026-12-01', verbose: false, rubricRef: 'default', workers: 0 });
    const p = one.partners[0]!;
    const weight = p.findings.length + p.openQuestions.length + p.opportunities.reduce((n, o) => n + o.findings.length + o.openQuestions.length, 0);
    // Room for two partners and a half: the third is the first left out.
    const result = await checkFiles(files, rubric, { today: '2026-12-01', verbose: false, rubricRef: 'default', workers: 0, maxReportItems: Math.floor(weight * 2.5) });
    expect(result.partners.map((x) => x.name)).toEqual(['Partner 0', 'Partner 1']);
    expect(result.problems).toEqual([
      expect.objectContaining({ file: files[2], line: 2, message: expect.stringMatching(/^expected a report of at most [\d,]+ findings and open questions, got more: 4 partner\(s\) from here on were judged but left out of the report$/) as unknown }),
    ]);
  });
});
