// Every command's --help says what it does and shows how to run it (cli.md: "Every command has
// `--help` with an example"); the reporting commands take cli.md's common options.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram, run, type Io } from '../../src/cli.js';
import { REPORTERS } from '../../src/report/index.js';

function io(out: string[]): Io {
  return { stdout: (text) => void out.push(text), stderr: (text) => void out.push(text), env: {}, isTTY: false };
}

/** Every command by the words that run it: `assess`, `rubric`, `rubric test`… */
function commandLines(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((c) => [[...prefix, c.name()], ...commandLines(c, [...prefix, c.name()])]);
}

const program = buildProgram(io([]), () => undefined);
const find = (words: string[]) => words.reduce<Command>((c, word) => c.commands.find((sub) => sub.name() === word)!, program);

async function help(words: string[]): Promise<{ code: number; text: string }> {
  const out: string[] = [];
  const code = await run([...words, '--help'], io(out));
  return { code, text: out.join('') };
}

describe('the commands', () => {
  const lines = commandLines(program);

  it('are the commands of cli.md', () => {
    expect(lines.map((words) => words.join(' '))).toEqual(['assess', 'check', 'interview', 'explain', 'rules', 'rubric', 'rubric test', 'rubric lint', 'schema', 'portfolio', 'backtest', 'init']);
  });

  it('each say in --help what they do, and each that runs shows an example of itself', async () => {
    for (const words of lines) {
      const command = find(words);
      const { code, text } = await help(words);
      expect(code, words.join(' ')).toBe(0);
      expect(command.description(), words.join(' ')).not.toBe('');
      // Help wraps long lines at the terminal's width.
      expect(text.replace(/\s+/g, ' ')).toContain(` ${command.description()} `);
      if (command.commands.length > 0) continue;
      const examples = [...text.matchAll(/^ {2}\$ (.*)$/gm)].map((m) => m[1]!);
      expect(examples.length, words.join(' ')).toBeGreaterThan(0);
      for (const example of examples) expect(example.startsWith(`partner-eval ${words.join(' ')}`), example).toBe(true);
    }
  });

  it('that report take the options common to reporting commands, every format among them', () => {
    for (const name of ['assess', 'check']) {
      const command = find([name]);
      expect(command.options.map((o) => o.long)).toEqual(expect.arrayContaining(['--rubric', '--format', '--fail-on', '--output', '--verbose', '--quiet', '--today']));
      expect(command.options.find((o) => o.long === '--format')?.argChoices).toEqual(Object.keys(REPORTERS));
      expect(command.options.find((o) => o.long === '--fail-on')?.argChoices).toEqual(['no-go', 'conditional', 'unknown', 'never', 'worse']);
    }
  });
});

describe('--help', () => {
  // Every variable the command line reads from the environment (its own tests' PARTNER_EVAL_WORKERS aside).
  const source = readFileSync(path.join(import.meta.dirname, '..', '..', 'src', 'cli.ts'), 'utf8');
  const variables = [...new Set([...source.matchAll(/\benv\.([A-Z_]+)/g)].map((m) => m[1]!))].filter((name) => name !== 'PARTNER_EVAL_WORKERS');

  it('of the program and of each reporting command says the exit codes and every environment variable read', async () => {
    expect(variables.sort()).toEqual(['CI', 'FORCE_COLOR', 'GITHUB_STEP_SUMMARY', 'NO_COLOR']);
    for (const words of [[], ['check'], ['assess']]) {
      const { code, text } = await help(words);
      expect(code).toBe(0);
      const exitCodes = /\nExit codes:\n((?: {2}.*\n)+)/.exec(text)?.[1] ?? '';
      expect([...exitCodes.matchAll(/^ {2}(\d) /gm)].map((m) => m[1]), words.join(' ')).toEqual(['0', '1', '2']);
      // The one level that never fails a run still exits 2 on what it cannot judge.
      expect(exitCodes.replace(/\s+/g, ' '), words.join(' ')).toContain('whatever --fail-on says, never included');
      const environment = /\nEnvironment:\n((?: {2}.*\n?)+)/.exec(text)?.[1] ?? '';
      expect([...environment.matchAll(/^ {2}([A-Z_]+) /gm)].map((m) => m[1]).sort(), words.join(' ')).toEqual(variables.sort());
    }
  });

  it('of --fail-on says that invalid files exit 2 whatever the level', async () => {
    const { text } = await help(['check']);
    expect(text.replace(/\s+/g, ' ')).toMatch(/--fail-on <level> exit 1 when a verdict reaches this level \(default: config, else no-go\); a file that cannot be judged exits 2 at every level, never included/);
  });
});
