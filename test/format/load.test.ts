// The loader: every kind of bad input is a located problem (file:line:column, key path, expected,
// got), all problems of a file at once, and never an exception.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile, loadText } from '../../src/format/load.js';
import { firstInvalidUtf8 } from '../../src/format/yaml-source.js';
import { formatProblem } from '../../src/util/errors.js';

const problemsOf = (text: string, file = 'acme.yaml') => loadText(file, text).problems.map(formatProblem);

describe('loadText', () => {
  it('loads a valid partner with its opportunities and default ids', () => {
    const result = loadText('profiles/acme-storage.yaml', 'version: 1\npartner:\n  name: Acme Storage\nopportunities:\n  - name: University Cluster\n');
    expect(result.problems).toEqual([]);
    expect(result.partners[0]!.id).toBe('acme-storage');
    expect(result.partners[0]!.opportunities[0]!.id).toBe('university-cluster');
  });

  it('reports a wrong enum value at its line and column, with what was expected', () => {
    expect(problemsOf('version: 1\npartner:\n  name: Acme\n  sponsor:\n    level: VP\n')).toEqual([
      'acme.yaml:5:12 partner.sponsor.level: expected one of c-level, vp, director, manager, none, got "VP"',
    ]);
  });

  it('suggests the nearest key for an unknown one', () => {
    const [problem] = problemsOf('version: 1\npartner:\n  name: Acme\n  marketing: { mentionsUs: true, lnksToUs: false }\n');
    expect(problem).toMatch(/^acme\.yaml:4:34 partner\.marketing\.lnksToUs: expected one of the keys .*; got unknown key "lnksToUs" \(did you mean "linksToUs"\?\)$/);
  });

  it('rejects money written as text, with a hint', () => {
    const problems = loadText('a.yaml', 'version: 1\npartner:\n  name: A\n  investments:\n    - { by: us, kind: capital, amount: "48k" }\n').problems;
    expect(problems[0]).toMatchObject({ line: 5, column: 40, path: 'partner.investments[0].amount' });
    expect(problems[0]!.message).toBe('expected a plain number (no quotes, units or separators), got "48k"');
    expect(problems[0]!.hint).toMatch(/48000/);
  });

  it('rejects 48_000 too: only plain numbers are money', () => {
    expect(problemsOf('version: 1\npartner:\n  name: A\n  value: { revenue: 48_000 }\n')[0]).toMatch(/partner\.value\.revenue: expected a plain number .*got "48_000"/);
  });

  it('reports every problem of a file at once', () => {
    const problems = problemsOf('version: 1\npartner:\n  name: Acme\n  type: vendr\n  since: 01/02/2024\n  sponsor: { level: boss }\n');
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.split(' ')[1])).toEqual(['partner.type:', 'partner.since:', 'partner.sponsor.level:']);
  });

  it('names a missing required key at its parent', () => {
    expect(problemsOf('version: 1\npartner:\n  type: reseller\n')).toEqual(['acme.yaml:2:1 partner.name: expected text (required), got nothing']);
  });

  it('rejects a wrong version', () => {
    expect(problemsOf('version: 2\npartner: { name: A }\n')[0]).toBe('acme.yaml:1:10 version: expected 1 (the format version), got 2\n  hint: this file was written for a newer partner-eval; upgrade it');
    expect(problemsOf('partner: { name: A }\n')[0]).toBe('acme.yaml:1:1 version: expected 1 (the format version), got nothing');
  });

  it('rejects a document with both kinds or neither', () => {
    expect(problemsOf('version: 1\npartner: { name: A }\nopportunity: { name: B }\n')[0]).toMatch(/^acme\.yaml:1:1 expected either partner or opportunity at the top level, got both/);
    expect(problemsOf('version: 1\npartnr: { name: A }\n')[0]).toBe('acme.yaml:1:1 expected partner or opportunity at the top level, got "partnr"');
  });

  it('rejects __proto__ and constructor keys before turning YAML into objects', () => {
    expect(problemsOf('version: 1\npartner:\n  name: A\n  __proto__: { polluted: true }\n')).toEqual(['acme.yaml:4:3 partner.__proto__: expected a key of the format, got "__proto__", which is never allowed']);
    expect(problemsOf('version: 1\npartner:\n  name: A\n  marketing: { constructor: 1 }\n')[0]).toMatch(/^acme\.yaml:4:16 partner\.marketing\.constructor: .*never allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // A hang here would fail on the test timeout; no timings are asserted (see npm run bench).
  it('bounds alias expansion (a "billion laughs" file is an error, not an expansion)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    const problems = problemsOf(`${bomb}\n`);
    expect(problems[0]).toMatch(/^acme\.yaml:1:1 expected at most 100 alias expansions, got more/);
  });

  it('bounds deals per partner, entries per list and documents per file, where the bound is passed', () => {
    const deals = Array.from({ length: 201 }, (_, i) => `  - { name: D${i} }`).join('\n');
    expect(problemsOf(`version: 1\npartner: { name: A }\nopportunities:\n${deals}\n`)).toEqual(['acme.yaml:4:3 opportunities: expected at most 200 entries, got 201']);
    const investments = Array.from({ length: 1001 }, () => '    - { by: us, kind: capital, amount: 1 }').join('\n');
    expect(problemsOf(`version: 1\npartner:\n  name: A\n  investments:\n${investments}\n`)).toEqual(['acme.yaml:5:5 partner.investments: expected at most 1000 entries, got 1001']);
    const documents = Array.from({ length: 101 }, (_, i) => `version: 1\npartner: { name: P${i} }\n`).join('---\n');
    expect(problemsOf(documents)).toEqual(['acme.yaml:301:1 expected at most 100 YAML documents in a file, got 101\n  hint: give each partner a file of its own']);
    // 100 documents of 200 deals each would be 20,000 deals from one file.
    const full = Array.from({ length: 3 }, (_, i) => `version: 1\npartner: { name: P${i} }\nopportunities:\n${Array.from({ length: 200 }, (_, d) => `  - { name: D${d} }`).join('\n')}\n`).join('---\n');
    expect(problemsOf(full)).toEqual(['acme.yaml:409:1 expected at most 500 deals in a file, got 600\n  hint: give each partner a file of its own']);
  });

  it('reports a file of empty documents as empty, however many there are', () => {
    for (const text of ['', '---\n', '---\n---\n', '# nothing\n---\n---\n'])
      expect(problemsOf(text), JSON.stringify(text)).toEqual(['acme.yaml:1:1 expected a partner or opportunity document, got an empty file']);
  });

  it('takes an end date only on an ended partnership: one meaning of "ended" everywhere', () => {
    expect(problemsOf('version: 1\npartner:\n  name: A\n  outcome: { status: active, ended: 2025-02-20 }\n')).toEqual(['acme.yaml:4:37 partner.outcome.ended: expected an end date only with status: ended (add status: ended, or remove the date), got "2025-02-20"']);
    expect(problemsOf('version: 1\npartner:\n  name: A\n  outcome: { ended: 2025-02-20 }\n')).toHaveLength(1);
    expect(problemsOf('version: 1\npartner:\n  name: A\n  outcome: { status: ended, ended: 2025-02-20 }\n')).toEqual([]);
  });

  it('bounds nesting depth', () => {
    expect(problemsOf(`version: 1\npartner: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)[0]).toMatch(/^acme\.yaml:2:74 expected at most 64 levels of nesting, got more$/);
  });

  it('reports invalid YAML at the first error, not a cascade', () => {
    const problems = problemsOf('version: 1\npartner: { name: A\n  type: reseller\n');
    expect(problems.length).toBeLessThanOrEqual(3);
    expect(problems[0]).toMatch(/^acme\.yaml:\d+:\d+ invalid YAML: /);
  });

  it('rejects duplicate keys', () => {
    expect(problemsOf('version: 1\npartner:\n  name: A\n  name: B\n')).toEqual(['acme.yaml:4:3 invalid YAML: Map keys must be unique']);
  });

  it('rejects duplicate opportunity ids in one partner', () => {
    expect(problemsOf('version: 1\npartner: { name: A }\nopportunities:\n  - name: Big Deal\n  - name: big deal\n')[0]).toMatch(/^acme\.yaml:5:5 opportunities\[1\]: expected a unique opportunity id, got "big-deal" again/);
  });

  it('rejects a date that does not exist and amounts too large to add up', () => {
    expect(problemsOf('version: 1\npartner:\n  name: A\n  reviewed: 2026-02-30\n')).toEqual(['acme.yaml:4:13 partner.reviewed: expected a date that exists on the calendar, got "2026-02-30"']);
    expect(problemsOf('version: 1\npartner:\n  name: A\n  value: { revenue: 1e308 }\n')).toEqual(['acme.yaml:4:21 partner.value.revenue: expected a number ≤ 1000000000000000, got 1e+308']);
  });

  it('rejects an empty file', () => {
    expect(problemsOf('')).toEqual(['acme.yaml:1:1 expected a partner or opportunity document, got an empty file']);
  });
});

describe('loadFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'partner-eval-load-'));
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('reports invalid UTF-8 at the byte where it is', () => {
    const file = write('latin1.yaml', Buffer.concat([Buffer.from('version: 1\npartner:\n  name: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect(loadFile(file).problems.map(formatProblem)).toEqual([`${file}:3:12 expected UTF-8 text, got an invalid byte 0xe9\n  hint: save the file as UTF-8`]);
  });

  it('refuses files over 1 MB without reading them into the parser', () => {
    const file = write('huge.yaml', `version: 1\npartner:\n  name: A\n  owner: "${'x'.repeat(1_100_000)}"\n`);
    expect(loadFile(file).problems[0]!.message).toBe('expected a profile of at most 1 MB, got 1.0 MB');
  });

  it('reports a missing file', () => {
    expect(loadFile(path.join(dir, 'nope.yaml')).problems[0]!.message).toBe('expected a profile, got nothing: no such file');
  });
});

describe('firstInvalidUtf8', () => {
  it('agrees with a strict decoder on valid and invalid sequences', () => {
    const cases: number[][] = [[0x41], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xe9], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff], [0x41, 0xc3]];
    for (const bytes of cases) {
      let strictOk = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
      } catch {
        strictOk = false;
      }
      expect(firstInvalidUtf8(new Uint8Array(bytes)) === -1, bytes.join(',')).toBe(strictOk);
    }
  });

  // Finding it used to decode every prefix (quadratic): a 1 MB file hung. The test timeout guards it.
  it('finds a bad byte at the end of a 1 MB file', () => {
    const bytes = new Uint8Array(1024 * 1024).fill(0x61);
    bytes[bytes.length - 1] = 0xe9;
    expect(firstInvalidUtf8(bytes)).toBe(bytes.length - 1);
  });
});

describe('problems as data', () => {
  it('tells problems apart by code, so no reader has to parse their words', () => {
    const codes = (text: string) => loadText('p.yaml', text).problems.map((p) => p.code);
    expect(codes('version: 1\npartner: { name: A, sponsr: {} }\n')).toEqual(['unknown-key']);
    expect(codes('version: 1\npartner: { name: A, since: soon }\n')).toEqual(['invalid-value']);
    expect(codes('version: 1\npartner: {}\n')).toEqual(['missing-value']);
    expect(codes('version: 2\npartner: { name: A }\n')).toEqual(['unsupported-version']);
    expect(codes('version: 1\n')).toEqual(['no-partner-or-opportunity']);
    expect(codes('version: 1\npartner: { name: A\n')).toEqual(['invalid-yaml']);
  });
});

describe('loadText with skipNonProfile (a file found in a folder walk)', () => {
  const empty = { partners: [], opportunities: [], problems: [] };
  const skipped = (text: string) => loadText('p/x.yaml', text, { skipNonProfile: true });

  it('skips YAML with none of version, partner and opportunity at the top, read by either parser', () => {
    // Block style goes through the fast parser; an anchor only the full parser reads.
    for (const text of ['owners: [ana, bo]\n', 'on: push\njobs: {}\n', '- a\n- b\n', '', '# only a comment\n', 'base: &b { x: 1 }\nother: *b\n', 'a: 1\n---\nb: 2\n']) {
      expect(skipped(text), JSON.stringify(text)).toEqual(empty);
      // Named, the same text is a problem, as before.
      expect(loadText('p/x.yaml', text).problems.length, JSON.stringify(text)).toBeGreaterThan(0);
    }
  });

  it('reports what may be a profile: a version or partner key, a profile beside other documents, YAML that does not parse', () => {
    for (const text of ['version: 1\nrubric: default\n', 'partner: { name: Acme }\n', 'version: 1\npartner: { name: Acme }\n---\nnotes: 1\n', 'owners: [ana\n', '"version": 2\n']) {
      expect(skipped(text).problems.length, JSON.stringify(text)).toBeGreaterThan(0);
    }
    expect(skipped('version: 1\npartner: { name: Acme }\n').partners.map((p) => p.id)).toEqual(['x']);
  });
});
