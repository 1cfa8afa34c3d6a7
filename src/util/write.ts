// Writing a file the user named, respecting what is already there (docs/robustness.md, "No file is
// ever half-written"): a device, a FIFO or /dev/stdout is written straight to; a symlink is written
// through (its target replaced, the link kept); an existing file keeps its mode and owner, and a
// read-only one is refused; a hard-linked file is rewritten in place so that its links stay one
// file. Anything else goes to a temporary file beside the target, created exclusively under a
// random name, then renamed over it. Every failure is one clear UsageError line.
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  lstatSync,
  openSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { outsideRoot, trustRootFor } from './trust-root.js';
import { UsageError } from './errors.js';

export type Content = string | Iterable<string>;

export interface WriteOptions {
  /** Create the file only where nothing is there yet (init, a new profile): never replace one. */
  exclusive?: boolean;
}

/** What a write did: `exists` only with `exclusive`, when something was there and nothing was written. */
export type Written = 'created' | 'replaced' | 'in-place' | 'streamed' | 'exists';

type Target =
  /** Not a regular file (device, FIFO) or a file descriptor's alias: written straight to, never replaced. */
  | { kind: 'stream'; path: string }
  /** Nothing there yet: created beside its folder's other files. */
  | { kind: 'new'; path: string }
  | { kind: 'file'; path: string; stat: Stats };

// Names of an open file descriptor: renaming over them is meaningless, opening them reaches the
// descriptor's file (a pipe, a terminal, or the file stdout was redirected to).
const FD_ALIAS = /^\/(?:dev\/(?:std(?:in|out|err)|fd\/\d+)|proc\/(?:self|thread-self|\d+)\/fd\/\d+)$/;
const STANDARD_FD: Record<string, number> = { stdin: 0, stdout: 1, stderr: 2 };

/** This process's own descriptor that an alias names, to write to it as it is (a socket cannot be reopened). */
function ownDescriptor(alias: string): number | undefined {
  const standard = /^\/dev\/(std(?:in|out|err))$/.exec(alias);
  if (standard) return STANDARD_FD[standard[1]!];
  const numbered = /^\/(?:dev\/fd|proc\/(self|thread-self|\d+)\/fd)\/(\d+)$/.exec(alias);
  if (!numbered || (numbered[1] !== undefined && !['self', 'thread-self', String(process.pid)].includes(numbered[1]))) return undefined;
  return Number(numbered[2]);
}
const MAX_LINK_HOPS = 40;

// As root every access check passes, so the owner's write bit is what says "read-only"; access()
// still catches a read-only file system.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
function isWritable(file: string, stat: Stats): boolean {
  if (isRoot && (stat.mode & 0o200) === 0) return false;
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of its path is not a folder',
  ENAMETOOLONG: 'the name is too long',
  EISDIR: 'it is a folder',
  ENXIO: 'nothing is reading from it',
  EIO: 'an input/output error',
  ELOOP: 'too many symbolic links',
};

function failure(file: string, error: unknown): UsageError {
  if (error instanceof UsageError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UsageError(`could not write ${file}: its folder does not exist`);
  return new UsageError(`could not write ${file}: ${code ? (REASONS[code] ?? code) : (error as Error).message}`);
}

/** The file a write lands in: symlinks followed hop by hop (a dangling one names the file to create). */
function resolveTarget(file: string): Target {
  let current = path.resolve(file);
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    if (FD_ALIAS.test(current)) return { kind: 'stream', path: current };
    let stat: Stats;
    try {
      stat = lstatSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'new', path: current };
      throw failure(file, error);
    }
    if (stat.isSymbolicLink()) {
      current = path.resolve(path.dirname(current), readlinkSync(current));
      continue;
    }
    if (stat.isDirectory()) throw new UsageError(`${file} is a folder: not written`);
    if (!stat.isFile()) return { kind: 'stream', path: current };
    return { kind: 'file', path: current, stat };
  }
  throw new UsageError(`could not write ${file}: ${REASONS.ELOOP}`);
}

/**
 * A link at the name written (a pull request can commit `partner-eval.sarif -> ~/.bashrc`, or a
 * link to a disk) is written through only to a file inside the repository it is in, or to our
 * own stdout or stderr: a report never lands outside the checkout by way of a link.
 */
function checkLinkStaysInside(file: string, target: Target): void {
  const given = path.resolve(file);
  if (target.path === given || FD_ALIAS.test(target.path)) return;
  const root = trustRootFor(path.dirname(given));
  const reason = outsideRoot(target.path, root) ?? (target.kind === 'stream' ? `links to a device or pipe outside ${root.label}` : undefined);
  // The target lies where a link led, so it is the link that leads out.
  if (reason) throw new UsageError(`${file} ${reason.replace(/: not read$/, '').replace(/^is outside/, 'links outside')}: not written`, 'write to a plain file, or remove the link');
}

function checkFolder(file: string, target: string): void {
  const folder = path.dirname(target);
  let stat: Stats;
  try {
    stat = statSync(folder);
  } catch (error) {
    throw failure(file, error);
  }
  if (!stat.isDirectory()) throw new UsageError(`could not write ${file}: ${REASONS.ENOTDIR}`);
  if (!isWritable(folder, stat)) throw new UsageError(`could not write ${file}: the folder ${path.dirname(file) || '.'} is read-only`, 'make the folder writable, or write somewhere else');
}

function checkTarget(file: string, target: Target): void {
  if (target.kind === 'stream') return;
  if (target.kind === 'file' && !isWritable(target.path, target.stat)) throw new UsageError(`${file} is read-only: not written`, `make it writable (chmod u+w ${file}), or write somewhere else`);
  // Hard-linked files are written in place; every other write needs a temporary file beside it.
  if (target.kind === 'new' || target.stat.nlink <= 1) checkFolder(file, target.path);
}

/** A temporary file beside `target`: random name, created exclusively, so no other file is ever opened by mistake. */
function createTemporary(target: string, mode: number): { path: string; fd: number } {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  return { path: temporary, fd: openSync(temporary, 'wx', mode) };
}

function writeAll(fd: number, content: Content): void {
  // Written piece by piece: a large report never has to be one string. A pipe may take part of a piece.
  for (const chunk of typeof content === 'string' ? [content] : content) {
    const bytes = Buffer.from(chunk);
    for (let written = 0; written < bytes.length; ) {
      try {
        written += writeSync(fd, bytes, written, bytes.length - written);
      } catch (error) {
        // A non-blocking pipe that is full: wait for the reader a moment, then go on.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
  }
}

/**
 * Checks, before anything is asked or computed, that `file` could be written: not read-only, its
 * folder there and writable. A temporary file is created and removed to be sure (as root the mode
 * bits are all there is to ask). Throws the UsageError the write itself would.
 */
export function checkWritable(file: string, options: WriteOptions = {}): void {
  if (options.exclusive) {
    const target = path.resolve(file);
    checkFolder(file, target);
    probe(file, target);
    return;
  }
  const target = resolveTarget(file);
  checkLinkStaysInside(file, target);
  checkTarget(file, target);
  if (target.kind === 'new' || (target.kind === 'file' && target.stat.nlink <= 1)) probe(file, target.path);
}

/** The same check for a folder new files will go into, before their names are known. */
export function checkFolderWritable(folder: string): void {
  let stat: Stats;
  try {
    stat = statSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`could not write into ${folder}: ${code === 'ENOENT' ? 'the folder does not exist' : code ? (REASONS[code] ?? code) : (error as Error).message}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`could not write into ${folder}: it is not a folder`);
  if (!isWritable(folder, stat)) throw new UsageError(`could not write into ${folder}: the folder is read-only`, 'make the folder writable, or run it somewhere else');
  probe(folder, path.join(path.resolve(folder), 'probe'));
}

function probe(file: string, target: string): void {
  let temporary: { path: string; fd: number };
  try {
    temporary = createTemporary(target, 0o600);
  } catch (error) {
    throw failure(file, error);
  }
  closeSync(temporary.fd);
  unlinkSync(temporary.path);
}

/**
 * Writes `content` to `file` so that readers see the old content or the new, never half of it
 * (except a hard-linked file, see below); returns what it did. A stream target (device, FIFO,
 * /dev/stdout) is appended to as it is. A content iterable that throws leaves the target as it was.
 */
export function writeFileSafely(file: string, content: Content, options: WriteOptions = {}): Written {
  if (options.exclusive) return createExclusive(file, content);
  const target = resolveTarget(file);
  checkLinkStaysInside(file, target);
  checkTarget(file, target);
  if (target.kind === 'stream') return writeStream(file, target.path, content);
  if (target.kind === 'file' && target.stat.nlink > 1) return writeInPlace(file, target.path, content);
  replace(file, target, content);
  return target.kind === 'new' ? 'created' : 'replaced';
}

function writeStream(file: string, target: string, content: Content): Written {
  // Our own stdout: written to as it is, at its offset, as the shell's redirection expects.
  const own = FD_ALIAS.test(target) ? ownDescriptor(target) : undefined;
  let fd: number;
  try {
    // Else appended: a file that another process's stdout went to keeps what is in it.
    fd = own ?? openSync(target, constants.O_WRONLY | constants.O_APPEND);
  } catch (error) {
    throw failure(file, error);
  }
  try {
    writeAll(fd, content);
  } catch (error) {
    // The reader went away (`--output /dev/stdout | head`): the end of the output, as on stdout.
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw (error as NodeJS.ErrnoException).code ? failure(file, error) : error;
  } finally {
    if (own === undefined) closeSync(fd);
  }
  return 'streamed';
}

/** The new content in a temporary file, synced, then renamed over the target: atomic. */
function replace(file: string, target: Exclude<Target, { kind: 'stream' }>, content: Content): void {
  const mode = target.kind === 'file' ? target.stat.mode & 0o7777 : 0o666;
  let temporary: { path: string; fd: number } | undefined;
  let isRenamed = false;
  try {
    temporary = createTemporary(target.path, mode);
    if (target.kind === 'file') {
      // The owner first where we may (a chown clears set-id bits), then the mode exactly: openSync's is masked by the umask.
      const now = fstatSync(temporary.fd);
      if (isRoot && (now.uid !== target.stat.uid || now.gid !== target.stat.gid)) fchownSync(temporary.fd, target.stat.uid, target.stat.gid);
      fchmodSync(temporary.fd, mode);
    }
    writeAll(temporary.fd, content);
    fsyncSync(temporary.fd);
    closeSync(temporary.fd);
    temporary.fd = -1;
    renameSync(temporary.path, target.path);
    isRenamed = true;
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code ? failure(file, error) : error;
  } finally {
    if (temporary && temporary.fd >= 0) closeSync(temporary.fd);
    if (temporary && !isRenamed) removeQuietly(temporary.path);
  }
}

/**
 * A hard-linked file: a rename would split it from its other names, so it is rewritten in place.
 * The content is made whole in memory first (a content that fails leaves the target untouched, and
 * the folder need not be writable), then written over the target and truncated to its length. A
 * reader during that write, or a crash, can see a mix: the price of keeping the link, documented
 * in docs/robustness.md.
 */
function writeInPlace(file: string, target: string, content: Content): Written {
  const whole = Buffer.from(typeof content === 'string' ? content : [...content].join(''));
  let fd = -1;
  try {
    fd = openSync(target, constants.O_WRONLY);
    for (let written = 0; written < whole.length; ) written += writeSync(fd, whole, written, whole.length - written, written);
    ftruncateSync(fd, whole.length);
    fsyncSync(fd);
  } catch (error) {
    throw failure(file, error);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  return 'in-place';
}

/** Created only where nothing (not even a dangling link) has the name: written aside, then linked into place. */
function createExclusive(file: string, content: Content): Written {
  const target = path.resolve(file);
  try {
    lstatSync(target);
    return 'exists';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw failure(file, error);
  }
  checkFolder(file, target);
  let temporary: { path: string; fd: number } | undefined;
  try {
    temporary = createTemporary(target, 0o666);
    writeAll(temporary.fd, content);
    fsyncSync(temporary.fd);
    closeSync(temporary.fd);
    temporary.fd = -1;
    // link() fails if the name was taken meanwhile, where a rename would replace it.
    linkSync(temporary.path, target);
    return 'created';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw (error as NodeJS.ErrnoException).code ? failure(file, error) : error;
  } finally {
    if (temporary && temporary.fd >= 0) closeSync(temporary.fd);
    if (temporary) removeQuietly(temporary.path);
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone: nothing to clean up.
  }
}
