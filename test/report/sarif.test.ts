// The SARIF output, validated by Microsoft's SARIF multitool (npm @microsoft/sarif-multitool).
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { renderSarif } from '../../src/report/sarif.js';
import { EXAMPLES, renderOptions, reportOfFiles, reportOfTexts } from '../helpers/report.js';

/** The multitool's binary; npm here runs no install scripts, so its run bit may need setting. */
function multitool(): string {
  const file = (createRequire(import.meta.url)('@microsoft/sarif-multitool') as string).replace(/["']/g, '');
  try {
    accessSync(file, constants.X_OK);
  } catch {
    chmodSync(file, statSync(file).mode | 0o100);
  }
  return file;
}

function validate(sarif: string): Sarif.Result[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-sarif-'));
  writeFileSync(path.join(dir, 'report.sarif'), sarif);
  const out = path.join(dir, 'validation.sarif');
  const run = spawnSync(multitool(), ['validate', path.join(dir, 'report.sarif'), '--output', out, '--log', 'ForceOverwrite'], { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' }, timeout: 120_000 });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  return (JSON.parse(readFileSync(out, 'utf8')) as Sarif.Log).runs[0]!.results ?? [];
}

describe('SARIF 2.1.0', () => {
  const examples = () => {
    const sarif = renderSarif(reportOfFiles(EXAMPLES), renderOptions());
    return { sarif, run: (JSON.parse(sarif) as Sarif.Log).runs[0]! };
  };

  it("passes the SARIF multitool's validation with no errors, warnings or notes", () => {
    const { sarif } = examples();
    expect(validate(sarif).map((r) => `${r.level} ${r.ruleId}: ${JSON.stringify(r.message)}`)).toEqual([]);
  }, 180_000);

  it('describes every rule of the rubric, with help', () => {
    const { run } = examples();
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toContain('no-skin-in-the-game');
    const skin = rules.find((r) => r.id === 'no-skin-in-the-game')!;
    expect(skin.shortDescription?.text).toBe('No skin in the game.');
    expect(skin.help?.text).toMatch(/What to ask for instead: Commit nothing more/);
    expect(skin.defaultConfiguration?.level).toBe('error');
  });

  it('puts each flag at its evidence line, with a fingerprint that does not depend on the line', () => {
    const { run } = examples();
    const result = run.results!.find((r) => r.ruleId === 'no-skin-in-the-game' && r.properties?.partner === 'acme')!;
    expect(result.level).toBe('error');
    expect(result.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'examples/acme.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 25, startColumn: 3 } });
    expect(run.tool.driver.rules![result.ruleIndex!]!.id).toBe('no-skin-in-the-game');
  });

  describe('fingerprints, which code scanning matches results by', () => {
    const thin = { value: 100000, marginPercent: 10 };
    const profile = (comment = '') => `${comment}version: 1\npartner:\n  name: P\n  id: p\n  marketing: { mentionsUs: true, linksToUs: false }\nopportunities:\n  - { name: One, id: one, value: ${thin.value}, marginPercent: ${thin.marginPercent} }\n  - { name: Two, id: two, value: ${thin.value}, marginPercent: ${thin.marginPercent} }\n`;
    const fingerprints = (texts: Record<string, string>) =>
      Object.fromEntries((JSON.parse(renderSarif(reportOfTexts(texts), renderOptions())) as Sarif.Log).runs[0]!.results!.map((r) => [`${r.ruleId} ${String(r.properties?.partner)}/${String(r.properties?.opportunity ?? '')}`, r.partialFingerprints!['partnerEval/v1']!]));

    it('are 32 hex digits, the same run after run and when lines move around the flag', () => {
      const first = fingerprints({ 'p.yaml': profile() });
      expect(Object.values(first).every((f) => /^[0-9a-f]{32}$/.test(f))).toBe(true);
      expect(fingerprints({ 'p.yaml': profile() })).toEqual(first);
      expect(fingerprints({ 'p.yaml': profile('# reviewed by the board\n\n') })).toEqual(first);
    });

    it('differ between two deals of one partner flagged by the same rule, between rules, and between partners', () => {
      const one = fingerprints({ 'p.yaml': profile(), 'q.yaml': profile().replace('id: p', 'id: q').replace('name: P', 'name: Q') });
      expect(one['thin-deal p/one']).toBeDefined();
      expect(one['thin-deal p/one']).not.toBe(one['thin-deal p/two']);
      expect(one['thin-deal p/one']).not.toBe(one['thin-deal q/one']);
      expect(one['missing-backlink p/']).not.toBe(one['missing-backlink q/']);
      // Every result has its own: no two flags collide in code scanning.
      expect(new Set(Object.values(one)).size).toBe(Object.keys(one).length);
    });
  });

  it('marks a waived flag as an accepted suppression', () => {
    const waived = renderSarif(reportOfTexts({ 'w.yaml': 'version: 1\npartner:\n  name: W\n  marketing: { mentionsUs: true, linksToUs: false }\n  waivers:\n    - { rule: missing-backlink, reason: "Q1 relaunch", expires: 2027-01-31, approvedBy: ceo }\n' }), renderOptions());
    const result = (JSON.parse(waived) as Sarif.Log).runs[0]!.results!.find((r) => r.ruleId === 'missing-backlink')!;
    expect(result.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'Q1 relaunch (approved by ceo, until 2027-01-31)' }]);
    expect(validate(waived)).toEqual([]);
  }, 180_000);

  it('reports a file that could not be judged as an invalid-profile error', () => {
    const bad = renderSarif(reportOfTexts({ 'bad dir/bad.yaml': 'version: 1\npartner: { name: A, type: shop }\n' }), renderOptions());
    const result = (JSON.parse(bad) as Sarif.Log).runs[0]!.results![0]!;
    expect(result).toMatchObject({ ruleId: 'invalid-profile', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'bad%20dir/bad.yaml' }, region: { startLine: 2 } } }] });
    expect(validate(bad)).toEqual([]);
  }, 180_000);
});
