// `partner-eval check`, end to end on a throwaway git repository of profiles.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, STACK_TRACE } from './exec.js';

const TODAY = ['--today', '2026-11-22'];

function repo(files: Record<string, string>, git = true): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-repo-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  if (git) spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}
const example = (name: string) => readFileSync(path.join(ROOT, 'examples', name), 'utf8');

describe('check', () => {
  it('reads the profiles git would, and skips .github, node_modules and ignored files', () => {
    const dir = repo({
      'profiles/fixpoint.yaml': example('joint-product.yaml'),
      'profiles/ignored.yaml': 'version: 1\npartner: { name: Ignored }\n',
      '.gitignore': 'profiles/ignored.yaml\n',
      '.github/workflows/ci.yml': 'on: push\n',
      'node_modules/x/a.yaml': 'junk: 1\n',
    });
    const r = run(['check', '--format', 'json', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const report = JSON.parse(r.stdout) as { partners: { id: string; file: string }[]; problems: unknown[] };
    expect(report.partners.map((p) => `${p.id} ${p.file}`)).toEqual(['fixpoint profiles/fixpoint.yaml']);
    expect(report.problems).toEqual([]);
  });

  it('walks folders outside git the same way', () => {
    const dir = repo({ 'a/fixpoint.yaml': example('joint-product.yaml'), '.hidden/x.yaml': 'junk: 1\n', 'node_modules/y.yaml': 'junk: 1\n' }, false);
    const r = run(['check', '--format', 'json', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect((JSON.parse(r.stdout) as { partners: unknown[] }).partners).toHaveLength(1);
  });

  it('reports an ended partnership but never fails the run on it: it is history, kept for backtest', () => {
    const ended = readFileSync(path.join(ROOT, 'examples', 'history', 'ridgeline-systems.yaml'), 'utf8');
    const dir = repo({ 'profiles/fixpoint.yaml': example('joint-product.yaml'), 'profiles/ridgeline.yaml': ended });
    const r = run(['check', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/ NO-GO {2}Ridgeline Systems \(ridgeline\) profiles\/ridgeline\.yaml · ended 2025-03-31 \(judged as of then\): failure$/m);
    // The same facts without the outcome are a current partner, and a NO-GO fails the run.
    writeFileSync(path.join(dir, 'profiles/ridgeline.yaml'), ended.replace(/ {2}outcome:\n(?: {4}.*\n)+/, ''));
    expect(run(['check', ...TODAY], { cwd: dir }).code).toBe(1);
  });

  it('reports every bad file and still judges the good ones, then exits 2', () => {
    const dir = repo({
      'profiles/fixpoint.yaml': example('joint-product.yaml'),
      'profiles/broken.yaml': 'version: 1\npartner: { name: Broken, type: shop }\n',
      'profiles/also-broken.yaml': 'version: 1\npartner:\n  name: X\n  sponsor: { levl: vp }\n',
    });
    const r = run(['check', ...TODAY], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Could not judge 2 file\(s\):\n {2}profiles\/also-broken\.yaml:4:14 partner\.sponsor\.levl: .*did you mean "level"\?\)\n {2}profiles\/broken\.yaml:2:32 partner\.type: /);
    expect(r.stdout).toMatch(/ GO {2}Fixpoint Software \(fixpoint\) profiles\/fixpoint\.yaml/);
    expect(r.stdout).toContain('1 GO, 0 CONDITIONAL, 0 NO-GO; 2 invalid file(s)');
  });

  it('rejects the same partner id in two files, naming both, and joins deals across files', () => {
    const dir = repo({
      'profiles/a.yaml': 'version: 1\npartner: { id: acme, name: A }\n',
      'profiles/b.yaml': 'version: 1\npartner: { id: acme, name: B }\n',
      'deals/refresh.yaml': 'version: 1\nopportunity: { name: Refresh, partner: acme, marginPercent: 9 }\n',
    });
    const r = run(['check', '--format', 'json', ...TODAY], { cwd: dir });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { partners: { id: string; file: string; opportunities: { id: string }[] }[]; problems: { file: string; message: string }[] };
    expect(report.problems).toEqual([expect.objectContaining({ file: 'profiles/b.yaml', message: 'expected a unique partner id, got "acme", already used by profiles/a.yaml:2:1' })]);
    expect(report.partners[0]).toMatchObject({ id: 'acme', file: 'profiles/a.yaml', opportunities: [{ id: 'refresh' }] });
  });

  it('exits 1 when a verdict reaches --fail-on, 0 with never', () => {
    const dir = repo({ 'p/acme.yaml': example('acme.yaml'), 'p/fixpoint.yaml': example('joint-product.yaml') });
    expect(run(['check', 'p', ...TODAY], { cwd: dir }).code).toBe(1);
    expect(run(['check', 'p', '--fail-on', 'never', ...TODAY], { cwd: dir }).code).toBe(0);
  });

  it('uses `profiles` and `failOn` of .partner-eval.yaml', () => {
    const dir = repo({
      '.partner-eval.yaml': 'version: 1\nprofiles: partners/\nfailOn: conditional\n',
      'partners/meridian.yaml': example('departed-sponsor.yaml'),
      'elsewhere/broken.yaml': 'not: a profile\n',
    });
    const r = run(['check', ...TODAY], { cwd: path.join(dir, 'partners') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('0 GO, 1 CONDITIONAL, 0 NO-GO');
  });

  it('appends the markdown report to $GITHUB_STEP_SUMMARY with --format github', () => {
    const dir = repo({ 'p/acme.yaml': example('acme.yaml') });
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = run(['check', 'p', '--format', 'github', ...TODAY], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=p\/acme\.yaml,line=25,col=3,title=NO-GO Acme Storage%3A No skin in the game/);
    expect(readFileSync(summary, 'utf8')).toMatch(/^# earlier step\n## partner-eval: 1 partner\(s\): 1 NO-GO, 0 CONDITIONAL, 0 GO; 1 deal\(s\): 1 NO-GO, 0 CONDITIONAL, 0 GO\n/);
  });

  it('writes SARIF and JUnit files with --output', () => {
    const dir = repo({ 'p/acme.yaml': example('acme.yaml') });
    // The report is not in the log: one line on stderr says what it holds and why the run exits so.
    const said = 'partner-eval: 1 partner(s): 0 GO, 0 CONDITIONAL, 1 NO-GO; 1 deal(s): 0 GO, 0 CONDITIONAL, 1 NO-GO; 0 invalid file(s). Exit 1: a verdict reached --fail-on no-go.';
    expect(run(['check', 'p', '--format', 'sarif', '--output', 'out.sarif', ...TODAY], { cwd: dir })).toMatchObject({ code: 1, stdout: '', stderr: `${said} Report in out.sarif.\n` });
    expect(JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(run(['check', 'p', '--format', 'junit', '--output', 'out.xml', ...TODAY], { cwd: dir })).toMatchObject({ code: 1, stdout: '', stderr: `${said} Report in out.xml.\n` });
    expect(readFileSync(path.join(dir, 'out.xml'), 'utf8')).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="partner-eval"/);
  });

  it('fails in JUnit exactly what --fail-on fails', () => {
    const dir = repo({ 'p/acme.yaml': example('acme.yaml') });
    const failures = (failOn: string) => {
      const r = run(['check', 'p', '--format', 'junit', '--fail-on', failOn, ...TODAY], { cwd: dir });
      return [r.code, Number(/<testsuites [^>]*failures="(\d+)"/.exec(r.stdout)![1])];
    };
    // Acme and its deal are NO-GO: two failing verdicts, and the run fails; with never, neither.
    expect(failures('no-go')).toEqual([1, 2]);
    expect(failures('never')).toEqual([0, 0]);
  });

  it('exits 2 for a path that does not exist', () => {
    const r = run(['check', 'no-such-folder']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('partner-eval: expected a file or folder, got "no-such-folder": no such path\n');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('check --changed-since', () => {
  function git(dir: string, ...args: string[]) {
    const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }

  it('turns a pull request that flips a partner from GO to NO-GO into one transition line naming the rule', () => {
    const dir = repo({ 'profiles/brightline.yaml': example('cabling-specialist.yaml'), 'profiles/meridian.yaml': example('departed-sponsor.yaml') });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    writeFileSync(path.join(dir, 'profiles/brightline.yaml'), example('cabling-specialist.yaml').replace('valueGrabAttempts: 0', 'valueGrabAttempts: 2'));
    const r = run(['check', '--changed-since', 'HEAD', ...TODAY], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => l.includes('→'));
    expect(lines).toEqual(['  ▼ Brightline Cabling: GO → NO-GO, because value-grab (blocker) is flagged: The partner has tried 2']);
    expect(r.stdout).toMatch(/^Since HEAD: 1 changed file\(s\), 1 change\(s\) of verdict\n/);
    expect(r.stdout).not.toContain('Meridian');
    const json = JSON.parse(run(['check', '--changed-since', 'HEAD', '--format', 'json', ...TODAY], { cwd: dir }).stdout) as { changedSince: { changedFiles: string[] }; transitions: { key: string; before: string; after: string; because: { ruleId: string }[] }[]; partners: { id: string }[] };
    expect(json.changedSince.changedFiles).toEqual(['profiles/brightline.yaml']);
    expect(json.transitions).toMatchObject([{ key: 'brightline', before: 'GO', after: 'NO-GO', because: [{ ruleId: 'value-grab' }] }]);
    expect(json.partners.map((p) => p.id)).toEqual(['brightline']);
  });

  it('reports new and deleted profiles, and puts verdict changes first in markdown', () => {
    const dir = repo({ 'profiles/brightline.yaml': example('cabling-specialist.yaml'), 'profiles/old.yaml': 'version: 1\npartner: { name: Old Partner }\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    spawnSync('git', ['rm', '-q', 'profiles/old.yaml'], { cwd: dir });
    writeFileSync(path.join(dir, 'profiles/newco.yaml'), 'version: 1\npartner: { name: Newco, conduct: { valueGrabAttempts: 3 } }\n');
    const r = run(['check', '--changed-since', 'HEAD', '--format', 'markdown', ...TODAY], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^## partner-eval: 1 partner\(s\): 1 NO-GO, 0 CONDITIONAL, 0 GO\n\n### Verdict changes since `HEAD`\n\n- 🆕 Newco: new, NO-GO, because value-grab \(blocker\) is flagged: .*\n- 🗑️ Old Partner: CONDITIONAL → deleted\n/);
  });

  it('exits 2 for a revision that does not exist', () => {
    const dir = repo({ 'p.yaml': example('joint-product.yaml') });
    const r = run(['check', '--changed-since', 'no-such-rev'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^partner-eval: --changed-since: expected a git revision \(a commit, branch or tag\), got "no-such-rev"\n {2}hint: in CI, fetch enough history/);
  });
});

describe('check on worker threads', () => {
  it('gives the same report as one thread, across shares: duplicate ids, deals naming partners elsewhere, orphans, direct deals', () => {
    const dir = repo({
      'p/a-acme.yaml': example('acme.yaml').replace('name: Acme Storage', 'id: acme\n  name: Acme Storage'),
      'p/b-fixpoint.yaml': example('joint-product.yaml'),
      'p/c-broken.yaml': 'version: 1\npartner: { name: Broken, type: shop }\n',
      'p/m-meridian.yaml': example('departed-sponsor.yaml'),
      'p/x-acme-again.yaml': 'version: 1\npartner: { id: acme, name: Acme Again }\n',
      'p/y-deal.yaml': 'version: 1\nopportunity: { name: Lab refresh, partner: acme, marginPercent: 9, commitments: [{ by: us, kind: lab-hardware, amount: 5000 }] }\n',
      'p/z-orphan.yaml': 'version: 1\nopportunity: { name: Orphan, partner: nobody }\n',
      'p/zz-direct.yaml': 'version: 1\nopportunity: { name: Direct, marginPercent: 30 }\n',
    });
    const args = ['check', 'p', '--format', 'json', '--fail-on', 'never', ...TODAY];
    const one = run(args, { cwd: dir, env: { PARTNER_EVAL_WORKERS: '0' } });
    const two = run(args, { cwd: dir, env: { PARTNER_EVAL_WORKERS: '2' } });
    expect([one.code, one.stderr]).toEqual([2, '']);
    expect([two.code, two.stderr]).toEqual([2, '']);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(two.stdout) as { partners: { id: string; file: string; opportunities: { id: string }[] }[]; opportunities: { id: string }[]; problems: { file: string; message: string }[] };
    expect(report.partners.map((p) => `${p.id} ${p.file}`)).toEqual(['acme p/a-acme.yaml', 'b-fixpoint p/b-fixpoint.yaml', 'm-meridian p/m-meridian.yaml']);
    expect(report.partners[0]!.opportunities.map((o) => o.id)).toEqual(['university-cluster', 'lab-refresh']);
    expect(report.opportunities.map((o) => o.id)).toEqual(['direct']);
    expect(report.problems.map((p) => `${p.file}: ${p.message.slice(0, 40)}`).sort()).toEqual([
      'p/c-broken.yaml: expected one of reseller, joint-support,',
      'p/x-acme-again.yaml: expected a unique partner id, got "acme"',
      'p/z-orphan.yaml: expected the id of a known partner, got ',
    ]);
  });
});

describe('progress on a long run', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 320; i++) files[`p/partner-${i}.yaml`] = `version: 1\npartner: { name: Partner ${i} }\n`;

  it('is drawn on a terminal, and not when CI is set or stderr is not a terminal', () => {
    const dir = repo(files);
    const command = `node ${JSON.stringify(path.join(ROOT, 'bin', 'partner-eval.js'))} check p --format json --output out.json --fail-on never`;
    const onTerminal = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '', PARTNER_EVAL_WORKERS: '0' } });
    expect(onTerminal.status).toBe(0);
    expect(onTerminal.stdout).toMatch(/checking profiles \[[█░]+\] \d+\/320/);
    const inCi = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true', PARTNER_EVAL_WORKERS: '0' } });
    expect(inCi.stdout).not.toContain('checking profiles');
    const piped = run(['check', 'p', '--format', 'json', '--output', 'out.json', '--fail-on', 'never'], { cwd: dir, env: { CI: undefined } });
    expect([piped.code, piped.stdout]).toEqual([0, '']);
    expect(piped.stderr).toMatch(/^partner-eval: 320 partner\(s\): .*\. Report in out\.json\.\n$/);
  });
});
