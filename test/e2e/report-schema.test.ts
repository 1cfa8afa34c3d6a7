// The JSON report's JSON Schema, as the package ships it (schema/report.schema.json, written by the
// build from src/report/report-schema.ts): up to date, and it accepts the reports the binary writes
// and refuses one that breaks the contract.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../../src/report/report-json-schema.js';
import { ROOT, run } from './exec.js';

const TODAY = ['--today', '2026-11-22'];
const shipped = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(shipped);

describe('schema/report.schema.json', () => {
  it('is what the zod schema of the report makes now, and valid JSON Schema 2020-12', () => {
    expect(shipped).toEqual(reportJsonSchema());
    expect(ajv.validateSchema(shipped)).toBe(true);
    expect(shipped).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'partner-eval JSON report, reportVersion 1' });
  });

  it('accepts every report the binary writes, problems and changed files included', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-report-schema-'));
    writeFileSync(path.join(dir, 'broken.yaml'), 'version: 1\npartner: { name: Broken, type: nonsense }\n');
    writeFileSync(path.join(dir, 'twice.yaml'), 'version: 1\npartner: { id: acme, name: Acme again }\n');
    const reports = [run(['check', 'examples', '--format', 'json', '--verbose', ...TODAY]), run(['check', dir, 'examples/acme.yaml', '--format', 'json', ...TODAY]), run(['assess', 'examples/deals/direct-render-farm.yaml', '--format', 'json', ...TODAY])];
    for (const r of reports) {
      const report = JSON.parse(r.stdout) as { problems: { code: string }[] };
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    }
    const problems = (JSON.parse(reports[1]!.stdout) as { problems: { code: string; related?: unknown }[] }).problems;
    expect(problems.map((p) => p.code).sort()).toEqual(['duplicate-partner-id', 'invalid-value']);
  });

  it('refuses a report that breaks the contract', () => {
    const report = JSON.parse(run(['check', 'examples', '--format', 'json', ...TODAY]).stdout) as Record<string, unknown>;
    expect(validate({ ...report, reportVersion: 2 })).toBe(false);
    expect(validate({ ...report, problems: [{ file: 'a.yaml', line: 1, column: 1, path: '', message: 'no code' }] })).toBe(false);
    const { summary: _, ...noSummary } = report;
    expect(validate(noSummary)).toBe(false);
  });
});
