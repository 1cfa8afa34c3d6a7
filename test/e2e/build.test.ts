// The build as a user runs it: precompiled rubrics that follow the rubric text on disk, --debug
// traces that name src/ files through the source maps, and a code cache only in a directory
// nobody else can write. Each test runs a copy of the built package, so that it can change the
// copy's files (a rubric, dist/.cache, the temp folder) without touching the checkout's.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, run, STACK_TRACE } from './exec.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

interface Copy {
  root: string;
  /** The copy's temp folder (TMPDIR), where the code cache goes when dist/ will not do. */
  tmp: string;
  run(args: string[]): { code: number | null; stdout: string; stderr: string };
}

/** The built package (as `files` in package.json ships it, without a code cache), in a folder of its own. */
function copyPackage(): Copy {
  const base = mkdtempSync(path.join(tmpdir(), 'pe-build-'));
  made.push(base);
  const root = path.join(base, 'partner-eval');
  const tmp = path.join(base, 'tmp');
  mkdirSync(tmp);
  for (const entry of ['bin', 'dist', 'rubrics', 'examples', 'package.json']) {
    cpSync(path.join(ROOT, entry), path.join(root, entry), { recursive: true, filter: (source) => path.basename(source) !== '.cache' });
  }
  // The externals (the prompts, re2js) load from here, as from an installed package's dependencies.
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  return {
    root,
    tmp,
    run(args) {
      const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, TMPDIR: tmp, NODE_COMPILE_CACHE: undefined };
      for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
      const r = spawnSync(process.execPath, [path.join(root, 'bin', 'partner-eval.js'), ...args], { cwd: root, env, encoding: 'utf8', timeout: 15_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
  };
}

const uid = process.getuid!();
const isRoot = uid === 0;
const mode = (dir: string) => statSync(dir).mode & 0o777;
const ownCacheInTmp = (copy: Copy) => path.join(copy.tmp, `partner-eval-${uid}`);

describe('precompiled rubrics', () => {
  const RULE = 'no-skin-in-the-game';
  const TITLE = 'title: No skin in the game';

  it('are used while the rubric text on disk is what they were compiled from', () => {
    const copy = copyPackage();
    // A mark only the compiled file has: seen in the output, it says the JSON was read.
    const json = path.join(copy.root, 'dist', 'rubrics', 'default.json');
    writeFileSync(json, readFileSync(json, 'utf8').replace('"title":"No skin in the game"', '"title":"Title from the JSON"'));
    const r = copy.run(['explain', RULE]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Title from the JSON (${RULE})`);
  });

  it('give way to the YAML once it differs, however old its modification time', () => {
    const copy = copyPackage();
    const json = path.join(copy.root, 'dist', 'rubrics', 'default.json');
    writeFileSync(json, readFileSync(json, 'utf8').replace('"title":"No skin in the game"', '"title":"Title from the JSON"'));
    const yamlFile = path.join(copy.root, 'rubrics', 'default.yaml');
    const text = readFileSync(yamlFile, 'utf8');
    expect(text).toContain(TITLE);
    writeFileSync(yamlFile, text.replace(TITLE, 'title: Title from the YAML'));
    // Older than the compiled files, as a checkout or an unpacked archive may leave it: a rule of
    // "use the JSON when it is newer" would use the stale one.
    utimesSync(yamlFile, new Date('2001-01-01'), new Date('2001-01-01'));
    for (const rubric of ['default', 'reseller']) {
      // reseller extends default: its compiled file is as stale.
      const r = copy.run(['explain', RULE, '--rubric', rubric]);
      expect(r.stderr, rubric).toBe('');
      expect(r.stdout, rubric).toContain(`Title from the YAML (${RULE})`);
      expect(r.stdout, rubric).not.toContain('Title from the JSON');
    }
  });
});

describe('--debug', () => {
  // A real internal error, with no hook for tests: the working folder was removed under the shell
  // (a deleted checkout or worktree), so process.cwd() fails where the tool first asks for it.
  // Should the tool come to report this as a usage error, this test needs another trigger.
  function inRemovedFolder(args: string[]) {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-gone-'));
    return spawnSync('sh', ['-c', 'cd "$1" && rmdir "$1" && shift && exec "$@"', 'sh', dir, process.execPath, BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 15_000 });
  }
  const acme = path.join(ROOT, 'examples', 'acme.yaml');

  it("prints an internal error's stack trace with the src/ files and lines it happened in", () => {
    const r = inRemovedFolder(['assess', acme, '--debug']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^partner-eval: internal error: /);
    expect(r.stderr).toMatch(STACK_TRACE);
    expect(r.stderr).toMatch(new RegExp(`^\\s+at .*\\(${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/src/[\\w/-]+\\.ts:\\d+:\\d+\\)$`, 'm'));
    // Every frame of the tool is mapped: none is left in the minified bundle.
    expect(r.stderr).not.toContain('dist/cli.cjs');
  });

  it('is the only way to a stack trace: without it, the same error says how to get one', () => {
    const r = inRemovedFolder(['assess', acme]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^partner-eval: internal error: .*\nThis is a bug; please report it .*add --debug/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('leaves a run without an error as it is', () => {
    expect(run(['assess', 'examples/acme.yaml', '--debug', '--today', '2025-06-01'])).toEqual(run(['assess', 'examples/acme.yaml', '--today', '2025-06-01']));
  });
});

describe('the code cache', () => {
  const assess = ['assess', 'examples/acme.yaml', '--today', '2025-06-01'];
  const expected = () => run(assess);

  it('is kept next to the bundle, in a directory only its owner can use', () => {
    const copy = copyPackage();
    expect(copy.run(assess)).toEqual(expected());
    const cache = path.join(copy.root, 'dist', '.cache');
    expect(mode(cache)).toBe(0o700);
    expect(statSync(cache).uid).toBe(uid);
    expect(readdirSync(cache)).not.toEqual([]);
    expect(readdirSync(copy.tmp)).toEqual([]);
  });

  it('goes to an owner-only directory of the temp folder when the one in dist/ is open to others', () => {
    const copy = copyPackage();
    const loose = path.join(copy.root, 'dist', '.cache');
    mkdirSync(loose);
    chmodSync(loose, 0o777);
    expect(copy.run(assess)).toEqual(expected());
    expect(readdirSync(loose)).toEqual([]);
    const own = ownCacheInTmp(copy);
    expect(mode(own)).toBe(0o700);
    expect(statSync(own).uid).toBe(uid);
    expect(readdirSync(own)).not.toEqual([]);
    // The next run finds it there and writes nothing new.
    const before = readdirSync(own).map((name) => [name, statSync(path.join(own, name)).mtimeMs]);
    expect(copy.run(assess)).toEqual(expected());
    expect(readdirSync(own).map((name) => [name, statSync(path.join(own, name)).mtimeMs])).toEqual(before);
  });

  it('is not kept in, or read from, a directory planted where it would go: open to others, or a link', () => {
    const copy = copyPackage();
    const loose = path.join(copy.root, 'dist', '.cache');
    mkdirSync(loose);
    chmodSync(loose, 0o777);
    // Another user's folder, linked where ours would be, with a cache file of theirs in it.
    const theirs = path.join(copy.tmp, 'theirs');
    mkdirSync(theirs, { mode: 0o700 });
    const planted = path.join(theirs, `${process.version}-${process.arch}-assess.v8cache`);
    writeFileSync(planted, 'not V8 code');
    writeFileSync(path.join(loose, `${process.version}-${process.arch}-assess.v8cache`), 'not V8 code');
    symlinkSync(theirs, ownCacheInTmp(copy));
    expect(copy.run(assess)).toEqual(expected());
    expect(readdirSync(theirs)).toEqual([path.basename(planted)]);
    expect(readFileSync(planted, 'utf8')).toBe('not V8 code');
    expect(readdirSync(loose)).toEqual([path.basename(planted)]);
    expect(readFileSync(path.join(loose, path.basename(planted)), 'utf8')).toBe('not V8 code');
  });

  // Only root can give a folder to another user; root can also write into any folder, so only the
  // owner check keeps the cache out of it.
  it.runIf(isRoot)("is not kept in another user's directory, even one closed to others, unless they own the bundle too", () => {
    const copy = copyPackage();
    const nobody = 65534;
    const dirs = [path.join(copy.root, 'dist', '.cache'), ownCacheInTmp(copy)];
    for (const dir of dirs) {
      mkdirSync(dir, { mode: 0o700 });
      chownSync(dir, nobody, nobody);
    }
    expect(copy.run(assess)).toEqual(expected());
    for (const dir of dirs) expect(readdirSync(dir), dir).toEqual([]);
    // Whoever owns the bundle decides what runs anyway (an install by root, a CI image), so a
    // cache of theirs is as good as the bundle.
    chownSync(path.join(copy.root, 'dist', 'cli.cjs'), nobody, nobody);
    expect(copy.run(assess)).toEqual(expected());
    expect(readdirSync(dirs[0]!)).not.toEqual([]);
  });
});
