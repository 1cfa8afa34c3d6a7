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
        // Objects (a try-and-buy's `{}`) are matched by value for the default, not by identity.
        const choices = question.choices.map((c, i) => ({ name: c.name, value: i }));
        const preset = question.default === undefined ? -1 : question.choices.findIndex((c) => c.value !== DONT_KNOW && JSON.stringify(c.value) === JSON.stringify(question.default));
        const index = await run(() => select({ message: question.message, choices, ...(preset >= 0 ? { default: preset } : {}) }, { signal: controller.signal }));
        return question.choices[index]!.value;
      }
      const text = await run(() =>
        input(
          {
            message: question.message,
            ...(question.default !== undefined ? { default: question.default } : {}),
            validate: (value) => {
              if (value.trim() === '') return question.required ? 'an answer is needed here' : true;
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
