// `assess --interactive`, driven on a pseudo-terminal as a person would (test/helpers/pty-drive.py).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, run } from './exec.js';

const DRIVER = path.join(ROOT, 'test', 'helpers', 'pty-drive.py');
const DOWN = '\u001b[B';

interface Step { wait: string; send: string; append?: { file: string; text: string }; untilExit?: true }

function drive(file: string, steps: Step[]): { screen: string; code: number } {
  const spec = { cmd: [process.execPath, BIN, 'assess', '--interactive', file, '--today', '2026-11-22'], cwd: ROOT, steps };
  const r = spawnSync('python3', [DRIVER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 60_000 });
  // eslint-disable-next-line no-control-regex
  const screen = r.stdout.replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '');
  const code = Number(/EXIT=(-?\d+)\s*$/.exec(screen)?.[1] ?? 'NaN');
  return { screen, code };
}

/** A good partner whose one deal has an unknown blocker: CONDITIONAL until it is answered. */
const PROFILE = `# Our notes on Brightline: kept as they are by every answer.
version: 1
partner:
  name: Brightline
  reviewed: 2026-11-01   # last QBR
  sponsor: { level: vp, active: true }
  agreement: { written: true, expectationsDefined: true, quotingErrorsPaidBy: shared, nonSolicit: true, advanceNotice: true }
  investments: [{ by: us, kind: engineering, amount: 10000 }, { by: partner, kind: engineering, amount: 10000 }]
  value: { referralsToUs: 3, referralsFromUs: 3 }
  marketing: { mentionsUs: true, linksToUs: true, listsUsAsPartner: true, linksCompetitorsFromOurContent: false, asksUsToPromoteTheirOffers: false }
  pricing: { promotionsAvailableToUs: true, promotionsLimitedToSelectPartners: false }
  control: { pricing: us, invoicing: us, customerContact: direct }
  engagement: { contactEveryDays: 14, attendsOurEvents: true, readsOurUpdates: true, jointSolution: true }
  conduct: { valueGrabAttempts: 0, qualityIncidents: 0, escalations: [] }
  keyPeople: { singleContact: false }
opportunities:
  - name: Clinic network
    value: 100000
    marginPercent: 30
    winProbability: 0.5
    customer: { prefersIncumbent: true }   # they buy from RackCo today
    ask: { tryAndBuy: false, freeConsultingDays: 0, showcaseOurBrand: false }
    commitments: []
    quoting: { by: us }
    payment: { onAcceptance: false, daysToCash: 30 }
    fit: { withinOurExpertise: true, withinPartnerCapability: true }
`;

function profile(text = PROFILE): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pe-interactive-')), 'brightline.yaml');
  writeFileSync(file, text);
  return file;
}

const UP = '\u001b[A';

describe('assess --interactive', () => {
  it('shows where it stands, asks what could change a verdict first, writes the answers keeping the comments, and says how the verdict changed', () => {
    const file = profile();
    const { screen, code } = drive(file, [
      { wait: 'Is there a real evaluation', send: `${UP}\r` },
      { wait: 'ended with no sale', send: '0\r' },
    ]);
    expect(code).toBe(0);
    // Until we know how past loans through them ended, even the partner is only CONDITIONAL.
    expect(screen.replaceAll('\r', '')).toContain('Where it stands now:\n  Brightline: CONDITIONAL (100 on what is known; 74–100 until 1 fact is known); unsettled: CONDITIONAL at worst, GO at best\n  Brightline → Clinic network: CONDITIONAL (100 on what is known; 45–100 until 2 facts are known); unsettled: NO-GO at worst, GO at best\n');
    expect(screen.indexOf('Where it stands now')).toBeLessThan(screen.indexOf('Questions that could change a verdict'));
    expect(screen.indexOf('Questions that could change a verdict')).toBeLessThan(screen.indexOf('Is there a real evaluation'));
    expect(screen.indexOf('Is there a real evaluation')).toBeLessThan(screen.indexOf('ended with no sale'));
    expect(screen).toContain('Verdict so far: GO');
    expect(screen).toContain('Wrote 2 answer(s)');
    expect(screen).toContain('Brightline: was CONDITIONAL, now GO');
    expect(screen).toContain('Brightline → Clinic network: was CONDITIONAL, now NO-GO');
    expect(readFileSync(file, 'utf8')).toBe(
      PROFILE.replace('  conduct: { valueGrabAttempts: 0, qualityIncidents: 0, escalations: [] }', '  conduct: { valueGrabAttempts: 0, qualityIncidents: 0, escalations: [], failedTryAndBuys: 0 }')
        .replace("    customer: { prefersIncumbent: true }   # they buy from RackCo today", "    customer: { prefersIncumbent: true, evaluatesBidsSeriously: false } # they buy from RackCo today"),
    );
  });

  it("leaves a key absent on Enter (\"don't know\"), and re-asks an invalid number", () => {
    const file = profile();
    const { screen, code } = drive(file, [
      { wait: 'Is there a real evaluation', send: '\r' },
      { wait: 'ended with no sale', send: 'many\r' },
      { wait: 'expected a whole number', send: '\u007f\u007f\u007f\u007f2\r' },
    ]);
    expect(code).toBe(0);
    expect(screen).toContain('Wrote 1 answer(s)');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('failedTryAndBuys: 2');
    expect(text).not.toContain('evaluatesBidsSeriously');
  });

  it('takes amounts for money questions: investments are entered as entries of the ledger', () => {
    const file = profile(PROFILE.replace('  investments: [{ by: us, kind: engineering, amount: 10000 }, { by: partner, kind: engineering, amount: 10000 }]\n', ''));
    const { screen, code } = drive(file, [
      { wait: 'What has each side put into', send: `${UP}\r` },
      { wait: 'Who put it in', send: `${UP}${UP}\r` },
      { wait: 'What kind of investment', send: `${DOWN.repeat(4)}\r` },
      { wait: 'How much was it', send: '15000\r' },
      { wait: 'When was it', send: '2026-06-01\r' },
      { wait: 'Any note on it', send: '\r' },
      { wait: 'only serve this partner', send: '\r' },
      { wait: 'Add another investment', send: '\r' },
      { wait: 'Is there a real evaluation', send: '\r' },
      { wait: 'ended with no sale', send: '\r' },
    ]);
    expect(code).toBe(0);
    expect(screen).toContain('Wrote 1 answer(s)');
    expect(readFileSync(file, 'utf8')).toContain('  investments:\n    - by: us\n      kind: engineering\n      amount: 15000\n      date: 2026-06-01\n');
    // We put in $15,000 and the partner nothing: the answer is judged at once.
    expect(screen).toContain('Brightline: was CONDITIONAL, now NO-GO');
  });

  it('on Esc, offers to keep the answers given, and writes exactly those when told to', () => {
    const file = profile();
    const { screen, code } = drive(file, [
      { wait: 'Is there a real evaluation', send: `${UP}\r` },
      { wait: 'ended with no sale', send: '\u001b' },
      { wait: 'Keep the 1 answer(s) given?', send: `${DOWN}\r` },
    ]);
    expect(code).toBe(130);
    expect(screen).toContain('Stopped: wrote the 1 answer(s) given to');
    expect(readFileSync(file, 'utf8')).toBe(PROFILE.replace("    customer: { prefersIncumbent: true }   # they buy from RackCo today", "    customer: { prefersIncumbent: true, evaluatesBidsSeriously: false } # they buy from RackCo today"));
  });

  it('keeps a ledger entry completed before Esc, when told to', () => {
    const file = profile(PROFILE.replace('  investments: [{ by: us, kind: engineering, amount: 10000 }, { by: partner, kind: engineering, amount: 10000 }]\n', ''));
    const { screen, code } = drive(file, [
      { wait: 'What has each side put into', send: `${UP}\r` },
      { wait: 'Who put it in', send: `${UP}\r` },
      { wait: 'What kind of investment', send: `${DOWN}\r` },
      { wait: 'How much was it', send: '9000\r' },
      { wait: 'When was it', send: '\r' },
      { wait: 'Any note on it', send: '\r' },
      { wait: 'only serve this partner', send: '\r' },
      { wait: 'Add another investment', send: '\u001b' },
      { wait: 'Keep the 1 answer(s) given?', send: `${DOWN}\r` },
    ]);
    expect(code).toBe(130);
    expect(screen).toContain('Stopped: wrote the 1 answer(s) given to');
    expect(readFileSync(file, 'utf8')).toContain('  investments:\n    - by: partner\n      kind: capital\n      amount: 9000\n');
  });

  it('asks whether a loan is wanted, then its terms once each, as questions of their own', () => {
    const file = profile(PROFILE.replace('    customer: { prefersIncumbent: true }   # they buy from RackCo today', '    customer: { prefersIncumbent: true, evaluatesBidsSeriously: true }').replace('ask: { tryAndBuy: false, freeConsultingDays: 0, showcaseOurBrand: false }', 'ask: { freeConsultingDays: 0, showcaseOurBrand: false }'));
    const { screen, code } = drive(file, [
      { wait: 'Did they ask for a loan or try-and-buy system', send: `${UP}${UP}\r` },
      { wait: '? ', send: '\r', untilExit: true },
    ]);
    expect(code).toBe(0);
    // A question answered shows once as "✔ <question> <answer>" (the driver marks the "? " it answered as "<seen>").
    const asked = (text: string) => [...screen.matchAll(new RegExp(`✔ [^\n?]*${text}[^\n?]*(\\?|<seen>)`, 'g'))].length;
    expect(asked('built to this customer')).toBe(1);
    expect(asked('return it without a reason')).toBe(1);
    expect(screen).toMatch(/✔ Brightline → Clinic network: Would the loaned system be built to this customer's spec/);
    expect(readFileSync(file, 'utf8')).toContain('ask: { freeConsultingDays: 0, showcaseOurBrand: false, tryAndBuy: {} }');
  });

  it('on Ctrl-C after answers, writes nothing unless told to keep them', () => {
    const file = profile();
    const { screen, code } = drive(file, [
      { wait: 'Is there a real evaluation', send: `${UP}\r` },
      { wait: 'ended with no sale', send: '\u0003' },
      { wait: 'Keep the 1 answer(s) given?', send: '\r' },
    ]);
    expect(code).toBe(130);
    expect(screen).toContain('Stopped: nothing was written.');
    expect(readFileSync(file, 'utf8')).toBe(PROFILE);
  });

  for (const [name, key] of [['Ctrl-C', '\u0003'], ['Esc', '\u001b']] as const) {
    it(`${name} leaves the file byte for byte and exits 130`, () => {
      const file = profile();
      const { screen, code } = drive(file, [{ wait: 'Is there a real evaluation', send: key }]);
      expect(code).toBe(130);
      expect(screen).toContain('Stopped: nothing was written.');
      expect(readFileSync(file, 'utf8')).toBe(PROFILE);
    });
  }

  it('never overwrites a file changed on disk while the questions were answered', () => {
    const file = profile();
    const { screen, code } = drive(file, [
      { wait: 'Is there a real evaluation', send: `${UP}\r` },
      { wait: 'ended with no sale', send: '0\r', append: { file, text: '# edited meanwhile\n' } },
    ]);
    expect(code).toBe(2);
    expect(screen).toContain('changed on disk since it was read; nothing was written');
    expect(readFileSync(file, 'utf8')).toBe(`${PROFILE}# edited meanwhile\n`);
  });

  it('refuses a read-only profile before the first question, in one line, exit 2', () => {
    const file = profile();
    chmodSync(file, 0o444);
    const { screen, code } = drive(file, []);
    expect(code).toBe(2);
    expect(screen).toContain(`partner-eval: ${file} is read-only: not written`);
    expect(screen).not.toContain('Where it stands now');
    expect(screen).not.toContain('internal error');
    expect(readFileSync(file, 'utf8')).toBe(PROFILE);
  });

  it('exits 2 with a hint when there is no terminal, without waiting', () => {
    const r = run(['assess', '--interactive', 'examples/acme.yaml']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^partner-eval: --interactive needs a terminal to ask its questions/);
  });
});
