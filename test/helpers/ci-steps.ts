// Running what a CI file says, as its runner would, on this machine and offline: `run:` scripts
// verbatim in bash, `${{ }}` expressions of their `env:` from a table the test gives (an
// expression the table lacks fails the test, so a new one cannot go untested), and
// actions/github-script's `script:` against a GitHub client that keeps comments in memory.
import { spawnSync } from 'node:child_process';
import fs, { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string | number | boolean>;
  with?: Record<string, string | number | boolean>;
}

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `text` with each `${{ expression }}` replaced from `values`. */
export function expand(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const value = values[expression];
    if (value === undefined) throw new Error(`no value given for the expression \${{ ${expression} }}`);
    return value;
  });
}

/** Each env entry expanded: what the runner puts in the step's environment. */
export function stepEnv(env: Record<string, string | number | boolean> | undefined, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env ?? {}).map(([key, value]) => [key, expand(String(value), values)]));
}

/**
 * The environment a step runs in: this one without npm's own variables (vitest may run under
 * `npm test`, whose npm_config_* would reach the npm of the step), offline, with what is given.
 */
export function offlineEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^npm_/i.test(key) && !/^(GITHUB|RUNNER|CI_|GITLAB)/.test(key)) env[key] = value;
  return { ...env, NO_COLOR: '1', npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extra };
}

/** Runs `script` as the runner runs a `run:` (GitHub: `bash -e {0}`; a composite action's `shell: bash` adds pipefail). */
export function runScript(script: string, options: { cwd: string; env: Record<string, string>; shell?: string; timeout?: number }): Result {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pe-step-')), 'step.sh');
  writeFileSync(file, script);
  const shell = options.shell === 'bash' ? ['--noprofile', '--norc', '-eo', 'pipefail'] : ['-e'];
  const r = spawnSync('bash', [...shell, file], { cwd: options.cwd, env: options.env, encoding: 'utf8', timeout: options.timeout ?? 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

/** Runs an actions/github-script script with `github` as a client whose issue comments are `comments`. */
export async function runGithubScript(script: string, options: { cwd: string; comments: Comment[]; issue: number }): Promise<void> {
  let next = Math.max(0, ...options.comments.map((c) => c.id)) + 1;
  const rest = {
    issues: {
      listComments: (params: { issue_number: number }) => {
        if (params.issue_number !== options.issue) throw new Error(`listComments of #${params.issue_number}`);
        return options.comments;
      },
      updateComment: (params: { comment_id: number; body: string }) => {
        const comment = options.comments.find((c) => c.id === params.comment_id);
        if (!comment || comment.user.login !== 'github-actions[bot]') throw new Error(`403: github-actions[bot] may not edit comment ${params.comment_id}`);
        comment.body = params.body;
      },
      createComment: (params: { issue_number: number; body: string }) => {
        if (params.issue_number !== options.issue) throw new Error(`createComment on #${params.issue_number}`);
        options.comments.push({ id: next++, body: params.body, user: { login: 'github-actions[bot]', type: 'Bot' } });
      },
    },
  };
  const github = { rest, paginate: (method: (params: never) => Comment[], params: never) => Promise.resolve(method(params)) };
  const context = { repo: { owner: 'acme', repo: 'partners' }, issue: { owner: 'acme', repo: 'partners', number: options.issue } };
  // github-script runs in the workspace: its require resolves from there, and a relative path names
  // a file there. Workers cannot chdir (Stryker runs tests in threads), so the script's fs is one
  // whose relative paths are the workspace's.
  const workspaceRequire = createRequire(path.join(options.cwd, 'package.json'));
  const require = (id: string): unknown => (id === 'fs' || id === 'node:fs' ? inWorkspace(fs, options.cwd) : workspaceRequire(id));
  // The constructor of async functions, as github-script wraps its script in one.
  const AsyncFunction = (Object.getPrototypeOf(async function () {}) as { constructor: new (...args: string[]) => (...values: unknown[]) => Promise<unknown> }).constructor;
  await new AsyncFunction('require', 'github', 'context', 'core', script)(require, github, context, {});
}

/** `fs` with each function's relative path argument taken from `cwd`. */
function inWorkspace(module: typeof fs, cwd: string): typeof fs {
  return new Proxy(module, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (first: unknown, ...rest: unknown[]) => (value as (...args: unknown[]) => unknown).call(target, typeof first === 'string' && !path.isAbsolute(first) ? path.join(cwd, first) : first, ...rest);
    },
  });
}
