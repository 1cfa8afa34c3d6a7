// Reading a profile to answer questions about it, and writing the answers back, so that nothing
// but the answers changes: a byte-order mark, CRLF line ends and a missing final newline survive,
// and a file changed on disk meanwhile is never written over. A file that could not be written back
// (read-only, in a read-only folder) is refused when it is read, before the first question.
import { problem, wholeFile } from '../util/problems.js';
import { readFileSync, statSync } from 'node:fs';
import { decodeUtf8, MAX_FILE_BYTES } from '../format/yaml-source.js';
import { InputError, UsageError } from '../util/errors.js';
import { checkWritable, writeFileSafely } from '../util/write.js';

export interface ProfileFile {
  file: string;
  /** The text without its byte-order mark: what the loader and write-back read. */
  text: string;
  /** The bytes as read, to write back only over exactly these. */
  bytes: Buffer;
  hasBom: boolean;
}

export function readProfileFile(file: string, retry: string): ProfileFile {
  let bytes: Buffer;
  try {
    // The loader's bounds, before reading: a device or FIFO would never end, and a file it would
    // refuse to judge after the answers is refused before the questions.
    const stat = statSync(file);
    if (!stat.isFile()) throw new UsageError(`${file} is not a regular file: not read`, retry);
    if (stat.size > MAX_FILE_BYTES) throw new InputError([problem('too-large', wholeFile(file), { maxBytes: MAX_FILE_BYTES, bytes: stat.size })]);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) throw error;
    throw new UsageError(`could not read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, retry);
  }
  const decoded = decodeUtf8(file, bytes);
  if ('problem' in decoded) throw new InputError([decoded.problem]);
  checkWritable(file);
  return { file, text: decoded.text, bytes, hasBom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf };
}

/** Writes `text` over the file read as `original`, unless the file changed on disk since; with its byte-order mark, when it had one. */
export function writeProfileFile(original: ProfileFile, text: string, retry: string): void {
  let now: Buffer | undefined;
  try {
    now = readFileSync(original.file);
  } catch {
    now = undefined;
  }
  if (!now?.equals(original.bytes)) throw new UsageError(`${original.file} changed on disk since it was read; nothing was written`, retry);
  writeFileSafely(original.file, original.hasBom ? `\uFEFF${text}` : text);
}
