// `.partner-eval.yaml`, found in the working folder or the nearest folder above it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { issuesToProblems } from './format/validate.js';
import { decodeUtf8, parseYamlSource } from './format/yaml-source.js';
import { isBuiltinRubricName } from './rubric/names.js';
import { InputError } from './util/errors.js';

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
  const display = path.relative(process.cwd(), file) || file;
  const decoded = decodeUtf8(display, readFileSync(file));
  if ('problem' in decoded) throw new InputError([decoded.problem]);
  const parsed = parseYamlSource(display, decoded.text);
  if (parsed.problems.length > 0) throw new InputError(parsed.problems);
  const source = parsed.documents[0];
  if (!source) return { dir: path.dirname(file), file: display };
  const result = configSchema.safeParse(source.data, { reportInput: true });
  if (!result.success) throw new InputError(issuesToProblems(source, configSchema, result.error.issues));
  const dir = path.dirname(file);
  const { profiles, rubric, failOn } = result.data;
  return {
    dir,
    file: display,
    ...(profiles !== undefined ? { profiles: (Array.isArray(profiles) ? profiles : [profiles]).map((p) => path.resolve(dir, p)) } : {}),
    // A built-in name stays a name; a path is relative to the config file.
    ...(rubric !== undefined ? { rubric: isBuiltinRubricName(rubric) ? rubric : path.resolve(dir, rubric) } : {}),
    ...(failOn !== undefined ? { failOn } : {}),
  };
}
