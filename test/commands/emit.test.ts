// What a format declares it needs (src/report/index.ts) is what a user gets from `assess`:
// JSON arrives a partner at a time, JUnit lists every rule outcome, the github format fills the
// job summary. Other formats are written whole and leave the job summary alone.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/commands/assess.js';
import { REPORTERS } from '../../src/report/index.js';
import { EXAMPLES } from '../helpers/report.js';
import { TODAY } from '../helpers/assess.js';

const PARTNERS = EXAMPLES.filter((f) => !f.includes('/deals/'));

/** `partner-eval assess <files> --format <format>`, in process: the writes as they came. */
async function assessTo(format: string, options: { files?: string[]; verbose?: boolean; stepSummary?: string } = {}): Promise<string[]> {
  const writes: string[] = [];
  await assess({ files: options.files ?? PARTNERS, opportunity: [], rubric: 'default', format, failOn: 'never', verbose: options.verbose ?? false, quiet: false, color: false, today: TODAY, ...(options.stepSummary ? { stepSummary: options.stepSummary } : {}) }, (text) => void writes.push(text));
  return writes;
}

const testCases = (xml: string) => xml.match(/<testcase /g)?.length ?? 0;

describe('formats and what they need', () => {
  it('writes the JSON report a partner at a time, and every other format in one piece', async () => {
    const json = await assessTo('json');
    expect(json.length).toBeGreaterThan(PARTNERS.length);
    expect((JSON.parse(json.join('')) as { partners: unknown[] }).partners).toHaveLength(PARTNERS.length);
    for (const format of Object.keys(REPORTERS).filter((f) => f !== 'json')) expect(await assessTo(format), format).toHaveLength(1);
  });

  it('gives JUnit a test case for every rule outcome, passed ones too, without --verbose', async () => {
    const [quiet] = await assessTo('junit', { files: ['examples/acme.yaml'] });
    const [verbose] = await assessTo('junit', { files: ['examples/acme.yaml'], verbose: true });
    expect(testCases(quiet!)).toBe(testCases(verbose!));
    // A passed rule is a test case with nothing in it; one that does not apply is skipped, and says why.
    expect(quiet).toMatch(/<testcase [^>]*\/>/);
    expect(quiet).toContain('<skipped message="not applicable: ');
    // Without --verbose, the other formats show only what needs attention.
    const json = (await assessTo('json', { files: ['examples/acme.yaml'] })).join('');
    const findings = (JSON.parse(json) as { partners: { findings: unknown[] }[] }).partners[0]!.findings.length;
    expect(findings).toBeLessThan(testCases(quiet!));
  });

  it('appends the markdown report to $GITHUB_STEP_SUMMARY with --format github, and leaves it alone with the others', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-summary-'));
    for (const format of Object.keys(REPORTERS)) {
      const summary = path.join(dir, `${format}.md`);
      writeFileSync(summary, 'earlier step\n');
      await assessTo(format, { files: ['examples/acme.yaml'], stepSummary: summary });
      const written = readFileSync(summary, 'utf8');
      if (format === 'github') {
        expect(written).toMatch(/^earlier step\n/);
        expect(written).toContain('| verdict | partner / deal |');
        expect(written).toContain('Acme Storage');
      } else expect(written, format).toBe('earlier step\n');
    }
  });
});
