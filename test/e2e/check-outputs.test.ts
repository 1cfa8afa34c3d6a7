// One run, several reports: CI judges once and writes annotations, SARIF and JUnit from the same
// judgement; with the report in a file, one line on stderr says what it holds and why the run
// exits as it does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from './exec.js';

const TODAY = ['--today', '2026-11-22'];
const example = (name: string) => readFileSync(path.join(ROOT, 'examples', name), 'utf8');

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-outputs-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

/** Every kind of thing a summary counts: current, ended, a direct deal, invalid files, one beside a partner. */
const mixed = () =>
  repo({
    'p/acme.yaml': example('acme.yaml'),
    'p/fixpoint.yaml': example('joint-product.yaml'),
    'p/meridian.yaml': example('departed-sponsor.yaml'),
    'p/ridgeline.yaml': readFileSync(path.join(ROOT, 'examples', 'history', 'ridgeline-systems.yaml'), 'utf8'),
    'p/direct.yaml': 'version: 1\nopportunity: { name: Direct, marginPercent: 30 }\n',
    'p/broken.yaml': 'version: 1\npartner: { name: Broken, type: shop }\n',
    'p/two.yaml': 'version: 1\npartner: { name: Two }\n---\nversion: 1\npartner: { name: Three, type: shop }\n',
  });

describe('--output-format', () => {
  it('writes each format from the one run, as a run of that format alone would', () => {
    const dir = mixed();
    const summary = path.join(dir, 'summary.md');
    const env = { GITHUB_STEP_SUMMARY: summary };
    const r = run(['check', 'p', '--format', 'github', '--output-format', 'sarif=out/partner-eval.sarif', '--output-format', 'junit=out/junit.xml', '--output-format', 'json=out/report.json', ...TODAY], { cwd: dir, env });
    // The folder does not exist: the run says so and writes nothing, the step summary included.
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^partner-eval: --output: could not write out\/partner-eval\.sarif: its folder does not exist/);
    expect(existsSync(summary)).toBe(false);
    mkdirSync(path.join(dir, 'out'));
    const once = run(['check', 'p', '--format', 'github', '--output-format', 'sarif=out/partner-eval.sarif', '--output-format', 'junit=out/junit.xml', '--output-format', 'json=out/report.json', ...TODAY], { cwd: dir, env });
    expect([once.code, once.stderr]).toEqual([2, '']);
    expect(readFileSync(summary, 'utf8').match(/^## partner-eval: /gm)).toHaveLength(1);
    const alone = (format: string, options: { env?: Record<string, string> } = {}) => run(['check', 'p', '--format', format, ...TODAY], { cwd: dir, ...options });
    // The github format says what the job summary holds, so it is compared with a run that wrote one too.
    expect(once.stdout).toBe(alone('github', { env: { GITHUB_STEP_SUMMARY: path.join(dir, 'alone.md') } }).stdout);
    expect(readFileSync(path.join(dir, 'out/partner-eval.sarif'), 'utf8')).toBe(alone('sarif').stdout);
    expect(readFileSync(path.join(dir, 'out/junit.xml'), 'utf8')).toBe(alone('junit').stdout);
    // JUnit needs every rule outcome; the JSON beside it still holds only what it holds alone.
    expect(readFileSync(path.join(dir, 'out/report.json'), 'utf8')).toBe(alone('json').stdout);
  });

  it('is checked before anything is judged or written', () => {
    const dir = repo({ 'p/acme.yaml': example('acme.yaml') });
    const cases: [string[], string][] = [
      [['--output-format', 'sarif'], 'partner-eval: --output-format: expected <format>=<file> with a format of table, json, markdown, github, junit, sarif, html, got "sarif"\n  hint: for example --output-format sarif=partner-eval.sarif\n'],
      [['--output-format', 'pdf=x.pdf'], 'partner-eval: --output-format: expected <format>=<file> with a format of table, json, markdown, github, junit, sarif, html, got "pdf=x.pdf"\n  hint: for example --output-format sarif=partner-eval.sarif\n'],
      [['--output', 'r.json', '--output-format', 'json=./r.json'], 'partner-eval: --output-format: expected each report in a file of its own, got "./r.json" twice\n'],
      [['--output-format', 'sarif=a', '--output-format', 'junit=a'], 'partner-eval: --output-format: expected each report in a file of its own, got "a" twice\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = run(['check', 'p', ...args, ...TODAY], { cwd: dir });
      expect([r.code, r.stdout, r.stderr], args.join(' ')).toEqual([2, '', stderr]);
    }
    expect(['r.json', 'a', 'x.pdf'].filter((f) => existsSync(path.join(dir, f)))).toEqual([]);
  });
});

describe('with the report in a file', () => {
  it('says on stderr what the report holds, in counts that add up, and why the run exits 2 even with --fail-on never', () => {
    const dir = mixed();
    const r = run(['check', 'p', '--format', 'json', '--output', 'report.json', '--fail-on', 'never', ...TODAY], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    const line = lines[0]!;
    expect(line).toMatch(/^partner-eval: .*\. Exit 2: a file that cannot be judged exits 2 at every --fail-on level\. Report in report\.json\.$/);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { partners: { outcome?: { status?: string }; opportunities: unknown[] }[]; opportunities: unknown[]; problems: { file: string }[] };
    const group = (what: string) => {
      const m = new RegExp(`(\\d+) ${what}\\(s\\): (\\d+) GO, (\\d+) CONDITIONAL, (\\d+) NO-GO`).exec(line);
      expect(m, what).not.toBeNull();
      const [total, go, conditional, noGo] = m!.slice(1).map(Number) as [number, number, number, number];
      expect(go + conditional + noGo, `${what}: ${line}`).toBe(total);
      return total;
    };
    const current = report.partners.filter((p) => p.outcome?.status !== 'ended');
    const ended = Number(/(\d+) ended partnership\(s\) left out/.exec(line)![1]);
    expect(group('partner') + ended).toBe(report.partners.length);
    expect(group('deal')).toBe(current.reduce((sum, p) => sum + p.opportunities.length, 0) + report.opportunities.length);
    expect(Number(/(\d+) invalid file\(s\)/.exec(line)![1])).toBe(new Set(report.problems.map((p) => p.file)).size);
    expect([ended, report.opportunities.length, new Set(report.problems.map((p) => p.file)).size]).toEqual([1, 1, 2]);
  });

  it('names every file written, and says nothing when the report is on stdout', () => {
    const dir = repo({ 'p/fixpoint.yaml': example('joint-product.yaml') });
    const r = run(['check', 'p', '--format', 'sarif', '--output', 'a.sarif', '--output-format', 'junit=a.xml', ...TODAY], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([0, '']);
    expect(r.stderr).toBe('partner-eval: 1 partner(s): 1 GO, 0 CONDITIONAL, 0 NO-GO; 1 deal(s): 1 GO, 0 CONDITIONAL, 0 NO-GO; 0 invalid file(s). Exit 0: no verdict reached --fail-on no-go. Report in a.sarif, a.xml.\n');
    const onStdout = run(['check', 'p', '--format', 'github', '--output-format', 'sarif=b.sarif', ...TODAY], { cwd: dir });
    expect([onStdout.code, onStdout.stderr]).toEqual([0, '']);
    expect(existsSync(path.join(dir, 'b.sarif'))).toBe(true);
  });
});
