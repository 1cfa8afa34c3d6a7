// The SARIF output, validated by Microsoft's SARIF multitool (npm @microsoft/sarif-multitool).
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { SARIF_LIMITS } from '../../src/report/limits.js';
import { renderSarif, renderSarifWithin } from '../../src/report/sarif.js';
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
  const sarif = renderSarif(reportOfFiles(EXAMPLES), renderOptions());
  const log = JSON.parse(sarif) as Sarif.Log;
  const run = log.runs[0]!;

  it("passes the SARIF multitool's validation with no errors, warnings or notes", () => {
    expect(validate(sarif).map((r) => `${r.level} ${r.ruleId}: ${JSON.stringify(r.message)}`)).toEqual([]);
  }, 180_000);

  it('describes every rule of the rubric, with help', () => {
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toContain('no-skin-in-the-game');
    const skin = rules.find((r) => r.id === 'no-skin-in-the-game')!;
    expect(skin.shortDescription?.text).toBe('No skin in the game.');
    expect(skin.help?.text).toMatch(/What to ask for instead: Commit nothing more/);
    expect(skin.defaultConfiguration?.level).toBe('error');
  });

  it('puts each flag at its evidence line, with a fingerprint that does not depend on the line', () => {
    const result = run.results!.find((r) => r.ruleId === 'no-skin-in-the-game' && r.properties?.partner === 'acme')!;
    expect(result.level).toBe('error');
    expect(result.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'examples/acme.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 25, startColumn: 3 } });
    expect(result.partialFingerprints!['partnerEval/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(run.tool.driver.rules![result.ruleIndex!]!.id).toBe('no-skin-in-the-game');
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

describe("SARIF within code scanning's limits", () => {
  const report = reportOfFiles(EXAMPLES);
  const runOf = (text: string) => (JSON.parse(text) as Sarif.Log).runs[0]!;
  const whole = runOf(renderSarif(report, renderOptions())).results!;

  it('lists the most severe first whatever the limits: code scanning keeps the top 5,000', () => {
    const order = { error: 0, warning: 1, note: 2, none: 3 };
    const ranks = whole.map((r) => (r.suppressions ? 10 : 0) + order[r.level!]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(runOf(renderSarif(report, renderOptions())).invocations).toBeUndefined();
  });

  it('past the results of a run, keeps the most severe and says what it left out, in the run and as warnings', () => {
    const { text, warnings } = renderSarifWithin(report, renderOptions(), { ...SARIF_LIMITS, resultsPerRun: 5, resultsKept: 3 });
    const run = runOf(text);
    expect(run.results!.map((r) => r.partialFingerprints)).toEqual(whole.slice(0, 5).map((r) => r.partialFingerprints));
    expect(warnings).toEqual([
      expect.stringMatching(/^SARIF: \d+ results, more than the 5 GitHub code scanning accepts in a run: the 5 most severe are written, \d+ left out \(\d+ blocker, \d+ high, .*\); the same command with `--format json --output report.json` writes all of it\.$/),
      'SARIF: GitHub code scanning keeps 3 results of a run as alerts, and this file has 5: the file lists the most severe first (3 blocker would be kept).',
    ]);
    // SARIF 2.1.0 §3.20.21: the run's invocation carries them as tool execution notifications.
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: warnings.map((text) => ({ level: 'warning', message: { text } })) }]);
    for (const r of run.results!) expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
    expect(validate(text)).toEqual([]);
  }, 180_000);

  it('past 10 MB gzip-compressed, keeps as many of the most severe as fit', () => {
    const limit = 12_000;
    expect(gzipSync(renderSarif(report, renderOptions())).length).toBeGreaterThan(limit);
    const { text, warnings } = renderSarifWithin(report, renderOptions(), { ...SARIF_LIMITS, gzipBytes: limit });
    expect(gzipSync(text).length).toBeLessThanOrEqual(limit);
    const results = runOf(text).results!;
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((r) => r.partialFingerprints)).toEqual(whole.slice(0, results.length).map((r) => r.partialFingerprints));
    expect(warnings).toEqual([expect.stringMatching(/^SARIF: \d+ results, more than fit in the 0\.012 MB \(gzip-compressed\) GitHub code scanning accepts: the \d+ most severe are written/)]);
  });

  it('past 25,000 rules (a rubric of more), describes only the rules its results name', () => {
    const rules = renderOptions().rules;
    const many = [...rules, ...Array.from({ length: SARIF_LIMITS.rulesPerRun }, (_, i) => ({ ...rules[0]!, id: `generated-rule-${i}` }))];
    const run = runOf(renderSarifWithin(report, { ...renderOptions(), rules: many }).text);
    const described = run.tool.driver.rules!;
    expect(described.length).toBeLessThanOrEqual(SARIF_LIMITS.rulesPerRun);
    expect(new Set(described.map((r) => r.id))).toEqual(new Set(run.results!.map((r) => r.ruleId)));
    for (const r of run.results!) expect(described[r.ruleIndex!]!.id).toBe(r.ruleId);
  });

  it('gives a result at most the 100 locations code scanning keeps', () => {
    const flagged = structuredClone(report);
    const finding = flagged.partners[0]!.findings.find((f) => f.outcome === 'flagged' && f.evidence.length > 0)!;
    finding.evidence = Array.from({ length: 150 }, (_, i) => ({ ...finding.evidence[0]!, line: i + 1 }));
    const result = runOf(renderSarif(flagged, renderOptions())).results!.find((r) => r.ruleId === finding.ruleId && r.properties?.partner === flagged.partners[0]!.id)!;
    expect(result.locations!.length + result.relatedLocations!.length).toBe(SARIF_LIMITS.locationsKept);
  });
});
