// The build as a user runs it: precompiled rubrics that follow the rubric text on disk. Each test
// runs a copy of the built package, so that it can change the copy's files without touching the
// checkout's.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './exec.js';

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
