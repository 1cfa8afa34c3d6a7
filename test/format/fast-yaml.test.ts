// The fast path (js-yaml with positions) must agree with the full parser (yaml) wherever it says
// yes: the same data, and the same position for every key and value. Where it is unsure it must say
// no. Checked on every example and on thousands of mutated profiles (a fixed seed: reproducible).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFast } from '../../src/format/fast-yaml.js';
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
    const replacements = ['true', 'false', '0', '-1', '1e3', '.inf', '~', '""', "''", '[]', '{}', 'x y', '"a # b"', "'it''s'", '|\n      block\n      text', '>-\n      folded\n      text', '[1, [2, 3]]', '{a: 1, b: [c]}', '12.50', '0x1F', '0o17', '"\\u00e9t\\u00e9"', 'caf\u00e9', '# comment'];
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
