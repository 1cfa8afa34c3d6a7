// Paths and config come from the repository, not the working folder: a report names files as the
// repository does (what annotations and SARIF attach to), the config is the one of the paths
// checked, `exclude:` and non-profile YAML keep what is not a profile out of a folder walk, and a
// run that finds no profile at all says so instead of passing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from './exec.js';

const TODAY = ['--today', '2026-11-22'];
const example = (name: string) => readFileSync(path.join(ROOT, 'examples', name), 'utf8');

function folder(files: Record<string, string>, options: { git?: boolean; inside?: string } = {}): string {
  const dir = mkdtempSync(path.join(options.inside ?? tmpdir(), 'pe-paths-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  if (options.git ?? true) spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

function git(dir: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

interface JsonReport {
  partners: { id: string; file: string; findings: { evidence: { file: string }[] }[] }[];
  problems: { file: string; message: string }[];
  transitions?: { key: string; file: string }[];
  changedSince?: { changedFiles: string[] };
}
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

/** Every file a report names, wherever it names it. */
function filesNamed(report: JsonReport): string[] {
  const files = [...report.partners.flatMap((p) => [p.file, ...p.findings.flatMap((f) => f.evidence.map((e) => e.file))]), ...report.problems.map((p) => p.file), ...(report.transitions ?? []).map((t) => t.file)];
  return [...new Set(files)].sort();
}

/** A repository whose profiles live two folders down, beside their config, rubric and its tests. */
const nested = () =>
  folder({
    'partners/.partner-eval.yaml': 'version: 1\nprofiles: profiles/\nfailOn: conditional\nexclude: [rubrics/]\n',
    'partners/profiles/acme.yaml': example('acme.yaml'),
    'partners/profiles/meridian.yaml': example('departed-sponsor.yaml'),
    'partners/rubrics/tests/ours.yaml': 'version: 1\nrubric: default\ncases: []\n',
    '.github/workflows/partner-eval.yml': 'on: push\n',
  });

describe('paths in a report', () => {
  it('are relative to the repository top wherever check runs, in every format that attaches to files', () => {
    const dir = nested();
    const expected = ['partners/profiles/acme.yaml', 'partners/profiles/meridian.yaml'];
    // From the top, the folder; below, the config's `profiles`, found from the working folder up.
    for (const [cwd, paths] of [[dir, ['partners/profiles']], [path.join(dir, 'partners'), []], [path.join(dir, 'partners', 'profiles'), []], [path.join(dir, 'partners', 'profiles'), ['.']]] as const) {
      const where = `${path.relative(dir, cwd) || '.'}: check ${paths.join(' ')}`;
      const r = run(['check', ...paths, '--format', 'json', ...TODAY], { cwd });
      expect([r.code, r.stderr], where).toEqual([1, '']);
      expect(filesNamed(json(r.stdout)), where).toEqual(expected);
      const github = run(['check', ...paths, '--format', 'github', ...TODAY], { cwd });
      const annotated = [...github.stdout.matchAll(/^::\w+ file=([^,]+),/gm)].map((m) => m[1]);
      expect(annotated, where).toContain('partners/profiles/acme.yaml');
      expect(expected, where).toEqual(expect.arrayContaining(annotated));
      const sarif = JSON.parse(run(['check', ...paths, '--format', 'sarif', ...TODAY], { cwd }).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
      const uris = sarif.runs[0]!.results.flatMap((x) => x.locations.map((l) => l.physicalLocation.artifactLocation.uri));
      expect([...new Set(uris)].sort(), where).toEqual(expected);
    }
  });

  it('name an invalid file as the repository does, from a subfolder too', () => {
    const dir = folder({ 'profiles/broken.yaml': 'version: 1\npartner: { name: Broken, type: shop }\n' });
    const r = run(['check', '.', '--format', 'github', ...TODAY], { cwd: path.join(dir, 'profiles') });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error file=profiles\/broken\.yaml,line=2,col=32,/m);
  });

  it('are relative to the config folder outside git, and to the working folder without either', () => {
    const dir = folder({ '.partner-eval.yaml': 'version: 1\nprofiles: profiles/\n', 'profiles/fixpoint.yaml': example('joint-product.yaml') }, { git: false });
    const r = run(['check', '--format', 'json', ...TODAY], { cwd: path.join(dir, 'profiles') });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(filesNamed(json(r.stdout))).toEqual(['profiles/fixpoint.yaml']);
    const bare = folder({ 'p/fixpoint.yaml': example('joint-product.yaml') }, { git: false });
    expect(filesNamed(json(run(['check', '--format', 'json', ...TODAY], { cwd: path.join(bare, 'p') }).stdout))).toEqual(['fixpoint.yaml']);
  });

  it('stay relative to the repository top with --changed-since from a subfolder', () => {
    const dir = nested();
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    writeFileSync(path.join(dir, 'partners/profiles/newco.yaml'), 'version: 1\npartner: { name: Newco, conduct: { valueGrabAttempts: 3 } }\n');
    const r = run(['check', '--changed-since', 'HEAD', '--format', 'json', ...TODAY], { cwd: path.join(dir, 'partners', 'profiles') });
    expect([r.code, r.stderr]).toEqual([1, '']);
    const report = json(r.stdout);
    expect(report.changedSince!.changedFiles).toEqual(['partners/profiles/newco.yaml']);
    expect(report.transitions!.map((t) => `${t.key} ${t.file}`)).toEqual(['newco partners/profiles/newco.yaml']);
  });

  it('are the same on worker threads, where non-profiles are skipped the same way', () => {
    const files: Record<string, string> = { 'repo/notes/team.yaml': 'owners: [ana, bo]\n' };
    for (let i = 0; i < 6; i++) files[`repo/p/partner-${i}.yaml`] = `version: 1\npartner: { name: Partner ${i} }\n`;
    const dir = folder(files, { git: false });
    spawnSync('git', ['init', '-q'], { cwd: path.join(dir, 'repo') });
    const args = ['check', '..', '--format', 'json', '--fail-on', 'never', ...TODAY];
    const one = run(args, { cwd: path.join(dir, 'repo', 'p'), env: { PARTNER_EVAL_WORKERS: '0' } });
    const two = run(args, { cwd: path.join(dir, 'repo', 'p'), env: { PARTNER_EVAL_WORKERS: '2' } });
    expect([one.code, one.stderr]).toEqual([0, '']);
    expect(two.stdout).toBe(one.stdout);
    expect(filesNamed(json(two.stdout))).toEqual(Array.from({ length: 6 }, (_, i) => `p/partner-${i}.yaml`));
  });
});

describe('the config', () => {
  it('is found from the paths checked upward, not from the working folder', () => {
    const dir = nested();
    // From the top, `check partners/profiles` is judged by partners/.partner-eval.yaml: failOn conditional.
    const r = run(['check', 'partners/profiles', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([1, '']);
    writeFileSync(path.join(dir, 'partners/.partner-eval.yaml'), 'version: 1\nfailOn: never\n');
    expect(run(['check', 'partners/profiles', ...TODAY], { cwd: dir }).code).toBe(0);
    expect(run(['rules', '--format', 'json'], { cwd: dir }).code).toBe(0);
  });

  it('is looked for up to the repository top, never above it', () => {
    const outer = folder({ '.partner-eval.yaml': 'version: 1\nfailOn: never\n' }, { git: false });
    const dir = folder({ 'p/acme.yaml': example('acme.yaml') }, { inside: outer });
    expect(run(['check', 'p', ...TODAY], { cwd: dir }).code).toBe(1);
    // Outside git, the nearest config above is the one, as before.
    const plain = folder({ 'p/acme.yaml': example('acme.yaml') }, { git: false, inside: outer });
    expect(run(['check', 'p', ...TODAY], { cwd: plain }).code).toBe(0);
  });

  it('is the one --config names, its relative paths read from its own folder', () => {
    const dir = folder({ '.ci/strict.yaml': 'version: 1\nprofiles: ../p/\nfailOn: conditional\n', 'p/meridian.yaml': example('departed-sponsor.yaml') });
    expect(run(['check', ...TODAY], { cwd: dir }).code).toBe(0);
    const r = run(['check', '--config', '.ci/strict.yaml', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(r.stdout).toContain('0 GO, 1 CONDITIONAL, 0 NO-GO');
    expect(run(['rules', '--config', '.ci/strict.yaml'], { cwd: dir }).code).toBe(0);
    const missing = run(['check', '--config', '.ci/nothing.yaml'], { cwd: dir });
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '', 'partner-eval: --config: expected a config file, got ".ci/nothing.yaml": no such file\n']);
  });

  it('must be one for all the paths checked', () => {
    const dir = folder({ 'a/.partner-eval.yaml': 'version: 1\n', 'a/x.yaml': example('acme.yaml'), 'b/y.yaml': example('joint-product.yaml') });
    const r = run(['check', 'a', 'b', ...TODAY], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('partner-eval: expected paths under one config, got paths under a/.partner-eval.yaml, none\n  hint: check them in separate runs, or name the config with --config <file>\n');
  });
});

describe('what a folder walk reads', () => {
  it("leaves out what the config's exclude names: check . passes on a scaffold with its rubric tests", () => {
    const dir = folder({
      '.partner-eval.yaml': 'version: 1\nrubric: ./rubrics/ours.yaml\nexclude: [rubrics/, .github/, "**/*.draft.yaml"]\n',
      'profiles/fixpoint.yaml': example('joint-product.yaml'),
      'profiles/newco.draft.yaml': 'version: 1\npartner: { name: Newco, type: shop }\n',
      'rubrics/ours.yaml': 'version: 1\nname: ours\nextends: [default]\nrules: []\n',
      'rubrics/tests/ours.yaml': 'version: 1\nrubric: ../ours.yaml\ncases: []\n',
      '.github/workflows/partner-eval.yml': 'on: push\n',
    });
    const r = run(['check', '.', '--format', 'json', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(filesNamed(json(r.stdout))).toEqual(['profiles/fixpoint.yaml']);
    // Without the exclude, the rubric's tests are judged as a profile, and are not one.
    writeFileSync(path.join(dir, '.partner-eval.yaml'), 'version: 1\nrubric: ./rubrics/ours.yaml\n');
    const without = run(['check', '.', '--format', 'json', ...TODAY], { cwd: dir });
    expect(without.code).toBe(2);
    expect(json(without.stdout).problems.map((p) => p.file)).toEqual(['profiles/newco.draft.yaml', 'rubrics/tests/ours.yaml']);
  });

  it('says where an exclude entry is wrong', () => {
    const dir = folder({ '.partner-eval.yaml': 'version: 1\nexclude:\n  - rubrics/\n  - "!profiles/**"\n  - /etc\n', 'p/fixpoint.yaml': example('joint-product.yaml') });
    const r = run(['check', ...TODAY], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^\.partner-eval\.yaml:4:5 exclude\[1\]: expected a glob relative to the config's folder, got "!profiles\/\*\*": a negated pattern .*\n {2}hint: .*\n\.partner-eval\.yaml:5:5 exclude\[2\]: expected a glob relative to the config's folder, got "\/etc": an absolute path/);
  });

  it('skips YAML that is not a profile, and reports it when it is named', () => {
    const dir = folder({
      'p/fixpoint.yaml': example('joint-product.yaml'),
      'p/owners.yaml': 'owners: [ana, bo]\n',
      'p/list.yaml': '- a\n- b\n',
      'p/empty.yaml': '# nothing yet\n',
      'p/no-version.yaml': 'partner: { name: Someone }\n',
      'p/broken-yaml.yaml': 'owners: [ana\n',
    });
    const r = run(['check', 'p', '--format', 'json', ...TODAY], { cwd: dir });
    expect(r.code).toBe(2);
    const report = json(r.stdout);
    expect(report.partners.map((p) => p.file)).toEqual(['p/fixpoint.yaml']);
    // A profile without its version, and YAML that does not parse, may be profiles: reported.
    expect(report.problems.map((p) => p.file).sort()).toEqual(['p/broken-yaml.yaml', 'p/no-version.yaml']);
    const named = run(['check', 'p/owners.yaml', 'p/fixpoint.yaml', '--format', 'json', ...TODAY], { cwd: dir });
    expect(named.code).toBe(2);
    expect(json(named.stdout).problems.map((p) => p.file)).toEqual(['p/owners.yaml']);
  });
});

describe('no profiles found', () => {
  it('exits 2, whatever --fail-on says, unless --allow-empty', () => {
    const dir = folder({ 'profiles/.gitkeep': '', 'profiles/owners.yaml': 'owners: [ana]\n' });
    for (const failOn of ['no-go', 'never']) {
      const r = run(['check', 'profiles', '--fail-on', failOn, ...TODAY], { cwd: dir });
      expect([r.code, r.stdout], failOn).toEqual([2, '']);
      expect(r.stderr).toBe('partner-eval: no profiles found in profiles: 1 YAML file(s) without version, partner or opportunity at the top\n  hint: name the folder of the profiles (the config\'s profiles: key), or pass --allow-empty when none is right\n');
    }
    const allowed = run(['check', 'profiles', '--allow-empty', '--format', 'json', ...TODAY], { cwd: dir });
    expect([allowed.code, allowed.stderr]).toEqual([0, '']);
    expect(json(allowed.stdout).partners).toEqual([]);
    // A gate's concern: a ranking of nothing is just empty.
    expect(run(['portfolio', 'profiles', ...TODAY], { cwd: dir }).code).toBe(0);
  });

  it('counts what the config excluded, so that a too-wide exclude is plain', () => {
    const dir = folder({ '.partner-eval.yaml': 'version: 1\nexclude: ["**"]\n', 'profiles/fixpoint.yaml': example('joint-product.yaml') });
    const r = run(['check', ...TODAY], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^partner-eval: no profiles found in \.: 1 file\(s\) excluded \(exclude: of \.partner-eval\.yaml\)\n/);
  });
});
