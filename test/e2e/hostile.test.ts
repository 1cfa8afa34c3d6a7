// `check` on hostile repositories: every oddity is a located error or skipped, never a crash or a
// hang, and the good profiles beside them are still judged.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, STACK_TRACE } from './exec.js';

interface Report {
  partners: { id: string }[];
  problems: { file: string; line: number; message: string }[];
  summary: { invalidFiles: number };
}

function check(dir: string, env: Record<string, string> = {}): { code: number | null; report: Report; stderr: string; peakMb: number } {
  const rss = path.join(dir, '..', `${path.basename(dir)}-rss.txt`);
  const r = spawnSync(process.execPath, ['--require', path.join(ROOT, 'scripts', 'record-peak-memory.cjs'), BIN, 'check', '.', '--format', 'json', '--fail-on', 'never'], { cwd: dir, encoding: 'utf8', timeout: 180_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', PARTNER_EVAL_PEAK_MEMORY_FILE: rss, ...env } });
  return { code: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr, peakMb: Number(readFileSync(rss, 'utf8')) / 1024 };
}

describe('check on a hostile repository', () => {
  it('reports loops, huge, binary, nested and special files, and judges the good profile', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-hostile-'));
    writeFileSync(path.join(dir, 'good.yaml'), readFileSync(path.join(ROOT, 'examples', 'joint-product.yaml')));
    symlinkSync('.', path.join(dir, 'loop')); // a folder that contains itself
    symlinkSync('b.yaml', path.join(dir, 'a.yaml')); // two files that point at each other
    symlinkSync('a.yaml', path.join(dir, 'b.yaml'));
    writeFileSync(path.join(dir, 'huge.yaml'), Buffer.alloc(50 * 1024 * 1024, 0x61));
    writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xfe]));
    writeFileSync(path.join(dir, 'deep.yaml'), `version: 1\npartner: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    mkdirSync(path.join(dir, 'folder.yaml'));
    spawnSync('mkfifo', [path.join(dir, 'pipe-target')]);
    symlinkSync('pipe-target', path.join(dir, 'pipe.yaml')); // a pipe that would block a read forever
    const { code, report, stderr } = check(dir);
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(code).toBe(2);
    expect(report.partners.map((p) => p.id)).toEqual(['good']);
    const byFile = Object.fromEntries(report.problems.map((p) => [p.file, `${p.line} ${p.message}`]));
    expect(byFile['a.yaml']).toBe('1 expected a profile, got links that loop');
    expect(byFile['b.yaml']).toBe('1 expected a profile, got links that loop');
    expect(byFile['huge.yaml']).toBe('1 expected a profile of at most 1 MB, got 50.0 MB');
    expect(byFile['binary.yaml']).toBe('1 expected UTF-8 text, got an invalid byte 0x89');
    expect(byFile['deep.yaml']).toBe('2 expected at most 64 levels of nesting, got more');
    expect(byFile['pipe.yaml']).toBe('1 expected a profile, got a named pipe: not read');
    expect(Object.keys(byFile).some((f) => f.startsWith('loop/'))).toBe(false);
  });

  it('reads 100,000 tiny files in bounded memory', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-many-'));
    for (let g = 0; g < 100; g++) {
      const group = path.join(dir, `g${g}`);
      mkdirSync(group);
      for (let i = 0; i < 1000; i++) writeFileSync(path.join(group, `p${g}-${i}.yaml`), `version: 1\npartner: { name: P${g}-${i} }\n`);
    }
    // Annotations only: the JSON report of 100,000 profiles full of open questions is larger than
    // any string a test could parse.
    const rss = `${dir}-rss.txt`;
    const r = spawnSync(process.execPath, ['--require', path.join(ROOT, 'scripts', 'record-peak-memory.cjs'), BIN, 'check', '.', '--format', 'github'], { cwd: dir, encoding: 'utf8', timeout: 600_000, env: { ...process.env, PARTNER_EVAL_PEAK_MEMORY_FILE: rss } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // A name and nothing else: every one unsettled, held at CONDITIONAL (nothing is known to fail on).
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('partner-eval: 100000 partner(s): 0 NO-GO, 100000 CONDITIONAL, 0 GO; 100000 unsettled; 0 invalid file(s).');
    // The report is held whole until it is written: about 11 KB a profile (docs/robustness.md).
    expect(Number(readFileSync(rss, 'utf8')) / 1024).toBeLessThan(1536);
  }, 600_000);
});
