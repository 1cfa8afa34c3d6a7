// `check` at repository scale: generates N realistic profiles (~4 KB, with deals) in a temporary
// folder and prints, from one run: the time for one core to read them and parse them with yaml's
// parseDocument (the naive floor), the whole-process time of `check` on them, their ratio, and
// check's peak memory. Prints figures; nothing is asserted. Target (issue 3): ratio ≤ 0.6, < 512 MB.
//   npm run bench [-- --profiles 10000 --keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';

const { values } = parseArgs({ options: { profiles: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } } });
const rounds = Number(values.rounds);
const count = Number(values.profiles);
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
if (!existsSync(path.join(root, 'dist', 'cli.cjs'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

// Deterministic pseudo-random facts, so every run measures the same repository.
let seed = 20261122;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const bool = () => pick(['true', 'false']);
const maybe = (line) => (random() < 0.8 ? line : null);

function profile(i) {
  const name = `Partner ${i} ${pick(['Storage', 'Networks', 'Systems', 'Labs', 'Software', 'Integration'])}`;
  const deals = Array.from({ length: int(2, 4) }, (_, d) => [
    `  - name: Deal ${d + 1} for partner ${i}`,
    `    value: ${int(10, 900) * 1000}`,
    `    marginPercent: ${int(5, 40)}`,
    `    winProbability: ${(int(5, 90) / 100).toFixed(2)}`,
    `    customer: { name: Customer ${i}-${d}, incumbentVendor: ${pick(['BigIron', 'RackCo', 'none'])}, prefersIncumbent: ${bool()}, evaluatesBidsSeriously: ${bool()} }`,
    `    ask:`,
    random() < 0.3 ? `      tryAndBuy: { systemValue: ${int(50, 500) * 1000}, customized: ${bool()}, returnDays: ${pick([15, 30, 60, 90])}, unconditionalReturn: ${bool()} }` : '      tryAndBuy: false',
    `      freeConsultingDays: ${int(0, 12)}`,
    `      showcaseOurBrand: ${bool()}`,
    `    commitments:`,
    `      - { by: us, kind: ${pick(['presales', 'lab-hardware', 'capital'])}, amount: ${int(1, 60) * 1000}, note: "upfront work on deal ${d + 1}" }`,
    ...(random() < 0.5 ? [`      - { by: partner, kind: presales, amount: ${int(1, 30) * 1000} }`] : []),
    `    quoting: { by: ${pick(['us', 'partner'])}, reviewedByUs: ${bool()} }`,
    `    payment: { onAcceptance: ${bool()}, daysToCash: ${int(15, 150)} }`,
    `    fit: { withinOurExpertise: ${bool()}, withinPartnerCapability: ${bool()} }`,
  ].join('\n'));
  return [
    `# Generated profile ${i}: a partnership with facts drawn at random, for the benchmark.`,
    'version: 1',
    'partner:',
    `  name: ${name}`,
    `  type: ${pick(['reseller', 'technology', 'services', 'development', 'specialty'])}`,
    `  since: 20${int(18, 25)}-0${int(1, 9)}-1${int(0, 9)}`,
    `  owner: ${pick(['ceo', 'cto', 'sales-director', 'channel-manager'])}`,
    `  reviewed: 2026-${String(int(1, 11)).padStart(2, '0')}-1${int(0, 9)}`,
    `  sponsor: { level: ${pick(['c-level', 'vp', 'director', 'manager', 'none'])}, active: ${bool()} }`,
    `  agreement:`,
    maybe(`    written: ${bool()}`),
    maybe(`    expectationsDefined: ${bool()}`),
    maybe(`    quotingErrorsPaidBy: ${pick(['partner', 'us', 'shared', 'unspecified'])}`),
    maybe(`    nonSolicit: ${bool()}`),
    `    advanceNotice: ${bool()}`,
    `  investments:`,
    ...Array.from({ length: int(4, 8) }, () => `    - { by: ${pick(['us', 'partner'])}, kind: ${pick(['capital', 'lab-hardware', 'engineering', 'marketing', 'training', 'absorbed-loss'])}, amount: ${int(1, 80) * 1000}, partnerSpecific: ${bool()}, date: 2025-0${int(1, 9)}-1${int(0, 9)}, note: "ledger entry drawn for the benchmark" }`),
    `  value: { referralsToUs: ${int(0, 8)}, referralsFromUs: ${int(0, 8)}, jointWins: ${int(0, 5)}, revenue: ${int(0, 500) * 1000} }`,
    `  marketing: { mentionsUs: ${bool()}, linksToUs: ${bool()}, listsUsAsPartner: ${bool()}, linksCompetitorsFromOurContent: ${bool()}, asksUsToPromoteTheirOffers: ${bool()} }`,
    `  pricing: { promotionsAvailableToUs: ${bool()}, promotionsLimitedToSelectPartners: ${bool()} }`,
    `  control: { pricing: ${pick(['us', 'partner', 'shared'])}, invoicing: ${pick(['us', 'partner', 'shared'])}, customerContact: ${pick(['direct', 'through-partner', 'none'])} }`,
    `  engagement: { contactEveryDays: ${int(7, 120)}, attendsOurEvents: ${bool()}, readsOurUpdates: ${bool()}, jointSolution: ${bool()} }`,
    `  conduct:`,
    `    valueGrabAttempts: ${int(0, 2)}`,
    `    qualityIncidents: ${int(0, 4)}`,
    `    failedTryAndBuys: ${int(0, 3)}`,
    ...(() => {
      const escalations = Array.from({ length: int(0, 2) }, () => `      - { raised: 2026-0${int(1, 9)}-1${int(0, 9)}, summary: "a problem we raised with them", resolved: ${bool()}, response: ${pick(['constructive', 'none', 'dismissive'])} }`);
      return escalations.length ? ['    escalations:', ...escalations] : ['    escalations: []'];
    })(),
    `  keyPeople: { singleContact: ${bool()} }`,
    'opportunities:',
    ...deals,
    '',
  ].filter((line) => line !== null).join('\n');
}

const dir = mkdtempSync(path.join(tmpdir(), 'partner-eval-bench-'));
const profiles = path.join(dir, 'profiles');
let bytes = 0;
for (let i = 0; i < count; i++) {
  const sub = path.join(profiles, `group-${String(Math.floor(i / 500)).padStart(3, '0')}`);
  if (i % 500 === 0) mkdirSync(sub, { recursive: true });
  const text = profile(i);
  bytes += text.length;
  writeFileSync(path.join(sub, `partner-${i}.yaml`), text);
}
console.log(`${count} profiles, ${(bytes / count / 1024).toFixed(1)} KB each on average, in ${dir}`);
console.log(`machine: ${cpus().length} cores, node ${process.version}`);

// The naive floor: one core reads every file and parses it with yaml's parseDocument.
const files = readdirSync(profiles).flatMap((g) => readdirSync(path.join(profiles, g)).map((f) => path.join(profiles, g, f)));
function floorRun() {
  const start = process.hrtime.bigint();
  for (const file of files) parseDocument(readFileSync(file, 'utf8'));
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// The whole process, as CI runs it; peak memory from the child's own resource usage.
const rssFile = path.join(dir, 'rss.txt');
function checkRun() {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', path.join(root, 'scripts', 'record-peak-memory.cjs'), path.join(root, 'bin', 'partner-eval.js'), 'check', 'profiles', '--format', 'json', '--output', path.join(dir, 'report.json'), '--fail-on', 'never'], { cwd: dir, env: { ...process.env, PARTNER_EVAL_PEAK_MEMORY_FILE: rssFile, CI: 'true' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) {
    console.error(`check failed (exit ${run.status}):\n${run.stderr.slice(0, 2000)}`);
    process.exit(1);
  }
  return { ms, peakMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

// Rounds interleaved, so that whatever else the machine does falls on both; medians reported.
const floors = [];
const checks = [];
for (let i = 0; i < rounds; i++) {
  floors.push(floorRun());
  checks.push(checkRun());
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const floor = median(floors);
const check = median(checks.map((c) => c.ms));
const peakMb = Math.max(...checks.map((c) => c.peakMb));
const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
const spread = (xs) => `${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)} s`;

console.log(`median of ${rounds} interleaved rounds`);
console.log(`naive floor (1 core: read + yaml parseDocument): ${(floor / 1000).toFixed(2)} s (${(floor / count).toFixed(2)} ms per profile; rounds ${spread(floors)})`);
console.log(`partner-eval check, whole process:               ${(check / 1000).toFixed(2)} s (${report.summary.partners} partners, ${report.summary.opportunities} deals, ${report.summary.invalidFiles} invalid files; rounds ${spread(checks.map((c) => c.ms))})`);
console.log(`ratio check / floor: ${(check / floor).toFixed(2)} (target ≤ 0.60): ${check / floor <= 0.6 ? 'within target' : 'over target'}`);
console.log(`peak memory of check: ${peakMb.toFixed(0)} MB (target < 512 MB): ${peakMb < 512 ? 'within target' : 'over target'}`);
if (values.keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
