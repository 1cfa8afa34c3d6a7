// The trust root: the folder every file a run reads (and every link it writes through) must lie
// in. In CI a pull request controls the checkout, links included; what it names must stay inside.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** The folder every file a run reads must lie in, links resolved. */
/** What to do about a file refused for being outside the trust root, wherever it is refused. */
export const OUTSIDE_ROOT_HINT = 'every file a run reads must be inside it; copy the file in instead of linking to it';

export interface TrustRoot {
  /** Absolute, links resolved. */
  dir: string;
  /** Absolute, as given: a path that does not exist yet is judged against it. */
  lexical: string;
  /** How messages name it: "the repository", or "the folder profiles". */
  label: string;
}

/** The nearest folder holding `.git` (a folder, or a file in a worktree or submodule), if any. */
export function repositoryRoot(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (hasGit(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function hasGit(dir: string): boolean {
  try {
    return statSync(path.join(dir, '.git'), { throwIfNoEntry: false }) !== undefined;
  } catch {
    // ENOTDIR: `dir` is a file (a path given as `profile.yaml/x`); no repository there.
    return false;
  }
}

function realDir(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return path.resolve(dir);
  }
}

/**
 * The repository holding `folder`; outside git, the working folder when `folder` is in it (a rubric
 * test beside its rubric), else the folder itself.
 */
export function trustRootFor(folder: string, cwd = process.cwd()): TrustRoot {
  const repo = repositoryRoot(folder);
  if (repo) return { dir: realDir(repo), lexical: repo, label: 'the repository' };
  const absolute = path.resolve(cwd, folder);
  const top = within(absolute, cwd) ? cwd : absolute;
  return { dir: realDir(top), lexical: top, label: top === cwd ? 'the working folder' : `the folder ${top}` };
}

function within(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/**
 * Why `file` may not be read from `root`, or undefined when it may: it is, or links, outside the
 * root, or into its `.git`. A file that does not exist is judged by where it would be.
 */
export function outsideRoot(file: string, root: TrustRoot): string | undefined {
  const lexical = path.resolve(file);
  const lexicallyInside = within(lexical, root.lexical) || within(lexical, root.dir);
  let real: string;
  try {
    real = realpathSync.native(file);
  } catch {
    // Not there (yet): where it would be is what counts.
    return lexicallyInside ? undefined : `is outside ${root.label}: not read`;
  }
  if (!within(real, root.dir)) return lexicallyInside ? `links outside ${root.label}: not read` : `is outside ${root.label}: not read`;
  // Inside the repository but not of it: .git/config holds the CI token actions/checkout writes.
  if (path.relative(root.dir, real).split(path.sep).includes('.git')) return 'is inside .git, which is not part of the repository: not read';
  return undefined;
}
