// Reading profiles, the rubric and the config as they were at a git revision, for
// `check --changed-since`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { UsageError } from '../util/errors.js';
import type { ReadOutcome } from './read-file.js';
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

/**
 * Where a branch left `revision`: the merge base of the revision and HEAD. What the base branch
 * did after that is not the branch's change, so it is compared with the merge base, not the tip
 * (on a pull request's merge commit, the merge base is the base branch's tip, which is right too).
 */
export function mergeBase(revision: Revision, rev: string): Revision {
  const base = git(['merge-base', revision.commit, 'HEAD'], revision.root);
  if (!base.ok) throw new UsageError(`--changed-since: expected "${rev}" and HEAD to share history, got no merge base${base.stderr ? ` (${base.stderr.split('\n')[0]})` : ''}`, 'in CI, fetch enough history: actions/checkout with fetch-depth: 0');
  return { commit: base.stdout.toString().trim().split('\n')[0]!, root: revision.root };
}

/**
 * Files renamed since the revision (to the working tree, as git sees it: committed or staged), as
 * new name → old name, both relative to cwd. Only renames within `paths` are followed: a file moved
 * in from elsewhere is new to the paths.
 */
export function renamesSince(revision: Revision, paths: readonly string[], cwd = process.cwd()): Map<string, string> {
  const specs = paths.map((p) => path.relative(revision.root, path.resolve(cwd, p)) || '.');
  const diff = git(['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '--name-status', '-z', revision.commit, '--', ...specs], revision.root);
  if (!diff.ok) throw new UsageError(`--changed-since: could not compare with ${revision.commit.slice(0, 12)}: ${diff.stderr}`);
  const fields = diff.stdout.toString().split('\0');
  const renames = new Map<string, string>();
  const local = (name: string) => path.relative(cwd, path.join(revision.root, name));
  for (let i = 0; i < fields.length; ) {
    const status = fields[i]!;
    if (status === '') break;
    // A rename or copy names two paths (from, to); every other status names one.
    if (status.startsWith('R') || status.startsWith('C')) {
      if (status.startsWith('R')) renames.set(local(fields[i + 2]!), local(fields[i + 1]!));
      i += 3;
    } else i += 2;
  }
  return renames;
}

/**
 * One file as it was at the revision, refused as a file on disk would be: a link (git keeps its
 * target's name, not a file), a folder, a submodule or a file over `maxBytes` is not read.
 */
export function readOneAtRevision(revision: Revision, file: string, options: { what?: string; maxBytes?: number } = {}, cwd = process.cwd()): ReadOutcome {
  const what = options.what ?? 'file';
  const name = path.relative(revision.root, path.resolve(cwd, file));
  if (name === '' || name.startsWith('..') || path.isAbsolute(name)) return { refusal: 'outside', reason: 'is outside the repository: not read' };
  if (name.split(path.sep).includes('.git')) return { refusal: 'outside', reason: 'is inside .git, which is not part of the repository: not read' };
  const entry = git(['ls-tree', '-z', revision.commit, '--', name.split(path.sep).join('/')], revision.root);
  if (!entry.ok) throw new UsageError(`--changed-since: could not list ${name} at ${revision.commit.slice(0, 12)}: ${entry.stderr}`);
  // "<mode> <type> <object>\t<name>"; nothing when the revision has no such file.
  const listed = entry.stdout.toString().split('\0')[0] ?? '';
  const mode = listed.split(' ')[0];
  const at = ` at ${revision.commit.slice(0, 12)}`;
  if (listed === '') return { refusal: 'missing', reason: `expected a ${what}, got nothing${at}: no such file` };
  if (mode === '040000') return { refusal: 'directory', reason: `expected a ${what}, got a directory${at}` };
  if (mode !== '100644' && mode !== '100755') return { refusal: 'not-regular', reason: `expected a ${what}, got ${mode === '120000' ? 'a link' : 'a submodule'}${at}: not read` };
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const read = readAtRevision(revision, [file], cwd, maxBytes).get(file);
  if (read === undefined) return { refusal: 'missing', reason: `expected a ${what}, got nothing${at}: no such file` };
  if (typeof read === 'number') return { refusal: 'too-large', reason: `expected a ${what} of at most ${maxBytes / (1024 * 1024)} MB, got ${(read / (1024 * 1024)).toFixed(1)} MB${at}` };
  return { bytes: read };
}
