// What a profile with a wrong value is told, one case per kind of mistake (src/format/validate.ts):
// the place, the key path, what was expected and what was there.
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/format/load.js';
import { formatProblem } from '../../src/util/errors.js';

const problems = (text: string) => loadText('p.yaml', text).problems.map(formatProblem);
const partner = (lines: string) => problems(`version: 1\npartner:\n  name: A\n${lines}`);
const deal = (lines: string) => problems(`version: 1\npartner: { name: A }\nopportunities:\n  - name: D\n${lines}`);

describe('a value of the wrong type', () => {
  it('says the type the format takes, in words', () => {
    expect(partner('  conduct: { qualityIncidents: 1.5 }\n')).toEqual(['p.yaml:4:32 partner.conduct.qualityIncidents: expected a whole number, got 1.5']);
    expect(partner('  sponsor: 3\n')).toEqual(['p.yaml:4:12 partner.sponsor: expected a map, got 3']);
    expect(partner('  sponsor: { level: vp, previous: [] }\n')).toEqual(['p.yaml:4:35 partner.sponsor.previous: expected a map, got a list']);
    expect(partner('  investments: { a: 1 }\n')).toEqual(['p.yaml:4:16 partner.investments: expected a list, got a map']);
    expect(partner('  investments: [3]\n')).toEqual(['p.yaml:4:17 partner.investments[0]: expected a map, got 3']);
    expect(partner('  keyPeople: { singleContact: "yes" }\n')).toEqual(['p.yaml:4:31 partner.keyPeople.singleContact: expected true or false, got "yes"']);
    expect(problems('version: 1\npartner:\n  name: 3\n')).toEqual(['p.yaml:3:9 partner.name: expected text, got 3']);
    expect(partner('  type: [reseller]\n')).toEqual(['p.yaml:4:9 partner.type: expected one of reseller, joint-support, development, technology, referral, specialty, vendor, services, got a list']);
  });

  it('asks for plain numbers, with a hint for money written the way people write it', () => {
    expect(deal('    marginPercent: "18%"\n')).toEqual(['p.yaml:5:20 opportunities[0].marginPercent: expected a plain number (no quotes, units or separators), got "18%"']);
    expect(partner('  value: { revenue: 48k }\n')).toEqual(['p.yaml:4:21 partner.value.revenue: expected a plain number (no quotes, units or separators), got "48k"\n  hint: write money and counts as plain numbers: 48000, not "48k" or 48_000']);
    expect(partner('  value: { revenue: "1,200.50" }\n')[0]).toMatch(/hint: write money and counts as plain numbers/);
    expect(partner('  engagement: { contactEveryDays: "often" }\n')).toEqual(['p.yaml:4:35 partner.engagement.contactEveryDays: expected a plain number (no quotes, units or separators), got "often"']);
  });

  it('takes false or a map for a try-and-buy, and says what is wrong inside the map', () => {
    expect(deal('    ask: { tryAndBuy: 3 }\n')).toEqual(['p.yaml:5:23 opportunities[0].ask.tryAndBuy: expected false, or a map, got 3']);
    expect(deal('    ask: { tryAndBuy: { customized: "x" } }\n')).toEqual(['p.yaml:5:37 opportunities[0].ask.tryAndBuy.customized: expected true or false, got "x"']);
  });
});

describe('a value out of range', () => {
  it('gives the bound, and whether it is included', () => {
    expect(partner('  value: { revenue: -1 }\n')).toEqual(['p.yaml:4:21 partner.value.revenue: expected a number ≥ 0, got -1']);
    expect(partner('  investments: [{ by: us, kind: capital, amount: 0 }]\n')).toEqual(['p.yaml:4:50 partner.investments[0].amount: expected a number > 0, got 0']);
    expect(partner('  value: { windowMonths: 0 }\n')).toEqual(['p.yaml:4:26 partner.value.windowMonths: expected a number ≥ 1, got 0']);
    expect(deal('    winProbability: 1.5\n')).toEqual(['p.yaml:5:21 opportunities[0].winProbability: expected a number ≤ 1, got 1.5']);
  });

  it('names the values an enum takes, or the one value a literal takes', () => {
    expect(partner('  outcome: { status: ended, result: great }\n')).toEqual(['p.yaml:4:37 partner.outcome.result: expected one of success, failure, mixed, got "great"']);
    expect(problems('version: 3\npartner: { name: A }\n')[0]).toMatch(/^p\.yaml:1:10 version: expected 1 \(the format version\), got 3/);
  });
});

describe('a value in the wrong format', () => {
  it('says the format in words', () => {
    expect(partner('  reviewed: yesterday\n')).toEqual(['p.yaml:4:13 partner.reviewed: expected a date as YYYY-MM-DD, got "yesterday"']);
    expect(partner('  currency: usd\n')).toEqual(['p.yaml:4:13 partner.currency: expected an ISO 4217 code such as USD, got "usd"']);
    expect(partner('  id: "Not A Slug"\n')).toEqual(['p.yaml:4:7 partner.id: expected a slug: lowercase letters, digits and -, got "Not A Slug"']);
  });
});

describe('a key left out', () => {
  it('is reported at the map that needs it, as required', () => {
    expect(partner('  conduct: { escalations: [{ summary: x }] }\n')).toEqual(['p.yaml:4:28 partner.conduct.escalations[0].raised: expected text (required), got nothing']);
    expect(partner('  waivers: [{ rule: x, reason: r, expires: 2027-01-01 }]\n')).toEqual(['p.yaml:4:13 partner.waivers[0].approvedBy: expected text (required), got nothing']);
  });
});

describe('several mistakes', () => {
  it('are each reported, not only the first', () => {
    expect(partner('  sponsor: { level: boss, active: maybe }\n  reviewed: 2026-13-01\n').sort()).toEqual([
      'p.yaml:4:21 partner.sponsor.level: expected one of c-level, vp, director, manager, none, got "boss"',
      'p.yaml:4:35 partner.sponsor.active: expected true or false, got "maybe"',
      'p.yaml:5:13 partner.reviewed: expected a date as YYYY-MM-DD, got "2026-13-01"',
    ]);
  });
});
