// Reading profiles as they were at a git revision, for `check --changed-since`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { UsageError } from '../util/errors.js';
import { MAX_FILE_BYTES } from './yaml-source.js';

function git(args: string[], cwd: string, input?: string): { stdout: Buffer; ok: boolean; stderr: string } {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
  return { stdout: result.stdout ?? Buffer.alloc(0), ok: result.status === 0 && !result.error, stderr: result.stderr?.toString().trim() ?? String(result.error) };
}

export interface Revision {
  /** The commit the revision names. */
  commit: string;
  /** The repository's top folder. */
  root: string;
}

export function resolveRevision(rev: string, cwd = process.cwd()): Revision {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) throw new UsageError('--changed-since: expected a git repository, got a folder outside one');
  const commit = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd);
  if (!commit.ok) throw new UsageError(`--changed-since: expected a git revision (a commit, branch or tag), got "${rev}"`, 'in CI, fetch enough history: actions/checkout with fetch-depth: 0');
  return { commit: commit.stdout.toString().trim(), root: top.stdout.toString().trim() };
}

/** Files under `paths` (relative to cwd) in the revision's tree, relative to cwd. */
export function filesAtRevision(revision: Revision, paths: readonly string[], cwd = process.cwd()): string[] {
  const specs = paths.map((p) => path.relative(revision.root, path.resolve(cwd, p)) || '.');
  const listed = git(['ls-tree', '-r', '--name-only', '-z', revision.commit, '--', ...specs], revision.root);
  if (!listed.ok) throw new UsageError(`--changed-since: could not list the files of ${revision.commit.slice(0, 12)}: ${listed.stderr}`);
  return listed.stdout
    .toString()
    .split('\0')
    // `git cat-file --batch` reads one name a line: a name with a line break would shift every
    // answer after it onto the wrong file, so such a file is left out of the base.
    .filter((name) => name !== '' && !name.includes('\n'))
    .map((name) => path.relative(cwd, path.join(revision.root, name)));
}

/**
 * The contents of files at the revision, read in one `git cat-file --batch`; absent files are left
 * out, and a file over `maxBytes` is its size alone: sizes are asked first, so no file past the
 * bound is ever read into memory.
 */
export function readAtRevision(revision: Revision, files: readonly string[], cwd = process.cwd(), maxBytes = MAX_FILE_BYTES): Map<string, Buffer | number> {
  const contents = new Map<string, Buffer | number>();
  if (files.length === 0) return contents;
  const objects = files.map((f) => `${revision.commit}:${path.relative(revision.root, path.resolve(cwd, f)).split(path.sep).join('/')}`);
  const sizes = git(['cat-file', '--batch-check=%(objectsize)'], revision.root, objects.map((o) => `${o}\n`).join(''));
  if (!sizes.ok) throw new UsageError(`--changed-since: could not read files at ${revision.commit.slice(0, 12)}: ${sizes.stderr}`);
  const wanted: number[] = [];
  sizes.stdout.toString().split('\n').slice(0, files.length).forEach((line, i) => {
    if (line.endsWith(' missing')) return;
    const size = Number(line);
    if (size > maxBytes) contents.set(files[i]!, size);
    else wanted.push(i);
  });
  if (wanted.length === 0) return contents;
  const result = git(['cat-file', '--batch'], revision.root, wanted.map((i) => `${objects[i]}\n`).join(''));
  if (!result.ok) throw new UsageError(`--changed-since: could not read files at ${revision.commit.slice(0, 12)}: ${result.stderr}`);
  const out = result.stdout;
  let offset = 0;
  for (const i of wanted) {
    const end = out.indexOf(10, offset);
    const header = out.subarray(offset, end).toString();
    offset = end + 1;
    if (header.endsWith(' missing')) continue;
    const size = Number(header.split(' ')[2]);
    contents.set(files[i]!, out.subarray(offset, offset + size));
    offset += size + 1;
  }
  return contents;
}
