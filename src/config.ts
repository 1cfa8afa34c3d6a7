// `.partner-eval.yaml`: named by --config, else found from the paths a command reads (the working
// folder when it reads none) upward, up to the repository's top folder. The file's keys are a
// contract: add keys, never rename one.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { FAIL_LEVELS, type FailLevel } from './engine/report-model.js';
import { issuesToProblems } from './format/validate.js';
import { readBounded } from './format/read-file.js';
import { outsideRoot, repositoryRoot, trustRootFor } from './util/trust-root.js';
import { decodeUtf8, locate, parseYamlSource } from './format/yaml-source.js';
import { isBuiltinRubricName } from './rubric/names.js';
import { InputError, UsageError, type Problem } from './util/errors.js';
import { problem, wholeFile } from './util/problems.js';
import { formatPath } from './util/text.js';

export const CONFIG_FILE = '.partner-eval.yaml';

const configSchema = z.strictObject({
  version: z.literal(1),
  profiles: z.optional(z.union([z.string(), z.array(z.string())])),
  rubric: z.optional(z.string()),
  failOn: z.optional(z.enum(FAIL_LEVELS)),
  exclude: z.optional(z.union([z.string(), z.array(z.string())])),
});

export interface Config {
  /** Folder of the config file: its relative paths are relative to it. */
  dir: string;
  /** The config file, as messages name it (relative to the working folder). */
  file: string;
  /** The config file, absolute. */
  path: string;
  profiles?: string[];
  rubric?: string;
  failOn?: FailLevel;
  /** Globs relative to `dir` of files and folders that are not profiles (src/format/discover.ts). */
  exclude?: string[];
}

/**
 * The config file of the nearest folder at or above `from` (a file's folder, for a file), up to
 * the top of its repository: a config above the repository is not the repository's to use.
 */
function configFileFor(from: string): string | undefined {
  const start = path.resolve(from);
  const first = statSync(start, { throwIfNoEntry: false })?.isDirectory() ? start : path.dirname(start);
  const top = repositoryRoot(first);
  for (let dir = first; ; dir = path.dirname(dir)) {
    const file = path.join(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The config of the paths a command reads (the working folder when it reads none): found from
 * each upward. Paths under two different configs would be judged by rules neither names alone.
 */
export function findConfig(from: readonly string[] = []): Config | undefined {
  const files = [...new Set((from.length > 0 ? from : [process.cwd()]).map(configFileFor))];
  const found = files.filter((f) => f !== undefined);
  if (found.length > 1 || (found.length === 1 && files.length > 1)) {
    const shown = files.map((f) => (f === undefined ? 'none' : path.relative(process.cwd(), f) || f));
    throw new UsageError(`expected paths under one config, got paths under ${shown.join(', ')}`, 'check them in separate runs, or name the config with --config <file>');
  }
  return found[0] === undefined ? undefined : readConfig(found[0]);
}

/** `--config <file>`: that config, wherever the paths are. */
export function namedConfig(file: string): Config {
  if (!existsSync(file)) throw new UsageError(`--config: expected a config file, got "${file}": no such file`);
  return readConfig(file);
}

function readConfig(file: string): Config {
  // The config is a file of the repository like any other: a link out of it is not read.
  const read = readBounded(file, { what: 'config file', root: trustRootFor(path.dirname(file)) });
  if ('refusal' in read) throw new InputError([problem('unreadable', wholeFile(path.relative(process.cwd(), file) || file), { reason: read.reason, hint: read.hint })]);
  return configFromBytes(file, read.bytes);
}

/**
 * The config that `file` holds as these bytes: from disk, or as it was at a git revision (`check
 * --changed-since` judges the base with the base's config). Throws InputError.
 */
export function configFromBytes(file: string, bytes: Buffer): Config {
  const display = path.relative(process.cwd(), file) || file;
  const decoded = decodeUtf8(display, bytes);
  if ('problem' in decoded) throw new InputError([decoded.problem]);
  const parsed = parseYamlSource(display, decoded.text);
  if (parsed.problems.length > 0) throw new InputError(parsed.problems);
  const source = parsed.documents[0];
  if (!source) return { dir: path.dirname(path.resolve(file)), file: display, path: path.resolve(file) };
  const result = configSchema.safeParse(source.data, { reportInput: true });
  if (!result.success) throw new InputError(issuesToProblems(source, configSchema, result.error.issues));
  const dir = path.dirname(path.resolve(file));
  const { profiles, rubric, failOn, exclude } = result.data;
  // A pull request can change the config: what it names must be inside the repository it is in.
  const root = trustRootFor(dir);
  const problems: Problem[] = [];
  const inside = (given: string, at: (string | number)[]) => {
    const resolved = path.resolve(dir, given);
    const reason = outsideRoot(resolved, root);
    if (reason) problems.push(problem('names-outside-repository', { file: display, ...locate(source, at, 'value'), path: formatPath(at) }, { reason }));
    return resolved;
  };
  const profileList = profiles === undefined ? undefined : Array.isArray(profiles) ? profiles.map((p, i) => inside(p, ['profiles', i])) : [inside(profiles, ['profiles'])];
  const rubricPath = rubric === undefined || isBuiltinRubricName(rubric) ? rubric : inside(rubric, ['rubric']);
  const excludeList = exclude === undefined ? undefined : Array.isArray(exclude) ? exclude : [exclude];
  excludeList?.forEach((pattern, i) => {
    const reason = excludeMistake(pattern);
    const at: (string | number)[] = Array.isArray(exclude) ? ['exclude', i] : ['exclude'];
    if (reason) problems.push(problem('invalid-exclude', { file: display, ...locate(source, at, 'value'), path: formatPath(at) }, { pattern, reason }));
  });
  if (problems.length > 0) throw new InputError(problems);
  return {
    dir,
    file: display,
    path: path.resolve(file),
    ...(profileList !== undefined ? { profiles: profileList } : {}),
    // A built-in name stays a name; a path is relative to the config file.
    ...(rubricPath !== undefined ? { rubric: rubricPath } : {}),
    ...(failOn !== undefined ? { failOn } : {}),
    ...(excludeList !== undefined ? { exclude: excludeList } : {}),
  };
}

/** Why an `exclude` entry cannot work as written, or undefined when it can. */
function excludeMistake(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'an empty pattern';
  // picomatch reads a leading ! as "everything but": in an exclude list it would exclude every profile.
  if (pattern.startsWith('!')) return 'a negated pattern (it would exclude everything else)';
  if (path.isAbsolute(pattern) || /^[A-Za-z]:/.test(pattern)) return 'an absolute path (patterns are relative to the config\'s folder)';
  if (pattern.split(/[\\/]/).includes('..')) return 'a pattern reaching above the config\'s folder';
  return undefined;
}
