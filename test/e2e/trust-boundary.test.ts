// A pull request controls every file of the checkout, links included. Nothing outside the
// repository may be read, and nothing read may be quoted into a report (docs/robustness.md).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, STACK_TRACE } from './exec.js';

// In the environment of every run below, so /proc/self/environ holds it; and in a file beside the
// repository. Neither may appear in any output.
const CANARY = 'canary-7f3a9e';
const env = { PE_SECRET: CANARY };
const FORMATS = ['table', 'json', 'markdown', 'github', 'sarif', 'junit', 'html'];

/** A git repository with one good profile and links out of it; a secret file beside it. */
function hostileRepository(): string {
  const outer = mkdtempSync(path.join(tmpdir(), 'pe-trust-'));
  writeFileSync(path.join(outer, 'secret.yaml'), `version: 1\npartner: { name: "${CANARY}" }\n`);
  const repo = path.join(outer, 'repo');
  mkdirSync(path.join(repo, 'profiles'), { recursive: true });
  spawnSync('git', ['init', '-q', repo]);
  writeFileSync(path.join(repo, 'profiles', 'good.yaml'), readFileSync(path.join(ROOT, 'examples', 'joint-product.yaml')));
  symlinkSync('/proc/self/environ', path.join(repo, 'profiles', 'environ.yaml'));
  symlinkSync('../../secret.yaml', path.join(repo, 'profiles', 'secret.yaml'));
  symlinkSync(outer, path.join(repo, 'outside')); // a folder link out, given as a path to check
  return repo;
}

describe('files outside the repository are never read', () => {
  const repo = hostileRepository();

  it.each(FORMATS)('check --format %s names the links and quotes nothing behind them', (format) => {
    const r = run(['check', 'profiles', '--format', format, '--fail-on', 'never'], { cwd: repo, env });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(CANARY);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout + r.stderr).toContain('links outside the repository: not read');
  });

  it('reports each link as a located problem and still judges the good profile', () => {
    const r = run(['check', 'profiles', '--format', 'json', '--fail-on', 'never'], { cwd: repo, env });
    const report = JSON.parse(r.stdout) as { partners: { id: string }[]; problems: { file: string; line: number; column: number; message: string }[] };
    expect(report.partners.map((p) => p.id)).toEqual(['good']);
    expect(report.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([
      'profiles/environ.yaml:1:1 links outside the repository: not read',
      'profiles/secret.yaml:1:1 links outside the repository: not read',
    ]);
  });

  it('refuses a folder given to check that links out of the repository', () => {
    const r = run(['check', 'outside', '--format', 'json'], { cwd: repo, env });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(CANARY);
    expect((JSON.parse(r.stdout) as { problems: { message: string }[] }).problems[0]!.message).toBe('links outside the repository: not read');
  });

  it('refuses config paths outside the repository, at their place in the config', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-trust-config-'));
    spawnSync('git', ['init', '-q', dir]);
    writeFileSync(path.join(dir, '.partner-eval.yaml'), 'version: 1\nprofiles:\n  - /\nrubric: ../../etc/passwd\n');
    const r = run(['check'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.partner-eval.yaml:3:5 profiles[0]: is outside the repository: not read');
    expect(r.stderr).toContain('.partner-eval.yaml:4:9 rubric: is outside the repository: not read');
    expect(r.stderr).not.toMatch(/root:|STACK/);
  });

  it("refuses a rubric test case's profile outside the repository", () => {
    mkdirSync(path.join(repo, 'tests'), { recursive: true });
    writeFileSync(path.join(repo, 'tests', 'leak.yaml'), 'version: 1\ncases:\n  - name: environ\n    profile: /proc/self/environ\n    expect: { verdict: GO }\n  - name: secret\n    profile: ../../secret.yaml\n    expect: { verdict: GO }\n');
    const r = run(['rubric', 'test', 'tests'], { cwd: repo, env });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(CANARY);
    expect(r.stdout).toMatch(/✗ tests\/leak\.yaml: environ\n {4}(\.\.\/)*proc\/self\/environ:1:1 is outside the repository: not read/);
    expect(r.stdout).toMatch(/✗ tests\/leak\.yaml: secret\n {4}\.\.\/secret\.yaml:1:1 is outside the repository: not read/);
  });
});

describe('the repository is its files, not its .git or what its links reach', () => {
  it('never reads .git/config (actions/checkout keeps the token there), by link or by config path', () => {
    const repo = hostileRepository();
    const token = 'eC1hY2Nlc3MtdG9rZW46Z2hzX1NFQ1JFVFRPS0VO';
    spawnSync('git', ['config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${token}`], { cwd: repo });
    symlinkSync('../.git/config', path.join(repo, 'profiles', 'cfg.yaml'));
    writeFileSync(path.join(repo, '.partner-eval.yaml'), 'version: 1\nprofiles: [profiles/good.yaml, .git/config]\n');
    for (const args of [['check', 'profiles', '--format', 'github'], ['check', '--format', 'json'], ['assess', 'profiles/good.yaml', '--opportunity', 'profiles/cfg.yaml']]) {
      const r = run(args, { cwd: repo });
      expect(r.stdout + r.stderr).not.toContain(token);
      expect(r.stdout + r.stderr).not.toContain('basic');
    }
    const r = run(['check', 'profiles', '--format', 'json', '--fail-on', 'never'], { cwd: repo });
    expect(r.stderr).toContain('.partner-eval.yaml:2:32 profiles[1]: is inside .git, which is not part of the repository: not read');
  });

  it('refuses a config file, or a --rubric path, that links out of the repository', () => {
    const repo = hostileRepository();
    symlinkSync('../secret.yaml', path.join(repo, '.partner-eval.yaml'));
    const config = run(['check', 'profiles'], { cwd: repo, env });
    expect(config.code).toBe(2);
    expect(config.stderr.split('\n')[0]).toBe('.partner-eval.yaml:1:1 links outside the repository: not read');
    unlinkSync(path.join(repo, '.partner-eval.yaml'));
    // A workflow's --rubric names a file the pull request controls.
    mkdirSync(path.join(repo, 'rubrics'));
    symlinkSync('../../secret.yaml', path.join(repo, 'rubrics', 'ours.yaml'));
    const rubric = run(['check', 'profiles/good.yaml', '--rubric', 'rubrics/ours.yaml'], { cwd: repo, env });
    expect(rubric.code).toBe(2);
    expect(rubric.stdout + rubric.stderr).not.toContain(CANARY);
    expect(rubric.stderr.split('\n')[0]).toBe('rubrics/ours.yaml:1:1 links outside the repository: not read');
  });

  it('never walks into a linked folder of rubric tests (a loop, or a link to /)', { timeout: 30_000 }, () => {
    const repo = hostileRepository();
    mkdirSync(path.join(repo, 'tests'));
    writeFileSync(path.join(repo, 'tests', 'ok.yaml'), 'version: 1\ncases:\n  - name: blank\n    partner: { name: P }\n    expect: { verdict: CONDITIONAL }\n');
    symlinkSync('..', path.join(repo, 'tests', 'loop'));
    symlinkSync('/', path.join(repo, 'tests', 'root'));
    const r = run(['rubric', 'test', 'tests'], { cwd: repo });
    expect([r.code, r.stdout]).toEqual([0, '✓ tests/ok.yaml: blank\n1 passed, 0 failed\n']);
  });
});

describe('special files are never read', () => {
  it('names a size-0 file with content (/proc) without quoting it', () => {
    for (const file of ['/proc/self/environ', '/proc/self/pagemap']) {
      const r = run(['assess', file], { env });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`${file}:1:1 expected a profile, got a special file (its size is 0, yet it has content): not read`);
    }
  });

  it('never reads a device or waits on a pipe, as a profile or as a rubric', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-trust-fifo-'));
    spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    expect(run(['assess', '/dev/zero']).stderr.split('\n')[0]).toBe('/dev/zero:1:1 expected a profile, got a device: not read');
    expect(run(['assess', path.join(dir, 'pipe.yaml')]).stderr).toMatch(/pipe\.yaml:1:1 expected a profile, got a named pipe: not read\n/);
    const rubric = run(['assess', 'examples/acme.yaml', '--rubric', '/dev/zero']);
    expect(rubric.code).toBe(2);
    expect(rubric.stderr).toMatch(/^(\.\.\/)*\/?dev\/zero:1:1 expected a rubric file, got a device: not read\n/);
    const piped = run(['assess', 'examples/acme.yaml', '--rubric', path.join(dir, 'pipe.yaml')]);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/expected a rubric file, got a named pipe: not read/);
  });

  it('quotes a short excerpt of a top-level scalar, never all of it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-trust-scalar-'));
    writeFileSync(path.join(dir, 'x.yaml'), `${'A'.repeat(80)}${CANARY}\n`);
    const r = run(['assess', 'x.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain(CANARY);
    expect(r.stderr).toMatch(/^x\.yaml:1:1 expected a map with version and partner or opportunity, got "A{56}\.\.\."\n/);
  });
});

describe('--changed-since reads base revisions within the same bound', () => {
  it('names a base-revision file over 1 MB instead of reading it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-trust-base-'));
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    writeFileSync(path.join(dir, 'big.yaml'), `version: 1\npartner: { name: Big }\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    git('add', '.');
    git('commit', '-qm', 'big');
    writeFileSync(path.join(dir, 'big.yaml'), readFileSync(path.join(ROOT, 'examples', 'joint-product.yaml')));
    const r = run(['check', '.', '--changed-since', 'HEAD', '--format', 'json', '--fail-on', 'never'], { cwd: dir });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const report = JSON.parse(r.stdout) as { transitions: { key: string; change: string }[] };
    // The base could not be judged, so the partner and its deal read as new: no 2 MB comparison.
    expect(report.transitions.map((t) => t.change)).toEqual(['new', 'new']);
  });
});
