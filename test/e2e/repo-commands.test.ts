// schema, init and portfolio, end to end.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { partnerFacts, rubric } from '../helpers/assess.js';
import { EXAMPLES, reportOfFiles } from '../helpers/report.js';
import { ROOT, run } from './exec.js';

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
    // Its rubric tests and workflow are YAML too, and not profiles: the config excludes them.
    const everything = run(['check', '.', ...TODAY], { cwd: dir });
    expect([everything.code, everything.stderr]).toEqual([0, '']);
    expect(everything.stdout).toContain('1 partner(s): 1 GO, 0 CONDITIONAL, 0 NO-GO');
    // The company's own rubric: used by default, with its tests, as the workflow runs them.
    expect(readFileSync(path.join(dir, '.github/workflows/partner-eval.yml'), 'utf8')).toContain('rubric test rubrics/tests');
    const count = rubric().rules.length;
    expect(run(['rules'], { cwd: dir }).stdout).toMatch(new RegExp(`^Rubric ours \\(rubrics/ours\\.yaml\\): ${count} rules\\.`));
    expect(run(['rubric', 'lint', 'rubrics/ours.yaml'], { cwd: dir })).toMatchObject({ code: 0, stdout: `rubrics/ours.yaml: rubric ours, ${count} rules (${count} enabled), no problems.\n` });
    const tests = run(['rubric', 'test', 'rubrics/tests'], { cwd: dir });
    expect([tests.code, tests.stderr]).toEqual([0, '']);
    expect(tests.stdout).toMatch(/1 passed, 0 failed\n$/);
    const again = run(['init', dir]);
    expect(again.stdout.match(/^kept/gm)).toHaveLength(9);
    expect(again.stdout).toMatch(/^kept {4}.*package\.json \(it has partner-eval \d+\.\d+\.\d+ in devDependencies\)$/m);
  });
});

describe('portfolio', () => {
  // The stories of the seeds, without examples/history (past partnerships, for backtest).
  const stories = [...readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).map((f) => `examples/${f}`), 'examples/deals'];

  it('ranks every partner, best first', () => {
    const r = run(['portfolio', ...stories, '--format', 'json', ...TODAY]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const rows = (JSON.parse(r.stdout) as { partners: { rank: number; id: string; verdict: string; openFlags: number; daysSinceReview: number; capitalAtRisk: number }[] }).partners;
    expect(rows.map((p) => `${p.rank} ${p.id} ${p.verdict}`)).toEqual(['1 joint-product GO', '2 cabling-specialist GO', '3 departed-sponsor CONDITIONAL', '4 quiet-msp CONDITIONAL', '5 services-reseller NO-GO', '6 lab-partner NO-GO', '7 acme NO-GO']);
    // Its red flags and its deals' own (examples/deals/acme-lab-refresh.yaml is one), as the rubric gives them.
    const acme = reportOfFiles(EXAMPLES).partners.find((p) => p.id === 'acme')!;
    const openFlags = [...acme.findings, ...acme.opportunities.flatMap((o) => o.findings)].filter((f) => f.outcome === 'flagged' && f.severity !== 'green').length;
    expect(openFlags).toBeGreaterThan(acme.findings.filter((f) => f.outcome === 'flagged' && f.severity !== 'green').length);
    expect(rows.find((p) => p.id === 'acme')).toMatchObject({ openFlags, daysSinceReview: 38, capitalAtRisk: 440000 });
  });

  it('leaves ended partnerships out of the ranking, and says how many', () => {
    const parsed = JSON.parse(run(['portfolio', 'examples/history', '--format', 'json', ...TODAY]).stdout) as { partners: { id: string }[]; ended: { id: string; result: string }[] };
    expect(parsed.partners.map((p) => p.id).sort()).toEqual(['copperline-cabling', 'drift-msp', 'harbor-msp', 'northgate-integration', 'tessellate-labs']);
    expect(parsed.ended).toHaveLength(8);
    expect(parsed.ended.find((p) => p.id === 'ridgeline-systems')?.result).toBe('failure');
    expect(run(['portfolio', 'examples/history', ...TODAY]).stdout).toMatch(/\n8 ended partnership\(s\) left out: `partner-eval backtest` compares them with how they turned out\.\n$/);
  });

  it('ranks a partner we know nothing about below those we know, marked unsettled, with the facts known', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-portfolio-'));
    writeFileSync(path.join(dir, 'nimbus.yaml'), 'version: 1\npartner: { name: Nimbus Analytics, type: technology }\n');
    const r = run(['portfolio', dir, 'examples/joint-product.yaml', 'examples/departed-sponsor.yaml', '--format', 'markdown', ...TODAY]);
    const rows = r.stdout.split('\n').filter((l) => /^\| \d/.test(l));
    expect(rows.map((l) => l.split(' | ')[1])).toEqual(['Fixpoint Software', 'Meridian Compute', 'Nimbus Analytics']);
    // Of every fact the rubric reads of a partner, none known for Nimbus, all for Fixpoint.
    const facts = partnerFacts();
    expect(rows[2]).toMatch(new RegExp(`^\\| 3 \\| Nimbus Analytics \\| CONDITIONAL \\(unsettled\\) \\| — \\(at worst 0\\) \\| 0/${facts} facts \\|`));
    expect(rows[0]).toMatch(new RegExp(`\\| GO \\| 100 \\| ${facts}/${facts} facts \\|`));
  });

  it('prints a table and markdown', () => {
    const facts = partnerFacts();
    expect(run(['portfolio', ...stories, ...TODAY]).stdout).toMatch(new RegExp(`│ 1 │ Fixpoint Software +│ GO +│ +100 │ ${facts}/${facts} facts │ +1\\.10 │`));
    expect(run(['portfolio', ...stories, '--format', 'markdown', ...TODAY]).stdout).toMatch(/^## Partner portfolio: 7 partner\(s\), as of 2026-11-22\n/);
  });
});

describe('backtest', () => {
  it('compares the verdicts on examples/history with how those partnerships turned out', () => {
    const r = run(['backtest', 'examples/history', ...TODAY]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^Backtest of rubric default on 13 past partnerships \(7 failures, 4 successes, 2 mixed\), judged as of 2026-11-22\.\n/);
    expect(r.stdout).toMatch(/│ NO-GO +│ +7 │ +0 │ +1 │/);
    expect(r.stdout).toContain('Agreement: 12 of 13 (92%)');
    expect(r.stdout).toMatch(/Drift MSP \(examples\/history\/drift-msp\.yaml\): mixed, judged NO-GO/);
    expect(r.stdout).toMatch(/│ no-skin-in-the-game +│ high +│ +5 │ +0 │ +0 │ +0 │ +100% │ +71% │/);
    expect(r.stdout).toMatch(/Green signals: which foretold the successes\n.*\n.*signal/);
  });

  it('gives the same numbers as JSON and markdown', () => {
    const json = JSON.parse(run(['backtest', 'examples/history', '--format', 'json', ...TODAY]).stdout) as { backtestVersion: number; partners: { id: string; result: string }[]; verdicts: { agreement: { agreeing: number; of: number } }; rules: { ruleId: string; precision: number | null; recall: number | null }[] };
    expect(json.backtestVersion).toBe(1);
    expect(json.partners).toHaveLength(13);
    expect(json.partners.find((p) => p.id === 'harbor-msp')?.result).toBe('success');
    expect(json.verdicts.agreement).toMatchObject({ agreeing: 12, of: 13 });
    expect(json.rules.find((x) => x.ruleId === 'cash-flow-strain')).toMatchObject({ precision: 0.5 });
    const md = run(['backtest', 'examples/history', '--format', 'markdown', ...TODAY]).stdout;
    expect(md).toMatch(/^## Backtest: rubric default\n/);
    expect(md).toContain('| `no-skin-in-the-game` | high | 5 | 0 | 0 | 0 | 100% | 71% |');
  });

  it('judges with the rubric given, so a company sees what its tuning changes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'partner-eval-backtest-'));
    writeFileSync(path.join(dir, 'ours.yaml'), 'version: 1\nname: ours\nextends: [default]\nrules:\n  - id: no-skin-in-the-game\n    enabled: false\n');
    const json = JSON.parse(run(['backtest', 'examples/history', '--rubric', path.join(dir, 'ours.yaml'), '--format', 'json', ...TODAY]).stdout) as { rubric: { name: string }; rules: { ruleId: string }[] };
    expect(json.rubric.name).toBe('ours');
    expect(json.rules.map((x) => x.ruleId)).not.toContain('no-skin-in-the-game');
  });

  it('says so, with exit 2, when no profile records an outcome', () => {
    const r = run(['backtest', 'examples/acme.yaml', ...TODAY]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^partner-eval: backtest: expected partners whose profile records outcome\.result \(success, failure or mixed\), got none among 1 partner\(s\)\n {2}hint: /);
  });

  it('leaves a file it cannot judge out, names it on stderr, and exits 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'partner-eval-backtest-'));
    writeFileSync(path.join(dir, 'harbor.yaml'), readFileSync(path.join(ROOT, 'examples/history/harbor-msp.yaml')));
    writeFileSync(path.join(dir, 'broken.yaml'), 'version: 1\npartner:\n  name: Broken\n  sponsor: { level: VP }\n');
    const r = run(['backtest', '.', ...TODAY], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^Backtest of rubric default on 1 past partnership \(0 failures, 1 success, 0 mixed\)/);
    expect(r.stderr).toMatch(/^broken\.yaml:4:21 partner\.sponsor\.level: expected one of c-level, vp, director, manager, none, got "VP"$/m);
    expect(r.stderr).toContain('1 file(s) could not be judged and are left out of the backtest.');
  });
});
