// One self-contained HTML file a CEO can open, print or forward: the verdict, a chart of how the
// score was reached, a chart of who put what in, then the flags with their evidence and what to
// ask for instead, and the open questions. No script, no font, no image from anywhere: the charts
// are inline SVG drawn here, and a Content-Security-Policy keeps the page from fetching anything.
import { visibleButLineBreaks } from '../util/escape.js';
import { pointsOf, scoreBreakdown, type Scoring, type Verdict } from '../engine/score.js';
import type { BalanceRow } from '../engine/evaluate.js';
import { describeRange, describeUnsettled, FIND_OUT, questionGroups, type OpenQuestion, type Range } from '../engine/judgement.js';
import type { Finding } from '../engine/types.js';
import { formatMoney } from '../util/money.js';
import { DEFAULT_POINTS, DEFAULT_THRESHOLDS } from '../rubric/load.js';
import { compareSeverities, type Severity } from '../rubric/severity.js';
import { formatProblem } from '../util/errors.js';
import type { RenderOptions } from './index.js';
import { dealFindings, type OpportunityReport, type PartnerReport, type Report } from '../engine/report-model.js';
import { describeAsk, describeAtRisk } from './wording.js';
import { capitalize } from '../util/text.js';

/**
 * Text and attribute escaping. Line breaks are character references, which read the same in the
 * page, so that no text from a profile starts a line of the file (CI may print it).
 */
export function escapeHtml(text: string): string {
  // ESC, BEL and bidi overrides shown as `\x1b`: someone may `cat` the file, and a title bar renders them.
  return visibleButLineBreaks(text).replace(/[&<>"'\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}
const h = escapeHtml;

const VERDICT_CLASS: Record<Verdict, string> = { GO: 'go', CONDITIONAL: 'conditional', 'NO-GO': 'no-go' };
const SEVERITY_COLOR: Record<Severity, string> = { blocker: '#b42318', high: '#dc6803', medium: '#ca8504', low: '#667085', green: '#039855' };

/** A number rounded for SVG attributes: short, and no "1e-7". */
const n = (x: number) => String(Math.round(x * 10) / 10);

/** A label cut to `width` characters with an ellipsis: SVG does not wrap text (the full title is its tooltip). */
function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * The score as bars: one per counted flag (points taken) and green signal (points added), then
 * the score itself on the 0–100 scale. The verdict thresholds are drawn on the score bar.
 */
export function scoreChart(findings: readonly Finding[], score: number, scoring: Scoring, label: string, range?: Range): string {
  const { thresholds } = scoring;
  const counted = findings.filter((f) => f.outcome === 'flagged').sort((a, b) => compareSeverities(a.severity, b.severity));
  const rows = counted.map((f) => ({ label: f.title, value: (f.severity === 'green' ? 1 : -1) * pointsOf(f, scoring), color: SEVERITY_COLOR[f.severity], tip: `${f.title}: ${f.ruleId} (${f.severity})` }));
  const labelWidth = 270;
  const barArea = 330;
  const rowHeight = 24;
  const top = 10;
  const height = top + (rows.length + 1) * rowHeight + 44;
  const width = labelWidth + barArea + 60;
  const scale = barArea / 100;
  const out: string[] = [];
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const w = Math.max(2, Math.abs(row.value) * scale);
    out.push(
      `<text x="${labelWidth - 8}" y="${n(y + 16)}" text-anchor="end" class="label"><title>${h(row.tip)}</title>${h(clip(row.label, 38))}</text>`,
      `<rect class="bar" x="${labelWidth}" y="${n(y + 4)}" width="${n(w)}" height="16" rx="2" fill="${row.color}"><title>${h(`${row.label}: ${row.value > 0 ? '+' : '−'}${Math.abs(row.value)} points`)}</title></rect>`,
      `<text x="${n(labelWidth + w + 6)}" y="${n(y + 16)}" class="value">${row.value > 0 ? '+' : '−'}${Math.abs(row.value)}</text>`,
    );
  });
  const y = top + rows.length * rowHeight + 4;
  out.push(
    `<line x1="${labelWidth - 4}" x2="${labelWidth + barArea}" y1="${n(y)}" y2="${n(y)}" class="rule"/>`,
    `<text x="${labelWidth - 8}" y="${n(y + 20)}" text-anchor="end" class="label strong">Score</text>`,
    `<rect class="track" x="${labelWidth}" y="${n(y + 7)}" width="${barArea}" height="18" rx="3"/>`,
    `<rect class="bar score" x="${labelWidth}" y="${n(y + 7)}" width="${n(Math.max(2, score * scale))}" height="18" rx="3"><title>Score ${score} of 100</title></rect>`,
    `<text x="${n(labelWidth + barArea + 6)}" y="${n(y + 21)}" class="value strong">${score}</text>`,
  );
  // Where the open questions could still take the score: a band from the worst case to the best.
  if (range && range.worst.score !== range.best.score) {
    const tip = `Until the open questions are answered: ${range.worst.score} (${range.worst.verdict}) at worst, ${range.best.score} (${range.best.verdict}) at best`;
    out.push(`<rect class="range" x="${n(labelWidth + range.worst.score * scale)}" y="${n(y + 2)}" width="${n(Math.max(2, (range.best.score - range.worst.score) * scale))}" height="28" rx="3"><title>${h(tip)}</title></rect>`);
  }
  {
    for (const [name, at] of [['NO-GO below', thresholds.noGo], ['GO at', thresholds.go]] as const) {
      const x = labelWidth + at * scale;
      out.push(`<line x1="${n(x)}" x2="${n(x)}" y1="${n(y + 4)}" y2="${n(y + 28)}" class="threshold"/><text x="${n(x)}" y="${n(y + 40)}" text-anchor="middle" class="tick">${name} ${at}</text>`);
    }
  }
  const { taken, added, raw, cap } = scoreBreakdown(counted, scoring);
  const open = range && range.worst.score !== range.best.score ? ` Open questions: ${range.worst.score}–${range.best.score}.` : '';
  const why = cap && raw > cap.at ? `kept below ${cap.at + 1}, as a ${cap.by} is flagged` : 'kept within 0–100';
  const summary = `100 − ${taken} for flags + ${added} for green signals = ${raw}${raw !== score ? `, ${why}: ${score}` : ''}.${open}`;
  out.push(`<text x="0" y="${n(height + 2)}" class="tick">${h(summary)}</text>`);
  return `<svg class="chart score-chart" role="img" aria-label="${h(`${label}: ${summary}`)}" viewBox="0 0 ${width} ${height + 8}" width="${width}" height="${height + 8}" xmlns="http://www.w3.org/2000/svg"><title>${h(`${label}: ${summary}`)}</title>${out.join('')}</svg>`;
}

/** Ours and theirs, kind by kind, on one money scale, then the totals. */
export function balanceChart(balance: readonly BalanceRow[], currency: string, label: string): string {
  const totals = { kind: 'total', ours: balance.reduce((s, r) => s + r.ours, 0), theirs: balance.reduce((s, r) => s + r.theirs, 0) };
  const rows = [...balance, totals];
  const max = Math.max(1, ...rows.flatMap((r) => [r.ours, r.theirs]));
  const labelWidth = 130;
  const barArea = 380;
  const rowHeight = 44;
  const top = 28;
  const width = labelWidth + barArea + 110;
  const height = top + rows.length * rowHeight + 6;
  const out: string[] = [
    `<rect x="${labelWidth}" y="6" width="12" height="12" class="ours"/><text x="${labelWidth + 18}" y="16" class="tick">we put in</text>`,
    `<rect x="${labelWidth + 110}" y="6" width="12" height="12" class="theirs"/><text x="${labelWidth + 128}" y="16" class="tick">the partner put in</text>`,
  ];
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const strong = row.kind === 'total' ? ' strong' : '';
    out.push(`<text x="${labelWidth - 8}" y="${n(y + 24)}" text-anchor="end" class="label${strong}">${h(row.kind)}</text>`);
    for (const [side, value, dy] of [['ours', row.ours, 4], ['theirs', row.theirs, 22]] as const) {
      const w = value > 0 ? Math.max(2, (value / max) * barArea) : 0;
      out.push(
        `<rect class="bar ${side}" x="${labelWidth}" y="${n(y + dy)}" width="${n(w)}" height="16" rx="2"><title>${h(`${row.kind}, ${side === 'ours' ? 'us' : 'partner'}: ${formatMoney(value, currency)}`)}</title></rect>`,
        `<text x="${n(labelWidth + w + 6)}" y="${n(y + dy + 12)}" class="value${strong}">${h(formatMoney(value, currency))}</text>`,
      );
    }
  });
  const summary = `we put in ${formatMoney(totals.ours, currency)}, the partner ${formatMoney(totals.theirs, currency)}`;
  return `<svg class="chart balance-chart" role="img" aria-label="${h(`${label}: ${summary}`)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${h(`${label}: ${summary}`)}</title>${out.join('')}</svg>`;
}

function evidenceList(f: Finding): string {
  if (f.evidence.length === 0) return '';
  return `<ul class="evidence">${f.evidence.map((e) => `<li><code>${h(`${e.file}:${e.line}:${e.column}`)}</code> ${h(e.path)}</li>`).join('')}</ul>`;
}

function findingsSection(findings: readonly Finding[], questions: readonly OpenQuestion[], options: RenderOptions): string {
  const flags = findings.filter((f) => (f.outcome === 'flagged' || f.outcome === 'waived') && f.severity !== 'green');
  const greens = findings.filter((f) => f.outcome === 'flagged' && f.severity === 'green');
  const rest = options.verbose ? findings.filter((f) => f.outcome === 'passed' || f.outcome === 'not-applicable') : [];
  const parts: string[] = [];
  if (flags.length > 0) {
    parts.push('<h4>Red flags</h4><ol class="findings">');
    for (const f of flags) {
      const waived = f.outcome === 'waived' ? `<p class="waived">Waived by ${h(f.waiver!.approvedBy)} until ${h(f.waiver!.expires)}: ${h(f.waiver!.reason)}</p>` : '';
      const expired = f.expiredWaiver ? `<p class="waived">A waiver expired on ${h(f.expiredWaiver.expires)}: ${h(f.expiredWaiver.reason)}</p>` : '';
      parts.push(
        `<li class="finding ${f.outcome}"><span class="severity ${f.severity}">${h(f.severity)}</span> <strong>${h(f.title)}</strong> <code class="rule-id">${h(f.ruleId)}</code>`,
        `<p>${h(f.message ?? '')}</p>${evidenceList(f)}${waived}${expired}`,
        f.possibleSeverity && f.outcome === 'flagged' ? `<p class="could-be">Could be ${h(f.possibleSeverity)} once known: ${h(f.question ?? '')}</p>` : '',
        f.mitigation && options.quiet !== true ? `<p class="ask"><strong>Ask instead:</strong> ${h(f.mitigation)}</p>` : '',
        '</li>',
      );
    }
    parts.push('</ol>');
  }
  if (questions.length > 0 && !options.quiet) {
    const { deciding, lowering, rest } = questionGroups(questions);
    const item = (q: OpenQuestion) => `<li class="${q.decidesVerdict ? 'decides' : ''}"><span class="severity ${q.possibleSeverity}">${h(q.possibleSeverity)}</span> ${h(q.question)} <span class="muted">(${q.swing > 0 ? `up to −${q.swing} points; ` : ''}${h(q.rules.join(', '))}; <code>${h(q.field)}</code>)</span></li>`;
    if (deciding.length) parts.push(`<h4>Find out first: ${deciding.length} fact(s) decide the verdict</h4><ol class="questions">${deciding.map(item).join('')}</ol>`);
    if (lowering.length) parts.push(`<h4>${lowering.length}${deciding.length ? ' more' : ''} could add red flags</h4><ol class="questions">${lowering.map(item).join('')}</ol>`);
    if (rest.length && options.verbose) parts.push(`<h4>${rest.length} could only add a green signal</h4><ol class="questions">${rest.map(item).join('')}</ol>`);
  }
  if (greens.length > 0 && !options.quiet) {
    parts.push('<h4>Green signals</h4><ul class="greens">');
    for (const f of greens) parts.push(`<li><strong>${h(f.title)}</strong>: ${h(f.message ?? '')}</li>`);
    parts.push('</ul>');
  }
  if (rest.length > 0) {
    parts.push(`<h4>Other outcomes</h4><ul class="muted">${rest.map((f) => `<li>${h(f.outcome)}: ${h(f.title)}${f.reason ? ` (${h(f.reason)})` : ''}</li>`).join('')}</ul>`);
  }
  return parts.join('');
}

function verdictBadge(e: Pick<PartnerReport, 'verdict' | 'score' | 'range' | 'openQuestions'>): string {
  const unsettled = e.range.settled ? '' : ` <span class="unsettled" data-unsettled="true">${describeUnsettled(e.range)}</span>`;
  return `<span class="verdict ${VERDICT_CLASS[e.verdict]}" data-verdict="${e.verdict}">${e.verdict}</span> <span class="score">score ${h(describeRange(e))}</span>${unsettled}`;
}

function conditionsList(conditions: readonly string[], verdict: Verdict): string {
  if (verdict !== 'CONDITIONAL' || conditions.length === 0) return '';
  // The facts to find out are listed with their questions below: one line points at them.
  const findOut = conditions.filter((c) => c.startsWith(FIND_OUT)).length;
  const lines = [...(findOut ? [`Find out the ${findOut === 1 ? 'fact' : `${findOut} facts`} under “Find out first” below.`] : []), ...conditions.filter((c) => !c.startsWith(FIND_OUT))];
  return `<div class="conditions"><h4>GO only if</h4><ul>${lines.map((c) => `<li>${h(c)}</li>`).join('')}</ul></div>`;
}

function dealSection(deal: OpportunityReport, options: RenderOptions): string {
  const value = deal.value === null ? '' : ` · value ${h(formatMoney(deal.value, deal.currency))}`;
  return [
    `<section class="deal" id="${h(`deal-${deal.partnerId ?? 'direct'}-${deal.id}`)}">`,
    `<h3>${h(deal.name)} ${verdictBadge(deal)}</h3>`,
    `<p class="facts">Capital at risk <strong>${h(describeAtRisk(deal))}</strong>${value} · ${h(capitalize(describeAsk(deal)))} · <code>${h(`${deal.file}:${deal.line}`)}</code></p>`,
    conditionsList(deal.conditions, deal.verdict),
    findingsSection(dealFindings(deal), deal.partnerId === null ? deal.openQuestions : deal.openQuestions.filter((q) => q.field.startsWith('opportunity.')), options),
    '</section>',
  ].join('');
}

function partnerSection(p: PartnerReport, options: HtmlOptions): string {
  const { ours, theirs, skinRatio, currency } = p.capital;
  const money = (x: number | null) => (x === null ? 'unknown' : formatMoney(x, currency));
  const balance = p.balance.length > 0
    ? balanceChart(p.balance, currency, `Investment balance of ${p.name}`)
    : '<p class="muted">No investment ledger: what each side put in is unknown.</p>';
  return [
    `<section class="partner" id="${h(`partner-${p.id}`)}">`,
    `<h2>${h(p.name)} ${verdictBadge(p)}</h2>`,
    `<p class="facts">We put in <strong>${h(money(ours))}</strong> · the partner <strong>${h(money(theirs))}</strong> · skin ratio <strong>${skinRatio === null ? '—' : skinRatio.toFixed(2)}</strong> · <code>${h(p.file)}</code></p>`,
    conditionsList(p.conditions, p.verdict),
    '<div class="charts">',
    `<figure><figcaption>How the score was reached</figcaption>${scoreChart(p.findings, p.score, options, `Score breakdown of ${p.name}`, p.range)}</figure>`,
    `<figure><figcaption>Who put what in</figcaption>${balance}</figure>`,
    '</div>',
    findingsSection(p.findings, p.openQuestions, options),
    ...p.opportunities.map((o) => dealSection(o, options)),
    '</section>',
  ].join('');
}

function directDealSection(deal: OpportunityReport, options: HtmlOptions): string {
  return [
    `<section class="partner direct" id="${h(`deal-direct-${deal.id}`)}">`,
    `<h2>${h(deal.name)} <span class="muted">(direct deal)</span> ${verdictBadge(deal)}</h2>`,
    `<p class="facts">Capital at risk <strong>${h(describeAtRisk(deal))}</strong> · ${h(capitalize(describeAsk(deal)))} · <code>${h(deal.file)}</code></p>`,
    conditionsList(deal.conditions, deal.verdict),
    `<div class="charts"><figure><figcaption>How the score was reached</figcaption>${scoreChart(deal.findings, deal.score, options, `Score breakdown of ${deal.name}`, deal.range)}</figure></div>`,
    findingsSection(deal.findings, deal.openQuestions, options),
    '</section>',
  ].join('');
}

const STYLE = `
:root { color-scheme: light; --go: #067647; --conditional: #b54708; --no-go: #b42318; --ours: #1f6feb; --theirs: #e8590c; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #101828; margin: 0; background: #f9fafb; }
main { max-width: 1080px; margin: 0 auto; padding: 24px; }
header h1 { font-size: 22px; margin: 0 0 4px; }
.muted, header p { color: #475467; }
.summary { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0 24px; padding: 0; list-style: none; }
.summary li { background: #fff; border: 1px solid #eaecf0; border-radius: 8px; padding: 8px 14px; }
section.partner { background: #fff; border: 1px solid #eaecf0; border-radius: 12px; padding: 20px 24px; margin-bottom: 24px; page-break-inside: avoid; }
section.deal { border-top: 1px solid #eaecf0; margin-top: 20px; padding-top: 12px; }
h2 { font-size: 20px; margin: 0 0 6px; } h3 { font-size: 17px; margin: 0 0 6px; } h4 { margin: 18px 0 6px; font-size: 15px; }
.verdict { display: inline-block; font-size: 14px; font-weight: 700; letter-spacing: .04em; color: #fff; padding: 2px 10px; border-radius: 999px; vertical-align: middle; }
.verdict.go { background: var(--go); } .verdict.conditional { background: var(--conditional); } .verdict.no-go { background: var(--no-go); }
.score { font-size: 14px; color: #475467; vertical-align: middle; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; margin: 12px 0; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; }
svg .label { font-size: 12px; fill: #344054; } svg .value { font-size: 12px; fill: #344054; } svg .tick { font-size: 11px; fill: #475467; }
svg .strong { font-weight: 700; } svg .rule { stroke: #d0d5dd; } svg .track { fill: #f2f4f7; }
svg .score { fill: #344054; } svg .threshold { stroke: #101828; stroke-dasharray: 3 2; }
svg .ours { fill: var(--ours); } svg .theirs { fill: var(--theirs); }
svg .range { fill: #f79009; fill-opacity: .25; stroke: #b54708; stroke-dasharray: 4 2; }
.unsettled { font-size: 13px; color: #b54708; border: 1px dashed #b54708; border-radius: 999px; padding: 0 8px; vertical-align: middle; }
.questions li.decides { font-weight: 600; }
.severity { display: inline-block; min-width: 64px; text-align: center; font-size: 12px; font-weight: 700; text-transform: uppercase; border-radius: 4px; padding: 0 6px; color: #fff; }
.severity.blocker { background: #b42318; } .severity.high { background: #dc6803; } .severity.medium { background: #ca8504; } .severity.low { background: #667085; } .severity.green { background: #039855; }
.findings > li { margin-bottom: 12px; } .findings p { margin: 4px 0; }
.finding.waived > strong { text-decoration: line-through; }
.waived, .could-be { color: #475467; font-style: italic; }
.ask { background: #f0f9ff; border-left: 3px solid #1f6feb; padding: 4px 10px; }
.conditions { background: #fffaeb; border: 1px solid #fedf89; border-radius: 8px; padding: 4px 16px; margin: 10px 0; }
ul.evidence { margin: 2px 0; padding-left: 18px; font-size: 13px; color: #475467; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
code.rule-id { color: #475467; }
.problems { background: #fef3f2; border: 1px solid #fecdca; border-radius: 8px; padding: 8px 16px; }
footer { color: #475467; font-size: 13px; margin-top: 24px; }
@media print { body { background: #fff; } section.partner { border: none; } }
`;

export interface HtmlOptions extends RenderOptions {
  points: Record<Severity, number>;
  thresholds: { go: number; noGo: number };
}

export function renderHtml(report: Report, options: RenderOptions): string {
  const html: HtmlOptions = { ...options, points: options.points ?? DEFAULT_POINTS, thresholds: options.thresholds ?? DEFAULT_THRESHOLDS };
  const s = report.summary;
  const only = report.partners.length === 1 && report.opportunities.length === 0 ? report.partners[0] : undefined;
  const title = only ? `${only.name}: ${only.verdict}` : `Partner report: ${s.noGo} NO-GO, ${s.conditional} CONDITIONAL, ${s.go} GO`;
  const problems = report.problems.length > 0
    ? `<section class="problems"><h2>Files that could not be judged</h2><ul>${report.problems.map((p) => `<li><code>${h(formatProblem(p))}</code></li>`).join('')}</ul></section>`
    : '';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // Nothing may be fetched: the file must read the same offline, in a mail attachment, in ten years.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title><style>${STYLE}</style></head><body><main>`,
    `<header><h1>${h(title)}</h1><p>Assessed as of ${h(report.assessedOn)} with rubric ${h(report.rubric.name)} v${report.rubric.version}, by ${h(report.tool.name)} ${h(report.tool.version)}.</p>`,
    `<ul class="summary"><li>${s.partners - s.ended} partner(s)</li><li>${s.opportunities} deal(s)</li><li><span class="verdict no-go">NO-GO</span> ${s.noGo}</li><li><span class="verdict conditional">CONDITIONAL</span> ${s.conditional}</li><li><span class="verdict go">GO</span> ${s.go}</li>${s.unsettled ? `<li><span class="unsettled">unsettled</span> ${s.unsettled}</li>` : ''}${s.ended ? `<li>${s.ended} ended partnership(s) left out</li>` : ''}</ul></header>`,
    problems,
    ...report.partners.map((p) => partnerSection(p, html)),
    ...report.opportunities.map((o) => directDealSection(o, html)),
    `<footer>Scores start at 100; each flag takes its severity's points (${Object.entries(html.points).filter(([k]) => k !== 'green').map(([k, v]) => `${k} ${v}`).join(', ')}) and each green signal adds ${html.points.green}, within 0–100. A flagged blocker means NO-GO; a flagged high means CONDITIONAL at best. ${report.rubric.decideOn === 'blockers' ? 'A GO is held at CONDITIONAL while an open question could reveal a blocker.' : 'A GO is held at CONDITIONAL while open questions, answered badly, could take it away.'}</footer>`,
    '</main></body></html>',
    '',
  ].join('\n');
}
