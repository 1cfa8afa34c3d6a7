// The words a schema gives and the places its issues get (src/format/validate.ts), beyond the
// profile format itself: the questionnaire asks with describeSchema, and rubrics, configs and rubric
// tests are validated with issuesToProblems too, with records, unions and refinements of their own.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { describeSchema, issuesToProblems, objectShape, schemaAt, typeOf, unwrap } from '../../src/format/validate.js';
import { parseYamlSource } from '../../src/format/yaml-source.js';
import { formatProblem } from '../../src/util/errors.js';

/** The problems `schema` finds in `text`, as a user reads them. */
function problemsOf(schema: z.ZodMiniType, text: string): string[] {
  const [source] = parseYamlSource('f.yaml', text).documents;
  const result = z.safeParse(schema, source!.data, { reportInput: true });
  if (result.success) return [];
  return issuesToProblems(source!, schema, result.error.issues).map(formatProblem);
}

describe('describeSchema: what a place takes, in words', () => {
  it('names each kind of value', () => {
    expect(describeSchema(z.string())).toBe('text');
    expect(describeSchema(z.boolean())).toBe('true or false');
    expect(describeSchema(z.number())).toBe('a number');
    expect(describeSchema(z.int())).toBe('a whole number');
    expect(describeSchema(z.array(z.string()))).toBe('a list');
    expect(describeSchema(z.object({ a: z.string() }))).toBe('a map');
    expect(describeSchema(z.enum(['low', 'high']))).toBe('one of low, high');
    expect(describeSchema(z.literal(false))).toBe('false');
    expect(describeSchema(z.literal(['a', 'b']))).toBe('"a" or "b"');
    expect(describeSchema(z.union([z.literal(false), z.object({})]))).toBe('false, or a map');
    expect(describeSchema(z.null())).toBe('null');
  });

  it('sees through optional and defaulted wrappers', () => {
    expect(describeSchema(z.optional(z._default(z.int(), 3)))).toBe('a whole number');
    expect(typeOf(z.optional(z.number()))).toBe('number');
    expect(typeOf(z._default(z.int(), 1))).toBe('int');
    expect(unwrap(z.optional(z.optional(z.boolean())))._zod.def.type).toBe('boolean');
  });
});

describe('schemaAt and objectShape: the schema at a key path', () => {
  const root = z.object({
    list: z.optional(z.array(z.object({ name: z.string() }))),
    either: z.union([z.literal(false), z.object({ size: z.int() })]),
    plain: z.string(),
  });

  it('steps into list elements by index and into maps by key', () => {
    expect(typeOf(schemaAt(root, ['list', 0, 'name'])!)).toBe('string');
    expect(typeOf(schemaAt(root, ['list'])!)).toBe('array');
  });

  it('takes the map branch of a union', () => {
    expect(Object.keys(objectShape(schemaAt(root, ['either'])!)!)).toEqual(['size']);
    expect(typeOf(schemaAt(root, ['either', 'size'])!)).toBe('int');
  });

  it('has no schema past a value that has no keys, or at an index of a map', () => {
    expect(schemaAt(root, ['plain', 'x'])).toBeUndefined();
    expect(schemaAt(root, ['plain', 'x', 'y'])).toBeUndefined();
    expect(schemaAt(root, ['either', 0])).toBeUndefined();
    expect(objectShape(z.string())).toBeUndefined();
    expect(objectShape(z.union([z.string(), z.literal(1)]))).toBeUndefined();
  });
});

describe('issuesToProblems: what each kind of issue is told', () => {
  it('a wrong type, in words, whatever the type', () => {
    const schema = z.object({ n: z.optional(z.int()), m: z.optional(z.object({})), l: z.optional(z.array(z.string())), b: z.optional(z.boolean()), s: z.optional(z.string()), x: z.optional(z.number()), e: z.optional(z.null()) });
    expect(problemsOf(schema, 'n: 1.5\nm: 1\nl: 1\nb: 1\ns: 1\nx: one\ne: 1\n')).toEqual([
      'f.yaml:1:4 n: expected a whole number, got 1.5',
      'f.yaml:2:4 m: expected a map, got 1',
      'f.yaml:3:4 l: expected a list, got 1',
      'f.yaml:4:4 b: expected true or false, got 1',
      'f.yaml:5:4 s: expected text, got 1',
      'f.yaml:6:4 x: expected a plain number (no quotes, units or separators), got "one"',
      'f.yaml:7:4 e: expected null, got 1',
    ]);
  });

  it('a wrong type inside a record, where no schema names the place, in the same words', () => {
    const schema = z.object({ flags: z.record(z.string(), z.boolean()), counts: z.optional(z.record(z.string(), z.array(z.int()))) });
    expect(problemsOf(schema, 'flags: { a: 1 }\ncounts: { b: 2 }\n')).toEqual(['f.yaml:1:13 flags.a: expected true or false, got 1', 'f.yaml:2:14 counts.b: expected a list, got 2']);
  });

  it('hints at plain numbers only for a number written with digits, separators or k', () => {
    const schema = z.object({ x: z.number(), t: z.optional(z.string()) });
    const [abbreviated] = problemsOf(schema, 'x: 12_000\n');
    expect(abbreviated).toContain('hint: write money and counts as plain numbers');
    expect(problemsOf(schema, 'x: "1.5K"\n')[0]).toContain('hint:');
    expect(problemsOf(schema, 'x: "1"\n')[0]).toContain('hint:');
    expect(problemsOf(schema, 'x: "about 12k"\n')[0]).not.toContain('hint:');
    expect(problemsOf(schema, 'x: "12k people"\n')[0]).not.toContain('hint:');
    // Text that looks like a number, where text is not what was asked: no hint about numbers.
    expect(problemsOf(z.object({ x: z.boolean() }), 'x: "12"\n')).toEqual(['f.yaml:1:4 x: expected true or false, got "12"']);
  });

  it('a value not among those allowed: the one value, or the list', () => {
    expect(problemsOf(z.object({ v: z.literal(1) }), 'v: 2\n')).toEqual(['f.yaml:1:4 v: expected 1, got 2']);
    expect(problemsOf(z.object({ v: z.enum(['a', 'b']) }), 'v: c\n')).toEqual(['f.yaml:1:4 v: expected one of a, b, got "c"']);
  });

  it('a bound: for numbers with its operator, for lists in items and entries', () => {
    const schema = z.object({
      a: z.optional(z.number().check(z.gt(1))),
      b: z.optional(z.number().check(z.lt(5))),
      c: z.optional(z.number().check(z.lte(5))),
      d: z.optional(z.array(z.int()).check(z.minLength(2))),
      e: z.optional(z.array(z.int()).check(z.maxLength(1))),
    });
    expect(problemsOf(schema, 'a: 1\nb: 5\nc: 6\nd: [1]\ne: [1, 2, 3]\n')).toEqual([
      'f.yaml:1:4 a: expected a number > 1, got 1',
      'f.yaml:2:4 b: expected a number < 5, got 5',
      'f.yaml:3:4 c: expected a number ≤ 5, got 6',
      'f.yaml:4:4 d: expected at least 2 items, got a list',
      'f.yaml:5:4 e: expected at most 1 entries, got 3',
    ]);
  });

  it('a format: the schema\'s own words, else the name of the format', () => {
    const schema = z.object({ a: z.optional(z.string().check(z.regex(/^x/, 'text starting with x'))), b: z.optional(z.email()), c: z.optional(z.string().check(z.regex(/^x/))) });
    expect(problemsOf(schema, 'a: y\nb: nope\n')).toEqual(['f.yaml:1:4 a: expected text starting with x, got "y"', 'f.yaml:2:4 b: expected text in the format email, got "nope"']);
    // A pattern with no words of its own is shown as the pattern, not as zod's words about JavaScript.
    expect(problemsOf(schema, 'c: y\n')).toEqual(['f.yaml:1:4 c: expected text matching /^x/, got "y"']);
  });

  it('a refinement: its message, or "a valid value" when it has none of its own', () => {
    const schema = z.object({ a: z.optional(z.string().check(z.refine((s) => s === 'ok', 'the word ok'))), b: z.optional(z.string().check(z.refine((s) => s === 'ok'))) });
    expect(problemsOf(schema, 'a: no\n')).toEqual(['f.yaml:1:4 a: expected the word ok, got "no"']);
    expect(problemsOf(schema, 'b: no\n')).toEqual(['f.yaml:1:4 b: expected a valid value, got "no"']);
  });

  it('a refinement of a map placed on one key quotes that key\'s value, at that key', () => {
    const schema = z.object({ from: z.int(), to: z.int() }).check(
      z.refine((r) => r.to >= r.from, { message: 'a number ≥ from', path: ['to'] }),
    );
    expect(problemsOf(schema, 'from: 5\nto: 2\n')).toEqual(['f.yaml:2:5 to: expected a number ≥ from, got 2']);
    // On the map itself, the map is the value.
    const whole = z.object({ a: z.int() }).check(z.refine(() => false, 'a better map'));
    expect(problemsOf(whole, 'a: 1\n')).toEqual(['f.yaml:1:1 expected a better map, got a map']);
  });

  it('a required key left out, at the map that lacks it', () => {
    const schema = z.object({ outer: z.object({ needed: z.string(), other: z.optional(z.string()) }) });
    expect(problemsOf(schema, 'outer:\n  other: x\n')).toEqual(['f.yaml:1:1 outer.needed: expected text (required), got nothing']);
    // Present but null is not left out: it is the wrong value, at the value.
    expect(problemsOf(schema, 'outer:\n  needed: null\n')).toEqual(['f.yaml:2:11 outer.needed: expected text, got null (an empty value)']);
  });

  it('an unknown key, at the key, with the keys allowed and the nearest one', () => {
    const schema = z.strictObject({ inner: z.strictObject({ level: z.optional(z.string()), active: z.optional(z.boolean()) }) });
    expect(problemsOf(schema, 'inner:\n  levle: x\n')).toEqual(['f.yaml:2:3 inner.levle: expected one of the keys level, active; got unknown key "levle" (did you mean "level"?)']);
    expect(problemsOf(schema, 'inner:\n  zzzzzz: x\n')).toEqual(['f.yaml:2:3 inner.zzzzzz: expected one of the keys level, active; got unknown key "zzzzzz"']);
  });

  it('a record key that fails its schema, at the key, in the key schema\'s words', () => {
    const schema = z.object({ params: z.record(z.string().check(z.regex(/^[a-z]+$/, 'a lowercase name')), z.int()) });
    expect(problemsOf(schema, 'params:\n  ok: 1\n  Bad: 2\n')).toEqual(['f.yaml:3:3 params.Bad: expected a lowercase name, got the key "Bad"']);
    const unnamed = z.object({ params: z.record(z.string().check(z.refine((key) => key !== 'b')), z.int()) });
    expect(problemsOf(unnamed, 'params:\n  b: 2\n')).toEqual(['f.yaml:2:3 params.b: expected a valid key, got the key "b"']);
  });

  it('a map where a union takes a map is checked inside; anything else gets the union in words', () => {
    const schema = z.object({ t: z.union([z.literal(false), z.strictObject({ days: z.int(), note: z.optional(z.string()) })]) });
    expect(problemsOf(schema, 't:\n  days: 1.5\n  note: 3\n')).toEqual(['f.yaml:2:9 t.days: expected a whole number, got 1.5', 'f.yaml:3:9 t.note: expected text, got 3']);
    expect(problemsOf(schema, 't: 3\n')).toEqual(['f.yaml:1:4 t: expected false, or a map, got 3']);
    expect(problemsOf(schema, 't: [1]\n')).toEqual(['f.yaml:1:4 t: expected false, or a map, got a list']);
    expect(problemsOf(schema, 't: null\n')).toEqual(['f.yaml:1:4 t: expected false, or a map, got null (an empty value)']);
    // A map no branch takes at all (every branch fails at the top): the union in words, not a guess inside.
    const scalars = z.object({ t: z.union([z.string(), z.int()]) });
    expect(problemsOf(scalars, 't: { a: 1 }\n')).toEqual(['f.yaml:1:4 t: expected text, or a whole number, got a map']);
  });

});
