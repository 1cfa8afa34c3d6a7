// Reading a file that someone else may have written. In CI a pull request can commit a symlink to
// /proc/self/environ or to a secret beside the checkout, a named pipe, a device, or a file of a
// gigabyte; whatever is read may end up quoted in annotations and PR comments. So a file is read
// only when it is a regular file inside its trust root (links resolved), and never past a bound.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { MAX_FILE_BYTES } from './yaml-source.js';

/** The folder every file a run reads must lie in, links resolved. */
export interface TrustRoot {
  /** Absolute, links resolved. */
  dir: string;
  /** Absolute, as given: a path that does not exist yet is judged against it. */
  lexical: string;
  /** How messages name it: "the repository", or "the folder profiles". */
  label: string;
}

export type ReadOutcome = { bytes: Buffer } | { reason: string; hint?: string; missing?: true };

/** The nearest folder holding `.git` (a folder, or a file in a worktree or submodule), if any. */
export function repositoryRoot(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (statSync(path.join(dir, '.git'), { throwIfNoEntry: false })) return dir;
    if (path.dirname(dir) === dir) return undefined;
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

function kindOf(info: { isFIFO(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (info.isDirectory()) return 'a directory';
  return info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : 'a device';
}

const special = (what: string) => `expected a ${what}, got a special file (its size is 0, yet it has content): not read`;
const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(bytes < MB ? 2 : 1)} MB`;
const bound = (bytes: number) => (bytes % MB === 0 ? `${bytes / MB} MB` : megabytes(bytes));

/**
 * Reads a regular file of at most `maxBytes`, inside `root` when one is given. Never blocks on a
 * pipe (opened non-blocking, then refused), never reads a device, never reads past the bound, even
 * from a file whose size says 0 but that has content (/proc/self/environ, /proc/self/pagemap).
 */
export function readBounded(file: string, options: { root?: TrustRoot; maxBytes?: number; what?: string } = {}): ReadOutcome {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const what = options.what ?? 'file';
  if (options.root) {
    const outside = outsideRoot(file, options.root);
    if (outside) return { reason: outside, hint: 'every file a run reads must be inside it; copy the file in instead of linking to it' };
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const dangling = lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink();
      return dangling ? { reason: `expected a ${what}, got a link to nothing` } : { reason: `expected a ${what}, got nothing: no such file`, missing: true };
    }
    if (code === 'EISDIR') return { reason: `expected a ${what}, got a directory` };
    if (code === 'ELOOP') return { reason: `expected a ${what}, got links that loop` };
    return { reason: `could not read the ${what} (${code ?? 'error'})` };
  }
  let size = -1;
  try {
    const info = fstatSync(fd);
    size = info.size;
    if (!info.isFile()) return { reason: `expected a ${what}, got ${kindOf(info)}: not read` };
    if (info.size > maxBytes) return { reason: `expected a ${what} of at most ${bound(maxBytes)}, got ${megabytes(info.size)}` };
    // One byte more than the bound tells a file that grew, or a special file, from one that fits.
    const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) break;
    }
    if (info.size === 0 && length > 0) return { reason: special(what) };
    if (length > maxBytes) return { reason: `expected a ${what} of at most ${bound(maxBytes)}, got more` };
    if (length > info.size) return { reason: `expected a ${what} that stays the same while it is read, got one that grew` };
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    // /proc/self/pagemap refuses a one-byte read: size 0 and unreadable is special too.
    return { reason: size === 0 ? special(what) : `could not read the ${what} (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}
