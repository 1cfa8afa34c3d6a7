// Asking a question on the terminal, through @inquirer/prompts (loaded only when asked). Ctrl-C
// and Esc both end the questionnaire: the caller has written nothing yet, and says so.
// Static imports: this module is itself loaded only when questions are asked (src/cli.ts), and a
// dynamic import of a built-in module does not survive the bundle's loader (bin/partner-eval.js).
import { input, select } from '@inquirer/prompts';
import { emitKeypressEvents } from 'node:readline';
import { DONT_KNOW, type Question } from './questions.js';

export interface Asker {
  ask(question: Question): Promise<unknown>;
}

/** Thrown when the person stops answering (Ctrl-C or Esc). */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

export function inquirerAsker(): Asker & { close(): void } {
  const controller = new AbortController();
  // Esc aborts the prompt on screen; Inquirer handles Ctrl-C itself.
  emitKeypressEvents(process.stdin);
  const onKey = (_: unknown, key: { name?: string } | undefined) => {
    if (key?.name === 'escape') controller.abort();
  };
  process.stdin.on('keypress', onKey);
  const run = async <T>(prompt: () => Promise<T>): Promise<T> => {
    try {
      return await prompt();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw new Interrupted('stopped');
      throw error;
    }
  };
  return {
    async ask(question) {
      if (question.kind === 'choice') {
        return run(() => select({ message: question.message, choices: question.choices.map((c) => ({ name: c.name, value: c.value })) }, { signal: controller.signal }));
      }
      const text = await run(() =>
        input(
          {
            message: question.message,
            validate: (value) => {
              if (value.trim() === '') return true;
              const parsed = question.parse(value);
              return 'error' in parsed ? parsed.error : true;
            },
          },
          { signal: controller.signal },
        ),
      );
      if (text.trim() === '') return DONT_KNOW;
      const parsed = question.parse(text);
      return 'value' in parsed ? parsed.value : DONT_KNOW;
    },
    close() {
      process.stdin.off('keypress', onKey);
      process.stdin.pause();
    },
  };
}
