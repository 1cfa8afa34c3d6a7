// Answers that were lost or refused too late (issue 12, "Answers lost or wrong"), each kept as a
// test: the questionnaires are driven in-process by a scripted person (test/helpers/scripted-asker.ts),
// pressing Enter everywhere but where an answer is given.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessInteractive } from '../../src/commands/assess-interactive.js';
import { interview } from '../../src/commands/interview.js';
import { loadText } from '../../src/format/load.js';
import { applyAnswers } from '../../src/questionnaire/write-back.js';
import { UsageError } from '../../src/util/errors.js';
import { scriptedAsker } from '../helpers/scripted-asker.js';

const TODAY = '2026-11-22';
const PROFILE = 'version: 1\npartner:\n  name: Acme  Storage   # two spaces, as the contract spells it\n  sponsor: { level: vp }\n';

function profile(text: string, name = 'acme.yaml'): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pe-answers-')), name);
  writeFileSync(file, text);
  return file;
}

async function runInterview(options: { file?: string; profilesDir?: string }, answers: [RegExp, unknown][] = []) {
  const asker = scriptedAsker(answers);
  const out: string[] = [];
  const code = await interview({ ...options, rubric: 'default', today: TODAY }, asker, { stdout: (t) => void out.push(t) });
  return { code, screen: out.join(''), asked: asker.asked };
}

async function runInteractive(file: string, answers: [RegExp, unknown][]) {
  const asker = scriptedAsker(answers);
  const out: string[] = [];
  const code = await assessInteractive({ file, rubric: 'default', format: 'json', failOn: 'no-go', verbose: false, quiet: true, color: false, today: TODAY }, asker, { stdout: (t) => void out.push(t) });
  return { code, screen: out.join(''), asked: asker.asked };
}

/** The promise a questionnaire made that failed, and the questions it asked before failing. */
async function refusal(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected it to refuse');
}

describe('an interview', () => {
  it('on a file with a byte-order mark writes the answer, keeping the mark (never "changed on disk")', async () => {
    const file = profile(`\uFEFF${PROFILE}`);
    const { code, screen } = await runInterview({ file }, [[/partner called/, 'Acme Cloud']]);
    expect(screen).not.toContain('changed on disk');
    expect([code, screen]).toEqual([0, expect.stringContaining(`Wrote ${file}.`)]);
    expect(readFileSync(file, 'utf8')).toBe(`\uFEFF${PROFILE.replace('Acme  Storage   #', 'Acme Cloud #')}`);
  });

  it('drops the end date when a partnership is answered active again, so the file it writes still loads', async () => {
    const file = profile('version: 1\npartner:\n  name: Acme\n  outcome:\n    status: ended\n    result: mixed\n    ended: 2025-02-20\n');
    const { code, screen } = await runInterview({ file }, [[/still active, or has it ended/, 'active']]);
    expect([code, screen]).toEqual([0, expect.stringContaining(`Wrote ${file}.`)]);
    const written = readFileSync(file, 'utf8');
    expect(written).not.toContain('ended: 2025-02-20');
    expect(loadText(file, written).problems).toEqual([]);
  });

  it('writes an answer that changes only spacing, as it reports', async () => {
    const file = profile(PROFILE);
    const { code, screen } = await runInterview({ file }, [[/partner called/, 'Acme Storage']]);
    expect([code, screen]).toEqual([0, expect.stringMatching(/1 change\(s\) to .*Wrote /s)]);
    expect(readFileSync(file, 'utf8')).toBe(PROFILE.replace('Acme  Storage   #', 'Acme Storage #'));
  });

  it('in a folder that is not writable says so before the first question, in one line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-answers-'));
    chmodSync(dir, 0o555);
    const asker = scriptedAsker();
    const error = await refusal(() => interview({ profilesDir: dir, rubric: 'default', today: TODAY }, asker, { stdout: () => undefined }));
    expect([error, error.message, asker.asked]).toEqual([expect.any(UsageError), `could not write into ${dir}: the folder is read-only`, []]);
  });

  it('on a read-only profile says so before the first question', async () => {
    const file = profile(PROFILE);
    chmodSync(file, 0o444);
    const asker = scriptedAsker();
    const error = await refusal(() => interview({ file, rubric: 'default', today: TODAY }, asker, { stdout: () => undefined }));
    expect([error, error.message, asker.asked]).toEqual([expect.any(UsageError), `${file} is read-only: not written`, []]);
    expect(readFileSync(file, 'utf8')).toBe(PROFILE);
  });

  it('on a %YAML 1.2 file writes a file that still loads', async () => {
    const file = profile(`%YAML 1.2\n---\n${PROFILE}`);
    const { code } = await runInterview({ file }, [[/partner called/, 'Acme Cloud']]);
    expect(code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(`%YAML 1.2\n---\n${PROFILE.replace('Acme  Storage   #', 'Acme Cloud #')}`);
    expect(loadText(file, text).problems).toEqual([]);
  });
});

describe('assess --interactive', () => {
  const answer: [RegExp, unknown][] = [[/still own the partnership/, true]];

  it('on a file with a byte-order mark writes the answers, keeping the mark', async () => {
    const file = profile(`\uFEFF${PROFILE}`);
    const { code, screen } = await runInteractive(file, answer);
    expect([code, screen]).toEqual([0, expect.stringContaining(`Wrote 1 answer(s) to ${file}.`)]);
    expect(readFileSync(file, 'utf8')).toBe(`\uFEFF${PROFILE.replace('level: vp }', 'level: vp, active: true }')}`);
  });

  it('on a read-only profile, or one in a read-only folder, says so before the first question', async () => {
    const file = profile(PROFILE);
    chmodSync(file, 0o444);
    const readOnly = await refusal(() => runInteractive(file, answer));
    expect([readOnly, readOnly.message]).toEqual([expect.any(UsageError), `${file} is read-only: not written`]);
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-answers-'));
    const inLocked = path.join(dir, 'acme.yaml');
    writeFileSync(inLocked, PROFILE);
    chmodSync(dir, 0o555);
    const locked = await refusal(() => runInteractive(inLocked, answer));
    expect(locked.message).toBe(`could not write ${inLocked}: the folder ${dir} is read-only`);
    expect([readFileSync(file, 'utf8'), readFileSync(inLocked, 'utf8')]).toEqual([PROFILE, PROFILE]);
  });

  it('through a symlinked profile writes the target and keeps the link', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-answers-'));
    mkdirSync(path.join(dir, 'shared'));
    writeFileSync(path.join(dir, 'shared', 'acme.yaml'), PROFILE);
    const link = path.join(dir, 'acme.yaml');
    symlinkSync(path.join('shared', 'acme.yaml'), link);
    const { code } = await runInteractive(link, answer);
    expect(code).toBe(0);
    expect([lstatSync(link).isSymbolicLink(), readlinkSync(link)]).toEqual([true, path.join('shared', 'acme.yaml')]);
    expect(readFileSync(path.join(dir, 'shared', 'acme.yaml'), 'utf8')).toContain('active: true');
    expect(readdirSync(path.join(dir, 'shared'))).toEqual(['acme.yaml']);
  });

  it('on a multi-document file with %YAML directives writes a file that still loads, the answer in the partner\'s document', async () => {
    const deal = 'version: 1\nopportunity: { name: Clinic, partner: acme, value: 1000 }\n';
    const original = `%YAML 1.2\n---\n${deal}...\n%YAML 1.2\n---\n${PROFILE}`;
    const file = profile(original);
    const { code } = await runInteractive(file, answer);
    expect(code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(original.replace('level: vp }', 'level: vp, active: true }'));
    expect(loadText(file, text).problems).toEqual([]);
  });
});

describe('writing answers back', () => {
  it('keeps every document separator: a comment before `---`, directives, a document end', () => {
    const text = '# deals first\n---\nversion: 1\nopportunity: { name: D, partner: a }\n...\n%YAML 1.2\n---\nversion: 1\npartner: { name: A }\n';
    const out = applyAnswers(text, [{ path: ['partner', 'owner'], value: 'ceo' }]);
    expect(out).toBe(text.replace('{ name: A }', '{ name: A, owner: ceo }'));
    expect(loadText('x.yaml', out).problems).toEqual([]);
  });

  it('writes a value whose only change is spacing, and keeps the spacing of the lines around it', () => {
    const text = 'partner:\n  name: Acme  Storage   # note\n  owner:  jo   # lead\n';
    expect(applyAnswers(text, [{ path: ['partner', 'name'], value: 'Acme Storage' }])).toBe('partner:\n  name: Acme Storage # note\n  owner:  jo   # lead\n');
  });
});
