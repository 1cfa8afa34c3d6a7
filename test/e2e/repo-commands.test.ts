// schema, init and portfolio, end to end.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './exec.js';

const TODAY = ['--today', '2026-11-22'];

describe('schema', () => {
  it('prints the JSON Schema of the format', () => {
    const r = run(['schema']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const schema = JSON.parse(r.stdout) as { $schema: string; oneOf: { title: string }[] };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.oneOf.map((s) => s.title)).toEqual(['Partner profile', 'Opportunity']);
  });
});

describe('init', () => {
  it('scaffolds a repository that check accepts, and never overwrites a file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-init-'));
    writeFileSync(path.join(dir, 'README.md'), '# ours\n');
    const r = run(['init', dir]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^created .*\.partner-eval\.yaml$/m);
    expect(r.stdout).toMatch(/^kept {4}.*README\.md \(it exists; not overwritten\)$/m);
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# ours\n');
    expect(readFileSync(path.join(dir, '.github/workflows/partner-eval.yml'), 'utf8')).toMatch(/check --format github[\s\S]*upload-sarif/);
    expect(readFileSync(path.join(dir, 'profiles/example.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/partner-eval\.schema\.json\n/);
    const check = run(['check', ...TODAY], { cwd: dir });
    expect([check.code, check.stderr]).toEqual([0, '']);
    expect(check.stdout).toContain('1 GO, 0 CONDITIONAL, 0 NO-GO');
    const again = run(['init', dir]);
    expect(again.stdout.match(/^kept/gm)).toHaveLength(5);
  });
});

describe('portfolio', () => {
  it('ranks every partner, best first', () => {
    const r = run(['portfolio', 'examples', '--format', 'json', ...TODAY]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const rows = (JSON.parse(r.stdout) as { partners: { rank: number; id: string; verdict: string; openFlags: number; daysSinceReview: number; capitalAtRisk: number }[] }).partners;
    expect(rows.map((p) => `${p.rank} ${p.id} ${p.verdict}`)).toEqual(['1 joint-product GO', '2 cabling-specialist GO', '3 departed-sponsor CONDITIONAL', '4 quiet-msp CONDITIONAL', '5 services-reseller NO-GO', '6 lab-partner NO-GO', '7 acme NO-GO']);
    expect(rows.find((p) => p.id === 'acme')).toMatchObject({ openFlags: 18, daysSinceReview: 38, capitalAtRisk: 440000 });
  });

  it('prints a table and markdown', () => {
    expect(run(['portfolio', 'examples', ...TODAY]).stdout).toMatch(/│ 1 │ Fixpoint Software +│ GO +│ +100 │ +1\.09 │/);
    expect(run(['portfolio', 'examples', '--format', 'markdown', ...TODAY]).stdout).toMatch(/^## Partner portfolio: 7 partner\(s\), as of 2026-11-22\n/);
  });
});
