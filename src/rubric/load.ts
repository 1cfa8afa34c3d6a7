// Rubric files → a compiled rubric: schema-checked, `extends` merged, every CEL condition and
// template parsed and type-checked before any profile is read. Problems carry the rubric's
// file:line:column.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { METRICS } from '../engine/metrics.js';
import { issuesToProblems } from '../format/validate.js';
import { decodeUtf8, locate, parseYamlSource, type SourceDocument } from '../format/yaml-source.js';
import { RubricError, UsageError, type Problem } from '../util/errors.js';
import { formatPath } from '../util/text.js';
import { CelCompileError, compileCondition, compileTemplate, logicReads, type Logic, type Template } from './cel.js';
import { isBuiltinRubricName } from './names.js';
import { rubricSchema, type RubricInput, type RuleInput, type Severity } from './schema.js';

export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

export interface CompiledRule {
  id: string;
  title: string;
  scope: 'partner' | 'opportunity';
  severity: Severity;
  waivable: boolean;
  enabled: boolean;
  /** Compares us with a partner: not applicable to a direct deal. */
  requiresPartner: boolean;
  when: string;
  logic: Logic;
  escalate: { severity: Severity; when: string; logic: Logic; message?: Template }[];
  message: Template;
  mitigation?: Template;
  question?: Template;
  rationale: string;
  source?: string;
  /** Every field the rule's condition reads. */
  reads: string[];
  definedAt: SourceRef;
}

export interface Rubric {
  name: string;
  version: 1;
  description?: string;
  file: string;
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

/**
 * A built-in rubric as the build checked and compiled it, when that is newer than its YAML:
 * reading JSON skips parsing 30 KB of YAML and type-checking every expression on each run.
 */
function loadPrecompiled(name: string, yamlFile: string): Rubric | undefined {
  const compiled = precompiledRubricFile(name);
  try {
    if (statSync(compiled).mtimeMs < statSync(yamlFile).mtimeMs) return undefined;
    const rubric = JSON.parse(readFileSync(compiled, 'utf8')) as Rubric;
    const display = path.relative(process.cwd(), yamlFile) || yamlFile;
    return { ...rubric, file: display, rules: rubric.rules.map((r) => ({ ...r, definedAt: { ...r.definedAt, file: display } })) };
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

function readRubric(file: string, displayFile: string): RawRubric {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RubricError([{ file: displayFile, line: 1, column: 1, path: '', message: code === 'ENOENT' ? 'expected a rubric file, got nothing: no such file' : `could not read the rubric (${code})` }]);
  }
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

interface MergedRule {
  input: RuleInput;
  /** Where each field was last set, for error positions. */
  from: RawRubric;
  index: number;
}

/** Reads a rubric and everything it extends, in order; later files win, field by field. */
function collect(file: string, displayFile: string, seen: string[]): { top: RawRubric; layers: RawRubric[] } {
  if (seen.includes(file)) throw new RubricError([{ file: displayFile, line: 1, column: 1, path: 'extends', message: `expected no cycle in extends, got ${[...seen, file].map((f) => path.basename(f)).join(' → ')}` }]);
  const top = readRubric(file, displayFile);
  const layers: RawRubric[] = [];
  (top.input.extends ?? []).forEach((entry, i) => {
    const baseFile = resolveRubric(entry, path.dirname(file));
    try {
      layers.push(...collect(baseFile, isBuiltinRubricName(entry) ? `${entry} (built-in)` : path.relative(process.cwd(), baseFile), [...seen, file]).layers);
    } catch (error) {
      if (error instanceof RubricError && error.problems[0]?.message.startsWith('expected a rubric file, got nothing')) {
        const where = locate(top.source, ['extends', i], 'value');
        throw new RubricError([{ file: displayFile, ...where, path: `extends[${i}]`, message: `expected a built-in rubric name or a rubric file, got "${entry}"` }]);
      }
      throw error;
    }
  });
  layers.push(top);
  return { top, layers };
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
  const { top, layers } = collect(file, displayFile, []);
  const thresholds = { ...DEFAULT_THRESHOLDS };
  const points = { ...DEFAULT_POINTS };
  const rules = new Map<string, MergedRule>();
  for (const layer of layers) {
    Object.assign(thresholds, layer.input.thresholds);
    Object.assign(points, layer.input.points);
    (layer.input.rules ?? []).forEach((rule, index) => {
      const existing = rules.get(rule.id);
      // Later layers override field by field; a duplicate id within one file is a mistake.
      if (existing && existing.from === layer) {
        const where = locate(layer.source, ['rules', index, 'id'], 'value');
        throw new RubricError([{ file: layer.file, ...where, path: `rules[${index}].id`, message: `expected a unique rule id, got "${rule.id}" again (first at rules[${existing.index}])` }]);
      }
      rules.set(rule.id, { input: { ...existing?.input, ...rule }, from: layer, index });
    });
  }
  const problems: Problem[] = [];
  if (thresholds.noGo > thresholds.go) {
    problems.push({ file: top.file, ...locate(top.source, ['thresholds'], 'key'), path: 'thresholds', message: `expected noGo (${thresholds.noGo}) at or below go (${thresholds.go})` });
  }
  const compiled: CompiledRule[] = [];
  for (const { input, from, index } of rules.values()) {
    const rule = compileRule(input, from, index, problems);
    if (rule) compiled.push(rule);
  }
  if (problems.length > 0) throw new RubricError(problems);
  return { name: top.input.name, version: 1, ...(top.input.description ? { description: top.input.description } : {}), file: displayFile, thresholds, points, rules: compiled };
}

const OPPORTUNITY_METRICS = new Set(Object.entries(METRICS).filter(([, m]) => m.scope === 'opportunity').map(([k]) => `metrics.${k}`));

function compileRule(input: RuleInput, from: RawRubric, index: number, problems: Problem[]): CompiledRule | undefined {
  const at = (key: (string | number)[]): Problem & { path: string } => ({ file: from.file, ...locate(from.source, ['rules', index, ...key], key.length ? 'value' : 'key'), path: formatPath(['rules', index, ...key]), message: '' });
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
  const logic = compileAt(['when'], () => compileCondition(input.when!));
  const escalate = (input.escalate ?? []).map((e, i) => ({
    severity: e.severity,
    when: e.when,
    logic: compileAt(['escalate', i, 'when'], () => compileCondition(e.when)),
    ...(e.message ? { message: compileAt(['escalate', i, 'message'], () => compileTemplate(e.message!)) } : {}),
  }));
  const message = compileAt(['message'], () => compileTemplate(input.message!));
  const mitigation = input.mitigation ? compileAt(['mitigation'], () => compileTemplate(input.mitigation!)) : undefined;
  const question = input.question ? compileAt(['question'], () => compileTemplate(input.question!)) : undefined;
  if (!logic || !message || problems.length > before) return undefined;
  const reads = [...new Set([logicReads(logic), ...escalate.map((e) => (e.logic ? logicReads(e.logic) : []))].flat())];
  if (input.scope === 'partner') {
    const wrongScope = reads.find((r) => r.startsWith('opportunity') || OPPORTUNITY_METRICS.has(r));
    if (wrongScope) {
      problems.push({ ...at(['when']), message: `rule "${input.id}": expected a partner-scope rule to read partner and partner metrics only, got ${wrongScope}`, hint: 'set scope: opportunity for deal rules' });
      return undefined;
    }
  }
  const where = locate(from.source, ['rules', index], 'value');
  return {
    id: input.id,
    title: input.title!,
    scope: input.scope!,
    severity: input.severity!,
    // A rule that can end as a blocker is waivable only when the rubric says so.
    waivable: input.waivable ?? (input.severity !== 'blocker' && !escalate.some((e) => e.severity === 'blocker')),
    enabled: input.enabled ?? true,
    requiresPartner: input.requiresPartner ?? false,
    when: input.when!,
    logic,
    escalate: escalate.filter((e): e is typeof e & { logic: Logic } => e.logic !== undefined),
    message,
    ...(mitigation ? { mitigation } : {}),
    ...(question ? { question } : {}),
    rationale: input.rationale!.trim(),
    ...(input.source ? { source: input.source } : {}),
    reads,
    definedAt: { file: from.file, ...where },
  };
}
