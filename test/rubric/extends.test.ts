// `extends` on hostile rubric trees: each file is read once (a diamond costs linear time), the
// depth is bounded, and a path an entry names must stay inside the top rubric's repository. Each
// is a located problem at the entry that names the file, never an internal error or a leak.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRubricFile, MAX_EXTENDS_DEPTH } from '../../src/rubric/load.js';
import { formatProblem, RubricError } from '../../src/util/errors.js';

function problemsOf(file: string): string[] {
  try {
    compileRubricFile(file);
  } catch (error) {
    if (error instanceof RubricError) return error.problems.map((p) => formatProblem(p).replace(path.relative(process.cwd(), path.dirname(file)), 'D'));
    throw error;
  }
  return [];
}

const rule = (id: string) => `rules:\n  - id: ${id}\n    title: T\n    scope: partner\n    severity: low\n    when: partner.keyPeople.singleContact\n    message: m\n    mitigation: x\n    rationale: y\n`;

describe('extends', () => {
  it('reads each rubric of a diamond once: depth 20, each extending the next twice, in linear time', { timeout: 10_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-diamond-'));
    // r0 → [a1, b1], a1 and b1 → [a2, b2], … : 2^20 paths to r20 when each path is walked.
    for (let level = 20; level >= 0; level--) {
      const next = level === 20 ? '' : `extends: [a${level + 1}.yaml, b${level + 1}.yaml]\n`;
      for (const side of level === 0 ? ['r'] : ['a', 'b']) writeFileSync(path.join(dir, `${side}${level}.yaml`), `version: 1\nname: ${side}${level}\n${next}${rule(`${side}-${level}`)}`);
    }
    const rubric = compileRubricFile(path.join(dir, 'r0.yaml'));
    expect(rubric.rules).toHaveLength(41);
    // A base both sides extend is one layer, at its first place: nobody "changed" its rules twice.
    expect(rubric.rules.every((r) => r.changedBy.length === 0)).toBe(true);
  });

  it('also reads a rubric extending the same base twice once', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-twice-'));
    writeFileSync(path.join(dir, 'base.yaml'), `version: 1\nname: base\n${rule('base-rule')}`);
    writeFileSync(path.join(dir, 'top.yaml'), 'version: 1\nname: top\nextends: [base.yaml, ./base.yaml]\n');
    expect(compileRubricFile(path.join(dir, 'top.yaml')).rules.map((r) => r.id)).toEqual(['base-rule']);
  });

  it(`reports a chain 2,500 deep at the entry past ${MAX_EXTENDS_DEPTH}, not as an internal error`, { timeout: 10_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-chain-'));
    for (let i = 0; i < 2500; i++) writeFileSync(path.join(dir, `c${i}.yaml`), `version: 1\nname: c${i}\n${i < 2499 ? `extends: [c${i + 1}.yaml]\n` : rule('last')}`);
    expect(problemsOf(path.join(dir, 'c0.yaml'))).toEqual([`D/c${MAX_EXTENDS_DEPTH}.yaml:3:11 extends[0]: expected extends at most ${MAX_EXTENDS_DEPTH} rubrics deep, got a deeper chain (c0.yaml → … → c${MAX_EXTENDS_DEPTH + 1}.yaml)`]);
  });

  it('reports a cycle at the entry that closes it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-cycle-'));
    writeFileSync(path.join(dir, 'a.yaml'), 'version: 1\nname: a\nextends: [b.yaml]\n');
    writeFileSync(path.join(dir, 'b.yaml'), 'version: 1\nname: b\nextends: [default, a.yaml]\n');
    expect(problemsOf(path.join(dir, 'a.yaml'))).toEqual(['D/b.yaml:3:20 extends[1]: expected no cycle in extends, got a.yaml → b.yaml → a.yaml']);
  });
});

describe('extends stays inside the repository of the top rubric', () => {
  function repo(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'pe-extends-root-'));
    const dir = path.join(root, 'repo');
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    mkdirSync(path.join(dir, 'rubrics'));
    writeFileSync(path.join(root, 'outside.yaml'), `version: 1\nname: SECRET-OUTSIDE\n${rule('secret-rule')}`);
    return dir;
  }

  it('refuses a path outside it, at the entry, without reading it', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'ours.yaml'), 'version: 1\nname: ours\nextends: [default, ../outside.yaml]\n');
    const problems = problemsOf(path.join(dir, 'ours.yaml'));
    expect(problems).toEqual(['D/ours.yaml:3:20 extends[1]: is outside the repository: not read\n  hint: every file a run reads must be inside it; copy the file in instead of linking to it']);
    expect(problems.join('\n')).not.toMatch(/SECRET|secret-rule/);
  });

  it('refuses a link to /proc/self/environ, at the entry, printing none of it', () => {
    const dir = repo();
    symlinkSync('/proc/self/environ', path.join(dir, 'rubrics', 'base.yaml'));
    writeFileSync(path.join(dir, 'rubrics', 'ours.yaml'), 'version: 1\nname: ours\nextends:\n  - base.yaml\n');
    const problems = problemsOf(path.join(dir, 'rubrics', 'ours.yaml'));
    expect(problems).toEqual(['D/ours.yaml:4:5 extends[0]: links outside the repository: not read\n  hint: every file a run reads must be inside it; copy the file in instead of linking to it']);
    expect(problems.join('\n')).not.toMatch(/PATH|HOME|=/);
  });

  it('follows a path inside it, and built-in names as before', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'rubrics', 'base.yaml'), `version: 1\nname: base\nextends: [default]\n${rule('inside-rule')}`);
    writeFileSync(path.join(dir, 'rubrics', 'ours.yaml'), 'version: 1\nname: ours\nextends: [base.yaml]\n');
    expect(compileRubricFile(path.join(dir, 'rubrics', 'ours.yaml')).rules.map((r) => r.id)).toContain('inside-rule');
  });
});
