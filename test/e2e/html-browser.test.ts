// The HTML report in a real browser: Debian's Chromium, headless, driven by playwright-core. The
// page must render the verdict and both charts with no network at all: every request it makes is
// recorded, and only the file itself may be asked for.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportOfFiles } from '../helpers/report.js';
import { run } from './exec.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// CI installs Chromium (.ci/run) and sets REQUIRE_BROWSER, so a missing browser fails there
// instead of skipping; on a developer's machine without it, these tests are skipped.
const available = existsSync(CHROMIUM);
if (!available && process.env['REQUIRE_BROWSER']) throw new Error(`REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM}`);

const TODAY = ['--today', '2026-11-22'];

/** What the page's elements are to these tests (the project's types do not include the DOM). */
type Boxed = { getBoundingClientRect(): { width: number; height: number } }[];
const dir = mkdtempSync(path.join(tmpdir(), 'partner-eval-html-'));

describe.skipIf(!available)('the HTML report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Chromium's own background services would try the network, which CI does not have.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report file, recording every request the page makes. */
  async function open(file: string): Promise<{ page: Page; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, requests };
  }

  it('shows the NO-GO verdict and both charts with size, offline', async () => {
    const file = path.join(dir, 'acme.html');
    const r = run(['assess', 'examples/acme.yaml', '--format', 'html', '--output', file, ...TODAY]);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', '']);
    const { page, requests } = await open(file);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.title()).toBe('Acme Storage: NO-GO');
    const verdict = page.locator('#partner-acme > h2 .verdict');
    expect(await verdict.textContent()).toBe('NO-GO');
    expect(await verdict.isVisible()).toBe(true);

    const score = page.locator('#partner-acme svg.score-chart');
    const scoreBox = (await score.boundingBox())!;
    expect(scoreBox.width).toBeGreaterThan(400);
    expect(scoreBox.height).toBeGreaterThan(200);
    // One bar per counted finding (its red flags and green signals, as the rubric gives them), then the score: each drawn, with width.
    const counted = reportOfFiles(['examples/acme.yaml']).partners[0]!.findings.filter((f) => f.outcome === 'flagged');
    expect(counted.some((f) => f.severity === 'green') && counted.some((f) => f.severity !== 'green')).toBe(true);
    const scoreBars = await score.locator('rect.bar').evaluateAll((bars: Boxed) => bars.map((b) => b.getBoundingClientRect().width));
    expect(scoreBars).toHaveLength(counted.length + 1);
    expect(scoreBars.every((w) => w > 0)).toBe(true);

    const balance = page.locator('#partner-acme svg.balance-chart');
    const balanceBox = (await balance.boundingBox())!;
    expect(balanceBox.width).toBeGreaterThan(400);
    expect(balanceBox.height).toBeGreaterThan(100);
    // Acme put nothing in: every bar of ours has width, every bar of theirs none.
    const ours = await balance.locator('rect.bar.ours').evaluateAll((bars: Boxed) => bars.map((b) => b.getBoundingClientRect().width));
    const theirs = await balance.locator('rect.bar.theirs').evaluateAll((bars: Boxed) => bars.map((b) => b.getBoundingClientRect().width));
    expect(ours.length).toBeGreaterThan(1);
    expect(ours.every((w) => w > 0)).toBe(true);
    expect(theirs.every((w) => w === 0)).toBe(true);

    await expect(page.locator('#partner-acme .finding').first().textContent()).resolves.toMatch(/No skin in the game/);
    await expect(page.locator('#partner-acme .ask').first().isVisible()).resolves.toBe(true);
    await page.close();
  }, 60_000);

  it('shows every partner of a check, each with its own verdict', async () => {
    const file = path.join(dir, 'all.html');
    const r = run(['check', 'examples/joint-product.yaml', 'examples/departed-sponsor.yaml', '--format', 'html', '--output', file, ...TODAY]);
    expect(r.code).toBe(0);
    const { page, requests } = await open(file);
    expect(requests).toHaveLength(1);
    const verdicts = await page.locator('section.partner > h2 .verdict').allTextContents();
    expect(verdicts.sort()).toEqual(['CONDITIONAL', 'GO']);
    const charts = await page.locator('svg.chart').evaluateAll((svgs: Boxed) => svgs.map((s) => s.getBoundingClientRect().height));
    expect(charts).toHaveLength(4);
    expect(charts.every((height) => height > 50)).toBe(true);
    await page.close();
  }, 60_000);

  it('shows a hostile name as text: no element, request or script of its own', async () => {
    const name = '<img src=https://t.example/p.png onerror=alert(1)><details open><summary>GO</summary></details>\u202e\n::error::x';
    const profile = path.join(dir, 'hostile.yaml');
    writeFileSync(profile, `version: 1\npartner: { name: ${JSON.stringify(name)} }\nopportunities:\n  - name: ${JSON.stringify(`Deal ${name}`)}\n`);
    const file = path.join(dir, 'hostile.html');
    const r = run(['assess', profile, '--format', 'html', '--output', file, ...TODAY]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    const { page, requests } = await open(file);
    let dialogs = 0;
    page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs++));
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('details').count()).toBe(0);
    // The bidi override would reorder what follows it: it shows as text, as on a terminal.
    expect(await page.title()).toBe(`${name.replace(/\n/g, ' ').replace('\u202e', '\\u202e')}: CONDITIONAL`);
    await expect(page.locator('section.partner > h2').first().textContent()).resolves.toContain('<img src=https://t.example/p.png');
    expect(dialogs).toBe(0);
    await page.close();
  }, 60_000);
});
