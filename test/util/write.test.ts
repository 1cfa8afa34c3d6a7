// Writes that respect what is there (src/util/write.ts): devices and FIFOs written straight to,
// symlinks written through, modes and hard links kept, read-only targets refused, temporary files
// created exclusively under random names and never left behind. The tests run as root, where
// every access check passes: "read-only" is the owner's write bit.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/util/errors.js';
import { checkFolderWritable, checkWritable, writeFileSafely } from '../../src/util/write.js';

const folder = () => mkdtempSync(path.join(tmpdir(), 'pe-write-'));
/** What a failing call threw, to assert on its class and its one line. */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected it to throw');
}

describe('writing a file that exists', () => {
  it('keeps its mode: a 0600 file stays 0600, a 0751 one 0751', () => {
    const dir = folder();
    for (const mode of [0o600, 0o751]) {
      const file = path.join(dir, `m${mode.toString(8)}`);
      writeFileSync(file, 'old');
      chmodSync(file, mode);
      expect(writeFileSafely(file, 'new')).toBe('replaced');
      expect([readFileSync(file, 'utf8'), statSync(file).mode & 0o7777]).toEqual(['new', mode]);
    }
  });

  it.skipIf(process.getuid?.() !== 0)('keeps its owner when written as root, set-id bits included', () => {
    const file = path.join(folder(), 'shared.yaml');
    writeFileSync(file, 'old');
    chownSync(file, 1234, 5678);
    chmodSync(file, 0o2664);
    writeFileSafely(file, 'new');
    const stat = statSync(file);
    expect([stat.uid, stat.gid, stat.mode & 0o7777]).toEqual([1234, 5678, 0o2664]);
    // Another owner with our group, and our user with another group: each kept.
    for (const [uid, gid] of [[1234, process.getgid!()], [process.getuid!(), 5678]] as const) {
      chownSync(file, uid, gid);
      writeFileSafely(file, `by ${uid}:${gid}`);
      expect([statSync(file).uid, statSync(file).gid]).toEqual([uid, gid]);
    }
  });

  it('refuses a read-only file with one clear line, and leaves it as it was', () => {
    const dir = folder();
    const file = path.join(dir, 'report.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o444);
    const error = thrown(() => writeFileSafely(file, 'new'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`${file} is read-only: not written`);
    expect(thrown(() => checkWritable(file)).message).toBe(`${file} is read-only: not written`);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('writes a symlink\'s target, atomically, and the link stays a link', () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'real'));
    const target = path.join(dir, 'real', 'report.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    const link = path.join(dir, 'link.json');
    symlinkSync(path.join('real', 'report.json'), link);
    expect(writeFileSafely(link, 'new')).toBe('replaced');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join('real', 'report.json'));
    expect([readFileSync(target, 'utf8'), statSync(target).mode & 0o7777]).toEqual(['new', 0o640]);
    // The temporary file went beside the target, and is gone.
    expect([readdirSync(dir).sort(), readdirSync(path.join(dir, 'real'))]).toEqual([['link.json', 'real'], ['report.json']]);
  });

  it('creates the file a dangling symlink names, through the link', () => {
    const dir = folder();
    const link = path.join(dir, 'link.json');
    symlinkSync('later.json', link);
    expect(writeFileSafely(link, 'new')).toBe('created');
    expect([lstatSync(link).isSymbolicLink(), readFileSync(path.join(dir, 'later.json'), 'utf8')]).toEqual([true, 'new']);
  });

  it('keeps a hard link: both names still show one file, with the new content', () => {
    const dir = folder();
    const file = path.join(dir, 'a.yaml');
    writeFileSync(file, 'a much longer old content than the new one\n');
    linkSync(file, path.join(dir, 'b.yaml'));
    const inode = statSync(file).ino;
    expect(writeFileSafely(file, 'new\n')).toBe('in-place');
    expect([readFileSync(path.join(dir, 'b.yaml'), 'utf8'), statSync(file).ino, statSync(file).nlink]).toEqual(['new\n', inode, 2]);
  });

  it('leaves the target as it was, and no temporary file, when the content fails half-way', () => {
    const dir = folder();
    const file = path.join(dir, 'report.json');
    writeFileSync(file, 'old');
    function* failing() {
      yield '{"partial": ';
      throw new Error('reporter failed');
    }
    expect(thrown(() => writeFileSafely(file, failing())).message).toBe('reporter failed');
    expect([readFileSync(file, 'utf8'), readdirSync(dir)]).toEqual(['old', ['report.json']]);
  });

  it('writes the new content to a hidden temporary file beside the target (never in /tmp), then renames it over the target', () => {
    const dir = folder();
    const file = path.join(dir, 'report.json');
    writeFileSync(file, 'old');
    const seen: { names: string[]; target: string }[] = [];
    function* watching() {
      yield 'new ';
      // Half-way: readers still see the old content, and the new one waits beside it.
      seen.push({ names: readdirSync(dir).sort(), target: readFileSync(file, 'utf8') });
      yield 'content';
    }
    const inTmp = new Set(readdirSync(tmpdir()));
    expect(writeFileSafely(file, watching())).toBe('replaced');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.target).toBe('old');
    expect(seen[0]!.names).toHaveLength(2);
    expect(seen[0]!.names[0]).toMatch(/^\.report\.json\.[0-9a-f]{16}\.tmp$/);
    expect(seen[0]!.names[1]).toBe('report.json');
    expect([readFileSync(file, 'utf8'), readdirSync(dir)]).toEqual(['new content', ['report.json']]);
    expect([...readdirSync(tmpdir())].filter((n) => !inTmp.has(n) && n.endsWith('.tmp'))).toEqual([]);
  });

  it('removes its temporary file when a new file cannot be written whole, and creates nothing', () => {
    const dir = folder();
    const file = path.join(dir, 'new.json');
    function* failing() {
      yield '{';
      throw new Error('reporter failed');
    }
    expect(thrown(() => writeFileSafely(file, failing())).message).toBe('reporter failed');
    expect(readdirSync(dir)).toEqual([]);
    expect(thrown(() => writeFileSafely(file, failing(), { exclusive: true })).message).toBe('reporter failed');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a folder, and a file in a folder that is read-only or missing, each in one line', () => {
    const dir = folder();
    expect(thrown(() => writeFileSafely(dir, 'x')).message).toBe(`${dir} is a folder: not written`);
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const inLocked = path.join(locked, 'new.yaml');
    expect(thrown(() => writeFileSafely(inLocked, 'x')).message).toBe(`could not write ${inLocked}: the folder ${locked} is read-only`);
    expect(thrown(() => checkWritable(inLocked)).message).toBe(`could not write ${inLocked}: the folder ${locked} is read-only`);
    expect(thrown(() => checkFolderWritable(locked)).message).toBe(`could not write into ${locked}: the folder is read-only`);
    expect(readdirSync(locked)).toEqual([]);
    const missing = path.join(dir, 'nowhere', 'new.yaml');
    expect(thrown(() => writeFileSafely(missing, 'x')).message).toBe(`could not write ${missing}: its folder does not exist`);
  });
});

describe('links and paths that lead astray', () => {
  it('refuses a link that leads out of its folder, in one line with a hint, and writes nothing', () => {
    const dir = folder();
    const outside = path.join(folder(), 'victim.txt');
    writeFileSync(outside, 'precious');
    mkdirSync(path.join(dir, 'reports'));
    const link = path.join(dir, 'reports', 'out.sarif');
    symlinkSync(outside, link);
    const error = thrown(() => writeFileSafely(link, 'x')) as UsageError;
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`${link} links outside the folder ${path.join(dir, 'reports')}: not written`);
    expect(error.hint).toBe('write to a plain file, or remove the link');
    expect(thrown(() => checkWritable(link)).message).toBe(error.message);
    expect(readFileSync(outside, 'utf8')).toBe('precious');
    // A link to a device outside is refused the same way.
    const device = path.join(dir, 'reports', 'dev.txt');
    symlinkSync(nullDevice(), device);
    expect(thrown(() => writeFileSafely(device, 'x')).message).toBe(`${device} links outside the folder ${path.join(dir, 'reports')}: not written`);
  });

  it('follows a link that stays in its folder, hop by hop', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'real.json'), 'old');
    symlinkSync('real.json', path.join(dir, 'one.json'));
    symlinkSync('one.json', path.join(dir, 'two.json'));
    expect(writeFileSafely(path.join(dir, 'two.json'), 'new')).toBe('replaced');
    expect([readFileSync(path.join(dir, 'real.json'), 'utf8'), lstatSync(path.join(dir, 'one.json')).isSymbolicLink()]).toEqual(['new', true]);
  });

  it('stops at a loop of links with one line', () => {
    const dir = folder();
    symlinkSync('b', path.join(dir, 'a'));
    symlinkSync('a', path.join(dir, 'b'));
    const file = path.join(dir, 'a');
    expect(thrown(() => writeFileSafely(file, 'x')).message).toBe(`could not write ${file}: too many symbolic links`);
  });

  it('says which part of a path is not a folder', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'plain'), 'x');
    const file = path.join(dir, 'plain', 'report.json');
    expect(thrown(() => writeFileSafely(file, 'x')).message).toBe(`could not write ${file}: a part of its path is not a folder`);
    expect(thrown(() => checkWritable(file)).message).toBe(`could not write ${file}: a part of its path is not a folder`);
  });
});

describe('checking before the work that a file can be written', () => {
  it('passes for a new file in a writable folder and for a writable file, and leaves nothing behind', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'there.json'), 'old');
    expect(() => checkWritable(path.join(dir, 'new.json'))).not.toThrow();
    expect(() => checkWritable(path.join(dir, 'there.json'))).not.toThrow();
    expect(() => checkWritable(path.join(dir, 'new.yaml'), { exclusive: true })).not.toThrow();
    expect(() => checkFolderWritable(dir)).not.toThrow();
    expect([readdirSync(dir), readFileSync(path.join(dir, 'there.json'), 'utf8')]).toEqual([['there.json'], 'old']);
  });

  it('refuses, each in one line: a missing folder, a folder that is a file, a read-only folder', () => {
    const dir = folder();
    const missing = path.join(dir, 'nowhere', 'new.json');
    expect(thrown(() => checkWritable(missing)).message).toBe(`could not write ${missing}: its folder does not exist`);
    expect(thrown(() => checkWritable(missing, { exclusive: true })).message).toBe(`could not write ${missing}: its folder does not exist`);
    expect(thrown(() => checkFolderWritable(path.join(dir, 'nowhere'))).message).toBe(`could not write into ${path.join(dir, 'nowhere')}: the folder does not exist`);
    writeFileSync(path.join(dir, 'file'), 'x');
    expect(thrown(() => checkFolderWritable(path.join(dir, 'file'))).message).toBe(`could not write into ${path.join(dir, 'file')}: it is not a folder`);
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const error = thrown(() => checkWritable(path.join(locked, 'new.yaml'), { exclusive: true })) as UsageError;
    expect([error.message, error.hint]).toEqual([`could not write ${path.join(locked, 'new.yaml')}: the folder ${locked} is read-only`, 'make the folder writable, or write somewhere else']);
    expect((thrown(() => checkFolderWritable(locked)) as UsageError).hint).toBe('make the folder writable, or run it somewhere else');
    const readOnly = path.join(dir, 'ro.json');
    writeFileSync(readOnly, 'x');
    chmodSync(readOnly, 0o444);
    expect((thrown(() => checkWritable(readOnly)) as UsageError).hint).toBe(`make it writable (chmod u+w ${readOnly}), or write somewhere else`);
  });

  it('writes a hard-linked file in place even in a read-only folder, since no temporary file is needed', () => {
    const dir = folder();
    const file = path.join(dir, 'a.yaml');
    writeFileSync(file, 'old');
    linkSync(file, path.join(dir, 'b.yaml'));
    chmodSync(dir, 0o555);
    try {
      expect(() => checkWritable(file)).not.toThrow();
      expect(writeFileSafely(file, ['n', 'ew'])).toBe('in-place');
      expect(readFileSync(path.join(dir, 'b.yaml'), 'utf8')).toBe('new');
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

/**
 * Under mutation testing (vitest.stryker.config.ts) a mutant of write.ts may replace what a test
 * writes to: the machine's /dev/stdout and /dev/null were once replaced by regular files that way.
 * There, the standard streams are not written, and the device is a private copy of /dev/null.
 */
const MUTATING = Boolean(process.env['PARTNER_EVAL_MUTATION']);

/** A character device to write to: a private /dev/null (c 1 3) where we may make one, else /dev/null. */
function nullDevice(): string {
  const node = path.join(folder(), 'null');
  return spawnSync('mknod', ['-m', '666', node, 'c', '1', '3']).status === 0 ? node : '/dev/null';
}

describe('writing to what is not a regular file', () => {
  it.skipIf(MUTATING)("writes to this process's own standard streams as they are", () => {
    for (const alias of ['/dev/stdout', '/dev/stderr', '/dev/fd/1', '/proc/self/fd/2', `/proc/${process.pid}/fd/1`]) expect(writeFileSafely(alias, ''), alias).toBe('streamed');
  });


  it('writes /dev/null straight to the device: it stays a character device', () => {
    const device = nullDevice();
    if (MUTATING && device === '/dev/null') return;
    expect(writeFileSafely(device, 'anything')).toBe('streamed');
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it('writes a FIFO straight to its reader, and it stays a FIFO', async () => {
    const dir = folder();
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString()));
    const done = new Promise((resolve) => reader.once('close', resolve));
    expect(writeFileSafely(fifo, ['one ', 'two\n'])).toBe('streamed');
    await done;
    expect([read, lstatSync(fifo).isFIFO()]).toEqual(['one two\n', true]);
  });
});

describe('creating a file exclusively', () => {
  it('creates it where nothing is, and reports anything there (a file, a dangling link) as existing, untouched', () => {
    const dir = folder();
    const file = path.join(dir, 'new.yaml');
    expect(writeFileSafely(file, 'one', { exclusive: true })).toBe('created');
    expect(writeFileSafely(file, 'two', { exclusive: true })).toBe('exists');
    const dangling = path.join(dir, 'dangling.yaml');
    symlinkSync('elsewhere.yaml', dangling);
    expect(writeFileSafely(dangling, 'two', { exclusive: true })).toBe('exists');
    expect([readFileSync(file, 'utf8'), readdirSync(dir).sort()]).toEqual(['one', ['dangling.yaml', 'new.yaml']]);
  });
});
