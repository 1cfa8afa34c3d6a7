// zod issues → located, human problems: `file:line:col key.path: expected …, got …`.
import { problem } from '../util/problems.js';
import type * as z from 'zod/mini';
import type { Problem } from '../util/errors.js';
import { describeValue, excerpt, formatPath, nearest } from '../util/text.js';
import { hasPath, locate, type SourceDocument } from './yaml-source.js';

type AnySchema = z.ZodMiniType;
type Issue = z.core.$ZodIssue;

interface Def {
  type: string;
  format?: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  element?: AnySchema;
  options?: AnySchema[];
  values?: unknown[];
}

export const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The type of a schema, telling whole numbers (`z.int()`, a number format in zod 4) apart. */
export function typeOf(schema: AnySchema): string {
  const def = defOf(unwrap(schema));
  return def.type === 'number' && def.format?.includes('int') ? 'int' : def.type;
}

/** Strips optional wrappers: the schema of the value itself. */
export function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  while (defOf(s).type === 'optional' || defOf(s).type === 'default') s = defOf(s).innerType!;
  return s;
}

/** The keys an object schema allows, or of the object branch of a union. */
export function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.type === 'object') return def.shape;
  if (def.type === 'union') for (const option of def.options!) {
    const shape = objectShape(option);
    if (shape) return shape;
  }
  return undefined;
}

/** The schema at a data path (list indexes step into the element schema). */
export function schemaAt(root: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let s: AnySchema | undefined = root;
  for (const key of path) {
    if (!s) return undefined;
    const def = defOf(unwrap(s));
    if (typeof key === 'number') s = def.type === 'array' ? def.element : undefined;
    else s = objectShape(s)?.[String(key)];
  }
  return s;
}

/** The types of values in words: a schema's (typeOf) and a zod issue's `expected` alike. */
const TYPE_WORDS: Readonly<Record<string, string>> = { string: 'text', boolean: 'true or false', number: 'a number', int: 'a whole number', array: 'a list', object: 'a map' };

/** "text", "one of a, b, c", ...: what the schema at this place takes. */
export function describeSchema(schema: AnySchema): string {
  const s = unwrap(schema);
  const def = defOf(s);
  const type = typeOf(s);
  if (Object.hasOwn(TYPE_WORDS, type)) return TYPE_WORDS[type]!;
  switch (type) {
    case 'enum': return `one of ${Object.values((def as unknown as { entries: Record<string, string> }).entries).join(', ')}`;
    case 'literal': return def.values!.map((v) => JSON.stringify(v)).join(' or ');
    case 'union': return def.options!.map(describeSchema).join(', or ');
    default: return def.type;
  }
}

function expectedText(issue: Issue, schema: AnySchema | undefined): string {
  switch (issue.code) {
    case 'invalid_type': {
      // A number given as text ("48k", "18%") is the usual mistake: say what a plain number is.
      if (issue.expected === 'number') return 'a plain number (no quotes, units or separators)';
      // The issue says the type: words for it even where no schema is found (a record's values).
      return Object.hasOwn(TYPE_WORDS, issue.expected) ? TYPE_WORDS[issue.expected]! : issue.expected;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map(String).join(', ')}`;
    case 'too_small': {
      const op = issue.inclusive ? '≥' : '>';
      return issue.origin === 'array' ? `at least ${issue.minimum} items` : `a number ${op} ${issue.minimum}`;
    }
    case 'too_big': {
      if (issue.origin === 'array') return `at most ${issue.maximum} entries`;
      const op = issue.inclusive ? '≤' : '<';
      return `a number ${op} ${issue.maximum}`;
    }
    case 'invalid_format':
      if (issue.message && issue.message !== 'Invalid input') return issue.message;
      // A pattern's own message, when a schema gives none, is zod's words about JavaScript.
      return issue.format === 'regex' ? `text matching ${(issue as { pattern?: string }).pattern}` : `text in the format ${issue.format}`;
    case 'custom':
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'a valid value';
    default:
      return schema ? describeSchema(schema) : 'a valid value';
  }
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

/** Turns a failed parse into problems located in the source document. */
export function issuesToProblems(source: SourceDocument, root: AnySchema, issues: readonly Issue[], basePath: PropertyKey[] = []): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = [...basePath, ...issue.path] as (string | number)[];
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys(objectShape(schemaAt(root, path)!) ?? {});
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        const suggestion = nearest(key, known);
        problems.push(problem('unknown-key', { file: source.file, ...locate(source, keyPath, 'key'), path: formatPath([...path, excerpt(key)]) }, { key: excerpt(key), known, suggestion }));
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A record's key that fails its own schema: say what the key should be, at the key.
      const keyPath = path;
      const inner = issue.issues[0];
      const expected = inner && 'message' in inner && inner.message && inner.message !== 'Invalid input' ? inner.message : 'a valid key';
      problems.push(problem('invalid-key', { file: source.file, ...locate(source, keyPath, 'key'), path: formatPath(keyPath) }, { expected, key: String(keyPath[keyPath.length - 1]) }));
      continue;
    }
    if (issue.code === 'invalid_union') {
      // A map given where the union takes one: report what is wrong inside the map.
      const input = (issue as { input?: unknown }).input;
      const mapBranch = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
      if (input !== null && typeof input === 'object' && !Array.isArray(input) && mapBranch) {
        problems.push(...issuesToProblems(source, root, mapBranch, path));
        continue;
      }
    }
    // A refinement placed on one key of a map (`path`) gets the whole map as its input: quote the key's value.
    const input = issue.code === 'custom' && issue.path.length > 0 ? valueAt(source.data, path) : (issue as { input?: unknown }).input;
    const isMissing = input === undefined && !hasPath(source, path);
    const schema = schemaAt(root, path);
    const where = isMissing ? locate(source, path.slice(0, -1), 'key') : locate(source, path, 'value');
    const expected = expectedText(issue, schema);
    const place = { file: source.file, ...where, path: formatPath(path) };
    problems.push(
      isMissing
        ? problem('missing-value', place, { expected })
        : problem('invalid-value', place, {
            expected,
            found: Array.isArray(input) && issue.code === 'too_big' ? String(input.length) : describeValue(input),
            isAbbreviatedNumber: issue.code === 'invalid_type' && typeof input === 'string' && /^[\d_.,]+k?$/i.test(input) && issue.expected === 'number',
          }),
    );
  }
  return problems;
}
