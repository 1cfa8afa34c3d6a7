// An Asker that answers as a person pressing Enter would (the recorded answer, else "don't
// know"), except where a question's message matches one of the given answers: for driving the
// questionnaires in-process, without a terminal.
import { defaultChoice, type Asker } from '../../src/questionnaire/asker.js';
import { DONT_KNOW, type Question } from '../../src/questionnaire/questions.js';

export function scriptedAsker(answers: [match: RegExp, answer: unknown][] = []): Asker & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    ask(question: Question) {
      asked.push(question.message);
      const scripted = answers.find(([match]) => match.test(question.message));
      if (scripted) return Promise.resolve(scripted[1]);
      if (question.kind === 'choice') return Promise.resolve(question.choices[defaultChoice(question)]!.value);
      if (question.default === undefined) return Promise.resolve(DONT_KNOW);
      const parsed = question.parse(question.default);
      return Promise.resolve('value' in parsed ? parsed.value : DONT_KNOW);
    },
  };
}
