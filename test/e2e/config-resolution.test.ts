// Where the rubric comes from, for every command that takes --rubric: the option, else the
// config's `rubric`, else the built-in default. A command reads .partner-eval.yaml only when it
// needs something from it, so a broken config never stops `rubric lint` or `explain --rubric`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './exec.js';

function folderWithConfig(config: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-config-'));
  writeFileSync(path.join(dir, '.partner-eval.yaml'), config);
  return dir;
}

describe('rubric and config', () => {
  it("uses the config's rubric unless --rubric names another", () => {
    const cwd = folderWithConfig('version: 1\nrubric: reseller\n');
    expect(run(['rules'], { cwd }).stdout).toMatch(/^Rubric reseller /);
    expect(run(['rules', '--rubric', 'services'], { cwd }).stdout).toMatch(/^Rubric services /);
    const noConfig = mkdtempSync(path.join(tmpdir(), 'pe-config-'));
    expect(run(['rules'], { cwd: noConfig }).stdout).toMatch(/^Rubric default /);
  });

  it('reads a broken config only when it needs it, and then says where it is broken', () => {
    const cwd = folderWithConfig('version: 1\nrubric: 3\n');
    for (const args of [['explain', 'stale-review', '--rubric', 'default'], ['rubric', 'lint', 'default'], ['schema']]) {
      const r = run(args, { cwd });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr).toBe('');
    }
    for (const args of [['explain', 'stale-review'], ['rules'], ['check']]) {
      const r = run(args, { cwd });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('.partner-eval.yaml:2:9 rubric: expected text, got 3');
      expect(r.stdout).toBe('');
    }
  });
});
