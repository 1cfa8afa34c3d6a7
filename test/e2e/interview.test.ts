// `interview`, driven on a pseudo-terminal as a person would (test/helpers/pty-drive.py).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, run } from './exec.js';

const DRIVER = path.join(ROOT, 'test', 'helpers', 'pty-drive.py');
const DOWN = '\u001b[B';
const UP = '\u001b[A';
const BACKSPACE = '\u007f';

type Step = [wait: string, send: string] | { wait: string; send: string; untilExit: true };

function drive(cwd: string, args: string[], steps: Step[]): { screen: string; code: number } {
  const spec = { cmd: [process.execPath, BIN, 'interview', ...args, '--today', '2026-11-22'], cwd, steps: steps.map((s) => (Array.isArray(s) ? { wait: s[0], send: s[1] } : s)) };
  const r = spawnSync('python3', [DRIVER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 120_000 });
  // eslint-disable-next-line no-control-regex
  const screen = r.stdout.replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '');
  return { screen, code: Number(/EXIT=(-?\d+)\s*$/.exec(screen)?.[1] ?? 'NaN') };
}

const SKIP_REST: [string, string][] = ['value', 'marketing', 'pricing', 'control', 'engagement', 'conduct', 'key people', 'outcome'].map((s) => [`about ${s}?`, `${DOWN}\r`]);
/** Enter on every prompt ("? …") until the program ends. */
const ENTER_EVERYWHERE: Step = { wait: '? ', send: '\r', untilExit: true };
// Choices end with "Don't know", which Enter picks: UP reaches the one before it, and so on.
const up = (n: number) => UP.repeat(n);

/** Walks `original` (as nova.yaml) pressing Enter everywhere: it must exit 0 and change nothing. Returns the screen. */
function walkedWithEnter(original: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
  writeFileSync(path.join(dir, 'nova.yaml'), original);
  const { screen, code } = drive(dir, ['nova.yaml'], [ENTER_EVERYWHERE]);
  expect(code).toBe(0);
  expect(screen).toContain('0 change(s) to nova.yaml');
  expect(readFileSync(path.join(dir, 'nova.yaml'), 'utf8')).toBe(original);
  return screen;
}

describe('interview', () => {
  it('builds a new profile from answers: validates as typed, leaves "don\'t know" absent, shows the verdict, writes on confirmation', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
    const { screen, code } = drive(dir, [], [
      ['What do you want to describe', '\r'],
      ['What is the partner called', 'Nova Systems\r'],
      ['What kind of partnership', '\r'],
      ['When did the partnership start', '2025-13-01\r'],
      ['exists on the calendar', `${BACKSPACE.repeat(10)}2025-03-01\r`],
      ['owns this partnership', '\r'],
      ['last reviewed', '2026-11-20\r'],
      ['which currency', '\r'],
      ['about sponsor?', '\r'],
      ['most senior person', `${up(4)}\r`],
      ['still own the partnership', `${up(2)}\r`],
      ['Did ownership change hands', '\r'],
      ['about agreement?', `${DOWN}\r`],
      ['What has each side put into', `${up(1)}\r`],
      // An entry's own facts start on "Don't know (leave this entry out)" too.
      ['Who put it in', `${up(1)}\r`],
      ['What kind of investment', `${DOWN.repeat(3)}\r`],
      ['How much was it', '20000\r'],
      ['When was it', '\r'],
      ['Any note on it', '\r'],
      ['only serve this partner', '\r'],
      ['Add another investment', '\r'],
      ...SKIP_REST,
      ['Add a deal', '\r'],
      ['Write nova-systems.yaml', '\r'],
    ]);
    expect(code).toBe(0);
    expect(screen).toMatch(/New nova-systems\.yaml: 8 fact\(s\) recorded\. Verdict now: CONDITIONAL \(the relationship\), unsettled: NO-GO at worst, GO at best; \d+ facts decide it\./);
    expect(readFileSync(path.join(dir, 'nova-systems.yaml'), 'utf8')).toBe(
      '# Partner profile written with `partner-eval interview` on 2026-11-22.\nversion: 1\npartner:\n  name: Nova Systems\n  since: 2025-03-01\n  reviewed: 2026-11-20\n  sponsor:\n    level: vp\n    active: true\n  investments:\n    - by: partner\n      kind: loaner\n      amount: 20000\n',
    );
    expect(run(['assess', 'nova-systems.yaml'], { cwd: dir }).code).toBe(0);
  });

  it('records nothing but the name for a person who types the name and presses Enter everywhere else', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
    const { screen, code } = drive(dir, [], [['What do you want to describe', '\r'], ['What is the partner called', 'Nimbus Analytics\r'], ENTER_EVERYWHERE]);
    expect(code).toBe(0);
    // Every section was walked, every question got Enter, and no fact was invented.
    expect(screen).toContain('Does their sponsor still own the partnership');
    expect(screen).toContain('What has each side put into this partnership');
    expect(screen).toContain('New nimbus-analytics.yaml: 1 fact(s) recorded.');
    expect(readFileSync(path.join(dir, 'nimbus-analytics.yaml'), 'utf8')).toBe('# Partner profile written with `partner-eval interview` on 2026-11-22.\nversion: 1\npartner:\n  name: Nimbus Analytics\n');
  });

  it('asks how a partnership turned out only once it is said to have ended', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
    const toOutcome: [string, string][] = [
      ['What do you want to describe', '\r'],
      ['What is the partner called', 'Old Partner\r'],
      ...['What kind of partnership', 'When did the partnership start', 'owns this partnership', 'last reviewed', 'which currency'].map((q): [string, string] => [q, '\r']),
      ...['sponsor', 'agreement'].map((s): [string, string] => [`about ${s}?`, `${DOWN}\r`]),
      ['What has each side put into', '\r'],
      ...SKIP_REST.slice(0, -1),
      ['about outcome?', '\r'],
    ];
    const active = drive(dir, [], [...toOutcome, ['still active, or has it ended', '\r'], ['Add a deal', '\r'], ['Write old-partner.yaml', `${DOWN}\r`]]);
    expect(active.code).toBe(0);
    expect(active.screen).not.toContain('How did the partnership turn out');
    const ended = drive(dir, [], [...toOutcome, ['still active, or has it ended', `${up(1)}\r`], ['How did the partnership turn out', `${up(3)}\r`], ['When did the partnership end', '2025-06-30\r'], ['Any notes on how it turned out', '\r'], ['Add a deal', '\r'], ['Write old-partner.yaml', '\r']]);
    expect(ended.code).toBe(0);
    expect(readFileSync(path.join(dir, 'old-partner.yaml'), 'utf8')).toContain('  outcome:\n    status: ended\n    result: success\n    ended: 2025-06-30\n');
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
      ['still own the partnership', `${up(1)}\r`],
      ['Did ownership change hands', '\r'],
      ['about agreement?', `${DOWN}\r`],
      // "None" is an answer a person gives; Enter alone would have left the ledger unknown.
      ['What has each side put into', `${up(2)}\r`],
      ...SKIP_REST,
      ['Add a deal', '\r'],
      ['Write nova.yaml', '\r'],
    ]);
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'nova.yaml'), 'utf8')).toBe('# Nova: our notes stay.\nversion: 1\npartner:\n  name: Nova Systems   # display name\n  type: reseller\n  sponsor: { level: vp, active: false }\n  reviewed: 2026-11-20\n  investments: []\n');
  });

  it('keeps the recorded answers of a profile walked through with Enter everywhere: nothing changes', () => {
    walkedWithEnter('# Nova\nversion: 1\npartner:\n  name: Nova Systems\n  type: reseller\n  sponsor: { level: vp, active: false }\n  investments: []\n  conduct: { escalations: [{ raised: 2026-09-01, summary: late invoices }] }\n');
  });

  it('shows a recorded answer that holds terminal escapes escaped, and Enter still keeps it', () => {
    // An OSC 52 sequence writes the clipboard; a profile from a pull request can hold one.
    const screen = walkedWithEnter('version: 1\npartner:\n  name: "Nova\\e]52;c;SGVsbG8=\\a Systems"\n  type: reseller\n');
    expect(screen).not.toContain('\u001b]52');
    expect(screen).toContain('Nova\\x1b]52;c;SGVsbG8=\\x07 Systems; Enter keeps it');
  });

  it('leaves a file byte for byte as it was when every recorded answer is kept: BOM, CRLF, block text, empty text, no final newline', () => {
    const screen = walkedWithEnter('\uFEFF# Nova\r\nversion: 1\r\npartner:\r\n  name: Nova Systems\r\n  owner: ""\r\n  type: reseller\r\n  outcome:\r\n    status: ended\r\n    notes: |\r\n      Two good years.\r\n      Then a merger.\r\n  sponsor: { level: vp, active: false }');
    expect(screen).toContain('Nothing changed: the file is as it was.');
  });

  it('rewrites only the deal walked through: the comments of the others stay', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
    const original = 'version: 1\npartner: { name: Nova Systems }\nopportunities:\n  - name: Clinic   # their biggest\n    winProbability: 0.5\n  - name: School   # keep this note\n    marginPercent: 18.50\n';
    writeFileSync(path.join(dir, 'nova.yaml'), original);
    const { code } = drive(dir, ['nova.yaml'], [
      ['What is the partner called', '\r'],
      ...['What kind of partnership', 'When did the partnership start', 'owns this partnership', 'last reviewed', 'which currency'].map((q): [string, string] => [q, '\r']),
      ...['sponsor', 'agreement'].map((sec): [string, string] => [`about ${sec}?`, `${DOWN}\r`]),
      ['What has each side put into', '\r'],
      ...SKIP_REST,
      ['Walk through the deal "Clinic"', `${DOWN}\r`],
      ['What is the deal called', '\r'],
      ['What kind of deal is it', '\r'],
      ['What is the deal worth', '\r'],
      ['What gross margin', '\r'],
      ['chance of winning', `${BACKSPACE.repeat(3)}0.3\r`],
      ...['customer', 'ask'].map((sec): [string, string] => [`about ${sec}?`, `${DOWN}\r`]),
      ['upfront money does each side put into this deal', '\r'],
      ...['quoting', 'payment', 'fit'].map((sec): [string, string] => [`about ${sec}?`, `${DOWN}\r`]),
      ['Walk through the deal "School"', '\r'],
      ['Add a deal', '\r'],
      ['Write nova.yaml', '\r'],
    ]);
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'nova.yaml'), 'utf8')).toBe(original.replace('winProbability: 0.5', 'winProbability: 0.3'));
  });

  it('writes nothing when stopped with Ctrl-C, and exits 130', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
    const { screen, code } = drive(dir, [], [
      ['What do you want to describe', '\r'],
      ['What is the partner called', 'Nova Systems\r'],
      ['What kind of partnership', '\u0003'],
      ['Keep the 1 answer(s) given?', '\r'],
    ]);
    expect(code).toBe(130);
    expect(screen).toContain('Stopped: nothing was written.');
    expect(existsSync(path.join(dir, 'nova-systems.yaml'))).toBe(false);
  });

  it('on Esc, keeps exactly the answers given when asked to, and exits 130', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
    const { screen, code } = drive(dir, [], [
      ['What do you want to describe', '\r'],
      ['What is the partner called', 'Nova Systems\r'],
      ['What kind of partnership', `${up(1)}\r`],
      ['When did the partnership start', '2025-03-01\r'],
      ['owns this partnership', '\u001b'],
      ['Keep the 3 answer(s) given?', `${DOWN}\r`],
    ]);
    expect(code).toBe(130);
    expect(screen).toContain('Stopped: kept 3 answer(s) in nova-systems.yaml.');
    expect(readFileSync(path.join(dir, 'nova-systems.yaml'), 'utf8')).toBe('# Partner profile written with `partner-eval interview` on 2026-11-22.\nversion: 1\npartner:\n  name: Nova Systems\n  type: services\n  since: 2025-03-01\n');
  });

  it('in a folder that is not writable says so before the first question, in one line, exit 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-interview-'));
    chmodSync(dir, 0o555);
    const { screen, code } = drive(dir, [], []);
    expect(code).toBe(2);
    expect(screen).toContain('partner-eval: could not write into .: the folder is read-only');
    expect(screen).not.toContain('What do you want to describe');
    expect(screen).not.toContain('internal error');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 2 with a hint when there is no terminal', () => {
    const r = run(['interview']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^partner-eval: interview needs a terminal to ask its questions/);
  });
});
