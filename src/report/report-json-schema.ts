// The JSON Schema of the JSON report (reportVersion 1), generated from its zod schema
// (report-schema.ts), never written by hand. The build writes it to schema/report.schema.json,
// which the package ships, so that a CI script can validate what it parses. As input: objects stay
// open (no additionalProperties: false), as the report's contract says.
import * as z from 'zod/mini';
import { reportSchema } from './report-schema.js';

export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(reportSchema, { io: 'input' }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'partner-eval JSON report, reportVersion 1',
    description: 'What `--format json` writes, generated from partner-eval\'s own schema (docs/report.md has the meaning of each key). Objects are open: keys may be added within reportVersion 1, none renamed or removed.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}
