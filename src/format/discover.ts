// Which files `check` reads: every .yaml/.yml under the paths, as a repository sees them.
// In a git work tree, git itself lists the files (tracked, plus untracked ones .gitignore does not
// exclude), so .gitignore means exactly what it means to git. Elsewhere the folders are walked.
// Either way node_modules, hidden folders (.git, .github: workflow YAML is not a profile) and
// symlinked folders (which can loop) are skipped. Every path given, and every file found that is a
// link, must lie inside the trust root: the repository of the path given, or outside git the folder
// given. A pull request may commit `x.yaml -> /proc/self/environ`; that file is refused, not read.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { outsideRoot, trustRootFor } from '../util/trust-root.js';

const PROFILE_FILE = /\.ya?ml$/i;

export interface Discovery {
  /** Files to read, relative to the working folder, sorted. */
  files: string[];
  /** Paths given that do not exist. */
  missing: string[];
  /** Paths given or found that are, or link, outside their trust root: never read. */
  refused: { file: string; reason: string }[];
}

/** Whether a path (relative to a folder given to check) is one check reads. */
export function isProfilePath(relative: string): boolean {
  return PROFILE_FILE.test(relative) && !relative.split(/[\\/]/).some(isSkippedSegment);
}

function isSkippedSegment(segment: string): boolean {
  return segment === 'node_modules' || (segment.startsWith('.') && segment !== '.' && segment !== '..');
}

function gitListing(dir: string): string[] | undefined {
  const result = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0 || result.error) return undefined;
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' });
  if (top.status !== 0) return undefined;
  const root = top.stdout.trim();
  return result.stdout.split('\0').filter(Boolean).map((name) => path.join(root, name));
}

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (isSkippedSegment(entry.name)) continue;
    const full = path.join(dir, entry.name);
    // Dirent types do not follow symlinks: a symlinked folder is neither walked nor looped through.
    if (entry.isDirectory()) walk(full, out);
    else if ((entry.isFile() || entry.isSymbolicLink()) && PROFILE_FILE.test(entry.name)) out.push(full);
  }
}

/** The YAML files under a folder, walked as check walks one: linked folders are never entered. */
export function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  walk(dir, out);
  return out.sort();
}

/** Finds the profile files under `paths` (files given directly are always included). */
export function discoverProfiles(paths: readonly string[], exclude: ReadonlySet<string> = new Set(), cwd = process.cwd()): Discovery {
  const found = new Set<string>();
  const missing: string[] = [];
  const refused: Discovery['refused'] = [];
  const shown = (file: string) => path.relative(cwd, file) || file;
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      // A link to nothing is refused by the reader; a path that is not there at all is missing.
      if (lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink()) found.add(absolute);
      else missing.push(given);
      continue;
    }
    const root = trustRootFor(isDirectory ? absolute : path.dirname(absolute), cwd);
    const outside = outsideRoot(absolute, root);
    if (outside) {
      refused.push({ file: shown(absolute), reason: outside });
      continue;
    }
    if (!isDirectory) {
      found.add(absolute);
      continue;
    }
    const listed = gitListing(absolute);
    const candidates: string[] = [];
    if (listed) {
      for (const file of listed) {
        const relative = path.relative(absolute, file);
        // Deleted but still tracked files are listed by git too.
        if (PROFILE_FILE.test(file) && !relative.split(path.sep).some(isSkippedSegment) && existsSync(file) && !lstatSync(path.dirname(file)).isSymbolicLink()) candidates.push(file);
      }
    } else walk(absolute, candidates);
    for (const file of candidates) {
      // Only a link can lead out: folders that are links are never walked into.
      const reason = lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ? outsideRoot(file, root) : undefined;
      if (reason) refused.push({ file: shown(file), reason });
      else found.add(file);
    }
  }
  const files = [...found].filter((f) => !exclude.has(f)).map(shown).sort();
  return { files, missing, refused: refused.filter((r) => !exclude.has(path.resolve(cwd, r.file))).sort((a, b) => a.file.localeCompare(b.file)) };
}
