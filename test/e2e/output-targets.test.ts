// `--output` respects what is already there (src/util/write.ts, docs/robustness.md): a device or
// /dev/stdout is written straight to and stays what it was, a symlink is written through, a
// file's mode is kept, a read-only file is refused in one line with exit 2, never an internal
// error. The tests run as root, so "read-only" is the owner's write bit.
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, run, STACK_TRACE } from './exec.js';

const ACME = ['assess', path.join(ROOT, 'examples', 'acme.yaml'), '--today', '2026-11-22'];
const folder = () => mkdtempSync(path.join(tmpdir(), 'pe-output-'));

describe('--output', () => {
  it('to /dev/stdout writes the report on stdout, also when stdout is a file with lines before it', () => {
    const piped = run([...ACME, '--format', 'json', '--output', '/dev/stdout']);
    expect([piped.code, piped.stderr]).toEqual([1, '']);
    expect(JSON.parse(piped.stdout)).toMatchObject({ reportVersion: 1 });
    // A file stdout was redirected to is appended to, not replaced (what came before stays).
    const dir = folder();
    const out = path.join(dir, 'out.json');
    const redirected = spawnSync('sh', ['-c', `{ echo before; "${process.execPath}" "${BIN}" ${ACME.map((a) => `'${a}'`).join(' ')} --format json --output /dev/stdout; } > '${out}'`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect([redirected.status, redirected.stderr]).toEqual([1, '']);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('before\n{')).toBe(true);
    expect(JSON.parse(text.slice('before\n'.length))).toMatchObject({ reportVersion: 1 });
    expect(lstatSync(out).isFile()).toBe(true);
  });

  it('to /dev/null writes to the device, which stays a device', () => {
    const r = run([...ACME, '--output', '/dev/null']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', '']);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('to a symlink writes its target and keeps the link; keeps the target\'s mode', () => {
    const dir = folder();
    const target = path.join(dir, 'report.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const link = path.join(dir, 'latest.json');
    symlinkSync('report.json', link);
    const r = run([...ACME, '--format', 'json', '--output', link]);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', '']);
    expect([lstatSync(link).isSymbolicLink(), readlinkSync(link), statSync(target).mode & 0o7777]).toEqual([true, 'report.json', 0o600]);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ reportVersion: 1 });
    expect(readdirSync(dir).sort()).toEqual(['latest.json', 'report.json']);
  });

  it('never writes through a link out of the repository (a pull request can commit one)', () => {
    const outer = folder();
    const victim = path.join(outer, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const repo = path.join(outer, 'repo');
    spawnSync('git', ['init', '-q', repo]);
    writeFileSync(path.join(repo, 'acme.yaml'), readFileSync(path.join(ROOT, 'examples', 'acme.yaml')));
    symlinkSync('../victim.txt', path.join(repo, 'partner-eval.sarif'));
    symlinkSync('/dev/full', path.join(repo, 'disk.sarif'));
    for (const [name, why] of [['partner-eval.sarif', 'links outside the repository'], ['disk.sarif', 'links outside the repository']] as const) {
      const r = run(['check', 'acme.yaml', '--format', 'sarif', '--output', name, '--fail-on', 'never'], { cwd: repo });
      expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, `partner-eval: --output: ${name} ${why}: not written`]);
    }
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
  });

  it('refuses a read-only file in one line, exit 2, and leaves it as it was', () => {
    const dir = folder();
    const file = path.join(dir, 'report.json');
    writeFileSync(file, 'kept');
    chmodSync(file, 0o444);
    const r = run([...ACME, '--output', file]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`partner-eval: --output: ${file} is read-only: not written\n  hint: make it writable (chmod u+w ${file}), or write somewhere else\n`);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect([readFileSync(file, 'utf8'), readdirSync(dir)]).toEqual(['kept', ['report.json']]);
  });

  it('says plainly when the target is a folder or its folder is missing or read-only', () => {
    const dir = folder();
    const locked = path.join(dir, 'locked');
    spawnSync('mkdir', ['-m', '555', locked]);
    const cases: [string, string][] = [
      [dir, `${dir} is a folder: not written`],
      [path.join(dir, 'nowhere', 'r.json'), `could not write ${path.join(dir, 'nowhere', 'r.json')}: its folder does not exist`],
      [path.join(locked, 'r.json'), `could not write ${path.join(locked, 'r.json')}: the folder ${locked} is read-only`],
    ];
    for (const [output, message] of cases) {
      const r = run([...ACME, '--output', output]);
      expect([r.code, r.stdout, r.stderr.split('\n')[0]]).toEqual([2, '', `partner-eval: --output: ${message}`]);
    }
    expect(readdirSync(locked)).toEqual([]);
  });
});
