// The pull-request gate, end to end: `check --changed-since <rev> --fail-on worse` in throwaway git
// repositories with a main branch and a branch off it, as a pull request sees them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT, run, STACK_TRACE } from './exec.js';

const TODAY = ['--today', '2026-11-22'];
const example = (name: string) => readFileSync(path.join(ROOT, 'examples', name), 'utf8');
/** GO, with one medium flag (missing-backlink): a rubric that raises that rule to blocker makes it NO-GO. */
const BRIGHTLINE = example('cabling-specialist.yaml').replace('marketing: { mentionsUs: false', 'marketing: { mentionsUs: true, linksToUs: false, listsUsAsPartner: false');
const ACME = example('acme.yaml'); // NO-GO
const CONFIG = 'version: 1\nprofiles: profiles/\nrubric: ./rubrics/ours.yaml\n';
const OURS = 'version: 1\nname: ours\nextends: [./base.yaml]\nrules: []\n';
const BASE = 'version: 1\nname: base\nextends: [default]\nrules: []\n';
const RAISE = (severity: string) => `version: 1\nname: base\nextends: [default]\nrules:\n  - id: missing-backlink\n    severity: ${severity}\n`;

function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

function write(dir: string, files: Record<string, string | null>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (content === null) rmSync(file);
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
}

/** A repository whose main branch holds `files`, checked out on a new branch `pr`. */
function repo(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-gate-'));
  git(dir, 'init', '-q');
  write(dir, { '.partner-eval.yaml': CONFIG, 'rubrics/ours.yaml': OURS, 'rubrics/base.yaml': BASE, 'profiles/brightline.yaml': BRIGHTLINE, 'profiles/acme.yaml': ACME, ...files });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'main');
  git(dir, 'checkout', '-qb', 'pr');
  return dir;
}

function commit(dir: string, files: Record<string, string | null>, message = 'change'): void {
  write(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', message);
}

interface Json {
  changedSince: { commit: string; mergeBase: string; changedFiles: string[]; renamed: { from: string; to: string }[]; rubricChanged: boolean; configChanged: boolean; invalidBefore: string[]; baseProblem?: string };
  transitions: { key: string; change: string; before: string | null; after: string | null; renamedFrom?: string }[];
  partners: { id: string }[];
  problems: { file: string }[];
}

const gate = (dir: string, ...more: string[]) => run(['check', '--changed-since', 'main', '--fail-on', 'worse', ...TODAY, ...more], { cwd: dir });
const json = (dir: string) => JSON.parse(gate(dir, '--format', 'json').stdout) as Json;
const changes = (report: Json) => report.transitions.map((t) => `${t.key} ${t.change}`);

describe('check --changed-since --fail-on worse', () => {
  it('passes a branch that only edits a comment in a NO-GO profile, which a plain check fails', () => {
    const dir = repo();
    commit(dir, { 'profiles/acme.yaml': `# Reviewed again in November: nothing new.\n${ACME}` });
    const r = gate(dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^Since main: 1 changed file\(s\), 0 change\(s\) of verdict\n {2}= Acme Storage: NO-GO, unchanged\n/);
    // The same report, without the gate: a NO-GO is on file, so the run fails.
    expect(run(['check', '--changed-since', 'main', ...TODAY], { cwd: dir }).code).toBe(1);
  });

  it('fails a branch that makes a partner worse, and names it', () => {
    const dir = repo();
    commit(dir, { 'profiles/brightline.yaml': BRIGHTLINE.replace('valueGrabAttempts: 0', 'valueGrabAttempts: 2'), 'profiles/acme.yaml': `# a comment\n${ACME}` });
    const r = gate(dir);
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(r.stdout).toMatch(/^ {2}▼ Brightline Cabling: GO → NO-GO, because value-grab \(blocker\) is flagged/m);
    const github = gate(dir, '--format', 'github');
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::error file=profiles\/brightline\.yaml,line=\d+,col=\d+,title=partner-eval%3A Brightline Cabling GO → NO-GO::Brightline Cabling: GO → NO-GO, because value-grab/m);
  });

  it('shows the verdicts that raising a rule\'s severity changes, when the branch touches only a rubric the repository\'s rubric extends', () => {
    const dir = repo();
    commit(dir, { 'rubrics/base.yaml': RAISE('blocker') });
    const r = gate(dir);
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(r.stdout).toMatch(/^Since main: 0 changed file\(s\), the rubric changed, 1 change\(s\) of verdict\n {2}▼ Brightline Cabling: GO → NO-GO, because missing-backlink \(blocker\) is flagged: /);
    const report = json(dir);
    expect(report.changedSince).toMatchObject({ changedFiles: [], rubricChanged: true, configChanged: false });
    expect(report.transitions.filter((t) => t.change !== 'unchanged').map((t) => `${t.key} ${t.before} → ${t.after}`)).toEqual(['brightline GO → NO-GO']);
    // A full check agrees: one more NO-GO than on main.
    const full = (cwd: string) => (JSON.parse(run(['check', '--format', 'json', ...TODAY], { cwd }).stdout) as { summary: { noGo: number } }).summary.noGo;
    const after = full(dir);
    git(dir, 'checkout', '-q', 'main');
    expect(after).toBe(full(dir) + 1);
  });

  it('judges the base with the base config\'s rubric when the branch switches rubrics in the config', () => {
    const dir = repo({ 'rubrics/strict.yaml': RAISE('blocker').replace('name: base', 'name: strict') });
    commit(dir, { '.partner-eval.yaml': CONFIG.replace('./rubrics/ours.yaml', './rubrics/strict.yaml') });
    const report = json(dir);
    expect(report.changedSince).toMatchObject({ rubricChanged: true, configChanged: true });
    expect(report.transitions.filter((t) => t.change !== 'unchanged').map((t) => `${t.key} ${t.change}`)).toEqual(['brightline worse']);
    // The rubric file is not a profile, at either revision.
    expect(report.problems).toEqual([]);
  });

  it('reports a renamed file as a rename, not a deletion and a new partner, and fails it only if it also got worse', () => {
    const dir = repo();
    git(dir, 'mv', 'profiles/acme.yaml', 'profiles/acme-storage.yaml');
    git(dir, 'commit', '-qm', 'rename');
    const r = gate(dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^ {2}→ Acme Storage: renamed from profiles\/acme\.yaml, NO-GO$/m);
    const report = json(dir);
    expect(report.changedSince.renamed).toEqual([{ from: 'profiles/acme.yaml', to: 'profiles/acme-storage.yaml' }]);
    expect(report.transitions.map((t) => `${t.key} ${t.change} ${t.renamedFrom}`)).toEqual(['acme-storage renamed profiles/acme.yaml', 'acme-storage/university-cluster renamed profiles/acme.yaml']);
    const markdown = gate(dir, '--format', 'markdown');
    expect(markdown.stdout).toContain('- 🔀 Acme Storage: renamed from profiles/acme.yaml, NO-GO\n');
    expect(markdown.stdout).not.toMatch(/🆕|🗑️/);

    git(dir, 'mv', 'profiles/brightline.yaml', 'profiles/brightline-cabling.yaml');
    commit(dir, { 'profiles/brightline-cabling.yaml': BRIGHTLINE.replace('valueGrabAttempts: 0', 'valueGrabAttempts: 2') });
    const worse = gate(dir);
    expect(worse.code).toBe(1);
    expect(worse.stdout).toMatch(/^ {2}▼ Brightline Cabling: GO → NO-GO \(renamed from profiles\/brightline\.yaml\), because value-grab/m);
    expect(json(dir).transitions.find((t) => t.key === 'brightline-cabling')).toMatchObject({ change: 'worse', renamedFrom: 'profiles/brightline.yaml' });
  });

  it('compares with the merge base: what main did after the branch point is not the branch\'s change', () => {
    const dir = repo();
    commit(dir, { 'profiles/acme.yaml': `# a comment\n${ACME}` });
    git(dir, 'checkout', '-q', 'main');
    commit(dir, { 'profiles/brightline.yaml': BRIGHTLINE.replace('valueGrabAttempts: 0', 'valueGrabAttempts: 2'), 'profiles/newco.yaml': 'version: 1\npartner: { name: Newco, conduct: { valueGrabAttempts: 3 } }\n', 'rubrics/base.yaml': RAISE('blocker') }, 'main moves on');
    git(dir, 'checkout', '-q', 'pr');
    const r = gate(dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const report = json(dir);
    expect(report.changedSince.mergeBase).not.toBe(report.changedSince.commit);
    expect(report.changedSince).toMatchObject({ changedFiles: ['profiles/acme.yaml'], rubricChanged: false });
    expect(changes(report)).toEqual(['acme unchanged', 'acme/university-cluster unchanged']);
    expect(r.stdout).toMatch(/^Since main \(its merge base with HEAD, [0-9a-f]{12}\): 1 changed file\(s\), 0 change\(s\) of verdict\n/);
  });

  it('fails a new partner at NO-GO, and one at the config\'s failOn when it says conditional', () => {
    const dir = repo();
    const quiet = 'version: 1\npartner: { name: Quiet }\n'; // nothing known: CONDITIONAL
    commit(dir, { 'profiles/quiet.yaml': quiet });
    expect(gate(dir).code).toBe(0);
    expect(changes(json(dir))).toEqual(['quiet new']);
    commit(dir, { '.partner-eval.yaml': `${CONFIG}failOn: conditional\n` });
    expect(gate(dir).code).toBe(1);
    commit(dir, { '.partner-eval.yaml': CONFIG, 'profiles/newco.yaml': 'version: 1\npartner: { name: Newco, conduct: { valueGrabAttempts: 3 } }\n' });
    const r = gate(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}\+ Newco: new, NO-GO, because value-grab \(blocker\) is flagged/m);
  });

  it('exits 2 for a file that became invalid, not for one that was invalid at the merge base and still is', () => {
    const broken = 'version: 1\npartner: { name: Broken, type: shop }\n';
    const dir = repo({ 'profiles/broken.yaml': broken });
    commit(dir, { 'profiles/broken.yaml': `# still to be fixed\n${broken}` });
    const still = gate(dir);
    expect([still.code, still.stderr]).toEqual([0, '']);
    expect(still.stdout).toContain('profiles/broken.yaml:3:32 partner.type: expected one of');
    expect(json(dir).changedSince.invalidBefore).toEqual(['profiles/broken.yaml']);
    // Without the gate, any problem of a changed file is exit 2, as before.
    expect(run(['check', '--changed-since', 'main', ...TODAY], { cwd: dir }).code).toBe(2);
    commit(dir, { 'profiles/brightline.yaml': BRIGHTLINE.replace('type: specialty', 'type: shop') });
    const became = gate(dir);
    expect(became.code).toBe(2);
    expect(became.stdout).toContain('profiles/brightline.yaml:10:9 partner.type: expected one of');
    expect(json(dir).changedSince.invalidBefore).toEqual(['profiles/broken.yaml']);
  });

  it('reads every partner as new, and says why, when the merge base cannot be judged', () => {
    const dir = repo({ 'rubrics/base.yaml': 'version: 1\nname: base\nextends: [default]\nrules:\n  - id: missing-backlink\n    severity: fatal\n' });
    commit(dir, { 'rubrics/base.yaml': BASE });
    const r = gate(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ {2}The base could not be judged, so every partner reads as new: main: its rubric could not be compiled: rubrics\/base\.yaml:6:15 /m);
    const report = json(dir);
    expect(report.changedSince.baseProblem).toMatch(/^main: its rubric could not be compiled: /);
    expect(new Set(report.transitions.map((t) => t.change))).toEqual(new Set(['new']));
  });

  it('reads no link at the merge base: a rubric file that was a link there is refused, not followed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-gate-link-'));
    git(dir, 'init', '-q');
    write(dir, { '.partner-eval.yaml': CONFIG, 'rubrics/ours.yaml': OURS, 'profiles/acme.yaml': ACME });
    writeFileSync(path.join(dir, 'outside.yaml'), BASE);
    spawnSync('ln', ['-s', '../outside.yaml', path.join(dir, 'rubrics/base.yaml')]);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'main');
    git(dir, 'checkout', '-qb', 'pr');
    commit(dir, { 'rubrics/base.yaml': null });
    commit(dir, { 'rubrics/base.yaml': BASE });
    const report = json(dir);
    expect(report.changedSince.baseProblem).toMatch(/^main: its rubric could not be compiled: rubrics\/ours\.yaml:3:\d+ extends\[0\]: expected a rubric file, got a link at [0-9a-f]{12}: not read$/);
  });

  it('is a usage error without --changed-since, and on assess', () => {
    const dir = repo();
    const r = run(['check', '--fail-on', 'worse'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^partner-eval: --fail-on worse: expected --changed-since <git-rev> too: "worse" compares with a revision\n {2}hint: /);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const assess = run(['assess', 'profiles/acme.yaml', '--fail-on', 'worse'], { cwd: dir });
    expect([assess.code, assess.stdout]).toEqual([2, '']);
    expect(assess.stderr).toMatch(/^partner-eval: --fail-on worse: expected `check --changed-since <git-rev>`/);
  });

  it('says what to fetch when the revision shares no history with HEAD', () => {
    const dir = repo();
    git(dir, 'checkout', '-q', '--orphan', 'alone');
    commit(dir, { 'profiles/acme.yaml': `# a comment\n${ACME}` }, 'alone');
    const r = gate(dir);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^partner-eval: --changed-since: expected "main" and HEAD to share history, got no merge base\n {2}hint: in CI, fetch enough history: actions\/checkout with fetch-depth: 0\n$/);
  });
});

describe('the workflow init writes', () => {
  /** A `run:` step of the workflow by name, with the `if:` of the job that runs it. */
  const step = (workflow: string, name: string) => {
    const jobs = (parse(workflow) as { jobs: Record<string, { if?: string; steps: { name?: string; run?: string }[] }> }).jobs;
    const job = Object.values(jobs).find((j) => j.steps.some((s) => s.name === name));
    expect(job, name).toBeDefined();
    return { if: job!.if, run: job!.steps.find((s) => s.name === name)!.run! };
  };

  it('gates a pull request on what it made worse, against origin/<base>, and runs a full check on a push', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-gate-init-'));
    const origin = path.join(dir, 'origin');
    expect(run(['init', origin]).code).toBe(0);
    write(origin, { 'profiles/acme.yaml': ACME });
    git(origin, 'init', '-q');
    git(origin, 'add', '-A');
    git(origin, 'commit', '-qm', 'main');
    const workflow = readFileSync(path.join(origin, '.github/workflows/partner-eval.yml'), 'utf8');
    expect(workflow).toMatch(/uses: actions\/checkout@\S+\n {8}with:\n {10}fetch-depth: 0/);
    const pr = step(workflow, 'Check what the pull request changes');
    const push = step(workflow, 'Check partner profiles');
    expect(pr.if).toBe("github.event_name == 'pull_request'");
    expect(push.if).toBe("github.event_name != 'pull_request'");
    expect(pr.run).toContain('--fail-on worse');
    expect(push.run).not.toContain('--changed-since');
    // The clone a pull request's job has: origin/main, and a branch with a comment-only edit of a NO-GO.
    const clone = path.join(dir, 'clone');
    git(dir, 'clone', '-q', origin, clone);
    git(clone, 'checkout', '-qb', 'pr');
    commit(clone, { 'profiles/acme.yaml': `# a comment\n${ACME}` });
    const sh = (line: string, env: Record<string, string>) => spawnSync('sh', ['-c', line.replace(/^npx (--yes )?partner-eval(@\S+)? /, `"${process.execPath}" "${BIN}" `)], { cwd: clone, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
    const gated = sh(pr.run, { BASE_REF: 'main' });
    expect([gated.status, gated.stderr]).toEqual([0, '']);
    expect(gated.stdout).not.toContain('partner-eval%3A'); // no transition annotation: nothing moved
    // The push job: a full check, which fails while a NO-GO is on file.
    expect(sh(push.run, {}).status).toBe(1);
  });
});
