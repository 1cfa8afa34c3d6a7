// `interview`, driven on a pseudo-terminal as a person would (test/helpers/pty-drive.py).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, run } from './exec.js';

const DRIVER = path.join(ROOT, 'test', 'helpers', 'pty-drive.py');
const DOWN = '\u001b[B';
const UP = '\u001b[A';
const BACKSPACE = '\u007f';

function drive(cwd: string, args: string[], steps: [wait: string, send: string][]): { screen: string; code: number } {
  const spec = { cmd: [process.execPath, BIN, 'interview', ...args, '--today', '2026-11-22'], cwd, steps: steps.map(([wait, send]) => ({ wait, send })) };
  const r = spawnSync('python3', [DRIVER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 90_000 });
  // eslint-disable-next-line no-control-regex
  const screen = r.stdout.replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '');
  return { screen, code: Number(/EXIT=(-?\d+)\s*$/.exec(screen)?.[1] ?? 'NaN') };
}

const SKIP_REST: [string, string][] = ['value', 'marketing', 'pricing', 'control', 'engagement', 'conduct', 'key people', 'outcome'].map((s) => [`about ${s}?`, `${DOWN}\r`]);

describe('interview', () => {
  it('builds a new profile from answers: validates as typed, leaves "don\'t know" absent, shows the verdict, writes on confirmation', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
    const { screen, code } = drive(dir, [], [
      ['What do you want to describe', '\r'],
      ['What is the partner called', 'Nova Systems\r'],
      ['What kind of partnership', `${UP}\r`],
      ['When did the partnership start', '2025-13-01\r'],
      ['exists on the calendar', `${BACKSPACE.repeat(10)}2025-03-01\r`],
      ['owns this partnership', '\r'],
      ['last reviewed', '2026-11-20\r'],
      ['which currency', '\r'],
      ['about sponsor?', '\r'],
      ['most senior person', `${DOWN}\r`],
      ['still own the partnership', '\r'],
      ['about agreement?', `${DOWN}\r`],
      ['What has each side put into', `${DOWN}\r`],
      ['Who put it in', `${DOWN}\r`],
      ['What kind of investment', `${DOWN}${DOWN}\r`],
      ['How much was it', '20000\r'],
      ['When was it', '\r'],
      ['Any note on it', '\r'],
      ['only serve this partner', `${DOWN}${DOWN}\r`],
      ['Add another investment', '\r'],
      ...SKIP_REST,
      ['Add a deal', '\r'],
      ['Write nova-systems.yaml', '\r'],
    ]);
    expect(code).toBe(0);
    expect(screen).toContain('New nova-systems.yaml: 8 fact(s) recorded. Verdict now: GO (the relationship).');
    expect(readFileSync(path.join(dir, 'nova-systems.yaml'), 'utf8')).toBe(
      '# Partner profile written with `partner-eval interview` on 2026-11-22.\nversion: 1\npartner:\n  name: Nova Systems\n  since: 2025-03-01\n  reviewed: 2026-11-20\n  sponsor:\n    level: vp\n    active: true\n  investments:\n    - by: partner\n      kind: loaner\n      amount: 20000\n',
    );
    expect(run(['assess', 'nova-systems.yaml'], { cwd: dir }).code).toBe(0);
  });

  it('walks through an existing profile with its answers as defaults, keeping comments and spacing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
    const original = '# Nova: our notes stay.\nversion: 1\npartner:\n  name: Nova Systems   # display name\n  type: reseller\n  sponsor: { level: vp }\n';
    writeFileSync(path.join(dir, 'nova.yaml'), original);
    const { code } = drive(dir, ['nova.yaml'], [
      ['What is the partner called', '\r'],
      ['What kind of partnership', '\r'],
      ['When did the partnership start', '\r'],
      ['owns this partnership', '\r'],
      ['last reviewed', '2026-11-20\r'],
      ['which currency', '\r'],
      ['about sponsor?', '\r'],
      ['most senior person', '\r'],
      ['still own the partnership', `${DOWN}\r`],
      ['about agreement?', `${DOWN}\r`],
      ['What has each side put into', '\r'],
      ...SKIP_REST,
      ['Add a deal', '\r'],
      ['Write nova.yaml', '\r'],
    ]);
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'nova.yaml'), 'utf8')).toBe('# Nova: our notes stay.\nversion: 1\npartner:\n  name: Nova Systems   # display name\n  type: reseller\n  sponsor: { level: vp, active: false }\n  reviewed: 2026-11-20\n  investments: []\n');
  });

  it('writes nothing when stopped with Ctrl-C, and exits 130', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
    const { screen, code } = drive(dir, [], [
      ['What do you want to describe', '\r'],
      ['What is the partner called', 'Nova Systems\r'],
      ['What kind of partnership', '\u0003'],
    ]);
    expect(code).toBe(130);
    expect(screen).toContain('Stopped: nothing was written.');
    expect(existsSync(path.join(dir, 'nova-systems.yaml'))).toBe(false);
  });

  it('exits 2 with a hint when there is no terminal', () => {
    const r = run(['interview']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^partner-eval: interview needs a terminal to ask its questions/);
  });
});
