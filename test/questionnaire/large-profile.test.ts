// `assess --interactive` on a profile of 24,000 lines: writing the answers back once matched lines
// with an n × n table (4.6 GB here) and ran out of memory. The match is now near-linear
// (src/questionnaire/write-back.ts); this must simply finish, within the test's timeout.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessInteractive } from '../../src/commands/assess-interactive.js';
import { applyAnswers } from '../../src/questionnaire/write-back.js';
import { scriptedAsker } from '../helpers/scripted-asker.js';

/** Under the 1 MB bound: a partner with 60 deals, each with a long log of call notes as comments (spacing the printer would change). */
function largeProfile(): string {
  const lines = ['version: 1', 'partner:', '  name: Big   Partner   # as signed', '  sponsor: { level: vp }', 'opportunities:'];
  for (let deal = 0; lines.length < 24_000; deal++) {
    lines.push(`  - name: Deal ${deal}   # from the ${deal % 7} region`, `    value: ${1000 + deal}`, '    marginPercent: 30', '    fit: { withinOurExpertise: true,  withinPartnerCapability: true }');
    for (let note = 0; note < 400; note++) lines.push(`    # ${deal}.${note}:  asked   price`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a profile of 24,000 lines', () => {
  it('takes answers written back, changing only the answered lines', () => {
    const text = largeProfile();
    const out = applyAnswers(text, [{ path: ['partner', 'sponsor', 'active'], value: true }, { path: ['opportunities', 40, 'winProbability'], value: 0.5 }]);
    const before = text.split('\n');
    const after = out.split('\n');
    expect(after.length).toBe(before.length + 1);
    const kept = new Set(before);
    expect(after.filter((line) => !kept.has(line))).toEqual(['  sponsor: { level: vp, active: true }', '    winProbability: 0.5']);
  });

  it('is answered with assess --interactive, and the answer written', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pe-large-')), 'big.yaml');
    const text = largeProfile();
    writeFileSync(file, text);
    const asker = scriptedAsker([[/still own the partnership/, true]]);
    const screen: string[] = [];
    const code = await assessInteractive({ file, rubric: 'default', format: 'json', failOn: 'no-go', verbose: false, quiet: true, color: false, today: '2026-11-22' }, asker, { stdout: (t) => void screen.push(t) });
    expect([code, screen.join('')]).toEqual([0, expect.stringContaining(`Wrote 1 answer(s) to ${file}.`)]);
    expect(readFileSync(file, 'utf8')).toBe(text.replace('sponsor: { level: vp }', 'sponsor: { level: vp, active: true }'));
  }, 120_000);
});
