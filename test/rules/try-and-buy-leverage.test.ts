import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('try-and-buy-leverage', {
  flagged: [
    { name: 'custom system, 30-day unconditional return, customer prefers its vendor', opportunity: { customer: { incumbentVendor: 'BigIron', prefersIncumbent: true }, ask: { tryAndBuy: { systemValue: 400000, customized: true, returnDays: 30, unconditionalReturn: true } } }, severity: 'blocker', message: /^They ask for a \$400,000 custom system on an unconditional return within 30 days while preferring BigIron\.$/, evidence: ['opportunity.ask.tryAndBuy.customized', 'opportunity.customer.prefersIncumbent'] },
    // A longer unconditional return holds our system longer: worse, never better.
    ...[31, 60, 90].map((days) => ({ name: `the same $450,000 system on a ${days}-day unconditional return`, opportunity: { customer: { prefersIncumbent: true }, ask: { tryAndBuy: { systemValue: 450000, customized: true, returnDays: days, unconditionalReturn: true } } }, severity: 'blocker' as const, message: new RegExp(`\\$450,000 custom system on an unconditional return within ${days} days while preferring their usual vendor`) })),
    { name: 'custom system on unconditional return, no preferred vendor', opportunity: { customer: { prefersIncumbent: false }, ask: { tryAndBuy: { systemValue: 250000, customized: true, returnDays: 90, unconditionalReturn: true } } }, severity: 'high', message: /^They ask for a \$250,000 system built to their spec that they may return without a reason within 90 days\.$/ },
    { name: 'its value and window not known yet', opportunity: { customer: { prefersIncumbent: false }, ask: { tryAndBuy: { customized: true, unconditionalReturn: true } } }, severity: 'high', message: /^They ask for a system built to their spec that they may return without a reason\.$/ },
  ],
  passed: [
    { name: 'no loan asked', opportunity: { ask: { tryAndBuy: false } } },
    { name: 'a standard system on loan', opportunity: { ask: { tryAndBuy: { systemValue: 50000, customized: false } } } },
  ],
  unknown: [
    { name: 'whether they want a loan is not known', opportunity: {}, missing: ['opportunity.ask.tryAndBuy', 'opportunity.customer.prefersIncumbent'], possibleSeverity: 'blocker' },
    { name: 'a loan of unknown terms to a customer with no preferred vendor could only be high', opportunity: { customer: { prefersIncumbent: false } }, missing: ['opportunity.ask.tryAndBuy'], possibleSeverity: 'high' },
    { name: 'custom loan, return terms not known', opportunity: { ask: { tryAndBuy: { customized: true } } }, missing: ['opportunity.ask.tryAndBuy.unconditionalReturn', 'opportunity.customer.prefersIncumbent'], possibleSeverity: 'blocker' },
  ],
  notApplicable: [
    { name: 'an enablement deal that records no loan is not asked about one', opportunity: { kind: 'enablement', commitments: [] } },
    // The kind decides; the reason names the recorded ask it leaves unjudged.
    { name: 'a loan recorded on a deal labelled enablement', opportunity: { kind: 'enablement', ask: { tryAndBuy: { customized: true, unconditionalReturn: true } } }, reason: /^it judges customer deals only; this is an enablement deal, so its opportunity\.ask\.tryAndBuy\.customized, opportunity\.ask\.tryAndBuy\.unconditionalReturn are not judged$/ },
  ],
});
