// The binary on a generated repository of 500 profiles, as CI runs it: the job summary stays under
// GitHub's 1 MiB (its annotations say what it holds), `--format markdown` under a comment's 65,536
// characters, SARIF under code scanning's limits; what a limit leaves out is said on stderr.
// (test/report/platform-limits.test.ts takes 4,000 profiles, in process.)
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_LEVEL, COMMENT_CHARACTERS, SARIF_LIMITS, STEP_SUMMARY_BYTES } from '../../src/report/limits.js';
import { generatedProfile } from '../helpers/large-repo.js';
import { run } from './exec.js';

const PROFILES = 500;
const TODAY = ['--today', '2026-11-22'];
let repo: string;

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'pe-limits-repo-'));
  mkdirSync(path.join(repo, 'profiles'));
  for (let i = 0; i < PROFILES; i++) {
    const { file, text } = generatedProfile(i);
    writeFileSync(path.join(repo, file), text);
  }
});

describe(`check on a generated repository of ${PROFILES} profiles`, () => {
  it('keeps the job summary under 1 MiB, worst first, and its annotations within 10 of each level', () => {
    const summary = path.join(repo, 'summary.md');
    writeFileSync(summary, '');
    const r = run(['check', 'profiles', '--format', 'github', ...TODAY], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    // Invalid files are among them: exit 2, and everything else is judged.
    expect(r.code).toBe(2);
    const written = readFileSync(summary);
    expect(written.length).toBeLessThanOrEqual(STEP_SUMMARY_BYTES);
    expect(written.toString()).toContain("**Not listed here**, to keep this report within GitHub's limit of 1 MiB for a step summary");
    expect(r.stderr).toMatch(/^partner-eval: warning: the job summary lists the worst [\d,]+ of 495 partners and direct deals/m);
    const lines = r.stdout.trimEnd().split('\n');
    const levels = lines.filter((l) => /^::(error|warning|notice) /.test(l)).map((l) => l.slice(2, l.indexOf(' ')));
    for (const level of ['error', 'warning', 'notice']) expect(levels.filter((l) => l === level)).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(lines.at(-2)).toMatch(/^::notice title=partner-eval::\d+ more finding\(s\) are not shown as annotations .*; the job summary lists the worst of them, and the same command with `--format json --output report.json` writes all of them\.$/);
  });

  it('keeps --format markdown within a comment, and says on stderr what it left out', () => {
    const r = run(['check', 'profiles', '--format', 'markdown', ...TODAY], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBeLessThanOrEqual(COMMENT_CHARACTERS);
    expect(Buffer.byteLength(r.stdout)).toBeLessThanOrEqual(COMMENT_CHARACTERS);
    expect(r.stdout).toMatch(/^## partner-eval: /);
    expect(r.stderr).toMatch(/^partner-eval: warning: the markdown report lists the worst [\d,]+ of 495 partners and direct deals.*, to stay within GitHub's limit of 65,536 characters for a comment; the same command with `--format json --output report.json` writes all of it\.\n$/);
  });

  it("writes SARIF within code scanning's limits, whole: no warning", () => {
    const r = run(['check', 'profiles', '--format', 'sarif', '--output', 'partner-eval.sarif', ...TODAY], { cwd: repo });
    // No warning: only check's line of what the file holds and why it exits as it does.
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/warning/);
    expect(r.stderr).toMatch(/^partner-eval: 490 partner\(s\): .*Report in partner-eval\.sarif\.\n$/);
    const text = readFileSync(path.join(repo, 'partner-eval.sarif'));
    const run0 = (JSON.parse(text.toString()) as Sarif.Log).runs[0]!;
    expect(run0.results!.length).toBeGreaterThan(3_000);
    expect(run0.results!.length).toBeLessThanOrEqual(SARIF_LIMITS.resultsKept);
    expect(run0.invocations).toBeUndefined();
    expect(gzipSync(text).length).toBeLessThan(SARIF_LIMITS.gzipBytes);
  });
});
