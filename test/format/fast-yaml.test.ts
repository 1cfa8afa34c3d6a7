// The fast path (js-yaml with positions) must agree with the full parser (yaml) wherever it says
// yes: the same data, and the same position for every key and value. Where it is unsure it must say
// no. Checked on every example and on thousands of mutated profiles (a fixed seed: reproducible).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFast } from '../../src/format/fast-yaml.js';
import { loadText, loadTextWithFullParser, type LoadResult } from '../../src/format/load.js';
import { formatProblem } from '../../src/util/errors.js';
import { locate, parseYamlSource } from '../../src/format/yaml-source.js';
import { EXAMPLES } from '../helpers/report.js';

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (value === null || typeof value !== 'object') return out;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    out.push([...prefix, key]);
    paths(child, [...prefix, key], out);
  }
  return out;
}

/** Undefined when the fast path declines; else the first disagreement with the full parser, or ''. */
function disagreement(text: string): string | undefined {
  const fast = parseFast(text);
  if (!fast) return undefined;
  const slow = parseYamlSource('f.yaml', text);
  if (slow.problems.length > 0) return `fast path accepted text the full parser rejects: ${slow.problems[0]!.message}`;
  if (slow.documents.length !== fast.length) return `documents: ${fast.length} vs ${slow.documents.length}`;
  for (const [d, doc] of fast.entries()) {
    const source = slow.documents[d]!;
    if (JSON.stringify(doc.data) !== JSON.stringify(source.data)) return `data differs: ${JSON.stringify(doc.data).slice(0, 200)} vs ${JSON.stringify(source.data).slice(0, 200)}`;
    for (const path of [[], ...paths(source.data)]) {
      for (const prefer of ['key', 'value'] as const) {
        const a = doc.locator.locate(path, prefer);
        const b = locate(source, path, prefer);
        if (a.line !== b.line || a.column !== b.column) return `${path.join('.')} (${prefer}): fast ${a.line}:${a.column}, full ${b.line}:${b.column}`;
      }
    }
  }
  return '';
}

describe('the fast path', () => {
  for (const file of EXAMPLES) {
    it(`reads ${file} exactly as the full parser does`, () => {
      expect(disagreement(readFileSync(file, 'utf8'))).toBe('');
    });
  }

  it('declines what it cannot read the same way', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', '%YAML 1.2\n---\na: 1\n', '? [a]\n: 1\n', 'a: 0b101\n', 'a: 1\na: 2\n', 'a: [1, 2\n', '']) {
      expect(parseFast(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('agrees with the full parser on thousands of mutated profiles', () => {
    const sources = EXAMPLES.map((f) => readFileSync(f, 'utf8'));
    const replacements = ['true', 'false', '0', '-1', '1e3', '.inf', '~', '""', "''", '[]', '{}', 'x y', '"a # b"', "'it''s'", '|\n      block\n      text', '>-\n      folded\n      text', '[1, [2, 3]]', '{a: 1, b: [c]}', '12.50', '0x1F', '0o17', '+0x1F', '-0x1F', '+0o17', '"\\u00e9t\\u00e9"', 'caf\u00e9', '# comment'];
    let seed = 1234;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    let accepted = 0;
    const failures: string[] = [];
    for (let i = 0; i < 4000 && failures.length < 3; i++) {
      const lines = sources[rand(sources.length)]!.split('\n');
      for (let m = 0; m <= rand(3); m++) {
        const k = rand(lines.length);
        const op = rand(6);
        if (op === 0) lines.splice(k, 1);
        else if (op === 1) lines[k] = lines[k]!.replace(/:\s*[^,{}\n#]+/, `: ${replacements[rand(replacements.length)]}`);
        else if (op === 2) lines.splice(k, 0, lines[rand(lines.length)]!);
        else if (op === 3) lines[k] = `${lines[k]}   # trailing comment`;
        else if (op === 4) lines.splice(k, 0, '', '# a comment line');
        else lines[k] = lines[k]!.replace(/^(\s*)- /, '$1-   ');
      }
      const text = lines.join('\n');
      const result = disagreement(text);
      if (result === undefined) continue;
      accepted++;
      if (result !== '') failures.push(`${result}\n--- text ---\n${text}`);
    }
    expect(failures).toEqual([]);
    // The check means something only if the fast path takes most texts.
    expect(accepted).toBeGreaterThan(2000);
  }, 120_000); // thousands of parses: a loaded CI machine must not fail it on time alone
});

/** What a user sees of a load: the data of every partner and deal, and every problem line. */
const outcome = (r: LoadResult) => JSON.stringify({ partners: r.partners.map((p) => [p.id, p.data, p.opportunities.map((o) => [o.id, o.data])]), deals: r.opportunities.map((o) => [o.id, o.data]), problems: r.problems.map(formatProblem) });

describe('one answer everywhere: the loader with its fast path and the full parser alone', () => {
  const profile = 'version: 1\npartner:\n  name: A\n  value: { revenue: 1000 }\n';
  // An anchor nobody uses sends a file to the full parser; it must not change what the file says.
  const withAnchor = (text: string) => text.replace('name: A', 'name: &n A');
  const cases: Record<string, string> = {
    'a signed hex number': profile.replace('1000', '+0x1F'),
    'a signed octal number': profile.replace('1000', '-0o17'),
    'an unsigned hex number': profile.replace('1000', '0x1F'),
    'CR-only line endings': profile.replace(/\n/g, '\r'),
    'CR-only line endings with an error': profile.replace('1000', 'lots').replace(/\n/g, '\r'),
    'CRLF line endings': profile.replace(/\n/g, '\r\n'),
    'a valid profile followed by ---': `${profile}---\n`,
    'a valid profile followed by --- and a comment': `${profile}---\n# nothing more\n`,
    'two documents': `${profile}---\nversion: 1\npartner: { name: B }\n`,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: the same data and problems on both paths`, () => {
      expect(outcome(loadText('f.yaml', text))).toBe(outcome(loadTextWithFullParser('f.yaml', text.replace(/\r(?!\n)/g, '\n'))));
      expect(outcome(loadText('f.yaml', withAnchor(text)))).toBe(outcome(loadText('f.yaml', text)));
    });
  }

  it('reads a signed hex number as text, as YAML 1.2 does, whichever path reads the file', () => {
    const anchored = `version: 1\npartner:\n  name: &n A\n  value: { revenue: +0x1F }\n`;
    expect(loadText('f.yaml', cases['a signed hex number']!).problems.map((p) => p.message)).toEqual(['expected a plain number (no quotes, units or separators), got "+0x1F"']);
    expect(loadText('f.yaml', anchored).problems.map((p) => p.message)).toEqual(['expected a plain number (no quotes, units or separators), got "+0x1F"']);
  });

  it('places problems of a CR-only file on their own lines', () => {
    expect(loadText('f.yaml', cases['CR-only line endings with an error']!).problems.map(formatProblem)).toEqual(['f.yaml:4:21 partner.value.revenue: expected a plain number (no quotes, units or separators), got "lots"']);
  });

  it('accepts a profile followed by an empty document', () => {
    expect(loadText('f.yaml', cases['a valid profile followed by ---']!).problems).toEqual([]);
  });

  it('agrees on thousands of mutated profiles', () => {
    const sources = EXAMPLES.map((f) => readFileSync(f, 'utf8'));
    const replacements = ['+0x1F', '-0o17', '0x1F', '~', '""', '[]', '{}', 'x y', '12.50', '-1', '1e3', '.inf', 'true'];
    let seed = 99;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const failures: string[] = [];
    for (let i = 0; i < 1500 && failures.length < 3; i++) {
      const lines = sources[rand(sources.length)]!.split('\n');
      const k = rand(lines.length);
      const op = rand(4);
      if (op === 0) lines[k] = lines[k]!.replace(/:\s*[^,{}\n#]+/, `: ${replacements[rand(replacements.length)]}`);
      else if (op === 1) lines.splice(k, 1);
      else if (op === 2) lines.push('---');
      else lines.splice(k, 0, lines[rand(lines.length)]!);
      const text = rand(5) === 0 ? lines.join('\r') : lines.join('\n');
      const a = outcome(loadText('f.yaml', text));
      const b = outcome(loadTextWithFullParser('f.yaml', text.replace(/\r(?!\n)/g, '\n')));
      if (a !== b) failures.push(`${a.slice(0, 300)}\n vs \n${b.slice(0, 300)}\n--- text ---\n${text}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
