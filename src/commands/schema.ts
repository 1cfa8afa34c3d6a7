// `partner-eval schema`: the JSON Schema of the profile format, for editors.
import { profileJsonSchema } from '../format/json-schema.js';
import { writeOutput } from './emit.js';

export function schema(options: { output?: string }, write: (text: string) => void): number {
  const text = `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
  if (options.output) writeOutput(options.output, text);
  else write(text);
  return 0;
}
