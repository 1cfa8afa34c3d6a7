// Runs the built binary as a user would, colour forced off unless a test sets it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'partner-eval.js');
/** The version a release states, read from package.json as npm does (not through the tool's import). */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: env, encoding: 'utf8', timeout: 15_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the binary on a pseudo-terminal (util-linux `script`), with neither NO_COLOR nor FORCE_COLOR
 * unless `env` sets one: where, as cli.md says, the report is in colour by default.
 */
export function runOnTerminal(args: string[], env: Record<string, string> = {}): Run {
  const base: Record<string, string | undefined> = { ...process.env, TERM: 'xterm', ...env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR']) if (!(key in env)) delete base[key];
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: base, encoding: 'utf8', timeout: 15_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** No stack trace ever reaches a user without --debug. */
export const STACK_TRACE = /^\s+at .+[:(]\d+/m;
