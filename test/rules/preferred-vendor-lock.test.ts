import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('preferred-vendor-lock', {
  flagged: [{ name: 'prefers its vendor, no real evaluation', opportunity: { customer: { name: 'State University', incumbentVendor: 'BigIron', prefersIncumbent: true, evaluatesBidsSeriously: false } }, severity: 'blocker', message: /State University prefers BigIron and is not evaluating bids seriously/, evidence: ['opportunity.customer.prefersIncumbent', 'opportunity.customer.evaluatesBidsSeriously'] }],
  passed: [
    { name: 'no preferred vendor', opportunity: { customer: { prefersIncumbent: false } } },
    { name: 'prefers one, but evaluates seriously', opportunity: { customer: { prefersIncumbent: true, evaluatesBidsSeriously: true } } },
  ],
  unknown: [{ name: 'prefers one; evaluation not known', opportunity: { customer: { prefersIncumbent: true } }, missing: ['opportunity.customer.evaluatesBidsSeriously'] }],
  // Two demo units for the partner's own sales team have no customer to ask about.
  notApplicable: [{ name: 'an enablement deal has no customer', opportunity: { kind: 'enablement' } }],
});
