// Reading a file that someone else may have written. In CI a pull request can commit a symlink to
// /proc/self/environ or to a secret beside the checkout, a named pipe, a device, or a file of a
// gigabyte; whatever is read may end up quoted in annotations and PR comments. So a file is read
// only when it is a regular file inside its trust root (links resolved), and never past a bound.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { OUTSIDE_ROOT_HINT, outsideRoot, type TrustRoot } from '../util/trust-root.js';
import { MAX_FILE_BYTES } from './yaml-source.js';

/** Why a file was not read: what callers decide on (the words, `reason`, are for people). */
export type Refusal = 'outside' | 'missing' | 'dangling-link' | 'directory' | 'link-loop' | 'not-regular' | 'too-large' | 'special' | 'grew' | 'error';

export type ReadOutcome = { bytes: Buffer } | { refusal: Refusal; reason: string; hint?: string };

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
    if (outside) return { refusal: 'outside', reason: outside, hint: OUTSIDE_ROOT_HINT };
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const dangling = lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink();
      return dangling ? { refusal: 'dangling-link', reason: `expected a ${what}, got a link to nothing` } : { refusal: 'missing', reason: `expected a ${what}, got nothing: no such file` };
    }
    if (code === 'EISDIR') return { refusal: 'directory', reason: `expected a ${what}, got a directory` };
    if (code === 'ELOOP') return { refusal: 'link-loop', reason: `expected a ${what}, got links that loop` };
    return { refusal: 'error', reason: `could not read the ${what} (${code ?? 'error'})` };
  }
  let size = -1;
  try {
    const info = fstatSync(fd);
    size = info.size;
    if (!info.isFile()) return { refusal: info.isDirectory() ? 'directory' : 'not-regular', reason: `expected a ${what}, got ${kindOf(info)}: not read` };
    if (info.size > maxBytes) return { refusal: 'too-large', reason: `expected a ${what} of at most ${bound(maxBytes)}, got ${megabytes(info.size)}` };
    // One byte more than the bound tells a file that grew, or a special file, from one that fits.
    const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) break;
    }
    if (info.size === 0 && length > 0) return { refusal: 'special', reason: special(what) };
    if (length > maxBytes) return { refusal: 'too-large', reason: `expected a ${what} of at most ${bound(maxBytes)}, got more` };
    if (length > info.size) return { refusal: 'grew', reason: `expected a ${what} that stays the same while it is read, got one that grew` };
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    // /proc/self/pagemap refuses a one-byte read: size 0 and unreadable is special too.
    return size === 0 ? { refusal: 'special', reason: special(what) } : { refusal: 'error', reason: `could not read the ${what} (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}
