// The one way from loaded files to judged partners: what every command reports when files
// disagree with each other (an id used twice, a deal naming nobody), whether they are judged in
// one share (assess) or split across several (check's workers).
import { describe, expect, it } from 'vitest';
import { judgeLoaded, judgeShare, settle } from '../../src/engine/pipeline.js';
import { loadText, type LoadResult } from '../../src/format/load.js';
import { formatProblem } from '../../src/util/errors.js';
import { rubric, TODAY } from '../helpers/assess.js';

const partner = (id: string, name: string) => `version: 1\npartner:\n  id: ${id}\n  name: ${name}\n`;
const deal = (id: string, partnerId?: string) => `version: 1\nopportunity:\n  id: ${id}\n  name: Deal ${id}\n${partnerId ? `  partner: ${partnerId}\n` : ''}  value: 1000\n`;

const files = (texts: Record<string, string>): LoadResult[] => Object.entries(texts).map(([file, text]) => loadText(file, text));

describe('judging loaded files', () => {
  it('keeps the first of two partners with one id and names both places', () => {
    const judged = judgeLoaded(files({ 'a.yaml': partner('acme', 'Acme A'), 'b.yaml': partner('acme', 'Acme B') }), rubric(), { today: TODAY });
    expect(judged.partners.map((p) => p.name)).toEqual(['Acme A']);
    expect(judged.problems.map(formatProblem)).toEqual(['b.yaml:2:1 partner.id: expected a unique partner id, got "acme", already used by a.yaml:2:1']);
    expect(judged.problems[0]).toMatchObject({ code: 'duplicate-partner-id', related: { file: 'a.yaml', line: 2, column: 1 } });
  });

  it('joins a deal in its own file to the partner it names, and judges a deal naming none as direct', () => {
    const judged = judgeLoaded(files({ 'acme.yaml': partner('acme', 'Acme'), 'deal.yaml': deal('refresh', 'acme'), 'direct.yaml': deal('render-farm') }), rubric(), { today: TODAY });
    expect(judged.partners[0]!.opportunities.map((o) => o.id)).toEqual(['refresh']);
    expect(judged.directDeals.map((o) => o.id)).toEqual(['render-farm']);
    expect(judged.problems).toEqual([]);
  });

  it('reports a deal that names a partner nobody declares, at its partner key', () => {
    const judged = judgeLoaded(files({ 'deal.yaml': deal('refresh', 'globex') }), rubric(), { today: TODAY });
    expect(judged.problems.map(formatProblem)).toEqual(['deal.yaml:5:3 opportunity.partner: expected the id of a known partner, got "globex"\n  hint: the partner file must be among the files given, or in this folder or a folder above it']);
    expect(judged.directDeals).toEqual([]);
    expect(judged.problems[0]!.code).toBe('unknown-partner');
  });

  it('reports a standalone deal whose id its partner already has, naming the partner file', () => {
    const inline = 'version: 1\npartner:\n  id: acme\n  name: Acme\nopportunities:\n  - id: refresh\n    name: Refresh\n    value: 10\n';
    const judged = judgeLoaded(files({ 'acme.yaml': inline, 'deal.yaml': deal('refresh', 'acme') }), rubric(), { today: TODAY });
    expect(judged.problems.map((p) => [p.file, p.path, p.message, p.related?.file])).toEqual([['deal.yaml', 'opportunity.id', 'expected a unique opportunity id for partner "acme", got "refresh", already in acme.yaml', 'acme.yaml']]);
    expect(judged.partners[0]!.opportunities).toHaveLength(1);
  });

  it('gives the deals of --opportunity to the first partner when they name none', () => {
    const loaded = files({ 'acme.yaml': partner('acme', 'Acme'), 'deal.yaml': deal('refresh') });
    const judged = judgeLoaded(loaded, rubric(), { today: TODAY, defaultPartnerFor: (o) => (o.file === 'deal.yaml' ? 'acme' : undefined) });
    expect(judged.partners[0]!.opportunities.map((o) => [o.id, o.partnerId])).toEqual([['refresh', 'acme']]);
    expect(judged.directDeals).toEqual([]);
  });

  it('judges the same whether the files are one share or several (assess and check agree)', () => {
    const texts = { 'a.yaml': partner('acme', 'Acme'), 'b.yaml': partner('globex', 'Globex'), 'c.yaml': partner('acme', 'Acme again'), 'deal.yaml': deal('refresh', 'globex') };
    const loaded = files(texts);
    const deals = loaded.flatMap((r) => r.opportunities);
    const whole = judgeLoaded(loaded, rubric(), { today: TODAY });
    const split = settle(loaded.map((r) => judgeShare([r], deals, rubric(), { today: TODAY })), deals, rubric(), { today: TODAY });
    expect(split).toEqual(whole);
    expect(whole.partners.map((p) => [p.id, p.opportunities.length])).toEqual([['acme', 0], ['globex', 1]]);
  });
});
