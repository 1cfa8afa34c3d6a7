import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('try-and-buy-leverage', {
  flagged: [
    { name: 'custom system, 30-day unconditional return, customer prefers its vendor', opportunity: { customer: { incumbentVendor: 'BigIron', prefersIncumbent: true }, ask: { tryAndBuy: { systemValue: 400000, customized: true, returnDays: 30, unconditionalReturn: true } } }, severity: 'blocker', message: /\$400,000 custom system on a 30-day unconditional return while preferring BigIron/, evidence: ['opportunity.ask.tryAndBuy.customized', 'opportunity.customer.prefersIncumbent'] },
    { name: 'custom system on unconditional return, 90 days', opportunity: { customer: { prefersIncumbent: true }, ask: { tryAndBuy: { systemValue: 250000, customized: true, returnDays: 90, unconditionalReturn: true } } }, severity: 'high', message: /\$250,000 system built to their spec/ },
  ],
  passed: [
    { name: 'no loan asked', opportunity: { ask: { tryAndBuy: false } } },
    { name: 'a standard system on loan', opportunity: { ask: { tryAndBuy: { systemValue: 50000, customized: false } } } },
  ],
  unknown: [
    { name: 'whether they want a loan is not known', opportunity: {}, missing: ['opportunity.ask.tryAndBuy', 'opportunity.customer.prefersIncumbent'], possibleSeverity: 'blocker' },
    { name: 'a loan of unknown terms to a customer with no preferred vendor could only be high', opportunity: { customer: { prefersIncumbent: false } }, missing: ['opportunity.ask.tryAndBuy'], possibleSeverity: 'high' },
    { name: 'custom loan, return terms not known', opportunity: { ask: { tryAndBuy: { customized: true } } }, missing: ['opportunity.ask.tryAndBuy.unconditionalReturn', 'opportunity.ask.tryAndBuy.returnDays', 'opportunity.customer.prefersIncumbent'], possibleSeverity: 'blocker' },
  ],
});
