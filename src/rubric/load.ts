// Rubric files → a compiled rubric: schema-checked, `extends` merged, every CEL condition and
// template parsed and type-checked before any profile is read. Problems carry the rubric's
// file:line:column.
import { problem, wholeFile, type Place } from '../util/problems.js';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { METRICS } from '../format/metrics.js';
import type { OpportunityKind } from '../format/schema.js';
import { issuesToProblems, objectShape, schemaAt } from '../format/validate.js';
import { readBounded, type ReadOutcome } from '../format/read-file.js';
import { trustRootFor, type TrustRoot } from '../util/trust-root.js';
import { decodeUtf8, locate, parseYamlSource, type SourceDocument } from '../format/yaml-source.js';
import { RubricError, UsageError, type Problem } from '../util/errors.js';
import { formatPath, nearest } from '../util/text.js';
import { CelCompileError, compileCondition, compileTemplate, logicReads, type Logic, type ParamBinding, type ParamValue, type Template } from './cel.js';
import { isBuiltinRubricName } from './names.js';
import { rubricSchema, type DecideOn, type RubricInput, type RuleInput } from './schema.js';
import { RED_FLAG_SEVERITIES, type Severity } from './severity.js';

export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

/** Where a rule came from: the rubric that defined it, or one that changed some of its fields. */
export interface RuleSource extends SourceRef {
  rubric: string;
}
export interface RuleChange extends RuleSource {
  /** The fields that rubric set: `severity`, `enabled`, `params.minSkinRatio`… */
  fields: string[];
}

export interface CompiledRule {
  id: string;
  title: string;
  scope: 'partner' | 'opportunity';
  severity: Severity;
  waivable: boolean;
  enabled: boolean;
  /** What a flag of this rule costs (or, green, adds) instead of its severity's points. */
  points?: number;
  /** Compares us with a partner: not applicable to a direct deal. */
  requiresPartner: boolean;
  /** The kinds of deal it judges (opportunity.kind); absent: every kind. */
  appliesTo?: OpportunityKind[];
  when: string;
  /** Where `when` is written: a problem found while evaluating the rule points there. */
  whenAt: SourceRef & { path: string };
  logic: Logic;
  escalate: { severity: Severity; when: string; logic: Logic; message?: Template }[];
  message: Template;
  mitigation?: Template;
  question?: Template;
  rationale: string;
  source?: string;
  /** Every field the rule's condition reads. */
  reads: string[];
  /** Tunable values its texts use as `params.name`, already bound into `logic` and the templates. */
  params: Record<string, ParamBinding>;
  /** The rubric that first defined the rule. */
  definedAt: RuleSource;
  /** Rubrics extending it that changed it, in the order they were applied. */
  changedBy: RuleChange[];
}

export interface Rubric {
  name: string;
  version: 1;
  description?: string;
  file: string;
  /** What may hold a GO back while facts are open: see DecideOn. */
  decideOn: DecideOn;
  thresholds: { go: number; noGo: number };
  points: Record<Severity, number>;
  rules: CompiledRule[];
}

export const DEFAULT_THRESHOLDS = { go: 75, noGo: 50 };
export const DEFAULT_POINTS: Record<Severity, number> = { blocker: 40, high: 15, medium: 8, low: 3, green: 5 };

/** The package folder, from src/rubric/ in development and dist/ when built. */
function packageDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  return path.basename(here) === 'rubric' ? path.join(here, '..', '..') : path.join(here, '..');
}

/** The folder of the built-in rubrics. */
export function builtinRubricDir(): string {
  return path.join(packageDir(), 'rubrics');
}

/** Where the build stores a built-in rubric, checked and compiled (scripts/build.mjs). */
export function precompiledRubricFile(name: string): string {
  return path.join(packageDir(), 'dist', 'rubrics', `${name}.json`);
}

/** A built-in rubric as the build stores it: compiled, with what it was compiled from. */
export interface PrecompiledRubric {
  /** builtinRubricsDigest() when it was compiled. */
  sourceSha256: string;
  rubric: Rubric;
}

/**
 * The sha256 of every built-in rubric's text, with its name: what a precompiled rubric was built
 * from. All of them, not the one file, because one extends another (reseller extends default), and
 * the build refuses a built-in rubric that extends anything else (precompile.ts). Content, not
 * modification times: a copy, a checkout or an unpacked tarball sets times that say nothing.
 */
export function builtinRubricsDigest(): string {
  const dir = builtinRubricDir();
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const bytes = readFileSync(path.join(dir, name));
    // Name and length first, so that no two different sets of files hash the same bytes.
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/**
 * A built-in rubric as the build checked and compiled it, when it was compiled from exactly the
 * rubric text on disk: reading JSON skips parsing 30 KB of YAML and type-checking every expression
 * on each run. Otherwise (edited, or built by an older build) the YAML is compiled.
 */
function loadPrecompiled(name: string, yamlFile: string): Rubric | undefined {
  try {
    const stored = JSON.parse(readFileSync(precompiledRubricFile(name), 'utf8')) as Partial<PrecompiledRubric>;
    if (stored.sourceSha256 !== builtinRubricsDigest()) return undefined;
    const rubric = stored.rubric;
    // Built by a compiler older than these fields (src/ under test reads the last build's dist/).
    if (!rubric || rubric.decideOn === undefined || rubric.rules.some((r) => !r.whenAt)) return undefined;
    const display = path.relative(process.cwd(), yamlFile) || yamlFile;
    // Only the built-in file's own rules have its path; those it extends keep their display name.
    const relocate = <T extends SourceRef>(ref: T): T => (ref.file === rubric.file ? { ...ref, file: display } : ref);
    return { ...rubric, file: display, rules: rubric.rules.map((r) => ({ ...r, definedAt: relocate(r.definedAt), whenAt: relocate(r.whenAt), changedBy: r.changedBy.map(relocate) })) };
  } catch {
    return undefined;
  }
}

/** A built-in name (`default`) or a path to a rubric file. */
export function resolveRubric(nameOrPath: string, relativeTo = process.cwd()): string {
  if (isBuiltinRubricName(nameOrPath)) return path.join(builtinRubricDir(), `${nameOrPath}.yaml`);
  return path.resolve(relativeTo, nameOrPath);
}

type EscalateInput = NonNullable<RuleInput['escalate']>[number];
/** A rule as far as it passed the schema: an escalation may lack a field that did not. */
type SalvagedRule = Omit<RuleInput, 'escalate'> & { escalate?: Partial<EscalateInput>[] };

interface RawRubric {
  /** What passed the schema: all of the file when it has no schema problem. */
  input: RubricInput;
  /** Its rules with their place in the file; a rule without a valid id is left out. */
  rules: { rule: SalvagedRule; index: number; broken: Set<string> }[];
  source: SourceDocument;
  file: string;
  /** What failed the schema and so is not in `input`: its `extends`, or some of its rules. */
  lost: { extends: boolean; rules: boolean };
}

/** Where a read failure is reported: the file itself for the top rubric, the `extends` entry naming it otherwise. */
type ReadAt = Place;

/**
 * How a rubric file's bytes are read: from disk by default (readBounded); `check --changed-since`
 * reads the repository's rubric files as they were at a revision instead (built-in ones stay the
 * tool's).
 */
export type RubricReader = (file: string, options: { root?: TrustRoot; what: string }) => ReadOutcome;

/**
 * Reads one rubric file. A file that cannot be read or parsed throws; one that fails the schema
 * adds its problems to `problems` and returns what passed, so every rule can still be checked.
 */
function readRubric(file: string, displayFile: string, problems: Problem[], options: { root?: TrustRoot; at?: ReadAt; read?: RubricReader } = {}): RawRubric | { missing: true } {
  const read = (options.read ?? readBounded)(file, { what: 'rubric file', ...(options.root ? { root: options.root } : {}) });
  if ('refusal' in read) {
    if (read.refusal === 'missing' && options.at) return { missing: true };
    throw new RubricError([problem('unreadable', options.at ?? wholeFile(displayFile), { reason: read.reason, hint: read.hint })]);
  }
  const bytes = read.bytes;
  const decoded = decodeUtf8(displayFile, bytes);
  if ('problem' in decoded) throw new RubricError([decoded.problem]);
  const parsed = parseYamlSource(displayFile, decoded.text);
  if (parsed.problems.length > 0) throw new RubricError(parsed.problems);
  if (parsed.documents.length !== 1) throw new RubricError([problem('not-one-document', wholeFile(displayFile), { found: parsed.documents.length })]);
  const source = parsed.documents[0]!;
  const schema = rubricSchema();
  const result = schema.safeParse(source.data, { reportInput: true });
  if (result.success) {
    return { input: result.data, rules: (result.data.rules ?? []).map((rule, index) => ({ rule, index, broken: new Set() })), source, file: displayFile, lost: { extends: false, rules: false } };
  }
  const found = issuesToProblems(source, schema, result.error.issues);
  const salvaged = salvage(source.data, displayFile);
  if (!salvaged) throw new RubricError(found);
  problems.push(...found);
  return { ...salvaged, source, file: displayFile };
}

const isMap = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * What of a rubric that failed the schema passed it, key by key: each rule's fields on their own
 * (a param, an escalation's field), so one bad field leaves the rest of its rule checkable. The
 * fields left out are `broken`, so no "required" problem repeats one the schema reported.
 */
function salvage(data: unknown, displayFile: string): Omit<RawRubric, 'source' | 'file'> | undefined {
  if (!isMap(data)) return undefined;
  const schema = rubricSchema();
  const shape = objectShape(schema)!;
  const input: Record<string, unknown> = {};
  const lost = { extends: false, rules: false };
  for (const [key, value] of Object.entries(data)) {
    if (key === 'rules' || !Object.hasOwn(shape, key)) continue;
    const result = shape[key]!.safeParse(value);
    if (result.success) input[key] = result.data;
    else if (key === 'extends') lost.extends = true;
  }
  input.version = 1;
  input.name ??= path.basename(displayFile);
  const rules: RawRubric['rules'] = [];
  if (data.rules !== undefined && !Array.isArray(data.rules)) lost.rules = true;
  const ruleShape = objectShape(schemaAt(schema, ['rules', 0])!)!;
  const escalateShape = objectShape(schemaAt(schema, ['rules', 0, 'escalate', 0])!)!;
  (Array.isArray(data.rules) ? data.rules : []).forEach((raw: unknown, index) => {
    if (!isMap(raw) || !ruleShape.id!.safeParse(raw.id).success) {
      lost.rules = true;
      return;
    }
    const rule: Record<string, unknown> = {};
    const broken = new Set<string>();
    for (const [key, value] of Object.entries(raw)) {
      const field = ruleShape[key];
      if (!field) {
        // Reported as an unknown key with the field it may mean: not again as a missing one.
        const meant = nearest(key, Object.keys(ruleShape));
        if (meant) broken.add(meant);
        continue;
      }
      const result = field.safeParse(value);
      if (result.success) rule[key] = result.data;
      else if (key === 'params' && isMap(value)) {
        broken.add('params');
        const params: Record<string, unknown> = {};
        for (const [name, param] of Object.entries(value)) {
          const one = field.safeParse({ [name]: param });
          if (one.success) Object.assign(params, one.data);
          else broken.add(`params.${name}`);
        }
        rule.params = params;
      } else if (key === 'escalate' && Array.isArray(value)) {
        broken.add('escalate');
        rule.escalate = value.map((step: unknown) => {
          const kept: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(isMap(step) ? step : {})) {
            const one = escalateShape[k]?.safeParse(v);
            if (one?.success) kept[k] = one.data;
          }
          return kept;
        });
      } else broken.add(key);
    }
    rules.push({ rule: rule as SalvagedRule, index, broken });
  });
  return { input: input as RubricInput, rules, lost };
}

/** Where a field of a merged rule was last set: its errors point there. */
interface FieldSource {
  from: RawRubric;
  index: number;
}

interface MergedParam extends ParamBinding, FieldSource {}

interface MergedRule {
  input: SalvagedRule;
  fields: Map<string, FieldSource>;
  params: Map<string, MergedParam>;
  /** Fields some layer set but that failed the schema (`severity`, `params`, `params.x`…). */
  broken: Set<string>;
  /** The layer that last named the rule (duplicate ids within one file are errors). */
  last: FieldSource;
  definedAt: RuleSource;
  changedBy: RuleChange[];
}

/** How deep `extends` may go: far more than any real chain, and a bound on a hostile one. */
export const MAX_EXTENDS_DEPTH = 32;

interface Collected {
  top: RawRubric;
  layers: RawRubric[];
}

/** What reading a rubric and its bases found wrong, and whether some base is missing from `layers`. */
interface Findings {
  problems: Problem[];
  /** A base could not be read, or part of one failed the schema: a rule may lack what it set. */
  partial: boolean;
}

/**
 * Reads a rubric and everything it extends, in order; later files win, field by field. Each file
 * is read and collected once (`done`), so a diamond costs one read per file, and a base that two
 * rubrics extend is one layer, at its first place. `chain` is the path from the top, for cycles
 * and the depth limit. Files an `extends` names must be inside `root`, the top rubric's repository.
 */
function collect(file: string, displayFile: string, context: { chain: string[]; done: Map<string, Collected>; root: TrustRoot; found: Findings; at?: ReadAt; read?: RubricReader }): Collected | { missing: true } {
  const done = context.done.get(file);
  if (done) return done;
  const at = context.at ?? wholeFile(displayFile);
  if (context.chain.includes(file)) throw new RubricError([problem('extends-cycle', at, { chain: [...context.chain, file].map((f) => path.basename(f)) })]);
  if (context.chain.length > MAX_EXTENDS_DEPTH) throw new RubricError([problem('extends-too-deep', at, { max: MAX_EXTENDS_DEPTH, from: path.basename(context.chain[0]!), to: path.basename(file) })]);
  // The top rubric is the one the user named; only what it extends must stay inside its repository.
  // The top rubric too: a path typed in a workflow names a file the pull request controls, so a
  // link out of the repository it is in is refused like any other.
  const top = readRubric(file, displayFile, context.found.problems, { root: context.root, ...(context.at ? { at: context.at } : {}), ...(context.read ? { read: context.read } : {}) });
  if ('missing' in top) return top;
  const layers = new Set<RawRubric>();
  const chain = [...context.chain, file];
  (top.input.extends ?? []).forEach((entry, i) => {
    const baseFile = resolveRubric(entry, path.dirname(file));
    const where = { file: displayFile, ...locate(top.source, ['extends', i], 'value'), path: `extends[${i}]` };
    // A built-in rubric is part of the tool, not of the repository: read it without the boundary.
    const root = isBuiltinRubricName(entry) ? { dir: path.dirname(baseFile), lexical: path.dirname(baseFile), label: 'the built-in rubrics' } : context.root;
    // A base that does not load is reported, and the rest is still checked, without it.
    let base: Collected | { missing: true };
    try {
      base = collect(baseFile, isBuiltinRubricName(entry) ? `${entry} (built-in)` : path.relative(process.cwd(), baseFile), { chain, done: context.done, root, found: context.found, at: where, ...(context.read ? { read: context.read } : {}) });
    } catch (error) {
      if (!(error instanceof RubricError)) throw error;
      context.found.problems.push(...error.problems);
      context.found.partial = true;
      return;
    }
    if ('missing' in base) {
      context.found.problems.push(problem('unknown-base-rubric', where, { entry }));
      context.found.partial = true;
      return;
    }
    for (const layer of base.layers) layers.add(layer);
  });
  layers.add(top);
  const collected = { top, layers: [...layers] };
  context.done.set(file, collected);
  return collected;
}

const REQUIRED: (keyof RuleInput)[] = ['title', 'scope', 'severity', 'when', 'message', 'rationale'];

/** Loads a rubric by built-in name or path; throws RubricError with every problem found. */
export function loadRubric(nameOrPath = 'default'): Rubric {
  const file = resolveRubric(nameOrPath);
  if (isBuiltinRubricName(nameOrPath)) {
    let builtins: string[] = [];
    try {
      builtins = readdirSync(builtinRubricDir()).filter((n) => n.endsWith('.yaml')).map((n) => n.slice(0, -5));
    } catch {
      builtins = [];
    }
    if (!builtins.includes(nameOrPath)) {
      throw new UsageError(`--rubric: expected a built-in rubric (${builtins.join(', ')}) or a path to a rubric file, got "${nameOrPath}"`, 'a file in the working folder needs a path: ./ours.yaml');
    }
    const precompiled = loadPrecompiled(nameOrPath, file);
    if (precompiled) return precompiled;
  }
  return compileRubricFile(file);
}

/** Reads, merges, checks and compiles a rubric file and what it extends (read through `options.read`, else from disk). */
export function compileRubricFile(file: string, options: { read?: RubricReader } = {}): Rubric {
  const displayFile = path.relative(process.cwd(), file) || file;
  // Every problem of every file, found in one pass: a schema problem in one rule leaves the
  // others, and the rest of its own fields, to be checked.
  const found: Findings = { problems: [], partial: false };
  const collected = collect(file, displayFile, { chain: [], done: new Map(), root: trustRootFor(path.dirname(file)), found, ...(options.read ? { read: options.read } : {}) });
  if ('missing' in collected) throw new Error('unreachable: the top rubric is read without an `at`');
  const { top, layers } = collected;
  // A rule may change one that a lost base (or lost part of one) defines: then what it lacks is not known.
  if (layers.some((layer) => layer.lost.extends || (layer !== top && layer.lost.rules))) found.partial = true;
  const thresholds = { ...DEFAULT_THRESHOLDS };
  const points = { ...DEFAULT_POINTS };
  let decideOn: DecideOn = 'worst-case';
  const rules = new Map<string, MergedRule>();
  const problems = found.problems;
  for (const layer of layers) {
    Object.assign(thresholds, layer.input.thresholds);
    decideOn = layer.input.decideOn ?? decideOn;
    Object.assign(points, layer.input.points);
    for (const { rule, index, broken } of layer.rules) {
      let key = rule.id;
      let existing = rules.get(key);
      // Later layers override field by field; a duplicate id within one file is a mistake. It
      // is still checked, as a change to the rule, but under a key of its own, and never kept.
      if (existing && existing.last.from === layer) {
        const where = locate(layer.source, ['rules', index, 'id'], 'value');
        problems.push(problem('duplicate-rule-id', { file: layer.file, ...where, path: `rules[${index}].id` }, { id: rule.id, firstIndex: existing.last.index }));
        key = `${rule.id}\u0000rules[${index}]`;
        existing = { ...existing, input: { ...existing.input }, fields: new Map(existing.fields), params: new Map(existing.params), broken: new Set(existing.broken), changedBy: [...existing.changedBy] };
      }
      const here = { rubric: layer.input.name, file: layer.file, ...locate(layer.source, ['rules', index], 'value') };
      const merged: MergedRule = existing ?? { input: { id: rule.id }, fields: new Map(), params: new Map(), broken: new Set(), last: { from: layer, index }, definedAt: here, changedBy: [] };
      const { params, ...fields } = rule;
      merged.input = { ...merged.input, ...fields };
      merged.last = { from: layer, index };
      for (const field of Object.keys(fields)) merged.fields.set(field, { from: layer, index });
      for (const field of broken) merged.broken.add(field);
      for (const [name, value] of Object.entries(params ?? {})) {
        const problem = mergeParam(merged, name, value, layer, index);
        if (problem) problems.push(problem);
      }
      if (existing) {
        const changed = [...Object.keys(fields).filter((k) => k !== 'id'), ...Object.keys(params ?? {}).map((n) => `params.${n}`)];
        merged.changedBy.push({ ...here, fields: changed });
      }
      rules.set(key, merged);
    }
  }
  // The worst case of an open question counts a flag at its most severe: that must cost the most.
  const order = RED_FLAG_SEVERITIES;
  const falls = order.findIndex((severity, i) => i > 0 && points[severity] > points[order[i - 1]!]);
  if (falls > 0) {
    const [higher, lower] = [order[falls - 1]!, order[falls]!];
    problems.push(problem('points-fall', { file: top.file, ...locate(top.source, ['points'], 'key'), path: 'points' }, { higher, higherPoints: points[higher], lower, lowerPoints: points[lower] }));
  }
  if (thresholds.noGo > thresholds.go) {
    problems.push(problem('thresholds-reversed', { file: top.file, ...locate(top.source, ['thresholds'], 'key'), path: 'thresholds' }, { noGo: thresholds.noGo, go: thresholds.go }));
  }
  const compiled: CompiledRule[] = [];
  for (const merged of rules.values()) {
    const rule = compileRule(merged, top, problems, found.partial);
    if (rule) compiled.push(rule);
  }
  if (problems.length > 0) throw new RubricError(inReadingOrder(problems));
  return { name: top.input.name, version: 1, ...(top.input.description ? { description: top.input.description } : {}), file: displayFile, decideOn, thresholds, points, rules: compiled };
}

/**
 * Problems as a linter lists them: file by file (in the order the files were first reported),
 * then by line and column; one found twice (a duplicate rule shares its original's fields) once.
 */
function inReadingOrder(problems: Problem[]): Problem[] {
  const files = [...new Set(problems.map((p) => p.file))];
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = JSON.stringify([p.file, p.line, p.column, p.path, p.message, p.hint]);
    return !seen.has(key) && seen.add(key);
  });
  return unique
    .map((p, order) => ({ p, order }))
    .sort((a, b) => files.indexOf(a.p.file) - files.indexOf(b.p.file) || a.p.line - b.p.line || a.p.column - b.p.column || a.order - b.order)
    .map(({ p }) => p);
}

const OPPORTUNITY_METRICS = new Set(Object.entries(METRICS).filter(([, m]) => m.scope === 'opportunity').map(([k]) => `metrics.${k}`));

/** Whether a number was written with a fraction or exponent (`5.0`, `1e3`): then it is a CEL double. */
function writtenAsDouble(source: SourceDocument, path: (string | number)[]): boolean {
  const node = source.doc.getIn(path, true) as { source?: unknown; value?: unknown } | undefined;
  if (typeof node?.value === 'number' && !Number.isInteger(node.value)) return true;
  return typeof node?.source === 'string' && /[.eE]/.test(node.source);
}

function kindOf(value: ParamValue): string {
  return Array.isArray(value) ? 'list' : typeof value;
}

/**
 * Sets a param of a merged rule. An override keeps the param's declared type: a number stays a
 * number, a whole number stays whole (CEL's int arithmetic would not accept 2.5 where 3 was).
 */
function mergeParam(merged: MergedRule, name: string, value: ParamValue, layer: RawRubric, index: number): Problem | undefined {
  const path = ['rules', index, 'params', name];
  const declared = merged.params.get(name);
  if (declared) {
    const changed = (expected: string, found: string) => problem('param-type-changed', { file: layer.file, ...locate(layer.source, path, 'value'), path: formatPath(path) }, { rule: merged.input.id, name, expected, declaredBy: declared.from.input.name, declared: JSON.stringify(declared.value), found });
    if (kindOf(declared.value) !== kindOf(value)) return changed(`a ${kindOf(declared.value)}`, JSON.stringify(value));
    if (declared.numberKind === 'int' && typeof value === 'number' && !Number.isInteger(value)) return changed('a whole number', String(value));
  }
  const numberKind = typeof value !== 'number' ? undefined : (declared?.numberKind ?? (writtenAsDouble(layer.source, path) ? 'double' : 'int'));
  merged.params.set(name, { value, ...(numberKind ? { numberKind } : {}), from: layer, index });
  return undefined;
}

const PARAM_USE = /\bparams\.([A-Za-z][A-Za-z0-9]*)/g;

/**
 * Checks and compiles a merged rule, adding its problems to `problems`: each field is checked
 * whatever is wrong with the others. `partial`: some base did not load, so a field missing here
 * may be one it would have set, and is not reported.
 */
function compileRule(merged: MergedRule, top: RawRubric, problems: Problem[], partial: boolean): CompiledRule | undefined {
  const { input, broken } = merged;
  // A problem points at the rubric that last set the field concerned.
  const at = (key: (string | number)[]): Place => {
    const { from, index } = (key.length ? merged.fields.get(String(key[0])) : undefined) ?? merged.last;
    return { file: from.file, ...locate(from.source, ['rules', index, ...key], key.length ? 'value' : 'key'), path: formatPath(['rules', index, ...key]) };
  };
  const before = problems.length;
  // A field that failed the schema was reported there, not again as missing.
  const missing = (key: string) => input[key as keyof SalvagedRule] === undefined && !broken.has(key) && !partial;
  for (const key of REQUIRED) {
    if (missing(key)) problems.push(problem('missing-rule-field', at([]), { rule: input.id, key }));
  }
  if (input.severity !== 'green' && input.severity !== undefined && missing('mitigation')) {
    problems.push(problem('missing-mitigation', at([]), { rule: input.id, severity: input.severity }));
  }
  let misusedParams = false;
  const compileAt = <T>(key: (string | number)[], compile: () => T): T | undefined => {
    try {
      return compile();
    } catch (error) {
      if (!(error instanceof CelCompileError)) throw error;
      for (const one of error.all()) {
        if (one.code === 'param') misusedParams = true;
        problems.push(problem('invalid-expression', at(key), { rule: input.id, detail: one.message }));
      }
      return undefined;
    }
  };
  const params: Record<string, ParamBinding> = {};
  for (const [name, { value, numberKind }] of merged.params) params[name] = { value, ...(numberKind ? { numberKind } : {}) };
  // A text that uses a param whose value failed the schema cannot be type-checked: it is skipped.
  const checkable = (text: string | undefined): text is string =>
    text !== undefined && ![...text.matchAll(PARAM_USE)].some(([, name]) => broken.has(`params.${name}`) || (broken.has('params') && !merged.params.has(name!)));
  const condition = (key: (string | number)[], text: string | undefined) => (checkable(text) ? compileAt(key, () => compileCondition(text, params)) : undefined);
  const template = (key: (string | number)[], text: string | undefined) => (checkable(text) ? compileAt(key, () => compileTemplate(text, params)) : undefined);
  const logic = condition(['when'], input.when);
  const escalate = (input.escalate ?? []).map((e, i) => ({
    severity: e.severity!,
    when: e.when!,
    logic: condition(['escalate', i, 'when'], e.when),
    ...(e.message ? { message: template(['escalate', i, 'message'], e.message) } : {}),
  }));
  const message = template(['message'], input.message);
  const mitigation = template(['mitigation'], input.mitigation);
  const question = template(['question'], input.question);
  const texts = [input.when, input.message, input.mitigation, input.question, ...(input.escalate ?? []).flatMap((e) => [e.when, e.message])];
  const used = new Set(texts.flatMap((t) => [...(t ?? '').matchAll(PARAM_USE)].map((m) => m[1]!)));
  // A use of an undeclared param (or of `params` on its own) is reported with what it may have
  // meant: the param that typo leaves unused would say the same again.
  const misnamed = misusedParams || broken.has('params');
  for (const [name, param] of merged.params) {
    if (used.has(name) || misnamed) continue;
    delete params[name];
    // A param inherited from a base whose texts this rubric replaced is simply no longer used;
    // one set by the rubric being compiled and never used is a mistake (a misspelt name, often).
    if (param.from !== top) continue;
    const path = ['rules', param.index, 'params', name];
    const suggestion = nearest(name, [...used].filter((u) => !merged.params.has(u) || merged.params.get(u)!.from !== top));
    problems.push(problem('unused-param', { file: param.from.file, ...locate(param.from.source, path, 'key'), path: formatPath(path) }, { rule: input.id, name, suggestion }));
  }
  const reads = [...new Set([logic ? logicReads(logic) : [], ...escalate.map((e) => (e.logic ? logicReads(e.logic) : []))].flat())];
  if (input.scope === 'partner') {
    const wrongScope = reads.find((r) => r.startsWith('opportunity') || OPPORTUNITY_METRICS.has(r));
    if (wrongScope) problems.push(problem('partner-rule-reads-deal', at(['when']), { rule: input.id, read: wrongScope }));
  }
  if (!logic || !message || problems.length > before) return undefined;
  return {
    id: input.id,
    title: input.title!,
    scope: input.scope!,
    severity: input.severity!,
    // A rule that can end as a blocker is waivable only when the rubric says so.
    waivable: input.waivable ?? (input.severity !== 'blocker' && !escalate.some((e) => e.severity === 'blocker')),
    enabled: input.enabled ?? true,
    ...(input.points !== undefined ? { points: input.points } : {}),
    requiresPartner: input.requiresPartner ?? false,
    ...(input.appliesTo ? { appliesTo: input.appliesTo } : {}),
    when: input.when!,
    whenAt: (({ file, line, column, path }) => ({ file, line, column, path }))(at(['when'])),
    logic,
    escalate: escalate.filter((e): e is typeof e & { logic: Logic } => e.logic !== undefined),
    message,
    ...(mitigation ? { mitigation } : {}),
    ...(question ? { question } : {}),
    rationale: input.rationale!.trim(),
    ...(input.source ? { source: input.source } : {}),
    reads,
    params,
    definedAt: merged.definedAt,
    changedBy: merged.changedBy,
  };
}
