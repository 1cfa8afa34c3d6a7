// The attacks of issue 12 on the output, each run through the built binary and read back the way
// its consumer reads it: the Actions runner (a line that starts with `::`, after blanks, is a
// workflow command), a terminal (ESC starts a control sequence), GitHub's markdown (cmark-gfm).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmark, elements, hasCmark, renderedText } from '../helpers/cmark.js';
import { run, STACK_TRACE } from './exec.js';

const TODAY = ['--today', '2026-11-22'];
const FORGE = '\n::add-mask::NO-GO\n::error file=x.yaml::forged\r::stop-commands::token';
const REPAINT = '\x1b[2K\r\x1b[42m GO \x1b[0m';
const OSC52 = '\x1b]52;c;ZXZpbA==\x07';
const HTML = '<img src=https://t.example/p.png><details open>';
/** What a file name can hold of it (no `/`). */
const FILE_HTML = '<img src=x onerror=alert(1)><details open>';
/** Rendered text as a reader sees it: the word joiners that break mentions and links are invisible. */
const seen = (html: string) => renderedText(html).replaceAll('\u2060', '');

/** Lines the Actions runner would take for a workflow command. */
const commandLines = (text: string) => text.split(/\r\n|\r|\n/).filter((line) => line.trimStart().startsWith('::'));
/** ESC not opening one of our SGR colour codes. */
// eslint-disable-next-line no-control-regex
const foreignEscapes = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').includes('\x1b');

const q = (text: string) => JSON.stringify(text);

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-output-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A profile whose texts are all `text`: names, owner, notes, and a customer quoted in a flag's message. */
function profile(text: string, extra = ''): string {
  const vendor = Array.from({ length: 12 }, () => '::error::forged').join(' ');
  return [
    'version: 1',
    'partner:',
    `  name: ${q(`Acme ${text}`)}`,
    `  owner: ${q(text)}`,
    '  investments:',
    `    - { by: us, kind: engineering, amount: 5000, note: ${q(text)} }`,
    extra,
    'opportunities:',
    `  - name: ${q(`Deal ${text}`)}`,
    `    customer: { name: ${q(`Uni ${text}`)}, incumbentVendor: ${q(`${vendor} ${text}`)}, prefersIncumbent: true, evaluatesBidsSeriously: false }`,
    '    ask: { showcaseOurBrand: true }',
    '',
  ].join('\n');
}

const hostileRubric = (text: string) => [
  'version: 1',
  `name: ${q(`evil ${text}`)}`,
  'extends: [default]',
  'rules:',
  '  - id: no-skin-in-the-game',
  `    title: ${q(`Skin ${text}`)}`,
  `    rationale: ${q(`Why ${text}`)}`,
  `    mitigation: ${q(`Ask ${text}`)}`,
  '',
].join('\n');

describe('workflow commands cannot be forged', () => {
  it('from partner and deal names, notes and quoted values in the table', () => {
    const dir = repo({ 'p.yaml': profile(FORGE) });
    const r = run(['assess', 'p.yaml', ...TODAY], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Acme \\n::add-mask::NO-GO\\n');
    expect(commandLines(r.stdout)).toEqual([]);
  });

  it('from names in the portfolio', () => {
    const dir = repo({ 'a.yaml': profile(FORGE), 'b.yaml': profile(`${FORGE} two`) });
    const r = run(['portfolio', '.', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(commandLines(r.stdout)).toEqual([]);
  });

  it('from rubric test case names and the partners they fail on', () => {
    const cases = ['version: 1', 'rubric: default', 'today: 2026-11-22', 'cases:', `  - name: ${q(`case ${FORGE}`)}`, `    partner: { name: ${q(`P ${FORGE}`)} }`, '    expect: { verdict: GO }', ''].join('\n');
    const dir = repo({ 'tests/t.yaml': cases });
    const r = run(['rubric', 'test', 'tests'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(r.stdout).toMatch(/^✗ tests\/t\.yaml: case \\n::add-mask::NO-GO/);
    expect(commandLines(r.stdout)).toEqual([]);
  });

  it('from key names and waiver rule ids quoted in error lines', () => {
    const dir = repo({ 'k.yaml': `version: 1\npartner:\n  name: A\n  ${q(`bad${FORGE}`)}: 1\n`, 'w.yaml': `version: 1\npartner:\n  name: A\n  waivers:\n    - { rule: ${q(`nope${FORGE}`)}, reason: ${q(FORGE)}, expires: 2027-01-01, approvedBy: ${q(FORGE)} }\n` });
    for (const file of ['k.yaml', 'w.yaml']) {
      const r = run(['assess', file, ...TODAY], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stderr).toContain('\\n::add-mask::NO-GO');
      expect(commandLines(r.stderr)).toEqual([]);
    }
  });

  it('from rubric keys and names quoted in error lines', () => {
    const dir = repo({ 'r.yaml': `version: 1\nname: ${q(`r${FORGE}`)}\nextends: [default]\n${q(`bad${FORGE}`)}: 1\n` });
    const r = run(['rules', '--rubric', 'r.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\\n::add-mask::NO-GO');
    expect(commandLines(r.stderr)).toEqual([]);
  });

  it('from rubric names, keys and problems printed by rubric lint', () => {
    const good = repo({ 'r.yaml': `version: 1\nname: ${q(`r${FORGE}`)}\nextends: [default]\n` });
    const ok = run(['rubric', 'lint', 'r.yaml'], { cwd: good });
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toContain('\x1b');
    expect(commandLines(ok.stdout)).toEqual([]);
    const bad = repo({ 'r.yaml': `version: 1\nname: r\nextends: [default]\n${q(`bad${FORGE}`)}: 1\n` });
    const r = run(['rubric', 'lint', 'r.yaml'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\\n::add-mask::NO-GO');
    expect(commandLines(r.stderr)).toEqual([]);
  });

  it('from file names at the start of a problem line', () => {
    const dir = repo({ '::error::forged.yaml': 'version: 1\npartner: {}\n', 'ok.yaml': 'version: 1\npartner: { name: Ok, outcome: { status: ended, result: failure } }\n' });
    for (const args of [['check', '.'], ['backtest', '.']]) {
      const r = run([...args, ...TODAY], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(commandLines(r.stdout)).toEqual([]);
      expect(commandLines(r.stderr)).toEqual([]);
    }
  });

  it('while the github format writes its own annotations, each whole on its line', () => {
    const dir = repo({ 'p.yaml': profile(FORGE) });
    const r = run(['check', '.', '--format', 'github', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([1, '']);
    const lines = commandLines(r.stdout);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) (file=[^,]*,line=\d+,col=\d+,)?title=[^:]*::/);
    expect(lines.some((line) => line.startsWith('::add-mask') || line.startsWith('::stop-commands') || line.startsWith('::error file=x.yaml'))).toBe(false);
  });
});

describe.skipIf(!hasCmark)('markdown for PR comments and the step summary, read by cmark-gfm', () => {
  /** Elements only the report's own structure makes. */
  const OURS = new Set(['h2', 'h3', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'strong', 'em', 'del', 'code', 'sub']);
  const foreign = (html: string) => Object.keys(elements(html)).filter((e) => !OURS.has(e));

  it('quotes file names between backticks as code, whatever they hold', () => {
    const name = `x\`${FILE_HTML}\` \`\`y`;
    const dir = repo({ [`${name}.yaml`]: 'version: 1\npartner: {}\n', [`${name}-ok.yaml`]: profile('ok') });
    const r = run(['check', '.', '--format', 'markdown', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([2, '']);
    const html = cmark(r.stdout);
    expect(foreign(html)).toEqual([]);
    expect(seen(html)).toContain(`${name}.yaml`);
  });

  it('escapes the rubric name in the footer and in the backtest headline', () => {
    const text = `${HTML} @octocat #12`;
    const dir = repo({ 'r.yaml': hostileRubric(text), 'p.yaml': profile('ok', '  outcome: { status: ended, result: failure }') });
    const check = run(['check', 'p.yaml', '--rubric', 'r.yaml', '--format', 'markdown', '--fail-on', 'never', ...TODAY], { cwd: dir });
    const backtest = run(['backtest', 'p.yaml', '--rubric', 'r.yaml', '--format', 'markdown', ...TODAY], { cwd: dir });
    for (const r of [check, backtest]) {
      expect([r.code, r.stderr]).toEqual([0, '']);
      const html = cmark(r.stdout);
      expect(foreign(html)).toEqual([]);
      expect(seen(html)).toContain(`evil ${text}`);
      expect(renderedText(html)).not.toMatch(/@octocat|#12/);
    }
  });

  it('keeps a lone CR, mentions and issue references in a name from making blocks or links', () => {
    const text = '\r# Owned\r---\r> quote\r- item @octocat fixes #12 www.example.com https://example.com';
    const dir = repo({ 'p.yaml': profile(text) });
    const r = run(['check', '.', '--format', 'markdown', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([1, '']);
    const html = cmark(r.stdout);
    expect(foreign(html)).toEqual([]);
    expect(elements(html)['h2']).toBe(1);
    expect(renderedText(html)).not.toMatch(/@octocat|#12|www\.example|https:\/\//);
  });

  it('links no one and nothing from names, values and file names, in text or in code spans (issue 14)', () => {
    // GitHub links mentions, references and URLs in the rendered text, outside <code>, <pre> and <a>.
    const name = 'Acme @octocat @org/team #123 o/r#7 GH-9 x@y.co `tick` a\\b \\* www.x.co https://x.co';
    const file = 'bad `x` ``y @dave #99 a\\b\\_c.yaml';
    const dir = repo({ 'p.yaml': profile(name), [file]: 'version: 1\npartner: { name: B, "we*ird\\\\_key @eve #5": 1 }\n' });
    const r = run(['check', '.', '--format', 'markdown', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([2, '']);
    const html = cmark(r.stdout);
    expect(foreign(html)).toEqual([]);
    expect(elements(html)['a']).toBeUndefined();
    const outsideCode = renderedText(html.replace(/<code>[^<]*<\/code>/g, ''));
    expect(outsideCode).not.toMatch(/(^|[^\w])@\w|#\d|GH-\d|www\.|:\/\/|\w@\w/);
    // The reader sees the name as written, backslashes and backticks included.
    expect(seen(html)).toContain(`${name} → Deal ${name}`);
    // Inside a code span no escape shows, and a backtick does not end it: each span is one whole quote.
    const spans = [...html.matchAll(/<code>([^<]*)<\/code>/g)].map((m) => renderedText(m[1]!));
    expect(spans).toContain('p.yaml');
    expect(spans.find((s) => s.startsWith(file))).toBe(`${file}:2:21 partner.we*ird\\_key @eve #5: expected one of the keys id, name, type, since, owner, reviewed, currency, sponsor, agreement, investments, value, marketing, pricing, control, engagement, conduct, keyPeople, outcome, waivers; got unknown key "we*ird\\_key @eve #5"`);
  });

  it('writes SARIF help.markdown from rubric text as escaped markdown', () => {
    const dir = repo({ 'r.yaml': hostileRubric(`${HTML} *bold* [link](https://x.example)`), 'p.yaml': profile('ok') });
    const r = run(['check', '.', '--rubric', 'r.yaml', '--format', 'sarif', ...TODAY], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([1, '']);
    const rules = (JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; help: { text: string; markdown: string } }[] } } }[] }).runs[0]!.tool.driver.rules;
    const rule = rules.find((x) => x.id === 'no-skin-in-the-game')!;
    expect(rule.help.text).toContain(`Why ${HTML}`);
    for (const { help } of rules) expect(Object.keys(elements(cmark(help.markdown))).filter((e) => !['p', 'code'].includes(e))).toEqual([]);
    expect(seen(cmark(rule.help.markdown))).toContain(`Why ${HTML} *bold* [link](https://x.example)`);
  });
});

describe('terminal escapes do not pass through', () => {
  const text = `${REPAINT}${OSC52}\u202e\ud800`;

  it('to the table, in colour or not', () => {
    const dir = repo({ 'p.yaml': profile(text) });
    const plain = run(['assess', 'p.yaml', ...TODAY], { cwd: dir });
    expect([plain.code, plain.stderr]).toEqual([1, '']);
    expect(plain.stdout).not.toContain('\x1b');
    expect(plain.stdout).toContain('\\x1b]52;c;ZXZpbA==\\x07\\u202e\\ud800');
    const coloured = run(['assess', 'p.yaml', ...TODAY], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(coloured.code).toBe(1);
    expect(coloured.stdout).toContain('\x1b[');
    expect(foreignEscapes(coloured.stdout)).toBe(false);
    expect(coloured.stdout).not.toContain('\x1b[42m GO');
  });

  it('to the portfolio and to rubric test output', () => {
    const dir = repo({ 'p.yaml': profile(text), 'tests/t.yaml': ['version: 1', 'cases:', `  - name: ${q(text)}`, `    partner: { name: ${q(text)} }`, '    expect: { verdict: GO }', ''].join('\n') });
    for (const args of [['portfolio', 'p.yaml'], ['rubric', 'test', 'tests']]) {
      const r = run([...args, ...TODAY], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
      expect(r.stderr).toBe('');
      expect(foreignEscapes(r.stdout)).toBe(false);
    }
  });

  it('to stderr, from key names in error lines', () => {
    const dir = repo({ 'k.yaml': `version: 1\npartner:\n  name: A\n  ${q(`bad${text}`)}: 1\n` });
    const r = run(['assess', 'k.yaml', ...TODAY], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).toContain('bad\\x1b[2K\\r\\x1b[42m GO');
  });

  it('to explain and rules, from rubric texts', () => {
    const dir = repo({ 'r.yaml': hostileRubric(text) });
    for (const args of [['explain', 'no-skin-in-the-game', '--rubric', 'r.yaml'], ['rules', '--rubric', 'r.yaml']]) {
      const r = run(args, { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(foreignEscapes(r.stdout)).toBe(false);
      expect(commandLines(r.stdout)).toEqual([]);
    }
  });
});
