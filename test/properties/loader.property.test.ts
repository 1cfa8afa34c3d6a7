// The loader on generated input: any bytes, any YAML-ish text, any mutation of a valid profile
// gives a valid profile or located problems (line ≥ 1, within the file), never an exception.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/format/load.js';
import { decodeUtf8 } from '../../src/format/yaml-source.js';
import { EXAMPLES } from '../helpers/report.js';
import { SETTINGS, TIMEOUT } from './settings.js';

function assertLocated(file: string, text: string): void {
  const result = loadText(file, text);
  const lines = text.split('\n').length;
  for (const p of result.problems) {
    expect(p.file).toBe(file);
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines + 1);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.message.length).toBeGreaterThan(0);
  }
  // Either judged or explained: a file with no problem has something in it.
  if (result.problems.length === 0) expect(result.partners.length + result.opportunities.length).toBeGreaterThan(0);
}

const YAMLISH = ['version: 1\n', 'partner:', 'opportunity:', 'opportunities:', ' ', '  ', '\n', '- ', ':', '{', '}', '[', ']', ', ', '&a ', '*a', '!!str ', '"', "'", '# c\n', 'name: x\n', '1', '-1', 'true', '~', '|\n', '>\n', '---\n', '? ', '\t', '__proto__: 1\n', 'investments: []\n', 'amount: 48_000'];

describe('the loader on generated input', () => {
  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const decoded = decodeUtf8('f.yaml', bytes);
        if ('problem' in decoded) expect(decoded.problem.line).toBeGreaterThanOrEqual(1);
        else assertLocated('f.yaml', decoded.text);
      }),
      SETTINGS,
    );
  }, TIMEOUT);

  it('never throws on YAML-ish text', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...YAMLISH), { maxLength: 80 }), (parts) => assertLocated('f.yaml', parts.join(''))), SETTINGS);
  }, TIMEOUT);

  const sources = EXAMPLES.map((f) => readFileSync(f, 'utf8'));
  const replacement = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: false }), fc.string({ maxLength: 20 }), fc.constant([]), fc.constant({}), fc.constant('48k'), fc.constant('2026-02-30'));
  type Mutation = { kind: 'rename' | 'retype' | 'delete' | 'duplicate'; at: number; value: unknown; name: string };
  const mutation = fc.record({ kind: fc.constantFrom<Mutation['kind']>('rename', 'retype', 'delete', 'duplicate'), at: fc.nat(), value: replacement, name: fc.string({ minLength: 1, maxLength: 12 }) });

  /** The map entries and list items of a document, as [parent, key] pairs to mutate. */
  function places(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): typeof out {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        out.push([value, i]);
        places(v, out);
      });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        out.push([value as Record<string, unknown>, k]);
        places(v, out);
      }
    }
    return out;
  }

  it('gives a valid profile or located problems for any mutation of a valid profile', () => {
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        const data = parseDocument(sources[which]!, { schema: 'core' }).toJS() as unknown;
        for (const m of mutations) {
          const all = places(data);
          if (all.length === 0) break;
          const [parent, key] = all[m.at % all.length]!;
          if (Array.isArray(parent)) {
            const i = key as number;
            if (m.kind === 'delete') parent.splice(i, 1);
            else if (m.kind === 'duplicate') parent.splice(i, 0, structuredClone(parent[i]));
            else parent[i] = m.value;
          } else {
            const k = key as string;
            if (m.kind === 'delete') delete parent[k];
            else if (m.kind === 'rename') {
              parent[m.name] = parent[k];
              delete parent[k];
            } else if (m.kind === 'duplicate') parent[`${k}Copy`] = structuredClone(parent[k]);
            else parent[k] = m.value;
          }
        }
        assertLocated('mutated.yaml', stringify(data));
      }),
      SETTINGS,
    );
  }, TIMEOUT);
});
