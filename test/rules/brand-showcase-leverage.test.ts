import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('brand-showcase-leverage', {
  flagged: [{ name: 'wants our logo while buying from an incumbent', opportunity: { customer: { incumbentVendor: 'BigIron' }, ask: { showcaseOurBrand: true } }, severity: 'high', message: /while they buy from BigIron/, evidence: ['opportunity.ask.showcaseOurBrand'] }],
  passed: [{ name: 'no showcase asked', opportunity: { ask: { showcaseOurBrand: false } } }, { name: 'a customer that buys from nobody yet and prefers no one', opportunity: { ask: { showcaseOurBrand: true }, customer: { incumbentVendor: 'none', prefersIncumbent: false } } }],
  unknown: [{ name: 'showcase asked; incumbent not known', opportunity: { ask: { showcaseOurBrand: true } }, missing: ['opportunity.customer.prefersIncumbent', 'opportunity.customer.incumbentVendor'], possibleSeverity: 'high' },
    // No preference, but whether they buy from a vendor today is not recorded: not a pass.
    { name: 'showcase asked; no preferred vendor; incumbent not recorded', opportunity: { ask: { showcaseOurBrand: true }, customer: { prefersIncumbent: false } }, missing: ['opportunity.customer.incumbentVendor'], possibleSeverity: 'high' },
  ],
});
