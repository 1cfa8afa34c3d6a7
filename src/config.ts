// `.partner-eval.yaml`, found in the working folder or the nearest folder above it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { issuesToProblems } from './format/validate.js';
import { readBounded } from './format/read-file.js';
import { outsideRoot, trustRootFor } from './util/trust-root.js';
import { decodeUtf8, locate, parseYamlSource } from './format/yaml-source.js';
import { isBuiltinRubricName } from './rubric/names.js';
import { InputError, type Problem } from './util/errors.js';
import { problem, wholeFile } from './util/problems.js';
import { formatPath } from './util/text.js';

export const CONFIG_FILE = '.partner-eval.yaml';

const configSchema = z.strictObject({
  version: z.literal(1),
  profiles: z.optional(z.union([z.string(), z.array(z.string())])),
  rubric: z.optional(z.string()),
  failOn: z.optional(z.enum(['no-go', 'conditional', 'unknown', 'never'])),
});

export interface Config {
  /** Folder of the config file: its relative paths are relative to it. */
  dir: string;
  file: string;
  profiles?: string[];
  rubric?: string;
  failOn?: 'no-go' | 'conditional' | 'unknown' | 'never';
}

export function findConfig(from = process.cwd()): Config | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, CONFIG_FILE);
    if (existsSync(file)) return readConfig(file);
    if (path.dirname(dir) === dir) return undefined;
  }
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
  if (!source) return { dir: path.dirname(file), file: display };
  const result = configSchema.safeParse(source.data, { reportInput: true });
  if (!result.success) throw new InputError(issuesToProblems(source, configSchema, result.error.issues));
  const dir = path.dirname(file);
  const { profiles, rubric, failOn } = result.data;
  // A pull request can change the config: what it names must be inside the repository it is in.
  const root = trustRootFor(dir);
  const outside: Problem[] = [];
  const inside = (given: string, at: (string | number)[]) => {
    const resolved = path.resolve(dir, given);
    const reason = outsideRoot(resolved, root);
    if (reason) outside.push(problem('names-outside-repository', { file: display, ...locate(source, at, 'value'), path: formatPath(at) }, { reason }));
    return resolved;
  };
  const profileList = profiles === undefined ? undefined : Array.isArray(profiles) ? profiles.map((p, i) => inside(p, ['profiles', i])) : [inside(profiles, ['profiles'])];
  const rubricPath = rubric === undefined || isBuiltinRubricName(rubric) ? rubric : inside(rubric, ['rubric']);
  if (outside.length > 0) throw new InputError(outside);
  return {
    dir,
    file: display,
    ...(profileList !== undefined ? { profiles: profileList } : {}),
    // A built-in name stays a name; a path is relative to the config file.
    ...(rubricPath !== undefined ? { rubric: rubricPath } : {}),
    ...(failOn !== undefined ? { failOn } : {}),
  };
}
