// Adopting partner-eval as a team would (issue 14), end to end and offline: `npm pack` here, then
// in a fresh folder `init` and `npm install ../partner-eval-*.tgz`, a git history with a pull
// request on it, and every `run:` step of the generated workflow, verbatim, as the runner runs it;
// then the composite action's steps, the pre-commit hooks and the GitLab template's scripts on the
// same scaffold. `uses:` steps stand for what this machine already is: a checkout (the git
// repository), Node (this one), an artifact (the file left in place), the comment's script
// (against an in-memory GitHub), SARIF upload (the file is read back).
//
// Offline: the package needs nothing from the registry (its two runtime dependencies ship inside
// it), and every npm here runs with `offline` set. Needs a build (`npm run build`): the tarball is
// packed from dist/ without running the build again (`--ignore-scripts`), so that other test files
// reading dist/ meanwhile never see it half-written.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expand, offlineEnv, runGithubScript, runScript, stepEnv, type Comment, type Step } from '../helpers/ci-steps.js';
import { BIN, PACKAGE_VERSION, ROOT } from './exec.js';

/** check's line on stderr when the report goes to --output (one per run of check). */
const NOTE = /^partner-eval: \d+ partner\(s\): .*Exit 0: no verdict reached --fail-on [a-z-]+\. Report in [^\n]+\.\n$/;
const NOTES = /^(partner-eval: \d+ partner\(s\): .*Exit 0: no verdict reached --fail-on [a-z-]+\. Report in [^\n]+\.\n)+$/;

// pre-commit is Debian's package (`apt-get install pre-commit`); CI installs it (.ci/run) and sets
// REQUIRE_PRE_COMMIT, so that a missing one fails there instead of skipping.
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
if (!hasPreCommit && process.env['REQUIRE_PRE_COMMIT']) throw new Error('REQUIRE_PRE_COMMIT is set but pre-commit is not installed (apt-get install pre-commit)');

interface Job {
  env?: Record<string, string>;
  steps: Step[];
}

const TGZ = `partner-eval-${PACKAGE_VERSION}.tgz`;
// Each test runs a few npm and partner-eval processes: seconds each on a loaded two-core machine.
const STEPS_TIMEOUT = 120_000;
let work: string;
/** The repository as init and npm install leave it, its main branch committed. */
let origin: string;
/** A clone of it with a pull request's branch checked out, as a pull request's job has it. */
let repo: string;
let base: string;
let packed: string[];
let jobs: Record<string, Job>;

function sh(command: string, args: string[], cwd: string, env: Record<string, string> = offlineEnv()) {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
const git = (dir: string, ...args: string[]) => sh('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', ...args], dir).trim();

/** The values of the expressions the workflow's `env:` uses, as GitHub gives them on a pull request to main. */
const pullRequestEvent = () => ({ 'github.base_ref': 'main' });

/** Runs a job's `run:` steps in order, as the runner does; each must exit 0. Returns the step summary. */
function runJob(id: string): { summary: string; ran: string[] } {
  const job = jobs[id]!;
  const summary = path.join(mkdtempSync(path.join(tmpdir(), 'pe-summary-')), 'summary.md');
  writeFileSync(summary, '');
  const ran: string[] = [];
  for (const step of job.steps) {
    if (!step.run) continue;
    const env = offlineEnv({ GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: summary, ...stepEnv(job.env, pullRequestEvent()), ...stepEnv(step.env, pullRequestEvent()) });
    const r = runScript(step.run, { cwd: repo, env });
    expect([step.run, r.code, r.stderr]).toEqual([step.run, 0, r.stderr]);
    ran.push(step.run);
  }
  return { summary: readFileSync(summary, 'utf8'), ran };
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli.cjs')) || !existsSync(path.join(ROOT, 'THIRD-PARTY-NOTICES'))) throw new Error('not built: run `npm run build` first');
  work = mkdtempSync(path.join(tmpdir(), 'pe-install-'));
  const pack = JSON.parse(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT)) as { filename: string; files: { path: string }[] }[];
  expect(pack[0]!.filename).toBe(TGZ);
  packed = pack[0]!.files.map((f) => f.path).sort();
  origin = path.join(work, 'profiles-repo');
  mkdirSync(origin);
  sh(process.execPath, [BIN, 'init'], origin);
  // As the issue says it, glob and all.
  expect(runScript('npm install ../partner-eval-*.tgz', { cwd: origin, env: offlineEnv() })).toMatchObject({ code: 0 });
  sh('git', ['init', '-q', '-b', 'main'], origin);
  git(origin, 'add', '-A');
  git(origin, 'commit', '-qm', 'partner-eval init');
  base = git(origin, 'rev-parse', 'HEAD');
  // The pull request, in a clone (origin/main, no node_modules): a comment in the example profile.
  repo = path.join(work, 'clone');
  sh('git', ['clone', '-q', origin, repo], work);
  git(repo, 'checkout', '-qb', 'a-note');
  const profile = path.join(repo, 'profiles', 'example.yaml');
  writeFileSync(profile, readFileSync(profile, 'utf8').replace(/\n/, '\n# Reviewed with the partner on the phone.\n'));
  git(repo, 'commit', '-qam', 'a note on the example');
  jobs = (parse(readFileSync(path.join(repo, '.github/workflows/partner-eval.yml'), 'utf8')) as { jobs: Record<string, Job> }).jobs;
}, 180_000);

describe('partner-eval installed as a dev tool', () => {
  it('ships its licence, notices, changelog and report schema, and runs from the lock file', () => {
    for (const file of ['LICENSE', 'THIRD-PARTY-NOTICES', 'CHANGELOG.md', 'schema/report.schema.json', 'ci/github-workflow.yml', 'ci/gitlab.yml', 'dist/cli.cjs', 'bin/partner-eval.js']) expect(packed).toContain(file);
    expect(packed.filter((f) => /^(src|test|scripts)\/|^dist\/\.cache\//.test(f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(origin, 'package.json'), 'utf8')) as { private: boolean; devDependencies: Record<string, string> };
    expect(manifest).toMatchObject({ private: true, devDependencies: { 'partner-eval': `file:../${TGZ}` } });
    const lock = JSON.parse(readFileSync(path.join(origin, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(lock.packages['node_modules/partner-eval']?.version).toBe(PACKAGE_VERSION);
    // Nothing else was installed beside it: its runtime dependencies are inside it, each in the notices.
    expect(readdirSync(path.join(origin, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['partner-eval']);
    const installed = path.join(origin, 'node_modules', 'partner-eval');
    const notices = readFileSync(path.join(installed, 'THIRD-PARTY-NOTICES'), 'utf8');
    const shipped = readdirSync(path.join(installed, 'node_modules')).flatMap((n) => (n.startsWith('@') ? readdirSync(path.join(installed, 'node_modules', n)).map((m) => `${n}/${m}`) : [n]));
    expect(shipped).toContain('re2js');
    expect(shipped).toContain('@inquirer/prompts');
    for (const name of shipped) expect(notices).toMatch(new RegExp(`^${name.replace(/[/.]/g, '\\$&')} [\\d.]+ \\([^)]+\\), [^\\n]*shipped in node_modules/`, 'm'));
    // And every package src/ imports, bundled into dist/, with the version installed here.
    const imported = new Set<string>();
    for (const file of readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      for (const [, from, dynamic] of readFileSync(path.join(ROOT, 'src', file), 'utf8').matchAll(/^import (?!type )[^;]*? from '([^.'][^']*)';$|\bimport\('([^.'][^']*)'\)/gm)) {
        const spec = from ?? dynamic;
        if (spec && !spec.startsWith('node:')) imported.add(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    for (const name of imported) {
      const { version } = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      const where = ['@inquirer/prompts', 're2js'].includes(name) ? 'shipped in node_modules/' : 'bundled into dist/';
      expect(notices).toMatch(new RegExp(`^${name.replace(/[/.]/g, '\\$&')} ${version.replace(/\./g, '\\.')} \\([^)]+\\), [^\\n]*${where}`, 'm'));
    }
    expect(sh('npx', ['partner-eval', '--version'], origin).trim()).toBe(PACKAGE_VERSION);
  }, STEPS_TIMEOUT);

  it('the pull-request job: every run step, verbatim; the gate passes a comment-only edit', () => {
    const { summary, ran } = runJob('pull-request');
    expect(ran[0]).toBe('npm ci --ignore-scripts');
    expect(ran).toContain('npx partner-eval rubric test rubrics/tests');
    expect(ran.filter((run) => run.includes('--fail-on worse'))).toHaveLength(1);
    expect(summary).toMatch(/### Verdict changes since `origin\/main`[\s\S]*No verdict changed\./);
    // The opt-in comment's report, for the comment job below.
    expect(readFileSync(path.join(repo, 'partner-eval.md'), 'utf8')).toMatch(/^## partner-eval: [\s\S]*No verdict changed\./);
  }, STEPS_TIMEOUT);

  it('the comment job: the report the pull-request job left, as one comment edited in place', async () => {
    const script = String(jobs['comment']!.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!.with!['script']);
    // download-artifact puts partner-eval.md in the working folder: it is there already.
    const comments: Comment[] = [];
    await runGithubScript(script, { cwd: repo, comments, issue: 1 });
    await runGithubScript(script, { cwd: repo, comments, issue: 1 });
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^<!-- partner-eval -->\n## partner-eval: 1 partner\(s\)/);
  }, STEPS_TIMEOUT);

  it('the push job: every run step, verbatim, with the report in the step summary', () => {
    const { summary } = runJob('check');
    expect(summary).toMatch(/^## partner-eval: 1 partner\(s\): 0 NO-GO, 0 CONDITIONAL, 1 GO/);
  }, STEPS_TIMEOUT);

  it('the code-scanning job: every run step, verbatim, and a SARIF file to upload', () => {
    runJob('code-scanning');
    const upload = jobs['code-scanning']!.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    const sarif = JSON.parse(readFileSync(path.join(repo, String(upload.with!['sarif_file'])), 'utf8')) as { version: string; runs: { tool: { driver: { name: string; version: string } } }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver).toMatchObject({ name: 'partner-eval', version: PACKAGE_VERSION });
  }, STEPS_TIMEOUT);
});

describe('the composite action on the same repository', () => {
  const action = () => parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { steps: Step[] } };

  /** The action's steps with these inputs, as a composite action runs them (`shell: bash`). */
  async function runAction(inputs: Record<string, string>, cwd: string) {
    const { inputs: declared, runs } = action();
    const values: Record<string, string> = {};
    for (const [name, input] of Object.entries(declared)) values[`inputs.${name}`] = inputs[name] ?? input.default ?? '';
    const results = [];
    for (const step of runs.steps) {
      if (step.run) {
        const summary = path.join(mkdtempSync(path.join(tmpdir(), 'pe-summary-')), 'summary.md');
        results.push({ ...runScript(step.run, { cwd, shell: step.shell!, env: offlineEnv({ GITHUB_STEP_SUMMARY: summary, ...stepEnv(step.env, values) }) }), summary: readFileSync(summary, { encoding: 'utf8', flag: 'a+' }) });
        if (results.at(-1)!.code !== 0) break;
      } else if (step.uses?.startsWith('actions/github-script@') && values['inputs.comment'] === 'true') {
        expect(expand(String(step.with!['github-token']), { 'inputs.github-token': 'token' })).toBe('token');
        const comments: Comment[] = [];
        await runGithubScript(String(step.with!['script']), { cwd, comments, issue: 1 });
        expect(comments).toHaveLength(1);
      }
    }
    return results;
  }

  it('checks the paths, with the rubric and revision given, and writes the comment\'s report', async () => {
    const results = await runAction({ paths: 'profiles/example.yaml', rubric: 'rubrics/ours.yaml', 'changed-since': base, 'fail-on': 'no-go', comment: 'true' }, repo);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(results[0]!.stderr).toBe('');
    // With --output, check says on stderr what the file holds and why it exits as it does.
    expect(results[1]!.stderr).toMatch(NOTE);
    expect(results[0]!.stdout).toBe(`partner-eval ${PACKAGE_VERSION} is installed\n`);
    expect(results[1]!.summary).toMatch(/### Verdict changes since/);
    expect(readFileSync(path.join(repo, 'partner-eval.md'), 'utf8')).toMatch(/No verdict changed\./);
  }, STEPS_TIMEOUT);

  it('installs from the lock file when partner-eval is not installed, and fails on a NO-GO as fail-on says', async () => {
    const clone = path.join(work, 'clone-for-the-action');
    sh('git', ['clone', '-q', origin, clone], work);
    cpSync(path.join(ROOT, 'examples', 'acme.yaml'), path.join(clone, 'profiles', 'acme.yaml'));
    const results = await runAction({}, clone);
    expect(results[0]!.code).toBe(0);
    expect(existsSync(path.join(clone, 'node_modules', '.bin', 'partner-eval'))).toBe(true);
    expect(results[1]!.code).toBe(1);
    expect(results[1]!.stdout).toMatch(/^::error file=profiles\/acme\.yaml,/m);
    const never = await runAction({ 'fail-on': 'never' }, clone);
    expect(never[1]!.code).toBe(0);
  }, STEPS_TIMEOUT);
});

describe.runIf(hasPreCommit)('the pre-commit hooks on the same repository', () => {
  it('check the profiles being committed, and only those', () => {
    // A repository holding the hooks file as this one does (try-repo reads committed files only).
    const hooks = path.join(work, 'hooks');
    mkdirSync(hooks);
    cpSync(path.join(ROOT, '.pre-commit-hooks.yaml'), path.join(hooks, '.pre-commit-hooks.yaml'));
    sh('git', ['init', '-q'], hooks);
    sh('git', ['add', '-A'], hooks);
    sh('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', 'commit', '-qm', 'hooks'], hooks);
    const env = offlineEnv({ PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'), PRE_COMMIT_COLOR: 'never' });
    // The hooks run the repository's own partner-eval: installed, as a developer does after cloning.
    if (!existsSync(path.join(repo, 'node_modules'))) sh('npm', ['ci', '--ignore-scripts'], repo);
    // pre-commit's own checks of the hooks file and of the README's configuration.
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const config = path.join(work, 'pre-commit-config.yaml');
    writeFileSync(config, /```yaml\n# \.pre-commit-config\.yaml\n([\s\S]*?)```/.exec(readme)![1]!);
    for (const args of [['validate-manifest', path.join(ROOT, '.pre-commit-hooks.yaml')], ['validate-config', config]]) {
      const r = spawnSync('pre-commit', args, { env, encoding: 'utf8' });
      expect([args[0], r.status, r.stdout + r.stderr]).toEqual([args[0], 0, '']);
    }
    const tryRepo = (...args: string[]) => spawnSync('pre-commit', ['try-repo', hooks, ...args], { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });
    const all = tryRepo('--all-files', '--verbose');
    expect([all.status, all.stdout]).toEqual([0, expect.stringMatching(/partner-eval check\.+Passed[\s\S]*partner-eval rubric test\.+Passed/)]);
    // Only profiles are passed: the rubric, the workflow and package.json are not profiles.
    expect(all.stdout).toMatch(/1 partner\(s\): 1 GO/);
    const others = tryRepo('partner-eval', '--files', 'rubrics/ours.yaml', '.github/workflows/partner-eval.yml', 'package.json');
    expect([others.status, others.stdout]).toEqual([0, expect.stringMatching(/partner-eval check\.+\(no files to check\)Skipped/)]);
    writeFileSync(path.join(repo, 'profiles', 'broken.yaml'), 'version: 1\npartner: { name: Broken, type: nonsense }\n');
    const broken = tryRepo('partner-eval', '--files', 'profiles/broken.yaml');
    expect([broken.status, broken.stdout]).toEqual([1, expect.stringMatching(/partner-eval check\.+Failed[\s\S]*exit code: 2[\s\S]*profiles\/broken\.yaml:2:\d+ partner\.type/)]);
    spawnSync('rm', [path.join(repo, 'profiles', 'broken.yaml')]);
  }, 120_000);
});

describe('the GitLab template on the same repository', () => {
  type GitlabJob = { extends?: string; before_script?: string[]; script?: string[]; artifacts?: { paths: string[]; reports: { junit: string } } };
  const template = () => parse(readFileSync(path.join(ROOT, 'ci', 'gitlab.yml'), 'utf8')) as Record<string, GitlabJob>;

  /** A job's before_script and script, each line in one shell as GitLab's runner does, with its variables. */
  function runGitlabJob(id: string, variables: Record<string, string>) {
    const jobs = template();
    const job = { ...jobs[jobs[id]!.extends!], ...jobs[id] };
    const r = runScript([...job.before_script!, ...job.script!].join('\n'), { cwd: repo, shell: 'bash', env: offlineEnv({ GITLAB_CI: 'true', CI: 'true', ...variables }) });
    return { ...r, job };
  }

  it('a merge request: what it changes, as JUnit and the markdown report', () => {
    const r = runGitlabJob('partner-eval:merge-request', { CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_DIFF_BASE_SHA: base });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(NOTES);
    expect(readFileSync(path.join(repo, 'partner-eval.md'), 'utf8')).toMatch(/Verdict changes since/);
  }, STEPS_TIMEOUT);

  it('the default branch: every profile, as JUnit GitLab reads and the markdown report', () => {
    const r = runGitlabJob('partner-eval', { CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(NOTES);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(path.join(repo, r.job.artifacts!.reports.junit), 'utf8')) as { testsuites: unknown };
    expect(junit.testsuites).toBeDefined();
    expect(readFileSync(path.join(repo, r.job.artifacts!.paths[0]!), 'utf8')).toMatch(/^## partner-eval: 1 partner\(s\)/);
  }, STEPS_TIMEOUT);
});
