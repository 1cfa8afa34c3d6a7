// `partner-eval schema`: the JSON Schema of the profile format, for editors.
import { profileJsonSchema } from '../format/json-schema.js';
import { writeFileAtomic } from '../util/write.js';
import { UsageError } from '../util/errors.js';

export function schema(options: { output?: string }, write: (text: string) => void): number {
  const text = `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
  if (!options.output) {
    write(text);
    return 0;
  }
  try {
    writeFileAtomic(options.output, text);
  } catch (error) {
    throw new UsageError(`--output: could not write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return 0;
}
