// Asking a question on the terminal, through @inquirer/prompts (loaded only when asked). Ctrl-C
// and Esc both end the questionnaire: the caller has written nothing yet, and says so.
// Static imports: this module is itself loaded only when questions are asked (src/cli.ts), and a
// dynamic import of a built-in module does not survive the bundle's loader (bin/partner-eval.js).
import { input, select } from '@inquirer/prompts';
import { emitKeypressEvents } from 'node:readline';
import { DONT_KNOW, type Question } from './questions.js';
import { forTerminal } from '../util/escape.js';

export interface Asker {
  ask(question: Question): Promise<unknown>;
}

/** Thrown when the person stops answering (Ctrl-C or Esc). */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

/**
 * The choice Enter picks: the recorded answer when there is one, else "Don't know" where that is
 * a choice, so that pressing Enter never records a fact nobody gave. Objects (a try-and-buy's
 * `{}`) are matched by value, not by identity.
 */
export function defaultChoice(question: Extract<Question, { kind: 'choice' }>): number {
  if (question.default !== undefined) {
    const recorded = question.choices.findIndex((c) => c.value !== DONT_KNOW && JSON.stringify(c.value) === JSON.stringify(question.default));
    if (recorded >= 0) return recorded;
  }
  const dontKnow = question.choices.findIndex((c) => c.value === DONT_KNOW);
  return dontKnow >= 0 ? dontKnow : 0;
}

export function inquirerAsker(): Asker & { close(): void } {
  // Esc aborts the prompt on screen; Inquirer handles Ctrl-C itself. A new controller after each
  // abort, so that the next prompt (keeping the answers given?) can still be asked.
  let controller = new AbortController();
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
      if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') {
        controller = new AbortController();
        throw new Interrupted('stopped');
      }
      throw error;
    }
  };
  return {
    async ask(question) {
      if (question.kind === 'choice') {
        // Questions and choices quote rubric texts and a profile's values: terminal-safe.
        const choices = question.choices.map((c, i) => ({ name: forTerminal(c.name), value: i }));
        const index = await run(() => select({ message: forTerminal(question.message), choices, default: defaultChoice(question) }, { signal: controller.signal }));
        return question.choices[index]!.value;
      }
      // A recorded answer that would act on the terminal (an escape, a line break) is not handed to
      // the prompt, which prints its default raw: it is shown escaped, and Enter still keeps it.
      const recorded = question.default;
      const shownRaw = recorded !== undefined && forTerminal(recorded) === recorded;
      const kept = recorded !== undefined && !shownRaw ? recorded : undefined;
      const text = await run(() =>
        input(
          {
            message: kept !== undefined ? `${forTerminal(question.message)} (now ${forTerminal(kept)}; Enter keeps it)` : forTerminal(question.message),
            ...(shownRaw ? { default: recorded } : {}),
            validate: (value) => {
              if (value.trim() === '') return question.required && kept === undefined ? 'an answer is needed here' : true;
              const parsed = question.parse(value);
              return 'error' in parsed ? parsed.error : true;
            },
          },
          { signal: controller.signal },
        ),
      );
      if (text.trim() === '' && kept === undefined) return DONT_KNOW;
      const parsed = question.parse(text.trim() === '' ? kept! : text);
      return 'value' in parsed ? parsed.value : DONT_KNOW;
    },
    close() {
      process.stdin.off('keypress', onKey);
      process.stdin.pause();
    },
  };
}
