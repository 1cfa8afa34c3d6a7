// The JSON Schema of format 1, generated from the zod schemas (never written by hand), with each
// key's meaning from the field catalogue, for editors: `# yaml-language-server: $schema=…`.
// What JSON Schema cannot say (a date that exists, ids unique across files) partner-eval checks.
import * as z from 'zod/mini';
import { FIELDS, GROUP_MEANINGS, ITEM_FIELDS } from './fields.js';
import { opportunityDocumentSchema, partnerDocumentSchema } from './schema.js';

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; description?: string };

/** Adds `description` from the catalogue to every property whose path it has, list entries' keys included. */
function describe(schema: JsonSchema, path: string): void {
  const meaning = FIELDS[path]?.meaning ?? ITEM_FIELDS[path]?.meaning ?? GROUP_MEANINGS[path];
  if (meaning && !schema.description) schema.description = meaning;
  for (const [key, child] of Object.entries(schema.properties ?? {})) describe(child, `${path}.${key}`);
  for (const option of schema.anyOf ?? []) describe(option, path);
  if (schema.items) describe(schema.items, `${path}[]`);
}

function documentSchema(zodSchema: z.ZodMiniType, root: 'partner' | 'opportunity', title: string): JsonSchema {
  const schema = z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete schema.$schema;
  schema.title = title;
  const props = schema.properties!;
  props.version!.description = 'The format version: 1.';
  describe(props[root]!, root);
  // Inline deals are opportunities too.
  if (props.opportunities?.items) describe(props.opportunities.items, 'opportunity');
  return schema;
}

export function profileJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'partner-eval profile, format 1',
    description: 'A partner profile (with its opportunities) or one opportunity on its own. Generated from partner-eval\'s own schemas; `partner-eval schema` prints it.',
    oneOf: [
      documentSchema(partnerDocumentSchema, 'partner', 'Partner profile'),
      documentSchema(opportunityDocumentSchema, 'opportunity', 'Opportunity'),
    ],
  };
}
