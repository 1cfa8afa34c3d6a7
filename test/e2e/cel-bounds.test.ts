// CEL cannot hang a run, end to end: the built binary stops a rule past its budget with a located
// rubric problem and exit 2, within a time bound; a rubric test file's impossible `today` is a
// located problem too, not an internal error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, STACK_TRACE } from './exec.js';

const RULE = 'version: 1\nname: hostile\nextends: [default]\nrules:\n  - id: nested\n    title: Nested\n    scope: partner\n    severity: low\n    when: partner.investments.all(a, partner.investments.all(b, a.amount <= b.amount || b.amount <= a.amount))\n    message: m\n    mitigation: x\n    rationale: y\n';

describe('CEL on hostile input, through the binary', () => {
  it('stops nested macros over a large list with a located problem and exit 2', { timeout: 30_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-cel-e2e-'));
    writeFileSync(path.join(dir, 'hostile.yaml'), RULE);
    const entries = Array.from({ length: 1000 }, (_, i) => `    - { by: us, kind: engineering, amount: ${i + 1} }`).join('\n');
    writeFileSync(path.join(dir, 'big.yaml'), `version: 1\npartner:\n  id: big\n  name: Big\n  investments:\n${entries}\n`);
    const r = run(['assess', 'big.yaml', '--rubric', './hostile.yaml', '--today', '2026-11-22'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^hostile\.yaml:9:11 rules\[0\]\.when: rule "nested" on partner "big" \(big\.yaml\): expected at most 100,000 macro iterations per rule and entity, got more\n/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('says the same from check with worker threads (the problem crosses threads as a rubric problem)', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-cel-workers-'));
    writeFileSync(path.join(dir, 'hostile.yaml'), RULE);
    const entries = Array.from({ length: 1000 }, (_, i) => `    - { by: us, kind: engineering, amount: ${i + 1} }`).join('\n');
    writeFileSync(path.join(dir, 'big.yaml'), `version: 1\npartner:\n  id: big\n  name: Big\n  investments:\n${entries}\n`);
    writeFileSync(path.join(dir, 'small.yaml'), 'version: 1\npartner: { name: Small }\n');
    const r = run(['check', 'big.yaml', 'small.yaml', '--rubric', './hostile.yaml', '--today', '2026-11-22'], { cwd: dir, env: { PARTNER_EVAL_WORKERS: '2' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hostile\.yaml:9:11 rules\[0\]\.when: rule "nested" on partner "big" \(big\.yaml\): expected at most 100,000 macro iterations per rule and entity, got more\n/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('reports `today: 2026-99-99` in a rubric test file at its line, and exits 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-rubric-today-'));
    writeFileSync(path.join(dir, 'cases.yaml'), 'version: 1\ntoday: 2026-99-99\ncases:\n  - name: x\n    partner: { name: P }\n    expect: { verdict: GO }\n');
    const r = run(['rubric', 'test', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cases\.yaml:2:8 today: expected a date as YYYY-MM-DD/);
    expect(r.stderr).not.toMatch(/internal error/);
    // A date of the right shape that the calendar does not have: the format's own check.
    writeFileSync(path.join(dir, 'cases.yaml'), 'version: 1\ntoday: 2026-02-30\ncases:\n  - name: x\n    partner: { name: P, reviewed: 2026-01-01 }\n    expect: { verdict: GO }\n');
    const feb = run(['rubric', 'test', dir]);
    expect([feb.code, feb.stdout]).toEqual([2, '']);
    expect(feb.stderr).toMatch(/cases\.yaml:2:8 today: expected a date that exists on the calendar, got "2026-02-30"/);
  });
});
