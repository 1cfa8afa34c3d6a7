// Which files `check` reads: every .yaml/.yml under the paths, as a repository sees them.
// In a git work tree, git itself lists the files (tracked, plus untracked ones .gitignore does not
// exclude), so .gitignore means exactly what it means to git. Elsewhere the folders are walked.
// Either way node_modules, hidden folders (.git, .github: workflow YAML is not a profile) and
// symlinked folders (which can loop) are skipped. Every path given, and every file found that is a
// link, must lie inside the trust root: the repository of the path given, or outside git the folder
// given. A pull request may commit `x.yaml -> /proc/self/environ`; that file is refused, not read.
// Files are named relative to a base folder (check's: the repository's top), so that a report made
// from a subfolder names files as the repository does.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { outsideRoot, trustRootFor } from '../util/trust-root.js';

const PROFILE_FILE = /\.ya?ml$/i;

export interface Discovery {
  /** Files to read, relative to the base folder, sorted. */
  files: string[];
  /** Of `files`, those named on the command line rather than found in a folder. */
  named: string[];
  /** Paths given that do not exist. */
  missing: string[];
  /** Paths given or found that are, or link, outside their trust root: never read. */
  refused: { file: string; reason: string }[];
  /** How many files found or named were left out by the exclusion. */
  excluded: number;
}

/** Files a run never reads as profiles, by absolute path: a Set of them is one. */
export interface Exclusion {
  has(file: string): boolean;
}

/**
 * The exact files given (the config, the rubric) and the config's `exclude` globs (picomatch),
 * matched against paths relative to the config's folder: a pattern that matches a folder (`rubrics`,
 * `rubrics/`, `rubrics/**`) leaves out everything in it; `name/` matches folders only.
 */
export function exclusion(files: Iterable<string>, globs?: { dir: string; patterns: readonly string[] }): Exclusion {
  const exact = new Set(files);
  if (!globs || globs.patterns.length === 0) return exact;
  const isMatch = picomatch([...globs.patterns], { dot: true });
  const byGlob = (file: string): boolean => {
    const relative = path.relative(globs.dir, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    const segments = relative.split(path.sep);
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (isMatch(folder) || isMatch(`${folder}/`)) return true;
    }
    return isMatch(segments.join('/'));
  };
  return { has: (file) => exact.has(file) || byGlob(file) };
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

export interface DiscoverOptions {
  exclude?: Exclusion;
  /** The folder the files are named relative to; default: the working folder. */
  base?: string;
  cwd?: string;
}

/** Finds the profile files under `paths` (files given directly are included unless excluded). */
export function discoverProfiles(paths: readonly string[], options: DiscoverOptions = {}): Discovery {
  const cwd = options.cwd ?? process.cwd();
  const exclude = options.exclude ?? new Set<string>();
  const found = new Set<string>();
  const named = new Set<string>();
  const missing: string[] = [];
  const refused: Discovery['refused'] = [];
  const shown = (file: string) => path.relative(options.base ?? cwd, file) || file;
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      // A link to nothing is refused by the reader; a path that is not there at all is missing.
      if (lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink()) {
        found.add(absolute);
        named.add(absolute);
      } else missing.push(given);
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
      named.add(absolute);
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
  const kept = [...found].filter((f) => !exclude.has(f));
  return {
    files: kept.map(shown).sort(),
    named: kept.filter((f) => named.has(f)).map(shown),
    missing,
    refused: refused.filter((r) => !exclude.has(path.resolve(options.base ?? cwd, r.file))).sort((a, b) => a.file.localeCompare(b.file)),
    excluded: found.size - kept.length,
  };
}
