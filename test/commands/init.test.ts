// `init` creates each file through a temporary file with a random name, created exclusively: a
// name planted where it used to write (`<file>.<pid>.tmp`) is never written through.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { init } from '../../src/commands/init.js';

describe('init', () => {
  it('never writes through a planted link at a predictable temporary name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-init-'));
    const victim = path.join(mkdtempSync(path.join(tmpdir(), 'pe-victim-')), 'victim.txt');
    writeFileSync(victim, 'untouched');
    mkdirSync(path.join(dir, 'profiles'));
    for (const name of ['.partner-eval.yaml', 'README.md', path.join('profiles', 'example.yaml')]) symlinkSync(victim, path.join(dir, `${name}.${process.pid}.tmp`));
    const out: string[] = [];
    expect(init({ dir }, (t) => out.push(t))).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toMatch(/^# Partner profiles/);
    // No temporary file of its own is left behind.
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp') && !n.includes(String(process.pid)))).toEqual([]);
  });

  it('keeps an existing file, even a dangling link, and refuses a read-only folder in one line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-init-'));
    symlinkSync('nowhere.md', path.join(dir, 'README.md'));
    const out: string[] = [];
    init({ dir }, (t) => out.push(t));
    expect(out.join('')).toMatch(/kept {4}.*README\.md \(it exists; not overwritten\)/);
    expect(existsSync(path.join(dir, 'nowhere.md'))).toBe(false);
    const locked = mkdtempSync(path.join(tmpdir(), 'pe-init-'));
    chmodSync(locked, 0o555);
    expect(() => init({ dir: locked }, () => undefined)).toThrow(`could not write ${path.join(locked, '.partner-eval.yaml')}: the folder ${locked} is read-only`);
    expect(readdirSync(locked)).toEqual([]);
  });
});
