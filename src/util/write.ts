import { closeSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that readers see the old content or the new, never half of it: a temporary
 * file in the same folder (same file system, so the rename is atomic), then a rename over it.
 */
export function writeFileAtomic(file: string, content: string | Iterable<string>): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    if (typeof content === 'string') writeFileSync(temporary, content, { flag: 'wx' });
    else {
      // Written piece by piece: a large report never has to be one string.
      const fd = openSync(temporary, 'wx');
      try {
        for (const chunk of content) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
    }
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // It was never created.
    }
    throw error;
  }
}
