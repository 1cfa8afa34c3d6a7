// Rubric files → a compiled rubric: schema-checked, `extends` merged, every CEL condition and
// template parsed and type-checked before any profile is read. Problems carry the rubric's
// file:line:column.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { METRICS } from '../engine/metrics.js';
import type { OpportunityKind } from '../format/schema.js';
import { issuesToProblems } from '../format/validate.js';
import { readBounded } from '../format/read-file.js';
import { trustRootFor, type TrustRoot } from '../util/trust-root.js';
import { decodeUtf8, locate, parseYamlSource, type SourceDocument } from '../format/yaml-source.js';
import { RubricError, UsageError, type Problem } from '../util/errors.js';
import { formatPath, nearest } from '../util/text.js';
import { CelCompileError, compileCondition, compileTemplate, logicReads, type Logic, type ParamBinding, type ParamValue, type Template } from './cel.js';
import { isBuiltinRubricName } from './names.js';
import { rubricSchema, type DecideOn, type RubricInput, type RuleInput, type Severity } from './schema.js';

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

interface RawRubric {
  input: RubricInput;
  source: SourceDocument;
  file: string;
}

/** Where a read failure is reported: the file itself for the top rubric, the `extends` entry naming it otherwise. */
type ReadAt = Omit<Problem, 'message' | 'hint'>;

function readRubric(file: string, displayFile: string, options: { root?: TrustRoot; at?: ReadAt } = {}): RawRubric | { missing: true } {
  const read = readBounded(file, { what: 'rubric file', ...(options.root ? { root: options.root } : {}) });
  if ('reason' in read) {
    if (read.missing && options.at) return { missing: true };
    throw new RubricError([{ ...(options.at ?? { file: displayFile, line: 1, column: 1, path: '' }), message: read.reason, ...(read.hint ? { hint: read.hint } : {}) }]);
  }
  const bytes = read.bytes;
  const decoded = decodeUtf8(displayFile, bytes);
  if ('problem' in decoded) throw new RubricError([decoded.problem]);
  const parsed = parseYamlSource(displayFile, decoded.text);
  if (parsed.problems.length > 0) throw new RubricError(parsed.problems);
  if (parsed.documents.length !== 1) throw new RubricError([{ file: displayFile, line: 1, column: 1, path: '', message: `expected one YAML document, got ${parsed.documents.length}` }]);
  const source = parsed.documents[0]!;
  const schema = rubricSchema();
  const result = schema.safeParse(source.data, { reportInput: true });
  if (!result.success) throw new RubricError(issuesToProblems(source, schema, result.error.issues));
  return { input: result.data, source, file: displayFile };
}

/** Where a field of a merged rule was last set: its errors point there. */
interface FieldSource {
  from: RawRubric;
  index: number;
}

interface MergedParam extends ParamBinding, FieldSource {}

interface MergedRule {
  input: RuleInput;
  fields: Map<string, FieldSource>;
  params: Map<string, MergedParam>;
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

/**
 * Reads a rubric and everything it extends, in order; later files win, field by field. Each file
 * is read and collected once (`done`), so a diamond costs one read per file, and a base that two
 * rubrics extend is one layer, at its first place. `chain` is the path from the top, for cycles
 * and the depth limit. Files an `extends` names must be inside `root`, the top rubric's repository.
 */
function collect(file: string, displayFile: string, context: { chain: string[]; done: Map<string, Collected>; root: TrustRoot; at?: ReadAt }): Collected | { missing: true } {
  const done = context.done.get(file);
  if (done) return done;
  const at = context.at ?? { file: displayFile, line: 1, column: 1, path: '' };
  if (context.chain.includes(file)) throw new RubricError([{ ...at, message: `expected no cycle in extends, got ${[...context.chain, file].map((f) => path.basename(f)).join(' → ')}` }]);
  if (context.chain.length > MAX_EXTENDS_DEPTH) throw new RubricError([{ ...at, message: `expected extends at most ${MAX_EXTENDS_DEPTH} rubrics deep, got a deeper chain (${path.basename(context.chain[0]!)} → … → ${path.basename(file)})` }]);
  // The top rubric is the one the user named; only what it extends must stay inside its repository.
  // The top rubric too: a path typed in a workflow names a file the pull request controls, so a
  // link out of the repository it is in is refused like any other.
  const top = readRubric(file, displayFile, { root: context.root, ...(context.at ? { at: context.at } : {}) });
  if ('missing' in top) return top;
  const layers = new Set<RawRubric>();
  const chain = [...context.chain, file];
  (top.input.extends ?? []).forEach((entry, i) => {
    const baseFile = resolveRubric(entry, path.dirname(file));
    const where = { file: displayFile, ...locate(top.source, ['extends', i], 'value'), path: `extends[${i}]` };
    // A built-in rubric is part of the tool, not of the repository: read it without the boundary.
    const root = isBuiltinRubricName(entry) ? { dir: path.dirname(baseFile), lexical: path.dirname(baseFile), label: 'the built-in rubrics' } : context.root;
    const base = collect(baseFile, isBuiltinRubricName(entry) ? `${entry} (built-in)` : path.relative(process.cwd(), baseFile), { chain, done: context.done, root, at: where });
    if ('missing' in base) throw new RubricError([{ ...where, message: `expected a built-in rubric name or a rubric file, got "${entry}"` }]);
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

/** Reads, merges, checks and compiles a rubric file and what it extends. */
export function compileRubricFile(file: string): Rubric {
  const displayFile = path.relative(process.cwd(), file) || file;
  const collected = collect(file, displayFile, { chain: [], done: new Map(), root: trustRootFor(path.dirname(file)) });
  if ('missing' in collected) throw new Error('unreachable: the top rubric is read without an `at`');
  const { top, layers } = collected;
  const thresholds = { ...DEFAULT_THRESHOLDS };
  const points = { ...DEFAULT_POINTS };
  let decideOn: DecideOn = 'worst-case';
  const rules = new Map<string, MergedRule>();
  const problems: Problem[] = [];
  for (const layer of layers) {
    Object.assign(thresholds, layer.input.thresholds);
    decideOn = layer.input.decideOn ?? decideOn;
    Object.assign(points, layer.input.points);
    (layer.input.rules ?? []).forEach((rule, index) => {
      const existing = rules.get(rule.id);
      // Later layers override field by field; a duplicate id within one file is a mistake.
      if (existing && existing.last.from === layer) {
        const where = locate(layer.source, ['rules', index, 'id'], 'value');
        throw new RubricError([{ file: layer.file, ...where, path: `rules[${index}].id`, message: `expected a unique rule id, got "${rule.id}" again (first at rules[${existing.last.index}])` }]);
      }
      const here = { rubric: layer.input.name, file: layer.file, ...locate(layer.source, ['rules', index], 'value') };
      const merged: MergedRule = existing ?? { input: { id: rule.id }, fields: new Map(), params: new Map(), last: { from: layer, index }, definedAt: here, changedBy: [] };
      const { params, ...fields } = rule;
      merged.input = { ...merged.input, ...fields };
      merged.last = { from: layer, index };
      for (const key of Object.keys(fields)) merged.fields.set(key, { from: layer, index });
      for (const [name, value] of Object.entries(params ?? {})) {
        const problem = mergeParam(merged, name, value, layer, index);
        if (problem) problems.push(problem);
      }
      if (existing) {
        const changed = [...Object.keys(fields).filter((k) => k !== 'id'), ...Object.keys(params ?? {}).map((n) => `params.${n}`)];
        merged.changedBy.push({ ...here, fields: changed });
      }
      rules.set(rule.id, merged);
    });
  }
  // The worst case of an open question counts a flag at its most severe: that must cost the most.
  const order = ['blocker', 'high', 'medium', 'low'] as const;
  const falls = order.findIndex((severity, i) => i > 0 && points[severity] > points[order[i - 1]!]);
  if (falls > 0) {
    problems.push({ file: top.file, ...locate(top.source, ['points'], 'key'), path: 'points', message: `expected points that do not fall as severity rises (blocker ≥ high ≥ medium ≥ low), got ${order[falls]} ${points[order[falls]!]} above ${order[falls - 1]} ${points[order[falls - 1]!]}` });
  }
  if (thresholds.noGo > thresholds.go) {
    problems.push({ file: top.file, ...locate(top.source, ['thresholds'], 'key'), path: 'thresholds', message: `expected noGo (${thresholds.noGo}) at or below go (${thresholds.go})` });
  }
  const compiled: CompiledRule[] = [];
  for (const merged of rules.values()) {
    const rule = compileRule(merged, top, problems);
    if (rule) compiled.push(rule);
  }
  if (problems.length > 0) throw new RubricError(problems);
  return { name: top.input.name, version: 1, ...(top.input.description ? { description: top.input.description } : {}), file: displayFile, decideOn, thresholds, points, rules: compiled };
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
  const problemAt = (message: string): Problem => ({ file: layer.file, ...locate(layer.source, path, 'value'), path: formatPath(path), message });
  if (declared) {
    const where = `as ${declared.from.input.name} declares it: ${JSON.stringify(declared.value)}`;
    if (kindOf(declared.value) !== kindOf(value)) return problemAt(`rule "${merged.input.id}": expected params.${name} to be a ${kindOf(declared.value)} (${where}), got ${JSON.stringify(value)}`);
    if (declared.numberKind === 'int' && typeof value === 'number' && !Number.isInteger(value)) return problemAt(`rule "${merged.input.id}": expected params.${name} to be a whole number (${where}), got ${value}`);
  }
  const numberKind = typeof value !== 'number' ? undefined : (declared?.numberKind ?? (writtenAsDouble(layer.source, path) ? 'double' : 'int'));
  merged.params.set(name, { value, ...(numberKind ? { numberKind } : {}), from: layer, index });
  return undefined;
}

const PARAM_USE = /\bparams\.([A-Za-z][A-Za-z0-9]*)/g;

function compileRule(merged: MergedRule, top: RawRubric, problems: Problem[]): CompiledRule | undefined {
  const { input } = merged;
  // A problem points at the rubric that last set the field concerned.
  const at = (key: (string | number)[]): Problem & { path: string } => {
    const { from, index } = (key.length ? merged.fields.get(String(key[0])) : undefined) ?? merged.last;
    return { file: from.file, ...locate(from.source, ['rules', index, ...key], key.length ? 'value' : 'key'), path: formatPath(['rules', index, ...key]), message: '' };
  };
  const before = problems.length;
  for (const key of REQUIRED) {
    if (input[key] === undefined) problems.push({ ...at([]), message: `rule "${input.id}": expected ${key} (required), got nothing` });
  }
  if (input.severity !== 'green' && input.mitigation === undefined && input.severity !== undefined) {
    problems.push({ ...at([]), message: `rule "${input.id}": expected mitigation (required for a ${input.severity} rule), got nothing` });
  }
  if (problems.length > before) return undefined;
  const compileAt = <T>(key: (string | number)[], compile: () => T): T | undefined => {
    try {
      return compile();
    } catch (error) {
      if (!(error instanceof CelCompileError)) throw error;
      problems.push({ ...at(key), message: `rule "${input.id}": ${error.message}` });
      return undefined;
    }
  };
  const params: Record<string, ParamBinding> = {};
  for (const [name, { value, numberKind }] of merged.params) params[name] = { value, ...(numberKind ? { numberKind } : {}) };
  const logic = compileAt(['when'], () => compileCondition(input.when!, params));
  const escalate = (input.escalate ?? []).map((e, i) => ({
    severity: e.severity,
    when: e.when,
    logic: compileAt(['escalate', i, 'when'], () => compileCondition(e.when, params)),
    ...(e.message ? { message: compileAt(['escalate', i, 'message'], () => compileTemplate(e.message!, params)) } : {}),
  }));
  const message = compileAt(['message'], () => compileTemplate(input.message!, params));
  const mitigation = input.mitigation ? compileAt(['mitigation'], () => compileTemplate(input.mitigation!, params)) : undefined;
  const question = input.question ? compileAt(['question'], () => compileTemplate(input.question!, params)) : undefined;
  const texts = [input.when, input.message, input.mitigation, input.question, ...(input.escalate ?? []).flatMap((e) => [e.when, e.message])];
  const used = new Set(texts.flatMap((t) => [...(t ?? '').matchAll(PARAM_USE)].map((m) => m[1]!)));
  for (const [name, param] of merged.params) {
    if (used.has(name) || problems.length > before) continue;
    delete params[name];
    // A param inherited from a base whose texts this rubric replaced is simply no longer used;
    // one set by the rubric being compiled and never used is a mistake (a misspelt name, often).
    if (param.from !== top) continue;
    const path = ['rules', param.index, 'params', name];
    const suggestion = nearest(name, [...used].filter((u) => !merged.params.has(u) || merged.params.get(u)!.from !== top));
    problems.push({ file: param.from.file, ...locate(param.from.source, path, 'key'), path: formatPath(path), message: `rule "${input.id}": expected params.${name} to be used by the rule's when, escalate or messages, got no use of it${suggestion ? ` (did you mean "${suggestion}"?)` : ''}` });
  }
  if (!logic || !message || problems.length > before) return undefined;
  const reads = [...new Set([logicReads(logic), ...escalate.map((e) => (e.logic ? logicReads(e.logic) : []))].flat())];
  if (input.scope === 'partner') {
    const wrongScope = reads.find((r) => r.startsWith('opportunity') || OPPORTUNITY_METRICS.has(r));
    if (wrongScope) {
      problems.push({ ...at(['when']), message: `rule "${input.id}": expected a partner-scope rule to read partner and partner metrics only, got ${wrongScope}`, hint: 'set scope: opportunity for deal rules' });
      return undefined;
    }
  }
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
