// Rule conditions in CEL, evaluated with three-valued logic.
//
// cel-js evaluates plain CEL; it has no notion of "this fact is unknown". So a condition is split
// at its logical operators (&&, ||, !, ?:) into leaves, each compiled on its own. A leaf that
// reads an absent field is `unknown`; the logical operators combine leaves the way CEL's own
// partial evaluation does: `false && ?` is false, `true || ?` is true, otherwise unknown.
// Rubric text is only ever parsed as CEL, never run as JavaScript.
import { Environment } from '@marcbachmann/cel-js';
import { serialize } from '@marcbachmann/cel-js/serialize';
import { createRequire } from 'node:module';
import type * as Re2js from 're2js';
import type { RE2JS } from 're2js';
import type * as z from 'zod/mini';
import { METRICS } from '../format/metrics.js';
import { opportunitySchema, partnerSchema, SPONSOR_LEVELS } from '../format/schema.js';
import { defOf, objectShape, typeOf, unwrap } from '../format/validate.js';
import { formatMoney, groupThousands } from '../util/money.js';
import { nearest } from '../util/text.js';

const ROOTS = ['partner', 'opportunity', 'metrics'] as const;

interface AstNode {
  op: string;
  args: unknown;
  start?: number;
  end?: number;
}

type CelSchema = string | { [key: string]: CelSchema };

/** The CEL type of a format schema: field typos and type errors are caught when a rubric loads. */
function celSchemaOf(schema: z.ZodMiniType): CelSchema {
  const s = unwrap(schema);
  switch (typeOf(s)) {
    case 'object':
      return Object.fromEntries(Object.entries(objectShape(s)!).map(([k, v]) => [k, celSchemaOf(v)]));
    case 'boolean': return 'bool';
    case 'string':
    case 'enum': return 'string';
    case 'int': return 'int';
    case 'number': return 'double';
    case 'array': return 'list<map>';
    default: return 'dyn';
  }
}

type Converter = (value: unknown) => unknown;
let converters = new WeakMap<object, Converter>();

/** A function turning data of this schema into CEL's, built once per schema. */
function converterFor(schema: z.ZodMiniType | undefined): Converter {
  if (!schema) return (value) => toCelValue(value, undefined);
  const cached = converters.get(schema);
  if (cached) return cached;
  const s = unwrap(schema);
  const type = typeOf(s);
  let convert: Converter;
  if (type === 'int') convert = (value) => (typeof value === 'number' ? BigInt(value) : value);
  else if (type === 'array') {
    const element = converterFor(defOf(s).element);
    convert = (value) => (Array.isArray(value) ? value.map(element) : value);
  } else if (type === 'object' || type === 'union') {
    const shape = objectShape(s) ?? {};
    const fields = new Map(Object.entries(shape).map(([k, v]) => [k, converterFor(v)]));
    convert = (value) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = (fields.get(k) ?? ((x: unknown) => toCelValue(x, undefined)))(v);
      return out;
    };
  } else convert = (value) => value;
  converters.set(schema, convert);
  return convert;
}

/**
 * Data as CEL wants it: whole-number fields as BigInt (CEL's int), objects without prototype
 * tricks. Follows the schema alongside the data (through a converter built once per schema).
 */
export function toCelValue(value: unknown, schema: z.ZodMiniType | undefined): unknown {
  if (schema) return converterFor(schema)(value);
  if (Array.isArray(value)) return value.map((item) => toCelValue(item, undefined));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCelValue(v, undefined);
    return out;
  }
  return value;
}

const LIMITS = { maxAstNodes: 2000, maxDepth: 50, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 8 };
// Text is checked against LIMITS as written; the budget's charges (instrument below) wrap nodes in
// calls, at most doubling the count and the depth of what is then evaluated.
const EVALUATION_LIMITS = { ...LIMITS, maxAstNodes: 2 * LIMITS.maxAstNodes + 10, maxDepth: 2 * LIMITS.maxDepth + 10 };

/** Functions rubric expressions may call, in both environments below. */
function withFunctions(env: Environment): Environment {
  return env
    .registerFunction('fixed(double, int): string', (x: number, digits: bigint) => x.toFixed(Number(digits)))
    .registerFunction('fixedDown(double, int): string', (x: number, digits: bigint) => fixedDown(x, Number(digits)))
    .registerFunction('percent(double): string', formatPercent)
    .registerFunction('plural(int, string, string): string', (n: bigint, one: string, many: string) => `${groupThousands(Number(n))} ${n === 1n ? one : many}`)
    .registerFunction('plural(double, string, string): string', (n: number, one: string, many: string) => `${groupThousands(n, Number.isInteger(n) ? 0 : 1)} ${n === 1 ? one : many}`)
    .registerFunction('seniority(string): int', seniority)
    // CEL's own global form; cel-js has only the receiver one (its backtracking RegExp).
    .registerFunction('matches(string, string): bool', (text: string, pattern: string) => {
      // Linear in the text, but times the size of the pattern's program: charged as that product.
      chargeWork(text.length * Math.max(1, pattern.length));
      return re2(pattern).test(text);
    });
}

// --- Regular expressions: RE2, as CEL specifies, in time linear in the text ---------------------

/** A compiled pattern, or why RE2 refuses it. Bounded: patterns from profile data could be many. */
const patterns = new Map<string, RE2JS | string>();
const MAX_PATTERNS = 1000;

/** Why RE2 refuses a pattern (lookahead, backreferences…), or undefined when it accepts it. */
function re2Problem(pattern: string): string | undefined {
  const compiled = compiledPattern(pattern);
  return typeof compiled === 'string' ? compiled : undefined;
}

let re2js: typeof RE2JS | undefined;

/**
 * re2js, loaded on first use: most runs match no pattern, and evaluating its Unicode tables costs
 * startup time. Bundled (dist/), the literal require() is the bundler's lazy module; in src/, Node's.
 */
function engine(): typeof RE2JS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  re2js ??= ((typeof require === 'function' ? require('re2js') : createRequire(import.meta.url)('re2js')) as typeof Re2js).RE2JS;
  return re2js;
}

function compiledPattern(pattern: string): RE2JS | string {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = engine().compile(pattern);
    } catch (error) {
      compiled = firstLine((error as Error).message).replace(/^error parsing regexp: /, '');
    }
    if (patterns.size >= MAX_PATTERNS) patterns.clear();
    patterns.set(pattern, compiled);
  }
  return compiled;
}

function re2(pattern: string): RE2JS {
  const compiled = compiledPattern(pattern);
  // Only a pattern that is not a literal gets here unchecked: the rule, not the data, is at fault.
  if (typeof compiled === 'string') throw new CelLimitError(`expected a regular expression RE2 accepts, got ${excerpt(pattern)}: ${compiled}`);
  return compiled;
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

// --- The cost budget --------------------------------------------------------------------------
//
// CEL has no loops, but macros nest (`.all` inside `.all` over a list of 40,000 entries is 1.6
// billion steps) and operators copy (`xs.map(x, xs + xs)`). cel-js bounds only the size of the
// expression, so evaluation is charged: each macro pays the length of its list when it starts,
// and a string or list that `+` builds, or that an operation inside a macro reads, pays its size.
// Past either bound the rule stops with a CelLimitError, which the engine turns into a located
// rubric problem: the run ends, it never hangs.

/** Macro iterations per rule and entity: far above a single pass over the largest list a 1 MB profile can hold. */
export const MAX_ITERATIONS = 100_000;
/** Characters and list elements built or read per rule and entity: a few passes over a 1 MB profile. */
const MAX_SIZE = 10_000_000;

const budget = { iterations: MAX_ITERATIONS, size: MAX_SIZE, exceeded: undefined as string | undefined };

/** A rule's evaluation went past what it may cost, or used a pattern RE2 refuses. */
export class CelLimitError extends Error {}

/**
 * Forgets all this module builds once and keeps: converters, patterns, environments, compiled and
 * instrumented leaves, paths, sections. Only for mutation testing (test/setup/fresh-caches.ts):
 * a test then builds what it uses, so a mutant in that code runs with every test that reaches it.
 */
export function forgetCaches(): void {
  converters = new WeakMap();
  patterns.clear();
  sizes = new WeakMap();
  checkingEnvironment = undefined;
  evaluatingEnvironment = undefined;
  compiledLeaves.clear();
  instrumented.clear();
  splitPaths.clear();
  sectioned = new WeakMap();
  sectionsOf = new WeakMap();
  filledValues = new WeakMap();
}

/** Starts the budget of one rule on one entity (src/engine/evaluate.ts). */
export function resetBudget(): void {
  budget.iterations = MAX_ITERATIONS;
  budget.size = MAX_SIZE;
  budget.exceeded = undefined;
}

function overBudget(reason: string): never {
  // Remembered: `exists` and `||` absorb an error when another branch decides, and the rule must still stop.
  budget.exceeded ??= reason;
  throw new CelLimitError(budget.exceeded);
}

function chargeIterations(value: unknown): unknown {
  if (budget.exceeded) overBudget(budget.exceeded);
  const count = Array.isArray(value) ? value.length : value instanceof Map ? value.size : value !== null && typeof value === 'object' ? Object.keys(value).length : 0;
  if ((budget.iterations -= count) < 0) overBudget(`expected at most ${groupThousands(MAX_ITERATIONS)} macro iterations per rule and entity, got more`);
  return value;
}

function chargeWork(units: number): void {
  if (budget.exceeded) overBudget(budget.exceeded);
  if ((budget.size -= units) < 0) overBudget(`expected at most ${groupThousands(MAX_SIZE)} characters and list elements built or read per rule and entity, got more`);
}

function chargeSize(value: unknown): unknown {
  if (budget.exceeded) overBudget(budget.exceeded);
  const size = typeof value === 'string' ? value.length : value !== null && typeof value === 'object' ? deepSize(value) : 0;
  if (size > 0 && (budget.size -= size) < 0) overBudget(`expected at most ${groupThousands(MAX_SIZE)} characters and list elements built or read per rule and entity, got more`);
  return value;
}

// Profile data does not change while it is judged: each value's size is counted once.
let sizes = new WeakMap<object, number>();

/** Elements, entries and characters in a value and all it holds; a shared part counts each time it is held. */
function deepSize(value: object): number {
  const known = sizes.get(value);
  if (known !== undefined) return known;
  let total = 0;
  const items = Array.isArray(value) ? value : value instanceof Map ? [...value.values()] : Object.values(value);
  for (const item of items) {
    total += 1;
    if (typeof item === 'string') total += item.length;
    else if (item !== null && typeof item === 'object') total += deepSize(item as object);
  }
  sizes.set(value, total);
  return total;
}

const CHARGE_ITERATIONS = 'budgetIterations';
const CHARGE_SIZE = 'budgetSize';
const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
/**
 * Calls that cost the same whatever the size of their arguments, and return little: `has`, `size`,
 * and our own template functions, which format one number or name (the built-in rubrics' messages
 * call them on every flag; charging them would only slow every run down).
 */
const CONSTANT_CALLS = new Set(['has', 'size', 'fixed', 'fixedDown', 'money', 'percent', 'plural', 'seniority']);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in']);

interface Node {
  op: string;
  args: unknown;
}
const callOf = (name: string, args: Node[]): Node => ({ op: 'call', args: [name, args] });

function isLiteral(node: Node): boolean {
  if (node.op === 'value') return true;
  if (node.op === 'list') return (node.args as Node[]).every(isLiteral);
  return false;
}

/**
 * The expression as it is evaluated: macros charged, `x.matches(re)` as RE2's `matches(x, re)`,
 * and, inside macros (the only place an operation runs more than once), what operations read.
 * Works on the parsed CEL, and its output is CEL again: rubric text is never JavaScript.
 */
function instrument(node: Node, inMacro: boolean): Node {
  // What a comparison reads is charged inside macros; what a call reads and returns, everywhere:
  // `split`, `join`, `replace` and `substring` grow values as `+` does.
  const read = (n: Node): Node => (inMacro && !isLiteral(n) ? callOf(CHARGE_SIZE, [instrument(n, inMacro)]) : instrument(n, inMacro));
  const charged = (n: Node): Node => (!isLiteral(n) ? callOf(CHARGE_SIZE, [instrument(n, inMacro)]) : instrument(n, inMacro));
  switch (node.op) {
    case 'rcall': {
      const [name, receiver, args] = node.args as [string, Node, Node[]];
      if (MACROS.has(name)) {
        const [variable, ...rest] = args;
        return { op: 'rcall', args: [name, callOf(CHARGE_ITERATIONS, [instrument(receiver, inMacro)]), [variable!, ...rest.map((n) => instrument(n, true))]] };
      }
      if (name === 'bind' && receiver.op === 'id') return { op: 'rcall', args: [name, receiver, [args[0]!, ...args.slice(1).map((n) => instrument(n, inMacro))]] };
      if (name === 'matches' && args.length === 1) return callOf('matches', [charged(receiver), charged(args[0]!)]);
      if (CONSTANT_CALLS.has(name)) return { op: 'rcall', args: [name, instrument(receiver, inMacro), args.map((n) => instrument(n, inMacro))] };
      return callOf(CHARGE_SIZE, [{ op: 'rcall', args: [name, charged(receiver), args.map(charged)] }]);
    }
    case 'call': {
      const [name, args] = node.args as [string, Node[]];
      if (name === 'has') return node;
      // `money(x)` is evaluated as `money(x, <the entity's currency>)`: see CURRENCY_VARIABLE.
      if (name === 'money' && args.length === 1) return callOf('money', [instrument(args[0]!, inMacro), { op: 'id', args: CURRENCY_VARIABLE }]);
      return CONSTANT_CALLS.has(name) ? callOf(name, args.map((n) => instrument(n, inMacro))) : callOf(CHARGE_SIZE, [callOf(name, args.map(charged))]);
    }
    case '+':
      // What `+` builds is charged wherever it is: repeated concatenation is how a value grows.
      return callOf(CHARGE_SIZE, [{ op: '+', args: (node.args as Node[]).map((n) => instrument(n, inMacro)) }]);
    default:
      if (COMPARISONS.has(node.op)) return { op: node.op, args: (node.args as Node[]).map(read) };
      return { op: node.op, args: instrumentArgs(node.args, inMacro) };
  }
}

function instrumentArgs(args: unknown, inMacro: boolean): unknown {
  if (Array.isArray(args)) return args.map((a) => instrumentArgs(a, inMacro));
  if (args !== null && typeof args === 'object' && 'op' in args) return instrument(args as Node, inMacro);
  return args;
}

/** Rounded toward zero: "a skin ratio of 0.24, under 0.25" for 0.2499, never "0.25, under 0.25". */
function fixedDown(x: number, digits: number): string {
  const scale = 10 ** digits;
  return (Math.trunc(x * scale + (x < 0 ? -1e-9 : 1e-9)) / scale).toFixed(digits);
}

/** 0.25 → "25%", 0.123 → "12.3%", 0.004 → "0.4%": one decimal, and none when it is whole. */
function formatPercent(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

/** A sponsor level's rank, none 0 to c-level 4, so rubrics can compare levels (`seniority(a) > seniority(b)`). */
function seniority(level: string): bigint {
  const index = SPONSOR_LEVELS.indexOf(level as (typeof SPONSOR_LEVELS)[number]);
  return index < 0 ? -1n : BigInt(SPONSOR_LEVELS.length - 1 - index);
}

/**
 * Templates print money in the currency of the entity judged (a deal in its partner's). That
 * currency travels in the evaluation context under this name, which a rubric cannot write: the
 * checking environment does not know it, so only `instrument` can put it into an expression.
 */
const CURRENCY_VARIABLE = '__currency';

/** What conditions and templates of one entity are evaluated with: its sections and its currency. */
export function evaluationContext(sections: { partner?: unknown; opportunity?: unknown; metrics?: unknown }, currency: string): Record<string, unknown> {
  return { ...sections, [CURRENCY_VARIABLE]: currency };
}

function moneyWithoutCurrency(): never {
  throw new Error('money() runs only as instrumented, with its currency');
}

let checkingEnvironment: Environment | undefined;
let evaluatingEnvironment: Environment | undefined;

/**
 * The environment that type-checks: every field of the format with its type, so a typo or a type
 * error in a rubric is caught when it loads. Building it costs a few milliseconds, so it is built
 * only when a rubric is checked (the built-in ones are checked at build time).
 */
function celEnvironment(): Environment {
  if (checkingEnvironment) return checkingEnvironment;
  const metrics: Record<string, string> = {};
  for (const [name, def] of Object.entries(METRICS)) metrics[name] = def.type;
  checkingEnvironment = withFunctions(
    new Environment({ homogeneousAggregateLiterals: false, limits: LIMITS })
      .registerVariable({ name: 'partner', schema: celSchemaOf(partnerSchema) as Record<string, CelSchema> } as never)
      .registerVariable({ name: 'opportunity', schema: celSchemaOf(opportunitySchema) as Record<string, CelSchema> } as never)
      .registerVariable({ name: 'metrics', schema: metrics } as never)
      // Checked with one argument; evaluated with the currency too (instrument adds it).
      .registerFunction('money(double): string', moneyWithoutCurrency)
      .registerFunction('money(int): string', moneyWithoutCurrency),
  );
  return checkingEnvironment;
}

/** The environment that evaluates expressions already checked by the one above. */
function evaluationEnvironment(): Environment {
  evaluatingEnvironment ??= withFunctions(
    new Environment({ homogeneousAggregateLiterals: false, limits: EVALUATION_LIMITS })
      .registerVariable('partner', 'map')
      .registerVariable('opportunity', 'map')
      .registerVariable('metrics', 'map')
      .registerVariable(CURRENCY_VARIABLE, 'string')
      .registerFunction('money(double, string): string', formatMoney)
      .registerFunction('money(int, string): string', (x: bigint, currency: string) => formatMoney(Number(x), currency))
      // Only here: a rubric cannot call them, since the checking environment does not know them.
      .registerFunction(`${CHARGE_ITERATIONS}(dyn): dyn`, chargeIterations)
      .registerFunction(`${CHARGE_SIZE}(dyn): dyn`, chargeSize),
  );
  return evaluatingEnvironment;
}

/**
 * A condition split at its logical operators: plain data, so a checked rubric can be stored as
 * JSON (the built-in ones are, at build time) and its leaves compiled only when first evaluated.
 */
export type Logic =
  | { kind: 'and' | 'or'; args: Logic[] }
  | { kind: 'not'; arg: Logic }
  | { kind: 'cond'; test: Logic; then: Logic; else: Logic }
  | { kind: 'leaf'; text: string; reads: string[]; /** `text` with its budget charges (instrument), made when the rubric compiles. */ run?: string };

const compiledLeaves = new Map<string, (context: Record<string, unknown>) => unknown>();

const instrumented = new Map<string, string>();

/** An expression as it is evaluated, budget charges added: made once per text. */
function instrumentedText(text: string): string {
  let run = instrumented.get(text);
  if (run === undefined) instrumented.set(text, (run = serialize(instrument(celEnvironment().parse(text).ast, false) as never)));
  return run;
}

/** Runs an instrumented CEL expression, compiling it once per process; charges the rule's budget. */
function runExpression(text: string, context: Record<string, unknown>): unknown {
  let compiled = compiledLeaves.get(text);
  if (!compiled) {
    // `text` is already instrumented (instrumentedText), when the rubric compiled or was built.
    compiled = evaluationEnvironment().parse(text) as (context: Record<string, unknown>) => unknown;
    compiledLeaves.set(text, compiled);
  }
  const value = compiled(context);
  if (budget.exceeded) throw new CelLimitError(budget.exceeded);
  return value;
}

/** The result of evaluating with unknowns. `reads` are the facts a known value rests on. */
export type Tri =
  | { kind: 'value'; value: unknown; reads: string[] }
  | { kind: 'unknown'; missing: string[] }
  | { kind: 'error'; message: string };

export class CelCompileError extends Error {
  /**
   * `code` `param`: a use of `params` the rule does not declare (a misspelt name, often).
   * `more`: the other problems found in the same text (each misspelt field, each bad `{{ }}`).
   */
  constructor(message: string, readonly offset: number, readonly code?: 'param', readonly more: readonly CelCompileError[] = []) {
    super(message);
  }

  /** This problem and the others found with it. */
  all(): CelCompileError[] {
    return [this, ...this.more.flatMap((e) => e.all())];
  }
}

/** Several problems of one text as one error: the first, carrying the rest. */
function together(errors: readonly CelCompileError[]): CelCompileError {
  const [first, ...rest] = errors.flatMap((e) => e.all());
  return new CelCompileError(first!.message, first!.offset, first!.code, rest);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** Parses and type-checks an expression; `expect` is the type it must have. */
function checkExpression(text: string, expect?: 'bool'): { type: string } {
  const env = celEnvironment();
  let result: { valid: boolean; type?: string; error?: { message: string; node?: AstNode } };
  let ast: AstNode;
  try {
    // Parse first: check() reports syntax errors too, but as if they were type errors.
    ast = env.parse(text).ast;
    result = env.check(text) as typeof result;
  } catch (error) {
    const e = error as { message: string; node?: AstNode };
    throw new CelCompileError(`invalid CEL: ${firstLine(e.message)}`, e.node?.start ?? 0);
  }
  checkFieldPaths(ast);
  if (!result.valid) throw new CelCompileError(`CEL type error: ${firstLine(result.error!.message)}`, result.error!.node?.start ?? 0);
  checkPatterns(ast);
  if (expect && result.type !== expect && result.type !== 'dyn') {
    throw new CelCompileError(`expected a condition of type bool, got ${result.type}`, 0);
  }
  return { type: result.type ?? 'dyn' };
}

/**
 * The first key of a field path (`partner.sponsor.levle`) that the format does not have, with the
 * keys it has there. Read from the format's schema rather than CEL's types: those see a union
 * (`opportunity.ask.tryAndBuy`, false or a map) as `dyn`, and check no key below it, nor inside
 * `has()`. A path into something other than a map is left to CEL's own check.
 */
function unknownField(path: readonly string[]): { parent: string; key: string; known: string[] } | undefined {
  const [root, ...keys] = path;
  if (root === 'metrics') {
    const key = keys[0];
    return key === undefined || Object.hasOwn(METRICS, key) ? undefined : { parent: 'metrics', key, known: Object.keys(METRICS) };
  }
  let schema: z.ZodMiniType | undefined = root === 'partner' ? partnerSchema : root === 'opportunity' ? opportunitySchema : undefined;
  for (let i = 0; i < keys.length && schema; i++) {
    const shape = objectShape(schema);
    if (!shape) return undefined;
    const key = keys[i]!;
    if (!Object.hasOwn(shape, key)) return { parent: [root, ...keys.slice(0, i)].join('.'), key, known: Object.keys(shape) };
    schema = shape[key];
  }
  return undefined;
}

/** Every field path an expression names exists in the format; each typo gets the nearest key. */
function checkFieldPaths(ast: AstNode): void {
  const errors: CelCompileError[] = [];
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object' || !('op' in node)) return;
    const n = node as AstNode;
    const parts = chainParts(n);
    if (!parts) return visit(n.args);
    const unknown = unknownField(parts);
    if (!unknown || seen.has(`${unknown.parent}.${unknown.key}`)) return;
    seen.add(`${unknown.parent}.${unknown.key}`);
    const suggestion = nearest(unknown.key, unknown.known);
    const known = suggestion ? `did you mean "${suggestion}"?` : `expected one of ${unknown.known.join(', ')}`;
    errors.push(new CelCompileError(`CEL type error: No such key: ${unknown.key} in ${unknown.parent} (${known})`, n.start ?? 0));
  };
  visit(ast);
  if (errors.length > 0) throw together(errors);
}

/** A literal pattern of `matches` that RE2 refuses is the rubric's mistake: found when it loads. */
function checkPatterns(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(checkPatterns);
  if (!node || typeof node !== 'object' || !('op' in node)) return;
  const n = node as AstNode;
  const args = n.args as unknown[];
  const pattern = n.op === 'rcall' && args[0] === 'matches' ? (args[2] as AstNode[])[0] : n.op === 'call' && args[0] === 'matches' ? (args[1] as AstNode[])[1] : undefined;
  if (pattern?.op === 'value' && typeof pattern.args === 'string') {
    const problem = re2Problem(pattern.args);
    if (problem) throw new CelCompileError(`expected a pattern RE2 accepts (CEL's regular expressions: no lookaround, no backreferences), got ${excerpt(pattern.args)}: ${problem}`, pattern.start ?? 0);
  }
  checkPatterns(n.args);
}

/**
 * The field paths (rooted at partner/opportunity/metrics) an expression reads, in order.
 *
 * `has(x.y)` is the one place the two uses differ. In a message it picks a wording ("their
 * incumbent" when the vendor is not named), so it reads nothing. In a condition an absent key is
 * an unknown fact, not a "no": `has(x.y)` there reads `x.y`, and is unknown until it is known.
 * Otherwise recording a fact could turn a passed rule into a flag, and answering a question could
 * take a verdict outside the range the report promised.
 */
function readsOf(node: unknown, out: string[] = [], use: 'condition' | 'template' = 'template'): string[] {
  if (Array.isArray(node)) {
    for (const item of node) readsOf(item, out, use);
    return out;
  }
  if (!node || typeof node !== 'object' || !('op' in node)) return out;
  const n = node as AstNode;
  if (n.op === 'call' && Array.isArray(n.args) && n.args[0] === 'has' && use === 'template') return out;
  const chain = chainOf(n);
  if (chain) {
    if (!out.includes(chain)) out.push(chain);
    return out;
  }
  readsOf(n.args, out, use);
  return out;
}

/** `partner.sponsor.level` for a select chain rooted at a root variable. */
function chainOf(node: AstNode): string | undefined {
  return chainParts(node)?.join('.');
}

/** `['partner', 'sponsor', 'level']` for a select chain rooted at a root variable. */
function chainParts(node: AstNode): string[] | undefined {
  const parts: string[] = [];
  let n: AstNode = node;
  while (n.op === '.' || (n.op === '[]' && (n.args as AstNode[])[1]?.op === 'value' && typeof (n.args as AstNode[])[1]?.args === 'string')) {
    const [target, field] = n.args as [AstNode, string | AstNode];
    parts.unshift(typeof field === 'string' ? field : String(field.args));
    n = target;
  }
  if (n.op !== 'id' || !(ROOTS as readonly string[]).includes(n.args as string)) return undefined;
  return [n.args as string, ...parts];
}

/** A rule's tunable value (docs/rubrics.md, "Params"), with the CEL type it was declared as. */
export type ParamValue = number | string | boolean | (string | number)[];
export interface ParamBinding {
  value: ParamValue;
  /** `double` when declared with a fraction or exponent (`5.0`, `0.25`): it stays one when overridden by `6`. */
  numberKind?: 'int' | 'double';
}

function celLiteral(value: ParamValue, numberKind: 'int' | 'double' | undefined): string {
  if (Array.isArray(value)) return `[${value.map((v) => celLiteral(v, undefined)).join(', ')}]`;
  if (typeof value === 'number') {
    if (numberKind === 'double' || !Number.isInteger(value)) return Number.isInteger(value) ? `${value}.0` : String(value);
    return String(value);
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * `params.name` replaced by the rule's value, as a CEL literal, before the text is checked: a
 * param is a constant of the rubric, so conditions compile (and are stored) with their values in
 * place and evaluation costs nothing more.
 */
export function bindParams(text: string, params: Record<string, ParamBinding>): string {
  if (!text.includes('params')) return text;
  let ast: AstNode;
  try {
    ast = evaluationEnvironment().parse(text).ast;
  } catch {
    return text; // a syntax error: checking the text reports it
  }
  const spans: { start: number; end: number; name: string }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object' || !('op' in node)) return;
    const n = node as AstNode;
    const [target, field] = Array.isArray(n.args) ? (n.args as [AstNode | undefined, unknown]) : [undefined, undefined];
    if (n.op === '.' && target?.op === 'id' && target.args === 'params' && typeof field === 'string') {
      spans.push({ start: n.start!, end: n.end!, name: field });
      return;
    }
    if (n.op === 'id' && n.args === 'params') throw new CelCompileError('expected params.<name>, got params on its own', n.start ?? 0, 'param');
    visit(n.args);
  };
  visit(ast);
  const declared = Object.keys(params);
  let out = text;
  for (const span of spans.sort((a, b) => b.start - a.start)) {
    const binding = Object.prototype.hasOwnProperty.call(params, span.name) ? params[span.name] : undefined;
    if (!binding) {
      const list = declared.length ? `its params: ${declared.join(', ')}` : 'it declares no params';
      const suggestion = nearest(span.name, declared);
      throw new CelCompileError(`expected a param of this rule, got params.${span.name} (${suggestion ? `did you mean params.${suggestion}? ` : ''}${list})`, span.start, 'param');
    }
    out = `${out.slice(0, span.start)}${celLiteral(binding.value, binding.numberKind)}${out.slice(span.end)}`;
  }
  return out;
}

/** A rule's params as plain values, for JSON. */
export function paramValues(params: Record<string, ParamBinding>): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(params).map(([name, p]) => [name, p.value]));
}

/** `maxFreeDays = 5, minSkinRatio = 0.25`: the values a rubric may tune. */
export function formatParams(params: Record<string, ParamBinding>): string {
  return Object.entries(params).map(([name, p]) => `${name} = ${Array.isArray(p.value) ? `[${p.value.join(', ')}]` : String(p.value)}`).join(', ');
}

/** Checks a condition and splits it into its logical skeleton and leaves. */
export function compileCondition(written: string, params: Record<string, ParamBinding> = {}): Logic {
  const text = bindParams(written, params);
  checkExpression(text, 'bool');
  const build = (node: AstNode): Logic => {
    switch (node.op) {
      case '&&':
      case '||': {
        const kind = node.op === '&&' ? 'and' : 'or';
        // Flatten a && b && c into one node: the question list reads better.
        const args = (node.args as AstNode[]).map(build).flatMap((a) => (a.kind === kind ? (a as { args: Logic[] }).args : [a]));
        return { kind, args };
      }
      case '!_':
        return { kind: 'not', arg: build(node.args as AstNode) };
      case '?:': {
        const [test, then, otherwise] = node.args as AstNode[];
        return { kind: 'cond', test: build(test!), then: build(then!), else: build(otherwise!) };
      }
      default:
        return { kind: 'leaf', text: serialize(node as never), run: serialize(instrument(node, false) as never), reads: readsOf(node, [], 'condition') };
    }
  };
  const { ast } = celEnvironment().parse(text);
  return build(ast);
}

type Presence = 'present' | 'absent' | 'blocked';

// Rules read the same few dozen paths for every profile: split each once.
const splitPaths = new Map<string, string[]>();

/** Whether a dotted path exists in the context; `blocked` when it runs into a non-map value. */
export function presenceOf(context: Record<string, unknown>, path: string): Presence {
  let keys = splitPaths.get(path);
  if (!keys) {
    keys = path.split('.');
    splitPaths.set(path, keys);
  }
  let value: unknown = context;
  for (const key of keys) {
    if (value === undefined || value === null) return 'absent';
    if (typeof value !== 'object' || Array.isArray(value)) return 'blocked';
    if (!Object.prototype.hasOwnProperty.call(value, key)) return 'absent';
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined ? 'absent' : 'present';
}

/** What is known about the absent paths of a context. */
export interface Absent {
  /** Absent because they cannot exist here (a skin ratio when we have put in nothing): not applicable. */
  inapplicable: ReadonlySet<string>;
  /**
   * Absent metrics whose value is known to be one of these (a count of unresolved problems, one
   * of which does not say whether it was resolved: 1 or 2): a part reading only such a metric is
   * known when every candidate gives it the same value.
   */
  candidates: ReadonlyMap<string, readonly unknown[]>;
}
const NOTHING_KNOWN: Absent = { inapplicable: new Set(), candidates: new Map() };

/** The context with one metric set: `metrics.x` only. */
function withMetric(context: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  return { ...context, metrics: { ...(context.metrics as Record<string, unknown>), [path.slice('metrics.'.length)]: value } };
}

/** The values a part takes for each candidate of its one absent metric; undefined when it has none. */
function acrossCandidates(text: string, reads: readonly string[], context: Record<string, unknown>, absent: Absent): unknown[] | undefined {
  const missing = reads.filter((path) => presenceOf(context, path) !== 'present');
  const candidates = missing.length === 1 && missing[0]!.startsWith('metrics.') ? absent.candidates.get(missing[0]!) : undefined;
  if (!candidates) return undefined;
  try {
    return candidates.map((v) => runExpression(text, withMetric(context, missing[0]!, v)));
  } catch (error) {
    if (error instanceof CelLimitError) throw error;
    return undefined; // a candidate the expression cannot take: the part stays unknown
  }
}

function evaluateLeaf(leaf: Extract<Logic, { kind: 'leaf' }>, context: Record<string, unknown>, absent: Absent): Tri {
  const missing: string[] = [];
  for (const path of leaf.reads) {
    const presence = presenceOf(context, path);
    if (presence === 'blocked' || (presence === 'absent' && absent.inapplicable.has(path))) return { kind: 'error', message: `${path} does not apply here` };
    if (presence === 'absent') missing.push(path);
  }
  if (missing.length === 1) {
    const values = acrossCandidates(leaf.run ?? instrumentedText(leaf.text), leaf.reads, context, absent);
    if (values?.every((v) => typeof v === 'boolean' && v === values[0])) return { kind: 'value', value: values[0], reads: leaf.reads.filter((r) => r !== missing[0]) };
  }
  if (missing.length > 0) return { kind: 'unknown', missing };
  try {
    return { kind: 'value', value: runExpression(leaf.run ?? instrumentedText(leaf.text), context), reads: leaf.reads };
  } catch (error) {
    if (error instanceof CelLimitError) throw error;
    // Out of room (a string or list too long for the engine, a stack too deep) is no reason to
    // call a rule not applicable: that would read as a pass. It stops the run like a budget.
    const message = firstLine((error as Error).message);
    if (error instanceof RangeError || /invalid (string|array) length|call stack|out of memory/i.test(message)) throw new CelLimitError(`expected a condition that fits in memory, got one that ran out: ${message}`);
    return { kind: 'error', message };
  }
}

/** The paths of several reads, each once. The lists are short: a scan beats building a Set. */
function union(lists: string[][]): string[] {
  if (lists.length === 1) return lists[0]!;
  const out: string[] = [];
  for (const list of lists) for (const item of list) if (!out.includes(item)) out.push(item);
  return out;
}

/** Evaluates with unknowns, as CEL's commutative logical operators do. */
export function evaluateLogic(logic: Logic, context: Record<string, unknown>, absent: Absent = NOTHING_KNOWN): Tri {
  switch (logic.kind) {
    case 'leaf':
      return evaluateLeaf(logic, context, absent);
    case 'not': {
      const r = evaluateLogic(logic.arg, context, absent);
      if (r.kind !== 'value') return r;
      return typeof r.value === 'boolean' ? { kind: 'value', value: !r.value, reads: r.reads } : { kind: 'error', message: 'expected bool after !' };
    }
    case 'cond': {
      const test = evaluateLogic(logic.test, context, absent);
      if (test.kind !== 'value') return test;
      const branch = evaluateLogic(test.value === true ? logic.then : logic.else, context, absent);
      return branch.kind === 'value' ? { ...branch, reads: union([test.reads, branch.reads]) } : branch;
    }
    case 'and':
    case 'or': {
      const results = logic.args.map((a) => evaluateLogic(a, context, absent));
      const decisive = logic.kind === 'and' ? false : true;
      const deciding = results.filter((r): r is Extract<Tri, { kind: 'value' }> => r.kind === 'value' && r.value === decisive);
      if (deciding.length > 0) return { kind: 'value', value: decisive, reads: union(deciding.map((r) => r.reads)) };
      const unknowns = results.filter((r): r is Extract<Tri, { kind: 'unknown' }> => r.kind === 'unknown');
      if (unknowns.length > 0) return { kind: 'unknown', missing: union(unknowns.map((r) => r.missing)) };
      const error = results.find((r) => r.kind === 'error');
      if (error) return error;
      const nonBool = results.find((r) => r.kind === 'value' && typeof r.value !== 'boolean');
      if (nonBool) return { kind: 'error', message: `expected bool operands of ${logic.kind === 'and' ? '&&' : '||'}` };
      return { kind: 'value', value: !decisive, reads: union(results.map((r) => (r as { reads: string[] }).reads)) };
    }
  }
}

/** Every leaf's reads: the fields a condition needs. */
export function logicReads(logic: Logic): string[] {
  switch (logic.kind) {
    case 'leaf': return logic.reads;
    case 'not': return logicReads(logic.arg);
    case 'cond': return union([logicReads(logic.test), logicReads(logic.then), logicReads(logic.else)]);
    default: return union(logic.args.map(logicReads));
  }
}

/** `text {{ cel }} text`, checked, as data. */
export interface Template {
  /** The template as written in the rubric. */
  source: string;
  parts: (string | { expression: string; reads: string[]; /** As evaluated (instrumentedText). */ run?: string })[];
  /** Fields its expressions read. */
  reads: string[];
}

const PLACEHOLDER = /\{\{([\s\S]*?)\}\}/g;

function formatValue(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? groupThousands(value) : groupThousands(value, 2).replace(/\.?0+$/, '');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value === null || value === undefined) return 'unknown';
  if (typeof value === 'object') return value instanceof Map ? '(a map)' : '(a value)';
  return typeof value === 'string' ? value : '(a value)';
}

/** Checks every `{{ }}` of a template; throws with the problems of all of them. */
export function compileTemplate(text: string, params: Record<string, ParamBinding> = {}): Template {
  const parts: Template['parts'] = [];
  const errors: CelCompileError[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    const written = match[1]!.trim();
    if (!written) {
      errors.push(new CelCompileError('expected an expression inside {{ }}, got nothing', match.index));
      continue;
    }
    let expression: string;
    try {
      expression = bindParams(written, params);
      checkExpression(expression);
    } catch (error) {
      const found = error instanceof CelCompileError ? error.all() : [new CelCompileError((error as Error).message, 0)];
      errors.push(...found.map((e) => new CelCompileError(`in {{ ${written} }}: ${e.message}`, match.index, e.code)));
      continue;
    }
    parts.push({ expression, run: instrumentedText(expression), reads: readsOf(celEnvironment().parse(expression).ast) });
  }
  const rest = text.slice(last);
  if (rest.includes('{{') || rest.includes('}}')) errors.push(new CelCompileError('expected {{ and }} in pairs', last + Math.max(rest.indexOf('{{'), rest.indexOf('}}'))));
  if (errors.length > 0) throw together(errors);
  parts.push(rest);
  return { source: text, parts, reads: union(parts.filter((p) => typeof p !== 'string').map((p) => (p as { reads: string[] }).reads)) };
}

let sectioned = new WeakMap<object, Record<string, unknown>>();

/** The sections (object-valued keys) of a schema, and theirs in turn: read from the schema once. */
type Sections = readonly (readonly [key: string, inner: Sections])[];
let sectionsOf = new WeakMap<z.ZodMiniType, Sections>();

function sections(schema: z.ZodMiniType): Sections {
  let found = sectionsOf.get(schema);
  if (!found) {
    const shape = typeOf(unwrap(schema)) === 'object' ? objectShape(unwrap(schema)) : undefined;
    found = Object.entries(shape ?? {}).filter(([, inner]) => typeOf(unwrap(inner)) === 'object').map(([key, inner]) => [key, sections(inner)] as const);
    sectionsOf.set(schema, found);
  }
  return found;
}

/** A section of the format left out, as an empty map: in a message, `has(partner.agreement.written)` is then false, not an error. */
function fillSections(value: unknown, inner: Sections): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const given = value as Record<string, unknown>;
  // Copied only where a section is missing: a complete profile is used as it is.
  let out: Record<string, unknown> | undefined;
  for (const [key, sub] of inner) {
    const filled = fillSections(given[key] ?? {}, sub);
    if (filled !== given[key]) (out ??= { ...given })[key] = filled;
  }
  return out ?? given;
}

// A partner's data is in the context of each of its deals: filled once, not once per deal.
let filledValues = new WeakMap<object, unknown>();
function filledOnce(value: unknown, schema: z.ZodMiniType): unknown {
  if (value === null || typeof value !== 'object') return value;
  let filled = filledValues.get(value);
  if (filled === undefined) filledValues.set(value, (filled = fillSections(value, sections(schema))));
  return filled;
}

/** The context messages are rendered in: every section present, empty where the profile leaves it out. */
function withSections(context: Record<string, unknown>): Record<string, unknown> {
  let filled = sectioned.get(context);
  if (!filled) {
    filled = { ...context };
    if (context.partner !== undefined) filled.partner = filledOnce(context.partner, partnerSchema);
    if (context.opportunity !== undefined) filled.opportunity = filledOnce(context.opportunity, opportunitySchema);
    sectioned.set(context, filled);
  }
  return filled;
}

/**
 * Renders a template. A placeholder whose one absent fact is a metric with candidates renders as
 * what is known of it ("1–2"); one whose facts are absent renders as "unknown".
 */
export function renderTemplate(template: Template, given: Record<string, unknown>, absent: Absent = NOTHING_KNOWN): string {
  let sectioned: Record<string, unknown> | undefined;
  return template.parts
    .map((part) => {
      if (typeof part === 'string') return part;
      // Only a `has()` needs the left-out sections present: building them costs a copy per deal.
      const context = part.expression.includes('has(') ? (sectioned ??= withSections(given)) : given;
      const values = acrossCandidates(part.run ?? instrumentedText(part.expression), part.reads, context, absent);
      if (values) {
        // A number may read as a range ("0–1"); words cannot, so they say what is known (the low candidate).
        if (!values.every((v) => typeof v === 'number' || typeof v === 'bigint')) return formatValue(values[0]);
        const [low, high] = [formatValue(values[0]), formatValue(values.at(-1))];
        return low === high ? low : `${low}–${high}`;
      }
      // No check of the reads first: `has(x) ? x : 'their incumbent'` reads x only when it is there.
      // An expression that does reach an absent fact fails, and says "unknown".
      try {
        return formatValue(runExpression(part.run ?? instrumentedText(part.expression), context));
      } catch (error) {
        if (error instanceof CelLimitError) throw error;
        return 'unknown';
      }
    })
    .join('');
}
