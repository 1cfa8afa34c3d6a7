// Which files `check` reads: every .yaml/.yml under the paths, as a repository sees them.
// In a git work tree, git itself lists the files (tracked, plus untracked ones .gitignore does not
// exclude), so .gitignore means exactly what it means to git. Elsewhere the folders are walked.
// Either way node_modules, hidden folders (.git, .github: workflow YAML is not a profile) and
// symlinked folders (which can loop) are skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const PROFILE_FILE = /\.ya?ml$/i;

export interface Discovery {
  /** Files to read, relative to the working folder, sorted. */
  files: string[];
  /** Paths given that do not exist. */
  missing: string[];
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

/** Finds the profile files under `paths` (files given directly are always included). */
export function discoverProfiles(paths: readonly string[], exclude: ReadonlySet<string> = new Set(), cwd = process.cwd()): Discovery {
  const found = new Set<string>();
  const missing: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      missing.push(given);
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
    for (const file of candidates) found.add(file);
  }
  const files = [...found].filter((f) => !exclude.has(f)).map((f) => path.relative(cwd, f) || f).sort();
  return { files, missing };
}
