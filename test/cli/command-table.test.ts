// Every command's --help says what it does and shows how to run it (cli.md: "Every command has
// `--help` with an example"); the reporting commands take cli.md's common options.
import type { Command } from 'commander';
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
      expect(command.options.find((o) => o.long === '--fail-on')?.argChoices).toEqual(['no-go', 'conditional', 'unknown', 'never']);
    }
  });
});
