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

describe('init and package.json', () => {
  const version = (JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  const scaffold = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-init-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const out: string[] = [];
    const code = init({ dir }, (t) => out.push(t));
    return { dir, code, out: out.join(''), pkg: () => readFileSync(path.join(dir, 'package.json'), 'utf8') };
  };

  it('writes a private package.json with partner-eval pinned to this version, and a .gitignore', () => {
    const { code, out, pkg, dir } = scaffold({});
    expect(code).toBe(0);
    expect(JSON.parse(pkg())).toEqual({ private: true, description: 'Partner profiles, checked by partner-eval', devDependencies: { 'partner-eval': version } });
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toMatch(/^node_modules\/$/m);
    expect(out).toMatch(/^created .*package\.json$/m);
    expect(out).toMatch(new RegExp(`^  npm install +# installs partner-eval ${version.replace(/\./g, '\\.')}; commit package\\.json and package-lock\\.json$`, 'm'));
  });

  it('adds partner-eval to an existing package.json, keeping everything else and its indent', () => {
    const existing = '{\n    "name": "partners",\n    "scripts": { "lint": "x" },\n    "devDependencies": {\n        "prettier": "3.0.0"\n    }\n}\n';
    const { code, out, pkg } = scaffold({ 'package.json': existing });
    expect(code).toBe(0);
    expect(pkg()).toBe(`{\n    "name": "partners",\n    "scripts": {\n        "lint": "x"\n    },\n    "devDependencies": {\n        "prettier": "3.0.0",\n        "partner-eval": "${version}"\n    }\n}\n`);
    expect(out).toMatch(new RegExp(`^updated .*package\\.json \\(partner-eval ${version.replace(/\./g, '\\.')} added to devDependencies\\)$`, 'm'));
    // One without devDependencies, tab-indented, CRLF.
    expect(scaffold({ 'package.json': '{\r\n\t"name": "p"\r\n}' }).pkg()).toBe(`{\r\n\t"name": "p",\r\n\t"devDependencies": {\r\n\t\t"partner-eval": "${version}"\r\n\t}\r\n}`);
  });

  it('keeps a package.json that has partner-eval already, whatever the version', () => {
    const existing = '{ "dependencies": { "partner-eval": "^0.0.9" } }';
    const { code, out, pkg } = scaffold({ 'package.json': existing });
    expect([code, pkg()]).toEqual([0, existing]);
    expect(out).toMatch(/^kept {4}.*package\.json \(it has partner-eval \^0\.0\.9 in dependencies\)$/m);
  });

  it('says what to do with a package.json it cannot read as one, scaffolds the rest and exits 2', () => {
    for (const [text, why] of [
      ['{ "name": ', 'it is not valid JSON'],
      ['[]', 'it is not a JSON object'],
      ['{ "devDependencies": "none" }', 'its devDependencies is not an object'],
    ]) {
      const { code, out, pkg, dir } = scaffold({ 'package.json': text! });
      expect([code, pkg()]).toEqual([2, text]);
      expect(out).toContain(`package.json (${why}; add "partner-eval": "${version}" to its devDependencies yourself)`);
      expect(existsSync(path.join(dir, '.github/workflows/partner-eval.yml'))).toBe(true);
    }
  });
});
