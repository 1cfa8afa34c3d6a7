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

/**
 * What the multitool finds wrong with `sarif` (nothing, for valid SARIF). Under mutation testing
 * (vitest.stryker.config.ts) it is not run: a .NET process per call is two seconds per mutant, and
 * the assertions on each report's content are what tell a mutant apart.
 */
function validate(sarif: string): Sarif.Result[] {
  if (process.env['PARTNER_EVAL_MUTATION']) return [];
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-sarif-'));
  writeFileSync(path.join(dir, 'report.sarif'), sarif);
  const out = path.join(dir, 'validation.sarif');
  const run = spawnSync(multitool(), ['validate', path.join(dir, 'report.sarif'), '--output', out, '--log', 'ForceOverwrite'], { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' }, timeout: 120_000 });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  return (JSON.parse(readFileSync(out, 'utf8')) as Sarif.Log).runs[0]!.results ?? [];
}

/**
 * sha256 of the rule, the partner and the deal joined by NUL, its first 32 hex digits (for an
 * invalid profile: the rule, the file, the key path and the message), as code scanning has seen them.
 * `printf 'thin-deal\0p\0one' | sha256sum` gives the first.
 */
const PINNED_FINGERPRINTS = {
  'thin-deal p/one': 'df9465be766a2a23c3d992e94bd3c9cf',
  'thin-deal p/two': 'edf47431d00c87e1395ccfa6e61ab895',
  'thin-deal /direct': '1cd2aa7ca8671e27bc49285db418c428',
  'missing-backlink p/': '606e177e8e2bd81fc8ab6ea35438d7f1',
  'unsettled-verdict p/': '79f982bfdb6297af4c63daacae4cdb1a',
  'unsettled-verdict p/one': '87f422469aa7af19ba4c0b8abdc88ab2',
  'unsettled-verdict /direct': '0009a44d9dfbea834f220737f0cd86b3',
  'invalid-profile undefined/': 'a9e7d49bf60d0d73ded294adf75cb5b2',
};

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

  describe('rules, levels and results, as code scanning shows them', () => {
    const sarifOf = (texts: Record<string, string>, rules = renderOptions().rules) => (JSON.parse(renderSarif(reportOfTexts(texts), { ...renderOptions(), rules })) as Sarif.Log).runs[0]!;

    it('describes a rule with its name, sentences, help in text and markdown, level and tags', () => {
      const rule = { id: 'odd-rule-2', title: 'An *odd* rule', scope: 'opportunity' as const, severity: 'medium' as const, rationale: 'Because <b>we</b> said so!', mitigation: 'Ask @someone first', source: '000_x.txt' };
      const [descriptor] = sarifOf({}, [rule]).tool.driver.rules!;
      expect(descriptor).toEqual({
        id: 'odd-rule-2',
        name: 'OddRule2',
        shortDescription: { text: 'An *odd* rule.' },
        fullDescription: { text: 'Because <b>we</b> said so!' },
        help: {
          text: 'Because <b>we</b> said so!\n\nWhat to ask for instead: Ask @someone first\n\nRun `partner-eval explain odd-rule-2` for the fields it reads.',
          markdown: 'Because \\<b\\>we\\</b\\> said so\\!\n\nWhat to ask for instead: Ask @\u2060someone first\n\nRun `partner-eval explain odd-rule-2` for the fields it reads.',
        },
        defaultConfiguration: { level: 'warning' },
        properties: { tags: ['partner-eval', 'opportunity', 'medium'], source: '000_x.txt' },
      });
      // Markdown that code scanning renders carries no raw HTML and no mention from a rubric.
      expect(descriptor!.help!.markdown).not.toContain('<b>');
      expect(descriptor!.help!.markdown).not.toContain(' @someone');
      const plain = sarifOf({}, [{ ...rule, mitigation: undefined, source: undefined, severity: 'low' }]).tool.driver.rules![0]!;
      expect(plain.help!.text).toBe('Because <b>we</b> said so!\n\nRun `partner-eval explain odd-rule-2` for the fields it reads.');
      expect(plain.properties).toEqual({ tags: ['partner-eval', 'opportunity', 'low'] });
      expect(plain.defaultConfiguration).toEqual({ level: 'note' });
    });

    it("adds partner-eval's own rules after the rubric's: an invalid profile (error) and an unsettled verdict (warning)", () => {
      const rules = sarifOf({}).tool.driver.rules!;
      expect(rules.slice(-2).map((r) => [r.id, r.name, r.defaultConfiguration?.level])).toEqual([['invalid-profile', 'InvalidProfile', 'error'], ['unsettled-verdict', 'UnsettledVerdict', 'warning']]);
      expect(rules.at(-1)!.help!.text).not.toContain('`');
      expect(rules.length).toBe(renderOptions().rules.length + 2);
    });

    it('gives each flag the level of its severity, points at its rule, and leaves green signals out', () => {
      const run = sarifOf({ 'l.yaml': 'version: 1\npartner:\n  name: L\n  sponsor: { level: vp, active: false }\n  marketing: { mentionsUs: true, linksToUs: false }\n  agreement: { advanceNotice: false }\n  control: { customerContact: direct }\n' });
      const level = (id: string) => run.results!.filter((r) => r.ruleId === id).map((r) => [r.level, run.tool.driver.rules![r.ruleIndex!]!.id]);
      expect(level('sponsor-departed')).toEqual([['error', 'sponsor-departed']]);
      expect(level('missing-backlink')).toEqual([['warning', 'missing-backlink']]);
      expect(level('no-advance-notice')).toEqual([['note', 'no-advance-notice']]);
      expect(level('direct-customer-access')).toEqual([]);
      const flag = run.results!.find((r) => r.ruleId === 'sponsor-departed')!;
      expect(flag.message.text).toBe('L: Their sponsor (vp) no longer owns the partnership, and no successor is recorded.');
      expect(flag.properties).toMatchObject({ severity: 'high', verdict: 'CONDITIONAL', partner: 'l' });
      expect(typeof flag.properties!.mitigation).toBe('string');
      expect(flag.properties!.opportunity).toBeUndefined();
    });

    it('reports an unsettled verdict once, at the partner, with the facts that decide it', () => {
      const run = sarifOf({ 'n.yaml': 'version: 1\npartner: { name: N }\nopportunities:\n  - name: D\n' });
      const unsettled = run.results!.filter((r) => r.ruleId === 'unsettled-verdict');
      expect(unsettled.map((r) => [r.level, r.kind, r.properties?.partner as unknown, (r.properties?.opportunity as unknown) ?? null])).toEqual([['warning', 'review', 'n', null], ['warning', 'review', 'n', 'd']]);
      expect(unsettled[0]!.message.text).toMatch(/^N: CONDITIONAL, unsettled: NO-GO at worst, GO at best\. Find out first: What has each side put into this partnership so far/);
      expect(unsettled[1]!.message.text).toMatch(/^N → D: CONDITIONAL, unsettled: NO-GO at worst, GO at best\. Find out first: /);
      expect(unsettled[0]!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 2, startColumn: 1 });
      expect(unsettled[0]!.properties).toMatchObject({ verdict: 'CONDITIONAL', score: 100, range: { worst: { verdict: 'NO-GO' }, best: { verdict: 'GO' }, settled: false } });
      expect((unsettled[0]!.properties!.openQuestions as string[]).length).toBeGreaterThan(1);
    });

    it('puts a flag with several facts at the first, and the others as related locations', () => {
      const run = sarifOf({ 'd.yaml': 'version: 1\npartner: { name: P }\nopportunities:\n  - name: Locked\n    customer: { prefersIncumbent: true, evaluatesBidsSeriously: false }\n' });
      const lock = run.results!.find((r) => r.ruleId === 'preferred-vendor-lock')!;
      expect(lock.level).toBe('error');
      expect(lock.message.text).toBe('P → Locked: The customer prefers its usual vendor and is not evaluating bids seriously.');
      expect(lock.locations![0]!.physicalLocation!.region).toEqual({ startLine: 5, startColumn: 17 });
      expect(lock.relatedLocations).toEqual([{ id: 1, physicalLocation: { artifactLocation: { uri: 'd.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 41 } }, message: { text: 'opportunity.customer.evaluatesBidsSeriously' } }]);
      expect(lock.properties).toMatchObject({ partner: 'd', opportunity: 'locked' });
    });

    it("describes partner-eval's own two rules in words code scanning shows, with help in text and markdown", () => {
      const [invalid, unsettled] = sarifOf({}).tool.driver.rules!.slice(-2);
      expect(invalid).toEqual({
        id: 'invalid-profile',
        name: 'InvalidProfile',
        shortDescription: { text: 'The profile could not be read or validated.' },
        fullDescription: { text: 'A profile with invalid YAML or keys and values the format does not allow cannot be judged; its partner and deals are left out of the report.' },
        help: { text: 'Fix the key or value at the reported line; docs/format.md describes every key.', markdown: 'Fix the key or value at the reported line; `docs/format.md` describes every key.' },
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['partner-eval'] },
      });
      expect(unsettled).toEqual({
        id: 'unsettled-verdict',
        name: 'UnsettledVerdict',
        shortDescription: { text: 'The verdict could still change: facts it depends on are not recorded.' },
        fullDescription: { text: 'Facts the rubric reads are absent from the profile, and their answers could move the verdict between its worst and best case. A GO on the known facts is reported CONDITIONAL until they are known.' },
        help: { text: 'Find out the facts the result names and record them in the profile (partner-eval assess --interactive asks them).', markdown: 'Find out the facts the result names and record them in the profile (`partner-eval assess --interactive` asks them).' },
        defaultConfiguration: { level: 'warning' },
        properties: { tags: ['partner-eval'] },
      });
    });

    it('makes each description and message one sentence, however its text ends', () => {
      const rule = { id: 'r', title: '  Loan vs. price  ', scope: 'partner' as const, severity: 'low' as const, rationale: '  Is it fair?  ' };
      const [descriptor] = sarifOf({}, [rule]).tool.driver.rules!;
      expect(descriptor!.shortDescription).toEqual({ text: 'Loan vs. price.' });
      expect(descriptor!.fullDescription).toEqual({ text: 'Is it fair?' });
      // A file that is not YAML has no key path: its message alone, as one sentence.
      const broken = { 'x.yaml': 'version: 1\npartner: [\n' };
      const [problem] = reportOfTexts(broken).problems;
      expect(problem!.path).toBe('');
      expect(sarifOf(broken).results![0]!.message.text).toBe(`${problem!.message}.`);
    });

    it('reports an unsettled verdict exactly for the partners and deals whose range is open, naming only the deciding facts', () => {
      const example = (file: string) => readFileSync(file, 'utf8');
      const report = reportOfTexts({ 'n.yaml': 'version: 1\npartner: { name: N }\nopportunities:\n  - name: D\n', 'acme.yaml': example('examples/acme.yaml'), 'direct.yaml': example('examples/deals/direct-render-farm.yaml') });
      const run = (JSON.parse(renderSarif(report, renderOptions())) as Sarif.Log).runs[0]!;
      const unsettled = new Map(run.results!.filter((r) => r.ruleId === 'unsettled-verdict').map((r) => [`${String(r.properties!.partner)}/${String(r.properties!.opportunity ?? '')}`, r.message.text]));
      const entities = [...report.partners.flatMap((p) => [{ key: `${p.id}/`, e: p }, ...p.opportunities.map((o) => ({ key: `${p.id}/${o.id}`, e: o }))]), ...report.opportunities.map((o) => ({ key: `/${o.id}`, e: o }))];
      expect(entities.some(({ e }) => e.range.settled)).toBe(true);
      expect(entities.some(({ e }) => !e.range.settled)).toBe(true);
      for (const { key, e } of entities) {
        expect(unsettled.has(key), key).toBe(!e.range.settled);
        if (e.range.settled) continue;
        const deciding = e.openQuestions.filter((q) => q.decidesVerdict).map((q) => q.question);
        const told = unsettled.get(key)!;
        if (deciding.length) expect(told.endsWith(`. Find out first: ${deciding.join(' ')}`) || told.endsWith(`. Find out first: ${deciding.join(' ')}.`), told).toBe(true);
        else expect(told).not.toContain('Find out first');
        for (const q of e.openQuestions.filter((q) => !q.decidesVerdict)) if (!deciding.includes(q.question)) expect(told).not.toContain(q.question);
      }
    });

    it('describes a file that could not be read with its key path and hint', () => {
      const run = sarifOf({ 'v.yaml': 'version: 2\npartner: { name: A }\n' });
      expect(run.results!.map((r) => [r.ruleId, r.level, r.message.text])).toEqual([['invalid-profile', 'error', 'version: expected 1 (the format version), got 2 (this file was written for a newer partner-eval; upgrade it).']]);
      expect(run.results![0]!.ruleIndex).toBe(run.tool.driver.rules!.findIndex((r) => r.id === 'invalid-profile'));
    });

    it('carries the rubric, the date and the summary of the run', () => {
      const log = JSON.parse(renderSarif(reportOfTexts({ 'p.yaml': 'version: 1\npartner: { name: P }\n' }), renderOptions())) as Sarif.Log;
      expect([log.version, log.$schema]).toEqual(['2.1.0', 'https://json.schemastore.org/sarif-2.1.0.json']);
      expect(log.runs[0]!.tool.driver).toMatchObject({ name: 'partner-eval', version: '0.1.0', semanticVersion: '0.1.0' });
      expect(log.runs[0]!.columnKind).toBe('utf16CodeUnits');
      expect(log.runs[0]!.properties).toMatchObject({ rubric: { name: 'default' }, assessedOn: '2026-11-22', summary: { partners: 1 } });
    });
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

    it('do not run one id into the next: partner "ab" with deal "c" is not partner "a" with deal "bc"', () => {
      const partner = (id: string, deal: string) => `version: 1\npartner: { name: ${id}, id: ${id} }\nopportunities:\n  - { name: ${deal}, id: ${deal}, value: ${thin.value}, marginPercent: ${thin.marginPercent} }\n`;
      const both = fingerprints({ 'ab.yaml': partner('ab', 'c'), 'a.yaml': partner('a', 'bc') });
      expect(both['thin-deal ab/c']).toBeDefined();
      expect(both['thin-deal ab/c']).not.toBe(both['thin-deal a/bc']);
    });

    it('stay the same from one release to the next, or code scanning would close every alert and open it again', () => {
      // Worked out once from the rule, the partner and the deal; a change here is a breaking change (CHANGELOG.md).
      const pinned = fingerprints({ 'p.yaml': profile(), 'direct.yaml': `version: 1\nopportunity: { name: Direct, id: direct, value: ${thin.value}, marginPercent: ${thin.marginPercent} }\n`, 'bad.yaml': 'version: 2\npartner: { name: B }\n' });
      expect(pinned).toMatchObject(PINNED_FINGERPRINTS);
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

describe("SARIF within code scanning's limits", () => {
  const runOf = (text: string) => (JSON.parse(text) as Sarif.Log).runs[0]!;
  // Made in each test, not when the file is collected: mutation testing (docs/mutation.md) turns a
  // mutant on only for the tests themselves.
  const examples = () => {
    const report = reportOfFiles(EXAMPLES);
    return { report, whole: runOf(renderSarif(report, renderOptions())).results! };
  };

  it('lists the most severe first whatever the limits: code scanning keeps the top 5,000', () => {
    const { report, whole } = examples();
    const order = { error: 0, warning: 1, note: 2, none: 3 };
    const ranks = whole.map((r) => (r.suppressions ? 10 : 0) + order[r.level!]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(runOf(renderSarif(report, renderOptions())).invocations).toBeUndefined();
  });

  it('past the results of a run, keeps the most severe and says what it left out, in the run and as warnings', () => {
    const { report, whole } = examples();
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
    const { report, whole } = examples();
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
    const { report } = examples();
    const rules = renderOptions().rules;
    const many = [...rules, ...Array.from({ length: SARIF_LIMITS.rulesPerRun }, (_, i) => ({ ...rules[0]!, id: `generated-rule-${i}` }))];
    const run = runOf(renderSarifWithin(report, { ...renderOptions(), rules: many }).text);
    const described = run.tool.driver.rules!;
    expect(described.length).toBeLessThanOrEqual(SARIF_LIMITS.rulesPerRun);
    expect(new Set(described.map((r) => r.id))).toEqual(new Set(run.results!.map((r) => r.ruleId)));
    for (const r of run.results!) expect(described[r.ruleIndex!]!.id).toBe(r.ruleId);
  });

  it('gives a result at most the 100 locations code scanning keeps', () => {
    const { report } = examples();
    const flagged = structuredClone(report);
    const finding = flagged.partners[0]!.findings.find((f) => f.outcome === 'flagged' && f.evidence.length > 0)!;
    finding.evidence = Array.from({ length: 150 }, (_, i) => ({ ...finding.evidence[0]!, line: i + 1 }));
    const result = runOf(renderSarif(flagged, renderOptions())).results!.find((r) => r.ruleId === finding.ruleId && r.properties?.partner === flagged.partners[0]!.id)!;
    expect(result.locations!.length + result.relatedLocations!.length).toBe(SARIF_LIMITS.locationsKept);
  });
});
