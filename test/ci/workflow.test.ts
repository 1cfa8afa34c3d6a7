// The CI files partner-eval gives a team (issue 14): the workflow `init` writes, the composite
// action, the pre-commit hooks and the GitLab template. Here: what they are made of, actionlint,
// the README showing them, and the pull-request comment's script against an in-memory GitHub. Their
// commands are run on a scaffolded repository with the packed package in test/e2e/install.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { init } from '../../src/commands/init.js';
import { actionlint } from '../helpers/actionlint.js';
import { runGithubScript, type Comment, type Step } from '../helpers/ci-steps.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Job {
  name?: string;
  if?: string;
  needs?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
const WORKFLOW_TEXT = read('ci/github-workflow.yml');
const workflow = parse(WORKFLOW_TEXT) as { permissions: unknown; on: unknown; jobs: Record<string, Job> };
const action = parse(read('action.yml')) as { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } };

/** The fenced blocks of the README's "In CI" section, keyed by their first line. */
function readmeBlocks(): Map<string, string> {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('\n## In CI\n'), readme.indexOf('\n## Writing a profile\n'));
  const blocks = new Map<string, string>();
  for (const match of section.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)) {
    const body = match[1]!;
    blocks.set(body.slice(0, body.indexOf('\n')), body.slice(body.indexOf('\n') + 1));
  }
  return blocks;
}

const COMMENT_SCRIPT = (steps: Step[]) => String(steps.find((s) => s.uses?.startsWith('actions/github-script@'))?.with?.['script']);

describe('the workflow init writes', () => {
  it('is ci/github-workflow.yml, which the README shows whole', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-workflow-'));
    expect(init({ dir }, () => undefined)).toBe(0);
    expect(readFileSync(path.join(dir, '.github/workflows/partner-eval.yml'), 'utf8')).toBe(WORKFLOW_TEXT);
    expect(readmeBlocks().get('# .github/workflows/partner-eval.yml')).toBe(WORKFLOW_TEXT);
  });

  it('passes actionlint, which finds what is wrong in a workflow', async () => {
    expect(await actionlint(WORKFLOW_TEXT, 'partner-eval.yml')).toEqual([]);
    // The linter is really there: a misspelt permission and an action too old to run.
    const broken = WORKFLOW_TEXT.replace('contents: read', 'contents: raed').replace('actions/checkout@v7', 'actions/checkout@v2');
    expect((await actionlint(broken, 'broken.yml')).join('\n')).toMatch(/"raed" is invalid for permission[\s\S]*actions\/checkout@v2" action is too old/);
  }, 60_000);

  it('installs from the lock file and runs current runtimes and actions', () => {
    expect(WORKFLOW_TEXT).not.toMatch(/npx --yes|npx -y|partner-eval@|npm install|npm i\b/);
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    // No install script runs: a pull request may change package.json.
    for (const run of runs) expect(run).toMatch(/^(npm ci --ignore-scripts|npx partner-eval .*)$/);
    // Every job that runs partner-eval installs it first.
    for (const job of Object.values(workflow.jobs)) {
      const commands = job.steps.flatMap((s) => (s.run ? [s.run] : []));
      if (commands.length > 0) expect(commands[0]).toBe('npm ci --ignore-scripts');
    }
    const uses = [...new Set(steps.flatMap((s) => (s.uses ? [s.uses] : [])))].sort();
    expect(uses).toEqual(['actions/checkout@v7', 'actions/download-artifact@v8', 'actions/github-script@v8', 'actions/setup-node@v7', 'actions/upload-artifact@v7', 'github/codeql-action/upload-sarif@v4']);
    for (const step of steps.filter((s) => s.uses?.startsWith('actions/setup-node@'))) expect(step.with).toEqual({ 'node-version': 24 });
    for (const step of steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(step.with?.['persist-credentials']).toBe(false);
  });

  it('grants each job only what it needs', () => {
    expect(workflow.permissions).toEqual({});
    const permissions = Object.fromEntries(Object.entries(workflow.jobs).map(([id, job]) => [id, job.permissions]));
    expect(permissions).toEqual({
      'pull-request': { contents: 'read' },
      comment: { 'pull-requests': 'write' },
      check: { contents: 'read' },
      'code-scanning': { contents: 'read', 'security-events': 'write', actions: 'read' },
    });
    // The job that may write to the pull request runs none of its code: no checkout, no npm.
    expect(workflow.jobs['comment']!.steps.map((s) => s.uses)).toEqual(['actions/download-artifact@v8', 'actions/github-script@v8']);
  });

  it('judges a pull request on what it changes, from the merge base, and main in full', () => {
    const pr = workflow.jobs['pull-request']!;
    expect(pr.if).toBe("github.event_name == 'pull_request'");
    // The base branch's name through the environment, never pasted into a script.
    expect(pr.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
    expect(pr.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    // One judgement: the annotations and the comment's markdown come from the same run.
    expect(pr.steps.map((s) => s.run).filter((run) => run?.includes('partner-eval check'))).toEqual(['npx partner-eval check --changed-since "origin/$BASE_REF" --fail-on worse --format github --output-format markdown=partner-eval.md']);
    expect(workflow.jobs['check']!.if).toBe("github.event_name != 'pull_request'");
    expect(workflow.jobs['check']!.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci --ignore-scripts', 'npx partner-eval rubric test rubrics/tests', 'npx partner-eval check --format github']);
  });

  it('leaves the comment and code scanning to opt in, and skips both on forks', () => {
    const sameRepository = 'github.event.pull_request.head.repo.full_name == github.repository';
    expect(workflow.jobs['comment']!.if).toContain("vars.PARTNER_EVAL_COMMENT == 'true'");
    expect(workflow.jobs['comment']!.if).toContain(sameRepository);
    expect(workflow.jobs['code-scanning']!.if).toBe(`vars.PARTNER_EVAL_SARIF == 'true' && (github.event_name != 'pull_request' || ${sameRepository})`);
    // It says what it needs where a person reads it: the job's name and the comment above it.
    expect(workflow.jobs['code-scanning']!.name).toBe('Code scanning (needs GitHub Advanced Security on a private repository)');
    expect(WORKFLOW_TEXT).toMatch(/# Opt-in \(PARTNER_EVAL_SARIF\)[^\n]*\n#?[^\n]*GitHub Advanced Security[\s\S]*deal figures[\s\S]*Not on pull requests from forks/);
  });
});

describe('the pull-request comment', () => {
  const script = COMMENT_SCRIPT(workflow.jobs['comment']!.steps);

  it('is the same script in the workflow and in the action', () => {
    expect(script).toMatch(/<!-- partner-eval -->/);
    expect(COMMENT_SCRIPT(action.runs.steps)).toBe(script);
  });

  it('is one comment, found by its hidden marker and edited in place; nobody else\'s comment is touched', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-comment-'));
    const comments: Comment[] = [
      { id: 1, body: 'Looks fine to me', user: { login: 'alice', type: 'User' } },
      // A person quoting the marker: not ours, never edited.
      { id: 2, body: '<!-- partner-eval -->\nquoted', user: { login: 'mallory', type: 'User' } },
    ];
    writeFileSync(path.join(dir, 'partner-eval.md'), '## partner-eval: first run\n');
    await runGithubScript(script, { cwd: dir, comments, issue: 7 });
    writeFileSync(path.join(dir, 'partner-eval.md'), '## partner-eval: second run\n');
    await runGithubScript(script, { cwd: dir, comments, issue: 7 });
    expect(comments.map((c) => [c.id, c.user.login, c.body])).toEqual([
      [1, 'alice', 'Looks fine to me'],
      [2, 'mallory', '<!-- partner-eval -->\nquoted'],
      [3, 'github-actions[bot]', '<!-- partner-eval -->\n## partner-eval: second run\n'],
    ]);
  });

  it('stays within GitHub\'s 65,536 characters, saying where the rest is', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-comment-'));
    writeFileSync(path.join(dir, 'partner-eval.md'), `${'| row |\n'.repeat(20_000)}`);
    const comments: Comment[] = [];
    await runGithubScript(script, { cwd: dir, comments, issue: 7 });
    expect(comments[0]!.body.length).toBeLessThanOrEqual(65_536);
    expect(comments[0]!.body).toMatch(/\(cut at GitHub's limit on a comment: the job summary has the rest\)\n$/);
  });
});

describe('the composite action', () => {
  it('has the inputs the README lists, and runs the lock file\'s partner-eval', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['paths', 'rubric', 'fail-on', 'changed-since', 'comment', 'github-token']);
    const readme = read('README.md');
    for (const input of Object.keys(action.inputs)) expect(readme).toContain(`| \`${input}\` |`);
    const scripts = action.runs.steps.flatMap((s) => (s.run ? [s.run] : [])).join('\n');
    expect(scripts).not.toMatch(/npx --yes|partner-eval@|^\s*npm (install|i) /m);
    expect(scripts).toContain('npx --no-install partner-eval check');
    // Inputs reach the scripts through the environment, never pasted into them.
    expect(scripts).not.toContain('${{');
  });

  it('is used in the README in a workflow that passes actionlint', async () => {
    const example = readmeBlocks().get('# .github/workflows/partners.yml');
    expect(example).toMatch(/uses: partner-eval\/partner-eval@v/);
    expect(await actionlint(example!, 'partners.yml')).toEqual([]);
  }, 60_000);
});

describe('pre-commit and GitLab', () => {
  it('the README configures the hooks .pre-commit-hooks.yaml defines, each on the lock file\'s partner-eval', () => {
    const hooks = parse(read('.pre-commit-hooks.yaml')) as { id: string; entry: string; language: string; files: string; pass_filenames?: boolean }[];
    expect(hooks.map((h) => h.id)).toEqual(['partner-eval', 'partner-eval-rubric']);
    for (const hook of hooks) expect([hook.language, hook.entry]).toEqual(['system', expect.stringMatching(/^npx --no-install partner-eval /)]);
    const config = parse(readmeBlocks().get('# .pre-commit-config.yaml')!) as { repos: { hooks: { id: string }[] }[] };
    expect(config.repos[0]!.hooks.map((h) => h.id)).toEqual(hooks.map((h) => h.id));
    // Only profile files are passed to check.
    const files = new RegExp(hooks[0]!.files);
    expect(['profiles/acme.yaml', 'profiles/deals/x.yml', 'rubrics/ours.yaml', '.github/workflows/partner-eval.yml', 'package.json'].filter((f) => files.test(f))).toEqual(['profiles/acme.yaml', 'profiles/deals/x.yml']);
  });

  it('the GitLab template reads JUnit and keeps the markdown report, and the README includes it', () => {
    const gitlab = parse(read('ci/gitlab.yml')) as Record<string, { extends?: string; script?: string[]; artifacts?: { reports?: { junit?: string }; paths?: string[] } }>;
    expect(gitlab['.partner-eval']!.artifacts).toMatchObject({ reports: { junit: 'partner-eval.xml' }, paths: ['partner-eval.md'] });
    expect(gitlab['partner-eval:merge-request']!.script!.join('\n')).toContain('--changed-since "$CI_MERGE_REQUEST_DIFF_BASE_SHA"');
    expect(readmeBlocks().get('# .gitlab-ci.yml')).toMatch(/remote: https:\/\/\S+\/ci\/gitlab\.yml\n/);
  });
});
